package org.proportion.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.redact.Analysis;
import org.proportion.redact.RedactionEngine;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * {@code ./proportion scan [file]}: reads JSON Lines {"id", "text"} from the file or standard
 * input and writes JSON Lines {"id", "entities": [{"type", "start", "end", "score",
 * "recognizer"}]} with offsets into text. A line that cannot be read or scanned is answered
 * with {"id", "error"} and no entities, never skipped. Lines are scanned on every core, in
 * batches, and answered in the order they came.
 */
public final class Scan {

	private Scan() {
	}

	/** Lines read ahead and scanned at once; answers are written in input order. */
	private static final int BATCH = 256;

	public static void main(String[] args) throws Exception {
		Path models = Path.of(System.getProperty("proportion.redaction.models", ".tools/models"));
		RedactionEngine engine = new RedactionEngine(models, 0);
		engine.analyzer();
		ObjectMapper json = new ObjectMapper();
		// Every core: notes are independent, the engine is thread-safe.
		ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
		try (BufferedReader in = args.length > 0 && !args[0].equals("-")
				? Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)
				: new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
				BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
			List<Future<String>> pending = new ArrayList<>(BATCH);
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				String note = line;
				pending.add(pool.submit(() -> json.writeValueAsString(scan(engine, json, note))));
				if (pending.size() == BATCH) {
					write(pending, out);
				}
			}
			write(pending, out);
		}
		finally {
			pool.shutdown();
		}
	}

	private static void write(List<Future<String>> pending, BufferedWriter out) throws Exception {
		for (Future<String> answer : pending) {
			out.write(answer.get());
			out.newLine();
		}
		pending.clear();
	}

	static Map<String, Object> scan(RedactionEngine engine, ObjectMapper json, String line) {
		Map<String, Object> result = new LinkedHashMap<>();
		try {
			JsonNode note = json.readTree(line);
			result.put("id", note.path("id").asText());
			Analysis analysis = engine.analyze(note.path("text").asText(), ScanContext.NONE);
			List<Map<String, Object>> entities = new ArrayList<>();
			for (Span span : analysis.spans()) {
				Map<String, Object> entity = new LinkedHashMap<>();
				entity.put("type", span.type().name());
				entity.put("start", span.start());
				entity.put("end", span.end());
				entity.put("score", Math.round(span.score() * 100) / 100.0);
				entity.put("recognizer", span.recognizer());
				entities.add(entity);
			}
			result.put("entities", entities);
		}
		catch (IOException | RuntimeException ex) {
			result.putIfAbsent("id", null);
			result.put("error", ex.getClass().getSimpleName());
			result.put("entities", List.of());
		}
		return result;
	}

}
