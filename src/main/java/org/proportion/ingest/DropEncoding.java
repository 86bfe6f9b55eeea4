package org.proportion.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a drop that is not clean text before it is mapped. A drop in another encoding than
 * UTF-8 (or UTF-16 with its byte order mark) would otherwise be stored with its accented names
 * turned into U+FFFD replacement characters, silently, on one channel and parked on the other
 * (the fuzz run found a Latin-1 export posted to REST stored that way); a NUL byte is refused
 * by PostgreSQL mid-transaction. Reasons name the line, never the text on it.
 */
final class DropEncoding {

	private static final char REPLACEMENT = '\uFFFD';

	private DropEncoding() {
	}

	/** Throws {@link IntakeRejected} ({@code bad_encoding}) when the drop is not clean text. */
	static void check(byte[] content) {
		Charset charset = StandardCharsets.UTF_8;
		int offset = 0;
		if (content.length >= 2 && (content[0] == (byte) 0xFE && content[1] == (byte) 0xFF
				|| content[0] == (byte) 0xFF && content[1] == (byte) 0xFE)) {
			charset = StandardCharsets.UTF_16;
		}
		else if (content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF) {
			offset = 3;
		}
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(content, offset, content.length - offset);
		CharBuffer text = CharBuffer.allocate(content.length + 1);
		CoderResult result = decoder.decode(bytes, text, true);
		if (!result.isError()) {
			result = decoder.flush(text);
		}
		text.flip();
		if (result.isError()) {
			// The buffer stops at the first byte that is not text: its line, never its value.
			throw new IntakeRejected("bad_encoding", "Line " + lineAt(content, offset + bytes.position())
					+ " holds bytes that are not " + (charset == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16")
					+ " text: export the drop as UTF-8");
		}
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				line++;
			}
			else if (c == REPLACEMENT) {
				throw new IntakeRejected("bad_encoding", "Line " + line + " holds U+FFFD replacement characters: "
						+ "characters were lost in a conversion before the drop was sent; export it as UTF-8");
			}
			else if (c == '\0') {
				throw new IntakeRejected("bad_encoding", "Line " + line + " holds NUL bytes: the drop is not a text export");
			}
		}
	}

	private static int lineAt(byte[] content, int position) {
		int line = 1;
		for (int i = 0; i < Math.min(position, content.length); i++) {
			if (content[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
