package org.proportion.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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

/** The canonical case store: one row per agency record, replaced when the agency sends it again. */
@Repository
public class CaseRepository {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	CaseRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Inserts or replaces one record; the caller owns the transaction. */
	public void save(CaseRecord record, long batchId) {
		String fields = write(record.fields());
		String consent = record.consent() == null ? null : write(record.consent());
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.sql("update case_record set fields = ?, consent = ?, batch_id = ?, updated_at = ? where case_ref = ?")
			.params(fields, consent, batchId, now, record.caseRef())
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into case_record (case_ref, agency, agency_ref, fields, consent, batch_id, updated_at)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(record.caseRef(), record.agency(), record.agencyRef(), fields, consent, batchId, now)
				.update();
		}
	}

	/** Erasure: the record is gone, and stays gone; the decision log keeps only its reference. */
	public boolean delete(String caseRef) {
		if (!erased(caseRef)) {
			jdbc.sql("insert into erased_case (case_ref, erased_on) values (?, ?)")
				.params(caseRef, java.sql.Date.valueOf(java.time.LocalDate.now()))
				.update();
		}
		return jdbc.sql("delete from case_record where case_ref = ?").param(caseRef).update() == 1;
	}

	public boolean erased(String caseRef) {
		return jdbc.sql("select count(*) from erased_case where case_ref = ?").param(caseRef).query(Integer.class).single() > 0;
	}

	/** A withdrawal made through the person's request, which an agency's export cannot undo. */
	public void recordWithdrawal(String caseRef, java.time.LocalDate on) {
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
		if (!objected(caseRef)) {
			jdbc.sql("insert into objection (case_ref, objected_on) values (?, ?)").params(caseRef, on).update();
		}
	}

	public Optional<CaseRecord> find(String caseRef) {
		return jdbc.sql("select * from case_record where case_ref = ?").param(caseRef).query(this::map).optional();
	}

	public List<CaseRecord> all() {
		return jdbc.sql("select * from case_record order by case_ref").query(this::map).list();
	}

	public int count() {
		return jdbc.sql("select count(*) from case_record").query(Integer.class).single();
	}

	private CaseRecord map(ResultSet rs, int row) throws SQLException {
		try {
			String ref = rs.getString("case_ref");
			String stored = rs.getString("consent");
			Consent consent = stored == null ? null : json.readValue(stored, Consent.class);
			java.time.LocalDate withdrawn = jdbc.sql("select withdrawn_on from consent_withdrawal where case_ref = ?")
				.param(ref)
				.query(java.sql.Date.class)
				.optional()
				.map(java.sql.Date::toLocalDate)
				.orElse(null);
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
