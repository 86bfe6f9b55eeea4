package org.proportion.pack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.proportion.model.CaseRecord;
import org.proportion.model.Decision;
import org.proportion.redact.Analysis;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.operate.Redactor;

/**
 * Free text of one case in one pack build: each note is scanned once, with what the case record
 * knows about its subject, and redacted for each attendee from that one analysis. The engine
 * keeps analyses by the note's and the context's digests across builds, so an unchanged note is
 * not scanned again when the pack is rebuilt.
 */
final class NoteRedaction {

	/** The redacted text and what was found, for the decision log. */
	record Result(String text, String summary) {
	}

	private final RedactionEngine engine;

	private final CaseRecord record;

	private final ScanContext context;

	private final Map<String, List<Analysis>> analyses = new HashMap<>();

	NoteRedaction(RedactionEngine engine, CaseRecord record) {
		this.engine = engine;
		this.record = record;
		this.context = contextOf(record);
	}

	/** Throws if the engine cannot scan or an operator is unknown: the caller withholds. */
	Result redact(String field, Object value, Decision decision, Function<String, String> pseudonyms) {
		List<Analysis> notes = analyses.computeIfAbsent(field, f -> scan(value));
		List<String> texts = new ArrayList<>();
		List<String> summaries = new ArrayList<>();
		for (Analysis analysis : notes) {
			// The reader's sensitivity level picks which findings count; an unknown level throws, and the note is withheld.
			Redactor.Redacted redacted = Redactor.apply(analysis.at(decision.sensitivity()), decision.entities(),
					record.caseRef(), pseudonyms);
			texts.add(redacted.text());
			summaries.add(redacted.summary());
		}
		return new Result(String.join("\n\n", texts), String.join("; ", summaries));
	}

	/** Scans the field's notes into the engine's cache without redacting them (see NotesOnArrival). */
	void analyse(String field, Object value) {
		analyses.computeIfAbsent(field, f -> scan(value));
	}

	private List<Analysis> scan(Object value) {
		List<String> notes = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
				: List.of(String.valueOf(value));
		return notes.stream().map(note -> engine.analyzeOnce(note, context)).toList();
	}

	private static ScanContext contextOf(CaseRecord record) {
		Map<String, Object> fields = record.fields();
		List<String> names = new ArrayList<>();
		addText(fields.get("name"), names);
		List<String> aliases = new ArrayList<>();
		addText(fields.get("aliases"), aliases);
		List<String> addresses = new ArrayList<>();
		for (String field : List.of("sleep_site", "postcode", "address")) {
			addText(fields.get(field), addresses);
		}
		Object dob = fields.get(CaseRecord.DATE_OF_BIRTH);
		return new ScanContext(names, dob instanceof String s ? s : null, addresses, aliases);
	}

	private static void addText(Object value, List<String> into) {
		if (value instanceof List<?> list) {
			list.forEach(v -> into.add(String.valueOf(v)));
		}
		else if (value instanceof String s && !s.isBlank()) {
			into.add(s);
		}
	}

}
