package io.github.sfstreaming.internal.bayeux;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one {@code /meta/connect} brought back: the messages of subscribed channels (to dispatch whatever the
 * outcome), every message received, the advice now in force and, when the connect failed, why.
 *
 * @param events the messages of non-meta channels, in the order received
 * @param messages every message of the response
 * @param advice the advice in force
 * @param failure why the connect failed, or {@code null} when it succeeded
 */
public record ConnectResult(List<JsonNode> events, List<JsonNode> messages, Advice advice,
		@Nullable BayeuxException failure) {
}
