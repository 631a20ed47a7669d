package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP concerns of the Bayeux endpoint that CometD does not know: the API version in the path, the load-balancer
 * cookie, and the armed HTTP error and delay faults.
 */
final class BayeuxHttpFilter extends HttpFilter {

	/** A load-balancer affinity cookie, as Salesforce's edge sets; required on every request after the handshake. */
	static final String BALANCER_COOKIE = "sfdc-stream";

	/** {@code /NN.N}, optionally followed by CometD's message type suffix ({@code /handshake}, ...). */
	private static final Pattern VERSION_PATH = Pattern.compile("/\\d{1,3}\\.\\d(/[a-z]*)?");

	private final FaultState faults;

	private final SecureRandom random = new SecureRandom();

	BayeuxHttpFilter(FaultState faults) {
		this.faults = faults;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String version = request.getPathInfo();
		if (version == null || !VERSION_PATH.matcher(version).matches()) {
			sendError(response, HttpServletResponse.SC_NOT_FOUND,
					"Bayeux endpoint is /cometd/<apiVersion>, e.g. /cometd/64.0");
			return;
		}
		Duration delay = this.faults.takeDelay();
		if (delay != null) {
			pause(delay);
		}
		Integer status = this.faults.takeHttpError();
		if (status != null) {
			sendError(response, status, "emulated HTTP error");
			return;
		}
		if (!hasCookie(request, BALANCER_COOKIE)) {
			byte[] bytes = new byte[16];
			this.random.nextBytes(bytes);
			response.addHeader("Set-Cookie", BALANCER_COOKIE + "=!" + HexFormat.of().formatHex(bytes)
					+ "; Path=/; HttpOnly");
		}
		chain.doFilter(request, response);
	}

	/** The emulated delay: this request's thread waits, as a slow server would make it. */
	private static void pause(Duration delay) throws IOException {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while delaying the request", ex);
		}
	}

	private static boolean hasCookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (name.equals(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	private static void sendError(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getOutputStream()
			.write(("[{\"errorCode\":\"" + status + "\",\"message\":\"" + message + "\"}]")
				.getBytes(StandardCharsets.UTF_8));
	}

}
