package org.proportion.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.retention.RetentionService;
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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One person's page for the DPO, reached by a case reference (found first by name and date of
 * birth on the people page, which are only ever posted): what was shared about them, when, to
 * whom and on what basis (the rights package's Ledger); their notices in each language, plain
 * or easy read, and read aloud (Notices and SpokenNotices, as the API serves them); their
 * subject access requests with the days left to answer; and when retention deletes the packs
 * that hold them. The notices are served here too, because the API's accounts sign in per
 * request and the console's session does not reach it.
 */
@Controller
class PersonPages {

	private final Ledger ledger;

	private final Notices notices;

	private final SpokenNotices spoken;

	private final RightsService rights;

	private final RetentionService retention;

	private final PartnershipRepository partnership;

	private final Clock clock;

	PersonPages(Ledger ledger, Notices notices, SpokenNotices spoken, RightsService rights, RetentionService retention,
			PartnershipRepository partnership, Clock clock) {
		this.ledger = ledger;
		this.notices = notices;
		this.spoken = spoken;
		this.rights = rights;
		this.retention = retention;
		this.partnership = partnership;
		this.clock = clock;
	}

	/** One item shared with one recipient, as the ledger table shows it. */
	record Shared(String when, String meeting, String packId, String role, String organisation, String caseRef, String item,
			String action, String basis) {
	}

	/** A notice the DPO can hand over: language, its name in English and in itself, and where it is. */
	record NoticeLink(String language, String english, String own, String standard, String easyRead, String audio) {
	}

	@GetMapping("/console/dpo/people/record")
	String person(@RequestParam String ref, Model model, RedirectAttributes redirect) {
		Set<String> refs = ledger.caseRefs(ref, null, null);
		if (refs.isEmpty()) {
			redirect.addFlashAttribute("problem", "No case record has that reference.");
			return "redirect:/console/dpo/people";
		}
		Map<String, String> titles = partnership.meetings()
			.stream()
			.collect(Collectors.toMap(Meeting::id, Meeting::title));
		List<Ledger.Entry> entries = ledger.entries(refs);
		List<Shared> shared = entries.stream()
			.filter(Ledger::released)
			.map(e -> new Shared(Times.when(e.loggedAt()), titles.getOrDefault(e.meetingId(), e.meetingId()), e.packId(),
					e.recipientRole(), e.recipientOrganisation(), e.caseRef(), e.item(), e.action(),
					e.basis() == null ? "" : e.basis() + (e.condition() == null ? "" : "; " + e.condition())))
			.toList();
		String caseRef = refs.iterator().next();
		LocalDate today = LocalDate.now(clock);
		Set<String> meetings = entries.stream().map(Ledger.Entry::meetingId).collect(Collectors.toSet());
		model.addAttribute("caseRef", caseRef);
		model.addAttribute("shared", shared.size() > DpoRecords.MOST_ROWS ? shared.subList(0, DpoRecords.MOST_ROWS) : shared);
		model.addAttribute("sharedCount", shared.size());
		model.addAttribute("withheld", entries.size() - shared.size());
		model.addAttribute("mostRows", DpoRecords.MOST_ROWS);
		model.addAttribute("notices", noticeLinks(caseRef));
		model.addAttribute("deadlines", rights.openRequests()
			.stream()
			.filter(r -> r.caseRefs().stream().anyMatch(refs::contains))
			.map(r -> Deadline.of(r, today))
			.toList());
		model.addAttribute("held", DpoRecords.held(
				retention.due().stream().filter(d -> meetings.contains(d.meetingId())).toList(), partnership));
		return "console/person";
	}

	/**
	 * The person's rights acted on, as the API's rights endpoints do (the same {@link RightsService}
	 * calls): an objection or a consent withdrawal (the next build applies it), a correction of one
	 * field (recipients of the old value are told), or erasure (the record, its raw bytes and its
	 * packs' copies; recipients told). Erasure cannot be undone, so it asks for the case
	 * reference typed again; a mismatch erases nothing.
	 */
	@PostMapping("/console/dpo/people/record/rights")
	String act(@RequestParam String ref, @RequestParam String action,
			@RequestParam(name = "field", required = false) String field,
			@RequestParam(name = "value", required = false) String value,
			@RequestParam(name = "confirm", required = false) String confirm, RedirectAttributes redirect) {
		String back = "redirect:/console/dpo/people/record?ref=" + java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8)
				+ "#rights";
		try {
			switch (action) {
				case "objection" -> {
					rights.object(ref);
					redirect.addFlashAttribute("outcome", "The objection is recorded for " + ref
							+ ": the next pack build applies it.");
				}
				case "withdrawal" -> {
					rights.withdrawConsent(ref);
					redirect.addFlashAttribute("outcome", "Consent is withdrawn for " + ref
							+ ": the next pack build applies it.");
				}
				case "correction" -> {
					if (field == null || field.isBlank()) {
						redirect.addFlashAttribute("problem", "Nothing was corrected: name the field to correct.");
						return back;
					}
					int told = rights.correct(ref, field.strip(), value == null ? "" : value);
					redirect.addFlashAttribute("outcome", "The " + field.strip() + " of " + ref + " is corrected; "
							+ told + (told == 1 ? " recipient" : " recipients") + " of the old value will be told.");
				}
				case "erasure" -> {
					if (confirm == null || !confirm.strip().equals(ref)) {
						redirect.addFlashAttribute("problem",
								"Nothing was erased: type the case reference exactly to confirm erasure.");
						return back;
					}
					int told = rights.erase(ref);
					redirect.addFlashAttribute("outcome", "Case " + ref + " is erased; " + told
							+ (told == 1 ? " recipient" : " recipients") + " of what was shared will be told.");
					return "redirect:/console/dpo/people";
				}
				default -> redirect.addFlashAttribute("problem", "Nothing was done: choose an action.");
			}
		}
		catch (IllegalArgumentException | java.util.NoSuchElementException ex) {
			redirect.addFlashAttribute("problem", "Nothing was done: " + ex.getMessage() + ".");
		}
		return back;
	}

	private List<NoticeLink> noticeLinks(String caseRef) {
		Function<String, String> q = v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
		return notices.languages().stream().map(lang -> {
			Locale locale = Locale.forLanguageTag(lang);
			String base = "/console/dpo/people/notice?ref=" + q.apply(caseRef) + "&lang=" + lang;
			return new NoticeLink(lang, locale.getDisplayLanguage(Locale.UK), locale.getDisplayLanguage(locale), base,
					base + "&easyRead=true", "/console/dpo/people/notice/audio?ref=" + q.apply(caseRef) + "&lang=" + lang);
		}).sorted(Comparator.comparing(NoticeLink::english)).toList();
	}

	/** The notice exactly as the person is given it (the template the API renders). */
	@GetMapping("/console/dpo/people/notice")
	String notice(@RequestParam String ref, @RequestParam(defaultValue = "en") String lang,
			@RequestParam(defaultValue = "false") boolean easyRead, Model model) {
		Notices.Notice notice;
		try {
			notice = notices.write(ledger.latest(ledger.entries(ledger.caseRefs(ref, null, null))), lang, easyRead);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		model.addAttribute("notice", notice);
		model.addAttribute("audioUrl", "/console/dpo/people/notice/audio?ref="
				+ java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8) + "&lang=" + notice.language());
		return "notice";
	}

	/** The easy-read notice read aloud, as the API gives it: a WAV file, never cached. */
	@GetMapping("/console/dpo/people/notice/audio")
	ResponseEntity<byte[]> audio(@RequestParam String ref, @RequestParam(defaultValue = "en") String lang) {
		Notices.Notice notice;
		try {
			notice = notices.write(ledger.latest(ledger.entries(ledger.caseRefs(ref, null, null))), lang, true);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		byte[] wav = spoken.wav(notice);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("audio/wav"))
			.contentLength(wav.length)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("notice-" + notice.language() + ".wav").build().toString())
			.body(wav);
	}

	/** No espeak-ng on this server, or it failed: said plainly, never a partial file. */
	@ExceptionHandler(SpeechUnavailable.class)
	ResponseEntity<String> speechUnavailable(SpeechUnavailable ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.TEXT_PLAIN)
			.body("The notice cannot be read aloud on this server: " + ex.getMessage());
	}

}
