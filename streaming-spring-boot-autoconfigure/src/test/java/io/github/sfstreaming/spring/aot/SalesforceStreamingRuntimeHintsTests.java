package io.github.sfstreaming.spring.aot;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.replay.jdbc.ReplayCheckpoint;
import io.github.sfstreaming.spring.replay.jdbc.ReplayCheckpointId;
import io.github.sfstreaming.spring.replay.jdbc.ReplayCheckpointRepository;
import io.github.sfstreaming.spring.support.SalesforceHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints that AOT processing of a context collects: those of {@link SalesforceStreamingRuntimeHints},
 * found in {@code META-INF/spring/aot.factories}, and those of the listener methods, which
 * {@code @SalesforceListener}'s {@code @MessageMapping} brings.
 */
class SalesforceStreamingRuntimeHintsTests {

	private final RuntimeHints hints = processAheadOfTime();

	@Test
	void schemaScriptsAreResources() {
		for (String script : new String[] { "io/github/sfstreaming/spring/replay/jdbc/schema-postgresql.sql",
				"io/github/sfstreaming/spring/replay/jdbc/schema-h2.sql",
				"io/github/sfstreaming/spring/cluster/lock-schema-postgresql.sql",
				"io/github/sfstreaming/spring/cluster/lock-schema-h2.sql" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource(script)).as(script).accepts(this.hints);
		}
	}

	@Test
	void theReplayStoresAggregateAndRepositoryAreReflectedOn() {
		for (Class<?> type : new Class<?>[] { ReplayCheckpoint.class, ReplayCheckpointId.class }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.proxies()
			.forInterfaces(ReplayCheckpointRepository.class, org.springframework.data.repository.Repository.class,
					org.springframework.aop.SpringProxy.class, org.springframework.aop.framework.Advised.class,
					org.springframework.core.DecoratingProxy.class))
			.accepts(this.hints);
	}

	@Test
	void everyColumnOfTheReplayStoresAggregateCanBeReadAndWritten() throws Exception {
		// Spring Data JDBC builds the record through its canonical constructor and reads it through its fields and
		// accessors: a column added to the table (replay_bytes for Pub/Sub ids) must be covered as well
		RecordComponent[] components = ReplayCheckpoint.class.getRecordComponents();
		assertThat(components).extracting(RecordComponent::getName).contains("replayId", "replayBytes");
		for (RecordComponent component : components) {
			assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(ReplayCheckpoint.class, component.getName()))
				.as(component.getName())
				.accepts(this.hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(component.getName())
				.accepts(this.hints);
		}
		Class<?>[] canonical = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(ReplayCheckpoint.class.getDeclaredConstructor(canonical))).accepts(this.hints);
	}

	@Test
	void listenerMethodsAreInvocableAndTheirPojoPayloadsBindable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InvoiceListeners.class, "onInvoice"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InvoiceListeners.class, "onOrder"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Invoice.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Invoice.class, "name")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(NotAListener.class, "onSomething"))
			.rejects(this.hints);
	}

	private static RuntimeHints processAheadOfTime() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(InvoiceListeners.class);
		context.registerBean(NotAListener.class);
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "AotTest")), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext.getRuntimeHints();
	}

	record Invoice(String name, double amount) {
	}

	static class Order {

		private String number;

		public String getNumber() {
			return this.number;
		}

		public void setNumber(String number) {
			this.number = number;
		}

	}

	static class InvoiceListeners {

		@SalesforceListener("/topic/InvoiceUpdates")
		void onInvoice(Invoice invoice, @Header(SalesforceHeaders.REPLAY_ID) long replayId) {
		}

		@SalesforceListener("/event/Order__e")
		void onOrder(Message<Order> order) {
		}

		@SalesforceListener("/event/Other__e")
		void onEvent(PlatformEvent event) {
		}

		@SalesforceListener("/event/Map__e")
		void onMap(Map<String, Object> data) {
		}

	}

	static class NotAListener {

		void onSomething(Invoice invoice) {
		}

	}

}
