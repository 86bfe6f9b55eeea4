package org.proportion.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The analyses of notes already scanned, by the SHA-256 digest of the note and of what the case
 * record said about its subject, so that rebuilding a pack whose notes have not changed scans no
 * note again. Bounded: past {@code capacity} entries the least recently used is dropped. Only
 * successful analyses are kept; a failure is thrown to the caller every time. Keys are digests,
 * never text, though the analyses themselves hold the note, in memory only.
 */
public final class AnalysisCache {

	private final int capacity;

	private final Map<String, Analysis> entries;

	public AnalysisCache(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("cache capacity must not be negative: " + capacity);
		}
		this.capacity = capacity;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Analysis> eldest) {
				return size() > AnalysisCache.this.capacity;
			}
		};
	}

	/** The cached analysis of this note in this context, or the one {@code scan} makes, then cached. */
	public Analysis get(String text, ScanContext context, Supplier<Analysis> scan) {
		if (capacity == 0) {
			return scan.get();
		}
		String key = key(text, context);
		synchronized (entries) {
			Analysis cached = entries.get(key);
			if (cached != null) {
				return cached;
			}
		}
		// Scanned outside the lock: two threads may scan one note at once, never wait on each other.
		Analysis analysis = scan.get();
		synchronized (entries) {
			entries.put(key, analysis);
		}
		return analysis;
	}

	public int size() {
		synchronized (entries) {
			return entries.size();
		}
	}

	static String key(String text, ScanContext context) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			update(sha, text);
			ScanContext c = context == null ? ScanContext.NONE : context;
			update(sha, String.join("\u0001", c.names()));
			update(sha, c.dateOfBirth() == null ? "" : c.dateOfBirth());
			update(sha, String.join("\u0001", c.addresses()));
			update(sha, String.join("\u0001", c.aliases()));
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// Length first, so that no two different inputs run together into the same bytes.
	private static void update(MessageDigest sha, String part) {
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
		sha.update(bytes);
	}

}
