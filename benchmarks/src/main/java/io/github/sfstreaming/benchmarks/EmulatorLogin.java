package io.github.sfstreaming.benchmarks;

/**
 * The emulator's default credentials, which every configuration logs in with.
 */
final class EmulatorLogin {

	static final String CLIENT_ID = "test-client-id";

	static final String CLIENT_SECRET = "test-client-secret";

	static final String USERNAME = "user@example.com";

	static final String PASSWORD = "pass";

	private EmulatorLogin() {
	}

}
