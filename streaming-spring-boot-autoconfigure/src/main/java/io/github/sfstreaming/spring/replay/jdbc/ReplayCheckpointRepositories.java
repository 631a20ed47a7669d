package io.github.sfstreaming.spring.replay.jdbc;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.DataAccessStrategyFactory;
import org.springframework.data.jdbc.core.convert.DefaultJdbcTypeFactory;
import org.springframework.data.jdbc.core.convert.DelegatingDataAccessStrategy;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.convert.MappingJdbcConverter;
import org.springframework.data.jdbc.core.convert.QueryMappingConfiguration;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.support.JdbcRepositoryFactory;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.data.repository.core.support.RepositoryComposition.RepositoryFragments;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * Creates {@link ReplayCheckpointRepository} instances with a private Spring Data JDBC set-up of their own.
 * Nothing is registered in the application context and no repository scanning is enabled, so the
 * application's own Spring Data JDBC repositories and mapping are left alone.
 */
public final class ReplayCheckpointRepositories {

	private static final ApplicationEventPublisher NO_EVENTS = (event) -> {
	};

	private ReplayCheckpointRepositories() {
	}

	/**
	 * Creates a repository on the given table.
	 * @param operations the JDBC operations on the database holding the table
	 * @param tableName the table
	 * @return the repository
	 */
	public static ReplayCheckpointRepository create(NamedParameterJdbcOperations operations,
			ReplayTableName tableName) {
		JdbcDialect dialect = DialectResolver.getDialect(operations.getJdbcOperations());
		JdbcCustomConversions conversions = JdbcCustomConversions.of(dialect, List.of());
		JdbcMappingContext mappingContext = JdbcMappingContext.forPlainIdentifiers(new TableNamingStrategy(tableName));
		mappingContext.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		DelegatingDataAccessStrategy relationResolver = new DelegatingDataAccessStrategy();
		MappingJdbcConverter converter = new MappingJdbcConverter(mappingContext, relationResolver, conversions,
				new DefaultJdbcTypeFactory(operations.getJdbcOperations(), dialect.getArraySupport()));
		DataAccessStrategy dataAccessStrategy = new DataAccessStrategyFactory(converter, operations, dialect,
				QueryMappingConfiguration.EMPTY)
			.create();
		relationResolver.setDelegate(dataAccessStrategy);
		JdbcRepositoryFactory factory = new JdbcRepositoryFactory(dataAccessStrategy, mappingContext, converter,
				dialect, NO_EVENTS, operations);
		return factory.getRepository(ReplayCheckpointRepository.class,
				RepositoryFragments.just(new MonotonicReplayCheckpointWriter(operations, tableName, dialect)));
	}

	private record TableNamingStrategy(ReplayTableName tableName) implements NamingStrategy {

		@Override
		public String getSchema() {
			String schema = this.tableName.schema();
			return (schema != null) ? schema : "";
		}

		@Override
		public String getTableName(Class<?> type) {
			return this.tableName.table();
		}

	}

}
