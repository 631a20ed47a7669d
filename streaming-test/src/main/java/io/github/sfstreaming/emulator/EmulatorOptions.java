package io.github.sfstreaming.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the command line into an emulator builder.
 */
final class EmulatorOptions {

	static final String USAGE = """
			Usage: java -jar streaming-test-<version>-standalone.jar [options]

			Runs the Salesforce Streaming API emulator until stopped (Ctrl-C). Prints one line,
			"Salesforce Streaming emulator listening on <base URL>", once ready.

			Options:
			  --port N                   port to listen on (default 0: a free port)
			  --bind ADDR                address to bind (default 127.0.0.1)
			  --long-poll-timeout-ms N   /meta/connect long poll timeout (default 110000)
			  --client-id ID             accepted client id (default test-client-id)
			  --client-secret SECRET     accepted client secret (default test-client-secret)
			  --username NAME            accepted username (default user@example.com)
			  --password PASSWORD        accepted password (default pass)
			  --security-token TOKEN     security token required after the password (default none)
			  --refresh-token TOKEN      accepted refresh token (default test-refresh-token)
			  --jwt-public-key FILE.pem  RSA public key (PEM) for the JWT bearer grant (default none)
			  --channels A,B             channels that exist from the start, e.g. /topic/A,/event/B__e
			  --retention-count N        events kept per channel for replay (default 10000)
			  --retention-age-s N        seconds an event is kept for replay (default 86400)
			  --pubsub-port N            also serve the Pub/Sub API (gRPC) on this port (0: a free one);
			                             prints a second line, "Salesforce Pub/Sub API listening on <host:port>"
			  --pubsub-keep-alive-ms N   Pub/Sub keep-alive interval (default 270000)
			  --pubsub-zero-credit-timeout-ms N
			                             Pub/Sub stream closed after this long without credit (default 60000)
			  --help                     print this help
			""";

	private static final List<String> NAMES = List.of("--port", "--bind", "--long-poll-timeout-ms", "--client-id",
			"--client-secret", "--username", "--password", "--security-token", "--refresh-token", "--jwt-public-key",
			"--channels", "--retention-count", "--retention-age-s", "--pubsub-port", "--pubsub-keep-alive-ms",
			"--pubsub-zero-credit-timeout-ms");

	private EmulatorOptions() {
	}

	/**
	 * Reads the arguments, {@code --name value} or {@code --name=value}.
	 * @throws IllegalArgumentException naming the bad option
	 */
	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			if ("--help".equals(name) || "-h".equals(name)) {
				options.put("--help", "");
				continue;
			}
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException("unknown option '" + name + "' (see --help)");
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("option '" + name + "' needs a value");
				}
				value = args[++i];
			}
			options.put(name, value);
		}
		return options;
	}

	static SalesforceStreamingEmulator.Builder toBuilder(Map<String, String> options) {
		SalesforceStreamingEmulator.Builder builder = SalesforceStreamingEmulator.builder();
		EmulatorCredentials credentials = EmulatorCredentials.defaults();
		int retentionCount = 10_000;
		long retentionAgeSeconds = Duration.ofHours(24).toSeconds();
		for (Map.Entry<String, String> option : options.entrySet()) {
			String value = option.getValue();
			switch (option.getKey()) {
				case "--port" -> builder.port(integer(option.getKey(), value));
				case "--bind" -> builder.bindAddress(value);
				case "--long-poll-timeout-ms" ->
					builder.longPollTimeout(Duration.ofMillis(integer(option.getKey(), value)));
				case "--client-id" -> credentials = credentials.withClientId(value);
				case "--client-secret" -> credentials = credentials.withClientSecret(value);
				case "--username" -> credentials = credentials.withUsername(value);
				case "--password" -> credentials = credentials.withPassword(value);
				case "--security-token" -> credentials = credentials.withSecurityToken(value);
				case "--refresh-token" -> credentials = credentials.withRefreshToken(value);
				case "--jwt-public-key" -> credentials = credentials.withJwtPublicKey(readPublicKey(Path.of(value)));
				case "--channels" -> {
					for (String channel : value.split(",")) {
						if (!channel.isBlank()) {
							builder.channels(channel.trim());
						}
					}
				}
				case "--retention-count" -> retentionCount = integer(option.getKey(), value);
				case "--retention-age-s" -> retentionAgeSeconds = integer(option.getKey(), value);
				case "--pubsub-port" -> builder.pubSubPort(integer(option.getKey(), value));
				case "--pubsub-keep-alive-ms" ->
					builder.pubSubKeepAlive(Duration.ofMillis(integer(option.getKey(), value)));
				case "--pubsub-zero-credit-timeout-ms" ->
					builder.pubSubZeroCreditTimeout(Duration.ofMillis(integer(option.getKey(), value)));
				default -> {
				}
			}
		}
		return builder.credentials(credentials).retention(retentionCount, Duration.ofSeconds(retentionAgeSeconds));
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("option '" + name + "' needs a whole number, not '" + value + "'");
		}
	}

	/** Reads an RSA public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
	static PublicKey readPublicKey(Path file) {
		try {
			String pem = Files.readString(file);
			String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
			byte[] der = Base64.getDecoder().decode(base64);
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the JWT public key file '" + file + "': " + ex.getMessage());
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + file + "' is not a PEM RSA public key (BEGIN PUBLIC KEY)");
		}
	}

}
