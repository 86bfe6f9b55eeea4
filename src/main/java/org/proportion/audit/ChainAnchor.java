package org.proportion.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Anchors the decision log's hash chain outside the database. Someone who can write to the
 * database can edit an entry and recompute every later hash and the head, or cut the tail; the
 * chain alone cannot tell. After every append commits, the head (sequence number and hash) is
 * written as a checkpoint keyed with HMAC-SHA256: the latest to {@code head.json} and every one
 * appended to {@code checkpoints.jsonl}, the file the DPO keeps (and may copy elsewhere). The
 * key lives in a file only its owner can read ({@code .data/keys/log-anchor.key}, created on first
 * use); without it nobody can forge a checkpoint for a rewritten chain.
 */
@Component
public class ChainAnchor {

	private static final Logger log = LoggerFactory.getLogger(ChainAnchor.class);

	static final String HEAD = "head.json";

	static final String CHECKPOINTS = "checkpoints.jsonl";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final Path dir;

	private final Path keyFile;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper();

	private long lastSeq = -1;

	ChainAnchor(@Value("${proportion.audit.anchor-dir:${proportion.home}/.data/log-anchor}") Path dir,
			@Value("${proportion.audit.anchor-key:${proportion.home}/.data/keys/log-anchor.key}") Path keyFile,
			Clock clock) {
		this.dir = dir;
		this.keyFile = keyFile;
		this.clock = clock;
	}

	/** One checkpoint as written; {@code authentic} is whether its MAC verifies with the key. */
	public record Checkpoint(long seq, String hash, String at, boolean authentic) {
	}

	/** Writes a checkpoint of the head after a commit; never throws (the entries are already stored). */
	public synchronized void checkpoint(long seq, String hash) {
		if (seq <= lastSeq) {
			return; // a later head is already anchored
		}
		try {
			String at = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
			String line = json.writeValueAsString(new Line(seq, hash, at, mac(key(true), seq, hash, at)));
			Files.createDirectories(dir);
			Files.writeString(dir.resolve(CHECKPOINTS), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			Path tmp = dir.resolve(HEAD + ".tmp");
			Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, dir.resolve(HEAD), StandardCopyOption.REPLACE_EXISTING);
			}
			lastSeq = seq;
		}
		catch (IOException | RuntimeException ex) {
			// The entries are committed; verification reports them as not yet anchored.
			log.error("The decision log's checkpoint could not be written: {}", ex.getClass().getSimpleName());
		}
	}

	/** Every checkpoint written, oldest first, each with whether it is authentic. */
	public List<Checkpoint> checkpoints() {
		Path file = dir.resolve(CHECKPOINTS);
		if (!Files.exists(file)) {
			return List.of();
		}
		byte[] key = key(false);
		List<Checkpoint> all = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode node;
				try {
					node = json.readTree(line);
				}
				catch (IOException ex) {
					all.add(new Checkpoint(-1, "", "", false));
					continue;
				}
				long seq = node.path("seq").asLong(-1);
				String hash = node.path("hash").asText("");
				String at = node.path("at").asText("");
				boolean authentic = key != null
						&& MessageDigest.isEqual(mac(key, seq, hash, at).getBytes(StandardCharsets.US_ASCII),
								node.path("mac").asText("").getBytes(StandardCharsets.US_ASCII));
				all.add(new Checkpoint(seq, hash, at, authentic));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The decision log's checkpoints could not be read", ex);
		}
		return all;
	}

	private record Line(long seq, String hash, String at, String mac) {
	}

	private static String mac(byte[] key, long seq, String hash, String at) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of()
				.formatHex(hmac.doFinal(("proportion-log-checkpoint\n" + seq + "\n" + hash + "\n" + at)
					.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// The key, created on first use with owner-only permissions; a key file others can read is
	// narrowed to its owner again (and said so), since anyone who reads it could forge checkpoints.
	private byte[] key(boolean create) {
		try {
			if (!Files.exists(keyFile)) {
				if (!create) {
					return null;
				}
				Files.createDirectories(keyFile.getParent());
				ownerOnly(keyFile.getParent(), true);
				byte[] random = new byte[32];
				new SecureRandom().nextBytes(random);
				Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
				Files.deleteIfExists(tmp);
				if (posix()) {
					Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
				}
				Files.writeString(tmp, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
				Files.move(tmp, keyFile);
			}
			if (posix() && !Files.getPosixFilePermissions(keyFile).equals(OWNER_ONLY)) {
				log.warn("The decision log's anchor key could be read by others; it is now readable by its owner only");
				Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
			}
			return HexFormat.of().parseHex(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The decision log's anchor key could not be read or created", ex);
		}
	}

	private static void ownerOnly(Path directory, boolean isDirectory) throws IOException {
		if (posix()) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(isDirectory ? "rwx------" : "rw-------"));
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
