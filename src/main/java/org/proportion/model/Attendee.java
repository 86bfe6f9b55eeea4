package org.proportion.model;

/** A person invited to a meeting, in a role, for an organisation; their link goes to their email. */
public record Attendee(String id, String name, String role, String organisationId, String email) {

	public Attendee(String id, String name, String role, String organisationId) {
		this(id, name, role, organisationId, null);
	}

}
