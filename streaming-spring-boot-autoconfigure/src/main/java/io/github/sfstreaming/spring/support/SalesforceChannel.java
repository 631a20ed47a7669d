package io.github.sfstreaming.spring.support;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.event.ChannelKind;
import io.github.sfstreaming.event.StreamingEvent;

/**
 * The kinds of Salesforce Streaming API channel ({@link ChannelKind}, the core's channel model), each with the
 * headers its events can carry.
 */
public enum SalesforceChannel {

	/** A PushTopic, {@code /topic/Name}. */
	PUSH_TOPIC(ChannelKind.PUSH_TOPIC, SalesforceHeaders.EVENT_TYPE),

	/** A generic streaming channel, {@code /u/Name}. */
	GENERIC(ChannelKind.GENERIC),

	/** A platform event, {@code /event/Name__e}. */
	PLATFORM_EVENT(ChannelKind.PLATFORM_EVENT, SalesforceHeaders.EVENT_UUID, SalesforceHeaders.SCHEMA),

	/** Change Data Capture, {@code /data/ChangeEvents}, {@code /data/AccountChangeEvent}, .... */
	CHANGE_EVENT(ChannelKind.CHANGE_EVENT, SalesforceHeaders.CHANGE_EVENT_HEADER, SalesforceHeaders.CHANGE_TYPE,
			SalesforceHeaders.SCHEMA);

	private final ChannelKind kind;

	private final Set<String> headers;

	SalesforceChannel(ChannelKind kind, String... specificHeaders) {
		this.kind = kind;
		Set<String> headers = new HashSet<>(List.of(specificHeaders));
		// Every kind carries these; listed here because an enum constructor cannot read a static field.
		headers.addAll(List.of(SalesforceHeaders.CHANNEL, SalesforceHeaders.REPLAY_ID, SalesforceHeaders.CREATED_DATE,
				SalesforceHeaders.LISTENER_ID));
		this.headers = Set.copyOf(headers);
	}

	/** The core's kind of channel this is. */
	public ChannelKind kind() {
		return this.kind;
	}

	/** The channel name's prefix, for example {@code /topic/}. */
	public String prefix() {
		return this.kind.prefix();
	}

	/** The type of the events of this kind of channel. */
	public Class<? extends StreamingEvent> eventType() {
		return this.kind.eventType();
	}

	/** The {@link SalesforceHeaders} names the events of this kind of channel can carry. */
	public Set<String> headers() {
		return this.headers;
	}

	/**
	 * Returns the kind of the given channel.
	 * @param channel a channel name
	 * @return its kind, or {@code null} if it is not a Salesforce channel (see {@link ChannelKind#of})
	 */
	public static @Nullable SalesforceChannel of(String channel) {
		ChannelKind kind = ChannelKind.of(channel);
		if (kind == null) {
			return null;
		}
		for (SalesforceChannel candidate : values()) {
			if (candidate.kind == kind) {
				return candidate;
			}
		}
		return null;
	}

	/** A description of the valid channel names, for error messages. */
	public static String describeValidNames() {
		return ChannelKind.describeValidNames();
	}

}
