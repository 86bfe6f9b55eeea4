package org.proportion.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a file drop's notes go: nobody reads the answer to a file drop, so when a stored drop was
 * not applied exactly as sent (a correction stood over it, or it was older than the records held)
 * a report beside the parked drops tells the agency which records and columns, never values.
 */
@Component
public class IntakeReports {

	private final Path folder;

	private final ObjectMapper json;

	IntakeReports(@Value("${proportion.intake-reports}") Path folder, ObjectMapper json) {
		this.folder = folder;
		this.json = json;
	}

	public void write(String source, IntakeService.Result result) {
		if (result.notes().isEmpty()) {
			return;
		}
		Instant now = Instant.now();
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("source", source);
		report.put("agency", result.agency());
		report.put("stored", result.records());
		report.put("notes", result.notes());
		report.put("reported_at", now.toString());
		try {
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(DeadLetter.fileName(now, source) + ".notes.json"),
					json.writeValueAsString(report));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The intake report could not be written", ex);
		}
	}

}
