package io.github.sfstreaming.internal.bayeux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reader builds each message's tree as the bytes arrive; for any reply, split anywhere, it gives node for
 * node (same classes, same values, same order of names) what {@code readTree} gives for the whole reply with the
 * same mapper, and fails as a malformed answer where {@code readTree} fails.
 */
class ReplyReaderPropertyTests {

	/** The mapper the client uses, and others that change how numbers, nulls and duplicate names are read. */
	private static final Map<String, JsonMapper> mappers = Map.of("shared", JsonMapper.shared(), "big numbers",
			JsonMapper.builder()
				.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				.enable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
				.build(),
			"longs, no nulls, node decimals",
			JsonMapper.builder()
				.enable(DeserializationFeature.USE_LONG_FOR_INTS)
				.disable(JsonNodeFeature.READ_NULL_PROPERTIES)
				.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				.build(),
			"node feature overrides", JsonMapper.builder()
				.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				.disable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				.build(),
			"duplicates fail", JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build(),
			"strict duplicates", JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

	@Property(tries = 600)
	void messagesAreWhatReadTreeGivesWhereverTheChunksSplit(@ForAll("replies") String reply,
			@ForAll @Size(max = 12) List<@DoubleRange(min = 0, max = 1) Double> splits,
			@ForAll("mapperNames") String mapperName) {
		JsonMapper mapper = mappers.get(mapperName);
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		JsonNode expected;
		try {
			expected = mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			// a duplicate name where the mapper refuses them: the reader refuses the answer as not JSON
			assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> read(mapper, bytes, splits))
				.satisfies((failure) -> assertThat(failure.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED))
				.withMessageStartingWith("The server's answer is not JSON");
			return;
		}
		List<JsonNode> messages = read(mapper, bytes, splits);
		List<JsonNode> expectedMessages = new ArrayList<>();
		if (expected.isArray()) {
			expected.values().forEach(expectedMessages::add);
		}
		else {
			expectedMessages.add(expected);
		}
		assertThat(messages).hasSameSizeAs(expectedMessages);
		for (int i = 0; i < messages.size(); i++) {
			assertThat(messages.get(i)).isEqualTo(expectedMessages.get(i));
			assertSameTree(messages.get(i), expectedMessages.get(i), "[" + i + "]");
		}
	}

