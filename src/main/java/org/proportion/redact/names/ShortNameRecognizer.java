package org.proportion.redact.names;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Lexicons;
import org.proportion.redact.NameLists;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.Words;

/**
 * People written short, as workers write them when they know who they mean: initials ("AK
 * said", "saw KB", "J. rang"), an initial and a surname in capitals ("F. SURNAME", "J MCDONALD"),
 * and nicknames with a word ("big Dave", "wee stevie", "young Kyle") or alone ("Tiny", "Scouse").
 * Initials count only beside a person word or verb, and never when they are a service, a form or
 * a condition (redaction/names/acronyms.txt, the topic lexicons).
 */
public class ShortNameRecognizer implements Recognizer {

	private static final String BEFORE = "(?:saw|met|with|and|to|told|asked|called|by|from|visited|contacted|cc|re|"
			+ "partner|brother|sister|mum|dad|son|daughter|friend|boyfriend|girlfriend|husband|wife|ex|cousin|"
			+ "uncle|aunt|nan|worker|keyworker|client|resident|tenant|guest|spoke\\s+to|spoke\\s+with|per|"
			+ "between|for|or|&|\\+)";

	private static final String AFTER = "(?:said|says|told|was|is|has|had|reported|came|left|stated|asked|wants|"
			+ "attended|arrived|declined|refused|agreed|seemed|appeared|presented|disclosed|called|rang|phoned|texted|"
			+ "confirmed|will|would|and|who|can|needs|should|could|did|does|went|got|gave|took|made|saw|spoke|"
			+ "explained|mentioned|admitted|denied|became|kicked|assaulted|threatened|owes|owed|&|\\+|'s|’s)";

	// Initials: two or three capitals, or one capital and a full stop.
	private static final Pattern INITIALS_AFTER_PERSON_WORD = Pattern.compile(
			"(?<![\\p{L}\\p{N}])(?i:" + BEFORE + ")\\s+((?:[A-Z]{2,3}|[A-Z]\\.(?:[A-Z]\\.)?))(?![\\p{L}\\p{N}])");

	private static final Pattern INITIALS_BEFORE_VERB = Pattern.compile(
			"(?<![\\p{L}\\p{N}.])((?:[A-Z]{2,3}|[A-Z]\\.(?:[A-Z]\\.)?))\\s*(?=(?i:" + AFTER + ")(?![\\p{L}]))");

	// "F. SURNAME", "J MCDONALD", "K. O'NEILL": an initial then a surname in capitals.
	private static final Pattern INITIAL_SURNAME = Pattern.compile(
			"(?<![\\p{L}\\p{N}])[A-Z]\\.?\\s(?:MC|MAC|O'|O’)?[A-Z]{2,}(?:-[A-Z]{2,})?(?![\\p{L}\\p{N}])");

	private static final Pattern NICKNAME_WORD = Pattern.compile("(?<![\\p{L}])(?i:big|wee|little|lil|young|old|mad|fat|"
			+ "skinny|tall|scouse|scottish|irish|welsh|geordie|ginger|daft|crazy|lanky|baby|posh|polish|black|"
			+ "tiny|fast|one-eyed|dodgy)\\s+(\\p{L}[\\p{L}'’\\-]+)");

	private final NameLists names;

	private final Set<String> notInitials = new HashSet<>();

	private final Set<String> nicknames = new HashSet<>();

	/** As redaction/recognizers.yaml sets it up. */
	public ShortNameRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public ShortNameRecognizer(NameLists names) {
		this.names = names;
		for (String line : Lexicons.lines("redaction/names/acronyms.txt")) {
			for (String word : line.split("\\s+")) {
				notInitials.add(word.toUpperCase(Locale.ROOT));
			}
		}
		for (String lexicon : List.of("health", "criminal", "nrp", "sexuality")) {
			for (String entry : Lexicons.lines("redaction/lexicons/" + lexicon + ".txt")) {
				if (entry.length() <= 3 && !entry.contains(" ")) {
					notInitials.add(entry.toUpperCase(Locale.ROOT));
				}
			}
		}
		Lexicons.lines("redaction/names/nicknames.txt").forEach(n -> nicknames.add(Words.fold(n)));
	}

	@Override
	public String name() {
		return "short-names";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.PERSON);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		initials(text, INITIALS_AFTER_PERSON_WORD.matcher(text), spans, "initials after a person word");
		initials(text, INITIALS_BEFORE_VERB.matcher(text), spans, "initials before a person verb");
		Matcher m = INITIAL_SURNAME.matcher(text);
		while (m.find()) {
			String surname = m.group().substring(m.group().lastIndexOf(' ') + 1);
			if (!notInitials.contains(surname) && !names.isEnglishWord(surname) && !names.isNotName(surname)
					&& !(surname.length() <= 3 && !names.isName(surname))) {
				spans.add(span(m.start(), m.end(), 0.75, "initial and surname in capitals", Evidence.Cue.NONE));
			}
		}
		m = NICKNAME_WORD.matcher(text);
		while (m.find()) {
			String name = m.group(1);
			if ((names.isFirstName(name) || nicknames.contains(Words.fold(name))) && !names.isNotName(name)) {
				spans.add(span(m.start(), m.end(), 0.8, "nickname: a word and a name", Evidence.Cue.CONTEXT));
			}
		}
		for (Words.Word word : Words.of(text)) {
			Words.Word bare = word.bare();
			if (bare.capitalised() && nicknames.contains(Words.fold(bare.text())) && !sentenceStart(text, bare.start())) {
				spans.add(span(bare.start(), bare.end(), 0.7, "street nickname", Evidence.Cue.CONTEXT));
			}
		}
		return spans;
	}

	private void initials(String text, Matcher m, List<Span> spans, String why) {
		while (m.find()) {
			String initials = m.group(1);
			String letters = initials.replace(".", "");
			if (notInitials.contains(letters) || (letters.length() > 1 && names.isEnglishWord(letters) && !names.isName(letters))
					|| letters.equals("I") || letters.equals("A")) {
				continue;
			}
			int end = m.end(1);
			// "J." at a sentence end keeps its full stop out of the span only when it is the sentence's own.
			spans.add(span(m.start(1), end, 0.7, why, Evidence.Cue.CONTEXT));
		}
	}

	private static boolean sentenceStart(String text, int at) {
		for (int i = at - 1; i >= 0; i--) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '(') {
				return ".!?:;-•*>\n".indexOf(c) >= 0;
			}
			if (c == '\n') {
				return true;
			}
		}
		return true;
	}

	private Span span(int start, int end, double score, String why, Evidence.Cue cue) {
		return new Span(EntityType.PERSON, start, end, score, name(), why, Evidence.of(Evidence.Source.LEXICON, cue));
	}

}
