package org.proportion.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One agency's record about one person, in canonical field names. Which category each field
 * belongs to is not known here: that is the DPO's catalogue in policies/.
 *
 * @param caseRef agency id and the agency's own reference, e.g. {@code outreach:OR-1001}
 * @param fields canonical field name to value (text, date text or list of text)
 */
public record CaseRecord(String caseRef, String agency, String agencyRef, Map<String, Object> fields,
		Consent consent) {

	public static final String DATE_OF_BIRTH = "date_of_birth";

	public static final String AGE = "age";

	/**
	 * The fields the originating agency marked never to be disclosed (a survivor's address or
	 * refuge, a new name): not a field shown to anyone, but a mark the policy and the note
	 * redaction honour for every other organisation.
	 */
	public static final String DO_NOT_DISCLOSE = "do_not_disclose";

	public CaseRecord {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	public static String ref(String agency, String agencyRef) {
		return agency + ":" + agencyRef;
	}

	/** The fields as of a date: age is derived from the date of birth when the agency sent none. */
	public Map<String, Object> fieldsOn(LocalDate date) {
		if (fields.containsKey(AGE) || !(fields.get(DATE_OF_BIRTH) instanceof String dob)) {
			return fields;
		}
		// Keep age next to the date of birth it comes from.
		Map<String, Object> result = new LinkedHashMap<>();
		fields.forEach((name, value) -> {
			result.put(name, value);
			if (name.equals(DATE_OF_BIRTH)) {
				result.put(AGE, String.valueOf(Period.between(LocalDate.parse(dob), date).getYears()));
			}
		});
		return result;
	}

}
