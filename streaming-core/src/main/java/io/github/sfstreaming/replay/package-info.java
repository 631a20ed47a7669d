/**
 * Replay ids: the {@link io.github.sfstreaming.replay.ReplayStore} SPI, an in-memory store and the replay
 * positions and policies a subscription uses.
 */
@NullMarked
package io.github.sfstreaming.replay;

import org.jspecify.annotations.NullMarked;
