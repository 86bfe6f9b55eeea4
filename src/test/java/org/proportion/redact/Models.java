package org.proportion.redact;

import java.nio.file.Files;
import java.nio.file.Path;

import org.proportion.redact.nlp.NlpModels;
import org.proportion.support.OpaServer;

/** The models folder ./proportion train fills; tests fail, never skip, without it. */
final class Models {

	private Models() {
	}

	static Path folder() {
		Path folder = OpaServer.projectDir().resolve(".tools/models");
		if (!Files.isReadable(folder.resolve(NlpModels.NAME_FINDER_FILE))) {
			throw new IllegalStateException("No name finder model in " + folder + ": run ./proportion test, which trains it");
		}
		return folder;
	}

	private static RedactionEngine engine;

	static synchronized RedactionEngine engine() {
		if (engine == null) {
			engine = new RedactionEngine(folder());
		}
		return engine;
	}

}
