package org.proportion.redact.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import opennlp.tools.util.Span;

/**
 * Readers for the human-annotated public corpora under src/train/corpora (Broad Twitter Corpus,
 * WNUT 2017, Universal NER English-EWT), so the name finder learns from text nobody on the team
 * wrote and is measured on more of it. Their labels become the name finder's own three types;
 * anything else (WNUT's products and creative works) is read as plain text. Offsets and text
 * follow the project's scorer (/work/shared/eval-tools): CoNLL tokens joined by single spaces,
 * one document per blank-line block; UNER sentences in their original spacing, one document per
 * "# newdoc", sentences joined by a newline.
 */
public final class AnnotatedCorpora {

	/** Where ./proportion train and eval find the corpora in a clone. */
	public static final String FOLDER = "src/train/corpora";

	public static final String BTC_TRAIN = "btc/btc.train.conll.gz";

	public static final String BTC_DEV = "btc/btc.dev.conll.gz";

	public static final String WNUT_DEV = "wnut17/emerging.dev.conll.gz";

	public static final String UNER_DEV = "uner-ewt/en_ewt-ud-dev.iob2.gz";

	private static final Map<String, String> TYPES = Map.of("per", "person", "person", "person", "loc", "location",
			"location", "location", "org", "organization", "corporation", "organization", "group", "organization");

	private AnnotatedCorpora() {
	}

	/** One sentence: tokens, their offsets in its text, and names over token ranges. */
	public record Sentence(String text, String[] tokens, int[] starts, List<Span> names) {

		public Sentence {
			names = List.copyOf(names);
		}

	}

	/** One document (a tweet, a post, a web document) as the scorer sees it. */
	public record Document(String id, List<Sentence> sentences) {

		public Document {
			sentences = List.copyOf(sentences);
		}

		public String text() {
			StringBuilder text = new StringBuilder();
			for (Sentence sentence : sentences) {
				if (!text.isEmpty()) {
					text.append('\n');
				}
				text.append(sentence.text());
			}
			return text.toString();
		}

		/** Names as character spans into {@link #text()}, typed person/location/organization. */
		public List<Span> charSpans() {
			List<Span> spans = new ArrayList<>();
			int base = 0;
			for (Sentence sentence : sentences) {
				for (Span name : sentence.names()) {
					int last = name.getEnd() - 1;
					spans.add(new Span(base + sentence.starts()[name.getStart()],
							base + sentence.starts()[last] + sentence.tokens()[last].length(), name.getType()));
				}
				base += sentence.text().length() + 1;
			}
			return spans;
		}

	}

	/** The name finder's type for a corpus label's kind (PER, person, corporation...), or null. */
	static String type(String kind) {
		return TYPES.get(kind.toLowerCase(Locale.ROOT));
	}

	/** A CoNLL file: token and BIO label per line (label last), a blank line between documents. */
	public static List<Document> readConll(Path file, String idPrefix) throws IOException {
		List<Document> documents = new ArrayList<>();
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader in = open(file)) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank()) {
					addConll(documents, rows, idPrefix);
					continue;
				}
				String[] cols = line.contains("\t") ? line.split("\t") : line.trim().split("\\s+");
				rows.add(new String[] { cols[0], cols.length > 1 ? cols[cols.length - 1].trim() : "O" });
			}
		}
		addConll(documents, rows, idPrefix);
		return documents;
	}

	private static void addConll(List<Document> documents, List<String[]> rows, String idPrefix) {
		if (rows.isEmpty()) {
			return;
		}
		String[] tokens = new String[rows.size()];
		String[] labels = new String[rows.size()];
		int[] starts = new int[rows.size()];
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < rows.size(); i++) {
			if (i > 0) {
				text.append(' ');
			}
			tokens[i] = rows.get(i)[0];
			labels[i] = rows.get(i)[1];
			starts[i] = text.length();
			text.append(tokens[i]);
		}
		rows.clear();
		documents.add(new Document(idPrefix + documents.size(),
				List.of(new Sentence(text.toString(), tokens, starts, names(labels)))));
	}

	/**
	 * A Universal NER IOB2 file: "# newdoc id", "# sent_id", "# text" comments, then index, token
	 * and label columns. Tokens are aligned to the "# text" line; a sentence that cannot be
	 * aligned is written with single spaces, as the project's converter does.
	 */
	public static List<Document> readIob2(Path file) throws IOException {
		List<Document> documents = new ArrayList<>();
		String docId = null;
		List<Sentence> sentences = new ArrayList<>();
		String text = null;
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader in = open(file)) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.startsWith("# newdoc id = ")) {
					if (docId != null && !sentences.isEmpty()) {
						documents.add(new Document(docId, sentences));
					}
					docId = line.substring("# newdoc id = ".length()).strip();
					sentences = new ArrayList<>();
				}
				else if (line.startsWith("# text = ")) {
					text = line.substring("# text = ".length());
				}
				else if (line.startsWith("#")) {
					continue;
				}
				else if (line.isBlank()) {
					if (!rows.isEmpty()) {
						sentences.add(aligned(text, rows));
					}
					rows.clear();
					text = null;
				}
				else {
					String[] cols = line.split("\t");
					rows.add(new String[] { cols[1], cols[2] });
				}
			}
		}
		if (!rows.isEmpty()) {
			sentences.add(aligned(text, rows));
		}
		if (docId != null && !sentences.isEmpty()) {
			documents.add(new Document(docId, sentences));
		}
		return documents;
	}

	private static Sentence aligned(String text, List<String[]> rows) {
		String[] tokens = rows.stream().map(r -> r[0]).toArray(String[]::new);
		String[] labels = rows.stream().map(r -> r[1]).toArray(String[]::new);
		int[] starts = text == null ? null : align(text, tokens);
		if (starts == null) {
			text = String.join(" ", tokens);
			starts = align(text, tokens);
		}
		return new Sentence(text, tokens, starts, names(labels));
	}

	private static int[] align(String text, String[] tokens) {
		int[] starts = new int[tokens.length];
		int pos = 0;
		for (int i = 0; i < tokens.length; i++) {
			int at = text.indexOf(tokens[i], pos);
			if (at < 0 || !text.substring(pos, at).isBlank()) {
				return null;
			}
			starts[i] = at;
			pos = at + tokens[i].length();
		}
		return starts;
	}

	/** BIO/IOB2 labels to typed token spans; an I- of another type (or after O) starts a name. */
	static List<Span> names(String[] labels) {
		List<Span> names = new ArrayList<>();
		int start = -1;
		String open = null;
		for (int i = 0; i <= labels.length; i++) {
			String label = i < labels.length ? labels[i] : "O";
			String type = label.length() > 2 && label.charAt(1) == '-' ? type(label.substring(2)) : null;
			boolean begins = type != null && (label.startsWith("B-") || !type.equals(open));
			if (open != null && (type == null || begins)) {
				names.add(new Span(start, i, open));
				open = null;
			}
			if (begins) {
				start = i;
				open = type;
			}
		}
		return names;
	}

	private static BufferedReader open(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		if (file.getFileName().toString().endsWith(".gz")) {
			in = new GZIPInputStream(in);
		}
		return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
	}

}
