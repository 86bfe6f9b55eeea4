package org.proportion.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.model.CaseRecord;
import org.proportion.model.Consent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The canonical case store: one row per agency record, replaced when the agency sends a newer
 * export of it. What a person asked for (erasure, corrections, consent withdrawal, objection) is
 * kept apart, so that no export undoes it.
 */
@Repository
public class CaseRepository {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final org.springframework.context.ApplicationEventPublisher events;

	CaseRepository(JdbcClient jdbc, ObjectMapper json, org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/**
	 * What storing one exported record did: whether it was applied (an export older than the one
	 * held is not), and which fields disagreed with a correction made at the person's request.
	 */
	public record Saved(boolean applied, List<String> disagreeingFields) {
	}

	/**
	 * Inserts or replaces one record; the caller owns the transaction. Corrections made at the
	 * person's request are applied over the export (the agency is told through the result), and
	 * a record exported before the one held never replaces it.
	 */
	public Saved save(CaseRecord record, long batchId, Instant exportedAt) {
		Map<String, Object> fields = new LinkedHashMap<>(record.fields());
		List<String> disagreeing = new ArrayList<>();
		corrections(record.caseRef()).forEach((field, corrected) -> {
			if (fields.containsKey(field) && !corrected.equals(fields.get(field))) {
				disagreeing.add(field);
				fields.put(field, corrected);
			}
		});
		String written = write(fields);
		String consent = record.consent() == null ? null : write(record.consent());
		Timestamp now = Timestamp.from(Instant.now());
		Timestamp exported = Timestamp.from(exportedAt);
		int updated = jdbc.sql("""
				update case_record set fields = ?, consent = ?, batch_id = ?, updated_at = ?, exported_at = ?
				where case_ref = ? and (exported_at is null or exported_at <= ?)""")
			.params(written, consent, batchId, now, exported, record.caseRef(), exported)
			.update();
		if (updated == 0) {
			// Held already (from a later export), or erased since the intake checked: not stored.
			if (find(record.caseRef()).isPresent() || erased(record.caseRef())) {
				return new Saved(false, List.of());
			}
			jdbc.sql("""
					insert into case_record (case_ref, agency, agency_ref, fields, consent, batch_id, updated_at, exported_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(record.caseRef(), record.agency(), record.agencyRef(), written, consent, batchId, now, exported)
				.update();
		}
		for (String field : disagreeing) {
			jdbc.sql("""
					insert into correction_conflict (case_ref, agency, field, batch_id, reported_at)
					values (?, ?, ?, ?, ?)""")
				.params(record.caseRef(), record.agency(), field, batchId, now)
				.update();
		}
		events.publishEvent(new CaseStored(record.caseRef()));
		return new Saved(true, disagreeing);
	}

	/** A correction made at the person's request: kept apart, so no later export undoes it. */
	public void recordCorrection(String caseRef, String field, Object value, java.time.LocalDate on) {
		rightsChanged();
		jdbc.sql("delete from case_correction where case_ref = ? and field = ?").params(caseRef, field).update();
		jdbc.sql("insert into case_correction (case_ref, field, corrected_value, corrected_on) values (?, ?, ?, ?)")
			.params(caseRef, field, write(value), java.sql.Date.valueOf(on))
			.update();
	}

	/** The corrections in force for a case: field to corrected value, in canonical form. */
	public Map<String, Object> corrections(String caseRef) {
		Map<String, Object> corrections = new LinkedHashMap<>();
		jdbc.sql("select field, corrected_value from case_correction where case_ref = ? order by field")
			.param(caseRef)
			.query(rs -> {
				try {
					corrections.put(rs.getString("field"), json.readValue(rs.getString("corrected_value"), Object.class));
				}
				catch (JsonProcessingException ex) {
					throw new IllegalStateException("Stored correction is not valid JSON: " + caseRef);
				}
			});
		return corrections;
	}

	/** Agency exports that disagreed with a correction: case, agency, field and when; never a value. */
	public List<Map<String, Object>> correctionConflicts(String caseRef) {
		return jdbc.sql("select agency, field, batch_id, reported_at from correction_conflict where case_ref = ? order by id")
			.param(caseRef)
			.query()
			.listOfRows();
	}

	/** Erasure: the record is gone, and stays gone; the decision log keeps only its reference. */
	public boolean delete(String caseRef) {
		rightsChanged();
		if (!erased(caseRef)) {
			jdbc.sql("insert into erased_case (case_ref, erased_on) values (?, ?)")
				.params(caseRef, java.sql.Date.valueOf(java.time.LocalDate.now()))
				.update();
		}
		// The corrected values are the person's data too.
		jdbc.sql("delete from case_correction where case_ref = ?").param(caseRef).update();
		return jdbc.sql("delete from case_record where case_ref = ?").param(caseRef).update() == 1;
	}

	/**
	 * How many changes made at people's request (erasure, correction, consent withdrawal,
	 * objection) the store has seen. A pack build reads it before it reads the records, and again
	 * in its release transaction ({@link #rightsGenerationHeld()}): a different number means a
	 * record it read may since have been erased or changed at the person's request, so it must not
	 * release what it read.
	 */
	public long rightsGeneration() {
		return jdbc.sql("select generation from rights_change where id = 1").query(Long.class).single();
	}

	/**
	 * The same number, read with the counter's row locked until the caller's transaction ends (a
	 * release): a change at a person's request still open elsewhere is waited for and then seen,
	 * and one that starts meanwhile waits for the release to commit, so it then finds (and tells,
	 * and rebuilds) what was released. A plain read would miss a change committed between the
	 * check and the release's commit.
	 */
	public long rightsGenerationHeld() {
		return jdbc.sql("select generation from rights_change where id = 1 for update").query(Long.class).single();
	}

	// The first statement of every change at a person's request, in the caller's transaction: it
	// takes the counter's row lock before anything else is read or changed (see rightsGenerationHeld).
	private void rightsChanged() {
		if (jdbc.sql("update rights_change set generation = generation + 1 where id = 1").update() != 1) {
			throw new IllegalStateException("The rights change counter is missing");
		}
	}

	public boolean erased(String caseRef) {
		return jdbc.sql("select count(*) from erased_case where case_ref = ?").param(caseRef).query(Integer.class).single() > 0;
	}

	/** A withdrawal made through the person's request, which an agency's export cannot undo. */
	public void recordWithdrawal(String caseRef, java.time.LocalDate on) {
		rightsChanged();
		if (jdbc.sql("select count(*) from consent_withdrawal where case_ref = ?").param(caseRef).query(Integer.class).single() == 0) {
			jdbc.sql("insert into consent_withdrawal (case_ref, withdrawn_on) values (?, ?)").params(caseRef, on).update();
		}
	}

	/** Correction or consent change: the record's fields and consent as they now stand. */
	public void update(CaseRecord record) {
		int updated = jdbc.sql("update case_record set fields = ?, consent = ?, updated_at = ? where case_ref = ?")
			.params(write(record.fields()), record.consent() == null ? null : write(record.consent()),
					Timestamp.from(Instant.now()), record.caseRef())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("No case record " + record.caseRef());
		}
	}

	public boolean objected(String caseRef) {
		return jdbc.sql("select count(*) from objection where case_ref = ?").param(caseRef).query(Integer.class).single() > 0;
	}

	public void recordObjection(String caseRef, java.time.LocalDate on) {
		rightsChanged();
		if (!objected(caseRef)) {
			jdbc.sql("insert into objection (case_ref, objected_on) values (?, ?)").params(caseRef, on).update();
		}
	}

	// A withdrawal is read with its record, in the same query: never a query inside a row mapper,
	// which would hold a second pooled connection per row. An erased case's record is never read,
	// even if an export stored it again in the moment its erasure committed (see save).
	private static final String SELECT = """
			select c.*, (select max(w.withdrawn_on) from consent_withdrawal w where w.case_ref = c.case_ref) as withdrawn_on
			from case_record c where not exists (select 1 from erased_case e where e.case_ref = c.case_ref)""";

	public Optional<CaseRecord> find(String caseRef) {
		return jdbc.sql(SELECT + " and c.case_ref = ?").param(caseRef).query(this::map).optional();
	}

	public List<CaseRecord> all() {
		return jdbc.sql(SELECT + " order by c.case_ref").query(this::map).list();
	}

	/** Whether any of the cases' records was stored or corrected after the given time. */
	public boolean anyUpdatedAfter(java.util.Collection<String> caseRefs, Instant after) {
		Timestamp since = Timestamp.from(after);
		for (String ref : caseRefs) {
			Integer newer = jdbc.sql("select count(*) from case_record where case_ref = ? and updated_at > ?")
				.params(ref, since)
				.query(Integer.class)
				.single();
			if (newer > 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The records of these case references that have been received, by reference, read as
	 * {@link #all()} reads them (a few hundred references a query).
	 */
	public Map<String, CaseRecord> byRefs(java.util.Collection<String> caseRefs) {
		Map<String, CaseRecord> found = new LinkedHashMap<>();
		List<String> refs = List.copyOf(new java.util.LinkedHashSet<>(caseRefs));
		for (int from = 0; from < refs.size(); from += 500) {
			List<String> chunk = refs.subList(from, Math.min(refs.size(), from + 500));
			String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
			jdbc.sql(SELECT + " and c.case_ref in (" + marks + ")")
				.params(chunk.toArray())
				.query(this::map)
				.list()
				.forEach(r -> found.put(r.caseRef(), r));
		}
		return found;
	}

	/** The cases whose person has objected (Art 21), in one query for a whole agenda. */
	public java.util.Set<String> objectedAmong(java.util.Collection<String> caseRefs) {
		java.util.Set<String> objected = new java.util.HashSet<>(
				jdbc.sql("select case_ref from objection").query(String.class).list());
		objected.retainAll(new java.util.HashSet<>(caseRefs));
		return objected;
	}

	public int count() {
		return jdbc.sql("select count(*) from case_record").query(Integer.class).single();
	}

	private CaseRecord map(ResultSet rs, int row) throws SQLException {
		try {
			String ref = rs.getString("case_ref");
			String stored = rs.getString("consent");
			Consent consent = stored == null ? null : json.readValue(stored, Consent.class);
			java.sql.Date withdrawnOn = rs.getDate("withdrawn_on");
			java.time.LocalDate withdrawn = withdrawnOn == null ? null : withdrawnOn.toLocalDate();
			if (withdrawn != null) {
				consent = consent == null ? new Consent(java.util.List.of(), java.util.List.of(), null, null, withdrawn, null)
						: new Consent(consent.purposes(), consent.organisations(), consent.method(), consent.obtainedOn(),
								withdrawn, consent.validUntil());
			}
			return new CaseRecord(ref, rs.getString("agency"), rs.getString("agency_ref"),
					json.readValue(rs.getString("fields"), FIELDS), consent);
		}
		catch (JsonProcessingException ex) {
			// Never echo the stored text: it is personal data.
			throw new IllegalStateException("Stored case record is not valid JSON: " + rs.getString("case_ref"));
		}
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Case record could not be serialised", ex);
		}
	}

}
