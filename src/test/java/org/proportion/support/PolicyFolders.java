package org.proportion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A throwaway copy of policies/, for tests that edit policies as a DPO would. */
public final class PolicyFolders {

	private PolicyFolders() {
	}

	public static Path copy() {
		try {
			return copyInto(Files.createTempDirectory("policies-copy"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A copy of policies/ as the folder {@code copy} (created if missing). */
	public static Path copyInto(Path copy) {
		try {
			Files.createDirectories(copy);
			Path live = OpaServer.projectDir().resolve("policies");
			try (Stream<Path> files = Files.walk(live)) {
				for (Path file : files.toList()) {
					Path target = copy.resolve(live.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(file, target);
					}
				}
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
