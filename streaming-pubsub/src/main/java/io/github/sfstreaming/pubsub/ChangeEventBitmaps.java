package io.github.sfstreaming.pubsub;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Expands the Pub/Sub form of a change event header's {@code changedFields}, {@code nulledFields} and
 * {@code diffFields} into field names, as CometD sends them. An element {@code 0x...} is a bitmap over the
 * top-level fields of the event's schema; {@code N-0x...} one over the parts of the compound field at position N,
 * which come out as {@code Parent.Part}. Anything else is taken as a field name already. Bits beyond the schema's
 * fields and malformed elements are skipped: a server value never fails an event.
 */
final class ChangeEventBitmaps {

	private ChangeEventBitmaps() {
	}

	static List<String> expand(Schema eventSchema, List<String> elements) {
		List<String> names = new ArrayList<>();
		for (String element : elements) {
			if (element.startsWith("0x")) {
				names.addAll(fieldNames(eventSchema, bits(element.substring(2)), ""));
				continue;
			}
			int dash = element.indexOf("-0x");
			if (dash > 0 && element.substring(0, dash).chars().allMatch(Character::isDigit) && dash <= 9) {
				int position = Integer.parseInt(element.substring(0, dash));
				Schema compound = (position < eventSchema.getFields().size())
						? record(eventSchema.getFields().get(position).schema()) : null;
				if (compound != null) {
					names.addAll(fieldNames(compound, bits(element.substring(dash + 3)),
							eventSchema.getFields().get(position).name() + "."));
				}
				continue;
			}
			names.add(element);
		}
		return names;
	}

	/** Drop {@code 0x}, hex to bytes, reverse them, read as a little-endian bit set. */
	private static BitSet bits(String hex) {
		String digits = (hex.length() % 2 == 1) ? "0" + hex : hex;
		byte[] bytes;
		try {
			bytes = HexFormat.of().parseHex(digits);
		}
		catch (IllegalArgumentException ex) {
			return new BitSet();
		}
		for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
			byte swap = bytes[i];
			bytes[i] = bytes[j];
			bytes[j] = swap;
		}
		return BitSet.valueOf(bytes);
	}

	private static List<String> fieldNames(Schema record, BitSet bits, String prefix) {
		List<String> names = new ArrayList<>();
		List<Schema.Field> fields = record.getFields();
		for (int bit = bits.nextSetBit(0); bit >= 0 && bit < fields.size(); bit = bits.nextSetBit(bit + 1)) {
			names.add(prefix + fields.get(bit).name());
		}
		return names;
	}

	/** The record inside a field's type: the type itself, or the record of a {@code [null, record]} union. */
	private static @Nullable Schema record(Schema type) {
		if (type.getType() == Schema.Type.RECORD) {
			return type;
		}
		if (type.getType() == Schema.Type.UNION) {
			for (Schema member : type.getTypes()) {
				if (member.getType() == Schema.Type.RECORD) {
					return member;
				}
			}
		}
		return null;
	}

}
