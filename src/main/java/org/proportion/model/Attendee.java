package org.proportion.model;

/** A person invited to a meeting, in a role, for an organisation. */
public record Attendee(String id, String name, String role, String organisationId) {
}
