package org.proportion.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Mutated agency drops from the sample drops (src/main/resources/samples/drops), from a fixed
 * seed, so a failing drop can be made again by its number. Each drop is a random slice of one
 * agency's sample whose references carry the drop's own tag ({@code OR-1001-Z42}), so its rows
 * can be found in the store afterwards and no two drops write the same case. Then zero to three
 * mutations of the kinds agencies' exports go wrong in (structure, values, encoding, bytes,
 * routing). The drop remembers the field values it was made from, so a reason can be checked
 * for not quoting any of them.
 */
public final class DropFuzzer {

	/** One mutated drop; {@code values} are the field values it was made from (personal data, synthetic). */
	public record Drop(int index, String agency, String format, boolean rest, String name, String contentType,
			byte[] content, List<String> mutations, Set<String> values, String tag) {

		/** The folder under the inbox (file drops) or the path segment (REST) the drop is sent to. */
		public String target() {
			return agency;
		}

	}

	private record Sample(String agency, String format, String reference, List<String> header, List<List<String>> rows,
			JsonNode json) {
	}

	static final List<String> INJECTIONS = List.of("=HYPERLINK(\"http://example.invalid/x\",\"Click\")",
			"+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C notepad'!A0", "=1+1", "\t=2+5");

	static final List<String> BAD_DATES = List.of("1990-02-01", "02.01.1990", "31/02/2020", "13/13/2013", "yesterday",
			"01/02/90", "2026-10-01T10:00:00Z", "0/0/0000", "१२/०३/१९९०");

	private final Random random;

	private final List<Sample> samples;

	private final ObjectMapper json = new ObjectMapper();

	public DropFuzzer(long seed) {
		this.random = new Random(seed);
		this.samples = List.of(csvSample("outreach", "outreach/outreach-caseload.csv", "client_id"),
				csvSample("housing-options", "housing-options/open-applications.csv", "application_no"),
				jsonSample("day-centre", "day-centre/day-centre-clients.json", "clientRef"));
	}

	/** The next drop; drops alternate between the inbox (even numbers) and the REST endpoint (odd). */
	public Drop next(int index) {
		Sample sample = samples.get(random.nextInt(samples.size()));
		// Fixed width, written twice, with a closing letter: neither a truncated tag nor one with a
		// flipped bit equals another drop's.
		String tag = String.format(Locale.ROOT, "Z%06dX%06dQ", index, index);
		boolean rest = index % 2 == 1;
		Builder drop = sample.json() != null ? jsonDrop(sample, tag) : csvDrop(sample, tag);
		drop.agency = sample.agency();
		drop.format = sample.format();
		drop.rest = rest;
		int mutations = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(random.nextInt(4) == 0 ? 3 : 1);
		for (int m = 0; m < mutations; m++) {
			drop.mutate(this);
		}
		byte[] content = drop.bytes();
		for (int m = 0; m < drop.byteMutations; m++) {
			content = byteMutation(drop, content);
		}
		String extension = drop.extension != null ? drop.extension : drop.format;
		String name = String.format(Locale.ROOT, "fz-%06d.%s", index, extension);
		String type = drop.contentType != null ? drop.contentType
				: "csv".equals(drop.format) ? "text/csv" : "application/json";
		return new Drop(index, drop.agency, drop.format, rest, name, type, content, List.copyOf(drop.applied),
				drop.values, tag);
	}

	/** What a drop is while it is being mutated: rows and header (CSV) or a tree (JSON), then bytes. */
	private static final class Builder {

		String agency;

		String format;

		boolean rest;

		String extension;

		String contentType;

		List<String> header;

		List<List<String>> rows;

		JsonNode tree;

		int byteMutations;

		final List<String> applied = new ArrayList<>();

		final Set<String> values = new LinkedHashSet<>();

		void mutate(DropFuzzer fuzzer) {
			// A third of the mutations act on the bytes, after the structure is written out.
			if (fuzzer.random.nextInt(3) == 0) {
				byteMutations++;
				return;
			}
			String kind = tree != null ? fuzzer.jsonMutation(this) : fuzzer.csvMutation(this);
			applied.add(kind);
		}

		byte[] bytes() {
			if (tree != null) {
				return tree.toString().getBytes(StandardCharsets.UTF_8);
			}
			StringBuilder out = new StringBuilder();
			if (header != null) {
				out.append(csvLine(header));
			}
			rows.forEach(row -> out.append(csvLine(row)));
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}

	}

	// ---------------------------------------------------------------- CSV

