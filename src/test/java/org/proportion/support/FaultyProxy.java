package org.proportion.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of the real OPA server, for fault injection: it forwards every
 * request unchanged, and can run an action (kill OPA, restart it empty, lose the database) just
 * before it forwards the n-th decision of a build, or hold every answer back to make OPA slow.
 * The gateway talks to OPA only through it; OPA still polls the gateway directly.
 */
public final class FaultyProxy implements AutoCloseable {

	private final HttpServer server;

	private final String target;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final AtomicInteger decisions = new AtomicInteger();

	private volatile int triggerAt = -1;

	private volatile Runnable action;

	private volatile Duration delay = Duration.ZERO;

	public FaultyProxy(String target) {
		this.target = target;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", this::forward);
		server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Runs the action just before the n-th decision query from now (1 = the next one) is forwarded. */
	public void beforeDecision(int n, Runnable fault) {
		decisions.set(0);
		action = fault;
		triggerAt = n;
	}

	/** Every answer from now on waits this long first (zero to stop). */
	public void delay(Duration wait) {
		this.delay = wait;
	}

	public void clear() {
		triggerAt = -1;
		action = null;
		delay = Duration.ZERO;
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().toString();
			if (exchange.getRequestMethod().equals("POST") && path.startsWith("/v1/data/proportion/")
					&& decisions.incrementAndGet() == triggerAt && action != null) {
				Runnable fault = action;
				action = null;
				fault.run();
			}
			if (!delay.isZero()) {
				Thread.sleep(delay.toMillis());
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
				.timeout(Duration.ofSeconds(10))
				.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			for (String header : List.of("Authorization", "Content-Type")) {
				String value = exchange.getRequestHeaders().getFirst(header);
				if (value != null) {
					request.header(header, value);
				}
			}
			HttpResponse<byte[]> response;
			try {
				response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException unreachable) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
			if (response.body().length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response.body());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
