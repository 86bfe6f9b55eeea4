package org.proportion.redact;

import java.util.List;
import java.util.Set;

/**
 * One way of finding personal data in text. Recognisers are stateless and thread-safe; they do
 * not know who will read the text. Settings (enablement, thresholds, context words) come from
 * configuration, not code.
 */
public interface Recognizer {

	/** A stable name, used in configuration and in every span's explanation. */
	String name();

	/** The entity types this recogniser can emit. */
	Set<EntityType> entities();

	/** Every finding in the text; offsets are Java String indices into {@code text}. */
	List<Span> find(String text, ScanContext context);

}
