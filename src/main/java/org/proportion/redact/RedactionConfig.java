package org.proportion.redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Which recognisers run, the score a finding needs, each recogniser's context words, and the
 * sensitivity levels readers may be given, as written in redaction/recognizers.yaml. A name there
 * that no recogniser has is an error.
 */
public record RedactionConfig(Map<String, Entry> recognizers, Map<String, Sensitivity> sensitivity) {

	public RedactionConfig {
		recognizers = recognizers == null ? Map.of() : recognizers;
		sensitivity = sensitivity == null ? Map.of() : sensitivity;
	}

	public RedactionConfig(Map<String, Entry> recognizers) {
		this(recognizers, Map.of());
	}

	/**
	 * @param implementation the recogniser's class, relative to {@code org.proportion.redact}
	 * ("patterns.NhsNumberRecognizer"), with a public constructor taking a {@link RecognizerSetup}
	 * @param entity for a recogniser that serves several types, the one this entry finds
	 * @param lexicon for a lexicon recogniser, its classpath resource
	 */
	public record Entry(@JsonProperty("class") String implementation, boolean enabled, double threshold,
			List<String> context, List<String> contextAfter, String entity, String lexicon) {

		public Entry {
			context = context == null ? List.of() : List.copyOf(context);
			contextAfter = contextAfter == null ? List.of() : List.copyOf(contextAfter);
		}

	}

	public static RedactionConfig load(String resource) {
		ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		try (InputStream in = RedactionConfig.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Redaction configuration missing: " + resource);
			}
			return yaml.readValue(in, RedactionConfig.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redaction configuration is not valid: " + resource, ex);
		}
	}

	public Entry entry(String recognizer) {
		Entry entry = recognizers.get(recognizer);
		if (entry == null) {
			throw new IllegalStateException("Recogniser '" + recognizer + "' is not in the redaction configuration");
		}
		return entry;
	}

}
