package org.proportion.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import net.datafaker.Faker;

/**
 * Writes the synthetic agency drops under src/main/resources/samples/drops from a fixed seed.
 * Everyone in them is made up. The two case studies of the webinar are written by hand; the rest
 * of the caseload gives the trends something to count. Run through SampleDataTest with
 * {@code -Dsamples.regenerate=true}.
 */
public final class SampleGenerator {

	static final long SEED = 2026L;

	static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	// Surnames come from the origin's Datafaker locale; first names from en-GB, which knows gender.
	private static final Locale[] ORIGINS = { Locale.UK, Locale.UK, Locale.UK, Locale.UK, new Locale("en", "IE"),
			new Locale("pl"), new Locale("pl"), new Locale("pt"), new Locale("en", "NG"), new Locale("tr"),
			new Locale("sq") };

	private static final String[] NATIONALITIES = { "British", "British", "British", "British", "Irish", "Polish",
			"Polish", "Portuguese", "Nigerian", "Turkish", "Albanian" };

	private static final String[] NEEDS = { "mental_health", "substance_use", "alcohol", "physical_health",
			"domestic_abuse", "no_recourse_to_public_funds", "learning_disability", "benefits" };

	private static final String[] SITES = { "Doorway by the old cinema, Northgate", "Car park stairwell, Riverside",
			"Bench in St Anne's churchyard, Old Town", "Underpass near the station, Station Quarter",
			"Tent on the canal towpath, Canalside", "Bus shelter on Hope Street, Northgate" };

	private final Random random = new Random(SEED);

	public static void main(String[] args) throws IOException {
		new SampleGenerator().write(Path.of(args.length > 0 ? args[0] : "src/main/resources/samples/drops"));
	}

	public void write(Path drops) throws IOException {
		Files.createDirectories(drops.resolve("outreach"));
		Files.createDirectories(drops.resolve("day-centre"));
		Files.createDirectories(drops.resolve("housing-options"));
		Files.writeString(drops.resolve("outreach/outreach-caseload.csv"), outreachCsv());
		ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
		Files.writeString(drops.resolve("day-centre/day-centre-clients.json"),
				json.writeValueAsString(Map.of("records", dayCentreRecords())) + "\n");
		Files.writeString(drops.resolve("housing-options/open-applications.csv"), housingCsv());
	}

	private String outreachCsv() {
		StringBuilder csv = new StringBuilder(
				"client_id,full_name,known_as,dob,sex,nationality,phone,sleep_site,status,needs,health,risks,note,"
						+ "consent_purposes,consent_orgs,consent_how,consent_date,consent_withdrawn\n");
		// Case study 1: the woman the outreach team met sleeping rough.
		csv.append(row("OR-1001", "Agnieszka Nowak", "Aga", "14/03/1992", "Female", "Polish", "07700 900123",
				"Doorway by the old cinema, Northgate", "rough_sleeping", "mental_health;physical_health",
				"depression;chest infection", "",
				"Met Aga on the Tuesday shift in the doorway by the old cinema. She said her ex-partner Marek Zielinski "
						+ "took her phone and she is scared of him. Diagnosed with depression, on sertraline, missed her "
						+ "GP. Wants help with a Polish ID. New mobile 07700 900456.",
				"", "", "", "", ""));
		for (int i = 2; i <= 36; i++) {
			Person p = person();
			csv.append(row(String.format("OR-1%03d", i), p.name, random.nextInt(4) == 0 ? p.nickname : "",
					p.dob.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), p.gender, p.nationality,
					String.format("07700 9%05d", random.nextInt(100000)), pick(SITES), "rough_sleeping",
					String.join(";", needs()), "", random.nextInt(10) == 0 ? "risk_to_staff" : "",
					"Seen on outreach shift.", "", "", "", "", ""));
		}
		return csv.toString();
	}

	private List<Map<String, Object>> dayCentreRecords() {
		List<Map<String, Object>> records = new ArrayList<>();
		// Case study 2: the day centre's client with a conviction, due a mixed-gender hostel offer.
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("clientRef", "DC-2001");
		client.put("name", "Daniel Mercer");
		client.put("aka", List.of("Danny"));
		client.put("dateOfBirth", "1985-07-02");
		client.put("gender", "Male");
		client.put("nationality", "British");
		client.put("housingStatus", "sofa_surfing");
		client.put("supportNeeds", List.of("alcohol", "benefits"));
		client.put("convictions", List.of("Sexual assault against a woman (2019), 4 years, released on licence 2023"));
		client.put("riskFlags", List.of("risk_to_women"));
		client.put("caseNote", "Daniel told his key worker Jo about his conviction for sexual assault against a woman; "
				+ "released on licence in 2023, supervised by probation. Drinking less, wants a hostel place near his sister Karen.");
		client.put("consentPurposes", List.of("placement_panel"));
		client.put("consentOrganisations", List.of("housing-options", "hostel"));
		client.put("consentMethod", "Verbal, recorded by key worker after explaining the panel");
		client.put("consentDate", "2026-10-01");
		records.add(client);
		for (int i = 2; i <= 10; i++) {
			Person p = person();
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("clientRef", String.format("DC-2%03d", i));
			record.put("name", p.name);
			record.put("dateOfBirth", p.dob.toString());
			record.put("gender", p.gender);
			record.put("nationality", p.nationality);
			record.put("housingStatus", random.nextBoolean() ? "rough_sleeping" : "sofa_surfing");
			record.put("supportNeeds", needs());
			records.add(record);
		}
		return records;
	}

	private String housingCsv() {
		StringBuilder csv = new StringBuilder(
				"application_no,applicant_name,date_of_birth,gender,nationality,last_postcode,housing_status,support_needs,case_note\n");
		for (int i = 1; i <= 10; i++) {
			Person p = person();
			csv.append(String.join(",", String.format("HO-3%03d", i), p.name,
					p.dob.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), p.gender, p.nationality,
					"NG" + (1 + random.nextInt(9)) + " " + (1 + random.nextInt(9)) + "AB",
					random.nextBoolean() ? "rough_sleeping" : "temporary_accommodation", String.join("|", needs()), ""))
				.append('\n');
		}
		return csv.toString();
	}

	private record Person(String name, String nickname, LocalDate dob, String gender, String nationality) {
	}

	private Person person() {
		int origin = random.nextInt(ORIGINS.length);
		Faker local = new Faker(ORIGINS[origin], new Random(random.nextLong()));
		Faker english = new Faker(Locale.UK, new Random(random.nextLong()));
		boolean female = random.nextInt(10) < 3;
		String first = female ? english.name().femaleFirstName() : english.name().maleFirstName();
		String last = local.name().lastName();
		LocalDate dob = TODAY.minusYears(18 + random.nextInt(50)).minusDays(random.nextInt(365));
		return new Person(first + " " + last, first.substring(0, Math.min(3, first.length())), dob,
				female ? "Female" : "Male", NATIONALITIES[origin]);
	}

	private List<String> needs() {
		List<String> needs = new ArrayList<>();
		for (String need : NEEDS) {
			if (random.nextInt(3) == 0) {
				needs.add(need);
			}
		}
		return needs;
	}

	private String pick(String[] values) {
		return values[random.nextInt(values.length)];
	}

	private static String row(String... cells) {
		List<String> quoted = new ArrayList<>();
		for (String cell : cells) {
			quoted.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
		}
		return String.join(",", quoted) + "\n";
	}

}
