package io.github.sfstreaming.replay;

/**
 * What the client does when Salesforce rejects a stored replay id ({@code 400::The replayId {N} you provided
 * was invalid}), usually because the event fell out of the retention window. Every case is logged at WARN
 * with the channel and the id.
 */
public enum InvalidReplayIdPolicy {

	/** Fail that channel's subscription with an {@code InvalidReplayIdException}; nothing is skipped silently. */
	FAIL,

	/** Subscribe again from {@code -1}: only new events. Events between the stored id and now are lost. */
	NEW_EVENTS,

	/** Subscribe again from {@code -2}: every retained event. Handlers may see some events again. */
	ALL_EVENTS

}
