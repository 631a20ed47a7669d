package io.github.sfstreaming.emulator;

/**
 * The type of a custom field of a platform event that the emulator is told about with
 * {@link SalesforceStreamingEmulator#definePlatformEvent}, and the Avro type the Pub/Sub API gives it.
 */
public enum EventFieldType {

	/** Text and long text area: a nullable Avro {@code string}. */
	TEXT,

	/** Number: a nullable Avro {@code double}. */
	NUMBER,

	/** Checkbox: an Avro {@code boolean} that is never null, {@code false} by default. */
	CHECKBOX,

	/** Date/Time: a nullable Avro {@code long} of epoch milliseconds ({@code timestamp-millis}). */
	DATE_TIME

}
