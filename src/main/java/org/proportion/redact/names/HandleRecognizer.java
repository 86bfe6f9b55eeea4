package org.proportion.redact.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.NameLists;
import org.proportion.redact.Recognizer;
import org.proportion.redact.RecognizerSetup;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

/**
 * Social-media handles and usernames: "@dk_88", and what follows a platform ("his Facebook is
 * dave.k", "on insta as dkay_88", "snap: daveyk", "username dave_k"). A word after a platform is
 * a handle only when it is no ordinary English word ("his Facebook is down"), unless it has the
 * dots, digits or underscores only handles have.
 */
public class HandleRecognizer implements Recognizer {

	private static final Pattern AT_HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}._@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?");

	private static final Pattern AFTER_PLATFORM = Pattern.compile("(?i)(?<![\\p{L}])(?:facebook|fb|insta|instagram|ig|"
			+ "snapchat|snap|tiktok|twitter|whatsapp|telegram|discord|xbox|psn|gamertag|username|user\\s?name|"
			+ "handle|profile|kik|onlyfans|grindr|tinder)(?:\\s+(?:name|account|page|handle|profile|id))?"
			+ "(?:\\s*[:=-]\\s*|\\s+(?:is|was|as|called|under|name\\s+is|account\\s+is)\\s+(?:@)?)"
			+ "([A-Za-z0-9_](?:[A-Za-z0-9_.\\-]{0,28}[A-Za-z0-9_])?)");

	private static final Pattern HANDLE_SHAPE = Pattern.compile(".*[._\\d].*");

	private final NameLists names;

	/** As redaction/recognizers.yaml sets it up. */
	public HandleRecognizer(RecognizerSetup setup) {
		this(setup.names());
	}

	public HandleRecognizer(NameLists names) {
		this.names = names;
	}

	@Override
	public String name() {
		return "handles";
	}

	@Override
	public Set<EntityType> entities() {
		return Set.of(EntityType.USERNAME);
	}

	@Override
	public List<Span> find(String text, ScanContext context) {
		List<Span> spans = new ArrayList<>();
		Matcher m = AT_HANDLE.matcher(text);
		while (m.find()) {
			spans.add(span(m.start(), m.end(), 0.85, "@handle"));
		}
		m = AFTER_PLATFORM.matcher(text);
		while (m.find()) {
			String handle = m.group(1);
			if (HANDLE_SHAPE.matcher(handle).matches() || (!names.isEnglishWord(handle) && !names.isNotName(handle))) {
				spans.add(span(m.start(1), m.end(1), 0.75, "handle after a platform"));
			}
		}
		return spans;
	}

	private Span span(int start, int end, double score, String why) {
		return new Span(EntityType.USERNAME, start, end, score, name(), why, Evidence.of(Evidence.Source.PATTERN));
	}

}
