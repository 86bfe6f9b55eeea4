package org.proportion.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Text stored gzip-compressed at the fastest level: the log's items are written far more than read. */
final class Compressed {

	private Compressed() {
	}

	static byte[] gzip(String text) {
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

	static String gunzip(byte[] compressed) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A decision log row's items could not be read", ex);
		}
	}

}
