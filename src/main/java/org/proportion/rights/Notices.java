package org.proportion.rights;

import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

import org.proportion.cases.CaseRepository;
import org.proportion.model.CaseRecord;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.stereotype.Service;

/**
 * The plain-language notice a case worker goes through with the person: for each meeting, who
 * was told what, and what they were not told. The words come from notices/notice*.properties,
 * so a partnership can translate them; a translation not yet checked by a native speaker says so,
 * in its own language. The easy-read variant is grouped per meeting and per organisation, in a
 * few short sentences of at most three things each, so that it can also be read aloud
 * ({@link SpokenNotices}) for people who cannot read.
 */
@Service
public class Notices {

	/** Items a person would want to hear were kept back. */
	static final Set<String> SENSITIVE = Set.of("health_conditions", "support_needs", "nationality", "ethnicity",
			"offences", "notes");

	/** At most this many things in one easy-read sentence: long lists are hard to follow and to hear. */
	static final int PER_SENTENCE = 3;

	private static final String BUNDLE = "notices/notice";

	/** Never fall back to the machine's own language: a Polish server must not give an English reader Polish. */
	private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	Notices(PartnershipRepository partnership, CaseRepository cases) {
		this.partnership = partnership;
		this.cases = cases;
	}

	/**
	 * A notice in one language.
	 * @param language the language tag it is written in (en, pl, ro, ar)
	 * @param direction ltr or rtl, for the page
	 * @param reviewNote in the notice's language, when the translation is not yet checked; else empty
	 * @param reviewNoteForCaseWorker the same, in English, for the case worker; else empty
	 * @param voice the espeak-ng voice that reads it aloud
	 */
	public record Notice(String title, String intro, List<Section> sections, String rights, boolean easyRead,
			String language, String direction, String reviewNote, String reviewNoteForCaseWorker, String voice,
			Map<String, String> pictures, String audioLabel) {

		/** True when a native speaker has not yet confirmed the translation. */
		public boolean needsReview() {
			return !reviewNote.isEmpty();
		}

	}

	/** One meeting: the standard notice's lines, or the easy read's groups (one per organisation). */
	public record Section(String heading, List<String> lines, List<Group> groups) {
	}

	/** One organisation at one meeting, named once, with what it knows and what it was not told. */
	public record Group(String organisation, List<Line> lines) {
	}

	/** One short sentence; kind is told, not_told, nothing, holds or role (a sub-heading). */
	public record Line(String kind, String text) {
	}

