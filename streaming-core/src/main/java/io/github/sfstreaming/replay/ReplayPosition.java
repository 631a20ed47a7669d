package io.github.sfstreaming.replay;

/**
 * Where a subscription starts, as sent in the replay extension of {@code /meta/subscribe}: after a given
 * replay id, or one of Salesforce's two presets.
 *
 * @param value {@code -1} for new events only, {@code -2} for every retained event, otherwise a replay id
 */
public record ReplayPosition(long value) {

	/** Only events published after the subscription ({@code -1}). */
	public static final ReplayPosition NEW_EVENTS = new ReplayPosition(-1);

	/** Every event still retained by Salesforce (24 or 72 hours), then new ones ({@code -2}). */
	public static final ReplayPosition ALL_EVENTS = new ReplayPosition(-2);

	public ReplayPosition {
		if (value < -2) {
			throw new IllegalArgumentException("Replay position must be -1, -2 or a replay id >= 0, was " + value);
		}
	}

	/**
	 * Returns the position right after the given replay id.
	 * @param replayId an event's replay id
	 * @return the position
	 */
	public static ReplayPosition after(long replayId) {
		if (replayId < 0) {
			throw new IllegalArgumentException("replayId must be >= 0, was " + replayId);
		}
		return new ReplayPosition(replayId);
	}

	/** Whether this is one of the presets rather than a stored replay id. */
	public boolean isPreset() {
		return this.value < 0;
	}

	@Override
	public String toString() {
		return (this.value == -1) ? "NEW_EVENTS(-1)" : (this.value == -2) ? "ALL_EVENTS(-2)" : Long.toString(this.value);
	}

}
