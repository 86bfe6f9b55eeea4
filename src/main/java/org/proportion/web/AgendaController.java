package org.proportion.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.proportion.ingest.IntakeRejected;
import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.schedule.MeetingCalendar;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organiser sets, per case on the agenda, the purposes it is discussed for (a safeguarding
 * concern, risk to others, a missing person, a housing assessment, a duty-to-refer referral, a
 * law-enforcement request). They decide what a non-support agency may know of who the person is;
 * each setting is kept with who set it and when, and the next build uses it.
 */
@RestController
class AgendaController {

	private final PartnershipRepository partnership;

	private final MeetingCalendar calendar;

	AgendaController(PartnershipRepository partnership, MeetingCalendar calendar) {
		this.partnership = partnership;
		this.calendar = calendar;
	}

	record Purposes(List<String> purposes) {
	}

	@PutMapping("/api/meetings/{meeting}/agenda/{caseRef}/purposes")
	ResponseEntity<?> set(@PathVariable String meeting, @PathVariable String caseRef, @RequestBody Purposes body,
			Principal organiser) {
		Meeting found = partnership.meeting(meeting).orElseThrow(() -> new NoSuchElementException("no such meeting"));
		List<String> purposes = body.purposes() == null ? List.of() : body.purposes();
		try {
			calendar.checkPurposes(found, caseRef, purposes);
		}
		catch (IntakeRejected ex) {
			return Problems.refused(ex);
		}
		partnership.setPurposes(meeting, caseRef, purposes, organiser.getName());
		return ResponseEntity.ok(partnership.purposeHistory(meeting, caseRef));
	}

	@GetMapping("/api/meetings/{meeting}/agenda/{caseRef}/purposes")
	List<Map<String, Object>> history(@PathVariable String meeting, @PathVariable String caseRef) {
		return partnership.purposeHistory(meeting, caseRef);
	}

}
