package org.proportion.redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * First names and surnames of the origins met in UK homelessness work: Datafaker's name lists
 * for those locales plus the project's own lists, the names that are also ordinary words, and the
 * titles that come before names. Everything is folded (lower case, no accents) for lookup. The
 * engine's core and the name recognisers share it, so the core never asks a recogniser.
 */
public final class NameLists {

	/** Datafaker locale files and the locale key inside them. */
	private static final Map<String, String> LOCALES = Map.ofEntries(Map.entry("en/name.yml", "en"),
			Map.entry("en-AU.yml", "en-AU"), Map.entry("en-IE.yml", "en-IE"), Map.entry("en-IN.yml", "en-IN"),
			Map.entry("en-NG.yml", "en-NG"), Map.entry("en-PAK.yml", "en-PAK"), Map.entry("en-NEP.yml", "en-NEP"),
			Map.entry("en-UG.yml", "en-UG"), Map.entry("pl.yml", "pl"), Map.entry("ro-MD.yml", "ro"),
			Map.entry("lv.yml", "lv"), Map.entry("pt.yml", "pt"), Map.entry("pt-BR.yml", "pt-BR"),
			Map.entry("tr.yml", "tr"), Map.entry("sq.yml", "sq"), Map.entry("es.yml", "es"), Map.entry("it.yml", "it"),
			Map.entry("fr.yml", "fr"));

	/** Titles and kinship words that come before a name (folded): part of a name, never one. */
	private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "pc", "pcso", "dc", "ds",
			"di", "dci", "sgt", "cllr", "nurse", "rev", "revd", "fr", "father", "prof", "sister", "rabbi", "imam",
			"sheikh", "pastor", "auntie", "aunty", "uncle", "nan", "cousin");

	private static final Pattern LATIN = Pattern.compile("[\\p{IsLatin}'’\\- ]+");

	private final Set<String> first = new HashSet<>();

	private final Set<String> last = new HashSet<>();

	private final Set<String> commonWords = new HashSet<>();

	private final Set<String> notNames = new HashSet<>();

	private final Set<String> englishWords = new HashSet<>();

	private static NameLists loaded;

	/** Loaded once per JVM: the lists are large and never change while running. */
	public static synchronized NameLists load() {
		if (loaded == null) {
			loaded = new NameLists();
		}
		return loaded;
	}

	private NameLists() {
		ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
		LOCALES.forEach((file, locale) -> readLocale(yaml, file, locale));
		readList("redaction/names/extra-first.txt", first);
		readList("redaction/names/extra-last.txt", last);
		readList("redaction/names/common-words.txt", commonWords);
		readList("redaction/names/not-names.txt", notNames);
		readList("redaction/names/english-words.txt", englishWords);
		first.removeAll(notNames);
		last.removeAll(notNames);
	}

	/**
	 * Whether the word is a title (Mr, PC, Nurse, Auntie): a recogniser takes it as the start of a
	 * name, and a name's other mentions are looked for without it.
	 */
	public static boolean isTitle(String word) {
		return TITLES.contains(Words.fold(word));
	}

	public boolean isFirstName(String word) {
		return first.contains(Words.fold(word));
	}

	public boolean isSurname(String word) {
		return last.contains(Words.fold(word));
	}

	public boolean isName(String word) {
		String folded = Words.fold(word);
		return first.contains(folded) || last.contains(folded);
	}

	/** A name that is also an ordinary word (Will, May, Rose): a person only with context. */
	public boolean isCommonWord(String word) {
		return commonWords.contains(Words.fold(word));
	}

	/** An ordinary lower-case English word (so its capital letter alone makes it no name). */
	public boolean isEnglishWord(String word) {
		return englishWords.contains(Words.fold(word));
	}

	/** Never a name on its own (days, months, function words, service words). */
	public boolean isNotName(String word) {
		return notNames.contains(Words.fold(word));
	}

	public List<String> firstNames() {
		return first.stream().sorted().toList();
	}

	public List<String> surnames() {
		return last.stream().sorted().toList();
	}

	@SuppressWarnings("unchecked")
	private void readLocale(ObjectMapper yaml, String file, String locale) {
		try (InputStream in = NameLists.class.getClassLoader().getResourceAsStream(file)) {
			if (in == null) {
				throw new IllegalStateException("Datafaker name list missing: " + file);
			}
			Map<String, Object> root = yaml.readValue(in, Map.class);
			Map<String, Object> names = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) root.get(locale))
				.get("faker")).get("name");
			for (String key : List.of("first_name", "male_first_name", "female_first_name")) {
				addAll(names.get(key), first);
			}
			addAll(names.get("last_name"), last);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void addAll(Object list, Set<String> into) {
		if (list instanceof List<?> values) {
			for (Object value : values) {
				if (value instanceof String name && !name.contains("#") && LATIN.matcher(name).matches()) {
					for (String part : name.split(" ")) {
						if (part.length() > 1) {
							into.add(Words.fold(part));
						}
					}
				}
			}
		}
	}

	private static void readList(String resource, Set<String> into) {
		Lexicons.lines(resource).forEach(entry -> into.add(Words.fold(entry)));
	}

}
