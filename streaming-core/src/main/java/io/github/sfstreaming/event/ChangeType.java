package io.github.sfstreaming.event;

/**
 * The {@code changeType} of a Change Data Capture event. {@code GAP_*} events say that a change happened but
 * its fields could not be sent; {@code GAP_OVERFLOW} says that too many changes happened in one transaction
 * to be sent one by one. Handlers of gap events should re-read the records.
 */
public enum ChangeType {

	CREATE, UPDATE, DELETE, UNDELETE, GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE, GAP_OVERFLOW;

	/** Whether this is a gap event, whose fields must be read from Salesforce. */
	public boolean isGap() {
		return name().startsWith("GAP_");
	}

}
