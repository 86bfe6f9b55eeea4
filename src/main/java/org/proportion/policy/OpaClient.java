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
 * within a bound, and because it cannot read the active bundle's revision or the loaded modules.
 * Every request carries the bearer token OPA requires ({@code --authentication=token}); the token
 * is never put in a message or a log.
 */
@Component
public class OpaClient {

	private final URI base;

	private final Duration timeout;

	private final HttpClient http;

	private final ObjectMapper json;

	private final String token;

	private final DecisionCache decisions;

	@Autowired
	OpaClient(ProportionProperties properties, OpaToken token, ObjectMapper json,
			@org.springframework.beans.factory.annotation.Value("${proportion.opa.decision-cache:20000}") int cached) {
		this(URI.create(properties.opa().url()), properties.opa().timeout(), json, token.value(), cached);
	}

	/** A client for an OPA without authentication (the gateway's own short-lived draft servers). */
	public OpaClient(URI base, Duration timeout, ObjectMapper json) {
		this(base, timeout, json, null);
	}

	public OpaClient(URI base, Duration timeout, ObjectMapper json, String token) {
		this(base, timeout, json, token, 0);
	}

	/** @param cached live decisions kept by revision and input digest ({@link DecisionCache}); 0 keeps none */
	public OpaClient(URI base, Duration timeout, ObjectMapper json, String token, int cached) {
		this.base = base;
		this.timeout = timeout;
		this.json = json;
		this.token = token;
		this.decisions = new DecisionCache(cached);
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** Evaluates one decision document; an undefined result is an error, not an empty answer. */
	public JsonNode query(String path, Object input) {
		return query(path, input, null);
	}

	/**
	 * Evaluates one decision document and, when {@code revision} is given, makes sure OPA made it
	 * with exactly that bundle revision (OPA's provenance, read in the query's own transaction): an
	 * answer from an OPA that restarted empty, or reloaded something else, mid-build is refused.
	 * Such checked answers are kept by revision and input ({@link DecisionCache}): the same question
	 * under the same validated revision is answered without asking again.
	 */
	public JsonNode query(String path, Object input, String revision) {
		byte[] body;
		try {
			body = json.writeValueAsBytes(Map.of("input", input));
		}
		catch (IOException ex) {
			throw new PolicyUnavailable("policy_input_invalid", "Policy input could not be written", ex);
		}
		if (revision == null) {
			return ask(path, body, null);
		}
		return decisions.get(path, revision, body, () -> ask(path, body, revision));
	}

	/**
	 * Whether checked answers are kept ({@link DecisionCache}): the same question under the same
	 * revision then gets the very same answer object back.
	 */
	public boolean keepsAnswers() {
		return decisions.keeps();
	}

	/** Questions answered from the decision cache and questions sent to OPA, since start. */
	public long[] decisionCounts() {
		return decisions.counts();
	}

	private JsonNode ask(String path, byte[] body, String revision) {
		String query = revision == null ? "" : "?provenance";
		HttpRequest request = authorised(HttpRequest.newBuilder(base.resolve("/v1/data/" + path + query)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		JsonNode response = send(request);
		if (revision != null && !response.path("provenance").path("bundles").findValuesAsText("revision").contains(revision)) {
			throw new PolicyUnavailable("policy_revision_mismatch",
					"OPA answered a decision with policies other than the validated ones; nothing is released");
		}
		JsonNode result = response.get("result");
		if (result == null || result.isNull()) {
			throw new PolicyUnavailable("decision_undefined", "Policy " + path + " returned no decision");
		}
		return result;
	}

	/**
	 * The bundles OPA has activated: name to manifest ({@code revision}, {@code roots}). Empty
	 * when OPA holds no bundle, e.g. just after it restarted.
	 */
	public JsonNode activeBundles() {
		HttpRequest request = authorised(HttpRequest.newBuilder(base.resolve("/v1/data/system/bundles"))).GET().build();
		JsonNode result = send(request).path("result");
		return result.isObject() ? result : json.createObjectNode();
	}

	/** The source text of every policy module OPA holds now, whatever loaded it. */
	public List<String> moduleTexts() {
		HttpRequest request = authorised(HttpRequest.newBuilder(base.resolve("/v1/policies"))).GET().build();
		List<String> texts = new ArrayList<>();
		send(request).path("result").forEach(module -> texts.add(module.path("raw").asText()));
		return texts;
	}

	private HttpRequest.Builder authorised(HttpRequest.Builder request) {
		request.timeout(timeout);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private JsonNode send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() == 401) {
				throw new PolicyUnavailable("policy_unauthorised",
						"OPA refused the gateway's token (HTTP 401): check proportion.opa.token-file");
			}
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
