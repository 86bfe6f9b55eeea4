package org.proportion.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import org.proportion.model.CaseRecord;

/**
 * One digest of a meeting's agenda records as they were read: each agenda case in order, with
 * its record (agency, fields, agreement) or the fact that none has been received. A build stores
 * the digest of the records it decided on ({@code pack.agenda_digest}); the schedule computes it
 * again from the records as they stand, and the pack is stale exactly when the two differ.
 *
 * <p>Why not the build's time against each record's {@code updated_at}: that time is taken before
 * the intake's transaction commits, so with intake and builds running at once (and on several
 * gateways) a build can already hold a record stamped after it started, and be rebuilt at every
 * run as "unchanged", or miss a record stamped before it started that committed after it read,
 * and never be rebuilt. A digest of what was read has neither gap.
 *
 * <p>The digest is stored beside the records it is made from and tells nothing they do not.
 */
public final class AgendaDigest {

	private AgendaDigest() {
	}

	/**
	 * @param agenda the meeting's agenda case references, in order
	 * @param records the record of a case reference, or null when none has been received
	 */
	public static String of(List<String> agenda, Function<String, CaseRecord> records) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (String caseRef : agenda) {
				CaseRecord record = records.apply(caseRef);
				update(sha, caseRef);
				// A record's text is its values (strings, numbers, lists, dates): the same stored
				// record reads back to the same text, whichever gateway reads it.
				update(sha, record == null ? "\u0001absent" : record.toString());
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void update(MessageDigest sha, String text) {
		sha.update(text.getBytes(StandardCharsets.UTF_8));
		sha.update((byte) 0);
	}

}
