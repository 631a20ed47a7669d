package io.github.sfstreaming.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP proxy that knows only {@code CONNECT}, as Reactor Netty uses for every target: it checks the
 * {@code Proxy-Authorization} header, answers {@code 407} to wrong credentials, and otherwise opens a tunnel to
 * the target and copies bytes both ways. Records the credentials each tunnel was asked with.
 */
final class TunnelProxy implements AutoCloseable {

	private final @Nullable String expectedAuthorization;

	private final ServerSocket server;

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/**
	 * Starts a proxy on a loopback port.
	 * @param expectedAuthorization the {@code Proxy-Authorization} value to require, or {@code null} for none
	 */
	TunnelProxy(@Nullable String expectedAuthorization) throws IOException {
		this.expectedAuthorization = expectedAuthorization;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tunnel-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** The {@code Proxy-Authorization} values received, one per tunnel asked for ({@code ""} when none). */
	List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				Thread handler = new Thread(() -> tunnel(client), "tunnel-proxy-client");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void tunnel(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			String[] lines = readHead(in).split("\r\n");
			String[] requestLine = lines[0].split(" ");
			String authorization = "";
			for (String line : lines) {
				if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
					authorization = line.substring(line.indexOf(':') + 1).trim();
				}
			}
			this.authorizations.add(authorization);
			if (!"CONNECT".equals(requestLine[0])) {
				respond(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
				client.close();
				return;
			}
			if (this.expectedAuthorization != null && !this.expectedAuthorization.equals(authorization)) {
				respond(out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
						+ "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
				client.close();
				return;
			}
			String target = requestLine[1];
			int colon = target.lastIndexOf(':');
			Socket upstream = new Socket();
			this.sockets.add(upstream);
			upstream.connect(new InetSocketAddress(target.substring(0, colon),
					Integer.parseInt(target.substring(colon + 1))));
			respond(out, "HTTP/1.1 200 Connection established\r\n\r\n");
			Thread back = new Thread(() -> copy(upstream, client), "tunnel-proxy-back");
			back.setDaemon(true);
			back.start();
			copy(client, upstream);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(client);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before the end of the request head");
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	private static void respond(OutputStream out, String response) throws IOException {
		out.write(response.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static void copy(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.sockets.forEach(TunnelProxy::closeQuietly);
	}

}
