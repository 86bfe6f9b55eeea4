package org.proportion.pack;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.storage.Compressed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Renders a made-up view a few times once the gateway has started, in the background, so that
 * the first real build does not pay for loading and compiling the templates, the JSON writer and
 * the compressor (in a fresh JVM that was half of a 200-case first build). The view names no
 * one and is never stored, logged or sent; a failure here only means the first build is slower.
 */
@Component
class RenderWarmUp {

	private static final Logger log = LoggerFactory.getLogger(RenderWarmUp.class);

	private final ViewRenderer renderer;

	private final ObjectMapper json;

	private final int rounds;

	RenderWarmUp(ViewRenderer renderer, ObjectMapper json, @Value("${proportion.pack.warm-up-rounds:30}") int rounds) {
		this.renderer = renderer;
		this.json = json;
		this.rounds = rounds;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		if (rounds <= 0) {
			return;
		}
		Thread thread = new Thread(() -> {
			long started = System.nanoTime();
			try {
				AttendeeView view = madeUp();
				for (int i = 0; i < rounds; i++) {
					renderer.htmlGzipUnkept(view);
					Compressed.gzip(json.writeValueAsString(view));
				}
				log.info("View rendering warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
			}
			catch (Exception | LinkageError ex) {
				log.warn("View rendering warm-up failed ({}); the first build will be slower",
						ex.getClass().getSimpleName());
			}
		}, "render-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	// Every kind of field the template lays out: shared, withheld with a reason, trends, counts.
	static AttendeeView madeUp() {
		List<AttendeeView.CaseView> cases = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			cases.add(new AttendeeView.CaseView("Case " + i, "warm-up:" + i, List.of(
					new AttendeeView.FieldView("status", "Housing status", "share", "rough sleeping", "consent", null, null),
					new AttendeeView.FieldView("needs", "Support needs", "generalise", "support needs recorded",
							"public_task", "needs_only", null),
					new AttendeeView.FieldView("health", "Health", "withhold", null, null, null, "not needed for this purpose"),
					new AttendeeView.FieldView("note", "Case note", "share", "Seen at the usual place [NAME] today.",
							"consent", null, null))));
		}
		List<TrendTable> trends = List.of(
				new TrendTable("status", "Housing status", "40",
						List.of(new TrendTable.Row("rough sleeping", "30"), new TrendTable.Row("sofa surfing", "10")), false,
						null),
				new TrendTable("nationality", "Nationality", "40", List.of(), true, "small numbers"));
		return new AttendeeView(
				new AttendeeView.MeetingInfo("warm-up", "Warm-up", "rough_sleeping_mam", "rough_sleeping_response",
						LocalDate.of(2026, 1, 1), List.of("Attendee (role)")),
				new AttendeeView.Recipient("warm-up", "Attendee", "outreach_worker", "Organisation"),
				new AttendeeView.PackInfo("warm-up-v1", 1, Instant.EPOCH, "warm-up"), trends, cases,
				List.of(new AttendeeView.WithheldCount("not needed for this purpose", 40)));
	}

}
