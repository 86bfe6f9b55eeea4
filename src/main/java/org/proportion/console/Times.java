package org.proportion.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Times as the console's pages write them: in UTC and saying so, since partners read them side by side. */
final class Times {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'", Locale.UK)
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	static String when(Instant instant) {
		return instant == null ? "" : WHEN.format(instant);
	}

	/** A time as the decision log stores it (a timestamp's text); shown as it is if it cannot be read. */
	static String when(String logged) {
		if (logged == null) {
			return "";
		}
		try {
			return when(Instant.parse(logged.strip()));
		}
		catch (DateTimeParseException notInstant) {
			try {
				return when(LocalDateTime.parse(logged.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC));
			}
			catch (DateTimeParseException ex) {
				return logged;
			}
		}
	}

}
