package io.github.sfstreaming.spring.listener;

import org.springframework.core.log.LogAccessor;

import io.github.sfstreaming.event.StreamingEvent;

/**
 * The default {@link EventRecoverer}: logs the failure at {@code ERROR}, naming the listener, the channel and the
 * replay id, and moves on.
 */
public class LoggingEventRecoverer implements EventRecoverer {

	private static final LogAccessor logger = new LogAccessor(LoggingEventRecoverer.class);

	@Override
	public void recover(StreamingEvent event, Exception cause) {
		String listener = (cause instanceof ListenerExecutionFailedException failure) ? failure.getListenerId()
				: "<unknown>";
		Throwable logged = (cause instanceof ListenerExecutionFailedException && cause.getCause() != null)
				? cause.getCause() : cause;
		logger.error(logged, () -> "Listener '" + listener + "' could not handle event " + event.replayId()
				+ " of channel " + event.channel() + "; skipping it");
	}

}
