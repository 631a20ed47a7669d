package io.github.sfstreaming.internal;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that a server sent (error strings, channel names, OAuth error descriptions) safe to put in a log
 * line or an exception message: control characters, CR and LF included, are escaped so that a hostile server
 * cannot forge log lines, and long text is cut.
 */
public final class ServerText {

	/** The most characters of one server string written to a log line. */
	public static final int MAX_LENGTH = 500;

	private ServerText() {
	}

	/**
	 * Returns {@code text} with control characters escaped ({@code \n}, {@code \r}, {@code \t},
	 * {@code \\uXXXX}) and cut to {@link #MAX_LENGTH} characters.
	 * @param text what the server sent, or {@code null}
	 * @return the escaped text, or {@code "null"}
	 */
	public static String escape(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder escaped = null;
		int length = Math.min(text.length(), MAX_LENGTH);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
			if (control && escaped == null) {
				escaped = new StringBuilder(length + 16).append(text, 0, i);
			}
			if (escaped != null) {
				if (!control) {
					escaped.append(c);
				}
				else if (c == '\n') {
					escaped.append("\\n");
				}
				else if (c == '\r') {
					escaped.append("\\r");
				}
				else if (c == '\t') {
					escaped.append("\\t");
				}
				else {
					escaped.append(String.format("\\u%04x", (int) c));
				}
			}
		}
		String result = (escaped != null) ? escaped.toString() : text.substring(0, length);
		return (text.length() > MAX_LENGTH) ? result + "... (" + text.length() + " chars)" : result;
	}

}
