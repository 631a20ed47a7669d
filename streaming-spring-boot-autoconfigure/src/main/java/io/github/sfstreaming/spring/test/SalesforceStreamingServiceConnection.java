package io.github.sfstreaming.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static field of a Spring test class holding a {@code SalesforceStreamingEmulatorExtension} or a
 * {@code SalesforceStreamingEmulator}: the test's application context then connects to that emulator, through a
 * {@link SalesforceStreamingEmulatorConnectionDetails} bean, whatever {@code salesforce.streaming.login-url} and
 * {@code salesforce.streaming.auth.*} say; with {@code salesforce.streaming.transport=pubsub}, also to its Pub/Sub
 * API (build the emulator with {@code pubSub(true)}), whatever {@code salesforce.streaming.pubsub.*} say. The
 * counterpart of Spring Boot's {@code @ServiceConnection} on a Testcontainers field; the JUnit extension starts,
 * resets and stops the emulator.
 * <pre class="code">
 * &#64;SpringBootTest
 * class InvoiceListenerTests {
 *
 *     &#64;RegisterExtension
 *     &#64;SalesforceStreamingServiceConnection
 *     static SalesforceStreamingEmulatorExtension emulator = SalesforceStreamingEmulatorExtension.builder()
 *             .channels("/topic/InvoiceUpdates")
 *             .build();
 *
 * }
 * </pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SalesforceStreamingServiceConnection {

}
