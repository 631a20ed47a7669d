package io.github.sfstreaming.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SalesforceStreamingTransportException} into a start-up report that says which property or
 * dependency to fix.
 */
class SalesforceStreamingTransportFailureAnalyzer
		extends AbstractFailureAnalyzer<SalesforceStreamingTransportException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SalesforceStreamingTransportException cause) {
		return new FailureAnalysis(String.valueOf(cause.getMessage()), action(cause), cause);
	}

	private static String action(SalesforceStreamingTransportException cause) {
		return switch (cause.getProblem()) {
			case MODULE_MISSING -> "Add the io.github.sfstreaming:streaming-pubsub dependency to receive over the "
					+ "Pub/Sub API, or set 'salesforce.streaming.transport' to 'cometd'.";
			case CHANNEL_NOT_CARRIED -> "The Pub/Sub API carries platform events (/event/) and Change Data Capture "
					+ "(/data/) only, and one application receives over one transport: set "
					+ "'salesforce.streaming.transport' to 'cometd' to keep PushTopic (/topic/) and generic (/u/) "
					+ "listeners, or remove them.";
			case REPLAY_STORE_FORMAT -> "Set 'salesforce.streaming.replay.store' to 'memory', define a ReplayStore "
					+ "bean whose formats() include OPAQUE, or set 'salesforce.streaming.transport' to 'cometd'.";
			case PUBLISH_ALL_OR_NONE -> "Set 'salesforce.streaming.publish.all-or-none' to false to publish over "
					+ "the Pub/Sub API, or set 'salesforce.streaming.publish.transport' to 'rest' to publish over the "
					+ "REST API (which has all-or-none batches) while the listeners stay on Pub/Sub.";
		};
	}

}