	private Builder csvDrop(Sample sample, String tag) {
		Builder b = new Builder();
		b.header = new ArrayList<>(sample.header());
		int ref = sample.header().indexOf(sample.reference());
		int from = random.nextInt(sample.rows().size());
		int count = 1 + random.nextInt(Math.min(12, sample.rows().size() - from));
		b.rows = new ArrayList<>();
		for (List<String> row : sample.rows().subList(from, from + count)) {
			List<String> copy = new ArrayList<>(row);
			copy.set(ref, copy.get(ref) + "-" + tag);
			b.rows.add(copy);
			remember(b, copy);
		}
		return b;
	}

	private String csvMutation(Builder b) {
		int columns = b.header == null ? b.rows.get(0).size() : b.header.size();
		int column = random.nextInt(Math.max(1, columns));
		List<String> row = b.rows.get(random.nextInt(b.rows.size()));
		switch (random.nextInt(15)) {
			case 0 -> {
				for (List<String> r : all(b)) {
					if (column < r.size()) {
						r.remove(column);
					}
				}
				return "dropped column";
			}
			case 1 -> {
				for (List<String> r : all(b)) {
					if (column < r.size()) {
						r.add(column, r.get(column));
					}
				}
				return "duplicated column";
			}
			case 2 -> {
				List<Integer> order = new ArrayList<>();
				for (int i = 0; i < columns; i++) {
					order.add(i);
				}
				java.util.Collections.shuffle(order, random);
				for (List<String> r : all(b)) {
					List<String> copy = new ArrayList<>(r);
					for (int i = 0; i < Math.min(order.size(), r.size()); i++) {
						r.set(i, order.get(i) < copy.size() ? copy.get(order.get(i)) : "");
					}
				}
				return "reordered columns";
			}
			case 3 -> {
				for (int i = random.nextInt(3); i >= 0; i--) {
					row.add("");
				}
				return "extra delimiter";
			}
			case 4 -> {
				int c = random.nextInt(row.size());
				row.set(c, "\"" + row.get(c) + (random.nextBoolean() ? "\"\"" : ""));
				return "stray quotes";
			}
			case 5 -> {
				if (b.header != null) {
					b.header = null;
				}
				return "header missing";
			}
			case 6 -> {
				int c = random.nextInt(row.size());
				String huge = "X".repeat(5_000 + random.nextInt(random.nextBoolean() ? 200_000 : 20_000));
				row.set(c, huge);
				return "huge field";
			}
			case 7 -> {
				int c = random.nextInt(row.size());
				String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
				row.set(c, injection);
				b.values.add(injection.strip());
				return "CSV injection";
			}
			case 8 -> {
				int c = indexOf(b, "dob", "date_of_birth", "consent_date");
				if (c >= 0 && c < row.size()) {
					String date = BAD_DATES.get(random.nextInt(BAD_DATES.size()));
					row.set(c, date);
					b.values.add(date);
				}
				return "date in wrong format";
			}
			case 9 -> {
				b.rows.add(new ArrayList<>(row));
				return "duplicated row";
			}
			case 10 -> {
				int c = indexOf(b, "client_id", "application_no", "full_name", "applicant_name");
				if (c >= 0 && c < row.size()) {
					row.set(c, random.nextBoolean() ? "" : "   ");
				}
				return "required value blank";
			}
			case 11 -> {
				int c = indexOf(b, "risks");
				if (c >= 0 && c < row.size()) {
					row.set(c, "Threatened staff with a knife");
					b.values.add("Threatened staff with a knife");
				}
				return "risk flag outside vocabulary";
			}
			case 12 -> {
				// A header cell replaced by one of the drop's values: the reason must not quote it.
				if (b.header != null) {
					List<String> candidates = row.stream().filter(v -> v.matches("[A-Za-z_][A-Za-z0-9_]{3,30}")).toList();
					if (!candidates.isEmpty()) {
						b.header.set(column, candidates.get(random.nextInt(candidates.size())));
					}
				}
				return "value as column name";
			}
			case 13 -> {
				b.agency = random.nextBoolean() ? "nobody-" + random.nextInt(100)
						: samples.get(random.nextInt(samples.size())).agency();
				return "wrong or unknown agency";
			}
			default -> {
				b.extension = random.nextBoolean() ? "txt" : "json";
				b.contentType = "txt".equals(b.extension) ? "text/plain" : "application/json";
				return "wrong format";
			}
		}
	}

