package io.github.sfstreaming.replay;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a subscription starts: after a given replay id, or one of Salesforce's two presets. A replay id is either
 * a CometD number ({@link ReplayIdFormat#NUMERIC}) or a Pub/Sub API id ({@link ReplayIdFormat#OPAQUE}: bytes,
 * stored and sent back as received). The presets mean the same on both transports. Immutable.
 */
public final class ReplayPosition {

	/** Only events published after the subscription ({@code -1}; Pub/Sub's {@code LATEST}). */
	public static final ReplayPosition NEW_EVENTS = new ReplayPosition(-1);

	/** Every event still retained by Salesforce (24 or 72 hours), then new ones ({@code -2}; Pub/Sub's {@code EARLIEST}). */
	public static final ReplayPosition ALL_EVENTS = new ReplayPosition(-2);

	private final long value;

	private final byte @Nullable [] bytes;

	/**
	 * A numeric position, as sent in the replay extension of {@code /meta/subscribe}.
	 * @param value {@code -1} for new events only, {@code -2} for every retained event, otherwise a replay id
	 */
	public ReplayPosition(long value) {
		if (value < -2) {
			throw new IllegalArgumentException("Replay position must be -1, -2 or a replay id >= 0, was " + value);
		}
		this.value = value;
		this.bytes = null;
	}

	private ReplayPosition(byte[] bytes) {
		this.value = Long.MIN_VALUE;
		this.bytes = bytes;
	}

	/**
	 * Returns the position right after the given CometD replay id.
	 * @param replayId an event's replay id
	 * @return the position
	 */
	public static ReplayPosition after(long replayId) {
		if (replayId < 0) {
			throw new IllegalArgumentException("replayId must be >= 0, was " + replayId);
		}
		return new ReplayPosition(replayId);
	}

	/**
	 * Returns the position right after the event with the given Pub/Sub API replay id.
	 * @param replayId the id's bytes, exactly as Salesforce sent them; copied
	 * @return the position
	 * @throws IllegalArgumentException if there are no bytes
	 */
	public static ReplayPosition afterOpaque(byte[] replayId) {
		if (replayId == null || replayId.length == 0) {
			throw new IllegalArgumentException("A Pub/Sub replay id needs at least one byte");
		}
		return new ReplayPosition(replayId.clone());
	}

	/**
	 * The numeric value: {@code -1}, {@code -2} or a CometD replay id.
	 * @return the value
	 * @throws IllegalStateException for an opaque Pub/Sub replay id, which has no numeric value
	 */
	public long value() {
		if (this.bytes != null) {
			throw new IllegalStateException("A Pub/Sub replay id is opaque: it has no numeric value");
		}
		return this.value;
	}

	/**
	 * The bytes of an opaque Pub/Sub replay id.
	 * @return a copy of the bytes
	 * @throws IllegalStateException for a preset or a numeric replay id
	 */
	public byte[] bytes() {
		byte[] bytes = this.bytes;
		if (bytes == null) {
			throw new IllegalStateException(this + " is not an opaque Pub/Sub replay id");
		}
		return bytes.clone();
	}

	/** Whether this is one of the presets rather than a replay id. */
	public boolean isPreset() {
		return this.bytes == null && this.value < 0;
	}

	/** Whether this is an opaque Pub/Sub replay id. */
	public boolean isOpaque() {
		return this.bytes != null;
	}

	/**
	 * Whether this position may be used by a transport whose ids have the given format: a preset by either, a
	 * replay id only by its own.
	 * @param format the transport's format
	 * @return whether it fits
	 */
	public boolean fits(ReplayIdFormat format) {
		return isPreset() || (format == ReplayIdFormat.OPAQUE) == isOpaque();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ReplayPosition position && this.value == position.value
				&& Arrays.equals(this.bytes, position.bytes);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value, Arrays.hashCode(this.bytes));
	}

	@Override
	public String toString() {
		byte[] bytes = this.bytes;
		if (bytes != null) {
			return "opaque:" + HexFormat.of().formatHex(bytes);
		}
		return (this.value == -1) ? "NEW_EVENTS(-1)" : (this.value == -2) ? "ALL_EVENTS(-2)" : Long.toString(this.value);
	}

}
