package org.proportion.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * ./proportion bench cluster's driver: the same generated work against one gateway or several on
 * one database, timed. Intake: N synthetic records (half outreach CSV, half day-centre JSON, 50 a
 * message) sent to the agencies' Kafka topics, timed until every record is stored (the consumer
 * group spreads the partitions over the gateways). Builds: M meetings of 40 agenda cases and four
 * attendees, each built once through the API, the meetings shared out over the gateways (a
 * load balancer's round robin; each build holds only its meeting's cluster lock). Prints one line
 * of figures; the launcher runs it once per layout and compares.
 *
 * <p>Arguments: gateways (comma-separated base URLs), bootstrap servers, topic prefix, JDBC URL of
 * the gateways' schema, database user, password, admin password, records, meetings, label.
 */
public final class ClusterBench {

	static final int PER_MESSAGE = 50;

	static final int AGENDA_PER_AGENCY = 20;

	static final String[][] ATTENDEES = { { "b-outreach", "outreach_worker", "outreach" },
			{ "b-housing", "housing_options_officer", "housing-options" }, { "b-police", "police_officer", "police" },
			{ "b-health", "health_practitioner", "health" } };

	private ClusterBench() {
	}

	public static void main(String[] args) throws Exception {
		List<String> gateways = List.of(args[0].split(","));
		String bootstrap = args[1];
		String prefix = args[2];
		String dbUrl = args[3];
		String dbUser = args[4];
		String dbPassword = args[5];
		String admin = args[6];
		int records = Integer.parseInt(args[7]);
		int meetings = Integer.parseInt(args[8]);
		String label = args[9];
		ObjectMapper json = new ObjectMapper();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + admin).getBytes(StandardCharsets.UTF_8));
		int perAgency = records / 2;

		for (int k = 0; k < meetings; k++) {
			List<Map<String, Object>> attendees = new ArrayList<>();
			for (String[] a : ATTENDEES) {
				attendees.add(Map.of("id", a[0] + "-" + k, "name", "Attendee " + a[0], "role", a[1], "organisationId", a[2],
						"email", a[0] + "-" + k + "@example.org"));
			}
			List<String> agenda = new ArrayList<>();
			for (int j = 0; j < AGENDA_PER_AGENCY; j++) {
				int i = (j * (perAgency / AGENDA_PER_AGENCY) + k * 13) % perAgency;
				agenda.add("outreach:" + ref("OR-B", i));
				agenda.add("day-centre:" + ref("DC-B", i));
			}
			String body = json.writeValueAsString(Map.of("id", "bench-" + k, "title", "Bench meeting " + k, "type",
					"rough_sleeping_mam", "purpose", "rough_sleeping_response", "startsAt",
					LocalDateTime.now().plusDays(20).withNano(0).toString(), "cohort", "rough_sleeping", "agenda", agenda,
					"attendees", attendees));
			HttpRequest add = HttpRequest.newBuilder(URI.create(gateways.get(0) + "/api/meetings"))
				.header("Authorization", auth).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build();
			HttpResponse<String> added = http.send(add, HttpResponse.BodyHandlers.ofString());
			// The routes answer before the partnership file is registered (its organisations unknown till then).
			for (int tries = 0; added.body().contains("unknown_organisation") && tries < 300; tries++) {
				Thread.sleep(200);
				added = http.send(add, HttpResponse.BodyHandlers.ofString());
			}
			if (added.statusCode() != 201) {
				throw new IllegalStateException("meeting not added: " + added.statusCode());
			}
		}

		try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			kafka.createTopics(List.of(new NewTopic(prefix + "outreach", 2, (short) 1),
					new NewTopic(prefix + "day-centre", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		long started = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer()); Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
			for (int start = 0; start < perAgency; start += PER_MESSAGE) {
				StringBuilder csv = new StringBuilder("client_id,full_name,dob,sex,nationality,status,needs\n");
				List<Map<String, Object>> batch = new ArrayList<>();
				for (int i = start; i < Math.min(perAgency, start + PER_MESSAGE); i++) {
					csv.append(ref("OR-B", i)).append(",Bench Person ").append(i)
						.append(",01/02/1990,Female,British,rough_sleeping,benefits\n");
					batch.add(Map.of("clientRef", ref("DC-B", i), "name", "Centre Person " + i, "supportNeeds",
							List.of("benefits")));
				}
				producer.send(new ProducerRecord<>(prefix + "outreach", "o" + start, csv.toString().getBytes(StandardCharsets.UTF_8)));
				producer.send(new ProducerRecord<>(prefix + "day-centre", "d" + start, json.writeValueAsBytes(batch)));
			}
			producer.flush();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
			while (count(db, "select count(*) from case_record") < records) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("intake did not finish in 30 minutes");
				}
				Thread.sleep(200);
			}
			long intakeNs = System.nanoTime() - started;
			Map<String, Long> byGateway = new HashMap<>();

			// Builds: one worker per gateway pulling meetings off one queue (round robin by availability).
			ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
			for (int k = 0; k < meetings; k++) {
				queue.add(k);
			}
			AtomicInteger released = new AtomicInteger();
			long buildStarted = System.nanoTime();
			ExecutorService workers = Executors.newFixedThreadPool(gateways.size());
			List<Future<?>> done = new ArrayList<>();
			for (String gateway : gateways) {
				done.add(workers.submit(() -> {
					Integer k;
					while ((k = queue.poll()) != null) {
						HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/meetings/bench-" + k + "/packs"))
							.header("Authorization", auth).timeout(Duration.ofMinutes(10))
							.POST(HttpRequest.BodyPublishers.noBody()).build();
						HttpResponse<String> built = http.send(request, HttpResponse.BodyHandlers.ofString());
						// 503 until the gateway has checked the policies with OPA after starting.
						for (int tries = 0; built.statusCode() == 503 && tries < 120; tries++) {
							Thread.sleep(500);
							built = http.send(request, HttpResponse.BodyHandlers.ofString());
						}
						if (built.statusCode() != 201) {
							throw new IllegalStateException("build of bench-" + k + " answered " + built.statusCode());
						}
						released.incrementAndGet();
						synchronized (byGateway) {
							byGateway.merge(gateway, 1L, Long::sum);
						}
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
			workers.shutdown();
			long buildNs = System.nanoTime() - buildStarted;
			double intakeS = intakeNs / 1e9;
			double buildS = buildNs / 1e9;
			double totalS = intakeS + buildS;
			System.out.printf(Locale.ROOT,
					"%s: %d records taken in in %.1f s (%.0f records/s); %d packs built in %.1f s (%.2f builds/s, by gateway %s); "
							+ "intake plus builds %.1f s, %.1f units/s (records + builds)%n",
					label, records, intakeS, records / intakeS, released.get(), buildS, released.get() / buildS,
					byGateway.values(), totalS, (records + released.get()) / totalS);
			System.out.printf(Locale.ROOT, "RESULT %s %.3f %.3f %.3f%n", label, intakeS, buildS, totalS);
		}
	}

	static String ref(String prefix, int i) {
		return String.format(Locale.ROOT, "%s%05d", prefix, i);
	}

	static long count(Connection db, String sql) throws Exception {
		try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
