package org.proportion.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes text to a byte stream as UTF-8, a slice of at most 8,192 characters at a time. A view
 * of a large meeting is megabytes of text; encoding it whole would make one copy as large again
 * (a humongous allocation for the collector), and compressing it whole would hold the JNI
 * critical section, and so every other thread's garbage collection, for as long as the
 * compression takes. Slices never split a surrogate pair, so the bytes are exactly those of
 * {@code text.getBytes(UTF_8)} for the whole text (a lone surrogate becomes '?', as there).
 *
 * <p>Each slice is encoded into the same byte buffer: a view is hundreds of slices, and a new
 * string and byte array per slice were a fifth of everything a gateway allocated while building
 * packs (JFR, views bench), and so a fifth of its young collections, each of which pauses every
 * attendee's opening.
 */
public final class Utf8Slices extends Writer {

	private static final int SLICE = 8192;

	private final OutputStream out;

	private final char[] pending = new char[SLICE];

	private final CharBuffer chars = CharBuffer.wrap(pending);

	// At most three bytes a char: a pair's two chars make four.
	private final ByteBuffer bytes = ByteBuffer.allocate(SLICE * 3);

	private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
		.onMalformedInput(CodingErrorAction.REPLACE)
		.onUnmappableCharacter(CodingErrorAction.REPLACE);

	private int count;

	public Utf8Slices(OutputStream out) {
		this.out = out;
	}

	@Override
	public void write(char[] text, int offset, int length) throws IOException {
		append((from, to, at, n) -> System.arraycopy(text, from, to, at, n), offset, length);
	}

	@Override
	public void write(String text, int offset, int length) throws IOException {
		append((from, to, at, n) -> text.getChars(from, from + n, to, at), offset, length);
	}

	/** Copies {@code n} characters from {@code from} of the text into {@code to} at {@code at}. */
	@FunctionalInterface
	private interface Source {

		void copy(int from, char[] to, int at, int n);

	}

	private void append(Source text, int offset, int length) throws IOException {
		while (length > 0) {
			int n = Math.min(length, SLICE - count);
			text.copy(offset, pending, count, n);
			count += n;
			offset += n;
			length -= n;
			if (count == SLICE) {
				drain(false);
			}
		}
	}

	@Override
	public void write(int c) throws IOException {
		pending[count++] = (char) c;
		if (count == SLICE) {
			drain(false);
		}
	}

	// A high surrogate at the end of a slice waits for its pair, unless this is the end.
	private void drain(boolean last) throws IOException {
		int n = count;
		if (!last && n > 0 && Character.isHighSurrogate(pending[n - 1])) {
			n--;
		}
		if (n > 0) {
			chars.clear().limit(n);
			bytes.clear();
			// Each slice is whole (no pair split), so it is encoded as if it were the end.
			CoderResult result = encoder.reset().encode(chars, bytes, true);
			if (!result.isUnderflow()) {
				result.throwException();
			}
			encoder.flush(bytes);
			out.write(bytes.array(), 0, bytes.position());
		}
		if (n < count) {
			pending[0] = pending[n];
		}
		count -= n;
	}

	/** Writes what is pending; the byte stream is flushed but left open. */
	@Override
	public void flush() throws IOException {
		drain(true);
		out.flush();
	}

	/** Writes what is pending and closes the byte stream (a gzip stream writes its trailer). */
	@Override
	public void close() throws IOException {
		drain(true);
		out.close();
	}

}
