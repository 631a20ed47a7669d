package io.github.sfstreaming.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the statements that write to the replay table, by wrapping the application's {@link DataSource}:
 * every {@code INSERT}, {@code UPDATE}, {@code MERGE} or {@code DELETE} prepared on a connection that
 * names the table counts once.
 */
final class StatementCounter implements BeanPostProcessor {

	private final String table;

	private final LongAdder writes = new LongAdder();

	StatementCounter(String table) {
		this.table = table.toLowerCase(Locale.ROOT);
	}

	long writes() {
		return this.writes.sum();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
			return new CountingDataSource(dataSource);
		}
		return bean;
	}

	private void prepared(String sql) {
		String lower = sql.trim().toLowerCase(Locale.ROOT);
		if (lower.contains(this.table) && (lower.startsWith("insert") || lower.startsWith("update")
				|| lower.startsWith("merge") || lower.startsWith("delete"))) {
			this.writes.increment();
		}
	}

	private final class CountingDataSource extends DelegatingDataSource {

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return counting(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return counting(super.getConnection(username, password));
		}

		private Connection counting(Connection connection) {
			InvocationHandler handler = new CountingHandler(connection);
			return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
					new Class<?>[] { Connection.class }, handler);
		}

	}

	private final class CountingHandler implements InvocationHandler {

		private final Connection target;

		CountingHandler(Connection target) {
			this.target = target;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			if (method.getName().startsWith("prepare") && args != null && args.length > 0
					&& args[0] instanceof String sql) {
				prepared(sql);
			}
			try {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
