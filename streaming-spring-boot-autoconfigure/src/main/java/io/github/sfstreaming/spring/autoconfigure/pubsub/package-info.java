/**
 * Auto-configuration of the Pub/Sub API transport ({@code salesforce.streaming.transport=pubsub}): the gRPC
 * channel, the {@code PubSubTransport} plugged into the client, the start-up checks and the Pub/Sub meters. The
 * classes that name gRPC or {@code streaming-pubsub} types load only when {@code streaming-pubsub} is on the class
 * path.
 */
@NullMarked
package io.github.sfstreaming.spring.autoconfigure.pubsub;

import org.jspecify.annotations.NullMarked;
