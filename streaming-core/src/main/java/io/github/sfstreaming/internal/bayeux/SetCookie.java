package io.github.sfstreaming.internal.bayeux;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import io.netty.handler.codec.DateFormatter;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Set-Cookie} header as the cookie jar needs it: name, value and expiry. Read from the header
 * rather than from WebClient's parsed cookies, which cannot tell a past {@code Expires} from none.
 *
 * @param name the cookie's name
 * @param value the cookie's value, without surrounding quotes
 * @param expiry when it expires ({@code Max-Age} first, else {@code Expires}), or {@code null} for the session
 */
record SetCookie(String name, String value, @Nullable Instant expiry) {

	/** Characters that may not appear in a cookie name (RFC 6265 token). */
	private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";

	/**
	 * Parses a header.
	 * @param header the value of one {@code Set-Cookie} header
	 * @param now the current time, from which {@code Max-Age} counts
	 * @return the cookie, or {@code null} when the header is not a valid cookie
	 */
	static @Nullable SetCookie parse(String header, Instant now) {
		String[] parts = header.split(";");
		int equals = parts[0].indexOf('=');
		if (equals <= 0) {
			return null;
		}
		String name = parts[0].substring(0, equals).trim();
		String value = parts[0].substring(equals + 1).trim();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		if (!isToken(name) || !isCookieValue(value)) {
			return null;
		}
		Instant maxAge = null;
		Instant expires = null;
		for (int i = 1; i < parts.length; i++) {
			String attribute = parts[i].trim();
			int separator = attribute.indexOf('=');
			if (separator < 0) {
				continue;
			}
			String key = attribute.substring(0, separator).trim().toLowerCase(Locale.ROOT);
			String argument = attribute.substring(separator + 1).trim();
			if (key.equals("max-age")) {
				maxAge = maxAge(argument, now);
			}
			else if (key.equals("expires")) {
				Date date = DateFormatter.parseHttpDate(argument);
				expires = (date != null) ? date.toInstant() : expires;
			}
		}
		// RFC 6265: Max-Age wins over Expires; an invalid attribute is ignored
		return new SetCookie(name, value, (maxAge != null) ? maxAge : expires);
	}

	/** Whether the cookie asks to be deleted: expired already, or emptied without an expiry. */
	boolean isDeletion(Instant now) {
		return (this.expiry != null) ? !this.expiry.isAfter(now) : this.value.isEmpty();
	}

	private static @Nullable Instant maxAge(String argument, Instant now) {
		if (!argument.matches("-?\\d+")) {
			return null;
		}
		if (argument.startsWith("-") || argument.chars().allMatch((c) -> c == '0' || c == '-')) {
			return now; // zero or negative: expire at once
		}
		if (argument.length() > 12) {
			return Instant.MAX; // longer than anyone lives
		}
		return now.plus(Duration.ofSeconds(Long.parseLong(argument)));
	}

	private static boolean isToken(String name) {
		return !name.isEmpty() && name.chars().allMatch((c) -> c > 0x20 && c < 0x7f && SEPARATORS.indexOf(c) < 0);
	}

	/** RFC 6265 cookie-octets: what can be sent back in a {@code Cookie} header as is. */
	private static boolean isCookieValue(String value) {
		return value.chars()
			.allMatch((c) -> c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A)
					|| (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
	}

	@Override
	public String toString() {
		return "SetCookie[name=" + this.name + ", expiry=" + this.expiry + "]"; // not the value: it may be a credential
	}

}
