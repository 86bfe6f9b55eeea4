package org.proportion.cases;

/**
 * A case record was stored (new or replaced), published inside the storing transaction and heard
 * after it commits. Carries the reference only: a listener that needs the record asks for it.
 */
public record CaseStored(String caseRef) {
}
