package org.proportion.redact.places;

import java.util.ArrayList;
import java.util.HashSet;
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
import org.proportion.redact.NameLists;

/**
 * Places as workers describe them rather than name them: sleep sites ("the doorway behind Greggs
 * on the high street", "the car park by the leisure centre", "tent in the woods behind Tesco"),
 * addresses with a house or flat number ("17 Brunswick Road", "Flat 6, Brook House"), street
 * names in capitals or lower case ("STATION RD", "hope st"), countries, and an unknown capitalised
 * word after "in", "from", "near" or "moved to" ("moved to Newark", "from Gdańsk").
 */
public class PlaceDescriptionRecognizer implements Recognizer {

	private static final String SITE = "(?:shop\\s+)?doorways?|car\\s*park|multi[-\\s]?storey|bench(?:es)?|underpass|subway"
			+ "|bus\\s+shelter|bus\\s+stop|stairwell|garages|alley(?:way)?|ginnel|snicket|tent|churchyard|graveyard|cemetery"
			+ "|woods|towpath|canal\\s+path|arches|squat|bin\\s+store|bins|cash\\s*point|cashpoint|atm|bushes|steps"
			+ "|loading\\s+bay|fire\\s+escape|porch|skate\\s*park|playground|riverbank|embankment|flyover|viaduct|bridge"
			+ "|shelter|entrance|car|van|hedge|trees|field|rec|park|garden|kiosk|phone\\s+box|fountain|memorial|benches";

	private static final String LANDMARK = "(?:(?:the|a|that)\\s+)?(?:old\\s+|new\\s+|disused\\s+|closed\\s+|derelict\\s+|big\\s+|main\\s+)?"
			+ "(?:high\\s+st(?:reet)?|leisure\\s+centre|sports\\s+centre|library|(?:train|bus|railway|coach|police|fire|petrol)\\s+station"
			+ "|station|church|cathedral|hospital|a&e|market|shopping\\s+centre|town\\s+hall|civic\\s+centre|cinema|post\\s+office"
			+ "|chippy|chip\\s+shop|pub|mosque|temple|gurdwara|job\\s*centre|retail\\s+park|precinct|roundabout|river|canal|car\\s+park"
			+ "|museum|theatre|university|college|school|uni|bingo|arcade|bookies|launderette|laundrette|multi[-\\s]?storey|park"
			+ "|playground|cemetery|flats|estate|tower\\s+block|shops|supermarket|garage|hotel|b&b|hostel|day\\s+centre"
			+ "|food\\s*bank|soup\\s+kitchen|bus\\s+stop|taxi\\s+rank|clock\\s+tower|war\\s+memorial|bandstand|bridge|viaduct"
			+ "|level\\s+crossing|ring\\s+road|bypass|motorway|services|industrial\\s+estate|allotments|woods|trees|bins"
			+ "|kebab\\s+shop|takeaway|off\\s+licen[cs]e|offy|corner\\s+shop|cafe|café|chemist|pharmacy|surgery|bank|church\\s+hall)"
			+ "(?![\\p{L}])";

	// A proper name that is no day or month: "Greggs", "Tesco", "St Mary's", "Boots".
	private static final String PROPER = "(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
			+ "|March|April|May|June|July|August|September|October|November|December|I)\\b)"
			+ "(?-i:(?:St\\.?\\s)?\\p{Lu}[\\p{L}'’&]+(?:\\s\\p{Lu}[\\p{L}'’&]+){0,2})";

	private static final String RELATION = "(?:behind|by|near|next\\s+to|opposite|outside|under|underneath|beside|in\\s+front\\s+of"
			+ "|round\\s+the\\s+back\\s+of|(?:at\\s+)?the\\s+back\\s+of|round\\s+the\\s+corner\\s+from|on|off|in|at|of|beneath|along"
			+ "|across\\s+from|facing|up\\s+from|down\\s+from|past)";

