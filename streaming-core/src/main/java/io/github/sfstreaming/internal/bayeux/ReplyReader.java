package io.github.sfstreaming.internal.bayeux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.sfstreaming.logging.ServerText;

/**
 * Reads a Bayeux response, a JSON array of messages, as its bytes arrive, so that the size limit applies to each
 * message rather than to the whole response: one connect reply may carry a whole backlog, far larger than any
 * message. Each message's tree is built as its tokens arrive, in one pass. A message over the limit is not kept:
 * its bytes are skipped, and what identifies it (its channel and replay id) is kept in an {@link OversizedMessage}
 * that stands in for it. With an event sink, each event (a message of a non-meta channel with {@code data}, or the
 * stand-in of one over the limit) is handed to it as soon as its last byte is read, and not kept: a backlog can
 * then be handled while the rest of it is still arriving, and is not held in memory whole. One reader per
 * response; not thread-safe.
 */
final class ReplyReader {

	private static final byte[] NOTHING = {};

	private final int maxMessageSize;

	private final JsonParser parser;

	private final ByteArrayFeeder feeder;

	private final TreeBuilder tree;

	private final List<JsonNode> messages = new ArrayList<>();

	/** Given each event as soon as it is complete, instead of the list; {@code null} to keep them all. */
	private final @Nullable Consumer<JsonNode> eventSink;

	/** How many events went to the sink. */
	private long streamed;

	/** The end of the last chunk, when it stopped inside an escape: parsed with the next chunk. */
	private byte[] heldBack = NOTHING;

	/** Whether the first token was read, and so whether the answer is an array or a single message. */
	private boolean started;

	private boolean array;

	private boolean ended;

	/** Nesting within the current message: 0 between messages. */
	private int depth;

	/** Where the current message starts, in bytes from the start of the response. */
	private long start;

	/** Whether the current message's tree is being built: not once it is over the limit (nor between messages). */
	private boolean building;

	private @Nullable String channel;

	private long replayId = -1;

	ReplyReader(JsonMapper jsonMapper, int maxMessageSize) {
		this(jsonMapper, maxMessageSize, null);
	}

	/**
	 * Creates a reader that hands the events of the response to a sink as they are read.
	 * @param eventSink given each event (in the order received, on the thread that feeds the reader) as soon as
	 * it is complete; the events are then not among {@link #finish()}'s messages. {@code null} to keep them all
	 */
	ReplyReader(JsonMapper jsonMapper, int maxMessageSize, @Nullable Consumer<JsonNode> eventSink) {
		this.maxMessageSize = maxMessageSize;
		this.eventSink = eventSink;
		this.tree = new TreeBuilder(jsonMapper.deserializationConfig());
		this.parser = jsonMapper.createNonBlockingByteArrayParser();
		this.feeder = (ByteArrayFeeder) this.parser.nonBlockingInputFeeder();
	}

