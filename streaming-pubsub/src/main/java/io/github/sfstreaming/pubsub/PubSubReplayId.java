package io.github.sfstreaming.pubsub;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Pub/Sub API replay id: opaque bytes, stored and sent back exactly as received. It is never read as a number
 * nor compared for order; only equality is meaningful. Immutable.
 */
public final class PubSubReplayId {

	private final byte[] bytes;

	private PubSubReplayId(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * A replay id from its bytes, as stored.
	 * @param bytes the bytes, not empty; copied
	 * @return the replay id
	 * @throws IllegalArgumentException if there are no bytes
	 */
	public static PubSubReplayId of(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new IllegalArgumentException("A Pub/Sub replay id needs at least one byte");
		}
		return new PubSubReplayId(bytes.clone());
	}

	/**
	 * The bytes, to store.
	 * @return a copy of the bytes
	 */
	public byte[] toByteArray() {
		return this.bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PubSubReplayId id && Arrays.equals(this.bytes, id.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "PubSubReplayId[" + HexFormat.of().formatHex(this.bytes) + "]";
	}

}
