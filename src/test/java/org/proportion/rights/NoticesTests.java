package org.proportion.rights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proportion.access.AccessLinks;
import org.proportion.ingest.IntakeService;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.Packs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notice people can use: the easy read grouped per meeting and organisation, in short
 * sentences with plain pictures, measured for readability; its translations, each marked as
 * needing a native speaker's review; and the spoken version, a real WAV from espeak-ng whose
 * length fits its words. Both sample meetings are built, so both sample people have a notice.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoticesTests extends GatewayTestSupport {

	static final String WOMAN = "outreach:OR-1001";

	static final String PANEL_MAN = "day-centre:DC-2001";

	static final List<String> SAMPLE_PEOPLE = List.of(WOMAN, PANEL_MAN);

	static final List<String> TRANSLATIONS = List.of("pl", "ro", "ar");

	/** The readability the English easy read must reach: Flesch 80 and above reads as "easy". */
	static final double EASY = 80.0;

	/** Personal values of the sample people that must never reach a log. */
	static final List<String> PERSONAL = List.of("Agnieszka", "Nowak", "Daniel Mercer", "Danny", "1992-03-14",
			"1985-07-02", "07700 900123", "Marek", "old cinema");

	private static volatile boolean built;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	@Autowired
	ObjectMapper json;

	@Autowired
	Notices notices;

	@Autowired
	Ledger ledger;

	@Autowired
	SpokenNotices spoken;

	TestRestTemplate dpo;

	@BeforeEach
	void buildBothSampleMeetings() throws Exception {
		dpo = rest.withBasicAuth("dpo", "dpo-test");
		if (built) {
			return;
		}
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		intake.fromFile("day-centre/day-centre-clients.json", sample("day-centre/day-centre-clients.json"));
		intake.fromFile("housing-options/open-applications.csv", sample("housing-options/open-applications.csv"));
		Packs packs = new Packs(rest, links, json);
		packs.build("rs-mam-2026-12");
		packs.build("panel-2026-12");
		built = true;
	}

	Notices.Notice easyRead(String ref, String language) {
		return notices.write(ledger.latest(ledger.entries(Set.of(ref))), language, true);
	}

	String html(String ref, String language) {
		ResponseEntity<String> page = dpo.getForEntity("/api/dpo/people/notice?ref={r}&easyRead=true&lang={l}", String.class,
				ref, language);
		assertThat(page.getStatusCode()).as(page.getBody()).isEqualTo(HttpStatus.OK);
		keep("notice-" + sampleName(ref) + "-" + language + ".html", page.getBody().getBytes(StandardCharsets.UTF_8));
		return page.getBody();
	}

	@Test
	void theEasyReadNamesEachOrganisationOncePerMeetingWithWhatItKnowsAndWasNotTold() {
		for (String person : SAMPLE_PEOPLE) {
			Notices.Notice notice = easyRead(person, "en");
			assertThat(notice.sections()).as(person).isNotEmpty();
			for (Notices.Section meeting : notice.sections()) {
				List<String> named = meeting.groups().stream().map(Notices.Group::organisation).toList();
				assertThat(named).as(meeting.heading()).isNotEmpty().doesNotHaveDuplicates();
				for (Notices.Group group : meeting.groups()) {
					assertThat(group.lines()).as(group.organisation()).isNotEmpty();
					// The organisation is named once, in its heading; its sentences say "they".
					group.lines().forEach(l -> assertThat(l.text()).doesNotContain(group.organisation()));
					// A few short sentences: none lists more than three things.
					group.lines().forEach(l -> assertThat(l.text().split(",| and | or ").length).as(l.text())
						.isLessThanOrEqualTo(Notices.PER_SENTENCE));
				}
			}
		}
		Notices.Notice hers = easyRead(WOMAN, "en");
		Notices.Section mam = hers.sections().get(0);
		assertThat(mam.heading()).isEqualTo("Rough sleeping meeting, 8 December 2026");
		Notices.Group police = group(mam, "Northshire Police");
		assertThat(police.lines()).extracting(Notices.Line::text)
			.contains("They know your name, when you were born and how old you are.");
		assertThat(said(police, "not_told")).startsWith("They were not told about").contains("your health",
				"where you are from", "what help you need");
		assertThat(police.lines()).filteredOn(l -> l.kind().equals("told"))
			.allSatisfy(l -> assertThat(l.text()).doesNotContain("your health", "where you are from", "what help you need"));
		assertThat(group(mam, "Northgate Street Outreach").lines()).extracting(Notices.Line::kind).containsExactly("holds");
		assertThat(group(mam, "Northgate University research team").lines()).extracting(Notices.Line::text)
			.containsExactly("They were not told anything about you.");
		// The council sent two roles, told different things: one heading, a part for each.
		assertThat(group(mam, "Northgate Borough Council Housing Options").lines()).extracting(Notices.Line::text)
			.contains("Housing options officer:", "Rough sleeping coordinator:");

		Notices.Section panel = easyRead(PANEL_MAN, "en").sections().get(0);
		assertThat(panel.heading()).isEqualTo("Casework panel, 10 December 2026");
		assertThat(said(group(panel, "Wharf Street Hostel"), "told")).contains("a safety warning");
		assertThat(said(group(panel, "Wharf Street Hostel"), "not_told")).startsWith("They were not told about")
			.contains("your convictions");

		// The page: each organisation's name once per meeting, with its pictures and their alt text.
		String page = html(WOMAN, "en");
		String section = page.substring(page.indexOf("<section"), page.indexOf("</section>"));
		for (String organisation : List.of("Northshire Police", "Northgate Homeless Health Team (NHS)",
				"Northgate Street Outreach", "Northgate University research team",
				"Northgate Borough Council Housing Options")) {
			assertThat(count(section, organisation)).as(organisation).isEqualTo(1);
		}
		assertThat(page).contains("aria-label=\"A picture of people at a table: a meeting.\"",
				"aria-label=\"A picture of a person: a worker from this group.\"",
				"aria-label=\"A picture of a letter: what they were told.\"",
				"aria-label=\"A picture of a locked folder: what they were not told.\"")
			.doesNotContain("<img", "<script");
		// Every picture is named for screen readers, by its title and its label.
		for (String svg : page.split("<svg").length > 1 ? java.util.Arrays.copyOfRange(page.split("<svg"), 1,
				page.split("<svg").length) : new String[0]) {
			String tag = svg.substring(0, svg.indexOf('>'));
			assertThat(tag).contains("role=\"img\"", "aria-label=\"A picture of");
			assertThat(svg.substring(svg.indexOf('>') + 1).strip()).startsWith("<title>A picture of");
		}
		assertThat(count(page, "<svg")).isGreaterThanOrEqualTo(10);
	}

	@Test
	void theEnglishEasyReadIsEasyToRead() {
		assertThat(Readability.flesch("The cat sat on the mat.").fleschReadingEase()).isBetween(116.0, 116.2);
		assertThat(Readability.syllables("people")).isEqualTo(2);
		assertThat(Readability.syllables("shared")).isEqualTo(1);
		assertThat(Readability.syllables("coordinator")).isGreaterThanOrEqualTo(4);
		for (String person : SAMPLE_PEOPLE) {
			String text = Notices.speech(easyRead(person, "en"));
			Readability.Score score = Readability.flesch(text);
			System.out.printf(Locale.ROOT,
					"Flesch reading ease of the English easy read (%s's sample notice): %.1f (%d words, %d sentences, %.2f words a sentence, %.2f syllables a word)%n",
					person.equals(WOMAN) ? "case study 1" : "case study 2", score.fleschReadingEase(), score.words(),
					score.sentences(), score.wordsPerSentence(), score.syllablesPerWord());
			assertThat(score.fleschReadingEase()).as(text).isGreaterThanOrEqualTo(EASY);
		}
	}

	@Test
	void eachTranslationNamesTheOrganisationsAndSaysItNeedsReview() throws Exception {
		Properties english = properties("notices/notice.properties");
		for (String language : TRANSLATIONS) {
			Properties translation = properties("notices/notice_" + language + ".properties");
			assertThat(translation.stringPropertyNames()).as(language + ": every key translated")
				.containsAll(english.stringPropertyNames().stream()
					.filter(k -> !Set.of("languages", "review.caseworker").contains(k))
					.toList());
			assertThat(translation.getProperty("review")).isEqualTo("needs-native-speaker");
			String note = translation.getProperty("review.note");
			assertThat(note).isNotBlank();
			for (String person : SAMPLE_PEOPLE) {
				Notices.Notice notice = easyRead(person, language);
				assertThat(notice.needsReview()).isTrue();
				assertThat(notice.reviewNote()).isEqualTo(note);
				String page = html(person, language);
				assertThat(page).as(language + " " + person)
					.contains("lang=\"" + language + "\"", note, translation.getProperty("easy.title"),
							"has not yet been checked by a native speaker")
					.doesNotContain("They know", "They were not told");
				List<String> organisations = person.equals(WOMAN)
						? List.of("Northshire Police", "Northgate Homeless Health Team (NHS)", "Northgate Street Outreach",
								"Northgate University research team")
						: List.of("Wharf Street Hostel", "Harbour Day Centre", "Northgate Borough Council Housing Options");
				organisations.forEach(o -> assertThat(page).contains("<bdi>" + o + "</bdi>"));
				assertThat(page).contains(translation.getProperty("easy.told").replace("{0}.", "").strip());
				if (language.equals("ar")) {
					assertThat(page).contains("dir=\"rtl\"");
				}
				else {
					assertThat(page).contains("dir=\"ltr\"");
				}
			}
		}
		// The English notice is the source text: no review mark.
		assertThat(easyRead(WOMAN, "en").needsReview()).isFalse();
		assertThat(html(WOMAN, "en")).doesNotContain("native speaker");
	}

	@Test
	void aLanguageWithoutANoticeIsRefusedRatherThanGivenInEnglish() throws Exception {
		for (String path : List.of("/api/dpo/people/notice?ref={r}&lang=xx", "/api/dpo/people/notice/audio?ref={r}&lang=xx")) {
			ResponseEntity<String> refused = dpo.getForEntity(path, String.class, WOMAN);
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			JsonNode problem = json.readTree(refused.getBody());
			assertThat(problem.path("detail").asText()).contains("'xx'", "en, pl, ro, ar");
		}
		// Same access as the notice: only the DPO role.
		assertThat(rest.withBasicAuth("admin", "admin-test")
			.getForEntity("/api/dpo/people/notice/audio?ref={r}", String.class, WOMAN)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(rest.getForEntity("/api/dpo/people/notice/audio?ref={r}", String.class, WOMAN).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void theSpokenNoticeIsAValidWavWhoseLengthFitsItsWords(CapturedOutput output) {
		requireEspeakNg();
		for (String person : SAMPLE_PEOPLE) {
			for (String language : List.of("en", "pl", "ro", "ar")) {
				ResponseEntity<byte[]> audio = dpo.getForEntity("/api/dpo/people/notice/audio?ref={r}&lang={l}", byte[].class,
						person, language);
				assertThat(audio.getStatusCode()).isEqualTo(HttpStatus.OK);
				assertThat(audio.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("audio/wav"));
				assertThat(audio.getHeaders().getContentDisposition().getFilename()).isEqualTo("notice-" + language + ".wav");
				assertThat(audio.getHeaders().getCacheControl()).contains("no-store");
				Wav wav = Wav.parse(audio.getBody());
				keep("notice-" + sampleName(person) + "-" + language + ".wav", audio.getBody());
				assertThat(wav.channels()).isEqualTo(1);
				assertThat(wav.bitsPerSample()).isEqualTo(16);
				int words = Notices.speech(easyRead(person, language)).split("\\s+").length;
				double perWord = wav.seconds() / words;
				System.out.printf(Locale.ROOT, "Spoken notice %s/%s: %d words, %.1f s, %.2f s a word%n",
						person.equals(WOMAN) ? "case study 1" : "case study 2", language, words, wav.seconds(), perWord);
				assertThat(perWord).as(person + " " + language + ": seconds a word").isBetween(0.2, 1.0);
			}
		}
		// The notice page links to it, for the case worker to play or hand over.
		assertThat(html(WOMAN, "pl")).contains("/api/dpo/people/notice/audio?ref=outreach%3AOR-1001&amp;lang=pl");
		PERSONAL.forEach(value -> assertThat(output.getAll()).as("logs").doesNotContain(value));
	}

	@Test
	void noticesInEveryLanguageLeaveNoPersonalDataInTheLogs(CapturedOutput output) {
		for (String person : SAMPLE_PEOPLE) {
			for (String language : List.of("en", "pl", "ro", "ar")) {
				html(person, language);
				dpo.getForEntity("/api/dpo/people/notice?ref={r}&lang={l}", String.class, person, language);
			}
		}
		dpo.getForEntity("/api/dpo/people/notice?ref={r}&lang=zz", String.class, WOMAN);
		PERSONAL.forEach(value -> assertThat(output.getAll()).as("logs").doesNotContain(value));
	}

	static void requireEspeakNg() {
		try {
			new SpokenNotices("espeak-ng").program();
		}
		catch (SpeechUnavailable missing) {
			throw new AssertionError("espeak-ng is needed for the spoken notice tests and is missing: "
					+ "apt-get install -y espeak-ng (./proportion test installs it). " + missing.getMessage());
		}
	}

	static Notices.Group group(Notices.Section section, String organisation) {
		return section.groups()
			.stream()
			.filter(g -> g.organisation().equals(organisation))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no group for " + organisation + " in " + section.heading()));
	}

	/** The sample notices are kept under target/notices/ for people to look at and listen to (synthetic data). */
	static void keep(String name, byte[] bytes) {
		try {
			java.nio.file.Path dir = java.nio.file.Path.of("target", "notices");
			java.nio.file.Files.createDirectories(dir);
			java.nio.file.Files.write(dir.resolve(name), bytes);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static String sampleName(String ref) {
		return ref.equals(WOMAN) ? "case-study-1" : "case-study-2";
	}

	/** The group's sentences of one kind, in order, as one text. */
	static String said(Notices.Group group, String kind) {
		return String.join(" ", group.lines().stream().filter(l -> l.kind().equals(kind)).map(Notices.Line::text).toList());
	}

	static int count(String text, String part) {
		Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	static Properties properties(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = NoticesTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
