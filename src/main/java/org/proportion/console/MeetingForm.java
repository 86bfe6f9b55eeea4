package org.proportion.console;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.model.Attendee;
import org.proportion.model.Meeting;

/**
 * The meeting form as posted: text as typed, so a refused form comes back exactly as the
 * organiser left it. Rows left blank are ignored; without scripts a form cannot add rows, so it
 * always carries a few blank ones and a button that asks the server for more. Errors are keyed by
 * the id of the input they belong to, so each is shown next to its field and named by the
 * field's aria-describedby.
 */
public class MeetingForm {

	/** Blank rows offered after the filled ones. */
	static final int BLANK_ROWS = 2;

	/** Ids the console's own addresses use under /console/meetings/. */
	static final Set<String> RESERVED = Set.of("new", "calendar");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private String id = "";

	private String title = "";

	private String type = "";

	private String purpose = "";

	private String date = "";

	private String time = "10:00";

	private String cohort = "";

	private String organiserEmail = "";

	private List<AttendeeLine> attendees = new ArrayList<>();

	/** How many attendee and agenda rows the page held, posted first: see {@link #cutShort()}. */
	private int attendeeRows = -1;

	private int agendaRows = -1;

	private List<CaseLine> agenda = new ArrayList<>();

	/** One attendee's inputs. */
	public static class AttendeeLine {

		private String id = "";

		private String name = "";

		private String role = "";

		private String organisationId = "";

		private String email = "";

		boolean blank() {
			return id.isBlank() && name.isBlank() && email.isBlank();
		}

		public String getId() {
			return id;
		}

		public void setId(String id) {
			this.id = id == null ? "" : id.strip();
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name == null ? "" : name.strip();
		}

		public String getRole() {
			return role;
		}

		public void setRole(String role) {
			this.role = role == null ? "" : role;
		}

		public String getOrganisationId() {
			return organisationId;
		}

		public void setOrganisationId(String organisationId) {
			this.organisationId = organisationId == null ? "" : organisationId;
		}

		public String getEmail() {
			return email;
		}

		public void setEmail(String email) {
			this.email = email == null ? "" : email.strip();
		}

	}

	/** One case on the agenda, with the purposes it is discussed for. */
	public static class CaseLine {

		private String caseRef = "";

		private List<String> purposes = new ArrayList<>();

		public String getCaseRef() {
			return caseRef;
		}

		public void setCaseRef(String caseRef) {
			this.caseRef = caseRef == null ? "" : caseRef.strip();
		}

		public List<String> getPurposes() {
			return purposes;
		}

		public void setPurposes(List<String> purposes) {
			this.purposes = purposes == null ? new ArrayList<>() : new ArrayList<>(purposes);
		}

	}

	/** The form filled in from a registered meeting, for editing it. */
	static MeetingForm of(Meeting meeting) {
		MeetingForm form = new MeetingForm();
		form.id = meeting.id();
		form.title = meeting.title();
		form.type = meeting.type() == null ? "" : meeting.type();
		form.purpose = meeting.purpose() == null ? "" : meeting.purpose();
		form.date = meeting.startsAt().toLocalDate().toString();
		form.time = meeting.startsAt().toLocalTime().toString();
		form.cohort = meeting.cohort() == null ? "" : meeting.cohort();
		form.organiserEmail = meeting.organiserEmail() == null ? "" : meeting.organiserEmail();
		for (Attendee a : meeting.attendees()) {
			AttendeeLine line = new AttendeeLine();
			line.setId(a.id());
			line.setName(a.name());
			line.setRole(a.role());
			line.setOrganisationId(a.organisationId());
			line.setEmail(a.email());
			form.attendees.add(line);
		}
		for (String caseRef : meeting.agenda()) {
			CaseLine line = new CaseLine();
			line.setCaseRef(caseRef);
			line.setPurposes(meeting.purposesOf(caseRef));
			form.agenda.add(line);
		}
		return form;
	}

	/**
	 * Whether fewer rows arrived than the page held. The server takes a bounded number of
	 * parameters and drops the rest without a word; a meeting saved from such a post would lose
	 * the agenda's last cases. The row counts come first in the form, so they always arrive.
	 */
	boolean cutShort() {
		return attendeeRows > attendees.size() || agendaRows > agenda.size();
	}

