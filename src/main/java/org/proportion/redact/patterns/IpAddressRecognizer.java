package org.proportion.redact.patterns;

import java.util.List;

import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;
import org.proportion.redact.RecognizerSetup;

/**
 * IP addresses: IPv4 with every part from 0 to 255 ("81.2.69.160", not the version "1.2.3.400"),
 * and IPv6 in full or compressed form ("2001:db8::8a2e:370:7334").
 */
public final class IpAddressRecognizer extends PatternRecognizer {

	public static final PatternSettings DEFAULTS = PatternSettings.defaults("ip", "ip address", "logged in from", "address");

	private static final List<NamedPattern> PATTERNS = List.of(
			NamedPattern.of("ipv4", "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?!\\.\\d)", 0.6),
			NamedPattern.of("ipv6", "[0-9a-f]{0,4}(?::{1,2}[0-9a-f]{1,4}){2,7}(?:::)?", 0.6));

	private static final PatternValidator PARTS = new PatternValidator("address parts valid", IpAddressRecognizer::isValid);

	public IpAddressRecognizer() {
		this(DEFAULTS);
	}

	/** As redaction/recognizers.yaml sets it up. */
	public IpAddressRecognizer(RecognizerSetup setup) {
		this(PatternSettings.from(setup, DEFAULTS));
	}

	public IpAddressRecognizer(PatternSettings settings) {
		super("ip-address", EntityType.IP_ADDRESS, PATTERNS, PARTS, settings, Evidence.Source.VALIDATED_IDENTIFIER);
	}

	static boolean isValid(String address) {
		if (address.indexOf(':') >= 0) {
			int groups = address.split(":", -1).length;
			boolean compressed = address.contains("::");
			return (compressed && groups <= 8 && address.indexOf("::") == address.lastIndexOf("::")) || (!compressed && groups == 8);
		}
		for (String part : address.split("\\.")) {
			if (part.length() > 1 && part.charAt(0) == '0' || Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

}
