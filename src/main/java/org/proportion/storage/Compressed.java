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
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 8 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
			{
				def.setLevel(Deflater.BEST_SPEED);
			}
		}) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
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
