package io.github.sfstreaming.internal.bayeux;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
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
 * same mapper, and fails as a malformed answer where {@code readTree} fails. The replies are random, from a
 * seeded {@link Random}.
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

	/** Tries per test, from {@link #SEED} on; a failure names the seed of its try. */
	private static final int TRIES = 600;

	/**
	 * The first seed: fixed, so that every build tries the same replies; {@code -Dreply-reader.seed=...} tries
	 * others (30,000 tries from a random seed passed when this was written).
	 */
	private static final long SEED = Long.getLong("reply-reader.seed", 20_261_203L);

	@Test
	void messagesAreWhatReadTreeGivesWhereverTheChunksSplit() {
		List<String> mapperNames = mappers.keySet().stream().sorted().toList();
		for (int t = 0; t < TRIES; t++) {
			RandomJson random = new RandomJson(SEED + t);
			String reply = random.reply();
			List<Double> splits = random.splits(12);
			String mapperName = mapperNames.get(random.nextInt(mapperNames.size()));
			String description = "seed " + (SEED + t) + ", mapper " + mapperName + ", reply " + reply;
			messagesAreWhatReadTreeGives(reply, splits, mappers.get(mapperName), description);
		}
	}

	private void messagesAreWhatReadTreeGives(String reply, List<Double> splits, JsonMapper mapper,
			String description) {
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		JsonNode expected;
		try {
			expected = mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			// a duplicate name where the mapper refuses them: the reader refuses the answer as not JSON
			assertThatExceptionOfType(BayeuxException.class).as(description)
				.isThrownBy(() -> read(mapper, bytes, splits))
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
		assertThat(messages).as(description).hasSameSizeAs(expectedMessages);
		for (int i = 0; i < messages.size(); i++) {
			assertThat(messages.get(i)).as(description).isEqualTo(expectedMessages.get(i));
			assertSameTree(messages.get(i), expectedMessages.get(i), description + " at [" + i + "]");
		}
	}

	@Test
	void messagesOverTheLimitAreSetAsideWhateverTheChunks() {
		for (int t = 0; t < TRIES / 2; t++) {
			RandomJson random = new RandomJson(SEED + t);
			List<String> bodies = random.bodies();
			int limit = 2 + random.nextInt(399);
			List<Double> splits = random.splits(12);
			List<String> messages = new ArrayList<>();
			for (int i = 0; i < bodies.size(); i++) {
				// a channel first, so that a message set aside says whose it was
				String members = bodies.get(i).substring(1, bodies.get(i).length() - 1).strip();
				messages.add("{\"channel\":\"/u/C" + i + "\"" + (members.isEmpty() ? "" : "," + members) + "}");
			}
			String reply = "[" + String.join(" ,\n", messages) + "]";
			String description = "seed " + (SEED + t) + ", limit " + limit + ", reply " + reply;
			List<JsonNode> read = read(JsonMapper.shared(), reply.getBytes(StandardCharsets.UTF_8), splits, limit);
			assertThat(read).as(description).hasSameSizeAs(messages);
			for (int i = 0; i < messages.size(); i++) {
				// the bytes, as sent: a lone surrogate in the text is written as '?'
				byte[] sent = messages.get(i).getBytes(StandardCharsets.UTF_8);
				int size = sent.length;
				JsonNode message = read.get(i);
				if (size <= limit) {
					assertThat(message).as(description)
						.isNotInstanceOf(OversizedMessage.class)
						.isEqualTo(JsonMapper.shared().readTree(sent));
				}
				else {
					assertThat(message).as(description).isInstanceOf(OversizedMessage.class);
					assertThat(message.path("channel").asString()).as(description).isEqualTo("/u/C" + i);
					assertThat(message.path("oversized").path("size").asLong()).as(description).isEqualTo(size);
				}
			}
		}
	}

	@Test
	void aCutShortReplyIsMalformed() {
		for (int t = 0; t < TRIES / 2; t++) {
			RandomJson random = new RandomJson(SEED + t);
			byte[] bytes = random.reply().getBytes(StandardCharsets.UTF_8);
			byte[] shorter = Arrays.copyOf(bytes, (int) (random.nextDouble() * (bytes.length - 1)));
			List<Double> splits = random.splits(6);
			assertThatExceptionOfType(BayeuxException.class)
				.as("seed " + (SEED + t) + ", reply " + new String(shorter, StandardCharsets.UTF_8))
				.isThrownBy(() -> read(JsonMapper.shared(), shorter, splits))
				.satisfies((failure) -> assertThat(failure.getKind()).isEqualTo(BayeuxErrorKind.MALFORMED));
		}
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

	/**
	 * Random replies from one seed: JSON text written by hand, so that it holds what a writer would not produce
	 * (escapes anywhere, duplicate names, odd whitespace, numbers of every size and form).
	 */
	private static final class RandomJson {

		private static final String[] NAMES = { "\"channel\"", "\"data\"", "\"event\"", "\"replayId\"", "\"a\"",
				"\"\\u0061\"", "\"\"", "\"é\"", "\"\\u00e9\"" };

		private static final String[] ODD_TEXTS = { "é", "😀", "\u2028", "日本語", "\u0000", "\\", "\"", "/" };

		private static final String[] ODD_INTEGERS = { "0", "-0", "2147483647", "2147483648", "-2147483648",
				"-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
				"-9223372036854775809" };

		private static final String[] ODD_DECIMALS = { "0.0", "-0.0", "1.0", "1e400", "-1e-400", "1E-7", "0.1000",
				"4.9e-324", "1.7976931348623157e308", "123456789012345678901234.5" };

		private static final String[] WHITESPACE = { "", "", " ", "\n", " \t\r\n " };

		private final Random random;

		RandomJson(long seed) {
			this.random = new Random(seed);
		}

		int nextInt(int bound) {
			return this.random.nextInt(bound);
		}

		double nextDouble() {
			return this.random.nextDouble();
		}

		/** Up to {@code max} places to split the bytes, as fractions of their length. */
		List<Double> splits(int max) {
			List<Double> splits = new ArrayList<>();
			for (int i = this.random.nextInt(max + 1); i > 0; i--) {
				splits.add(this.random.nextDouble());
			}
			return splits;
		}

		/** A JSON array of messages, or (as a server may answer) one message alone. */
		String reply() {
			if (this.random.nextInt(6) == 0) {
				return object(3, true);
			}
			String before = whitespace();
			String after = whitespace();
			List<String> messages = new ArrayList<>();
			for (int i = 1 + this.random.nextInt(5); i > 0; i--) {
				messages.add(object(3, true));
			}
			return "[" + before + String.join(before + "," + after, messages) + after + "]";
		}

		/** Messages without a {@code channel} anywhere, to which a test gives one. */
		List<String> bodies() {
			List<String> bodies = new ArrayList<>();
			for (int i = 1 + this.random.nextInt(5); i > 0; i--) {
				bodies.add(object(3, false));
			}
			return bodies;
		}

		private String value(int depth, boolean channels) {
			int pick = (depth == 0) ? 0 : this.random.nextInt(7);
			return (pick < 5) ? scalar() : (pick == 5) ? object(depth - 1, channels) : array(depth - 1, channels);
		}

		private String object(int depth, boolean channels) {
			String space = whitespace();
			List<String> members = new ArrayList<>();
			for (int i = this.random.nextInt(7); i > 0; i--) {
				String name = name();
				while (!channels && name.equals("\"channel\"")) {
					name = name();
				}
				members.add(name + whitespace() + ":" + whitespace() + value(depth, channels));
			}
			return "{" + space + String.join("," + space, members) + "}";
		}

		private String array(int depth, boolean channels) {
			String space = whitespace();
			List<String> values = new ArrayList<>();
			for (int i = this.random.nextInt(7); i > 0; i--) {
				values.add(value(depth, channels));
			}
			return "[" + String.join(space + "," + space, values) + space + "]";
		}

		/** Names, often from a few, so that objects have duplicates, sometimes written with escapes. */
		private String name() {
			return (this.random.nextInt(5) < 3) ? pick(NAMES) : string(true);
		}

		private String scalar() {
			int pick = this.random.nextInt(10);
			return (pick < 3) ? string(false) : (pick < 6) ? integer() : (pick < 9) ? decimal()
					: pick(new String[] { "true", "false", "null" });
		}

		/**
		 * A JSON string. Names have no lone surrogate: Jackson's non-blocking parser refuses one escaped in a
		 * name ("Broken surrogate pair"), where {@code readTree} takes it, and no server writes such names.
		 */
		private String string(boolean name) {
			int pick = this.random.nextInt(5);
			String text = (pick < 3) ? chars(12, 0x20, 0x7f) : (pick == 3) ? anyChars(12, name) : pick(ODD_TEXTS);
			return quote(text, this.random.nextBoolean());
		}

		private String chars(int maxLength, int from, int to) {
			StringBuilder text = new StringBuilder();
			for (int i = this.random.nextInt(maxLength + 1); i > 0; i--) {
				text.append((char) (from + this.random.nextInt(to - from)));
			}
			return text.toString();
		}

		/** Any UTF-16 units, lone surrogates included unless it is a name. */
		private String anyChars(int maxLength, boolean name) {
			StringBuilder text = new StringBuilder();
			for (int i = this.random.nextInt(maxLength + 1); i > 0; i--) {
				char c = (char) this.random.nextInt(Character.MAX_VALUE + 1);
				if (!(name && Character.isSurrogate(c))) {
					text.append(c);
				}
			}
			return text.toString();
		}

		private String integer() {
			int pick = this.random.nextInt(6);
			if (pick < 2) {
				return String.valueOf(this.random.nextInt());
			}
			if (pick < 4) {
				return String.valueOf(this.random.nextLong());
			}
			if (pick == 4) {
				BigInteger big = new BigInteger(133, this.random);
				return (this.random.nextBoolean() ? big.negate() : big).toString();
			}
			return pick(ODD_INTEGERS);
		}

		private String decimal() {
			if (this.random.nextInt(5) == 0) {
				return pick(ODD_DECIMALS);
			}
			String whole = digits(1, 22);
			String fraction = digits(0, 22);
			String digits = (whole.length() > 1 && whole.startsWith("0")) ? "0" : whole;
			String number = (this.random.nextBoolean() ? "-" : "") + digits
					+ (fraction.isEmpty() ? ".0" : "." + fraction);
			String exponent = pick(new String[] { "", "e", "E", "e+", "e-", "E-" });
			return exponent.isEmpty() ? number : number + exponent + this.random.nextInt(401);
		}

		private String digits(int minLength, int maxLength) {
			StringBuilder digits = new StringBuilder();
			for (int i = minLength + this.random.nextInt(maxLength - minLength + 1); i > 0; i--) {
				digits.append((char) ('0' + this.random.nextInt(10)));
			}
			return digits.toString();
		}

		private String whitespace() {
			return pick(WHITESPACE);
		}

		private String pick(String[] values) {
			return values[this.random.nextInt(values.length)];
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

	}

}
