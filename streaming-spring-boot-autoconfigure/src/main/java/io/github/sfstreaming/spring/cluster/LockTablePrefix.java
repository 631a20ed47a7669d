package io.github.sfstreaming.spring.cluster;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The prefix of cluster mode's lock table ({@code <prefix>LOCK}), checked to make a plain SQL identifier
 * (optionally qualified by a schema) because it is written into SQL statements.
 *
 * @param schema the schema, or {@code null} for the connection's default
 * @param prefix the start of the table's name, such as {@code INT_}
 */
public record LockTablePrefix(@Nullable String schema, String prefix) {

	private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/** Short enough that the longest name made from it, {@code <prefix>LOCK_PK}, fits 63 characters. */
	private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,55}");

	/**
	 * Parses {@code prefix} or {@code schema.prefix}.
	 * @param value the prefix
	 * @return the parsed prefix
	 * @throws IllegalArgumentException if it is not one or two plain SQL identifiers
	 */
	public static LockTablePrefix parse(@Nullable String value) {
		String[] parts = (value != null) ? value.split("\\.", -1) : new String[0];
		if (parts.length < 1 || parts.length > 2 || !PREFIX.matcher(parts[parts.length - 1]).matches()
				|| (parts.length == 2 && !SCHEMA.matcher(parts[0]).matches())) {
			throw new IllegalArgumentException("'" + value + "' is not a table name prefix: use letters, digits and "
					+ "underscores (at most 56), such as INT_, optionally preceded by a schema and a dot");
		}
		return (parts.length == 2) ? new LockTablePrefix(parts[0], parts[1]) : new LockTablePrefix(null, parts[0]);
	}

	/**
	 * Returns the prefix as written before {@code LOCK} in SQL.
	 * @return {@code schema.prefix} or {@code prefix}
	 */
	public String qualified() {
		return (this.schema != null) ? this.schema + "." + this.prefix : this.prefix;
	}

	@Override
	public String toString() {
		return qualified();
	}

}
