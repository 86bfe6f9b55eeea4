package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.proportion.ProportionProperties;
import org.proportion.ops.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks a drop that was not taken in: the original bytes, and beside them a reason file a
 * machine can read. If parking fails the exception propagates and the file consumer keeps the
 * file in its failed folder, so nothing is lost either way.
 */
@Component("deadLetter")
public class DeadLetter {

	public static final String ORIGINAL = "proportionOriginal";

	public static final String SOURCE = "proportionSource";

	private static final Logger log = LoggerFactory.getLogger(DeadLetter.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
		.withZone(ZoneOffset.UTC);

	private final Path folder;

	private final ObjectMapper json;

	private final GatewayMetrics metrics;

	DeadLetter(ProportionProperties properties, ObjectMapper json, GatewayMetrics metrics) {
		this.folder = properties.deadLetter();
		this.json = json;
		this.metrics = metrics;
	}

	public static final String ORIGINAL_FILE = "proportionOriginalFile";

	/** The longest part of a parked file's name taken from the dropped name; file systems allow 255 bytes. */
	static final int MAX_SOURCE_CHARS = 120;

	public Map<String, Object> park(Exchange exchange) throws IOException {
		Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
		IntakeRejected rejected = ObjectHelper.getException(IntakeRejected.class, caught);
		String code = rejected != null ? rejected.code() : "intake_failed";
		// Only our own detail is written out: other exceptions' messages may quote the data.
		String detail = rejected != null ? rejected.getMessage()
				: "Intake failed after retries: " + (caught == null ? "unknown" : caught.getClass().getSimpleName());
		String source = exchange.getProperty(SOURCE, "unknown", String.class);
		byte[] original = exchange.getProperty(ORIGINAL, byte[].class);
		String originalFile = exchange.getProperty(ORIGINAL_FILE, String.class);
		// An SFTP pull moves a parked file aside on the agency's server, apart from stored ones.
		exchange.setProperty(ChannelIntake.OUTCOME, "parked");
		return park(code, detail, source, original, original == null && originalFile != null ? Path.of(originalFile) : null);
	}

	/**
	 * Writes the original (bytes, or a file copied without reading it into memory, or nothing when
	 * the sender keeps it) and its reason. Returns the reason.
	 */
	public Map<String, Object> park(String code, String detail, String source, byte[] original, Path originalFile)
			throws IOException {
		return park(code, detail, source, original, originalFile, true);
	}

	/** A reason with no original: the drop was refused unread and its sender still holds it. */
	public Map<String, Object> parkReasonOnly(String code, String detail, String source) throws IOException {
		return park(code, detail, source, null, null, false);
	}

	private Map<String, Object> park(String code, String detail, String source, byte[] original, Path originalFile,
			boolean keep) throws IOException {
		Instant now = Instant.now();
		String name = fileName(now, source);
		Files.createDirectories(folder);
		Map<String, Object> reason = new LinkedHashMap<>();
		reason.put("code", code);
		reason.put("detail", detail);
		reason.put("source", source);
		reason.put("parked_at", now.toString());
		if (originalFile != null && Files.isRegularFile(originalFile)) {
			Files.copy(originalFile, folder.resolve(name));
			reason.put("original", name);
		}
		else if (keep && (original != null || originalFile == null)) {
			Files.write(folder.resolve(name), original == null ? new byte[0] : original);
			reason.put("original", name);
		}
		else {
			reason.put("original", null);
		}
		Files.writeString(folder.resolve(name + ".reason.json"), json.writeValueAsString(reason), StandardCharsets.UTF_8);
		metrics.parked(code);
		log.warn("Drop from {} parked in dead letter: {}", source.length() > MAX_SOURCE_CHARS ? "a long-named file" : source,
				code);
		return reason;
	}

	/** A unique, safe file name of bounded length: the moment, a random part, and the end of the source name. */
	static String fileName(Instant now, String source) {
		String safe = source.replaceAll("[^A-Za-z0-9._-]", "_");
		if (safe.length() > MAX_SOURCE_CHARS) {
			safe = safe.substring(safe.length() - MAX_SOURCE_CHARS);
		}
		return STAMP.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + safe;
	}

}
