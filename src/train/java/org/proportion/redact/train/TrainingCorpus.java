package org.proportion.redact.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.datafaker.Faker;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.util.Span;
import org.proportion.redact.Lexicons;

/**
 * The name finder's training data, generated from a fixed seed: the sentence templates in
 * redaction/training/templates.txt filled with people of the origins met in UK homelessness work
 * (Datafaker locales and the project's own lists), nicknames, initials, places and agencies,
 * sometimes in lower case or capitals. Tokenised with the same tokenizer the engine uses.
 */
public final class TrainingCorpus {

	private static final Pattern SLOT = Pattern.compile("\\{(P|F|S|T|N|I|L|O|X|f|s|l|PU|LU|FU)\\}");

	/** Datafaker locales, the UK's own most often. */
	private static final List<Locale> ORIGINS = List.of(Locale.UK, Locale.UK, Locale.UK, Locale.UK, Locale.UK,
			Locale.forLanguageTag("en-IE"), Locale.forLanguageTag("pl"), Locale.forLanguageTag("pl"),
			Locale.forLanguageTag("ro"), Locale.forLanguageTag("lv"), Locale.forLanguageTag("pt"),
			Locale.forLanguageTag("en-NG"), Locale.forLanguageTag("en-IN"), Locale.forLanguageTag("en-PAK"),
			Locale.forLanguageTag("tr"), Locale.forLanguageTag("sq"), Locale.forLanguageTag("en-UG"));

	private static final List<String> NICKNAMES = List.of("Scouse", "Jock", "Taff", "Geordie", "Dazza", "Shaz", "Big Mick",
			"Tiny", "Ginger", "Smudge", "Chalky", "Spider", "Mouse", "Red", "Lanky", "Doc", "Kiwi", "Brummie");

	private static final List<String> TITLES = List.of("Mr", "Mrs", "Ms", "Miss", "Dr", "PC", "DC", "Sgt", "Nurse");

	private static final List<String> STREET_WORDS = List.of("Street", "Road", "Lane", "Avenue", "Square", "Close",
			"Park", "Gardens", "Terrace", "Way", "Place");

	private static final List<String> SITES = List.of("the underpass on %s", "the arches by %s", "%s car park",
			"St %s's churchyard", "the bus station in %s", "%s", "%s", "%s");

	private static final List<String> AGENCY_SHAPES = List.of("%s Police", "%s Council", "%s Day Centre",
			"%s Hostel", "%s Housing Options", "HMP %s", "%s Community Mental Health Team", "%s Street Outreach",
			"%s Foundation", "%s Medical Centre");

	private final Random random;

	private final Tokenizer tokenizer;

	private final List<String> templates;

	private final List<String> extraFirst;

	private final List<String> extraLast;

	private final List<String> towns;

	private final List<String> agencies;

	private final List<Faker> fakers;

	/** Sensitive-topic phrases: capitalised words the model must learn are not names. */
	private final List<String> topics;

	public TrainingCorpus(long seed, Tokenizer tokenizer) {
		this.random = new Random(seed);
		this.fakers = ORIGINS.stream().map(locale -> new Faker(locale, random)).toList();
		this.tokenizer = tokenizer;
		this.templates = Lexicons.lines("redaction/training/templates.txt");
		this.extraFirst = Lexicons.lines("redaction/names/extra-first.txt");
		this.extraLast = Lexicons.lines("redaction/names/extra-last.txt");
		this.towns = Lexicons.lines("redaction/places/towns.txt");
		this.agencies = Lexicons.lines("redaction/places/organisations.txt");
		this.topics = new ArrayList<>();
		for (String lexicon : List.of("nrp", "health", "criminal")) {
			Lexicons.lines("redaction/lexicons/" + lexicon + ".txt").stream().filter(l -> !l.startsWith("after:")).forEach(topics::add);
		}
	}

	public List<NameSample> samples(int count) {
		List<NameSample> samples = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			samples.add(sample(templates.get(random.nextInt(templates.size()))));
		}
		return samples;
	}

	/** Fills one template; each slot becomes tokens with a span of its type. */
	NameSample sample(String template) {
		boolean lower = random.nextInt(25) == 0;
		List<String> tokens = new ArrayList<>();
		List<Span> spans = new ArrayList<>();
		Matcher m = SLOT.matcher(template);
		int last = 0;
		while (m.find()) {
			addPlain(template.substring(last, m.start()), lower, tokens);
			String slot = m.group(1);
			if (slot.equals("X")) {
				String topic = pick(topics);
				addPlain(random.nextBoolean() ? Character.toUpperCase(topic.charAt(0)) + topic.substring(1) : topic, lower,
						tokens);
				last = m.end();
				continue;
			}
			String type = switch (slot.toUpperCase(Locale.ROOT).substring(0, 1)) {
				case "L" -> "location";
				case "O" -> "organization";
				default -> "person";
			};
			String value = fill(slot);
			if (lower) {
				value = value.toLowerCase(Locale.ROOT);
			}
			int start = tokens.size();
			tokens.addAll(List.of(tokenizer.tokenize(value)));
			if (tokens.size() > start) {
				spans.add(new Span(start, tokens.size(), type));
			}
			last = m.end();
		}
		addPlain(template.substring(last), lower, tokens);
		return new NameSample(tokens.toArray(String[]::new), spans.toArray(Span[]::new), true);
	}

	private void addPlain(String text, boolean lower, List<String> tokens) {
		if (!text.isBlank()) {
			tokens.addAll(List.of(tokenizer.tokenize(lower ? text.toLowerCase(Locale.ROOT) : text)));
		}
	}

	private String fill(String slot) {
		return switch (slot) {
			case "P" -> first() + " " + surname();
			case "F" -> first();
			case "S" -> surname();
			case "T" -> pick(TITLES) + " " + surname();
			case "N" -> random.nextBoolean() ? pick(NICKNAMES) : shortened(first());
			case "I" -> (char) ('A' + random.nextInt(26)) + (random.nextBoolean() ? ". " : " ") + surname();
			case "L" -> place();
			case "O" -> agency();
			case "f" -> first().toLowerCase(Locale.ROOT);
			case "s" -> surname().toLowerCase(Locale.ROOT);
			case "l" -> place().toLowerCase(Locale.ROOT);
			case "PU" -> (first() + " " + surname()).toUpperCase(Locale.ROOT);
			case "LU" -> place().toUpperCase(Locale.ROOT);
			case "FU" -> first().toUpperCase(Locale.ROOT);
			default -> throw new IllegalArgumentException("unknown slot " + slot);
		};
	}

	private String first() {
		if (random.nextInt(4) == 0) {
			return pick(extraFirst);
		}
		Faker faker = faker();
		return random.nextBoolean() ? faker.name().firstName() : faker.name().malefirstName();
	}

	private String surname() {
		if (random.nextInt(4) == 0) {
			return pick(extraLast);
		}
		String surname = faker().name().lastName();
		// Some double-barrelled surnames, as people write them.
		return random.nextInt(15) == 0 ? surname + "-" + faker().name().lastName() : surname;
	}

	private String shortened(String name) {
		return name.length() > 4 ? name.substring(0, 3 + random.nextInt(2)) : name;
	}

	private String place() {
		return switch (random.nextInt(3)) {
			case 0 -> pick(towns);
			case 1 -> faker().name().lastName() + " " + pick(STREET_WORDS);
			default -> String.format(pick(SITES), pick(towns));
		};
	}

	private String agency() {
		return random.nextBoolean() ? pick(agencies) : String.format(pick(AGENCY_SHAPES), pick(towns));
	}

	private Faker faker() {
		return pick(fakers);
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