	/** The languages a notice can be written in, from notice.properties. */
	public List<String> languages() {
		return List.of(ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK).getString("languages").split(","));
	}

	/**
	 * The language's own words, or a refusal naming the languages there are: a notice silently in
	 * English would not be one the person can use.
	 */
	ResourceBundle words(String language) {
		String tag = language == null || language.isBlank() ? "en" : language.strip().toLowerCase(Locale.ROOT);
		if (!languages().contains(tag)) {
			String shown = tag.matches("[a-z-]{1,12}") ? "'" + tag + "'" : "that language";
			throw new IllegalArgumentException(
					"There is no notice in " + shown + "; languages: " + String.join(", ", languages()));
		}
		return ResourceBundle.getBundle(BUNDLE, tag.equals("en") ? Locale.ROOT : Locale.forLanguageTag(tag), NO_FALLBACK);
	}

	public Notice write(List<Ledger.Entry> latest, Locale locale, boolean easyRead) {
		return write(latest, locale.getLanguage(), easyRead);
	}

	public Notice write(List<Ledger.Entry> latest, String language, boolean easyRead) {
		ResourceBundle words = words(language);
		Locale locale = words.getLocale().getLanguage().isEmpty() ? Locale.UK : words.getLocale();
		String prefix = easyRead ? "easy." : "";
		List<Section> sections = new ArrayList<>();
		Map<String, List<Ledger.Entry>> byMeeting = new LinkedHashMap<>();
		latest.forEach(e -> byMeeting.computeIfAbsent(e.meetingId(), m -> new ArrayList<>()).add(e));
		for (Map.Entry<String, List<Ledger.Entry>> meeting : byMeeting.entrySet()) {
			sections.add(easyRead ? easySection(words, locale, meeting.getKey(), meeting.getValue())
					: section(words, locale, meeting.getKey(), meeting.getValue()));
		}
		boolean unchecked = !"confirmed".equals(words.getString("review"));
		String note = unchecked ? words.getString("review.note") : "";
		String forCaseWorker = unchecked ? MessageFormat.format(english().getString("review.caseworker"),
				Locale.forLanguageTag(words.getLocale().getLanguage()).getDisplayLanguage(Locale.UK)) : "";
		Map<String, String> pictures = new LinkedHashMap<>();
		for (String picture : List.of("meeting", "person", "letter", "locked")) {
			pictures.put(picture, words.getString("picture." + picture));
		}
		return new Notice(words.getString(prefix + "title"), words.getString(prefix + "intro"), sections,
				words.getString(prefix + "rights"), easyRead, tag(words), words.getString("direction"), note, forCaseWorker,
				words.getString("voice"), pictures, words.getString("easy.audio"));
	}

	/**
	 * The easy read as it is spoken: each heading and sentence in reading order, one a line, with
	 * a full stop after headings so that the voice pauses there too. The readability measure is
	 * taken on this text.
	 */
	public static String speech(Notice notice) {
		StringBuilder text = new StringBuilder();
		if (notice.needsReview()) {
			line(text, notice.reviewNote());
		}
		line(text, notice.title());
		line(text, notice.intro());
		for (Section section : notice.sections()) {
			line(text, section.heading());
			section.lines().forEach(l -> line(text, l));
			for (Group group : section.groups()) {
				line(text, group.organisation());
				group.lines().forEach(l -> line(text, l.text()));
			}
		}
		line(text, notice.rights());
		return text.toString();
	}

	private static void line(StringBuilder text, String sentence) {
		String s = sentence.strip();
		if (s.endsWith(":")) {
			s = s.substring(0, s.length() - 1);
		}
		text.append(s).append(s.matches(".*[.!?؟]$") ? "" : ".").append('\n');
	}

	private String heading(ResourceBundle words, Locale locale, String meetingId, String pattern, boolean capitalise) {
		Meeting m = partnership.meeting(meetingId).orElse(null);
		if (m == null) {
			return meetingId;
		}
		String type = word(words, "meeting." + m.type(), m.type().replace('_', ' '));
		return MessageFormat.format(words.getString(pattern), capitalise ? capitalise(type, locale) : type,
				m.date().format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale)));
	}

	/** Per meeting: who was told what, grouped per organisation (and per role when an organisation sent two). */
	private Section easySection(ResourceBundle words, Locale locale, String meetingId, List<Ledger.Entry> entries) {
		Map<String, Map<String, Recipient>> byOrganisation = recipients(words, entries, "easy.item.", held(entries));
		List<Group> groups = new ArrayList<>();
		for (Map.Entry<String, Map<String, Recipient>> organisation : byOrganisation.entrySet()) {
			List<Line> lines = new ArrayList<>();
			boolean severalRoles = organisation.getValue().size() > 1;
			for (Map.Entry<String, Recipient> role : organisation.getValue().entrySet()) {
				if (severalRoles) {
					lines.add(new Line("role", MessageFormat.format(words.getString("easy.role"), roleWord(words, role.getKey()))));
				}
				Recipient r = role.getValue();
				if (r.ownRecord) {
					lines.add(new Line("holds", words.getString("easy.holds")));
					continue;
				}
				if (r.told.isEmpty()) {
					lines.add(new Line("nothing", words.getString("easy.nothing")));
					continue;
				}
				sentences(words, r.told, "easy.told", "and").forEach(s -> lines.add(new Line("told", s)));
				sentences(words, r.notTold, "easy.not_told", "or").forEach(s -> lines.add(new Line("not_told", s)));
			}
			groups.add(new Group(organisation.getKey(), lines));
		}
		return new Section(heading(words, locale, meetingId, "easy.meeting", true), List.of(), groups);
	}

	/** The standard notice: one line of what each recipient was told, one of what not, one of why. */
	private Section section(ResourceBundle words, Locale locale, String meetingId, List<Ledger.Entry> entries) {
		Map<String, Map<String, Recipient>> byOrganisation = recipients(words, entries, "item.", held(entries));
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, Map<String, Recipient>> organisation : byOrganisation.entrySet()) {
			boolean severalRoles = organisation.getValue().size() > 1;
			for (Map.Entry<String, Recipient> role : organisation.getValue().entrySet()) {
				// Two people from one organisation may have been told different things: name the role too.
				String recipient = severalRoles ? organisation.getKey() + " ("
						+ roleWord(words, role.getKey()).toLowerCase(locale) + ")" : organisation.getKey();
				Recipient r = role.getValue();
				if (r.ownRecord) {
					lines.add(MessageFormat.format(words.getString("holds"), recipient));
				}
				else if (r.told.isEmpty()) {
					lines.add(MessageFormat.format(words.getString("nothing"), recipient));
				}
				else {
					lines.add(MessageFormat.format(words.getString("told"), recipient, list(words, r.told, "and")));
					if (!r.notTold.isEmpty()) {
						lines.add(MessageFormat.format(words.getString("not_told"), recipient, list(words, r.notTold, "and")));
					}
					if (!r.why.isEmpty()) {
						lines.add(MessageFormat.format(words.getString("why"), String.join("; ", r.why)));
					}
				}
			}
		}
		return new Section(heading(words, locale, meetingId, "meeting", false), lines, List.of());
	}

	/** What one role of one organisation was told, was not told, and on what basis. */
	private static final class Recipient {

		final Set<String> told = new LinkedHashSet<>();

		final Set<String> notTold = new LinkedHashSet<>();

		final Set<String> why = new LinkedHashSet<>();

		boolean ownRecord;

	}

	/**
	 * The fields each case record holds a value in. "Not told about your convictions" would
	 * alarm someone with none: what was kept back is named only when the record holds it. A record
	 * no longer held (erased) keeps the decision log's word.
	 */
	private Map<String, Set<String>> held(List<Ledger.Entry> entries) {
		Map<String, Set<String>> held = new LinkedHashMap<>();
		for (Ledger.Entry e : entries) {
			if (!held.containsKey(e.caseRef())) {
				held.put(e.caseRef(), cases.find(e.caseRef()).map(Notices::filled).orElse(null));
			}
		}
		return held;
	}

	private static Set<String> filled(CaseRecord record) {
		Set<String> fields = new LinkedHashSet<>();
		record.fields().forEach((field, value) -> {
			boolean empty = value == null || (value instanceof String s && s.isBlank())
					|| (value instanceof java.util.Collection<?> c && c.isEmpty());
			if (!empty) {
				fields.add(field);
			}
		});
		return fields;
	}

	/** Organisation, then role, in the order the decision log has them. */
	private static Map<String, Map<String, Recipient>> recipients(ResourceBundle words, List<Ledger.Entry> entries,
			String itemPrefix, Map<String, Set<String>> held) {
		Map<String, Map<String, Recipient>> byOrganisation = new LinkedHashMap<>();
		for (Ledger.Entry e : entries) {
			Recipient r = byOrganisation.computeIfAbsent(e.recipientOrganisation(), o -> new LinkedHashMap<>())
				.computeIfAbsent(e.recipientRole(), role -> new Recipient());
			if ("sharing.own_record".equals(e.rule())) {
				r.ownRecord = true;
			}
			if (e.item().equals("case") || e.item().startsWith("trend:") || e.item().equals("pack")) {
				continue;
			}
			String item = word(words, itemPrefix + e.item(), word(words, "item." + e.item(),
					word(words, itemPrefix + "other", words.getString("item.other"))));
			if (Ledger.released(e)) {
				r.told.add(item);
				if (e.basis() != null) {
					r.why.add(e.basis());
				}
			}
			else if (SENSITIVE.contains(e.item())
					&& (held.get(e.caseRef()) == null || held.get(e.caseRef()).contains(e.item()))) {
				r.notTold.add(item);
			}
		}
		return byOrganisation;
	}

	/** Things in sentences of at most {@link #PER_SENTENCE}: the first with key, the rest with key.more. */
	private static List<String> sentences(ResourceBundle words, Set<String> things, String key, String joiner) {
		List<String> all = new ArrayList<>(things);
		List<String> sentences = new ArrayList<>();
		for (int from = 0; from < all.size(); from += PER_SENTENCE) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + PER_SENTENCE));
			sentences.add(MessageFormat.format(words.getString(from == 0 ? key : key + ".more"),
					list(words, new LinkedHashSet<>(chunk), joiner)));
		}
		return sentences;
	}

	private static String list(ResourceBundle words, Set<String> items, String joiner) {
		List<String> all = new ArrayList<>(items);
		if (all.size() == 1) {
			return all.get(0);
		}
		String word = words.getString(joiner);
		// Arabic's "and" is written joined to the word after it.
		String after = word(words, "attached", "").equals(word) ? "" : " ";
		return String.join(words.getString("comma"), all.subList(0, all.size() - 1)) + " " + word + after
				+ all.get(all.size() - 1);
	}

	private static String roleWord(ResourceBundle words, String role) {
		return word(words, "role." + role, capitalise(role.replace('_', ' '), Locale.UK));
	}

	private static String capitalise(String text, Locale locale) {
		return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
	}

	private static String tag(ResourceBundle words) {
		String language = words.getLocale().getLanguage();
		return language.isEmpty() ? "en" : language;
	}

	private static ResourceBundle english() {
		return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK);
	}

	private static String word(ResourceBundle words, String key, String fallback) {
		try {
			return words.getString(key);
		}
		catch (MissingResourceException ex) {
			return fallback;
		}
	}

}
