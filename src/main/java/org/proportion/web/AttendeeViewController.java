package org.proportion.web;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.proportion.access.AccessLinks;
import org.proportion.access.ViewLog;
import org.proportion.model.Attendee;
import org.proportion.model.Organisation;
import org.proportion.pack.PackRepository;
import org.proportion.pack.PackRepository.StoredView;
import org.proportion.pack.PdfRenderer;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * An attendee opens their view with their personal link, /v/{token}. The token alone decides
 * whose view it is: nothing in the path, query or headers can name another attendee or meeting.
 * Every refusal looks the same and carries no data.
 */
@RestController
class AttendeeViewController {

	private static final String NOT_VALID = """
			<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Link not valid</title></head>
			<body><h1>This link is not valid</h1><p>It may have expired or been withdrawn, or the pack
			is not ready yet. Ask the meeting's organiser for a new link.</p></body></html>""";

	private static final String SUPERSEDED = """
			<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack superseded</title></head>
			<body><h1>This pack has been superseded</h1><p>A newer version of this meeting's pack has been
			built. Open the link in your latest message to see it.</p></body></html>""";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'")
		.withZone(ZoneId.of("UTC"));

	private final AccessLinks links;

	private final PackRepository packs;

	private final PartnershipRepository partnership;

	private final ViewLog viewLog;

	private final PdfRenderer pdf;

	private final Clock clock;

	AttendeeViewController(AccessLinks links, PackRepository packs, PartnershipRepository partnership,
			ViewLog viewLog, PdfRenderer pdf, Clock clock) {
		this.links = links;
		this.packs = packs;
		this.partnership = partnership;
		this.viewLog = viewLog;
		this.pdf = pdf;
		this.clock = clock;
	}

	private record Opened(Attendee attendee, StoredView view, boolean superseded) {
	}

	private Optional<Opened> open(String token, String format) {
		return links.resolve(token).flatMap(holder -> {
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
			if (holder.packId() != null && !holder.packId().equals(view.get().packId())) {
				return Optional.of(new Opened(a, view.get(), true));
			}
			viewLog.record(holder.meetingId(), view.get().packId(), a.id(), a.role(), a.organisationId(), format);
			return Optional.of(new Opened(a, view.get(), false));
		});
	}

	@GetMapping(value = "/v/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<?> html(@PathVariable String token,
			@RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
		return open(token, "html")
			.<ResponseEntity<?>>map(o -> o.superseded() ? superseded()
					: bytes(o.view().htmlBytes(), MediaType.valueOf("text/html;charset=UTF-8"), encodings))
			.orElseGet(this::notValid);
	}

	@GetMapping(value = "/v/{token}/json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> json(@PathVariable String token,
			@RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String encodings) {
		return open(token, "json").<ResponseEntity<?>>map(o -> o.superseded()
				? ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_JSON)
					.body("{\"error\":\"superseded: open the link in your latest message\"}")
				: bytes(o.view().jsonBytes(), MediaType.APPLICATION_JSON, encodings))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"error\":\"link not valid\"}"));
	}

	// The view's bytes as made once when first opened; compressed for a reader that accepts gzip.
	private static ResponseEntity<byte[]> bytes(PackRepository.Encoded encoded, MediaType type, String encodings) {
		boolean gzip = encodings != null && java.util.Arrays.stream(encodings.split(","))
			.map(e -> e.trim().toLowerCase(java.util.Locale.ROOT))
			.anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;") && !e.replace(" ", "").endsWith("q=0"));
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(type).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		return gzip ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(encoded.gzip()) : ok.body(encoded.plain());
	}

	@GetMapping(value = "/v/{token}/pdf")
	ResponseEntity<?> pdf(@PathVariable String token) {
		Optional<Opened> opened = open(token, "pdf");
		if (opened.isEmpty()) {
			return notValid();
		}
		if (opened.get().superseded()) {
			return superseded();
		}
		Opened o = opened.get();
		String organisation = partnership.organisation(o.attendee().organisationId())
			.map(Organisation::name)
			.orElse(o.attendee().organisationId());
		String watermark = "For " + o.attendee().name() + ", " + organisation + " · downloaded "
				+ STAMP.format(clock.instant()) + " · do not forward";
		byte[] body = pdf.pdf(o.view().html(), watermark);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + o.view().packId() + ".pdf\"")
			.body(body);
	}

	private ResponseEntity<?> superseded() {
		return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.TEXT_HTML).body(SUPERSEDED);
	}

	private ResponseEntity<?> notValid() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(NOT_VALID);
	}

}
