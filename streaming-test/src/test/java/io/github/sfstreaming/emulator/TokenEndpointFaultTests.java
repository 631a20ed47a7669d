package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The token endpoint's fault: the next token requests get an HTTP error with an HTML page and, when asked, a
 * {@code Retry-After}; then logins work again.
 */
class TokenEndpointFaultTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String FORM = "grant_type=password&client_id=test-client-id"
			+ "&client_secret=test-client-secret&username=user%40example.com&password=pass";

	private static SalesforceStreamingEmulator emulator;

	@BeforeAll
	static void start() {
		emulator = SalesforceStreamingEmulator.builder().build().start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		emulator.reset();
	}

	@Test
	void answersTheNextRequestsWithTheStatusAnHtmlPageAndRetryAfter() throws Exception {
		emulator.faults().tokenEndpointError(429, 2, "5");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> refused = login();
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(refused.body()).contains("<title>429 Too Many Requests</title>").doesNotContain("error");
		}
		assertThat(emulator.stats().logins()).isZero();
		HttpResponse<String> accepted = login();
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.body()).contains("access_token");
		assertThat(emulator.stats().logins()).isEqualTo(1);
	}

	@Test
	void withoutRetryAfterNoneIsSent() throws Exception {
		emulator.faults().tokenEndpointError(408, 1, null);
		HttpResponse<String> refused = login();
		assertThat(refused.statusCode()).isEqualTo(408);
		assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
		assertThat(refused.body()).contains("Request Timeout");
	}

	@Test
	void resetAndClearDisarmIt() throws Exception {
		emulator.faults().tokenEndpointError(503, 5, "Wed, 21 Oct 2015 07:28:00 GMT");
		emulator.faults().clear();
		assertThat(login().statusCode()).isEqualTo(200);
		emulator.faults().tokenEndpointError(503, 5, null);
		emulator.reset();
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void badArgumentsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().tokenEndpointError(302, 1, null))
			.withMessageContaining("status must be 400-599");
		assertThatIllegalArgumentException().isThrownBy(() -> emulator.faults().tokenEndpointError(429, 0, null))
			.withMessageContaining("count must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> emulator.faults().tokenEndpointError(429, 1, "5\r\nSet-Cookie: x=y"))
			.withMessageContaining("retryAfter");
	}

	private static HttpResponse<String> login() throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(FORM))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
