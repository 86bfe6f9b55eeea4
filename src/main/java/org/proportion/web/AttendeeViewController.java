package org.proportion.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.proportion.access.AccessLinks;
import org.proportion.access.ViewLog;
import org.proportion.model.Attendee;
import org.proportion.model.Organisation;
import org.proportion.ops.GatewayMetrics;
import org.proportion.ops.GatewayMetrics.Opening;
import org.proportion.pack.BuildPacing;
import org.proportion.pack.PackRepository;
import org.proportion.pack.PackRepository.StoredView;
import org.proportion.pack.PdfRenderer;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * An attendee opens their view with their personal link, /v/{token}. The token alone decides
 * whose view it is: nothing in the path, query or headers can name another attendee or meeting.
 * Every refusal looks the same and carries no data.
 *
 * <p>A plain request handler rather than an annotated controller: an opening is the request many
 * attendees make at once before a meeting, and it needs none of the argument resolution, content
 * negotiation and return-value conversion the API's controllers use; the view's bytes are
 * written as stored.
 */
@Component
class AttendeeViewController implements HttpRequestHandler {

	private static final String NOT_VALID = """
			<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Link not valid</title></head>
			<body><h1>This link is not valid</h1><p>It may have expired or been withdrawn, or the pack
			is not ready yet. Ask the meeting's organiser for a new link.</p></body></html>""";

	private static final String SUPERSEDED = """
			<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack superseded</title></head>
			<body><h1>This pack has been superseded</h1><p>A newer version of this meeting's pack has been
			built. Open the link in your latest message to see it.</p></body></html>""";

	private static final byte[] NOT_VALID_BYTES = NOT_VALID.getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUPERSEDED_BYTES = SUPERSEDED.getBytes(StandardCharsets.UTF_8);

	private static final byte[] UNAVAILABLE_BYTES = """
			<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Not available now</title></head>
			<body><h1>This pack cannot be opened just now</h1><p>Try the link again in a few minutes. If it
			still does not open, tell the meeting's organiser.</p></body></html>""".getBytes(StandardCharsets.UTF_8);

	private static final byte[] JSON_NOT_VALID = "{\"error\":\"link not valid\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] JSON_SUPERSEDED = "{\"error\":\"superseded: open the link in your latest message\"}"
		.getBytes(StandardCharsets.UTF_8);

	private static final Logger log = LoggerFactory.getLogger(AttendeeViewController.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'")
		.withZone(ZoneId.of("UTC"));

	private final AccessLinks links;

	private final PackRepository packs;

	private final PartnershipRepository partnership;

	private final ViewLog viewLog;

	private final PdfRenderer pdf;

	private final Clock clock;

	private final OpeningTurns turns;

	private final OpeningTurns pdfTurns;

	private final GatewayMetrics metrics;

	private final BuildPacing builds;

	AttendeeViewController(AccessLinks links, PackRepository packs, PartnershipRepository partnership,
			ViewLog viewLog, PdfRenderer pdf, Clock clock, GatewayMetrics metrics, BuildPacing builds,
			@Value("${proportion.views.concurrent-openings:0}") int concurrentOpenings,
			@Value("${proportion.views.concurrent-pdfs:0}") int concurrentPdfs) {
		// proportion.views.concurrent-openings at once (four per core by default), waiting up to 10 s.
		this.turns = new OpeningTurns(concurrentOpenings, Duration.ofSeconds(10));
		// A PDF takes a core for a second or more: one per two cores at once by default, so a link
		// asked for its PDF over and over cannot take the cores from other attendees' openings.
		this.pdfTurns = new OpeningTurns(
				concurrentPdfs > 0 ? concurrentPdfs : Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
				Duration.ofSeconds(30));
		this.links = links;
		this.packs = packs;
		this.partnership = partnership;
		this.viewLog = viewLog;
		this.pdf = pdf;
		this.clock = clock;
		this.metrics = metrics;
		this.builds = builds;
	}

	private record Opened(String meetingId, Attendee attendee, StoredView view, boolean superseded) {
	}

	private Optional<Opened> open(String token, String format) {
		return links.resolve(token).flatMap(holder -> find(holder, format));
	}

	private Optional<Opened> find(AccessLinks.Holder holder, String format) {
		// The attendee alone, not the whole meeting: a large agenda is not read per opening.
		Optional<Attendee> attendee = partnership.attendee(holder.meetingId(), holder.attendeeId());
		if (attendee.isEmpty()) {
			return Optional.empty();
		}
		Optional<StoredView> view = packs.latestView(holder.meetingId(), holder.attendeeId());
		if (view.isEmpty()) {
			return Optional.empty();
		}
		Attendee a = attendee.get();
		if (!view.get().builtFor(a)) {
			// Edited since the build (another role or organisation): what the policy decided for
			// the slot before is not theirs to see. Answered as any link that opens nothing.
			log.warn("A view decided for the attendee's previous role or organisation was not sent");
			return Optional.empty();
		}
		if (holder.packId() != null && !holder.packId().equals(view.get().packId())) {
			return Optional.of(new Opened(holder.meetingId(), a, view.get(), true));
		}
		// A PDF is recorded once it is made (below): one refused as busy, or that failed to
		// render, was not seen. Every other format is recorded before its bytes go out.
		if (!"pdf".equals(format)) {
			record(holder.meetingId(), view.get().packId(), a, format);
		}
		return Optional.of(new Opened(holder.meetingId(), a, view.get(), false));
	}

	private void record(String meetingId, String packId, Attendee attendee, String format) {
		viewLog.record(meetingId, packId, attendee.id(), attendee.role(), attendee.organisationId(), format);
	}

	/**
	 * Answers /v/{token}, /v/{token}/json and /v/{token}/pdf (see {@link AttendeeViewMapping}).
	 * Anything that goes wrong while opening, such as a view log that cannot be written, is
	 * answered with a page that carries no data: the view is not sent. Each request is timed by
	 * its outcome ({@link GatewayMetrics#VIEW_OPENINGS}). While it waits for its turn and its view
	 * is looked up and its opening logged, builds give way ({@link BuildPacing}).
	 */
	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long started = System.nanoTime();
		Opening outcome = Opening.UNAVAILABLE;
		try {
			outcome = answer(request, response);
		}
		finally {
			metrics.viewOpening(outcome, System.nanoTime() - started);
		}
	}

	private Opening answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
			write(response, HttpStatus.METHOD_NOT_ALLOWED, MediaType.TEXT_HTML_VALUE, NOT_VALID_BYTES);
			return Opening.REFUSED;
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String token = variables == null ? null : variables.get("token");
		String format = variables == null ? "html" : variables.getOrDefault("format", "html");
		Optional<Opened> opened = Optional.empty();
		// A link that cannot be one is refused before it waits for a turn or holds builds back, so
		// requests with made-up links cannot crowd out attendees' openings; the answer is the same.
		if (AccessLinks.wellFormed(token)) {
			// Builds give way while the opening waits for its turn and its view is found and
			// logged; not while its bytes go out, so a slow reader never holds builds back.
			builds.openingStarted();
			try {
				opened = turns.inTurn(() -> open(token, format));
			}
			catch (RuntimeException ex) {
				log.warn("A view could not be opened and was not sent: {}", ex.getClass().getSimpleName());
				return unavailable(response);
			}
			finally {
				builds.openingEnded();
			}
		}
		return switch (format) {
			case "json" -> json(opened, request, response);
			case "pdf" -> pdf(opened, response);
			default -> html(opened, request, response);
		};
	}

