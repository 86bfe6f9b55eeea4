package org.proportion.redact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the engine's word lists and lexicons: one entry per line, "#" starts a comment line. */
public final class Lexicons {

	private Lexicons() {
	}

	/** The entries of a classpath resource; a missing list is an error, never an empty list. */
	public static List<String> lines(String resource) {
		try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("List missing: " + resource);
			}
			List<String> lines = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String entry = line.strip();
				if (!entry.isEmpty() && !entry.startsWith("#")) {
					lines.add(entry);
				}
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("List could not be read: " + resource, ex);
		}
	}

}
