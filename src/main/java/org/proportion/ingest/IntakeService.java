package org.proportion.ingest;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.proportion.cases.CaseRepository;
import org.proportion.model.CaseRecord;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validates an agency drop, maps it to canonical records and stores it in one transaction. The
 * same bytes dropped again are recognised by their digest and stored once. An empty drop or one
 * over the size limit is refused with its reason; an export older than the records held does not
 * replace them; a correction the person asked for stands over the export, and the agency is told.
 */
@Service
public class IntakeService {

	private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

	private final AgencyMappings mappings;

	private final RecordMapper mapper;

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	private final JdbcClient jdbc;

	private final IntakeReports reports;

	private final long maxBytes;

	IntakeService(AgencyMappings mappings, RecordMapper mapper, PartnershipRepository partnership,
			CaseRepository cases, JdbcClient jdbc, IntakeReports reports,
			@Value("${proportion.intake.max-bytes:16777216}") long maxBytes) {
		this.mappings = mappings;
		this.mapper = mapper;
		this.partnership = partnership;
		this.cases = cases;
		this.jdbc = jdbc;
		this.reports = reports;
		this.maxBytes = maxBytes;
	}

	/**
	 * What happened to a drop. Notes tell the agency, by record number and column and never by
	 * value, what was not applied as sent: a field that disagrees with a correction the person
	 * asked for, or a record older than the one already held.
	 */
	public record Result(String status, String agency, int records, List<String> notes) {

		public Result(String status, String agency, int records) {
			this(status, agency, records, List.of());
		}

	}

	/** Refuses a file over the size limit before it is read into memory. */
	public void checkSize(Long length) {
		if (length != null && length > maxBytes) {
			throw tooLarge();
		}
	}

	private IntakeRejected tooLarge() {
		return new IntakeRejected("too_large", "The drop is larger than the limit of " + maxBytes + " bytes");
	}

	/** A file dropped in the inbox: the folder it was dropped in names the agency. */
	@Transactional
	public Result fromFile(String relativePath, byte[] content) {
		return fromFile(relativePath, content, null);
	}

	/** As above; the file's time says when the agency exported it, so an older export never wins. */
	@Transactional
	public Result fromFile(String relativePath, byte[] content, Long lastModified) {
		Path path = Path.of(relativePath);
		String agency = path.getNameCount() > 1 ? path.getName(0).toString() : "";
		String name = path.getFileName().toString();
		String format = name.toLowerCase(Locale.ROOT).endsWith(".fhir.json") ? "fhir"
				: name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
		Instant exported = lastModified == null || lastModified <= 0 ? Instant.now() : Instant.ofEpochMilli(lastModified);
		Result result = ingest(agency, format, relativePath, content, exported);
		// Nobody reads a file drop's answer: notes go where the agency collects its reports.
		reports.write(relativePath, result);
		return result;
	}

	/** A REST post: the path names the agency, the content type the format. */
	@Transactional
	public Result fromRequest(String agency, String contentType, byte[] content) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		String format = type.contains("fhir") ? "fhir" : type.contains("csv") ? "csv" : type.contains("json") ? "json" : type;
		return ingest(agency, format, "rest:" + agency, content, Instant.now());
	}

	/**
	 * A message from another channel (a Kafka topic): the channel names the agency and the source,
	 * the payload its format (JSON starts with '{' or '[' and may be a single record; anything
	 * else is read as CSV); the time the message was written says when it was exported.
	 */
	@Transactional
	public Result fromMessage(String agency, String source, byte[] content, Long timestamp) {
		String format = startsJson(content) ? "json-record" : "csv";
		Instant exported = timestamp == null || timestamp <= 0 ? Instant.now() : Instant.ofEpochMilli(timestamp);
		return ingest(agency, format, source, content, exported);
	}

	private static boolean startsJson(byte[] content) {
		if (content == null) {
			return false;
		}
		for (byte b : content) {
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return b == '{' || b == '[';
			}
		}
		return false;
	}

	private Result ingest(String agency, String format, String source, byte[] content, Instant exported) {
		AgencyMapping mapping = mappings.forAgency(agency)
			.filter(m -> partnership.organisation(m.agency()).isPresent())
			.orElseThrow(() -> new IntakeRejected("unknown_agency",
					"No registered agency with a mapping is called '" + agency + "'"));
		if (content == null || isBlank(content)) {
			throw new IntakeRejected("no_records", "The drop is empty");
		}
		if (content.length > maxBytes) {
			throw tooLarge();
		}
		DropEncoding.check(content);
		String digest = sha256(content);
		if (alreadyStored(digest)) {
			log.info("Duplicate drop from {} ignored: same content already stored", agency);
			return new Result("duplicate", agency, 0);
		}
		// A health partner's JSON is its FHIR bundle whichever way it arrives (file, post, message).
		String kind = mapping.fhir() && (format.equals("json") || format.equals("json-record")) ? "fhir" : format;
		List<CaseRecord> records = mapper.map(mapping, kind, content);
		jdbc.sql("""
				insert into intake_batch (agency, source, content_sha256, record_count, received_at)
				values (?, ?, ?, ?, ?)""")
			.params(agency, source, digest, records.size(), Timestamp.from(Instant.now()))
			.update();
		long batchId = batchId(digest);
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
			CaseRepository.Saved saved = cases.save(record, batchId, exported);
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
		return new Result("stored", agency, stored, notes);
	}

	private static boolean isBlank(byte[] content) {
		for (byte b : content) {
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return false;
			}
		}
		return true;
	}

	// The agency's own column name for a canonical field: what it will recognise in its export.
	private static String column(AgencyMapping mapping, String field) {
		return mapping.columns()
			.entrySet()
			.stream()
			.filter(e -> field.equals(e.getValue()))
			.map(java.util.Map.Entry::getKey)
			.findFirst()
			.orElse(field);
	}

	private boolean alreadyStored(String digest) {
		return jdbc.sql("select count(*) from intake_batch where content_sha256 = ?")
			.param(digest)
			.query(Integer.class)
			.single() > 0;
	}

	private long batchId(String digest) {
		return jdbc.sql("select id from intake_batch where content_sha256 = ?").param(digest).query(Long.class).single();
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
