package io.github.sfstreaming.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Enables {@link SalesforceListener @SalesforceListener} methods. Spring Boot applications do not need it: the
 * auto-configuration enables them. Configure the infrastructure with
 * {@link io.github.sfstreaming.spring.config.SalesforceListenerConfigurer} beans.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SalesforceListenerBootstrapConfiguration.class)
public @interface EnableSalesforceListeners {

}
