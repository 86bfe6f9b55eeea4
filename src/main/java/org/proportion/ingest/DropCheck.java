package org.proportion.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.proportion.partnership.PartnershipRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The intake route's first steps: what arrived is refused before anything reads it as records
 * when it is from no agency we take drops from, empty, too large or not UTF-8 text. Then it says
 * how the drop is read ({@link #MAPPING}, {@link #FORMAT}: the route chooses by it) and names the
 * drop by its digest ({@link #DIGEST}), the idempotent consumer's key.
 */
@Component("dropCheck")
public class DropCheck {

	/** The agency's mapping ({@link AgencyMapping}). */
	public static final String MAPPING = "proportionMapping";

	/** How the drop is read: {@code csv}, {@code json}, {@code json-record} or {@code fhir}. */
	public static final String FORMAT = "proportionFormat";

	/** The drop's digest: sha-256 of the agency's name and the bytes, hex. */
	public static final String DIGEST = "proportionDigest";

	private final AgencyMappings mappings;

	private final PartnershipRepository partnership;

	private final long maxBytes;

	DropCheck(AgencyMappings mappings, PartnershipRepository partnership,
			@Value("${proportion.intake.max-bytes:16777216}") long maxBytes) {
		this.mappings = mappings;
		this.partnership = partnership;
		this.maxBytes = maxBytes;
	}

	/** Refuses a file over the size limit before it is read into memory (from its length). */
	public void checkSize(Long length) {
		if (length != null && length > maxBytes) {
			throw tooLarge();
		}
	}

	/**
	 * Checks the drop named by the way in ({@link ChannelIntake#AGENCY}, {@link ChannelIntake#FORMAT})
	 * and sets {@link #MAPPING}, {@link #FORMAT} and {@link #DIGEST}. A health partner's JSON is its
	 * FHIR bundle whichever way it arrives (file, post, message).
	 */
	public void check(Exchange exchange) {
		String agency = exchange.getProperty(ChannelIntake.AGENCY, "", String.class);
		byte[] content = exchange.getIn().getBody(byte[].class);
		AgencyMapping mapping = mappings.forAgency(agency)
			.filter(m -> partnership.organisation(m.agency()).isPresent())
			.orElseThrow(() -> new IntakeRejected("unknown_agency",
					"No registered agency with a mapping is called '" + agency + "'"));
		if (content == null || isBlank(content)) {
			throw new IntakeRejected("no_records", "The drop is empty");
		}
		if (content.length > maxBytes) {
			throw tooLarge();
		}
		DropEncoding.check(content);
		String declared = exchange.getProperty(ChannelIntake.FORMAT, "", String.class);
		String format = mapping.fhir() && (declared.equals("json") || declared.equals("json-record")) ? "fhir" : declared;
		if (mapping.fhir() != "fhir".equals(format)) {
			throw new IntakeRejected("unsupported_format", mapping.fhir()
					? "Agency " + mapping.agency() + " sends FHIR R4 Bundles (application/fhir+json or *.fhir.json)"
					: "Agency " + mapping.agency() + " sends CSV or JSON, not FHIR");
		}
		exchange.setProperty(MAPPING, mapping);
		exchange.setProperty(FORMAT, format);
		exchange.setProperty(DIGEST, digest(mapping.agency(), content));
	}

	private IntakeRejected tooLarge() {
		return new IntakeRejected("too_large", "The drop is larger than the limit of " + maxBytes + " bytes");
	}

	private static boolean isBlank(byte[] content) {
		for (byte b : content) {
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The agency's name, a zero byte, then the bytes as sent: the same export from the same agency
	 * is the same drop; the same bytes from two agencies are two drops.
	 */
	static String digest(String agency, byte[] content) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(agency.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
			return HexFormat.of().formatHex(sha.digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
