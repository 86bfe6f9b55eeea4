package org.proportion.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.proportion.ProportionProperties;
import org.proportion.model.CaseRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The raw drops kept after intake (.data/archive/, to re-run or investigate an intake) and the
 * parked ones (.data/dead-letter/) hold agencies' original bytes, so they must not outlive an
 * erasure or their retention period. On erasure every raw drop holding the person's reference is
 * rewritten without their record, or, when it cannot be read as a drop of that agency, deleted
 * with a record-free note saying why. After {@code proportion.intake.raw-retention-days} the
 * original bytes are deleted; parked drops keep their record-free reason.
 */
@Component
public class RawDrops {

	private static final Logger log = LoggerFactory.getLogger(RawDrops.class);

	private static final Pattern DAY = Pattern.compile("(\\d{8}).*");

	private final Path archive;

	private final Path deadLetter;

	private final AgencyMappings mappings;

	private final ObjectMapper json;

	private final Clock clock;

	private final int retentionDays;

	private final CsvMapper csv = new CsvMapper();

	RawDrops(ProportionProperties properties, AgencyMappings mappings, ObjectMapper json, Clock clock,
			@Value("${proportion.intake.raw-retention-days:30}") int retentionDays) {
		this.archive = properties.archive();
		this.deadLetter = properties.deadLetter();
		this.mappings = mappings;
		this.json = json;
		this.clock = clock;
		this.retentionDays = retentionDays;
	}

	public int retentionDays() {
		return retentionDays;
	}

