package io.github.sfstreaming.internal.bayeux;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie jar against hostile and expiring {@code Set-Cookie} headers.
 */
class CookieJarTests {

	private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final CookieJar jar = new CookieJar(this.clock);

	private final AtomicReference<ClientRequest> sent = new AtomicReference<>();

	/** Sends a request through the jar; the answer sets the given cookies. Returns the cookies the request had. */
	private Map<String, String> exchange(String... setCookies) {
		ClientRequest request = ClientRequest.create(HttpMethod.POST, URI.create("https://x.my.salesforce.com/cometd/64.0"))
			.build();
		this.jar.filter(request, (withCookies) -> {
			this.sent.set(withCookies);
			ClientResponse.Builder response = ClientResponse.create(HttpStatus.OK);
			for (String setCookie : setCookies) {
				response.header(HttpHeaders.SET_COOKIE, setCookie);
			}
			return Mono.just(response.build());
		}).block(Duration.ofSeconds(5));
		return this.sent.get().cookies().toSingleValueMap();
	}

	@Test
	void maxAgeExpiresTheCookieWhichIsThenNoLongerSent() {
		exchange("sfdc-stream=!abc; Max-Age=60; Path=/", "BAYEUX_BROWSER=b1; Path=/");
		assertThat(this.jar.expiry("sfdc-stream")).isEqualTo(START.plusSeconds(60));
		assertThat(this.jar.expiry("BAYEUX_BROWSER")).isNull();
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(exchange()).containsEntry("sfdc-stream", "!abc").containsEntry("BAYEUX_BROWSER", "b1");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(exchange()).containsOnlyKeys("BAYEUX_BROWSER");
		assertThat(this.jar.names()).containsExactly("BAYEUX_BROWSER");
	}

	@Test
	void expiresIsHonouredAndMaxAgeWinsOverIt() {
		String inAnHour = httpDate(START.plusSeconds(3600));
		exchange("a=1; Expires=" + inAnHour, "b=2; Max-Age=10; Expires=" + inAnHour);
		assertThat(this.jar.expiry("a")).isEqualTo(START.plusSeconds(3600));
		assertThat(this.jar.expiry("b")).isEqualTo(START.plusSeconds(10));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(exchange()).containsOnlyKeys("a");
		this.clock.advance(Duration.ofSeconds(3590));
		assertThat(exchange()).isEmpty();
	}

	@Test
	void aCookieIsDeletedByZeroMaxAgePastExpiresOrEmptyValue() {
		exchange("a=1", "b=2", "c=3", "d=4");
		exchange("a=gone; Max-Age=0", "b=gone; Expires=" + httpDate(START.minusSeconds(3600)), "c=", "d=5; Max-Age=-1");
		assertThat(exchange()).isEmpty();
	}

	@Test
	void anAbsurdMaxAgeKeepsTheCookie() {
		exchange("a=1; Max-Age=99999999999999999999999999", "b=2; Max-Age=soon");
		assertThat(this.jar.expiry("a")).isEqualTo(Instant.MAX);
		// an invalid attribute is ignored: a session cookie
		assertThat(this.jar.expiry("b")).isNull();
		this.clock.advance(Duration.ofDays(365 * 100));
		assertThat(exchange()).containsOnlyKeys("a", "b");
	}

	@Test
	void atMostFiftyCookiesAreKeptAndExpiredOnesMakeRoom() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			many.add("c" + i + "=v" + i + ((i < 5) ? "; Max-Age=30" : ""));
		}
		exchange(many.toArray(String[]::new));
		assertThat(this.jar.names()).hasSize(CookieJar.MAX_COOKIES).contains("c0", "c49").doesNotContain("c50");
		// a cookie already held is still updated when the jar is full
		exchange("c7=updated", "late=1");
		assertThat(exchange()).containsEntry("c7", "updated").doesNotContainKey("late");
		this.clock.advance(Duration.ofSeconds(30));
		exchange("late=1");
		assertThat(this.jar.names()).hasSize(46).contains("late").doesNotContain("c0");
	}

	@Test
	void oversizedCookiesAreDroppedAndLoggedWithoutTheirValue() {
		Logger logger = (Logger) LoggerFactory.getLogger(CookieJar.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			String secret = "S3CR3T" + "x".repeat(CookieJar.MAX_COOKIE_SIZE);
			exchange("huge=" + secret, "small=1", "bad=has space", "bad2=\"quoted\\\"\"");
			assertThat(exchange()).containsOnlyKeys("small");
			assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message).contains("huge", "4096"))
				.noneSatisfy((message) -> assertThat(message).contains("S3CR3T"))
				.noneSatisfy((message) -> assertThat(message).contains("has space"));
		}
		finally {
			logger.setLevel(level);
			logger.detachAppender(appender);
		}
	}

	@Test
	void cookieAtTheSizeLimitIsKeptAndQuotesAreStripped() {
		String value = "v".repeat(CookieJar.MAX_COOKIE_SIZE - 1);
		exchange("k=" + value, "q=\"quoted\"");
		assertThat(exchange()).containsEntry("k", value).containsEntry("q", "quoted");
	}

	@Test
	void theLastSetCookieOfANameWins() {
		exchange("a=1", "a=2");
		assertThat(exchange()).containsEntry("a", "2");
	}

	@Test
	void clearForgetsEverything() {
		exchange("a=1");
		this.jar.clear();
		assertThat(exchange()).isEmpty();
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
