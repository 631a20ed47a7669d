package io.github.sfstreaming.spring.listener;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.client.BatchFailedException;

/**
 * Thrown by a batch listener to say which event of the batch it failed on: the events before it count as handled
 * (their replay ids may be stored), and that event and the ones after it go to the container's error handler,
 * which retries them from the failed one and, once retries are exhausted, recovers only the failed event.
 */
public class BatchListenerFailedException extends BatchFailedException {

	private final int index;

	/**
	 * Creates an exception.
	 * @param index the index, in the batch the listener received, of the event it failed on
	 * @param cause why it failed
	 */
	public BatchListenerFailedException(int index, Throwable cause) {
		super(index, cause);
		this.index = index;
	}

	/** The index, in the batch the listener received, of the event it failed on. */
	public int getIndex() {
		return this.index;
	}

	/**
	 * Finds a {@code BatchListenerFailedException} in an exception's causes.
	 * @param error the exception
	 * @return the exception found, or {@code null}
	 */
	static @Nullable BatchListenerFailedException find(Throwable error) {
		for (@Nullable Throwable candidate = error; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BatchListenerFailedException failed) {
				return failed;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
