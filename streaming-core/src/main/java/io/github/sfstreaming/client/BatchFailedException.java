package io.github.sfstreaming.client;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link BatchEventHandler} to say which event of a batch it failed on: the ones before it were
 * handled.
 */
public class BatchFailedException extends RuntimeException {

	private final int index;

	/**
	 * Creates an exception.
	 * @param index the index, in the batch, of the first event that was not handled
	 * @param cause why it was not handled
	 */
	public BatchFailedException(int index, @Nullable Throwable cause) {
		super("Batch failed on the event at index " + index + ((cause != null) ? ": " + cause : ""), cause);
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative: " + index);
		}
		this.index = index;
	}

	/** The index, in the batch, of the first event that was not handled. */
	public int getIndex() {
		return this.index;
	}

	/**
	 * Finds the index of the first unhandled event in a batch handler's failure.
	 * @param failure what the handler threw
	 * @param size the batch's size
	 * @return the index of a {@code BatchFailedException} among the causes (at most {@code size}), else 0
	 */
	static int indexOf(Throwable failure, int size) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof BatchFailedException batch) {
				return Math.min(batch.getIndex(), size);
			}
		}
		return 0;
	}

}
