package io.github.sfstreaming.internal.bayeux;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

import io.github.sfstreaming.logging.ServerText;

/**
 * Keeps the cookies the server sets (such as {@code BAYEUX_BROWSER} and load-balancer affinity) and sends
 * them back on every later request, as Salesforce requires; WebClient keeps none by itself. One jar serves
 * one client, whose requests all go to one host.
 * <p>
 * The server decides what is kept, so the jar is bounded: at most {@link #MAX_COOKIES} cookies of at most
 * {@link #MAX_COOKIE_SIZE} characters (name and value) each; what does not fit, or is not a valid cookie, is
 * dropped and logged at DEBUG by name, never by value. A cookie expires as its {@code Max-Age} or
 * {@code Expires} says, and is no longer sent; one set with a zero {@code Max-Age}, a past {@code Expires} or
 * an empty value is deleted.
 */
public final class CookieJar implements ExchangeFilterFunction {

	/** The most cookies kept; Salesforce sets a handful. */
	public static final int MAX_COOKIES = 50;

	/** The longest cookie kept, name and value together, in characters (the usual browser limit of 4 KB). */
	public static final int MAX_COOKIE_SIZE = 4096;

	private static final Logger logger = LoggerFactory.getLogger(CookieJar.class);

	private final Map<String, Held> cookies = new ConcurrentHashMap<>();

	private final Clock clock;

	/** Creates an empty jar. */
	public CookieJar() {
		this(Clock.systemUTC());
	}

	CookieJar(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		Map<String, String> current = current();
		ClientRequest withCookies = current.isEmpty() ? request
				: ClientRequest.from(request).cookies((c) -> current.forEach(c::set)).build();
		return next.exchange(withCookies)
			.doOnNext((response) -> store(response.headers().header(HttpHeaders.SET_COOKIE)));
	}

	/** The cookies to send: those not expired. Expired ones are forgotten on the way. */
	private Map<String, String> current() {
		if (this.cookies.isEmpty()) {
			return Map.of();
		}
		Instant now = this.clock.instant();
		this.cookies.values().removeIf((held) -> held.isExpired(now));
		return this.cookies.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> entry.getValue().value()));
	}

	private synchronized void store(List<String> setCookies) {
		Instant now = this.clock.instant();
		for (String header : setCookies) {
			SetCookie cookie = SetCookie.parse(header, now);
			if (cookie == null) {
				logger.debug("Ignored a Set-Cookie header that is not a valid cookie");
			}
			else {
				store(cookie, now);
			}
		}
	}

	private void store(SetCookie cookie, Instant now) {
		String name = cookie.name();
		if (cookie.isDeletion(now)) {
			this.cookies.remove(name);
			return;
		}
		if (name.length() + cookie.value().length() > MAX_COOKIE_SIZE) {
			logger.debug("Dropped the server's cookie {}: name and value exceed {} characters",
					ServerText.escape(name), MAX_COOKIE_SIZE);
			return;
		}
		if (!this.cookies.containsKey(name)) {
			this.cookies.values().removeIf((held) -> held.isExpired(now));
			if (this.cookies.size() >= MAX_COOKIES) {
				logger.debug("Dropped the server's cookie {}: the jar already holds {} cookies",
						ServerText.escape(name), MAX_COOKIES);
				return;
			}
		}
		this.cookies.put(name, new Held(cookie.value(), cookie.expiry()));
	}

	/** The names of the cookies held and not expired; their values may be credentials and are not exposed. */
	public Set<String> names() {
		return current().keySet();
	}

	/**
	 * When a cookie expires.
	 * @param name the cookie's name
	 * @return its expiry, or {@code null} when it is held for the session or not held
	 */
	@Nullable Instant expiry(String name) {
		Held held = this.cookies.get(name);
		return (held != null) ? held.expiry() : null;
	}

	/** Forgets every cookie (when the client stops). */
	public void clear() {
		this.cookies.clear();
	}

	/** A cookie's value and, unless it lasts the session, when it expires. */
	private record Held(String value, @Nullable Instant expiry) {

		boolean isExpired(Instant now) {
			return this.expiry != null && !now.isBefore(this.expiry);
		}

		@Override
		public String toString() {
			return "Held[expiry=" + this.expiry + "]"; // not the value: it may be a credential
		}

	}

}
