package org.proportion.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The real OPA binary, installed by ./proportion into .tools/bin, serving policies/ on a loopback
 * port. One shared server for the suite; tests that stop OPA start their own.
 */
public final class OpaServer implements AutoCloseable {

	private static OpaServer shared;

	private final int port;

	private final boolean withPolicies;

	private Process process;

	private OpaServer(int port, boolean withPolicies) {
		this.port = port;
		this.withPolicies = withPolicies;
	}

	public static synchronized OpaServer shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
		}
		return shared;
	}

	public static OpaServer start() {
		OpaServer server = new OpaServer(freePort(), true);
		server.restart();
		return server;
	}

	/** An OPA server with no policies, for a gateway that loads them itself. */
	public static OpaServer startEmpty() {
		OpaServer server = new OpaServer(freePort(), false);
		server.restart();
		return server;
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** Starts (again) on the same port, and waits until OPA answers its health check. */
	public synchronized void restart() {
		Path binary = binary();
		try {
			java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(binary.toString(), "run", "--server",
					"--addr", "127.0.0.1:" + port, "--log-level", "error"));
			if (withPolicies) {
				command.add(projectDir().resolve("policies").toString());
			}
			process = new ProcessBuilder(command)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start OPA from " + binary, ex);
		}
		awaitHealthy();
	}

	public synchronized void stop() {
		if (process != null) {
			process.destroy();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public static Path projectDir() {
		return Path.of(System.getProperty("proportion.project-dir", ".")).toAbsolutePath();
	}

	public static Path binary() {
		Path binary = projectDir().resolve(".tools/bin/opa");
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("OPA is not installed at " + binary + ": run ./proportion test, which installs it");
		}
		return binary;
	}

	private void awaitHealthy() {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(20);
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
					.timeout(Duration.ofSeconds(1))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("OPA did not become healthy on port " + port);
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
