package io.github.sfstreaming.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Reads the two date-time shapes Salesforce sends in events, {@code 2026-11-27T21:00:00.000Z} and
 * {@code 2026-11-27T21:00:00.000+0000}, by position. {@code Instant.parse} on every event was the largest
 * allocation of the event path; anything else falls back to the formatters.
 */
final class SalesforceDates {

	private SalesforceDates() {
	}

	/**
	 * Parses {@code text} if it has one of Salesforce's two shapes.
	 * @param text the date-time
	 * @return the instant, or {@code null} when the text has another shape or is not a valid date-time
	 */
	static @Nullable Instant parse(String text) {
		int length = text.length();
		if ((length != 24 && length != 28) || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(19) != '.') {
			return null;
		}
		int offsetSeconds = offsetSeconds(text, length);
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int millis = digits(text, 20, 3);
		if (offsetSeconds == Integer.MIN_VALUE || year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23
				|| minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
		return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
	}

	/** The offset in seconds, or {@code Integer.MIN_VALUE} when the zone is not {@code Z} or {@code ±hhmm}. */
	private static int offsetSeconds(String text, int length) {
		if (length == 24) {
			return (text.charAt(23) == 'Z') ? 0 : Integer.MIN_VALUE;
		}
		char sign = text.charAt(23);
		int hours = digits(text, 24, 2);
		int minutes = digits(text, 26, 2);
		if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3_600 + minutes * 60;
		return (sign == '-') ? -seconds : seconds;
	}

	/** The number written by {@code count} ASCII digits at {@code from}, or {@code -1} if one is not a digit. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