	// Tried only where a word could start a site, and widened backwards over its article and adjective.
	private static final Pattern DESCRIBED = Pattern.compile("(?i)(?:" + SITE + ")\\s+" + RELATION + "\\s+(?:"
			+ LANDMARK + "|" + PROPER + ")(?:\\s+" + RELATION + "\\s+(?:" + LANDMARK + "|" + PROPER + "))?");

	private static final String STREET_WORDS = "street|st|road|rd|lane|ln|avenue|ave|close|way|drive|dr|crescent|terrace"
			+ "|place|pl|square|sq|gardens|grove|row|walk|hill|court|ct|parade|approach|view|mews";

	// "17 Brunswick Road", "Flat 6, Brook House", "4 Heol y Felin", "Flat 11, Ashby House, Tanner Street"
	private static final Pattern NUMBERED = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:Flat|Apt|Apartment|Room|Rm|Unit)\\s*\\d{1,4}[A-Za-z]?,?\\s+)?"
			+ "\\d{1,4}[A-Za-z]?,?\\s+(?-i:\\p{Lu}[\\p{L}'’\\-]+)(?:\\s(?:(?-i:\\p{Lu}[\\p{L}'’\\-]+)|y|yr|de|la|on|upon)){0,3}"
			+ "\\s(?:(?i:" + STREET_WORDS + ")|(?-i:House|Court|Lodge|Heights|Tower|Mansions|Buildings|Villas|Cottages))(?![\\p{L}])"
			+ "|(?<![\\p{L}\\p{N}])(?:Flat|Apt|Room|Rm|Unit)\\s*\\d{1,4}[A-Za-z]?,\\s+(?-i:\\p{Lu}[\\p{L}'’\\-]+)\\s(?-i:House|Court|Lodge|Heights|Tower)"
			+ "(?![\\p{L}])");

	// "STATION RD", "CASTLE ST MSCP", and "hope st", "canal rd" after a place word.
	private static final Pattern CAPITALS_STREET = Pattern.compile("(?<![\\p{L}])[A-Z]{3,}(?:\\s[A-Z]{3,}){0,2}\\s(?:STREET|ST|ROAD|RD|LANE|AVE|AVENUE"
			+ "|CLOSE|WAY|DRIVE|SQ|SQUARE|PARK|ROW|HILL)(?:\\s(?:MSCP|CAR\\sPARK))?(?![\\p{L}])");

	private static final Pattern LOWER_STREET = Pattern.compile("(?<![\\p{L}])(?:on|at|in|off|near|down|up|from|to)\\s("
			+ "(?!(?:the|a|an|his|her|their|main|same|that|this|my|your|our|way)\\s)(?:[a-z][a-z'\\-]+\\s){1,2}(?:st|rd|street|road|lane|ave|sq|square))(?![\\p{L}])");

	private static final Pattern AFTER_PREPOSITION = Pattern.compile("(?<![\\p{L}])(?:in|from|near|(?:moved|back|went|travelled"
			+ "|returned)\\s{1,3}to|born\\s{1,3}in|lives\\s{1,3}in|living\\s{1,3}in|grew\\s{1,3}up\\s{1,3}in|fled|originally\\s{1,3}from)\\s"
			+ "(\\p{Lu}[\\p{L}'’\\-]+(?:\\s\\p{Lu}[\\p{L}'’\\-]+)?)");

	private static final Set<String> SITE_STARTS = Set.of("shop", "doorway", "doorways", "car", "carpark", "multi",
			"multi-storey", "bench", "benches", "underpass", "subway", "bus", "stairwell", "garages", "alley", "alleyway",
			"ginnel", "snicket", "tent", "churchyard", "graveyard", "cemetery", "woods", "towpath", "canal", "arches", "squat",
			"bin", "bins", "cash", "cashpoint", "atm", "bushes", "steps", "loading", "fire", "porch", "skate", "skatepark",
			"playground", "riverbank", "embankment", "flyover", "viaduct", "bridge", "shelter", "entrance", "van", "hedge",
			"trees", "field", "rec", "park", "garden", "kiosk", "phone", "fountain", "memorial");

	private static final Set<String> BEFORE_SITE = Set.of("the", "a", "an", "his", "her", "their", "usual", "same", "old",
			"disused", "back", "side", "front", "covered", "empty", "abandoned");

	private final NameLists names;

	private final Set<String> countries = new HashSet<>();

	/** As redaction/recognizers.yaml sets it up. */
	public PlaceDescriptionRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public PlaceDescriptionRecognizer(NameLists names) {
		this.names = names;
		// Every country by its English name, from the JDK's own list, rather than a list to keep.
		for (String code : Locale.getISOCountries()) {
			String country = new Locale("", code).getDisplayCountry(Locale.UK);
			if (!country.contains("(") && !country.contains("&")) {
				countries.add(Words.fold(country));
			}
		}
		countries.addAll(List.of("england", "scotland", "wales", "northern ireland", "kurdistan", "syria", "iran", "iraq",
				"palestine", "the congo", "drc", "kosovo", "tibet", "darfur", "somaliland", "eritrea"));
	}

	@Override
	public String name() {
		return "place-descriptions";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.LOCATION);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		List<Words.Word> words = Words.of(text);
		Matcher described = DESCRIBED.matcher(text);
		int describedEnd = 0;
		for (int i = 0; i < words.size(); i++) {
			Words.Word word = words.get(i);
			// "park" in "the car park by ...": inside a description already found, not a new one.
			if (word.start() < describedEnd || !SITE_STARTS.contains(word.text().toLowerCase(Locale.ROOT))) {
				continue;
			}
			described.region(word.start(), text.length());
			if (described.lookingAt()) {
				int start = word.start();
				for (int back = i - 1; back >= 0 && back >= i - 2
						&& BEFORE_SITE.contains(words.get(back).text().toLowerCase(Locale.ROOT)); back--) {
					start = words.get(back).start();
				}
				spans.add(span(start, described.end(), 0.7, "place described in words"));
				describedEnd = described.end();
			}
		}
		add(NUMBERED.matcher(text), 0.8, "address with a number", spans);
		add(CAPITALS_STREET.matcher(text), 0.75, "street in capitals", spans);
		Matcher lower = LOWER_STREET.matcher(text);
		while (lower.find()) {
			spans.add(span(lower.start(1), lower.end(1), 0.65, "street in lower case after a place word"));
		}
		for (int i = 0; i < words.size(); i++) {
			Words.Word word = words.get(i);
			if (!word.capitalised()) {
				continue;
			}
			// Two-word countries first ("Sri Lanka", "South Sudan").
			if (i + 1 < words.size() && words.get(i + 1).start() == word.end() + 1
					&& countries.contains(Words.fold(word.text() + " " + words.get(i + 1).bare().text()))) {
				spans.add(span(word.start(), words.get(i + 1).bare().end(), 0.8, "country"));
				i++;
				continue;
			}
			if (countries.contains(Words.fold(word.bare().text()))) {
				spans.add(span(word.start(), word.bare().end(), 0.8, "country"));
			}
		}
		Matcher m = AFTER_PREPOSITION.matcher(text);
		while (m.find()) {
			String first = m.group(1).split("\\s")[0];
			if (!names.isName(first) && !names.isEnglishWord(first) && !names.isNotName(first) && !first.equals(first.toUpperCase(Locale.ROOT))) {
				spans.add(span(m.start(1), m.end(1), 0.6, "unknown capitalised word after a place word"));
			}
		}
		return spans;
	}

	private void add(Matcher m, double score, String why, List<Span> spans) {
		while (m.find()) {
			spans.add(span(m.start(), m.end(), score, why));
		}
	}

	private Span span(int start, int end, double score, String why) {
		return new Span(EntityType.LOCATION, start, end, score, name(), why, Evidence.of(Evidence.Source.PATTERN));
	}

}
