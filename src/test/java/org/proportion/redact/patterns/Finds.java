package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.Recognizer;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the recogniser tests: what was found, at exactly which offsets. */
final class Finds {

	private Finds() {
	}

	/** Asserts that the recogniser finds one span in the note, covering exactly the first {@code surface}. */
	static Span onlySpan(Recognizer recognizer, String note, String surface) {
		List<Span> spans = recognizer.find(note, ScanContext.NONE);
		assertThat(spans).as("spans in \"%s\"", note).hasSize(1);
		Span span = spans.get(0);
		assertThat(span.text(note)).isEqualTo(surface);
		assertThat(span.start()).isEqualTo(note.indexOf(surface));
		assertThat(span.type()).isIn(recognizer.entities());
		assertThat(span.recognizer()).isEqualTo(recognizer.name());
		return span;
	}

	/** The text of every span the recogniser finds in the note, in order. */
	static List<String> surfaces(Recognizer recognizer, String note) {
		return recognizer.find(note, ScanContext.NONE).stream().map(span -> span.text(note)).toList();
	}

}
