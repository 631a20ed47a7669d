package io.github.sfstreaming.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds several {@link SalesforceListener @SalesforceListener} annotations on one method, each a listener of its
 * own (give them distinct ids). Usually implicit: repeat {@code @SalesforceListener} instead.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SalesforceListeners {

	/** The listeners. */
	SalesforceListener[] value();

}
