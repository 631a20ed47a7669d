package io.github.sfstreaming.spring.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP forward proxy for the tests, on Jetty's {@link ConnectHandler}: it opens {@code CONNECT} tunnels,
 * which is how Reactor Netty goes through an HTTP proxy for http and https targets alike. It records every
 * {@code CONNECT} (target and {@code Proxy-Authorization}) and, in a plain-text tunnel, parses the tunnelled bytes
 * with Jetty's HTTP parser to record each HTTP request and the Bayeux channels of its messages. A TLS tunnel is only
 * counted: its bytes are encrypted; so is a plain-text HTTP/2 one (gRPC). Anything but a {@code CONNECT} is
 * recorded and refused.
 */
final class ForwardProxy implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A {@code CONNECT}: its target ({@code host:port}), its {@code Proxy-Authorization} and whether allowed. */
	record Tunnel(String target, @Nullable String proxyAuthorization, boolean allowed) {
	}

	/**
	 * An HTTP request seen inside a plain-text tunnel.
	 * @param target the tunnel's target
	 * @param method the method
	 * @param path the request target (path and query)
	 * @param headers the headers, names in lower case
	 * @param channels the {@code channel} of each Bayeux message of the body, for {@code /cometd/} requests
	 */
	record TunnelledRequest(String target, String method, String path, Map<String, String> headers,
			List<String> channels) {
	}

	private final @Nullable String requiredAuthorization;

	private final Server server = new Server();

	private final ServerConnector connector = new ServerConnector(this.server, 1, 1);

	private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();

	private final List<String> tlsTunnels = new CopyOnWriteArrayList<>();

	private final List<String> http2Tunnels = new CopyOnWriteArrayList<>();

	private final List<TunnelledRequest> requests = new CopyOnWriteArrayList<>();

	private final List<String> notConnect = new CopyOnWriteArrayList<>();

	/**
	 * A proxy that requires {@code Proxy-Authorization: Basic} with these credentials, or none when
	 * {@code username} is {@code null}.
	 */
	ForwardProxy(@Nullable String username, @Nullable String password) {
		this.requiredAuthorization = (username != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
		this.connector.setHost("127.0.0.1");
		this.server.addConnector(this.connector);
		this.server.setHandler(new RecordingConnectHandler(new Handler.Abstract() {
			@Override
			public boolean handle(Request request, Response response, Callback callback) {
				ForwardProxy.this.notConnect.add(request.getMethod() + " " + request.getHttpURI());
				Response.writeError(request, response, callback, HttpStatus.NOT_IMPLEMENTED_501);
				return true;
			}
		}));
		this.server.setStopTimeout(0);
	}

	ForwardProxy start() throws Exception {
		this.server.start();
		return this;
	}

	int port() {
		return this.connector.getLocalPort();
	}

	List<Tunnel> tunnels() {
		return List.copyOf(this.tunnels);
	}

	/** The targets of the tunnels whose first bytes were a TLS record. */
	/** The targets of the plain-text tunnels that carried HTTP/2 (gRPC without TLS), which are not parsed. */
	List<String> http2Tunnels() {
		return this.http2Tunnels;
	}

	List<String> tlsTunnels() {
		return List.copyOf(this.tlsTunnels);
	}

	List<TunnelledRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** Requests that were not a {@code CONNECT} (absolute-form proxy requests and the like). */
	List<String> notConnect() {
		return List.copyOf(this.notConnect);
	}

	/** How many tunnelled requests were {@code method path}. */
	long count(String method, String path) {
		return this.requests.stream().filter((r) -> r.method().equals(method) && r.path().equals(path)).count();
	}

	/** How many tunnelled Bayeux messages were on {@code channel}. */
	long messages(String channel) {
		return this.requests.stream().flatMap((r) -> r.channels().stream()).filter(channel::equals).count();
	}

	@Override
	public void close() throws Exception {
		this.server.stop();
	}

	private final class RecordingConnectHandler extends ConnectHandler {

		private static final String TARGET = "target";

		RecordingConnectHandler(Handler next) {
			super(next);
		}

		@Override
		protected boolean handleAuthentication(Request request, Response response, String address) {
			String authorization = request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION);
			boolean allowed = ForwardProxy.this.requiredAuthorization == null
					|| ForwardProxy.this.requiredAuthorization.equals(authorization);
			ForwardProxy.this.tunnels.add(new Tunnel(address, authorization, allowed));
			if (!allowed) {
				response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"test-proxy\"");
			}
			return allowed;
		}

		@Override
		protected void prepareContext(Request request, ConcurrentMap<String, Object> context) {
			context.put(TARGET, request.getHttpURI().getAuthority());
		}

		@Override
		protected DownstreamConnection newDownstreamConnection(EndPoint endPoint, ConcurrentMap<String, Object> context) {
			Inspector inspector = new Inspector((String) context.get(TARGET));
			return new DownstreamConnection(endPoint, getExecutor(), getByteBufferPool(), context) {
				@Override
				protected void write(EndPoint upstream, ByteBuffer buffer, Callback callback) {
					// The client's bytes on their way to the server: look at a copy, forward the original.
					inspector.inspect(buffer.slice());
					super.write(upstream, buffer, callback);
				}
			};
		}

	}

	/** Parses the client-to-server bytes of one tunnel, one write after the other. */
	private final class Inspector implements HttpParser.RequestHandler {

		private final String target;

		private final HttpParser parser = new HttpParser(this);

		private @Nullable Boolean tls;

		private boolean http2;

		private String method = "";

		private String path = "";

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		Inspector(String target) {
			this.target = target;
		}

		void inspect(ByteBuffer bytes) {
			if (this.tls == null && bytes.hasRemaining()) {
				// A TLS handshake record starts with 22; an HTTP request with a method name.
				this.tls = bytes.get(bytes.position()) == 22;
				if (this.tls) {
					ForwardProxy.this.tlsTunnels.add(this.target);
				}
				// HTTP/2 without TLS (gRPC's plaintext) starts with its preface, PRI * HTTP/2.0
				this.http2 = !this.tls && StandardCharsets.US_ASCII.decode(bytes.slice()).toString().startsWith("PRI ");
				if (this.http2) {
					ForwardProxy.this.http2Tunnels.add(this.target);
				}
			}
			if (Boolean.TRUE.equals(this.tls) || this.http2) {
				return;
			}
			while (bytes.hasRemaining()) {
				if (this.parser.isState(HttpParser.State.END)) {
					this.parser.reset();
				}
				int before = bytes.remaining();
				boolean complete = this.parser.parseNext(bytes);
				if (!complete && bytes.remaining() == before) {
					return;
				}
			}
		}

		@Override
		public void startRequest(String method, String uri, HttpVersion version) {
			this.method = method;
			this.path = uri;
			this.headers.clear();
			this.body.reset();
		}

		@Override
		public void parsedHeader(HttpField field) {
			this.headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
		}

		@Override
		public boolean headerComplete() {
			return false;
		}

		@Override
		public boolean content(ByteBuffer content) {
			byte[] bytes = new byte[content.remaining()];
			content.get(bytes);
			this.body.writeBytes(bytes);
			return false;
		}

		@Override
		public boolean contentComplete() {
			return false;
		}

		@Override
		public boolean messageComplete() {
			ForwardProxy.this.requests.add(new TunnelledRequest(this.target, this.method, this.path,
					Map.copyOf(this.headers), channels()));
			return true;
		}

		private List<String> channels() {
			if (!this.path.startsWith("/cometd/")) {
				return List.of();
			}
			List<String> channels = new ArrayList<>();
			JsonNode messages = JSON.readTree(this.body.toString(StandardCharsets.UTF_8));
			if (!messages.isArray()) {
				return List.of(messages.path("channel").asString());
			}
			for (JsonNode message : messages) {
				channels.add(message.path("channel").asString());
			}
			return channels;
		}

		@Override
		public void earlyEOF() {
		}

	}

}
