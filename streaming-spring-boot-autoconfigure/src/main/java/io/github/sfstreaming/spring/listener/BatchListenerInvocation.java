package io.github.sfstreaming.spring.listener;

import java.util.List;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * One batch listener's handling of a batch, which a {@link ListenerErrorHandler} can repeat on the whole batch or
 * on the part from a failed event on.
 */
public interface BatchListenerInvocation {

	/** The listener's id. */
	String listenerId();

	/**
	 * Calls the listener again.
	 * @param events the events to hand it, a part of the batch, in order
	 * @throws ListenerExecutionFailedException if it fails again
	 */
	void invoke(List<StreamingEvent> events) throws ListenerExecutionFailedException;

}
