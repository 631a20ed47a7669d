package io.github.sfstreaming.spring.annotation;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

import io.github.sfstreaming.spring.config.SalesforceListenerConfigUtils;
import io.github.sfstreaming.spring.config.SalesforceListenerEndpointRegistry;

/**
 * Registers the {@link SalesforceListenerAnnotationBeanPostProcessor} and the
 * {@link SalesforceListenerEndpointRegistry}, under the names in {@link SalesforceListenerConfigUtils}. Imported by
 * {@link EnableSalesforceListeners}.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class SalesforceListenerBootstrapConfiguration {

	// Static so that registering the post-processor does not create this configuration early.
	@Bean(name = SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SalesforceListenerAnnotationBeanPostProcessor salesforceListenerAnnotationProcessor() {
		return new SalesforceListenerAnnotationBeanPostProcessor();
	}

	@Bean(name = SalesforceListenerConfigUtils.SALESFORCE_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	SalesforceListenerEndpointRegistry salesforceListenerEndpointRegistry() {
		return new SalesforceListenerEndpointRegistry();
	}

}
