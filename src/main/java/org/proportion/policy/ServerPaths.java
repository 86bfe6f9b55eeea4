package org.proportion.policy;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Takes the server's file paths out of OPA's messages before anyone reads them: a draft's own
 * files are named relative to the draft ({@code proportion/sharing/sharing.rego:3}), and any
 * other absolute path is cut to its last part. A message must say what to fix, not where the
 * gateway keeps its files.
 */
final class ServerPaths {

	private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.])(?:/[^/\\s:\"'()\\[\\]{},]+)+/([^/\\s:\"'()\\[\\]{},]+)");

	private ServerPaths() {
	}

	static String scrub(String message, Path... folders) {
		String text = message == null ? "" : message;
		for (Path folder : folders) {
			if (folder == null) {
				continue;
			}
			String absolute = folder.toAbsolutePath().normalize().toString();
			text = text.replace(absolute + "/", "").replace(absolute, "(draft)");
		}
		return ABSOLUTE.matcher(text).replaceAll("$1");
	}

}
