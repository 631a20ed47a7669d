package io.github.sfstreaming.replay;

/**
 * The two kinds of replay id Salesforce hands out. A channel's id of one kind is never sent over the other
 * transport: a {@link ReplayStore} keeps them apart.
 */
public enum ReplayIdFormat {

	/** CometD (Streaming API) replay ids: numbers, increasing per channel. */
	NUMERIC,

	/** Pub/Sub API replay ids: opaque bytes, sent back exactly as received and never compared for order. */
	OPAQUE

}
