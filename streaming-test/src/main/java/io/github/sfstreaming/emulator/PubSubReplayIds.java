package io.github.sfstreaming.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.zip.CRC32;

import com.google.protobuf.ByteString;

/**
 * The Pub/Sub API's opaque replay ids: a channel's replay id as 13 bytes that a client cannot read as a number
 * (the id is masked per channel) and that carry a checksum, so a changed or foreign id is told apart
 * ({@code replayid.corrupted}) from a well-formed one that is no longer retained ({@code validation.failed}).
 */
final class PubSubReplayIds {

	private static final byte VERSION = 0x5E;

	private static final int LENGTH = 13;

	private PubSubReplayIds() {
	}

	static ByteString encode(String channel, long replayId) {
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
		buffer.put(VERSION);
		buffer.putLong(replayId ^ mask(channel));
		buffer.putInt(checksum(channel, replayId));
		return ByteString.copyFrom(buffer.array());
	}

	/**
	 * The channel's replay id in the bytes, or empty if they are not an id of this channel made by
	 * {@link #encode}.
	 */
	static OptionalLong decode(String channel, ByteString bytes) {
		if (bytes.size() != LENGTH) {
			return OptionalLong.empty();
		}
		ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
		if (buffer.get() != VERSION) {
			return OptionalLong.empty();
		}
		long replayId = buffer.getLong() ^ mask(channel);
		if (replayId < 0 || buffer.getInt() != checksum(channel, replayId)) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(replayId);
	}

	private static long mask(String channel) {
		long hash = 0x9E3779B97F4A7C15L;
		for (byte b : channel.getBytes(StandardCharsets.UTF_8)) {
			hash = (hash ^ b) * 0x100000001B3L;
		}
		return hash;
	}

	private static int checksum(String channel, long replayId) {
		CRC32 crc = new CRC32();
		crc.update(channel.getBytes(StandardCharsets.UTF_8));
		crc.update(ByteBuffer.allocate(Long.BYTES).putLong(replayId).array());
		return (int) crc.getValue();
	}

}
