package org.proportion.ingest;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.proportion.cases.CaseRepository;
import org.proportion.model.CaseRecord;
import org.proportion.partnership.PartnershipRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validates an agency drop, maps it to canonical records and stores it in one transaction. The
 * same bytes dropped again are recognised by their digest and stored once.
 */
@Service
public class IntakeService {

	private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

	private final AgencyMappings mappings;

	private final RecordMapper mapper;

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	private final JdbcClient jdbc;

	IntakeService(AgencyMappings mappings, RecordMapper mapper, PartnershipRepository partnership,
			CaseRepository cases, JdbcClient jdbc) {
		this.mappings = mappings;
		this.mapper = mapper;
		this.partnership = partnership;
		this.cases = cases;
		this.jdbc = jdbc;
	}

	public record Result(String status, String agency, int records) {
	}

	/** A file dropped in the inbox: the folder it was dropped in names the agency. */
	@Transactional
	public Result fromFile(String relativePath, byte[] content) {
		Path path = Path.of(relativePath);
		String agency = path.getNameCount() > 1 ? path.getName(0).toString() : "";
		String name = path.getFileName().toString();
		String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
		return ingest(agency, format, relativePath, content);
	}

	/** A REST post: the path names the agency, the content type the format. */
	@Transactional
	public Result fromRequest(String agency, String contentType, byte[] content) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		String format = type.contains("csv") ? "csv" : type.contains("json") ? "json" : type;
		return ingest(agency, format, "rest:" + agency, content);
	}

	private Result ingest(String agency, String format, String source, byte[] content) {
		AgencyMapping mapping = mappings.forAgency(agency)
			.filter(m -> partnership.organisation(m.agency()).isPresent())
			.orElseThrow(() -> new IntakeRejected("unknown_agency",
					"No registered agency with a mapping is called '" + agency + "'"));
		String digest = sha256(content);
		if (alreadyStored(digest)) {
			log.info("Duplicate drop from {} ignored: same content already stored", agency);
			return new Result("duplicate", agency, 0);
		}
		List<CaseRecord> records = mapper.map(mapping, format, content);
		jdbc.sql("""
				insert into intake_batch (agency, source, content_sha256, record_count, received_at)
				values (?, ?, ?, ?, ?)""")
			.params(agency, source, digest, records.size(), Timestamp.from(Instant.now()))
			.update();
		long batchId = batchId(digest);
		// A record erased at the person's request is not brought back by the agency's next export.
		List<CaseRecord> kept = records.stream().filter(r -> !cases.erased(r.caseRef())).toList();
		kept.forEach(record -> cases.save(record, batchId));
		log.info("Stored {} records from {} ({} erased at the person's request, not stored)", kept.size(), agency,
				records.size() - kept.size());
		return new Result("stored", agency, kept.size());
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
