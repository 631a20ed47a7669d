package io.github.sfstreaming.spring.support;

import java.util.Set;

/**
 * Names of the message headers a {@code @SalesforceListener} method can ask for with
 * {@link org.springframework.messaging.handler.annotation.Header @Header}:
 * <pre>{@code
 * @SalesforceListener("/topic/InvoiceUpdates")
 * void onInvoice(Invoice invoice, @Header(SalesforceHeaders.REPLAY_ID) long replayId) { ... }
 * }</pre>
 * A header whose value an event does not have (for example {@link #CREATED_DATE} when Salesforce sent none)
 * is absent from the message: declare such a parameter {@code @Header(name = ..., required = false)} or
 * {@code Optional}.
 */
public final class SalesforceHeaders {

	/** Common prefix of every header name. */
	public static final String PREFIX = "salesforce_";

	/** The channel the event arrived on ({@code String}); every event. */
	public static final String CHANNEL = PREFIX + "channel";

	/** The event's replay id ({@code long}); every event. */
	public static final String REPLAY_ID = PREFIX + "replayId";

	/** When Salesforce created the event ({@link java.time.Instant}); present when the event has it. */
	public static final String CREATED_DATE = PREFIX + "createdDate";

	/**
	 * The PushTopic event type ({@code String}: {@code created}, {@code updated}, {@code deleted},
	 * {@code undeleted}); PushTopic events only.
	 */
	public static final String EVENT_TYPE = PREFIX + "eventType";

	/** The Change Data Capture {@link io.github.sfstreaming.event.ChangeEventHeader}; change events only. */
	public static final String CHANGE_EVENT_HEADER = PREFIX + "changeEventHeader";

	/** The Change Data Capture {@link io.github.sfstreaming.event.ChangeType}; change events only. */
	public static final String CHANGE_TYPE = PREFIX + "changeType";

	/** The platform event's {@code EventUuid} ({@code String}); platform events that have one. */
	public static final String EVENT_UUID = PREFIX + "eventUuid";

	/** The payload's schema id ({@code String}); platform and change events that have one. */
	public static final String SCHEMA = PREFIX + "schema";

	/** The id of the listener the event is handed to ({@code String}); every event. */
	public static final String LISTENER_ID = PREFIX + "listenerId";

	/** Every header name above. */
	public static final Set<String> ALL = Set.of(CHANNEL, REPLAY_ID, CREATED_DATE, EVENT_TYPE, CHANGE_EVENT_HEADER,
			CHANGE_TYPE, EVENT_UUID, SCHEMA, LISTENER_ID);

	private SalesforceHeaders() {
	}

}
