package org.proportion.policy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A short-lived OPA server on a draft policies folder, on a free loopback port, for comparing a
 * draft with the live policies. A draft that does not load is refused with OPA's own message.
 */
final class DraftOpa implements AutoCloseable {

	private final Process process;

	private final Path log;

	final URI url;

	private DraftOpa(Process process, Path log, URI url) {
		this.process = process;
		this.log = log;
		this.url = url;
	}

	static DraftOpa start(Path binary, Path draft) {
		if (!Files.isDirectory(draft)) {
			throw new IllegalArgumentException("The draft is not a folder of policies");
		}
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException("OPA is not installed where proportion.opa.binary says: run ./proportion run or test once");
		}
		// No network, no environment: refused before any server loads the draft.
		String refusal = check(binary, draft);
		if (refusal != null) {
			throw new IllegalArgumentException("The draft policies do not load: " + refusal);
		}
		int port = freePort();
		try {
			Path log = Files.createTempFile("draft-opa", ".log");
			Process process = new ProcessBuilder(binary.toString(), "run", "--server", "--addr", "127.0.0.1:" + port,
					"--log-level", "error", draft.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			DraftOpa opa = new DraftOpa(process, log, URI.create("http://127.0.0.1:" + port));
			opa.awaitHealthy(draft);
			return opa;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The draft OPA server could not start", ex);
		}
	}

	/** OPA's own check with the restricted capabilities: null when the draft compiles, else why not. */
	static String check(Path binary, Path draft) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "check", "--strict", "--capabilities",
					DraftCapabilities.file(binary).toString(), draft.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (process.waitFor() == 0) {
				return null;
			}
			String scrubbed = ServerPaths.scrub(output, draft);
			return scrubbed.length() > 1500 ? "..." + scrubbed.substring(scrubbed.length() - 1500) : scrubbed;
		}
		catch (IOException ex) {
			throw new IllegalStateException("OPA could not be run to check the draft", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void awaitHealthy(Path draft) throws IOException {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(15);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalArgumentException("The draft policies do not load: "
						+ ServerPaths.scrub(Files.readString(log, StandardCharsets.UTF_8).strip(), draft));
			}
			try {
				HttpResponse<Void> health = http.send(HttpRequest.newBuilder(url.resolve("/health"))
					.timeout(Duration.ofSeconds(1))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		close();
		throw new IllegalStateException("The draft OPA server did not answer in time");
	}

	@Override
	public void close() {
		process.destroy();
		try {
			process.waitFor();
			Files.deleteIfExists(log);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// a leftover temp file is harmless
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