	private Opening html(Optional<Opened> opened, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		return send(opened, StoredView::htmlBytes, "text/html;charset=UTF-8", MediaType.TEXT_HTML_VALUE, NOT_VALID_BYTES,
				SUPERSEDED_BYTES, request, response);
	}

	private Opening json(Optional<Opened> opened, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		return send(opened, StoredView::jsonBytes, MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE,
				JSON_NOT_VALID, JSON_SUPERSEDED, request, response);
	}

	// The view in one format, or the same refusal whatever the reason (in that format).
	private static Opening send(Optional<Opened> opened, Function<StoredView, PackRepository.Encoded> format,
			String type, String refusalType, byte[] notValid, byte[] superseded, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (refused(opened, refusalType, notValid, superseded, response)) {
			return Opening.REFUSED;
		}
		view(format.apply(opened.get().view()), type, request, response);
		return Opening.SENT;
	}

	// A link that opens nothing, or a version that was superseded: answered, and true.
	private static boolean refused(Optional<Opened> opened, String type, byte[] notValid, byte[] superseded,
			HttpServletResponse response) throws IOException {
		if (opened.isEmpty()) {
			write(response, HttpStatus.NOT_FOUND, type, notValid);
			return true;
		}
		if (opened.get().superseded()) {
			write(response, HttpStatus.GONE, type, superseded);
			return true;
		}
		return false;
	}

	// The view's bytes as made once when first opened; compressed for a reader that accepts gzip.
	private static void view(PackRepository.Encoded encoded, String type, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
			write(response, HttpStatus.OK, type, encoded.gzip());
		}
		else {
			write(response, HttpStatus.OK, type, encoded.plain());
		}
	}

	static boolean acceptsGzip(String encodings) {
		return encodings != null && Arrays.stream(encodings.split(","))
			.map(e -> e.trim().toLowerCase(Locale.ROOT))
			.anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;") && !e.replace(" ", "").endsWith("q=0"));
	}

	private Opening pdf(Optional<Opened> opened, HttpServletResponse response) throws IOException {
		if (refused(opened, MediaType.TEXT_HTML_VALUE, NOT_VALID_BYTES, SUPERSEDED_BYTES, response)) {
			return Opening.REFUSED;
		}
		Opened o = opened.get();
		String organisation = partnership.organisation(o.attendee().organisationId())
			.map(Organisation::name)
			.orElse(o.attendee().organisationId());
		String watermark = "For " + o.attendee().name() + ", " + organisation + " · downloaded "
				+ STAMP.format(clock.instant()) + " · do not forward";
		byte[] body;
		try {
			body = pdfTurns.inTurn(() -> pdf.pdf(o.view().html(), watermark));
		}
		catch (IllegalStateException busy) {
			log.warn("A view's PDF waited too long for its turn and was not sent");
			return unavailable(response);
		}
		try {
			record(o.meetingId(), o.view().packId(), o.attendee(), "pdf");
		}
		catch (RuntimeException ex) {
			log.warn("A view's PDF could not be recorded and was not sent: {}", ex.getClass().getSimpleName());
			return unavailable(response);
		}
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + o.view().packId() + ".pdf\"");
		write(response, HttpStatus.OK, MediaType.APPLICATION_PDF_VALUE, body);
		return Opening.SENT;
	}

	// Not opened now, with no data: "try again in a few minutes".
	private static Opening unavailable(HttpServletResponse response) throws IOException {
		write(response, HttpStatus.SERVICE_UNAVAILABLE, MediaType.TEXT_HTML_VALUE, UNAVAILABLE_BYTES);
		return Opening.UNAVAILABLE;
	}

	private static void write(HttpServletResponse response, HttpStatus status, String type, byte[] body)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(type);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
