package org.proportion.policy;

import java.util.Map;

import org.proportion.model.Decision;

/**
 * The policy's answer for the trend tables of a pack.
 *
 * @param minCellCount smallest count that may be shown
 * @param byAttendee attendee id to dimension to decision
 */
public record TrendsDecision(String dataRevision, int minCellCount, Map<String, Map<String, Decision>> byAttendee) {
}
