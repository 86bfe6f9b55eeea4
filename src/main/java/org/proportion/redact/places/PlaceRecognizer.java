package org.proportion.redact.places;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.Lexicons;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;
import org.proportion.redact.NameLists;

/**
 * Places and organisations: streets and sites by their shape ("Hope Street", "St Anne's
 * churchyard"), towns and boroughs from a list, agencies from a list and by their shape
 * ("Northshire Police", "Harbour Day Centre", "HMP Leeds").
 */
public class PlaceRecognizer implements Recognizer {

	private static final String PROPER = "(?:St\\.? |[A-Z][\\p{L}'’\\-]+ |[A-Z][\\p{L}'’\\-]+'s )";

	private static final Pattern STREET = Pattern.compile("(?<![\\p{L}])" + PROPER + "{1,3}"
			+ "(?:Street|St|Road|Rd|Lane|Avenue|Ave|Park|Square|Close|Way|Hill|Gardens|Terrace|Place|Crescent|Drive"
			+ "|Row|Walk|Bridge|Green|Common|Grove|Rise|Mews|Parade|Quay|Wharf|Embankment|Circus|Yard|Market"
			+ "|Churchyard|churchyard|Cemetery|Station|station|Arches|Underpass|underpass|Precinct|Retail Park"
			+ "|Shopping Centre|Bus Station|Car Park|car park|Rec|Recreation Ground|Fields|Woods|Estate|Towpath)"
			+ "(?![\\p{L}])");

	private static final Pattern ORGANISATION_SHAPE = Pattern.compile("(?<![\\p{L}])(?:HMP|HMYOI|HMP/YOI) [A-Z][\\p{L}]+"
			+ "|(?<![\\p{L}])(?:NHS )?" + PROPER + "{1,4}"
			+ "(?:Police|Constabulary|Council|Trust|Hospital|Infirmary|Surgery|Medical Centre|Health Centre|Practice"
			+ "|Hostel|Foundation|Housing Association|Association|Project|Services|Service|Team|Charity|Mission"
			+ "|Mosque|Day Centre|Centre|Shelter|Partnership|Group|Ltd|Limited|CIC|College|University|School|Academy"
			+ "|Prison|Court|Clinic|Pharmacy|Chemist|Housing|Outreach|Drop-in)(?![\\p{L}])");

	// Capitalised words after a town, but not the start of a postcode ("Northgate NG2 6RU").
	private static final Pattern NAME_AFTER = Pattern.compile("((?: (?:[A-Z][\\p{L}'’&\\-]*(?![\\p{N}])|&))+)");

	private static final Pattern PLACE_WORD_BEFORE = Pattern.compile("(?:in|at|to|from|near|around|outside|of)\\s+$",
			Pattern.CASE_INSENSITIVE);

	private static final Evidence LIST = Evidence.of(Evidence.Source.LEXICON);

	private static final Evidence SHAPE = Evidence.of(Evidence.Source.PATTERN);

	private final Pattern towns;

	private final Pattern organisations;

	private final NameLists names;

	/** As redaction/recognizers.yaml sets it up. */
	public PlaceRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public PlaceRecognizer(NameLists names) {
		this.names = names;
		this.towns = list("redaction/places/towns.txt");
		this.organisations = list("redaction/places/organisations.txt");
	}

	@Override
	public String name() {
		return "places";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.LOCATION, EntityType.ORGANIZATION);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		Matcher m = STREET.matcher(text);
		while (m.find()) {
			spans.add(new Span(EntityType.LOCATION, m.start(), m.end(), 0.8, name(), "street or site shape", SHAPE));
		}
		m = towns.matcher(text);
		while (m.find()) {
			// "Northgate CMHT", "Northgate Youth Foyer": a town followed by a name is an agency, not a place.
			Matcher named = NAME_AFTER.matcher(text).region(m.end(), text.length());
			if (named.lookingAt() && !names.isNotName(named.group(1).strip())) {
				spans.add(new Span(EntityType.ORGANIZATION, m.start(), named.end(), 0.75, name(), "town + name: an agency", LIST));
				continue;
			}
			boolean preposition = PLACE_WORD_BEFORE.matcher(text.substring(Math.max(0, m.start() - 12), m.start())).find();
			boolean ordinaryWord = names.isCommonWord(m.group()) || Character.isLowerCase(m.group().charAt(0))
					|| m.group().equals("Reading") || m.group().equals("Bath") || m.group().equals("Bury");
			if (!ordinaryWord || preposition) {
				spans.add(new Span(EntityType.LOCATION, m.start(), m.end(), preposition ? 0.8 : 0.7, name(),
						"town or borough list" + (preposition ? " after a place word" : ""), LIST));
			}
		}
		m = organisations.matcher(text);
		while (m.find()) {
			spans.add(new Span(EntityType.ORGANIZATION, m.start(), m.end(), 0.85, name(), "agency list", LIST));
		}
		m = ORGANISATION_SHAPE.matcher(text);
		while (m.find()) {
			spans.add(new Span(EntityType.ORGANIZATION, m.start(), m.end(), 0.75, name(), "agency shape", SHAPE));
		}
		return spans;
	}

	private static Pattern list(String resource) {
		List<String> entries = Lexicons.lines(resource);
		String alternation = String.join("|", entries.stream()
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.map(e -> Pattern.quote(e).replace(" ", "\\E\\s+\\Q"))
			.toList());
		return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternation + ")(?![\\p{L}\\p{N}])");
	}

}
