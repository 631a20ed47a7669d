package io.github.sfstreaming.event;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code ChangeEventHeader} of a Change Data Capture event.
 *
 * @param entityName the object's API name, for example {@code Account}
 * @param recordIds the changed records' ids (several for a merged change, none for some gap events)
 * @param changeType what happened
 * @param changeOrigin {@code com/salesforce/api/...} origin, may be empty
 * @param transactionKey the transaction's key
 * @param sequenceNumber the change's position within its transaction
 * @param transactionEnd whether this is the last change of its transaction
 * @param commitTimestamp the commit time, in epoch milliseconds
 * @param commitNumber the commit's system change number
 * @param commitUser the id of the user who committed the change
 * @param changedFields the fields that changed (for updates)
 * @param nulledFields the fields set to null
 * @param diffFields the fields sent as a diff
 */
public record ChangeEventHeader(String entityName, List<String> recordIds, ChangeType changeType,
		@Nullable String changeOrigin, @Nullable String transactionKey, long sequenceNumber, boolean transactionEnd,
		long commitTimestamp, long commitNumber, @Nullable String commitUser, List<String> changedFields,
		List<String> nulledFields, List<String> diffFields) {
}
