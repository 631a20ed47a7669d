package io.github.sfstreaming.internal.bayeux;

import java.math.BigDecimal;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JsonTokenId;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the tree of one JSON value from a parser's tokens as they arrive, in one pass, so that a message need
 * not be buffered as tokens and read a second time. It gives the nodes {@code readTree} gives for the same bytes
 * under the same configuration: the mapper's node factory, its choice of node for each number
 * ({@code USE_BIG_INTEGER_FOR_INTS}, {@code USE_LONG_FOR_INTS}, {@code USE_BIG_DECIMAL_FOR_FLOATS},
 * {@code STRIP_TRAILING_BIGDECIMAL_ZEROES}), nulls in objects ({@code READ_NULL_PROPERTIES}) and duplicate names
 * (the last value wins, in the first one's place, unless {@code FAIL_ON_READING_DUP_TREE_KEY}). Not thread-safe.
 */
final class TreeBuilder {

	private final JsonNodeFactory nodes;

	private final boolean bigIntegers;

	private final boolean longs;

	private final boolean bigDecimals;

	private final boolean stripZeros;

	private final boolean failOnNanDecimal;

	private final boolean readNulls;

	private final boolean failOnDuplicates;

	/** The containers not yet closed, outermost first. */
	private ContainerNode<?>[] open = new ContainerNode<?>[16];

	private int depth;

	/** The name the next value of the innermost object goes under. */
	private String name = "";

	TreeBuilder(DeserializationConfig config) {
		this.nodes = config.getNodeFactory();
		this.bigIntegers = config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
		this.longs = config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
		// the node feature, when set either way, overrides the general one (as for readTree)
		Boolean decimals = config.getDatatypeFeatures().getExplicitState(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS);
		this.bigDecimals = (decimals != null) ? decimals
				: config.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
		this.stripZeros = config.isEnabled(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
		this.failOnNanDecimal = config.isEnabled(JsonNodeFeature.FAIL_ON_NAN_TO_BIG_DECIMAL_COERCION);
		this.readNulls = config.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
		this.failOnDuplicates = config.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
	}

	/**
	 * Adds the parser's current token to the tree.
	 * @param parser the parser, on the token
	 * @param token its current token
	 * @return the value, once its last token is added; {@code null} before
	 */
	@Nullable JsonNode add(JsonParser parser, JsonToken token) {
		switch (token.id()) {
			case JsonTokenId.ID_PROPERTY_NAME -> this.name = parser.currentName();
			case JsonTokenId.ID_START_OBJECT -> push(parser, this.nodes.objectNode());
			case JsonTokenId.ID_START_ARRAY -> push(parser, this.nodes.arrayNode());
			case JsonTokenId.ID_END_OBJECT, JsonTokenId.ID_END_ARRAY -> {
				ContainerNode<?> closed = this.open[--this.depth];
				this.open[this.depth] = null;
				return (this.depth == 0) ? closed : null;
			}
			case JsonTokenId.ID_STRING -> {
				return value(parser, this.nodes.stringNode(parser.getString()));
			}
			case JsonTokenId.ID_NUMBER_INT -> {
				return value(parser, integer(parser));
			}
			case JsonTokenId.ID_NUMBER_FLOAT -> {
				return value(parser, decimal(parser));
			}
			case JsonTokenId.ID_TRUE -> {
				return value(parser, this.nodes.booleanNode(true));
			}
			case JsonTokenId.ID_FALSE -> {
				return value(parser, this.nodes.booleanNode(false));
			}
			case JsonTokenId.ID_NULL -> {
				if (this.readNulls || this.depth == 0 || !(this.open[this.depth - 1] instanceof ObjectNode)) {
					return value(parser, this.nodes.nullNode());
				}
			}
			default -> throw MismatchedInputException.from(parser, JsonNode.class,
					"Unexpected token " + token + " for a JSON tree");
		}
		return null;
	}

	/** Forgets the value being built. */
	void reset() {
		Arrays.fill(this.open, 0, this.depth, null);
		this.depth = 0;
		this.name = "";
	}

	private void push(JsonParser parser, ContainerNode<?> container) {
		value(parser, container);
		if (this.depth == this.open.length) {
			this.open = Arrays.copyOf(this.open, this.depth * 2);
		}
		this.open[this.depth++] = container;
	}

	/** Puts a value in the innermost container; returns it when it is the whole tree. */
	private @Nullable JsonNode value(JsonParser parser, JsonNode value) {
		if (this.depth == 0) {
			return value;
		}
		ContainerNode<?> parent = this.open[this.depth - 1];
		if (parent instanceof ObjectNode object) {
			if (object.replace(this.name, value) != null && this.failOnDuplicates) {
				throw MismatchedInputException.from(parser, JsonNode.class, "Duplicate property \"" + this.name
						+ "\" for `ObjectNode`: not allowed when `DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` "
						+ "enabled");
			}
		}
		else {
			((ArrayNode) parent).add(value);
		}
		return null;
	}

	private JsonNode integer(JsonParser parser) {
		if (this.bigIntegers) {
			return this.nodes.numberNode(parser.getBigIntegerValue());
		}
		if (this.longs) {
			return this.nodes.numberNode(parser.getLongValue());
		}
		return switch (parser.getNumberType()) {
			case INT -> this.nodes.numberNode(parser.getIntValue());
			case LONG -> this.nodes.numberNode(parser.getLongValue());
			default -> this.nodes.numberNode(parser.getBigIntegerValue());
		};
	}

	private JsonNode decimal(JsonParser parser) {
		JsonParser.NumberTypeFP type = parser.getNumberTypeFP();
		if (type == JsonParser.NumberTypeFP.BIG_DECIMAL) {
			return this.nodes.numberNode(strip(parser.getDecimalValue()));
		}
		if (this.bigDecimals) {
			if (!parser.isNaN()) {
				return this.nodes.numberNode(strip(parser.getDecimalValue()));
			}
			if (this.failOnNanDecimal) {
				throw InvalidFormatException.from(parser, "Cannot convert NaN into BigDecimal",
						parser.getDoubleValue(), JsonNode.class);
			}
			return this.nodes.numberNode(parser.getDoubleValue());
		}
		if (type == JsonParser.NumberTypeFP.FLOAT32) {
			return this.nodes.numberNode(parser.getFloatValue());
		}
		return this.nodes.numberNode(parser.getDoubleValue());
	}

	private BigDecimal strip(BigDecimal value) {
		if (!this.stripZeros) {
			return value;
		}
		try {
			return value.stripTrailingZeros();
		}
		catch (ArithmeticException ex) {
			return value; // an exponent out of range once stripped: kept as written, as readTree does
		}
	}

}
