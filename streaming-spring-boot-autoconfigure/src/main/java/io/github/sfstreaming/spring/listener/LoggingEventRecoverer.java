package io.github.sfstreaming.spring.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import io.github.sfstreaming.event.StreamingEvent;

/**
 * The default {@link EventRecoverer}: logs the failure at {@code ERROR}, naming the listener, the channel and the
 * replay id, and moves on.
 */
public class LoggingEventRecoverer implements EventRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(LoggingEventRecoverer.class);

	@Override
	public void recover(StreamingEvent event, Exception cause) {
		String listener = (cause instanceof ListenerExecutionFailedException failure) ? failure.getListenerId()
				: "<unknown>";
		Throwable logged = (cause instanceof ListenerExecutionFailedException && cause.getCause() != null)
				? cause.getCause() : cause;
		logger.error("Listener '{}' could not handle event {} of channel {}; skipping it", listener, event.replayId(),
				event.channel(), logged);
	}

}