	/** Removes the person's record from every raw drop; returns how many files were rewritten or deleted. */
	public int erase(CaseRecord record) {
		Pattern reference = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(record.agencyRef()) + "(?![A-Za-z0-9])");
		int changed = 0;
		for (Path file : originals()) {
			try {
				String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
				String agency = agencyOf(file);
				// References are the agency's own: another agency's readable drop holds someone else.
				if (!reference.matcher(text).find() || !agency.isEmpty() && !agency.equals(record.agency())) {
					continue;
				}
				byte[] without = agency.isEmpty() ? null : rewrite(file, text, record);
				if (without != null && java.util.Arrays.equals(without, text.getBytes(StandardCharsets.UTF_8))) {
					continue;
				}
				if (without != null) {
					Files.write(file, without);
					note(file, "rewritten", "A record was removed from this drop: its person's data was erased at their request.");
				}
				else {
					Files.delete(file);
					note(file, "purged", "This drop was deleted: it could not be read as one agency's export and held the "
							+ "reference of a person whose data was erased at their request.");
				}
				changed++;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("A raw drop could not be purged of an erased record", ex);
			}
		}
		if (changed > 0) {
			log.info("Erasure: {} raw drops rewritten or deleted", changed);
		}
		return changed;
	}

	/**
	 * Deletes original bytes older than the retention period; returns how many files were deleted.
	 * Run by the {@code retention} route (routes/retention.camel.yaml) after the packs' retention.
	 */
	public int purgeExpired() {
		LocalDate cutoff = LocalDate.now(clock).minusDays(retentionDays);
		int deleted = 0;
		for (Path file : originals()) {
			try {
				if (received(file).isBefore(cutoff)) {
					Files.delete(file);
					note(file, "purged", "The original bytes were deleted after the retention period of " + retentionDays
							+ " days.");
					deleted++;
				}
			}
			catch (IOException ex) {
				log.warn("A raw drop past retention could not be deleted: {}", ex.getClass().getSimpleName());
			}
		}
		if (deleted > 0) {
			log.info("Retention: {} raw drops deleted", deleted);
		}
		return deleted;
	}

	// Every original kept: archived drops (not the meeting files an admin drops) and parked ones.
	private List<Path> originals() {
		List<Path> files = new ArrayList<>();
		for (Path root : List.of(archive, deadLetter)) {
			if (!Files.isDirectory(root)) {
				continue;
			}
			try (Stream<Path> walk = Files.walk(root)) {
				walk.filter(Files::isRegularFile)
					.filter(f -> !root.equals(archive) || !archive.relativize(f).startsWith("meetings"))
					.filter(f -> !f.getFileName().toString().matches(".*\\.(reason|notes|purged)\\.json"))
					.forEach(files::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The raw drops could not be listed", ex);
			}
		}
		return files;
	}

	// The drop without the erased record, in its own format; null when it cannot be read as one.
	private byte[] rewrite(Path file, String text, CaseRecord record) {
		AgencyMapping mapping = mappings.forAgency(record.agency()).orElse(null);
		if (mapping == null) {
			return null;
		}
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		try {
			if (name.contains(".csv")) {
				CsvSchema header = CsvSchema.emptySchema().withHeader();
				List<Map<String, String>> rows = csv.readerForMapOf(String.class).with(header).<Map<String, String>>readValues(text)
					.readAll();
				if (rows.isEmpty()) {
					return null;
				}
				List<Map<String, String>> kept = rows.stream()
					.filter(r -> !record.agencyRef().equals(strip(r.get(mapping.reference()))))
					.toList();
				if (kept.size() == rows.size()) {
					return text.getBytes(StandardCharsets.UTF_8);
				}
				CsvSchema.Builder columns = CsvSchema.builder();
				rows.get(0).keySet().forEach(columns::addColumn);
				return csv.writer(columns.build().withHeader()).writeValueAsBytes(kept);
			}
			if (name.contains(".json")) {
				JsonNode root = json.readTree(text);
				ArrayNode records = (ArrayNode) (root.isObject() ? root.get("records") : root);
				int before = records.size();
				for (int i = records.size() - 1; i >= 0; i--) {
					if (record.agencyRef().equals(strip(records.get(i).path(mapping.reference()).asText(null)))) {
						records.remove(i);
					}
				}
				return records.size() == before ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(root);
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return null;
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}

	// The agency a drop came from: its folder in the archive, or the source its reason names.
	private String agencyOf(Path file) {
		if (file.startsWith(archive)) {
			for (Path part : archive.relativize(file)) {
				if (mappings.forAgency(part.toString()).isPresent()) {
					return part.toString();
				}
			}
			return "";
		}
		Path reason = file.resolveSibling(file.getFileName() + ".reason.json");
		try {
			String source = json.readTree(reason.toFile()).path("source").asText("");
			String agency = source.startsWith("rest-") ? source.substring(5) : source.split("/")[0];
			return mappings.forAgency(agency).isPresent() ? agency : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	// When the drop arrived: the archive's day folder, or the time it was written (parked).
	private LocalDate received(Path file) throws IOException {
		if (file.startsWith(archive)) {
			for (Path part : archive.relativize(file)) {
				var day = DAY.matcher(part.toString());
				if (day.matches()) {
					return LocalDate.parse(day.group(1), DateTimeFormatter.BASIC_ISO_DATE);
				}
			}
		}
		return LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
	}

	// A record-free note beside the drop: a parked drop's reason says so, an archived one gets a note.
	private void note(Path file, String what, String why) throws IOException {
		Path reason = file.resolveSibling(file.getFileName() + ".reason.json");
		Map<String, Object> note = new LinkedHashMap<>();
		if (Files.exists(reason)) {
			JsonNode existing = json.readTree(reason.toFile());
			if (existing instanceof ObjectNode object) {
				object.put(what, Instant.now(clock).toString());
				object.put(what + "_why", why);
				if (what.equals("purged")) {
					object.putNull("original");
				}
				Files.writeString(reason, json.writeValueAsString(object));
				return;
			}
		}
		note.put(what, Instant.now(clock).toString());
		note.put("why", why);
		Files.writeString(file.resolveSibling(file.getFileName() + ".purged.json"), json.writeValueAsString(note));
	}

}
