package org.proportion.policy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.ProportionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A thin client for OPA's REST API over java.net.http. We do not use com.bisnode.opa's client
 * (0.4.4) because its builder has no request timeout, and a slow policy engine must fail closed
 * within a bound, and because it cannot list the loaded policies we digest as the revision.
 */
@Component
public class OpaClient {

	private final URI base;

	private final Duration timeout;

	private final HttpClient http;

	private final ObjectMapper json;

	@Autowired
	OpaClient(ProportionProperties properties, ObjectMapper json) {
		this(URI.create(properties.opa().url()), properties.opa().timeout(), json);
	}

	public OpaClient(URI base, Duration timeout, ObjectMapper json) {
		this.base = base;
		this.timeout = timeout;
		this.json = json;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** Evaluates one decision document; an undefined result is an error, not an empty answer. */
	public JsonNode query(String path, Object input) {
		byte[] body;
		try {
			body = json.writeValueAsBytes(Map.of("input", input));
		}
		catch (IOException ex) {
			throw new PolicyUnavailable("policy_input_invalid", "Policy input could not be written", ex);
		}
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/data/" + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		JsonNode response = send(request);
		JsonNode result = response.get("result");
		if (result == null || result.isNull()) {
			throw new PolicyUnavailable("decision_undefined", "Policy " + path + " returned no decision");
		}
		return result;
	}

	/** A digest of every policy module OPA has loaded now: the code half of the policy revision. */
	public String modulesDigest() {
		JsonNode modules = policies();
		if (modules.isEmpty()) {
			throw new PolicyUnavailable("no_policies", "OPA has no policies loaded");
		}
		List<String> parts = new ArrayList<>();
		modules.forEach(module -> parts.add(module.path("id").asText() + "\n" + module.path("raw").asText()));
		parts.sort(String::compareTo);
		return sha256(String.join("\n\u0000\n", parts));
	}

	/** Ids of the policy modules OPA holds now. */
	public List<String> policyIds() {
		List<String> ids = new ArrayList<>();
		policies().forEach(module -> ids.add(module.path("id").asText()));
		return ids;
	}

	private JsonNode policies() {
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/policies")).timeout(timeout).GET().build();
		return send(request).path("result");
	}

	/**
	 * Writes (PUT) or removes (DELETE, body null) a policy module or data document; false when OPA
	 * refuses it, e.g. a module that does not compile with the others yet.
	 */
	public boolean write(String method, String path, String body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		try {
			int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			return status / 100 == 2 || (method.equals("DELETE") && status == 404);
		}
		catch (IOException ex) {
			throw new PolicyUnavailable("policy_unreachable", "OPA request failed: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PolicyUnavailable("policy_interrupted", "Interrupted while writing to OPA", ex);
		}
	}

	private JsonNode send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new PolicyUnavailable("policy_error", "OPA answered HTTP " + response.statusCode());
			}
			return json.readTree(response.body());
		}
		catch (HttpTimeoutException ex) {
			throw new PolicyUnavailable("policy_timeout", "OPA did not answer within " + timeout, ex);
		}
		catch (ConnectException ex) {
			throw new PolicyUnavailable("policy_unreachable", "OPA is unreachable at " + base, ex);
		}
		catch (IOException ex) {
			throw new PolicyUnavailable("policy_unreachable", "OPA request failed: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PolicyUnavailable("policy_interrupted", "Interrupted while asking OPA", ex);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
