package org.proportion.redact;

import java.nio.file.Path;


/**
 * What a recogniser may need to build itself: its entry in redaction/recognizers.yaml (context
 * words, entity type, lexicon), the shared name lists and the models folder. Every recogniser the
 * configuration names has a public constructor taking this, so adding one is one class and one
 * entry in the configuration.
 *
 * @param name the recogniser's name in the configuration
 */
public record RecognizerSetup(String name, RedactionConfig.Entry entry, NameLists names, Path models) {

	/** The entry's entity type; an error if the configuration gives none or an unknown one. */
	public EntityType entity() {
		if (entry.entity() == null) {
			throw new IllegalStateException("Recogniser '" + name + "' needs an entity type in the configuration");
		}
		return EntityType.valueOf(entry.entity());
	}

	/** The entry's lexicon resource; an error if the configuration gives none. */
	public String lexicon() {
		if (entry.lexicon() == null) {
			throw new IllegalStateException("Recogniser '" + name + "' needs a lexicon in the configuration");
		}
		return entry.lexicon();
	}

}
