package io.github.sfstreaming.spring.autoconfigure;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.backoff.BackOffExecution;

import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;
import io.github.sfstreaming.spring.config.DefaultSalesforceListenerContainerFactory;
import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;
import io.github.sfstreaming.spring.listener.DefaultListenerErrorHandler;
import io.github.sfstreaming.spring.listener.DefaultSalesforceListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container factory the auto-configuration defines, its configurer, and how an application customises both.
 */
class SalesforceListenerContainerFactoryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceStreamingAutoConfiguration.class))
		.withPropertyValues(SalesforceStreamingAutoConfigurationTests.PASSWORD_GRANT);

	@Test
	void defaultFactoryHasTheDefaultErrorHandlerAndTheBatchMaxSize() {
		this.contextRunner.withPropertyValues("salesforce.streaming.listener.batch.max-size=200")
			.withUserConfiguration(OrdersListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DefaultSalesforceListenerContainerFactory factory = context.getBean(
						SalesforceListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME,
						DefaultSalesforceListenerContainerFactory.class);
				assertThat(factory.getErrorHandler()).isSameAs(context.getBean(DefaultListenerErrorHandler.class));
				assertThat(factory.getBatchMaxSize()).isEqualTo(200);
				assertThat(container(context.getBean(SalesforceListenerEndpointRegistry.class), "orders")
					.getBatchMaxSize()).isEqualTo(200);
			});
	}

	@Test
	void retryPropertiesNamedAsBootsRetryPolicySettingsShapeTheRetries() {
		this.contextRunner
			.withPropertyValues("salesforce.streaming.listener.retry.max-retries=3",
					"salesforce.streaming.listener.retry.delay=100ms",
					"salesforce.streaming.listener.retry.multiplier=3",
					"salesforce.streaming.listener.retry.max-delay=500ms")
			.run((context) -> {
				BackOffExecution execution = context.getBean(DefaultListenerErrorHandler.class).getBackOff().start();
				assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(),
						execution.nextBackOff()))
					.containsExactly(100L, 300L, 500L, BackOffExecution.STOP);
			});
	}

	@Test
	void conversionErrorsAreExcludedFromTheAutoConfiguredRetries() {
		this.contextRunner.run((context) -> {
			DefaultListenerErrorHandler handler = context.getBean(DefaultListenerErrorHandler.class);
			assertThat(handler.getRetryPolicy().shouldRetry(new IllegalStateException("wrapper",
					new org.springframework.messaging.converter.MessageConversionException("bad")))).isFalse();
			assertThat(handler.getRetryPolicy().shouldRetry(new IllegalStateException("transient"))).isTrue();
		});
	}

	@Test
	void applicationFactoryBuiltWithTheConfigurerReplacesTheDefaultOne() {
		this.contextRunner.withUserConfiguration(CustomFactory.class, OrdersListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(SalesforceListenerConfigUtils.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
				.isSameAs(context.getBean(CustomFactory.class).factory);
			DefaultSalesforceListenerContainer container = container(
					context.getBean(SalesforceListenerEndpointRegistry.class), "orders");
			assertThat(container.getBatchMaxSize()).isEqualTo(500);
			// filled in by the configurer
			assertThat(container.getErrorHandler()).isSameAs(context.getBean(DefaultListenerErrorHandler.class));
		});
	}

	@Test
	void listenerNamesAFactoryOfItsOwn() {
		this.contextRunner.withUserConfiguration(OwnFactoryListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(container(context.getBean(SalesforceListenerEndpointRegistry.class), "audit").getBatchMaxSize())
				.isEqualTo(9);
		});
	}

	@Test
	void registryStartsTheContainersWithTheApplication() {
		this.contextRunner.withUserConfiguration(OrdersListener.class).run((context) -> {
			SalesforceListenerEndpointRegistry registry = context.getBean(SalesforceListenerEndpointRegistry.class);
			assertThat(registry.isRunning()).isTrue();
			assertThat(registry.getListenerContainer("orders").isRunning()).isTrue();
			context.stop();
			assertThat(registry.getListenerContainer("orders").isRunning()).isFalse();
		});
	}

	private static DefaultSalesforceListenerContainer container(SalesforceListenerEndpointRegistry registry,
			String id) {
		return (DefaultSalesforceListenerContainer) registry.getListenerContainer(id);
	}

	@Configuration(proxyBeanMethods = false)
	static class OrdersListener {

		@Bean
		Orders orders() {
			return new Orders();
		}

		static class Orders {

			@SalesforceListener(id = "orders", value = "/event/Order__e")
			void onOrder(PlatformEvent event) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFactory {

		DefaultSalesforceListenerContainerFactory factory;

		@Bean
		DefaultSalesforceListenerContainerFactory salesforceListenerContainerFactory(
				SalesforceListenerContainerFactoryConfigurer configurer) {
			DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
			configurer.configure(factory);
			factory.setBatchMaxSize(500);
			this.factory = factory;
			return factory;
		}

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactoryListener {

		@Bean
		DefaultSalesforceListenerContainerFactory auditFactory() {
			DefaultSalesforceListenerContainerFactory factory = new DefaultSalesforceListenerContainerFactory();
			factory.setBatchMaxSize(9);
			return factory;
		}

		@Bean
		Audit audit() {
			return new Audit();
		}

		static class Audit {

			@SalesforceListener(id = "audit", value = "/event/Audit__e", containerFactory = "auditFactory")
			void onAudit(PlatformEvent event) {
			}

		}

	}

}
