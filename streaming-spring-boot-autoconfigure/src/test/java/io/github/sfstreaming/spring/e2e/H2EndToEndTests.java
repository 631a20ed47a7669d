package io.github.sfstreaming.spring.e2e;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link AbstractEndToEndTests} with the replay store on H2; the database outlives each application context.
 */
class H2EndToEndTests extends AbstractEndToEndTests {

	private final String url = "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@Override
	protected String[] databaseProperties() {
		return new String[] { "spring.datasource.url=" + this.url, "spring.datasource.username=sa" };
	}

	@Override
	protected String tableName() {
		return "SF_STREAMING_REPLAY";
	}

	@Override
	protected DataSource dataSource() {
		return new DriverManagerDataSource(this.url, "sa", "");
	}

}
