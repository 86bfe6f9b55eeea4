package org.proportion.model;

import java.time.LocalDate;
import java.util.List;

/** A signed data sharing agreement: who shares what, for which purposes, until its review date. */
public record DataSharingAgreement(String id, String title, List<String> parties, List<String> purposes,
		List<String> categories, LocalDate reviewDate) {

	public DataSharingAgreement {
		parties = List.copyOf(parties);
		purposes = List.copyOf(purposes);
		categories = List.copyOf(categories);
	}

}
