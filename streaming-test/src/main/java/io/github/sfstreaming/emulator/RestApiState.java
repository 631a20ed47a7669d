package io.github.sfstreaming.emulator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The REST API's faults, denied event types and request log.
 */
final class RestApiState {

	private final Set<String> deniedTypes = ConcurrentHashMap.newKeySet();

	private final ConcurrentLinkedQueue<RestRequest> requests = new ConcurrentLinkedQueue<>();

	/** Requests to answer before every token expires; negative when not armed. */
	private final AtomicInteger expireTokensAfter = new AtomicInteger(-1);

	private final AtomicInteger httpErrorCount = new AtomicInteger();

	private volatile int httpErrorStatus;

	private final AtomicLong nextEventId = new AtomicLong(1);

	void deny(String eventType) {
		this.deniedTypes.add(eventType);
	}

	boolean isDenied(String eventType) {
		return this.deniedTypes.contains(eventType);
	}

	void expireTokensAfter(int requests) {
		if (requests < 0) {
			throw new IllegalArgumentException("requests must not be negative, not " + requests);
		}
		this.expireTokensAfter.set(requests);
	}

	/** Counts an answered request; whether the tokens must expire now. */
	boolean answeredOneRequest() {
		int remaining = this.expireTokensAfter.getAndUpdate((n) -> (n > 0) ? n - 1 : n);
		if (remaining == 1) {
			this.expireTokensAfter.set(-1);
			return true;
		}
		return false;
	}

	/** Whether the tokens must expire before this request (armed with 0). */
	boolean expireNow() {
		return this.expireTokensAfter.compareAndSet(0, -1);
	}

	void httpError(int status, int count) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be 400-599, not " + status);
		}
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		this.httpErrorStatus = status;
		this.httpErrorCount.set(count);
	}

	@Nullable Integer takeHttpError() {
		return (this.httpErrorCount.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) ? this.httpErrorStatus : null;
	}

	void record(RestRequest request) {
		this.requests.add(request);
	}

	List<RestRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** A platform event publish id: {@code e00} and 15 more characters, as Salesforce's. */
	String nextEventId() {
		String digits = Long.toString(this.nextEventId.getAndIncrement(), 36).toUpperCase();
		return "e00" + "0".repeat(Math.max(0, 12 - digits.length())) + digits + "AAA";
	}

	void clear() {
		this.deniedTypes.clear();
		this.requests.clear();
		this.expireTokensAfter.set(-1);
		this.httpErrorCount.set(0);
	}

}
