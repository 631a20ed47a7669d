/**
 * The Salesforce Pub/Sub API (gRPC) transport: a subscriber of one topic with credit-based flow control, a
 * keep-alive watchdog and Avro decoding into the core's event types.
 */
@NullMarked
package io.github.sfstreaming.pubsub;

import org.jspecify.annotations.NullMarked;
