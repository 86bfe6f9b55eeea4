package org.proportion.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.proportion.access.AccessLinks;
import org.proportion.bench.InProcessGateway;
import org.proportion.fuzz.FuzzCampaign;
import org.proportion.ingest.AgencyMappings;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fuzz run ({@code ./proportion fuzz [N] [seed]}). It starts the whole gateway in this JVM
 * on a fresh embedded database in a temporary folder, against the real OPA the launcher started
 * polling it, takes in the sample drops and builds the sample meeting's packs so an attendee
 * has a view to open, then sends N mutated drops (half to the inbox, half to REST) while that
 * view is read, and checks each one. It prints counts, timings and heap, and the violations by
 * drop number and mutation, never a drop's content. Exit status 1 when any drop broke the rules.
 */
public final class FuzzRun {

	private static final String MEETING = "rs-mam-2026-12";

	private static final String PASSWORD = "fuzz-agency";

	private FuzzRun() {
	}

	public static void main(String[] args) {
		try {
			System.exit(run(args));
		}
		catch (Throwable ex) {
			// Synthetic data only; the gateway's own log is in fuzz.err.
			ex.printStackTrace(System.out);
			System.exit(1);
		}
	}

	private static int run(String[] args) throws Exception {
		int drops = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		long seed = args.length > 1 ? Long.parseLong(args[1]) : 12L;
		Path home = Files.createTempDirectory("proportion-fuzz");
		String opa = InProcessGateway.opaUrl();
		ConfigurableApplicationContext context = InProcessGateway.start(home, Map.of(
				"proportion.partnership", "classpath:samples/partnership.json",
				"proportion.security.admin-password", PASSWORD,
				"proportion.security.agency-password.outreach", PASSWORD,
				"proportion.security.agency-password.day-centre", PASSWORD,
				"proportion.security.agency-password.housing-options", PASSWORD,
				// Low enough that the fuzzer's huge fields go over it sometimes, as a real export might.
				"proportion.intake.max-bytes", System.getProperty("fuzz.max-bytes", "131072"),
				"server.address", "127.0.0.1"));
		try {
			IntakeService intake = context.getBean(IntakeService.class);
			for (String sample : new String[] { "outreach/outreach-caseload.csv", "day-centre/day-centre-clients.json",
					"housing-options/open-applications.csv" }) {
				try (InputStream in = FuzzRun.class.getResourceAsStream("/samples/drops/" + sample)) {
					intake.fromFile(sample, in.readAllBytes());
				}
			}
			context.getBean(PackBuilder.class).build(MEETING);
			String token = context.getBean(AccessLinks.class).issue(MEETING, "mam-outreach");
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Path data = home.resolve(".data");
			FuzzCampaign campaign = new FuzzCampaign(new FuzzCampaign.Target("http://127.0.0.1:" + port,
					data.resolve("inbox"), data.resolve("dead-letter"), data.resolve("archive"), home.resolve("staging"),
					context.getBean(JdbcClient.class),
					Map.of("outreach", PASSWORD, "day-centre", PASSWORD, "housing-options", PASSWORD), PASSWORD,
					"/v/" + token), FuzzCampaign.vocabulary(context.getBean(AgencyMappings.class)));
			System.out.printf(Locale.ROOT, "Fuzzing %d drops (seed %d) from the sample drops; heap limit %d MB; OPA at %s%n",
					drops, seed, Runtime.getRuntime().maxMemory() / (1024 * 1024), opa);
			FuzzCampaign.Report report = campaign.run(drops, seed);
			System.out.print(report.summary());
			return report.violations().isEmpty() && report.viewErrors() == 0 ? 0 : 1;
		}
		finally {
			context.close();
			try (var paths = Files.walk(home)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

}
