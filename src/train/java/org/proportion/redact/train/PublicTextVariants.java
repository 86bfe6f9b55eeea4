package org.proportion.redact.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.datafaker.Faker;
import opennlp.tools.namefind.NameSample;

/**
 * The public corpora as training samples, made to teach what case notes need from them:
 * <ul>
 * <li>The Broad Twitter Corpus replaced every user name with a bare "@" (still labelled as a
 * person or organisation). A bare "@" teaches nothing useful, and the handles workers write
 * ("@dk_88", "dave.k") matter, so each one is filled with a generated handle of the same label.</li>
 * <li>Notes are often in lower case or capitals, which a model trained on cased text reads as no
 * name at all; every fourth document is added again in lower case and every eighth in capitals.</li>
 * </ul>
 * Seeded, so the same files give the same samples.
 */
final class PublicTextVariants {

	private final Random random;

	private final Faker faker;

	PublicTextVariants(long seed) {
		this.random = new Random(seed);
		this.faker = new Faker(Locale.UK, random);
	}

	/** Handles filled, and the case variants added. */
	List<NameSample> of(List<AnnotatedCorpora.Document> documents) {
		return of(documents, true);
	}

	/** With {@code variants} false: only the handles filled (the selection slice, scored as trained). */
	List<NameSample> of(List<AnnotatedCorpora.Document> documents, boolean variants) {
		List<NameSample> samples = new ArrayList<>();
		for (int d = 0; d < documents.size(); d++) {
			boolean first = true;
			for (AnnotatedCorpora.Sentence sentence : documents.get(d).sentences()) {
				String[] tokens = sentence.tokens().clone();
				for (int i = 0; i < tokens.length; i++) {
					if (tokens[i].equals("@")) {
						tokens[i] = "@" + handle();
					}
				}
				opennlp.tools.util.Span[] names = sentence.names().toArray(opennlp.tools.util.Span[]::new);
				samples.add(new NameSample(tokens, names, first));
				if (variants && d % 4 == 0) {
					samples.add(new NameSample(cased(tokens, false), names, true));
				}
				if (variants && d % 8 == 1) {
					samples.add(new NameSample(cased(tokens, true), names, true));
				}
				first = false;
			}
		}
		return samples;
	}

	/** A user name as people choose them: dave_k, kasia.nowak, dk88, smithy_1987. */
	String handle() {
		String first = faker.name().firstName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		String last = faker.name().lastName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		return switch (random.nextInt(5)) {
			case 0 -> first + "_" + last.charAt(0);
			case 1 -> first + "." + last;
			case 2 -> first.charAt(0) + "" + last.charAt(0) + "_" + (10 + random.nextInt(90));
			case 3 -> last + "y" + (1960 + random.nextInt(50));
			default -> first + last.substring(0, Math.min(3, last.length())) + random.nextInt(100);
		};
	}

	static String[] cased(String[] tokens, boolean upper) {
		String[] out = new String[tokens.length];
		for (int i = 0; i < tokens.length; i++) {
			out[i] = upper ? tokens[i].toUpperCase(Locale.ROOT) : tokens[i].toLowerCase(Locale.ROOT);
		}
		return out;
	}

}
