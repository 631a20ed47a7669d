package io.github.sfstreaming.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import org.cometd.bayeux.server.BayeuxServer;
import org.cometd.server.AbstractServerTransport;
import org.cometd.server.BayeuxServerImpl;
import org.cometd.server.http.AbstractHttpTransport;
import org.cometd.server.http.JSONHttpTransport;
import org.cometd.server.http.jakarta.CometDServlet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * A started emulator: Jetty, the CometD server configured as Salesforce's, and the servlets.
 *
 * @param server the Jetty server
 * @param bayeux the CometD server
 * @param baseUrl the base URL
 * @param sink delivers events to sessions
 * @param sessions ends sessions from the server side
 * @param faults the fault controls
 */
record EmulatorServer(Server server, BayeuxServerImpl bayeux, URI baseUrl, EventSink sink, SessionControl sessions,
		EmulatorFaults faults) {

	/**
	 * The emulator's state that outlives a start.
	 */
	record Parts(TokenStore tokens, FaultState faultState, StatsRecorder stats, ChannelRegistry channels,
			Clock clock) {
	}

	static EmulatorServer start(SalesforceStreamingEmulator.Settings settings, Parts parts,
			SalesforceStreamingEmulator emulator) {
		QueuedThreadPool threads = new QueuedThreadPool(64, 4);
		threads.setName("sf-emulator");
		Server server = new Server(threads);
		ServerConnector connector = newConnector(server, settings.tls());
		connector.setHost(settings.bindAddress());
		connector.setPort(settings.port());
		server.addConnector(connector);

		BayeuxServerImpl bayeux = newBayeux(settings, threads);
		EventDelivery sink = new EventDelivery(bayeux, parts.stats());
		SessionControl sessions = new SessionControl(bayeux, threads);
		bayeux.addExtension(new SalesforceBayeuxExtension(bayeux, parts.tokens(), parts.channels(),
				settings.retention(), parts.faultState(), parts.stats(), settings.longPollTimeout().toMillis(),
				parts.clock()));
		bayeux.addListener(new ReplaySubscriptions(parts.channels(), settings.retention(), sink, parts.clock()));

		BaseUrl base = new BaseUrl();
		ServletContextHandler context = new ServletContextHandler("/");
		context.setAttribute(BayeuxServer.ATTRIBUTE, bayeux);
		ServletHolder cometd = new ServletHolder("cometd", new CometDServlet());
		cometd.setInitOrder(1);
		context.addServlet(cometd, "/cometd/*");
		context.addFilter(new FilterHolder(new BayeuxHttpFilter(parts.faultState())), "/cometd/*",
				EnumSet.of(DispatcherType.REQUEST));
		context.addServlet(new ServletHolder(new OAuthTokenServlet(settings.credentials(), parts.tokens(),
				parts.stats(), base::get, parts.clock(), parts.faultState())), "/services/oauth2/token");
		context.addServlet(new ServletHolder(new SoapLoginServlet(settings.credentials(), parts.tokens(),
				parts.stats(), base::get)), "/services/Soap/u/*");
		context.addServlet(new ServletHolder(new ControlServlet(emulator)), "/emulator/*");
		context.addServlet(new ServletHolder(new RestApiServlet(parts.tokens(), parts.channels(),
				emulator.restApiState(), emulator)), "/services/data/*");
		server.setHandler(context);
		server.setStopTimeout(0);
		try {
			server.start();
		}
		catch (Exception ex) {
			stopQuietly(server);
			throw new IllegalStateException("Could not start the emulator on " + settings.bindAddress() + ":"
					+ settings.port() + ": " + ex.getMessage(), ex);
		}
		URI baseUrl = baseUrl(settings, connector.getLocalPort());
		base.set(baseUrl.toString());
		EmulatorFaults faults = new EmulatorFaults(parts.tokens(), parts.faultState(), parts.channels(), sessions);
		return new EmulatorServer(server, bayeux, baseUrl, sink, sessions, faults);
	}

	/** A plain HTTP/1.1 connector, or with TLS an HTTPS-only one. */
	private static ServerConnector newConnector(Server server, SalesforceStreamingEmulator.@Nullable Tls tls) {
		if (tls == null) {
			return new ServerConnector(server, 1, 1);
		}
		SslContextFactory.Server ssl = new SslContextFactory.Server();
		ssl.setKeyStore(tls.keyStore());
		ssl.setKeyStorePassword(new String(tls.password()));
		ssl.setKeyManagerPassword(new String(tls.password()));
		HttpConfiguration http = new HttpConfiguration();
		SecureRequestCustomizer secure = new SecureRequestCustomizer();
		// Whether the certificate names the host is the client's check to make, not the emulator's.
		secure.setSniHostCheck(false);
		http.addCustomizer(secure);
		return new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
				new HttpConnectionFactory(http));
	}

	/**
	 * {@code http://<bindAddress>:<port>}; with TLS, {@code https://localhost:<port>} when the bind address is a
	 * loopback or wildcard one, so that a certificate for {@code localhost} matches.
	 */
	static URI baseUrl(SalesforceStreamingEmulator.Settings settings, int port) {
		String address = settings.bindAddress();
		String host = address.contains(":") ? "[" + address + "]" : address;
		if (settings.tls() == null) {
			return URI.create("http://" + host + ":" + port);
		}
		return URI.create("https://" + (isLocal(address) ? "localhost" : host) + ":" + port);
	}

	private static boolean isLocal(String address) {
		if (address.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			// Only literal addresses: a host name other than localhost stays as it is, unresolved.
			if (!address.contains(":") && !address.matches("[0-9.]+")) {
				return false;
			}
			InetAddress inet = InetAddress.getByName(address);
			return inet.isLoopbackAddress() || inet.isAnyLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static BayeuxServerImpl newBayeux(SalesforceStreamingEmulator.Settings settings,
			QueuedThreadPool threads) {
		BayeuxServerImpl bayeux = new BayeuxServerImpl();
		bayeux.setExecutor(threads);
		bayeux.setOption(BayeuxServerImpl.TRANSPORTS_OPTION, JSONHttpTransport.class.getName());
		bayeux.setOption(BayeuxServerImpl.ALLOWED_TRANSPORTS_OPTION, AbstractHttpTransport.PREFIX);
		bayeux.setOption(AbstractServerTransport.TIMEOUT_OPTION, settings.longPollTimeout().toMillis());
		bayeux.setOption(AbstractServerTransport.INTERVAL_OPTION, 0L);
		// Salesforce drops a session whose client does not reconnect within 40 s.
		bayeux.setOption(AbstractServerTransport.MAX_INTERVAL_OPTION, 40_000L);
		// Salesforce delivers events only in /meta/connect replies (unless a test asks for CometD's default).
		bayeux.setOption(AbstractServerTransport.META_CONNECT_DELIVERY_OPTION, settings.eventsOnlyOnConnect());
		// Tests run several clients from one cookie store: do not make them take turns.
		bayeux.setOption(AbstractHttpTransport.MAX_SESSIONS_PER_BROWSER_OPTION, -1);
		bayeux.setOption(AbstractHttpTransport.BROWSER_COOKIE_NAME_OPTION, "BAYEUX_BROWSER");
		return bayeux;
	}

	void stop() {
		stopQuietly(this.server);
	}

	private static void stopQuietly(Server server) {
		try {
			server.stop();
		}
		catch (Exception ex) {
			// Stopping is best effort: the port and threads are released either way.
		}
	}

	/** The base URL is known only once the connector is bound, after the servlets were made. */
	private static final class BaseUrl {

		private volatile String value = "";

		String get() {
			return this.value;
		}

		void set(String value) {
			this.value = value;
		}

	}

}
