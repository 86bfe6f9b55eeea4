package org.proportion.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import org.proportion.ProportionProperties;
import org.proportion.access.AccessLinks;
import org.proportion.access.Credentials;
import org.proportion.model.Attendee;
import org.proportion.model.Meeting;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackBuilder;
import org.proportion.pack.PackSummary;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The first-run walk-through ({@code proportion.demo=true}): drops the synthetic agency exports
 * into the inbox as an agency would, waits for the intake routes to take them in, builds every
 * sample meeting's pack and prints each attendee's personal link.
 */
@Component
@ConditionalOnProperty(name = "proportion.demo", havingValue = "true")
class DemoRunner implements ApplicationRunner {

	private static final Duration INTAKE_WAIT = Duration.ofSeconds(60);

	private final ProportionProperties properties;

	private final PartnershipRepository partnership;

	private final PackBuilder packs;

	private final AccessLinks links;

	private final Credentials credentials;

	DemoRunner(ProportionProperties properties, PartnershipRepository partnership, PackBuilder packs,
			AccessLinks links, Credentials credentials) {
		this.properties = properties;
		this.partnership = partnership;
		this.packs = packs;
		this.links = links;
		this.credentials = credentials;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		dropSamples();
		waitForIntake();
		StringBuilder out = new StringBuilder("\n=== Proportion: sample meeting packs ===\n");
		for (Meeting meeting : partnership.meetings()) {
			out.append('\n').append(meeting.title()).append('\n');
			try {
				PackSummary summary = packs.build(meeting.id());
				// The walk-through hands out fresh links; in a partnership the organiser sends them.
				summary.recipients()
					.forEach(r -> out.append(String.format("  %-28s %-44s %s/v/%s%n", r.role(), r.organisation(),
							properties.publicUrl(), links.issue(meeting.id(), r.attendeeId()))));
			}
			catch (PackBuildFailed ex) {
				out.append("  NOT RELEASED (").append(ex.code()).append("): ").append(ex.getMessage()).append('\n');
			}
		}
		out.append(scheduleDemoMeeting());
		out.append("\nEach link opens one attendee's view; add /pdf for the watermarked PDF, /json for data.")
			.append("\nAPI users (HTTP Basic): admin / ")
			.append(credentials.admin())
			.append(", dpo / ")
			.append(credentials.dpo())
			.append("; intake, one per agency: ")
			.append(credentials.agencies()
				.entrySet()
				.stream()
				.map(e -> e.getKey() + " / " + e.getValue())
				.collect(java.util.stream.Collectors.joining(", ")))
			.append("\nDecision log check (dpo): ")
			.append(properties.publicUrl())
			.append("/api/decision-log/verification\nDead letters: ")
			.append(properties.deadLetter())
			.append("\nPress Ctrl-C to stop.\n");
		System.out.println(out);
	}

	/**
	 * A copy of the rough sleeping meeting starting in five minutes, with email addresses: the
	 * cron route builds its packs within half a minute and writes each attendee's message to the
	 * local mailbox, as it would send them over SMTP.
	 */
	private String scheduleDemoMeeting() {
		Meeting template = partnership.meeting("rs-mam-2026-12").orElse(null);
		if (template == null) {
			return "";
		}
		LocalDateTime startsAt = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(5).withSecond(0).withNano(0);
		String id = "demo-" + startsAt.format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
		List<Attendee> attendees = template.attendees()
			.stream()
			.map(a -> new Attendee(a.id() + "-" + id, a.name(), a.role(), a.organisationId(), a.role() + "@example.org"))
			.toList();
		partnership.addIfNew(new Meeting(id, template.title() + " (automatic demo)", template.type(), template.purpose(),
				startsAt.toLocalDate(), template.cohort(), attendees, template.agenda(), startsAt, 24, "organiser@example.org",
				null));
		return "\nAutomatic packs: meeting " + id + " starts at " + startsAt.toLocalTime() + " UTC. Within half a minute"
				+ " its packs are built and each attendee's message (only their link) is written to "
				+ properties.home().resolve(".data/mailbox") + "/";
	}

	private void dropSamples() throws IOException {
		Resource[] drops = new PathMatchingResourcePatternResolver().getResources("classpath*:samples/drops/*/*.*");
		for (Resource drop : drops) {
			String agency = Path.of(drop.getURL().getPath()).getParent().getFileName().toString();
			Path folder = Files.createDirectories(properties.inbox().resolve(agency));
			// Write under a hidden name, then rename, so the route never reads a half-written file.
			Path partial = folder.resolve("." + drop.getFilename() + ".part");
			try (InputStream in = drop.getInputStream()) {
				Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.move(partial, folder.resolve(drop.getFilename()), StandardCopyOption.ATOMIC_MOVE);
		}
	}

	private void waitForIntake() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(INTAKE_WAIT);
		while (Instant.now().isBefore(deadline)) {
			try (Stream<Path> files = Files.walk(properties.inbox())) {
				if (files.noneMatch(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))) {
					return;
				}
			}
			Thread.sleep(250);
		}
		System.out.println("Intake is still running; packs are built with what has arrived so far.");
	}

}
