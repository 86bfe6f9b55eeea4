package org.proportion.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Text written a slice at a time comes out as exactly the bytes of the whole text, whatever
 * falls on a slice's edge; compressed, it reads back as written.
 */
class Utf8SlicesTests {

	@Test
	void aSurrogatePairOnASlicesEdgeIsWrittenWhole() throws Exception {
		for (int at = 8185; at <= 8195; at++) {
			// A pound sign, a name in Polish and an emoji: one, two and four bytes in UTF-8.
			String text = "a".repeat(at) + "\uD83C\uDFE0" + "£ Łódź ".repeat(3000) + "\uD83C\uDFE0";
			ByteArrayOutputStream whole = new ByteArrayOutputStream();
			try (Utf8Slices out = new Utf8Slices(whole)) {
				// in pieces of awkward sizes, as a template engine writes
				for (int i = 0; i < text.length(); i += 777) {
					out.write(text, i, Math.min(777, text.length() - i));
				}
			}
			assertThat(whole.toByteArray()).as("pair at %d", at).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void aLoneSurrogateIsReplacedAsTheWholeTextsEncodingWouldReplaceIt() throws Exception {
		String text = "x".repeat(8191) + "\uD83C" + "y" + "\uDFE0" + "z" + "\uD83C";
		ByteArrayOutputStream slices = new ByteArrayOutputStream();
		try (Utf8Slices out = new Utf8Slices(slices)) {
			out.write(text.toCharArray());
		}
		assertThat(slices.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void compressedTextReadsBackAsWritten() {
		String text = "Seen at the day centre; wants a GP. ".repeat(60_000) + "\u2028 </script> Zoë";
		assertThat(Compressed.gunzip(Compressed.gzip(text))).isEqualTo(text);
		assertThat(Compressed.gunzip(Compressed.gzip(""))).isEmpty();
		// Short text (a decision log row's items) is encoded whole, with the same result.
		String items = "[\"name\",\"sleep_site\"] Zoë £ \uD83C\uDFE0 \uD83C";
		assertThat(Compressed.plain(Compressed.gzip(items))).isEqualTo(items.getBytes(StandardCharsets.UTF_8));
	}


	@Test
	void manyShortTextsWithSeparatorsAreTheBytesOfEachTextInTurn() throws Exception {
		// As a pack's fingerprint feeds its digest: each text, then a zero; a lone surrogate at a
		// text's end meets the zero, not the next text. Stored fingerprints were made from each
		// text's own bytes, so these must be the same bytes, whichever texts fall on a slice's edge.
		String[] texts = { "case-0001", "Shared for safeguarding: name and sleep site.", "Zoë £ Łódź",
				"\uD83C\uDFE0 hostel", "ends high \uD83C", "\uDFE0 starts low", "\u0001", "" };
		ByteArrayOutputStream slices = new ByteArrayOutputStream();
		ByteArrayOutputStream each = new ByteArrayOutputStream();
		try (Utf8Slices out = new Utf8Slices(slices)) {
			for (int i = 0; i < 5_000; i++) {
				String text = texts[i % texts.length] + (i % 7 == 0 ? " " + i : "");
				out.write(text);
				out.write(0);
				each.write(text.getBytes(StandardCharsets.UTF_8));
				each.write(0);
			}
		}
		assertThat(slices.size()).isGreaterThan(8192 * 3);
		assertThat(slices.toByteArray()).isEqualTo(each.toByteArray());
	}

}
