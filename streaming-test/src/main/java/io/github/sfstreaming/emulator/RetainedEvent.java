package io.github.sfstreaming.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * One published event as kept for replay.
 *
 * @param replayId its replay id, unique and increasing within its channel
 * @param publishedAt when it was published, for the retention age
 * @param data the {@code data} of the Bayeux message, never changed once built
 */
record RetainedEvent(long replayId, Instant publishedAt, Map<String, Object> data) {
}
