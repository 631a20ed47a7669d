/**
 * The seam between a {@link io.github.sfstreaming.client.SalesforceStreamingClient} and the protocol that
 * brings its events: CometD long polling (built in) or Salesforce's gRPC Pub/Sub API (module
 * {@code streaming-pubsub}). A transport receives; the client above it keeps the bounded buffer, the handlers'
 * threads, per-channel order and the rule that a replay id is stored only after its event was handled.
 */
@NullMarked
package io.github.sfstreaming.transport;

import org.jspecify.annotations.NullMarked;
