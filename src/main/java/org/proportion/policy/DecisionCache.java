package org.proportion.policy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OPA's answers to live decisions, kept by policy path, bundle revision and the digest of the
 * exact input bytes sent. The policies are a pure function of their input and the bundle (they
 * read no clock and call no network; the simulator refuses drafts that do, and {@code opa check
 * --strict} runs on every change), so the same input under the same revision always gets the
 * same answer: asking again only costs time. Cases that share their facts (most of a caseload:
 * the input carries field names and facts, never values or the case's reference) are asked once,
 * and a rebuild with nothing changed asks OPA nothing but its revision.
 *
 * <p>Concurrent identical questions wait for one answer. A failure is never kept, so a build
 * after OPA comes back asks again. Bounded: the least recently used answers are forgotten first.
 */
final class DecisionCache {

	private final int capacity;

	private final Map<String, CompletableFuture<JsonNode>> answers;

	private long hits;

	private long misses;

	DecisionCache(int capacity) {
		this.capacity = capacity;
		this.answers = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<JsonNode>> eldest) {
				return size() > DecisionCache.this.capacity;
			}
		};
	}

	/** The answer kept for this question, or the one {@code ask} gets (kept only if it succeeds). */
	JsonNode get(String path, String revision, byte[] input, Supplier<JsonNode> ask) {
		if (capacity <= 0) {
			return ask.get();
		}
		String key = path + "\n" + revision + "\n" + digest(input);
		CompletableFuture<JsonNode> mine = new CompletableFuture<>();
		CompletableFuture<JsonNode> kept;
		synchronized (answers) {
			kept = answers.putIfAbsent(key, mine);
			if (kept == null) {
				misses++;
			}
			else {
				hits++;
			}
		}
		if (kept != null) {
			try {
				return kept.get();
			}
			catch (ExecutionException ex) {
				// The other asker failed; ask ourselves, so the failure is our own and current.
				return ask.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PolicyUnavailable("policy_interrupted", "Interrupted while waiting for a policy decision", ex);
			}
		}
		try {
			JsonNode answer = ask.get();
			mine.complete(answer);
			return answer;
		}
		catch (RuntimeException ex) {
			synchronized (answers) {
				answers.remove(key, mine);
			}
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/** Whether answers are kept at all (a capacity of 0 keeps none). */
	boolean keeps() {
		return capacity > 0;
	}

	/** Answers served from the cache and questions sent to OPA, since start (for the bench). */
	synchronized long[] counts() {
		synchronized (answers) {
			return new long[] { hits, misses };
		}
	}

	void clear() {
		synchronized (answers) {
			answers.clear();
		}
	}

	private static String digest(byte[] input) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
