package org.proportion.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback relay between the gateway and its real OPA server that passes every request on
 * unchanged, counts the sharing queries, and lets a test act at the n-th one (stop OPA there, or
 * hold the build at that point while something else happens), so the moment is the same every run.
 */
public final class OpaRelay {

	private final HttpServer server;

	private final OpaServer opa;

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicInteger sharingQueries = new AtomicInteger();

	private volatile IntConsumer beforeSharingQuery = n -> {
	};

	public OpaRelay(OpaServer opa) {
		this.opa = opa;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", this::relay);
		server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Sharing queries since the last {@link #beforeSharingQuery(IntConsumer)}. */
	public int sharingQueries() {
		return sharingQueries.get();
	}

	/**
	 * Runs the hook on the relay's thread before each sharing query is passed on, with the query's
	 * number (1, 2, ...) counted from now; the query waits for the hook.
	 */
	public void beforeSharingQuery(IntConsumer hook) {
		sharingQueries.set(0);
		beforeSharingQuery = hook;
	}

	public void stop() {
		server.stop(0);
	}

	private void relay(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			if (exchange.getRequestURI().getPath().contains("/sharing/")) {
				beforeSharingQuery.accept(sharingQueries.incrementAndGet());
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(opa.url() + exchange.getRequestURI()));
			String type = exchange.getRequestHeaders().getFirst("Content-Type");
			if (type != null) {
				request.header("Content-Type", type);
			}
			String token = exchange.getRequestHeaders().getFirst("Authorization");
			if (token != null) {
				request.header("Authorization", token);
			}
			request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
			HttpResponse<byte[]> response;
			try {
				response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException | InterruptedException unreachable) {
				// OPA is down: the connection is closed without an answer, as OPA's own would be.
				return;
			}
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
			exchange.getResponseBody().write(response.body());
		}
	}

}
