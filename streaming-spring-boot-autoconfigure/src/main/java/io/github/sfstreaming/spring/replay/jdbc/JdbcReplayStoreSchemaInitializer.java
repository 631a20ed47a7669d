package io.github.sfstreaming.spring.replay.jdbc;

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
 * Creates the JDBC replay store's table with the schema scripts, or upgrades a table of an earlier layout in place
 * (the scripts only ever add what is missing, so every start can run them), writing the configured table name in
 * place of {@value #TABLE_NAME_PLACEHOLDER}.
 */
public class JdbcReplayStoreSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	/** The table name used in the shipped scripts, replaced by the configured one. */
	public static final String TABLE_NAME_PLACEHOLDER = "SF_STREAMING_REPLAY";

	private final ReplayTableName tableName;

	/**
	 * Creates an initializer.
	 * @param dataSource the database
	 * @param settings the scripts and the mode
	 * @param tableName the table to create
	 */
	public JdbcReplayStoreSchemaInitializer(DataSource dataSource, DatabaseInitializationSettings settings,
			ReplayTableName tableName) {
		super(dataSource, settings);
		this.tableName = tableName;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
		List<Resource> resources = new ArrayList<>();
		for (Resource script : scripts) {
			resources.add(withTableName(script, encoding));
		}
		super.runScripts(new Scripts(resources).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(encoding));
	}

	private Resource withTableName(Resource script, Charset encoding) {
		try {
			String sql = script.getContentAsString(encoding)
				.replace(TABLE_NAME_PLACEHOLDER, this.tableName.qualified());
			return new ByteArrayResource(sql.getBytes(encoding), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
		}
	}

}
