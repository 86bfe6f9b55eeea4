package org.proportion.console;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.proportion.ingest.IntakeRejected;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.PolicyVocabulary;
import org.proportion.schedule.MeetingCalendar;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organiser's calendar, and adding or changing a meeting. A meeting is kept by the same
 * calendar the REST API uses (MeetingCalendar: the same checks against the partnership and the
 * live policies), so a meeting made here is one the scheduler builds and the API lists. The form
 * first checks what it can itself, so every problem is shown next to its field at once; a
 * refusal from the calendar is placed next to the field it names.
 */
@Controller
class MeetingPlanner {

	private final PartnershipRepository partnership;

	private final MeetingCalendar calendar;

	private final PolicyVocabulary vocabulary;

	private final Clock clock;

	MeetingPlanner(PartnershipRepository partnership, MeetingCalendar calendar, PolicyVocabulary vocabulary, Clock clock) {
		this.partnership = partnership;
		this.calendar = calendar;
		this.vocabulary = vocabulary;
		this.clock = clock;
	}

	/** A regional panel's agenda can hold a thousand cases: more rows than the binder grows by default. */
	@InitBinder("form")
	void rows(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(20_000);
	}

	/** A month of meetings; this month unless another is asked for (year-month, as 2027-01). */
	@GetMapping("/console/meetings/calendar")
	String calendar(@RequestParam(required = false) String month, Model model) {
		YearMonth shown;
		try {
			shown = month == null || month.isBlank() ? YearMonth.now(clock) : YearMonth.parse(month.strip());
		}
		catch (DateTimeParseException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Ask for a month as year-month, for example 2027-01");
		}
		model.addAttribute("grid", MonthGrid.of(shown, partnership.meetings(), LocalDate.now(clock)));
		return "console/calendar";
	}

	@GetMapping("/console/meetings/new")
	String blank(Model model) {
		return form(new MeetingForm().withBlankRows(3), false, Map.of(), model);
	}

	@PostMapping("/console/meetings/new")
	String create(@ModelAttribute("form") MeetingForm form, @RequestParam(required = false) String more, Principal organiser,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (more != null) {
			return form(form.withBlankRows(MeetingForm.BLANK_ROWS), false, Map.of(), model);
		}
		Map<String, String> problems = problems(form, false);
		if (problems.isEmpty()) {
			try {
				Meeting added = calendar.add(form.toMeeting(null, null), organiser.getName());
				redirect.addFlashAttribute("outcome", "Meeting " + added.id() + " was added to the calendar. Its pack is"
						+ " built and sent " + added.buildHoursBefore() + " hours before it starts, or now with Build now.");
				return "redirect:/console/meetings/" + added.id();
			}
			catch (IntakeRejected ex) {
				problems = refusal(form, ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return form(form, false, problems, model);
	}

	@GetMapping("/console/meetings/{meeting}/edit")
	String edit(@PathVariable String meeting, Model model) {
		return form(MeetingForm.of(find(meeting)).withBlankRows(MeetingForm.BLANK_ROWS), true, Map.of(), model);
	}

	@PostMapping("/console/meetings/{meeting}/edit")
	String update(@PathVariable String meeting, @ModelAttribute("form") MeetingForm form,
			@RequestParam(required = false) String more, Principal organiser, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Meeting registered = find(meeting);
		// The id is the address's: an edit never moves a meeting's packs, links and log to another.
		form.setId(registered.id());
		if (more != null) {
			return form(form.withBlankRows(MeetingForm.BLANK_ROWS), true, Map.of(), model);
		}
		Map<String, String> problems = problems(form, true);
		if (problems.isEmpty()) {
			try {
				calendar.update(form.toMeeting(registered.buildHoursBefore(), registered.repeatEveryDays()),
						organiser.getName());
				redirect.addFlashAttribute("outcome", "Meeting " + meeting + " was changed. The next pack uses the change:"
						+ " build now to send it before the scheduled build.");
				return "redirect:/console/meetings/" + meeting;
			}
			catch (IntakeRejected ex) {
				problems = refusal(form, ex);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
		return form(form, true, problems, model);
	}

	private Map<String, String> problems(MeetingForm form, boolean editing) {
		if (form.cutShort()) {
			return Map.of("form", "The form was too large to arrive whole, so nothing was saved: a meeting with"
					+ " this many cases cannot be changed in this form; set its case purposes through the API.");
		}
		return form.problems(editing, vocabulary.roles(), partnership.organisationsById().keySet(),
				vocabulary.meetingPurposes(), vocabulary.casePurposes());
	}

	/** The calendar's refusal, next to the field it names, or above the form if it names none. */
	private static Map<String, String> refusal(MeetingForm form, IntakeRejected ex) {
		Map<String, String> problems = new LinkedHashMap<>();
		String input = form.inputFor((String) ex.properties().get("field"));
		if (input == null && ex.properties().get("fields") instanceof Collection<?> fields && !fields.isEmpty()) {
			input = form.inputFor(String.valueOf(fields.iterator().next()));
		}
		if (input == null && ex.properties().get("attendee") instanceof String attendee) {
			input = form.inputForAttendee(attendee);
		}
		problems.put(input == null ? "form" : input, ex.getMessage());
		return problems;
	}

	private String form(MeetingForm form, boolean editing, Map<String, String> problems, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("editing", editing);
		model.addAttribute("problems", problems);
		model.addAttribute("roles", List.copyOf(new java.util.TreeSet<>(vocabulary.roles())));
		model.addAttribute("organisations", partnership.organisations().stream().sorted(java.util.Comparator.comparing(Organisation::name)).toList());
		model.addAttribute("meetingPurposes", List.copyOf(new java.util.TreeSet<>(vocabulary.meetingPurposes())));
		model.addAttribute("casePurposes", List.copyOf(new java.util.TreeSet<>(vocabulary.casePurposes())));
		return "console/meeting-form";
	}

	private Meeting find(String meeting) {
		return partnership.meeting(meeting)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such meeting"));
	}

}
