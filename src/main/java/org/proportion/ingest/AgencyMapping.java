package org.proportion.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one agency's export maps onto the canonical record, as written in routes/agencies/*.yaml.
 *
 * @param agency the organisation id of the agency (the controller)
 * @param reference the source column holding the agency's own reference
 * @param columns source column to canonical field ({@code consent.*} for the consent record)
 * @param required source columns that must hold a value
 * @param dateFormat pattern of the dates in the export, e.g. {@code dd/MM/yyyy}
 * @param listSeparator separator of multi-valued cells in CSV
 * @param format {@code fhir} for a health partner that sends FHIR R4 Bundles (its columns are then
 * FHIR paths, see {@link FhirBundles}); absent for CSV or JSON exports
 * @param identifierSystem for FHIR: the system of the Patient identifier that is the agency's
 * reference (any identifier with a value when absent)
 */
public record AgencyMapping(String agency, String reference, Map<String, String> columns, List<String> required,
		String dateFormat, String listSeparator, String format, String identifierSystem) {

	public AgencyMapping(String agency, String reference, Map<String, String> columns, List<String> required,
			String dateFormat, String listSeparator) {
		this(agency, reference, columns, required, dateFormat, listSeparator, null, null);
	}

	/** The agency sends FHIR R4 Bundles, not CSV or JSON exports. */
	public boolean fhir() {
		return "fhir".equalsIgnoreCase(format);
	}

	public AgencyMapping {
		// LinkedHashMap: the reference column maps to nothing (null), which Map.copyOf refuses.
		columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
		required = required == null ? List.of() : List.copyOf(required);
		listSeparator = listSeparator == null ? ";" : listSeparator;
	}

}