	@Property(tries = 300)
	void messagesOverTheLimitAreSetAsideWhateverTheChunks(@ForAll("bodies") List<String> bodies,
			@ForAll @IntRange(min = 2, max = 400) int limit,
			@ForAll @Size(max = 12) List<@DoubleRange(min = 0, max = 1) Double> splits) {
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < bodies.size(); i++) {
			// a channel first, so that a message set aside says whose it was
			String members = bodies.get(i).substring(1, bodies.get(i).length() - 1).strip();
			messages.add("{\"channel\":\"/u/C" + i + "\"" + (members.isEmpty() ? "" : "," + members) + "}");
		}
		String reply = "[" + String.join(" ,\n", messages) + "]";
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		List<JsonNode> read = read(JsonMapper.shared(), bytes, splits, limit);
		assertThat(read).hasSameSizeAs(messages);
		for (int i = 0; i < messages.size(); i++) {
			// the bytes, as sent: a lone surrogate in the text is written as '?'
			byte[] sent = messages.get(i).getBytes(StandardCharsets.UTF_8);
			int size = sent.length;
			JsonNode message = read.get(i);
			if (size <= limit) {
				assertThat(message).isNotInstanceOf(OversizedMessage.class)
					.isEqualTo(JsonMapper.shared().readTree(sent));
			}
			else {
				assertThat(message).isInstanceOf(OversizedMessage.class);
				assertThat(message.path("channel").asString()).isEqualTo("/u/C" + i);
				assertThat(message.path("oversized").path("size").asLong()).isEqualTo(size);
			}
		}
	}

	@Property(tries = 300)
	void aCutShortReplyIsMalformed(@ForAll("replies") String reply, @ForAll @DoubleRange(min = 0, max = 1) double cut,
			@ForAll @Size(max = 6) List<@DoubleRange(min = 0, max = 1) Double> splits) {
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		byte[] shorter = Arrays.copyOf(bytes, (int) (cut * (bytes.length - 1)));
		assertThatExceptionOfType(BayeuxException.class).isThrownBy(() -> read(JsonMapper.shared(), shorter, splits))
			.satisfies((failure) -> assertThat(failure.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED));
	}

	private static List<JsonNode> read(JsonMapper mapper, byte[] bytes, List<Double> splits) {
		return read(mapper, bytes, splits, Integer.MAX_VALUE);
	}

	private static List<JsonNode> read(JsonMapper mapper, byte[] bytes, List<Double> splits, int limit) {
		ReplyReader reader = new ReplyReader(mapper, limit);
		List<Integer> cuts = new ArrayList<>();
		for (double split : splits) {
			cuts.add((int) (split * bytes.length));
		}
		cuts.add(bytes.length);
		cuts.sort(null);
		int from = 0;
		for (int to : cuts) {
			reader.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(bytes, from, to)));
			from = to;
		}
		return reader.finish();
	}

	/** Same node classes all the way down, and the names of each object in the same order. */
	private static void assertSameTree(JsonNode actual, JsonNode expected, String path) {
		assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
		if (expected.isObject()) {
			assertThat(actual.propertyNames()).as(path).containsExactlyElementsOf(expected.propertyNames());
			for (String name : expected.propertyNames()) {
				assertSameTree(actual.get(name), expected.get(name), path + "." + name);
			}
		}
		else if (expected.isArray()) {
			assertThat(actual.size()).as(path).isEqualTo(expected.size());
			Iterator<JsonNode> values = actual.values().iterator();
			int i = 0;
			for (JsonNode value : expected.values()) {
				assertSameTree(values.next(), value, path + "[" + i++ + "]");
			}
		}
		else {
			assertThat(actual).as(path).isEqualTo(expected);
		}
	}

	@Provide
	Arbitrary<String> mapperNames() {
		// sorted, so that a seed gives the same samples again
		return Arbitraries.of(mappers.keySet().stream().sorted().toList());
	}

	/** A JSON array of messages, or (as a server may answer) one message alone. */
	@Provide
	Arbitrary<String> replies() {
		Arbitrary<String> array = Combinators.combine(messageLists(), whitespace(), whitespace())
			.as((messages, before, after) -> "[" + before + String.join(before + "," + after, messages) + after + "]");
		return Arbitraries.frequencyOf(Tuple.of(5, array), Tuple.of(1, object(3, true)));
	}

	@Provide
	Arbitrary<List<String>> messageLists() {
		return object(3, true).list().ofMinSize(1).ofMaxSize(5);
	}

	/** Messages without a {@code channel} anywhere, to which a test gives one. */
	@Provide
	Arbitrary<List<String>> bodies() {
		return object(3, false).list().ofMinSize(1).ofMaxSize(5);
	}

	private static Arbitrary<String> value(int depth, boolean channels) {
		if (depth == 0) {
			return scalar();
		}
		return Arbitraries.frequencyOf(Tuple.of(5, scalar()),
				Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1, channels))),
				Tuple.of(1, Arbitraries.lazy(() -> array(depth - 1, channels))));
	}

	private static Arbitrary<String> object(int depth, boolean channels) {
		Arbitrary<String> member = Combinators
			.combine(channels ? name() : name().filter((name) -> !name.equals("\"channel\"")), whitespace(),
					whitespace(), value(depth, channels))
			.as((name, before, after, value) -> name + before + ":" + after + value);
		return Combinators.combine(member.list().ofMaxSize(6), whitespace())
			.as((members, space) -> "{" + space + String.join("," + space, members) + "}");
	}

	private static Arbitrary<String> array(int depth, boolean channels) {
		return Combinators.combine(value(depth, channels).list().ofMaxSize(6), whitespace())
			.as((values, space) -> "[" + String.join(space + "," + space, values) + space + "]");
	}

	/** Names, often from a few, so that objects have duplicates, sometimes written with escapes. */
	private static Arbitrary<String> name() {
		return Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.of("\"channel\"", "\"data\"", "\"event\"", "\"replayId\"", "\"a\"",
						"\"\\u0061\"", "\"\"", "\"é\"", "\"\\u00e9\"")),
				Tuple.of(2, string(true)));
	}

	private static Arbitrary<String> scalar() {
		return Arbitraries.frequencyOf(Tuple.of(3, string(false)), Tuple.of(3, integer()), Tuple.of(3, decimal()),
				Tuple.of(1, Arbitraries.of("true", "false", "null")));
	}

	/**
	 * A JSON string. Names have no lone surrogate: Jackson's non-blocking parser refuses one escaped in a name
	 * ("Broken surrogate pair"), where {@code readTree} takes it, and no server writes such names.
	 */
	private static Arbitrary<String> string(boolean name) {
		Arbitrary<String> text = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(12)),
				Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
				Tuple.of(1, Arbitraries.of("é", "😀", "\u2028", "日本語", "\u0000", "\\", "\"", "/")));
		if (name) {
			text = text.filter((chars) -> chars.codePoints().noneMatch((c) -> Character.getType(c) == Character.SURROGATE));
		}
		return Combinators.combine(text, Arbitraries.of(false, true)).as(ReplyReaderPropertyTests::quote);
	}

	/** Writes a JSON string; escaping every character other than ASCII letters and digits when asked. */
	private static String quote(String text, boolean escapeAll) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c == '\n' && !escapeAll) {
				json.append("\\n");
			}
			else if (c < 0x20 || (escapeAll && !plain)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	private static Arbitrary<String> integer() {
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
				Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
				Tuple.of(1, Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
						new java.math.BigInteger("1" + "0".repeat(40))).map(String::valueOf)),
				Tuple.of(1, Arbitraries.of("0", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649",
						"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809")));
	}

	private static Arbitrary<String> decimal() {
		Arbitrary<String> written = Combinators
			.combine(Arbitraries.of("", "-"), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22),
					Arbitraries.strings().numeric().ofMaxLength(22), Arbitraries.of("", "e", "E", "e+", "e-", "E-"),
					Arbitraries.integers().between(0, 400))
			.as((sign, whole, fraction, exponent, power) -> {
				String digits = (whole.length() > 1 && whole.startsWith("0")) ? "0" : whole;
				String number = sign + digits + (fraction.isEmpty() ? ".0" : "." + fraction);
				return exponent.isEmpty() ? number : number + exponent + power;
			});
		return Arbitraries.frequencyOf(Tuple.of(4, written), Tuple.of(1, Arbitraries.of("0.0", "-0.0", "1.0", "1e400",
				"-1e-400", "1E-7", "0.1000", "4.9e-324", "1.7976931348623157e308", "123456789012345678901234.5")));
	}

	private static Arbitrary<String> whitespace() {
		return Arbitraries.of("", "", " ", "\n", " \t\r\n ");
	}

}
