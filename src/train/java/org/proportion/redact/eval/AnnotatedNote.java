package org.proportion.redact.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.ScanContext;

/**
 * A hand-annotated note: inline markup such as "[PERSON:Kasia]" turned into plain text and
 * gold spans with offsets into it.
 */
public record AnnotatedNote(String id, String genre, String text, List<Gold> gold, ScanContext context) {

	public record Gold(EntityType type, int start, int end) {
	}

	private static final Pattern MARKUP = Pattern.compile("\\[([A-Z_]+):([^\\[\\]]+)\\]");

	public static AnnotatedNote parse(String id, String genre, String marked, ScanContext context) {
		StringBuilder plain = new StringBuilder();
		List<Gold> gold = new ArrayList<>();
		Matcher m = MARKUP.matcher(marked);
		int last = 0;
		while (m.find()) {
			plain.append(marked, last, m.start());
			int start = plain.length();
			plain.append(m.group(2));
			gold.add(new Gold(EntityType.valueOf(m.group(1)), start, plain.length()));
			last = m.end();
		}
		plain.append(marked.substring(last));
		if (plain.indexOf("[") >= 0 || plain.indexOf("]") >= 0) {
			throw new IllegalArgumentException("Note " + id + " has unbalanced markup");
		}
		return new AnnotatedNote(id, genre, plain.toString(), gold, context);
	}

}
