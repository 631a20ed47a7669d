package io.github.sfstreaming.internal.bayeux;

import org.jspecify.annotations.Nullable;

import io.github.sfstreaming.client.StreamingException;
import io.github.sfstreaming.logging.ServerText;

/**
 * A failed Bayeux exchange: an error reply, an HTTP error, a network failure or an unreadable answer.
 */
public class BayeuxException extends StreamingException {

	private final BayeuxErrorKind kind;

	private final @Nullable String bayeuxError;

	private final @Nullable Advice advice;

	public BayeuxException(BayeuxErrorKind kind, String message, @Nullable String bayeuxError,
			@Nullable Advice advice, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		// kept escaped: callers put it in log lines and in the exceptions they raise
		this.bayeuxError = (bayeuxError != null) ? ServerText.escape(bayeuxError) : null;
		this.advice = advice;
	}

	public BayeuxException(BayeuxErrorKind kind, String message) {
		this(kind, message, null, null, null);
	}

	/** What the failure means for the session. */
	public BayeuxErrorKind getKind() {
		return this.kind;
	}

	/**
	 * The Bayeux {@code error} field, with control characters escaped and long text cut (see
	 * {@link ServerText#escape}), or {@code null} when the failure was not an error reply.
	 */
	public @Nullable String getBayeuxError() {
		return this.bayeuxError;
	}

	/** The advice that came with the error reply, or {@code null}. */
	public @Nullable Advice getAdvice() {
		return this.advice;
	}

	@Override
	public boolean isRetryable() {
		return this.kind.isRetryable();
	}

}
