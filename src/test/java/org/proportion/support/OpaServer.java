package org.proportion.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.proportion.policy.PolicyBundle;

/**
 * The real OPA binary, installed by ./proportion into .tools/bin, on a loopback port, run the way
 * ./proportion runs it: {@code --authentication=token --authorization=basic} with a generated
 * token (given to the gateway by {@code proportion.opa.token}) and the policies as one bundle.
 * Either the bundle is a file built from policies/ by the gateway's own {@link PolicyBundle} (the
 * shared server most tests use; its revision is the one every gateway validates), or OPA polls a
 * gateway's bundle endpoint (tests of loading and reloading). Tests that stop OPA start their own.
 */
public final class OpaServer implements AutoCloseable {

	private static OpaServer shared;

	private final int port;

	private final Integer gatewayPort;

	private final String token;

	private final Path work;

	private Process process;

	private OpaServer(int port, Integer gatewayPort) {
		this.port = port;
		this.gatewayPort = gatewayPort;
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.token = HexFormat.of().formatHex(random);
		try {
			this.work = Files.createTempDirectory("opa-server");
			Files.writeString(work.resolve("authz.rego"), authzPolicy(token));
			// With --bundle every path is a bundle: the same policy as a bundle owning system/authz.
			Path authzBundle = Files.createDirectories(work.resolve("authz-bundle/system/authz"));
			Files.writeString(authzBundle.resolve("authz.rego"), authzPolicy(token));
			Files.writeString(work.resolve("authz-bundle/.manifest"), "{\"roots\":[\"system/authz\"]}");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static synchronized OpaServer shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
		}
		return shared;
	}

	/** OPA with the bundle of policies/ loaded from a file. */
	public static OpaServer start() {
		OpaServer server = new OpaServer(freePort(), null);
		server.restart();
		return server;
	}

	/**
	 * OPA that starts empty and polls the gateway on {@code gatewayPort} for its bundle, as
	 * ./proportion run starts it. Returns once OPA answers its health check, not once it has the
	 * bundle (the gateway may not be up yet).
	 */
	public static OpaServer pollingGateway(int gatewayPort) {
		OpaServer server = new OpaServer(freePort(), gatewayPort);
		server.restart();
		return server;
	}

	/** The authorisation policy ./proportion loads into OPA, for the given token. */
	public static String authzPolicy(String token) {
		try (InputStream in = OpaServer.class.getResourceAsStream("/opa/system-authz.rego")) {
			String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return template.replace("TOKEN_SHA256", HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** The bearer token this OPA accepts. */
	public String token() {
		return token;
	}

	/** Starts (again, empty) on the same port, and waits until OPA answers its health check. */
	public synchronized void restart() {
		Path binary = binary();
		List<String> command = new ArrayList<>(List.of(binary.toString(), "run", "--server", "--addr",
				"127.0.0.1:" + port, "--log-level", "error", "--authentication=token", "--authorization=basic"));
		try {
			if (gatewayPort == null) {
				Path bundle = work.resolve("proportion.tar.gz");
				Files.write(bundle, PolicyBundle.of(projectDir().resolve("policies")).bytes());
				command.add("--bundle");
				command.add(bundle.toString());
				command.add(work.resolve("authz-bundle").toString());
			}
			else {
				command.addAll(List.of("--set", "services.gateway.url=http://127.0.0.1:" + gatewayPort + "/opa/bundles",
						"--set", "bundles.proportion.service=gateway", "--set",
						"bundles.proportion.resource=proportion.tar.gz", "--set",
						"bundles.proportion.polling.min_delay_seconds=1", "--set",
						"bundles.proportion.polling.max_delay_seconds=2"));
				command.add(work.resolve("authz.rego").toString());
			}
			process = new ProcessBuilder(command).redirectErrorStream(true)
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

	/** Kills OPA at once (SIGKILL), as a crash would. */
	public synchronized void kill() {
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			process = null;
		}
	}

	/** Sends a request to OPA's API, with the token or without; returns the status and body. */
	public HttpResponse<String> call(String method, String path, String body, boolean withToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
			.timeout(Duration.ofSeconds(5))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (withToken) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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
