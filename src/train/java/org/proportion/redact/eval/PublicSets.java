package org.proportion.redact.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.proportion.redact.EntityType;
import org.proportion.redact.ScanContext;
import org.proportion.redact.train.AnnotatedCorpora;

/**
 * The measurement-only public corpora (BTC dev, UNER English-EWT dev) as annotated notes for the
 * whole engine. Never trained or tuned on: they show how the engine does on text nobody on the
 * team wrote or looked at while tuning.
 */
public final class PublicSets {

	/** The only types these corpora annotate. */
	public static final Set<EntityType> TYPES = Set.of(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION);

	private static final Map<String, EntityType> MAP = Map.of("person", EntityType.PERSON, "location", EntityType.LOCATION,
			"organization", EntityType.ORGANIZATION);

	private PublicSets() {
	}

	public static List<AnnotatedNote> btcDev(Path corpora) throws IOException {
		return notes(AnnotatedCorpora.readConll(corpora.resolve(AnnotatedCorpora.BTC_DEV), "btc"), "tweet");
	}

	public static List<AnnotatedNote> unerDev(Path corpora) throws IOException {
		return notes(AnnotatedCorpora.readIob2(corpora.resolve(AnnotatedCorpora.UNER_DEV)), "web");
	}

	static List<AnnotatedNote> notes(List<AnnotatedCorpora.Document> documents, String genre) {
		List<AnnotatedNote> notes = new ArrayList<>(documents.size());
		for (AnnotatedCorpora.Document document : documents) {
			List<AnnotatedNote.Gold> gold = document.charSpans()
				.stream()
				.map(s -> new AnnotatedNote.Gold(MAP.get(s.getType()), s.getStart(), s.getEnd()))
				.toList();
			notes.add(new AnnotatedNote(document.id(), genre, document.text(), gold, ScanContext.NONE));
		}
		return notes;
	}

}