	/**
	 * Reads the messages a chunk of the response completes, and releases the chunk.
	 * @param buffer the next bytes of the response
	 */
	void feed(DataBuffer buffer) {
		byte[] bytes;
		int held = this.heldBack.length;
		try {
			bytes = new byte[held + buffer.readableByteCount()];
			System.arraycopy(this.heldBack, 0, bytes, 0, held);
			buffer.read(bytes, held, bytes.length - held);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		int end = bytes.length - incompleteEscape(bytes);
		this.heldBack = (end < bytes.length) ? Arrays.copyOfRange(bytes, end, bytes.length) : NOTHING;
		if (end == 0) {
			return;
		}
		parse(bytes, end);
		if (this.building && offset() - this.start > this.maxMessageSize) {
			// over the limit before its end: stop keeping it now, not once all of it is in memory
			this.building = false;
			this.tree.reset();
		}
	}

	/**
	 * Reads the end of the response.
	 * @return its messages, in order, with an {@link OversizedMessage} for each one over the limit; without the
	 * events handed to the sink, if there is one
	 * @throws BayeuxException when the response is not a complete JSON array of Bayeux messages
	 */
	List<JsonNode> finish() {
		if (this.heldBack.length > 0) {
			parse(this.heldBack, this.heldBack.length);
		}
		parse(null, 0);
		this.parser.close();
		if (!this.ended || (this.messages.isEmpty() && this.streamed == 0)) {
			throw notMessages();
		}
		return this.messages;
	}

	/**
	 * Gives the parser bytes, or the end of the input, and reads the tokens they complete.
	 * @param bytes the bytes, {@code null} for the end of the input
	 * @param end how many of them
	 */
	private void parse(byte @Nullable [] bytes, int end) {
		try {
			if (bytes != null) {
				this.feeder.feedInput(bytes, 0, end);
			}
			else {
				this.feeder.endOfInput();
			}
			JsonToken token;
			while ((token = this.parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
				read(token);
			}
		}
		catch (JacksonException ex) {
			throw notJson(ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			// a number cut short by the end of the input ("1e") reaches the tree as a token that does not parse
			throw notJson("malformed number: " + ex.getMessage());
		}
	}

	private static BayeuxException notJson(String problem) {
		return new BayeuxException(BayeuxErrorKind.MALFORMED,
				"The server's answer is not JSON (" + ServerText.escape(problem) + ")", null, null, null);
	}

	private void read(JsonToken token) {
		if (this.ended) {
			throw notMessages();
		}
		if (!this.started) {
			this.started = true;
			this.array = token == JsonToken.START_ARRAY;
			if (this.array) {
				return;
			}
		}
		if (this.depth == 0) {
			if (this.array && token == JsonToken.END_ARRAY) {
				this.ended = true;
				return;
			}
			if (token != JsonToken.START_OBJECT) {
				throw notMessages();
			}
			startMessage();
		}
		JsonNode complete = this.building ? this.tree.add(this.parser, token) : null;
		if (token.isStructStart()) {
			this.depth++;
		}
		else if (token.isStructEnd()) {
			this.depth--;
		}
		else if (this.depth == 1 || this.depth == 3) {
			remember(token);
		}
		if (this.depth == 0) {
			endMessage(complete);
		}
	}

	private void startMessage() {
		// the parser is just past the message's '{', one byte (its token location is not always where it starts)
		this.start = offset() - 1;
		this.building = true;
		this.channel = null;
		this.replayId = -1;
	}

	/** Keeps what identifies the message, should it turn out too large to keep whole. */
	private void remember(JsonToken token) {
		TokenStreamContext context = this.parser.streamReadContext();
		if (this.depth == 1 && token == JsonToken.VALUE_STRING && "channel".equals(context.currentName())) {
			this.channel = this.parser.getString();
		}
		else if (this.depth == 3 && token == JsonToken.VALUE_NUMBER_INT && "replayId".equals(context.currentName())
				&& "event".equals(context.getParent().currentName())
				&& "data".equals(context.getParent().getParent().currentName())
				&& this.parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			this.replayId = this.parser.getLongValue();
		}
	}

	/** Ends the current message, given its tree, or {@code null} when it was not built (over the limit). */
	private void endMessage(@Nullable JsonNode complete) {
		long size = offset() - this.start;
		this.building = false;
		if (complete != null && size <= this.maxMessageSize) {
			keep(complete);
			if (!this.array) {
				this.ended = true;
			}
			return;
		}
		String channel = this.channel;
		if (channel == null || channel.isEmpty() || Bayeux.isMeta(channel)) {
			// not an event that can be set aside: the session cannot go on without it
			throw new BayeuxException(BayeuxErrorKind.MALFORMED, "A message of the server's answer ("
					+ ((channel != null) ? ServerText.escape(channel) : "no channel") + ") is " + size
					+ " bytes, larger than maxMessageSize (" + this.maxMessageSize + " bytes); raise maxMessageSize "
					+ "(salesforce.streaming.max-message-size)");
		}
		keep(new OversizedMessage(channel, this.replayId, size, this.maxMessageSize));
		if (!this.array) {
			this.ended = true;
		}
	}

	/** Hands a complete message to the sink if it is an event and there is one, or adds it to the list. */
	private void keep(JsonNode message) {
		Consumer<JsonNode> sink = this.eventSink;
		if (sink != null && Bayeux.isEvent(message)) {
			this.streamed++;
			sink.accept(message);
		}
		else {
			this.messages.add(message);
		}
	}

	/**
	 * How many bytes at the end of a chunk are a backslash escape cut short (a backslash, or a unicode escape
	 * without all its hex digits), 0 when none. Jackson's non-blocking parser (3.1) cannot take the rest of a low
	 * surrogate's escape in a property name from the next chunk (it fails with "Still have 1 undecoded bytes"), so
	 * such an end waits to be parsed with the next chunk.
	 */
	static int incompleteEscape(byte[] bytes) {
		// an escape is at most 6 bytes (backslash, u and four hex digits), so one cut short starts within the last 5
		for (int i = bytes.length - 1; i >= 0 && i >= bytes.length - 5; i--) {
			if (bytes[i] == '\\') {
				int backslashes = 1;
				while (i - backslashes >= 0 && bytes[i - backslashes] == '\\') {
					backslashes++;
				}
				if (backslashes % 2 == 0) {
					return 0; // the second half of an escaped backslash: a whole escape
				}
				int length = (i + 1 < bytes.length && bytes[i + 1] == 'u') ? 6 : 2;
				return (bytes.length - i < length) ? bytes.length - i : 0;
			}
		}
		return 0;
	}

	/** Bytes read so far: up to the end of the current token, or all that was fed when more is needed. */
	private long offset() {
		return this.parser.currentLocation().getByteOffset();
	}

	private static BayeuxException notMessages() {
		return new BayeuxException(BayeuxErrorKind.MALFORMED, "The server's answer is not a Bayeux message array");
	}

}
