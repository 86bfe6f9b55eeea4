package org.proportion.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Text stored gzip-compressed at the fastest level, for the decision log's items and the stored
 * views alike: both are written on every build and read far less often.
 */
public final class Compressed {

	private Compressed() {
	}

	public static byte[] gzip(String text) {
		if (text == null) {
			return null;
		}
		if (text.length() > SHORT) {
			return gzip(text.length(), out -> out.write(text));
		}
		// A decision log row's items: short, so encoded whole (no slices and their buffers).
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length() / 4));
		try (GZIPOutputStream gzip = fastest(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static final int SHORT = 8192;

	private static GZIPOutputStream fastest(ByteArrayOutputStream out) throws IOException {
		return new GZIPOutputStream(out, 8192) {
			{
				def.setLevel(Deflater.BEST_SPEED);
			}
		};
	}

	/** What a writer is given to write: the text to compress. */
	@FunctionalInterface
	public interface Text {

		void writeTo(java.io.Writer out) throws IOException;

	}

	/**
	 * Compresses what {@code text} writes, a slice at a time ({@link Utf8Slices}), without the
	 * whole text ever being held as one string or one array.
	 */
	public static byte[] gzip(int expectedChars, Text text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, expectedChars / 8));
		try (Utf8Slices writer = new Utf8Slices(fastest(out))) {
			text.writeTo(writer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public static String gunzip(byte[] compressed) {
		return new String(plain(compressed), StandardCharsets.UTF_8);
	}

	/** The decompressed bytes. */
	public static byte[] plain(byte[] compressed) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Stored compressed text could not be read", ex);
		}
	}

}
