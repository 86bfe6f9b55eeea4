package org.proportion.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.proportion.pack.PdfRenderer;
import org.proportion.rights.Ledger;
import org.proportion.rights.Notices;
import org.proportion.rights.RightsService;
import org.proportion.rights.SpeechUnavailable;
import org.proportion.rights.SpokenNotices;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A DPO (with the person's case worker) answering a person: what was shared about them, a
 * subject access report, a plain-language notice, and erasure, correction, consent withdrawal
 * and objection. A person is found by an agency reference (or first looked up by name and date
 * of birth, sent in a request body).
 */
@RestController
class RightsController {

	private final Ledger ledger;

	private final Notices notices;

	private final RightsService rights;

	private final TemplateEngine templates;

	private final PdfRenderer pdf;

	private final Clock clock;

	private final SpokenNotices spoken;

	RightsController(Ledger ledger, Notices notices, RightsService rights, TemplateEngine templates, PdfRenderer pdf,
			Clock clock, SpokenNotices spoken) {
		this.spoken = spoken;
		this.ledger = ledger;
		this.notices = notices;
		this.rights = rights;
		this.templates = templates;
		this.pdf = pdf;
		this.clock = clock;
	}

	private Set<String> person(String ref, String name, String dob) {
		return ledger.caseRefs(ref, name, dob);
	}

	record Person(String name, String dob) {
	}

	/**
	 * Name and date of birth travel in a body, never in a URL that proxies and logs keep. Every
	 * matching record is a separate candidate: namesakes are never merged into one person.
	 */
	@PostMapping("/api/dpo/people/find")
	List<Ledger.Candidate> find(@RequestBody Person person) {
		return ledger.candidates(person.name(), person.dob());
	}

	@GetMapping("/api/dpo/people/ledger")
	List<Ledger.Entry> ledger(@RequestParam String ref) {
		return ledger.entries(person(ref, null, null));
	}

	@GetMapping(value = "/api/dpo/people/notice", produces = MediaType.TEXT_HTML_VALUE)
	String notice(@RequestParam String ref, @RequestParam(defaultValue = "en") String lang,
			@RequestParam(defaultValue = "false") boolean easyRead) {
		Notices.Notice notice = notices.write(ledger.latest(ledger.entries(person(ref, null, null))), lang, easyRead);
		Context context = new Context();
		context.setVariable("notice", notice);
		context.setVariable("audioUrl", "/api/dpo/people/notice/audio?ref="
				+ java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8) + "&lang=" + notice.language());
		return templates.process("notice", context);
	}

	/**
	 * The easy-read notice read aloud (WAV, by espeak-ng in the notice's language), for a person
	 * who cannot read: played to them or handed over. Same access as the notice; never cached.
	 */
	@GetMapping("/api/dpo/people/notice/audio")
	ResponseEntity<byte[]> noticeAudio(@RequestParam String ref, @RequestParam(defaultValue = "en") String lang) {
		Notices.Notice notice = notices.write(ledger.latest(ledger.entries(person(ref, null, null))), lang, true);
		byte[] wav = spoken.wav(notice);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("audio/wav"))
			.contentLength(wav.length)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("notice-" + notice.language() + ".wav").build().toString())
			.body(wav);
	}

	/** No espeak-ng, or it failed: a clear problem, never a partial file. */
	@ExceptionHandler(SpeechUnavailable.class)
	ResponseEntity<Object> speechUnavailable(SpeechUnavailable ex) {
		return Problems.respond(HttpStatus.SERVICE_UNAVAILABLE, "speech_unavailable", ex.getMessage());
	}

	/**
	 * A request is about one person: one reference, or the references the DPO confirmed are the
	 * same person's (refs), or a name and date of birth that match exactly one record. When they
	 * match several, the candidates come back (409) for the DPO to choose from.
	 */
	record AccessRequest(String ref, List<String> refs, String name, String dob, LocalDate receivedOn) {
	}

	@PostMapping("/api/dpo/access-requests")
	ResponseEntity<?> open(@RequestBody AccessRequest request) {
		LocalDate received = request.receivedOn() == null ? LocalDate.now(clock) : request.receivedOn();
		Set<String> refs = new java.util.LinkedHashSet<>(person(request.ref(), null, null));
		if (request.refs() != null) {
			request.refs().forEach(r -> refs.addAll(person(r, null, null)));
		}
		if (refs.isEmpty() && request.name() != null) {
			List<Ledger.Candidate> candidates = ledger.candidates(request.name(), request.dob());
			if (candidates.size() > 1) {
				var problem = Problems.problem(HttpStatus.CONFLICT, "several_candidates",
						"Several records match this name and date of birth: choose the person's own "
								+ "(ref, or refs if several are theirs)");
				problem.setProperty("candidates", candidates);
				return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
			}
			candidates.forEach(c -> refs.add(c.caseRef()));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(rights.openRequest(refs, received));
	}

	@GetMapping("/api/dpo/access-requests")
	List<RightsService.Request> openRequests() {
		return rights.openRequests();
	}

	@GetMapping(value = "/api/dpo/access-requests/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
	String report(@PathVariable String id) {
		return reportHtml(id);
	}

	@GetMapping("/api/dpo/access-requests/{id}/report.pdf")
	ResponseEntity<byte[]> reportPdf(@PathVariable String id) {
		byte[] body = pdf.pdf(reportHtml(id), "Subject access report " + id + " · prepared " + LocalDate.now(clock)
				+ " · for the person it is about");
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".pdf\"")
			.body(body);
	}

	private String reportHtml(String id) {
		Context context = new Context();
		context.setVariable("report", rights.accessReport(id));
		return templates.process("subject-access-report", context);
	}

	@PostMapping("/api/dpo/people/{ref}/erasure")
	Map<String, Object> erase(@PathVariable String ref) {
		return Map.of("caseRef", ref, "recipientsTold", rights.erase(ref));
	}

	record Correction(String field, String value) {
	}

	@PostMapping("/api/dpo/people/{ref}/correction")
	Map<String, Object> correct(@PathVariable String ref, @RequestBody Correction correction) {
		return Map.of("caseRef", ref, "recipientsTold", rights.correct(ref, correction.field(), correction.value()));
	}

	@PostMapping("/api/dpo/people/{ref}/consent-withdrawal")
	Map<String, Object> withdraw(@PathVariable String ref) {
		rights.withdrawConsent(ref);
		return Map.of("caseRef", ref, "consent", "withdrawn: the next pack build applies it");
	}

	@PostMapping("/api/dpo/people/{ref}/objection")
	Map<String, Object> object(@PathVariable String ref) {
		rights.object(ref);
		return Map.of("caseRef", ref, "objection", "recorded: the next pack build applies it");
	}

	@GetMapping("/api/dpo/people/{ref}/recipient-notices")
	List<Map<String, Object>> recipientNotices(@PathVariable String ref) {
		return rights.notices(ref);
	}

	@ExceptionHandler({ NoSuchElementException.class, IllegalArgumentException.class,
			org.proportion.ingest.IntakeRejected.class })
	ResponseEntity<Object> notFound(RuntimeException ex) {
		String code = ex instanceof org.proportion.ingest.IntakeRejected rejected ? rejected.code()
				: ex instanceof NoSuchElementException ? "not_found" : "invalid_request";
		return Problems.respond(ex instanceof NoSuchElementException ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, code,
				ex.getMessage());
	}

}
