package io.github.sfstreaming.publish;

import java.util.regex.Pattern;

/**
 * Tells which channels can be published to, and names what to do for those that cannot.
 */
final class PublishChannels {

	private static final String EVENT_PREFIX = "/event/";

	private static final String GENERIC_PREFIX = "/u/";

	/** An API name: a letter, then letters, digits and single underscores, ending in {@code __e}. */
	private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__e");

	/** {@code /u/} and one or more name segments, as Salesforce allows ({@code /u/notifications/X}). */
	private static final Pattern GENERIC_CHANNEL = Pattern.compile("/u/[A-Za-z0-9_\\-]+(?:/[A-Za-z0-9_\\-]+)*");

	private PublishChannels() {
	}

	/**
	 * The platform event's API name for {@code /event/Order__e} or {@code Order__e}.
	 * @throws IllegalArgumentException for any other channel, naming why it cannot be published to
	 */
	static String eventType(String channel) {
		if (channel == null || channel.isBlank()) {
			throw new IllegalArgumentException("channel must be a platform event channel such as /event/Order__e");
		}
		if (channel.startsWith("/topic/")) {
			throw new IllegalArgumentException("Cannot publish to PushTopic channel '" + channel + "': PushTopic "
					+ "events come from changes to the records the PushTopic's query selects. Change the records, or "
					+ "publish a platform event (/event/X__e) or push to a generic channel (/u/X) instead");
		}
		if (channel.startsWith("/data/")) {
			throw new IllegalArgumentException("Cannot publish to Change Data Capture channel '" + channel
					+ "': change events come from record changes in Salesforce. Change the records, or publish a "
					+ "platform event (/event/X__e) instead");
		}
		if (channel.startsWith(GENERIC_PREFIX)) {
			throw new IllegalArgumentException("'" + channel + "' is a generic streaming channel: use push(channel, "
					+ "payload) to send it a string payload");
		}
		String name = channel.startsWith(EVENT_PREFIX) ? channel.substring(EVENT_PREFIX.length()) : channel;
		if (!EVENT_TYPE.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + channel + "' is not a platform event channel: expected "
					+ "/event/<ApiName>__e or <ApiName>__e, for example /event/Order__e");
		}
		return name;
	}

	/** The platform event channel of an event type: {@code /event/Order__e}. */
	static String eventChannel(String eventType) {
		return EVENT_PREFIX + eventType;
	}

	/**
	 * Checks a generic streaming channel name.
	 * @throws IllegalArgumentException if it is not {@code /u/<Name>}
	 */
	static String genericChannel(String channel) {
		if (channel == null || !GENERIC_CHANNEL.matcher(channel).matches()) {
			if (channel != null && (channel.startsWith(EVENT_PREFIX) || channel.endsWith("__e"))) {
				throw new IllegalArgumentException("'" + channel + "' is a platform event channel: use "
						+ "publish(channel, event) to publish an event to it");
			}
			if (channel != null && (channel.startsWith("/topic/") || channel.startsWith("/data/"))) {
				eventType(channel);
			}
			throw new IllegalArgumentException("'" + channel + "' is not a generic streaming channel: expected "
					+ "/u/<Name>, for example /u/Notifications");
		}
		return channel;
	}

}
