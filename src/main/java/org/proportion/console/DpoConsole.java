package org.proportion.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.proportion.emergency.Emergencies;
import org.proportion.emergency.EmergencyReviews;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.Simulator;
import org.proportion.rights.Ledger;
import org.proportion.rights.RightsService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's pages: the emergency review queue, the policy simulator, and people (find a person,
 * open a subject access request, read its report). Each calls the service the API calls
 * (EmergencyReviews, Simulator, Ledger and RightsService). A person's name and date of birth are
 * only ever posted, never put in an address that proxies and logs keep.
 */
@Controller
class DpoConsole {

	private final Emergencies emergencies;

	private final EmergencyReviews reviews;

	private final Simulator simulator;

	private final PartnershipRepository partnership;

	private final Ledger ledger;

	private final RightsService rights;

	private final Clock clock;

	DpoConsole(Emergencies emergencies, EmergencyReviews reviews, Simulator simulator, PartnershipRepository partnership,
			Ledger ledger, RightsService rights, Clock clock) {
		this.emergencies = emergencies;
		this.reviews = reviews;
		this.simulator = simulator;
		this.partnership = partnership;
		this.ledger = ledger;
		this.rights = rights;
		this.clock = clock;
	}

	@GetMapping("/console/dpo/reviews")
	String queue(Model model) {
		model.addAttribute("queue", emergencies.awaitingReview());
		return "console/reviews";
	}

	/**
	 * Approves (records the retrospective justification: the share stands as justified) or refuses
	 * (records why it was not justified, for the partnership's follow-up) an emergency share. Either
	 * way it leaves the queue and is no longer in force, so the pack is rebuilt without it.
	 */
	@PostMapping("/console/dpo/reviews/{id}")
	String review(@PathVariable String id, @RequestParam String decision, @RequestParam(required = false) String justification,
			Authentication dpo, RedirectAttributes redirect) {
		if (!decision.equals("approve") && !decision.equals("refuse")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose approve or refuse");
		}
		if (justification == null || justification.isBlank()) {
			redirect.addFlashAttribute("problem", "Emergency share " + id + " was not reviewed: give the justification.");
			return "redirect:/console/dpo/reviews";
		}
		String recorded = (decision.equals("approve") ? "Approved: " : "Refused: ") + justification.strip();
		boolean reviewed = reviews.review(id, dpo.getName(), recorded).isPresent();
		if (reviewed) {
			redirect.addFlashAttribute("outcome", "Emergency share " + id + " was " + decision
					+ "d and recorded; the meeting's pack is rebuilt without it.");
		}
		else {
			redirect.addFlashAttribute("problem", "Emergency share " + id + " is not awaiting review (reviewed already?).");
		}
		return "redirect:/console/dpo/reviews";
	}

	@GetMapping("/console/dpo/simulator")
	String simulator(Model model) {
		model.addAttribute("meetings", partnership.meetings());
		model.addAttribute("drafts", simulator.drafts());
		return "console/simulator";
	}

	/** Runs the draft against a stored meeting and shows what would change; nothing is changed. */
	@PostMapping("/console/dpo/simulator")
	String simulate(@RequestParam String meeting, @RequestParam String draft, Model model) {
		model.addAttribute("meetings", partnership.meetings());
		model.addAttribute("drafts", simulator.drafts());
		model.addAttribute("chosenMeeting", meeting);
		model.addAttribute("chosenDraft", draft);
		try {
			model.addAttribute("changes", simulator.simulate(meeting, draft));
		}
		catch (IllegalArgumentException | NoSuchElementException ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return "console/simulator";
	}

	@GetMapping("/console/dpo/people")
	String people(Model model) {
		model.addAttribute("requests", deadlines());
		return "console/people";
	}

	private List<Deadline> deadlines() {
		LocalDate today = LocalDate.now(clock);
		return rights.openRequests().stream().map(r -> Deadline.of(r, today)).toList();
	}

	/** Every record matching the name and date of birth, each apart: namesakes are never merged. */
	@PostMapping("/console/dpo/people/find")
	String find(@RequestParam String name, @RequestParam String dob, Model model) {
		model.addAttribute("requests", deadlines());
		model.addAttribute("searched", true);
		model.addAttribute("candidates", name.isBlank() || dob.isBlank() ? List.of() : ledger.candidates(name.strip(), dob.strip()));
		return "console/people";
	}

	/** Opens a subject access request for the chosen record (received today) and shows its report. */
	@PostMapping("/console/dpo/people/access-requests")
	String open(@RequestParam String ref, RedirectAttributes redirect) {
		Set<String> refs = new LinkedHashSet<>(ledger.caseRefs(ref, null, null));
		if (refs.isEmpty()) {
			redirect.addFlashAttribute("problem", "No case record has that reference.");
			return "redirect:/console/dpo/people";
		}
		RightsService.Request request = rights.openRequest(refs, LocalDate.now(clock));
		return "redirect:/console/dpo/access-requests/" + request.id();
	}

	@GetMapping("/console/dpo/access-requests/{id}")
	String report(@PathVariable String id, Model model) {
		try {
			model.addAttribute("report", rights.accessReport(id));
		}
		catch (NoSuchElementException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request");
		}
		// The existing report, as the person receives it (RightsController serves the same one).
		return "subject-access-report";
	}

}
