package io.github.sfstreaming.pubsub;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a Pub/Sub subscription starts: one of Salesforce's presets, or after a stored replay id.
 *
 * @param preset the preset; {@link Preset#CUSTOM} when starting after {@code replayId}
 * @param replayId the replay id to start after, only with {@link Preset#CUSTOM}
 */
public record PubSubStart(Preset preset, @Nullable PubSubReplayId replayId) {

	/** Salesforce's replay presets. */
	public enum Preset {

		/** Only events published after the subscription starts. */
		LATEST,

		/** Every event still retained. */
		EARLIEST,

		/** The events after a given replay id. */
		CUSTOM

	}

	public PubSubStart {
		Objects.requireNonNull(preset, "preset");
		if ((preset == Preset.CUSTOM) != (replayId != null)) {
			throw new IllegalArgumentException("A replay id goes with the CUSTOM preset, and only with it");
		}
	}

	/** New events only. */
	public static PubSubStart latest() {
		return new PubSubStart(Preset.LATEST, null);
	}

	/** Every retained event, then new ones. */
	public static PubSubStart earliest() {
		return new PubSubStart(Preset.EARLIEST, null);
	}

	/**
	 * The events after a stored replay id.
	 * @param replayId the replay id of the last event handled
	 * @return the start
	 */
	public static PubSubStart after(PubSubReplayId replayId) {
		return new PubSubStart(Preset.CUSTOM, Objects.requireNonNull(replayId, "replayId"));
	}

}
