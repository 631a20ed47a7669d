package io.github.sfstreaming.emulator;

/**
 * The four kinds of Salesforce streaming channels, told apart by their prefix.
 */
enum ChannelKind {

	/** PushTopic: {@code /topic/Name}. */
	PUSH_TOPIC("/topic/"),

	/** Generic streaming: {@code /u/Name}. */
	GENERIC("/u/"),

	/** Platform event: {@code /event/Name__e}. */
	PLATFORM_EVENT("/event/"),

	/** Change Data Capture: {@code /data/ChangeEvents}, {@code /data/AccountChangeEvent}, ... */
	CHANGE_EVENT("/data/");

	private final String prefix;

	ChannelKind(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The kind of the given channel.
	 * @param channel a channel name such as {@code /topic/InvoiceUpdates}
	 * @return its kind
	 * @throws IllegalArgumentException if the name is not a Salesforce streaming channel
	 */
	static ChannelKind of(String channel) {
		for (ChannelKind kind : values()) {
			if (channel.startsWith(kind.prefix) && channel.length() > kind.prefix.length()
					&& channel.indexOf('/', kind.prefix.length()) < 0 && channel.indexOf('*') < 0) {
				return kind;
			}
		}
		throw new IllegalArgumentException("not a Salesforce streaming channel: '" + channel
				+ "' (expected /topic/X, /u/X, /event/X__e or /data/X)");
	}

}
