package org.proportion.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proportion.cases.CaseRepository;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared intake route (routes/intake.camel.yaml, {@code direct:intake}) with Camel's test kit,
 * on the whole gateway and the real OPA server. A mock is woven in before the store step
 * (AdviceWith), so a test can count what reaches the store or make the store fail; NotifyBuilder
 * waits for the file route to finish a drop. What must hold: the same drop sent twice is stored
 * once and the second is answered as a repeat; a store that fails leaves the drop parked whole
 * and no digest behind, so the agency's resend is taken in; a drop refused for its content never
 * reaches the store; a drop stored before digests were kept (V30) is still a repeat; every way
 * in goes through the one route. Run on H2 and on PostgreSQL by the subclasses.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class IntakeRoutesTests extends GatewayTestSupport {

	@Autowired
	CamelContext camel;

	@Autowired
	ProducerTemplate producer;

	@Autowired
	CaseRepository cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	@Autowired
	IntakeService intake;

	@Value("${proportion.inbox}")
	Path inbox;

	@Value("${proportion.dead-letter}")
	Path deadLetter;

	static final String HEADER = "client_id,full_name,dob,sex,nationality,status,needs\n";

	static String row(String ref, String name) {
		return ref + "," + name + ",01/02/1990,Female,British,rough_sleeping,benefits\n";
	}

	@BeforeEach
	void adviseRoutes() throws Exception {
		// Once per context (each test class has its own): the advised routes then use the mock.
		if (camel.hasEndpoint("mock:store") == null) {
			AdviceWith.adviceWith(camel, "intake", a -> a.weaveById("store-drop").before().to("mock:store"));
			AdviceWith.adviceWith(camel, IntakeChannels.KAFKA_ROUTE, a -> a.replaceFromWith("direct:kafka-test"));
			camel.getRouteController().startRoute(IntakeChannels.KAFKA_ROUTE);
		}
		store().reset();
		store().whenAnyExchangeReceived(exchange -> {
		});
	}

	MockEndpoint store() {
		return camel.getEndpoint("mock:store", MockEndpoint.class);
	}

	/** Drops a file in an agency folder as an agency would, and waits for the file route to finish it. */
	void drop(String agency, String name, String content) throws IOException {
		NotifyBuilder done = new NotifyBuilder(camel).fromRoute("agency-file-drop")
			.filter(exchange -> name.equals(exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class)))
			.whenDone(1)
			.create();
		Path folder = Files.createDirectories(inbox.resolve(agency));
		Path partial = folder.resolve("." + name + ".part");
		Files.writeString(partial, content, StandardCharsets.UTF_8);
		Files.move(partial, folder.resolve(name));
		assertThat(done.matches(60, TimeUnit.SECONDS)).as("the file route finished " + name).isTrue();
	}

	ResponseEntity<String> post(String agency, String body, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		return rest.withBasicAuth(agency, "agency-test")
			.postForEntity("/api/intake/" + agency, new HttpEntity<>(body, headers), String.class);
	}

	JsonNode parked(String suffix) throws IOException {
		try (Stream<Path> files = Files.list(deadLetter)) {
			List<Path> reasons = files.filter(f -> f.getFileName().toString().endsWith(suffix + ".reason.json")).toList();
			assertThat(reasons).as("one reason for " + suffix).hasSize(1);
			return json.readTree(reasons.get(0).toFile());
		}
	}

	int digests() {
		return jdbc.sql("select count(*) from intake_digest").query(Integer.class).single();
	}

	int batches() {
		return jdbc.sql("select count(*) from intake_batch").query(Integer.class).single();
	}

	@Test
	void theSameDropSentTwiceIsStoredOnceAndTheSecondIsSkippedAsARepeat() throws IOException {
		int digests = digests();
		int batches = batches();
		String export = HEADER + row("OR-RT01", "Repeat Person One") + row("OR-RT02", "Repeat Person Two");
		drop("outreach", "repeat-first.csv", export);
		drop("outreach", "repeat-again.csv", export);
		assertThat(cases.find("outreach:OR-RT01")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("name", "Repeat Person One"));
		assertThat(cases.find("outreach:OR-RT02")).isPresent();
		assertThat(store().getReceivedCounter()).as("drops that reached the store").isEqualTo(1);
		assertThat(batches()).isEqualTo(batches + 1);
		assertThat(digests()).isEqualTo(digests + 1);

		// A REST caller is told the second post of the same export is a repeat, stored once.
		String records = "[{\"clientRef\": \"DC-RT01\", \"name\": \"Posted Twice\"}]";
		ResponseEntity<String> first = post("day-centre", records, MediaType.APPLICATION_JSON);
		ResponseEntity<String> second = post("day-centre", records, MediaType.APPLICATION_JSON);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(first.getBody()).path("status").asText()).isEqualTo("stored");
		assertThat(json.readTree(first.getBody()).path("records").asInt()).isEqualTo(1);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(second.getBody()).path("status").asText()).isEqualTo("duplicate");
		assertThat(json.readTree(second.getBody()).path("records").asInt()).isZero();
		assertThat(store().getReceivedCounter()).isEqualTo(2);
		assertThat(digests()).isEqualTo(digests + 2);
	}

	@Test
	void aStoreThatFailsParksTheDropWholeLeavesNoDigestAndTheResendIsTakenIn() throws Exception {
		int digests = digests();
		int batches = batches();
		store().whenAnyExchangeReceived(exchange -> {
			throw new IllegalStateException("the store failed");
		});
		String export = HEADER + row("OR-RT11", "Failed Store One") + row("OR-RT12", "Failed Store Two");
		drop("outreach", "store-fails.csv", export);

		JsonNode reason = parked("store-fails.csv");
		assertThat(reason.path("code").asText()).isEqualTo("intake_failed");
		assertThat(reason.toString()).doesNotContain("Failed Store", "OR-RT1");
		assertThat(Files.readString(deadLetter.resolve(reason.path("original").asText()))).isEqualTo(export);
		// Retried from the start before it was parked (the error policy's three redeliveries).
		assertThat(store().getReceivedCounter()).isEqualTo(4);
		assertThat(cases.find("outreach:OR-RT11")).isEmpty();
		assertThat(cases.find("outreach:OR-RT12")).isEmpty();
		assertThat(batches()).isEqualTo(batches);
		assertThat(digests()).as("no digest for a drop that was not stored").isEqualTo(digests);

		// The store works again; the agency sends the same export again: taken in, not a repeat.
		store().reset();
		store().whenAnyExchangeReceived(exchange -> {
		});
		drop("outreach", "store-fails-resent.csv", export);
		assertThat(store().getReceivedCounter()).isEqualTo(1);
		assertThat(cases.find("outreach:OR-RT11")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("name", "Failed Store One"));
		assertThat(cases.find("outreach:OR-RT12")).isPresent();
		assertThat(digests()).isEqualTo(digests + 1);
	}

	@Test
	void aDropRefusedForItsContentNeverReachesTheStoreAndItsCorrectionIsTakenIn() throws IOException {
		int digests = digests();
		drop("outreach", "bad-date.csv", HEADER + row("OR-RT21", "Good Row") + "OR-RT22,Bad Date Person,31/31/1990,Male,Irish,rough_sleeping,\n");
		JsonNode reason = parked("bad-date.csv");
		assertThat(reason.path("code").asText()).isEqualTo("invalid_date");
		assertThat(reason.path("detail").asText()).contains("Record 2", "dob").doesNotContain("31/31/1990");
		assertThat(store().getReceivedCounter()).isZero();
		assertThat(digests()).isEqualTo(digests);
		assertThat(cases.find("outreach:OR-RT21")).isEmpty();

		drop("outreach", "bad-date-corrected.csv", HEADER + row("OR-RT21", "Good Row") + row("OR-RT22", "Bad Date Person"));
		assertThat(store().getReceivedCounter()).isEqualTo(1);
		assertThat(cases.find("outreach:OR-RT22")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("date_of_birth", "1990-02-01"));
	}

	@Test
	void aDropStoredBeforeDigestsWereKeptIsStillAnsweredAsARepeatWhenSentAgain() throws IOException {
		String records = "[{\"clientRef\": \"DC-RT41\", \"name\": \"Stored Before Digests\"}]";
		assertThat(json.readTree(post("day-centre", records, MediaType.APPLICATION_JSON).getBody()).path("status").asText())
			.isEqualTo("stored");
		String digest = DropCheck.digest("day-centre", records.getBytes(StandardCharsets.UTF_8));
		// As on a database upgraded to V30: the batch is there, its digest is not.
		assertThat(jdbc.sql("delete from intake_digest where digest = ?").param(digest).update()).isEqualTo(1);
		int batches = batches();

		ResponseEntity<String> again = post("day-centre", records, MediaType.APPLICATION_JSON);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(again.getBody()).path("status").asText()).isEqualTo("duplicate");
		assertThat(batches()).isEqualTo(batches);
		assertThat(jdbc.sql("select count(*) from intake_digest where digest = ?").param(digest).query(Integer.class).single())
			.as("the digest is kept from now on").isEqualTo(1);
	}

	@Test
	void aFileAPostAMessageAndACallInCodeAllGoThroughTheOneIntakeRoute() throws IOException {
		store().expectedMessageCount(4);
		drop("outreach", "one-route.csv", HEADER + row("OR-RT31", "File Person"));
		assertThat(post("day-centre", "[{\"clientRef\": \"DC-RT31\", \"name\": \"Post Person\"}]", MediaType.APPLICATION_JSON)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		Exchange message = producer.send("direct:kafka-test", exchange -> {
			exchange.getIn().setBody("{\"application_no\": \"HO-RT31\", \"applicant_name\": \"Message Person\"}"
				.getBytes(StandardCharsets.UTF_8));
			exchange.getIn()
				.setHeaders(new HashMap<>(Map.of(KafkaConstants.TOPIC, "proportion.intake.housing-options",
						KafkaConstants.PARTITION, 0, KafkaConstants.OFFSET, 31L, KafkaConstants.TIMESTAMP,
						System.currentTimeMillis())));
		});
		assertThat(message.isFailed()).isFalse();
		IntakeService.Result inCode = intake.fromFile("outreach/in-code.csv",
				(HEADER + row("OR-RT32", "Code Person")).getBytes(StandardCharsets.UTF_8));
		assertThat(inCode.status()).isEqualTo("stored");
		assertThat(inCode.records()).isEqualTo(1);

		assertThat(store().getReceivedExchanges()).extracting(e -> e.getProperty(ChannelIntake.AGENCY, String.class))
			.containsExactly("outreach", "day-centre", "housing-options", "outreach");
		assertThat(store().getReceivedExchanges()).extracting(e -> e.getProperty(DropCheck.FORMAT, String.class))
			.containsExactly("csv", "json", "json-record", "csv");
		assertThat(cases.find("outreach:OR-RT31")).isPresent();
		assertThat(cases.find("day-centre:DC-RT31")).isPresent();
		assertThat(cases.find("housing-options:HO-RT31")).hasValueSatisfying(
				r -> assertThat(r.fields()).containsEntry("name", "Message Person"));
		assertThat(cases.find("outreach:OR-RT32")).isPresent();
	}

}
