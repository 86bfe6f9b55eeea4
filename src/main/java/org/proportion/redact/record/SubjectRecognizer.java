package org.proportion.redact.record;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.Words;
import org.proportion.redact.Words.Word;
import org.proportion.redact.NameLists;

/**
 * The subject's own names, aliases, date of birth and addresses, as the case record holds them,
 * found in the note in any case, with or without accents, possessive, partial (first name or
 * surname alone) or misspelt by a letter.
 */
public class SubjectRecognizer implements Recognizer {

	public static final String NAME = "subject-record";

	/** The explanation of a finding that is one of the subject's recorded aliases. */
	public static final String ALIAS = "the subject's recorded alias";

	private final NameLists names;

	/** As redaction/recognizers.yaml sets it up. */
	public SubjectRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public SubjectRecognizer(NameLists names) {
		this.names = names;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.PERSON, EntityType.DATE, EntityType.LOCATION);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		if (context == null) {
			return spans;
		}
		String folded = Words.fold(text);
		Set<String> parts = new LinkedHashSet<>();
		Set<String> aliasParts = new LinkedHashSet<>();
		for (String name : context.names()) {
			nameAndParts(folded, name, "the subject's recorded name", parts, spans);
		}
		for (String alias : context.aliases()) {
			nameAndParts(folded, alias, ALIAS, aliasParts, spans);
		}
		aliasParts.removeAll(parts);
		for (Word word : Words.of(text)) {
			Word bare = word.bare();
			String token = Words.fold(bare.text());
			if (aliasParts.contains(token) && (bare.capitalised() || !names.isEnglishWord(token))) {
				spans.add(span(EntityType.PERSON, bare.start(), bare.end(), 0.9, ALIAS));
			}
		}
		for (Word word : Words.of(text)) {
			Word bare = word.bare();
			String token = Words.fold(bare.text());
			for (String part : parts) {
				// "May", "Hope", "Mark": as ordinary words they are the subject only when capitalised.
				if (token.equals(part) && (bare.capitalised() || !names.isEnglishWord(part))) {
					spans.add(span(EntityType.PERSON, bare.start(), bare.end(), 0.9, "part of the subject's recorded name"));
				}
				else if (part.length() >= 5 && (bare.capitalised() || !names.isEnglishWord(token)) && oneEditApart(token, part)) {
					spans.add(span(EntityType.PERSON, bare.start(), bare.end(), 0.75, "the subject's name, misspelt"));
				}
			}
		}
		dateOfBirth(text, context.dateOfBirth(), spans);
		for (String address : context.addresses()) {
			for (String part : address.split(",")) {
				String piece = part.strip();
				if (piece.length() >= 4 && namedPlace(piece)) {
					find(folded, Words.fold(piece), EntityType.LOCATION, 0.7, "the subject's recorded address", spans);
				}
			}
		}
		return spans;
	}

	private void nameAndParts(String folded, String name, String why, Set<String> parts, List<Span> spans) {
		String full = Words.fold(name.strip());
		if (full.length() > 1 && !names.isEnglishWord(full)) {
			find(folded, full, EntityType.PERSON, 0.95, why, spans);
		}
		for (Word word : Words.of(name)) {
			if (word.text().length() > 1 && !names.isNotName(word.text())) {
				parts.add(Words.fold(word.text()));
			}
		}
	}

	private void find(String foldedText, String foldedNeedle, EntityType type, double score, String why,
			List<Span> spans) {
		Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(foldedNeedle) + "(?![\\p{L}\\p{N}])")
			.matcher(foldedText);
		while (m.find()) {
			spans.add(span(type, m.start(), m.end(), score, why));
		}
	}

	/** The date of birth in the forms people write it: 14/05/1990, 14.5.90, 14th May 1990, 1990-05-14. */
	private void dateOfBirth(String text, String iso, List<Span> spans) {
		if (iso == null) {
			return;
		}
		LocalDate dob;
		try {
			dob = LocalDate.parse(iso);
		}
		catch (DateTimeParseException ex) {
			return;
		}
		int d = dob.getDayOfMonth();
		int m = dob.getMonthValue();
		String yy = String.format("%02d", dob.getYear() % 100);
		String yyyy = String.valueOf(dob.getYear());
		String day = "0?" + d;
		String month = "0?" + m;
		String year = "(?:" + yyyy + "|" + yy + ")";
		String monthName = dob.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK).toLowerCase();
		String monthWord = "(?:" + monthName + "|" + monthName.substring(0, 3) + "\\.?)";
		String ordinal = day + "(?:st|nd|rd|th)?";
		String regex = "(?<![\\p{N}])(?:" + day + "[/.\\-]" + month + "[/.\\-]" + year + "|" + yyyy + "-0?" + m + "-0?" + d
				+ "|" + ordinal + "\\s+(?:of\\s+)?" + monthWord + ",?\\s+" + year + "|" + monthWord + "\\s+" + ordinal + ",?\\s+"
				+ year + ")(?![\\p{N}])";
		Matcher matcher = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
		while (matcher.find()) {
			spans.add(span(EntityType.DATE, matcher.start(), matcher.end(), 0.95, "the subject's recorded date of birth"));
		}
	}

	// "Hope Street", "14 Carisbrooke Avenue", or a description long enough to be that person's spot
	// ("doorway by the old cinema"); not a lone "tent" or "bench".
	private boolean namedPlace(String piece) {
		return Words.of(piece).size() >= 3 || Words.of(piece).stream()
			.anyMatch(w -> w.capitalised() && !names.isEnglishWord(w.text()) || w.text().chars().anyMatch(Character::isDigit))
				|| piece.chars().anyMatch(Character::isDigit);
	}

	static boolean oneEditApart(String a, String b) {
		if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
			return false;
		}
		int i = 0;
		int j = 0;
		int edits = 0;
		while (i < a.length() && j < b.length()) {
			if (a.charAt(i) == b.charAt(j)) {
				i++;
				j++;
				continue;
			}
			if (++edits > 1) {
				return false;
			}
			if (a.length() > b.length()) {
				i++;
			}
			else if (a.length() < b.length()) {
				j++;
			}
			else if (i + 1 < a.length() && j + 1 < b.length() && a.charAt(i) == b.charAt(j + 1)
					&& a.charAt(i + 1) == b.charAt(j)) {
				i += 2;
				j += 2;
			}
			else {
				i++;
				j++;
			}
		}
		return edits + (a.length() - i) + (b.length() - j) <= 1;
	}

	private Span span(EntityType type, int start, int end, double score, String why) {
		return new Span(type, start, end, score, name(), why, Evidence.subject(ALIAS.equals(why)));
	}

}
