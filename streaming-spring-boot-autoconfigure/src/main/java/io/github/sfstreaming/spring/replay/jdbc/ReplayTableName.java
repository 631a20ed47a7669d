package io.github.sfstreaming.spring.replay.jdbc;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The name of the replay store's table, checked to be a plain SQL identifier (optionally qualified by a
 * schema) because it is written into SQL statements.
 *
 * @param schema the schema, or {@code null} for the connection's default
 * @param table the table
 */
public record ReplayTableName(@Nullable String schema, String table) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/**
	 * Parses {@code table} or {@code schema.table}.
	 * @param name the name
	 * @return the parsed name
	 * @throws IllegalArgumentException if the name is not one or two plain SQL identifiers
	 */
	public static ReplayTableName parse(String name) {
		String[] parts = (name != null) ? name.split("\\.", -1) : new String[0];
		if (parts.length < 1 || parts.length > 2) {
			throw new IllegalArgumentException(invalid(name));
		}
		for (String part : parts) {
			if (!IDENTIFIER.matcher(part).matches()) {
				throw new IllegalArgumentException(invalid(name));
			}
		}
		return (parts.length == 2) ? new ReplayTableName(parts[0], parts[1]) : new ReplayTableName(null, parts[0]);
	}

	private static String invalid(@Nullable String name) {
		return "'" + name + "' is not a table name: use letters, digits and underscores, optionally prefixed by "
				+ "a schema and a dot";
	}

	/**
	 * Returns the name as written in SQL.
	 * @return {@code schema.table} or {@code table}
	 */
	public String qualified() {
		return (this.schema != null) ? this.schema + "." + this.table : this.table;
	}

	@Override
	public String toString() {
		return qualified();
	}

}
