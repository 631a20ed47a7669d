package io.github.sfstreaming.event;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of Salesforce streaming channel, told apart by their prefix, each with the type of its events. The
 * one channel model of the project: the parser, the client's validation and the Spring listener support use it.
 */
public enum ChannelKind {

	/** A PushTopic, {@code /topic/Name}, optionally with filters ({@code /topic/Name?Field=value}). */
	PUSH_TOPIC("/topic/", PushTopicEvent.class),

	/** A generic streaming channel, {@code /u/Name}. */
	GENERIC("/u/", GenericEvent.class),

	/** A platform event, {@code /event/Name__e}. */
	PLATFORM_EVENT("/event/", PlatformEvent.class),

	/** Change Data Capture: {@code /data/ChangeEvents}, {@code /data/AccountChangeEvent}, {@code /data/X__chn}. */
	CHANGE_EVENT("/data/", ChangeEvent.class);

	/** {@link #values()} copies its array on every call; {@link #of} runs for every event. */
	private static final ChannelKind[] KINDS = values();

	private final String prefix;

	private final Class<? extends StreamingEvent> eventType;

	ChannelKind(String prefix, Class<? extends StreamingEvent> eventType) {
		this.prefix = prefix;
		this.eventType = eventType;
	}

	/** The channel name's prefix, for example {@code /topic/}. */
	public String prefix() {
		return this.prefix;
	}

	/** The type of the events of this kind of channel. */
	public Class<? extends StreamingEvent> eventType() {
		return this.eventType;
	}

	/**
	 * Returns the kind of a channel.
	 * @param channel a channel name
	 * @return its kind, or {@code null} if it is not a Salesforce channel: a known prefix followed by a name
	 * without white space
	 */
	public static @Nullable ChannelKind of(String channel) {
		for (ChannelKind kind : KINDS) {
			if (channel.startsWith(kind.prefix) && channel.length() > kind.prefix.length()
					&& !hasWhitespace(channel)) {
				return kind;
			}
		}
		return null;
	}

	private static boolean hasWhitespace(String channel) {
		for (int i = 0; i < channel.length(); i++) {
			if (Character.isWhitespace(channel.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/** The valid channel names, for error messages: {@code /topic/..., /u/..., /event/..., /data/...}. */
	public static String describeValidNames() {
		return Arrays.stream(values()).map((kind) -> kind.prefix + "...").collect(Collectors.joining(", "));
	}

}