	public int getAttendeeRows() {
		return attendees.size();
	}

	public void setAttendeeRows(int attendeeRows) {
		this.attendeeRows = attendeeRows;
	}

	public int getAgendaRows() {
		return agenda.size();
	}

	public void setAgendaRows(int agendaRows) {
		this.agendaRows = agendaRows;
	}

	/** Drops blank rows and adds {@code blank} fresh ones at the end of each list. */
	MeetingForm withBlankRows(int blank) {
		attendees.removeIf(AttendeeLine::blank);
		agenda.removeIf(c -> c.caseRef.isBlank());
		for (int i = 0; i < blank; i++) {
			attendees.add(new AttendeeLine());
			agenda.add(new CaseLine());
		}
		return this;
	}

	/**
	 * What is wrong with the form, by input id, in words an organiser can act on; empty if the
	 * meeting can be handed to the calendar (which checks again, against the live policies).
	 *
	 * @param editing the id is fixed when a meeting is edited
	 */
	Map<String, String> problems(boolean editing, Set<String> roles, Set<String> organisations, Set<String> meetingPurposes,
			Set<String> casePurposes) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (!editing) {
			if (id.isBlank()) {
				problems.put("id", "Enter an id for the meeting.");
			}
			else if (!ID.matcher(id).matches() || RESERVED.contains(id)) {
				problems.put("id", "Use up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
			}
		}
		if (title.isBlank()) {
			problems.put("title", "Enter the meeting's title.");
		}
		else if (title.length() > 300) {
			problems.put("title", "The title can be up to 300 characters long.");
		}
		if (type.isBlank()) {
			problems.put("type", "Enter the type of meeting, for example rough_sleeping_mam.");
		}
		if (!meetingPurposes.contains(purpose)) {
			problems.put("purpose", "Choose what the meeting is for.");
		}
		if (parsedDate() == null) {
			problems.put("date", "Enter the date as year, month and day, for example 2027-01-12.");
		}
		if (parsedTime() == null) {
			problems.put("time", "Enter the start time as hours and minutes, for example 10:00.");
		}
		if (!organiserEmail.isBlank() && !organiserEmail.contains("@")) {
			problems.put("organiserEmail", "Enter the organiser's email address, like name@example.org.");
		}
		Set<String> seen = new HashSet<>();
		boolean anyone = false;
		for (int i = 0; i < attendees.size(); i++) {
			AttendeeLine a = attendees.get(i);
			if (a.blank()) {
				continue;
			}
			anyone = true;
			String at = "a" + i + "-";
			String who = "Attendee " + (i + 1) + ": ";
			if (a.id.isBlank()) {
				problems.put(at + "id", who + "enter an id for them.");
			}
			else if (!ID.matcher(a.id).matches()) {
				problems.put(at + "id", who + "use up to 64 letters, digits, dots, dashes or underscores for the id.");
			}
			else if (!seen.add(a.id)) {
				problems.put(at + "id", who + "another attendee of this meeting has this id; each needs their own.");
			}
			if (a.name.isBlank()) {
				problems.put(at + "name", who + "enter their name.");
			}
			else if (a.name.length() > 200) {
				problems.put(at + "name", who + "the name can be up to 200 characters long.");
			}
			if (!roles.contains(a.role)) {
				problems.put(at + "role", who + "choose their role.");
			}
			if (!organisations.contains(a.organisationId)) {
				problems.put(at + "organisationId", who + "choose their organisation.");
			}
			if (!a.email.isBlank() && (!a.email.contains("@") || a.email.length() > 200)) {
				problems.put(at + "email", who + "enter an email address, like name@example.org, or leave it empty.");
			}
		}
		if (!anyone) {
			problems.put("a0-id", "Add at least one attendee.");
		}
		Set<String> cases = new HashSet<>();
		for (int i = 0; i < agenda.size(); i++) {
			CaseLine c = agenda.get(i);
			if (c.caseRef.isBlank()) {
				if (!c.purposes.isEmpty()) {
					problems.put("c" + i + "-ref", "Case " + (i + 1) + ": enter the case reference these purposes are for.");
				}
				continue;
			}
			if (!cases.add(c.caseRef)) {
				problems.put("c" + i + "-ref", "Case " + (i + 1) + ": this case is on the agenda already.");
			}
			else if (!casePurposes.containsAll(c.purposes)) {
				problems.put("c" + i + "-ref", "Case " + (i + 1) + ": a purpose chosen is not one the policies know.");
			}
		}
		return problems;
	}

