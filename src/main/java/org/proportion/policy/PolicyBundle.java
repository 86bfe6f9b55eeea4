package org.proportion.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The policies as one OPA bundle (a gzipped tarball): every module except tests and every
 * {@code data.json}, with a {@code .manifest} whose revision is the digest of exactly those files
 * and whose root is {@code proportion}. OPA activates a bundle in one transaction, so a build can
 * never run on half of one change and half of another; while the bundle owns {@code proportion},
 * OPA refuses every write under it through its REST API, even with the token.
 *
 * @param revision SHA-256 over the bundle's files (paths and bytes, in path order)
 * @param modules the modules' source text by bundle path, to compare with what OPA holds
 * @param bytes the gzipped tarball
 */
public record PolicyBundle(String revision, Map<String, String> modules, byte[] bytes) {

	/** The bundle's one root: the package tree of every Proportion policy and data document. */
	public static final String ROOT = "proportion";

	/** Builds the bundle from a policies folder (already validated by the caller). */
	public static PolicyBundle of(Path folder) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
				String relative = folder.relativize(file).toString().replace('\\', '/');
				boolean module = relative.endsWith(".rego") && !relative.endsWith("_test.rego");
				if (module || file.getFileName().toString().equals("data.json")) {
					files.put(relative, Files.readAllBytes(file));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The policies folder could not be read", ex);
		}
		String revision = digest(files);
		Map<String, String> modules = new LinkedHashMap<>();
		files.forEach((path, bytes) -> {
			if (path.endsWith(".rego")) {
				modules.put(path, new String(bytes, StandardCharsets.UTF_8));
			}
		});
		String manifest = "{\"revision\":\"" + revision + "\",\"roots\":[\"" + ROOT + "\"]}";
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put(".manifest", manifest.getBytes(StandardCharsets.UTF_8));
		entries.putAll(files);
		return new PolicyBundle(revision, Map.copyOf(modules), gzippedTar(entries));
	}

	/** The first 12 characters, for messages. */
	public static String shortRevision(String revision) {
		return revision == null || revision.isEmpty() ? "none" : revision.substring(0, Math.min(12, revision.length()));
	}

	/** Source texts of the modules, sorted: what OPA must hold for this bundle's packages. */
	public List<String> sortedModuleTexts() {
		List<String> texts = new ArrayList<>(modules.values());
		texts.sort(String::compareTo);
		return texts;
	}

	private static String digest(Map<String, byte[]> files) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			files.forEach((path, bytes) -> {
				sha.update(path.getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
				sha.update(bytes);
				sha.update((byte) 0);
			});
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// A minimal POSIX ustar writer: regular files only, names under 100 bytes, as OPA reads them.
	private static byte[] gzippedTar(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				writeEntry(gzip, entry.getKey(), entry.getValue());
			}
			gzip.write(new byte[1024]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static void writeEntry(OutputStream tar, String name, byte[] content) throws IOException {
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		if (nameBytes.length >= 100) {
			throw new IllegalArgumentException("A policy file's path is too long for the bundle: " + name);
		}
		byte[] header = new byte[512];
		System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
		octal(header, 100, 8, 0644);
		octal(header, 108, 8, 0);
		octal(header, 116, 8, 0);
		octal(header, 124, 12, content.length);
		octal(header, 136, 12, 0);
		header[156] = '0';
		byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(magic, 0, header, 257, magic.length);
		for (int i = 148; i < 156; i++) {
			header[i] = ' ';
		}
		long sum = 0;
		for (byte b : header) {
			sum += b & 0xff;
		}
		octal(header, 148, 7, sum);
		header[155] = ' ';
		tar.write(header);
		tar.write(content);
		int pad = (512 - content.length % 512) % 512;
		tar.write(new byte[pad]);
	}

	private static void octal(byte[] header, int offset, int length, long value) {
		String digits = Long.toOctalString(value);
		String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
		byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, length - 1);
		header[offset + length - 1] = 0;
	}

}