	private static List<List<String>> all(Builder b) {
		List<List<String>> all = new ArrayList<>();
		if (b.header != null) {
			all.add(b.header);
		}
		all.addAll(b.rows);
		return all;
	}

	private static int indexOf(Builder b, String... names) {
		if (b.header == null) {
			return -1;
		}
		for (String name : names) {
			int i = b.header.indexOf(name);
			if (i >= 0) {
				return i;
			}
		}
		return -1;
	}

	static String csvLine(List<String> cells) {
		List<String> out = new ArrayList<>();
		for (String cell : cells) {
			// A cell with quotes but no delimiter is written raw: that is how stray quotes get in.
			boolean quote = cell.contains(",") || cell.contains("\n") || cell.contains("\r");
			out.add(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
		}
		return String.join(",", out) + "\n";
	}

	// ---------------------------------------------------------------- JSON

	private Builder jsonDrop(Sample sample, String tag) {
		Builder b = new Builder();
		ArrayNode all = (ArrayNode) sample.json().get("records");
		int from = random.nextInt(all.size());
		int count = 1 + random.nextInt(Math.min(12, all.size() - from));
		ArrayNode records = JsonNodeFactory.instance.arrayNode();
		for (int i = from; i < from + count; i++) {
			ObjectNode record = all.get(i).deepCopy();
			record.put(sample.reference(), record.path(sample.reference()).asText() + "-" + tag);
			records.add(record);
			record.fields().forEachRemaining(f -> {
				if (f.getValue().isArray()) {
					f.getValue().forEach(v -> b.values.add(v.asText()));
				}
				else {
					b.values.add(f.getValue().asText());
				}
			});
		}
		b.tree = random.nextBoolean() ? JsonNodeFactory.instance.objectNode().set("records", records) : records;
		return b;
	}

	private String jsonMutation(Builder b) {
		ArrayNode records = (ArrayNode) (b.tree.isObject() && b.tree.has("records") ? b.tree.get("records")
				: b.tree.isArray() ? b.tree : JsonNodeFactory.instance.arrayNode());
		if (records.isEmpty()) {
			records.add(JsonNodeFactory.instance.objectNode());
		}
		JsonNode picked = records.get(random.nextInt(records.size()));
		ObjectNode record = picked instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
		List<String> keys = new ArrayList<>();
		record.fieldNames().forEachRemaining(keys::add);
		String key = keys.isEmpty() ? "name" : keys.get(random.nextInt(keys.size()));
		switch (random.nextInt(14)) {
			case 0 -> {
				record.remove(key);
				return "dropped field";
			}
			case 1 -> {
				switch (random.nextInt(4)) {
					case 0 -> record.put(key, random.nextInt(100000));
					case 1 -> record.put(key, random.nextBoolean());
					case 2 -> record.put(key, 3.5e300);
					default -> record.putArray(key).add(1).add(true).addNull();
				}
				return "wrong type";
			}
			case 2 -> {
				ObjectNode garbage = record.putObject(key);
				garbage.putObject("a").putArray("b").add(1).addObject().putNull("c");
				return "nested garbage";
			}
			case 3 -> {
				// One of the record's values used as a key: the reason must not quote it.
				String value = record.path(keys.isEmpty() ? "name" : key).asText("x");
				if (!value.isBlank()) {
					record.putObject(value).put("k", 1);
				}
				return "value as key";
			}
			case 4 -> {
				String huge = "Y".repeat(5_000 + random.nextInt(random.nextBoolean() ? 200_000 : 20_000));
				record.put(key, huge);
				return "huge field";
			}
			case 5 -> {
				String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
				record.put(random.nextBoolean() ? "name" : "caseNote", injection);
				b.values.add(injection.strip());
				return "CSV injection";
			}
			case 6 -> {
				String date = BAD_DATES.get(random.nextInt(BAD_DATES.size()));
				record.put(random.nextBoolean() ? "dateOfBirth" : "consentDate", date);
				b.values.add(date);
				return "date in wrong format";
			}
			case 7 -> {
				records.add(record.deepCopy());
				return "duplicated record";
			}
			case 8 -> {
				record.putArray("riskFlags").add("Known to carry a blade");
				b.values.add("Known to carry a blade");
				return "risk flag outside vocabulary";
			}
			case 9 -> {
				JsonNode inner = records.deepCopy();
				b.tree = random.nextBoolean() ? JsonNodeFactory.instance.objectNode().set("data", inner)
						: JsonNodeFactory.instance.arrayNode().add(inner);
				return "records nested wrongly";
			}
			case 10 -> {
				records.add(random.nextBoolean() ? JsonNodeFactory.instance.textNode("DC-0000")
						: JsonNodeFactory.instance.numberNode(7));
				return "record not an object";
			}
			case 11 -> {
				b.agency = random.nextBoolean() ? "nobody-" + random.nextInt(100)
						: samples.get(random.nextInt(samples.size())).agency();
				return "wrong or unknown agency";
			}
			case 12 -> {
				record.put("clientRef", random.nextBoolean() ? "" : "R".repeat(70 + random.nextInt(200)));
				return "reference blank or too long";
			}
			default -> {
				b.extension = random.nextBoolean() ? "csv" : "xml";
				b.contentType = "csv".equals(b.extension) ? "text/csv" : "application/xml";
				return "wrong format";
			}
		}
	}

	// ---------------------------------------------------------------- bytes

	private byte[] byteMutation(Builder b, byte[] content) {
		switch (random.nextInt(9)) {
			case 0 -> {
				b.applied.add("truncated");
				return java.util.Arrays.copyOf(content, content.length == 0 ? 0 : random.nextInt(content.length));
			}
			case 1 -> {
				byte[] flipped = content.clone();
				for (int i = 0, n = 1 + random.nextInt(5); i < n && flipped.length > 0; i++) {
					flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
				}
				b.applied.add("byte flips");
				return flipped;
			}
			case 2 -> {
				b.applied.add("NUL bytes");
				return insert(content, new byte[] { 0, 0, 0 });
			}
			case 3 -> {
				b.applied.add("UTF-8 BOM");
				byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
				byte[] out = new byte[content.length + 3];
				System.arraycopy(bom, 0, out, 0, 3);
				System.arraycopy(content, 0, out, 3, content.length);
				return out;
			}
			case 4 -> {
				String text = new String(content, StandardCharsets.UTF_8);
				boolean utf16 = random.nextBoolean();
				b.applied.add(utf16 ? "UTF-16 with BOM" : "Latin-1");
				return text.getBytes(utf16 ? StandardCharsets.UTF_16 : StandardCharsets.ISO_8859_1);
			}
			case 5 -> {
				b.applied.add(random.nextBoolean() ? "empty" : "whitespace only");
				return b.applied.get(b.applied.size() - 1).equals("empty") ? new byte[0] : " \n\r\n\t ".getBytes();
			}
			case 6 -> {
				b.applied.add("trailing content");
				String tail = random.nextBoolean() ? "{\"records\": []}" : "\n<<<garbage>>> ;;; \"";
				return concat(content, tail.getBytes(StandardCharsets.UTF_8));
			}
			case 7 -> {
				b.applied.add("CRLF and stray CR");
				return new String(content, StandardCharsets.UTF_8).replace("\n", random.nextBoolean() ? "\r\n" : "\r")
					.getBytes(StandardCharsets.UTF_8);
			}
			default -> {
				b.applied.add("invalid UTF-8");
				return insert(content, new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
			}
		}
	}

	private byte[] insert(byte[] content, byte[] extra) {
		int at = content.length == 0 ? 0 : random.nextInt(content.length);
		byte[] out = new byte[content.length + extra.length];
		System.arraycopy(content, 0, out, 0, at);
		System.arraycopy(extra, 0, out, at, extra.length);
		System.arraycopy(content, at, out, at + extra.length, content.length - at);
		return out;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	// ---------------------------------------------------------------- samples

	private static void remember(Builder b, List<String> row) {
		for (String cell : row) {
			b.values.add(cell);
			for (String part : cell.split("[;|]")) {
				b.values.add(part);
			}
		}
	}

	private Sample csvSample(String agency, String path, String reference) {
		CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
		try (var it = csv.readerForListOf(String.class).readValues(resource(path))) {
			List<List<String>> lines = new ArrayList<>();
			while (it.hasNext()) {
				@SuppressWarnings("unchecked")
				List<String> line = (List<String>) it.next();
				lines.add(new ArrayList<>(line));
			}
			return new Sample(agency, "csv", reference, lines.get(0), lines.subList(1, lines.size()), null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Sample jsonSample(String agency, String path, String reference) {
		try {
			return new Sample(agency, "json", reference, null, null, json.readTree(resource(path)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] resource(String path) throws IOException {
		try (InputStream in = DropFuzzer.class.getResourceAsStream("/samples/drops/" + path)) {
			if (in == null) {
				throw new IOException("Sample drop not found: " + path);
			}
			return in.readAllBytes();
		}
	}

}
