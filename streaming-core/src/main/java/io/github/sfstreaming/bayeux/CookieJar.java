package io.github.sfstreaming.bayeux;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Keeps the cookies the server sets (such as {@code BAYEUX_BROWSER} and load-balancer affinity) and sends
 * them back on every later request, as Salesforce requires; WebClient keeps none by itself. One jar serves
 * one client, whose requests all go to one host.
 */
public final class CookieJar implements ExchangeFilterFunction {

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		ClientRequest withCookies = this.cookies.isEmpty() ? request
				: ClientRequest.from(request).cookies((c) -> this.cookies.forEach(c::set)).build();
		return next.exchange(withCookies).doOnNext((response) -> store(response.cookies().toSingleValueMap()));
	}

	private void store(Map<String, ResponseCookie> received) {
		received.forEach((name, cookie) -> {
			if (cookie.getMaxAge().isZero() || cookie.getMaxAge().isNegative() && cookie.getValue().isEmpty()) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, cookie.getValue());
			}
		});
	}

	/** The names of the cookies held; their values may be credentials and are not exposed. */
	public Set<String> names() {
		return Map.copyOf(this.cookies).keySet();
	}

	/** Forgets every cookie (when the client stops). */
	public void clear() {
		this.cookies.clear();
	}

}
