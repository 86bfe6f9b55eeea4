package org.proportion.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.proportion.cases.CaseRepository;
import org.proportion.model.CaseRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The intake route's store step: a mapped drop as one batch and its records. Runs only inside the
 * route's store transaction (with the drop's digest), so the whole drop is stored or none of it.
 * An export older than the records held does not replace them; a record erased at the person's
 * request is not brought back; a correction the person asked for stands over the export, and the
 * agency is told by record and column, never by value.
 */
@Component("dropStore")
public class DropStore {

	private static final Logger log = LoggerFactory.getLogger(DropStore.class);

	private final CaseRepository cases;

	private final JdbcClient jdbc;

	DropStore(CaseRepository cases, JdbcClient jdbc) {
		this.cases = cases;
		this.jdbc = jdbc;
	}

	/**
	 * Stores the drop's records as one batch. The batch keeps the sha-256 of the bytes as sent
	 * ({@code content_sha256}, unique: the same bytes are never two batches), by which a drop can
	 * be traced to what is stored; repeats are recognised before this by the drop's digest.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public IntakeService.Result store(AgencyMapping mapping, List<CaseRecord> records, byte[] content, String source,
			Instant exported) {
		String agency = mapping.agency();
		String digest = sha256(content);
		// These exact bytes are a batch already, stored before intake_digest existed (V30) or sent
		// by another agency: answered as a repeat, as before, rather than failing on the unique
		// content_sha256 and being retried and parked. The drop's digest then commits, so the
		// idempotent consumer recognises the next one.
		if (jdbc.sql("select count(*) from intake_batch where content_sha256 = ?").param(digest).query(Integer.class).single() > 0) {
			return repeat(mapping);
		}
		jdbc.sql("""
				insert into intake_batch (agency, source, content_sha256, record_count, received_at)
				values (?, ?, ?, ?, ?)""")
			.params(agency, source, digest, records.size(), Timestamp.from(Instant.now()))
			.update();
		long batchId = jdbc.sql("select id from intake_batch where content_sha256 = ?").param(digest).query(Long.class).single();
		Instant exportedAt = exported == null ? Instant.now() : exported;
		List<String> notes = new ArrayList<>();
		List<Integer> older = new ArrayList<>();
		int stored = 0;
		int erased = 0;
		for (int i = 0; i < records.size(); i++) {
			CaseRecord record = records.get(i);
			// A record erased at the person's request is not brought back by the agency's next export.
			if (cases.erased(record.caseRef())) {
				erased++;
				continue;
			}
			CaseRepository.Saved saved = cases.save(record, batchId, exportedAt);
			if (!saved.applied()) {
				older.add(i + 1);
				continue;
			}
			stored++;
			for (String field : saved.disagreeingFields()) {
				notes.add("Record " + (i + 1) + ": column '" + column(mapping, field) + "' differs from a correction made at "
						+ "the person's request; the corrected value is kept. Please correct your own record.");
			}
		}
		if (!older.isEmpty()) {
			notes.add("Records " + older + " were exported before the records already held and were not applied.");
		}
		log.info("Stored {} records from {} ({} erased at the person's request, {} older than held, {} notes)", stored,
				agency, erased, older.size(), notes.size());
		return new IntakeService.Result("stored", agency, stored, notes);
	}

	/** A drop whose digest is already recorded: the same drop sent again, taken once. */
	public IntakeService.Result repeat(AgencyMapping mapping) {
		log.info("Duplicate drop from {} ignored: same content already stored", mapping.agency());
		return new IntakeService.Result("duplicate", mapping.agency(), 0);
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// The agency's own column name for a canonical field: what it will recognise in its export.
	private static String column(AgencyMapping mapping, String field) {
		return mapping.columns()
			.entrySet()
			.stream()
			.filter(e -> field.equals(e.getValue()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(field);
	}

}
