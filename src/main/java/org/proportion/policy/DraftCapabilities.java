package org.proportion.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The built-in functions policies may use: OPA's own capabilities without the ones that reach
 * outside the policy engine ({@code http.send}, every {@code net.*}, and {@code opa.runtime},
 * which reads the server's environment and configuration). Policies and drafts are checked with
 * {@code opa check --capabilities} against this list before any OPA server loads them, so a draft
 * under simulation cannot call the network or read the gateway's environment.
 */
final class DraftCapabilities {

	private static final Map<Path, Path> FILES = new ConcurrentHashMap<>();

	private DraftCapabilities() {
	}

	static boolean excluded(String builtin) {
		return builtin.equals("http.send") || builtin.startsWith("net.") || builtin.equals("opa.runtime");
	}

	/** A capabilities file for this OPA binary, written once per process. */
	static Path file(Path binary) {
		return FILES.computeIfAbsent(binary, DraftCapabilities::write);
	}

	private static Path write(Path binary) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "capabilities", "--current").redirectErrorStream(false)
				.start();
			byte[] out = process.getInputStream().readAllBytes();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("OPA could not list its capabilities");
			}
			ObjectMapper json = new ObjectMapper();
			ObjectNode capabilities = (ObjectNode) json.readTree(out);
			for (Iterator<JsonNode> it = capabilities.path("builtins").iterator(); it.hasNext();) {
				if (excluded(it.next().path("name").asText())) {
					it.remove();
				}
			}
			Path file = Files.createTempFile("opa-capabilities", ".json");
			file.toFile().deleteOnExit();
			Files.writeString(file, json.writeValueAsString(capabilities), StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("OPA could not be run from the configured binary", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
