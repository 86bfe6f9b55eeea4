package org.proportion.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Consent as recorded by the controller: its scope (purposes, organisations, until when), how
 * and when it was obtained, and withdrawal.
 */
public record Consent(List<String> purposes, List<String> organisations, String method, LocalDate obtainedOn,
		LocalDate withdrawnOn, LocalDate validUntil) {

	public Consent {
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
		organisations = organisations == null ? List.of() : List.copyOf(organisations);
	}

	public boolean withdrawn() {
		return withdrawnOn != null;
	}

}
