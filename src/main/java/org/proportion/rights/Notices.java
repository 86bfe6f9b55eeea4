package org.proportion.rights;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

import org.proportion.model.Meeting;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.stereotype.Service;

/**
 * The plain-language notice a case worker goes through with the person: for each meeting, who
 * was told what, and what they were not told. The words come from notices/notice*.properties,
 * so a partnership can translate them; the easy-read variant has one short fact per line.
 */
@Service
public class Notices {

	/** Items a person would want to hear were kept back. */
	static final Set<String> SENSITIVE = Set.of("health_conditions", "support_needs", "nationality", "ethnicity",
			"offences", "notes");

	private final PartnershipRepository partnership;

	Notices(PartnershipRepository partnership) {
		this.partnership = partnership;
	}

	public record Notice(String title, String intro, List<Section> sections, String rights, boolean easyRead) {
	}

	public record Section(String heading, List<String> lines) {
	}

	public Notice write(List<Ledger.Entry> latest, Locale locale, boolean easyRead) {
		ResourceBundle words = ResourceBundle.getBundle("notices/notice", locale);
		String prefix = easyRead ? "easy." : "";
		List<Section> sections = new ArrayList<>();
		Map<String, List<Ledger.Entry>> byMeeting = new LinkedHashMap<>();
		latest.forEach(e -> byMeeting.computeIfAbsent(e.meetingId(), m -> new ArrayList<>()).add(e));
		for (Map.Entry<String, List<Ledger.Entry>> meeting : byMeeting.entrySet()) {
			Meeting m = partnership.meeting(meeting.getKey()).orElse(null);
			String heading = m == null ? meeting.getKey()
					: MessageFormat.format(words.getString("meeting"), word(words, "meeting." + m.type(), m.type()),
							m.date().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", locale)));
			Map<String, Set<String>> told = new LinkedHashMap<>();
			Map<String, Set<String>> notTold = new LinkedHashMap<>();
			Map<String, Set<String>> why = new LinkedHashMap<>();
			Map<String, Set<String>> rolesByOrganisation = new LinkedHashMap<>();
			meeting.getValue()
				.forEach(e -> rolesByOrganisation.computeIfAbsent(e.recipientOrganisation(), o -> new LinkedHashSet<>())
					.add(e.recipientRole()));
			Set<String> ownRecord = new LinkedHashSet<>();
			for (Ledger.Entry e : meeting.getValue()) {
				// Two people from one organisation may have been told different things: name the role too.
				String recipient = rolesByOrganisation.get(e.recipientOrganisation()).size() > 1
						? e.recipientOrganisation() + " (" + e.recipientRole().replace('_', ' ') + ")" : e.recipientOrganisation();
				if ("sharing.own_record".equals(e.rule())) {
					ownRecord.add(recipient);
				}
				told.computeIfAbsent(recipient, r -> new LinkedHashSet<>());
				notTold.computeIfAbsent(recipient, r -> new LinkedHashSet<>());
				if (e.item().equals("case") || e.item().startsWith("trend:") || e.item().equals("pack")) {
					continue;
				}
				String item = word(words, "item." + e.item(), words.getString("item.other"));
				if (Ledger.released(e)) {
					told.get(recipient).add(item);
					if (e.basis() != null) {
						why.computeIfAbsent(recipient, r -> new LinkedHashSet<>()).add(e.basis());
					}
				}
				else if (SENSITIVE.contains(e.item())) {
					notTold.get(recipient).add(item);
				}
			}
			List<String> lines = new ArrayList<>();
			for (String recipient : told.keySet()) {
				Set<String> items = told.get(recipient);
				if (ownRecord.contains(recipient)) {
					lines.add(MessageFormat.format(words.getString(prefix + "holds"), recipient));
					continue;
				}
				if (items.isEmpty()) {
					lines.add(MessageFormat.format(words.getString(prefix + "nothing"), recipient));
					continue;
				}
				if (easyRead) {
					items.forEach(i -> lines.add(MessageFormat.format(words.getString("easy.told"), recipient, i)));
					notTold.get(recipient)
						.forEach(i -> lines.add(MessageFormat.format(words.getString("easy.not_told"), recipient, i)));
				}
				else {
					lines.add(MessageFormat.format(words.getString("told"), recipient, list(words, items)));
					if (!notTold.get(recipient).isEmpty()) {
						lines.add(MessageFormat.format(words.getString("not_told"), recipient, list(words, notTold.get(recipient))));
					}
					if (why.containsKey(recipient)) {
						lines.add(MessageFormat.format(words.getString("why"), String.join("; ", why.get(recipient))));
					}
				}
			}
			sections.add(new Section(heading, lines));
		}
		return new Notice(words.getString(prefix + "title"), words.getString(prefix + "intro"), sections,
				words.getString(prefix + "rights"), easyRead);
	}

	private static String list(ResourceBundle words, Set<String> items) {
		List<String> all = new ArrayList<>(items);
		if (all.size() == 1) {
			return all.get(0);
		}
		return String.join(", ", all.subList(0, all.size() - 1)) + " " + words.getString("and") + " " + all.get(all.size() - 1);
	}

	private static String word(ResourceBundle words, String key, String fallback) {
		try {
			return words.getString(key);
		}
		catch (MissingResourceException ex) {
			return fallback;
		}
	}

}
