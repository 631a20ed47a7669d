package io.github.sfstreaming.spring.listener;

/**
 * One listener's handling of one event, which a {@link ListenerErrorHandler} can repeat.
 */
public interface ListenerInvocation {

	/** The listener's id. */
	String listenerId();

	/**
	 * Calls the listener again with the same event.
	 * @throws ListenerExecutionFailedException if it fails again
	 */
	void invoke() throws ListenerExecutionFailedException;

}
