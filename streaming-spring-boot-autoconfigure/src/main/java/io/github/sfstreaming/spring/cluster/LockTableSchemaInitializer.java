package io.github.sfstreaming.spring.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Creates the lock table of cluster mode (Spring Integration's {@code INT_LOCK}, under the configured prefix)
 * if it does not exist.
 */
public class LockTableSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/** The table prefix used in the shipped scripts, replaced by the configured one. */
	public static final String TABLE_PREFIX_PLACEHOLDER = "INT_";

	/** The primary key's name in the shipped scripts: a constraint is never qualified by a schema. */
	private static final String CONSTRAINT_PLACEHOLDER = TABLE_PREFIX_PLACEHOLDER + "LOCK_PK";

	private final LockTablePrefix tablePrefix;

	/**
	 * Creates an initializer.
	 * @param dataSource the database
	 * @param settings the scripts and the mode
	 * @param tablePrefix the prefix of the lock table's name, optionally qualified by a schema
	 * @throws IllegalArgumentException if the prefix is not a plain SQL name (see {@link LockTablePrefix})
	 */
	public LockTableSchemaInitializer(DataSource dataSource, DatabaseInitializationSettings settings,
			String tablePrefix) {
		super(dataSource, settings);
		this.tablePrefix = LockTablePrefix.parse(tablePrefix);
	}

	@Override
	protected void runScripts(Scripts scripts) {
		Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
		List<Resource> resources = new ArrayList<>();
		for (Resource script : scripts) {
			resources.add(withPrefix(script, encoding));
		}
		super.runScripts(new Scripts(resources).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(encoding));
	}

	private Resource withPrefix(Resource script, Charset encoding) {
		try {
			String sql = script.getContentAsString(encoding)
				.replace(CONSTRAINT_PLACEHOLDER, this.tablePrefix.prefix() + "LOCK_PK")
				.replace(TABLE_PREFIX_PLACEHOLDER, this.tablePrefix.qualified());
			return new ByteArrayResource(sql.getBytes(encoding), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
		}
	}

}
