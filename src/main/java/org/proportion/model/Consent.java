package org.proportion.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The person's agreement to sharing, as the controller recorded it: its state (not asked, agreed,
 * refused, withdrawn), how, when and by whom it was recorded, and its scope (purposes,
 * organisations, fields, until when). People want to be asked before sharing takes place but
 * not to sign forms, so a verbal agreement recorded by their worker counts as much as a form.
 *
 * @param state {@code not_asked}, {@code agreed}, {@code refused} or {@code withdrawn}; when the
 * agency sends none it is worked out from the rest (a withdrawal date, else a scope, else not asked)
 * @param fields the fields the agreement covers; empty means every field
 */
public record Consent(List<String> purposes, List<String> organisations, String method, LocalDate obtainedOn,
		LocalDate withdrawnOn, LocalDate validUntil, String state, String recordedBy, List<String> fields) {

	public static final String NOT_ASKED = "not_asked";

	public static final String AGREED = "agreed";

	public static final String REFUSED = "refused";

	public static final String WITHDRAWN = "withdrawn";

	public static final Set<String> STATES = Set.of(NOT_ASKED, AGREED, REFUSED, WITHDRAWN);

	public Consent {
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
		organisations = organisations == null ? List.of() : List.copyOf(organisations);
		fields = fields == null ? List.of() : List.copyOf(fields);
		if (state == null || state.isBlank()) {
			state = withdrawnOn != null ? WITHDRAWN : purposes.isEmpty() ? NOT_ASKED : AGREED;
		}
		if (!STATES.contains(state)) {
			throw new IllegalArgumentException("An agreement state must be one of " + STATES);
		}
	}

	public Consent(List<String> purposes, List<String> organisations, String method, LocalDate obtainedOn,
			LocalDate withdrawnOn, LocalDate validUntil) {
		this(purposes, organisations, method, obtainedOn, withdrawnOn, validUntil, null, null, null);
	}

	public boolean withdrawn() {
		return withdrawnOn != null || WITHDRAWN.equals(state);
	}

	public boolean refused() {
		return REFUSED.equals(state);
	}

}
