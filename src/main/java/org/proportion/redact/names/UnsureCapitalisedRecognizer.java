package org.proportion.redact.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.NameLists;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.Words;

/**
 * Capitalised words mid-sentence that no list knows and no ordinary English word explains: most
 * are names the lists and the model missed, some are places or brands. Scored low, so they count
 * only at a sensitivity level that lowers this recogniser's threshold (for readers outside support
 * work, where a false removal costs less than a leak).
 */
public class UnsureCapitalisedRecognizer implements Recognizer {

	private final NameLists names;

	/** As redaction/recognizers.yaml sets it up. */
	public UnsureCapitalisedRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public UnsureCapitalisedRecognizer(NameLists names) {
		this.names = names;
	}

	@Override
	public String name() {
		return "unsure-capitalised";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.PERSON);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		for (Words.Word word : Words.of(text)) {
			Words.Word bare = word.bare();
			String surface = bare.text();
			if (surface.length() < 2 || !bare.capitalised() || bare.allCaps() || sentenceStart(text, bare.start())
					|| names.isEnglishWord(surface) || names.isNotName(surface) || NameLists.isTitle(surface)) {
				continue;
			}
			spans.add(new Span(EntityType.PERSON, bare.start(), bare.end(), 0.35, name(),
					"capitalised mid-sentence, no ordinary word", Evidence.of(Evidence.Source.PATTERN)));
		}
		return spans;
	}

	private static boolean sentenceStart(String text, int at) {
		for (int i = at - 1; i >= 0; i--) {
			char c = text.charAt(i);
			if (c == '\n') {
				return true;
			}
			if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '(') {
				return ".!?:;-•*>".indexOf(c) >= 0 || Character.isDigit(c);
			}
		}
		return true;
	}

}
