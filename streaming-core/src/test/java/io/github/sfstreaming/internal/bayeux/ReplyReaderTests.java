package io.github.sfstreaming.internal.bayeux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reader of responses: the limit bounds each message, exactly, wherever the chunks of the response split it.
 */
class ReplyReaderTests {

	private static final JsonMapper mapper = JsonMapper.shared();

	private static List<JsonNode> read(String json, int limit, int chunk) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		ReplyReader reader = new ReplyReader(mapper, limit);
		for (int from = 0; from < bytes.length; from += chunk) {
			byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk));
			reader.feed(DefaultDataBufferFactory.sharedInstance.wrap(part));
		}
		return reader.finish();
	}

	private static String event(long replayId, String payload) {
		return "{\"channel\":\"/u/X\",\"data\":{\"payload\":\"" + payload + "\",\"event\":{\"replayId\":" + replayId
				+ "}}}";
	}

	@Test
	void eachEventGoesToTheSinkAsSoonAsItsLastByteIsReadAndIsNotKept() {
		String first = event(1, "a");
		String oversized = event(2, "x".repeat(500));
		String meta = "{\"channel\":\"/meta/connect\",\"successful\":true}";
		String unnamed = "{\"data\":{\"x\":1}}";
		String third = event(3, "c");
		String reply = "[" + first + "," + meta + "," + oversized + "," + unnamed + "," + third + "]";
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		List<JsonNode> sunk = new ArrayList<>();
		ReplyReader reader = new ReplyReader(mapper, 200, sunk::add);
		int firstEnd = ("[" + first).length();
		// fed byte by byte: an event is in the sink once its closing brace is fed, and not before
		for (int i = 0; i < bytes.length; i++) {
			reader.feed(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { bytes[i] }));
			if (i == firstEnd - 2) {
				assertThat(sunk).isEmpty();
			}
			if (i == firstEnd - 1) {
				assertThat(sunk).singleElement().isEqualTo(mapper.readTree(first));
			}
		}
		assertThat(sunk).hasSize(3);
		assertThat(sunk.get(1)).isInstanceOf(OversizedMessage.class);
		assertThat(sunk.get(2)).isEqualTo(mapper.readTree(third));
		// the meta reply and the message without a channel (it may answer the request) stay in the reply
		assertThat(reader.finish()).containsExactly(mapper.readTree(meta), mapper.readTree(unnamed));
	}

	@Test
	void aResponseOfEventsOnlyIsComplete() {
		List<JsonNode> sunk = new ArrayList<>();
		ReplyReader reader = new ReplyReader(mapper, 200, sunk::add);
		reader.feed(DefaultDataBufferFactory.sharedInstance
			.wrap(("[" + event(1, "a") + "]").getBytes(StandardCharsets.UTF_8)));
		assertThat(reader.finish()).isEmpty();
		assertThat(sunk).hasSize(1);
	}

	@Test
	void aResponseCutAfterStreamedEventsFails() {
		List<JsonNode> sunk = new ArrayList<>();
		ReplyReader reader = new ReplyReader(mapper, 200, sunk::add);
		reader.feed(DefaultDataBufferFactory.sharedInstance
			.wrap(("[" + event(1, "a") + "," + event(2, "b")).getBytes(StandardCharsets.UTF_8)));
		assertThat(sunk).hasSize(2);
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(reader::finish);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 7, 100, 100_000 })
	void limitIsExactPerMessageWhateverTheChunks(int chunk) {
		String atLimit = event(1, "é".repeat(100));
		int limit = atLimit.getBytes(StandardCharsets.UTF_8).length;
		String overLimit = event(2, "é".repeat(100) + "x");
		List<JsonNode> messages = read("[" + atLimit + " , " + overLimit + "," + atLimit + "]", limit, chunk);
		assertThat(messages).hasSize(3);
		assertThat(messages.get(0)).isNotInstanceOf(OversizedMessage.class).isEqualTo(mapper.readTree(atLimit));
		assertThat(messages.get(1)).isInstanceOfSatisfying(OversizedMessage.class, (oversized) -> {
			assertThat(oversized.path("channel").asString()).isEqualTo("/u/X");
			assertThat(oversized.path("oversized").path("size").asLong()).isEqualTo(limit + 1);
			assertThat(oversized.path("oversized").path("replayId").asLong()).isEqualTo(2);
			assertThat(oversized.problem()).contains("replay id 2", "larger than maxMessageSize (" + limit);
		});
		assertThat(messages.get(2)).isNotInstanceOf(OversizedMessage.class);
	}

	@Test
	void channelAfterTheLimitIsStillKnown() {
		String message = "{\"data\":{\"event\":{\"replayId\":9},\"payload\":\"" + "x".repeat(1000)
				+ "\"},\"channel\":\"/u/X\"}";
		assertThat(read("[" + message + "]", 100, 64)).singleElement()
			.isInstanceOfSatisfying(OversizedMessage.class,
					(oversized) -> assertThat(oversized.path("channel").asString()).isEqualTo("/u/X"));
	}

	@Test
	void oversizedMessageWithoutAReplayIdSaysSo() {
		String message = "{\"channel\":\"/u/X\",\"data\":{\"event\":{\"replayId\":\"seven\"},\"payload\":\""
				+ "x".repeat(1000) + "\"}}";
		assertThat(read("[" + message + "]", 100, 1000)).singleElement()
			.isInstanceOfSatisfying(OversizedMessage.class, (oversized) -> {
				assertThat(oversized.path("oversized").has("replayId")).isFalse();
				assertThat(oversized.problem()).contains("replay id is unknown");
			});
	}

	@Test
	void escapesSplitAnywhereAreRead() {
		// an escaped surrogate pair in a name, split inside its low half, once failed in Jackson's feeder
		String reply = "[{\"channel\":\"/u/X\",\"a\\ud83d\\ude00\\\\\":\"\\ud83d\\ude00\\u00e9\\n\"}]";
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= bytes.length; split++) {
			ReplyReader reader = new ReplyReader(mapper, 1000);
			reader.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(bytes, 0, split)));
			reader.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(bytes, split, bytes.length)));
			assertThat(reader.finish()).as("split at %d", split)
				.singleElement()
				.satisfies((message) -> assertThat(message.path("a\ud83d\ude00\\").asString())
					.isEqualTo("\ud83d\ude00\u00e9\n"));
		}
	}

	@Test
	void numberCutShortByTheEndIsMalformed() {
		for (String answer : List.of("[{\"a\":1e", "[{\"a\":-1.5E+", "[{\"a\":-")) {
			assertThatExceptionOfType(BayeuxException.class).as(answer)
				.isThrownBy(() -> read(answer, 1000, 3))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED));
		}
	}

	@Test
	void incompleteEscapesAreHeldBack() {
		assertThat(ReplyReader.incompleteEscape(ascii("\"ab"))).isZero();
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\"))).isEqualTo(1);
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\\\"))).isZero();
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\\\\\"))).isEqualTo(1);
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\n"))).isZero();
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\ud8"))).isEqualTo(4);
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\ud83"))).isEqualTo(5);
		assertThat(ReplyReader.incompleteEscape(ascii("\"a\\ud83d"))).isZero();
		assertThat(ReplyReader.incompleteEscape(ascii("\\u"))).isEqualTo(2);
		assertThat(ReplyReader.incompleteEscape(ascii(""))).isZero();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	@Test
	void treesAreWhatReadTreeGives() {
		String message = "{\"channel\":\"/u/X\",\"data\":{\"int\":-0,\"long\":3000000000,\"big\":"
				+ "92233720368547758070,\"double\":1.50,\"huge\":1e400,\"tiny\":-1e-400,\"empty\":{},\"none\":[],"
				+ "\"null\":null,\"twice\":1,\"twice\":{\"a\":[true,false,null]},\"deep\":" + "[{\"a\":".repeat(200)
				+ "0" + "}]".repeat(200) + "}}";
		JsonNode expected = mapper.readTree(message);
		JsonNode read = read("[" + message + "]", Integer.MAX_VALUE, 7).get(0);
		assertThat(read).isEqualTo(expected);
		JsonNode data = read.path("data");
		assertThat(data.path("int")).isInstanceOf(tools.jackson.databind.node.IntNode.class);
		assertThat(data.path("long")).isInstanceOf(tools.jackson.databind.node.LongNode.class);
		assertThat(data.path("big")).isInstanceOf(tools.jackson.databind.node.BigIntegerNode.class);
		assertThat(data.path("double")).isInstanceOf(tools.jackson.databind.node.DoubleNode.class);
		assertThat(data.path("huge").asDouble()).isInfinite();
		assertThat(data.propertyNames()).containsExactly("int", "long", "big", "double", "huge", "tiny", "empty",
				"none", "null", "twice", "deep");
		assertThat(data.path("twice").path("a")).hasSize(3);
	}

	@Test
	void singleMessageAnswerIsRead() {
		assertThat(read("{\"channel\":\"/meta/connect\",\"successful\":true}", 1000, 5)).singleElement()
			.satisfies((reply) -> assertThat(Bayeux.isSuccessful(reply)).isTrue());
	}

	@Test
	void oversizedMessageWithoutChannelIsAClearError() {
		assertThatExceptionOfType(BayeuxException.class)
			.isThrownBy(() -> read("[{\"data\":{\"x\":\"" + "x".repeat(1000) + "\"}}]", 100, 64))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED))
			.withMessageContaining("no channel")
			.withMessageContaining("maxMessageSize (100 bytes)");
	}

	@Test
	void whatIsNotAnArrayOfMessagesIsAClearError() {
		for (String answer : List.of("", "[]", "[1]", "[{}", "[{}]x", "[{}][{}]", "\"text\"", "[[{}]]",
				"<html>")) {
			assertThatExceptionOfType(BayeuxException.class).as(answer)
				.isThrownBy(() -> read(answer, 1000, 3))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED));
		}
	}

}
