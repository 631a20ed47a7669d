package io.github.sfstreaming.spring.support;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.event.ChangeEvent;
import io.github.sfstreaming.event.GenericEvent;
import io.github.sfstreaming.event.PlatformEvent;
import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.event.StreamingEvent;

/**
 * The kinds of Salesforce Streaming API channel, told apart by their prefix, each with the event type it
 * delivers and the headers its events can carry.
 */
public enum SalesforceChannel {

	/** A PushTopic, {@code /topic/Name}. */
	PUSH_TOPIC("/topic/", PushTopicEvent.class, SalesforceHeaders.EVENT_TYPE),

	/** A generic streaming channel, {@code /u/Name}. */
	GENERIC("/u/", GenericEvent.class),

	/** A platform event, {@code /event/Name__e}. */
	PLATFORM_EVENT("/event/", PlatformEvent.class, SalesforceHeaders.EVENT_UUID, SalesforceHeaders.SCHEMA),

	/** Change Data Capture, {@code /data/ChangeEvents}, {@code /data/AccountChangeEvent}, .... */
	CHANGE_EVENT("/data/", ChangeEvent.class, SalesforceHeaders.CHANGE_EVENT_HEADER, SalesforceHeaders.CHANGE_TYPE,
			SalesforceHeaders.SCHEMA);

	private final String prefix;

	private final Class<? extends StreamingEvent> eventType;

	private final Set<String> headers;

	SalesforceChannel(String prefix, Class<? extends StreamingEvent> eventType, String... specificHeaders) {
		this.prefix = prefix;
		this.eventType = eventType;
		Set<String> headers = new HashSet<>(List.of(specificHeaders));
		// Every kind carries these; listed here because an enum constructor cannot read a static field.
		headers.addAll(List.of(SalesforceHeaders.CHANNEL, SalesforceHeaders.REPLAY_ID, SalesforceHeaders.CREATED_DATE,
				SalesforceHeaders.LISTENER_ID));
		this.headers = Set.copyOf(headers);
	}

	/** The channel name's prefix, for example {@code /topic/}. */
	public String prefix() {
		return this.prefix;
	}

	/** The type of the events of this kind of channel. */
	public Class<? extends StreamingEvent> eventType() {
		return this.eventType;
	}

	/** The {@link SalesforceHeaders} names the events of this kind of channel can carry. */
	public Set<String> headers() {
		return this.headers;
	}

	/**
	 * Returns the kind of the given channel.
	 * @param channel a channel name
	 * @return its kind, or {@code null} if it is not a Salesforce channel: a known prefix followed by a name
	 * without white space
	 */
	public static @Nullable SalesforceChannel of(String channel) {
		for (SalesforceChannel kind : values()) {
			if (channel.startsWith(kind.prefix) && channel.length() > kind.prefix.length()
					&& channel.chars().noneMatch(Character::isWhitespace)) {
				return kind;
			}
		}
		return null;
	}

	/** A description of the valid channel names, for error messages. */
	public static String describeValidNames() {
		return Arrays.stream(values()).map((kind) -> kind.prefix + "...").collect(Collectors.joining(", "));
	}

}