	/** The meeting the form describes; only once {@link #problems} found nothing. */
	Meeting toMeeting(Integer buildHoursBefore, Integer repeatEveryDays) {
		List<Attendee> people = attendees.stream()
			.filter(a -> !a.blank())
			.map(a -> new Attendee(a.id, a.name, a.role, a.organisationId, a.email.isBlank() ? null : a.email))
			.toList();
		List<String> refs = new ArrayList<>();
		Map<String, List<String>> purposes = new LinkedHashMap<>();
		for (CaseLine c : agenda) {
			if (!c.caseRef.isBlank()) {
				refs.add(c.caseRef);
				if (!c.purposes.isEmpty()) {
					purposes.put(c.caseRef, List.copyOf(c.purposes));
				}
			}
		}
		LocalDateTime startsAt = LocalDateTime.of(parsedDate(), parsedTime());
		return new Meeting(id, title.strip(), type.strip(), purpose, startsAt.toLocalDate(),
				cohort.isBlank() ? null : cohort.strip(), people, refs, startsAt, buildHoursBefore,
				organiserEmail.isBlank() ? null : organiserEmail, repeatEveryDays, purposes, null);
	}

	private static final Pattern ATTENDEE_PATH = Pattern.compile("attendees\\[(\\d+)\\]\\.(\\w+)");

	/**
	 * The input a calendar refusal points at ({@code attendees[2].role} names the third filled
	 * attendee, which may sit lower on the form if rows above were left blank), or null.
	 */
	String inputFor(String path) {
		if (path == null) {
			return null;
		}
		Matcher m = ATTENDEE_PATH.matcher(path);
		if (m.matches()) {
			int filled = Integer.parseInt(m.group(1));
			for (int i = 0, seen = -1; i < attendees.size(); i++) {
				if (!attendees.get(i).blank() && ++seen == filled) {
					return "a" + i + "-" + m.group(2);
				}
			}
			return null;
		}
		return switch (path) {
			case "id", "title", "type", "purpose", "organiserEmail" -> path;
			case "startsAt" -> "date";
			default -> null;
		};
	}

	/** The input of the attendee with this id, for a refusal that names an attendee. */
	String inputForAttendee(String attendeeId) {
		for (int i = 0; i < attendees.size(); i++) {
			if (attendees.get(i).id.equals(attendeeId)) {
				return "a" + i + "-id";
			}
		}
		return null;
	}

	private LocalDate parsedDate() {
		try {
			return LocalDate.parse(date.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private LocalTime parsedTime() {
		try {
			return LocalTime.parse(time.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	public String getId() {
		return id;
	}

	public void setId(String id) {
		this.id = id == null ? "" : id.strip();
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title == null ? "" : title;
	}

	public String getType() {
		return type;
	}

	public void setType(String type) {
		this.type = type == null ? "" : type;
	}

	public String getPurpose() {
		return purpose;
	}

	public void setPurpose(String purpose) {
		this.purpose = purpose == null ? "" : purpose;
	}

	public String getDate() {
		return date;
	}

	public void setDate(String date) {
		this.date = date == null ? "" : date;
	}

	public String getTime() {
		return time;
	}

	public void setTime(String time) {
		this.time = time == null ? "" : time;
	}

	public String getCohort() {
		return cohort;
	}

	public void setCohort(String cohort) {
		this.cohort = cohort == null ? "" : cohort;
	}

	public String getOrganiserEmail() {
		return organiserEmail;
	}

	public void setOrganiserEmail(String organiserEmail) {
		this.organiserEmail = organiserEmail == null ? "" : organiserEmail.strip();
	}

	public List<AttendeeLine> getAttendees() {
		return attendees;
	}

	public void setAttendees(List<AttendeeLine> attendees) {
		this.attendees = attendees == null ? new ArrayList<>() : attendees;
	}

	public List<CaseLine> getAgenda() {
		return agenda;
	}

	public void setAgenda(List<CaseLine> agenda) {
		this.agenda = agenda == null ? new ArrayList<>() : agenda;
	}

}
