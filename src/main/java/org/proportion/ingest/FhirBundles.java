package org.proportion.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a health partner's FHIR R4 Bundle (Patient, Condition, Flag) into one row per Patient,
 * keyed by the FHIR paths the agency's mapping names (e.g. {@code Patient.birthDate},
 * {@code Condition.code}), so the rows go through the same checks, mapping and store as a CSV
 * export. HAPI FHIR parses directly (not camel-fhir's data format in the route) because the intake
 * step must see the original bytes first: digest, encoding and size checks, parking with them.
 *
 * <p>
 * Paths are HAPI terser paths from the resource type: a primitive gives its value, a name its
 * single-string form, a CodeableConcept or Coding its first code, an Identifier its value.
 * Condition and Flag paths collect the values of every such resource whose subject is the Patient.
 * Any problem rejects the whole bundle with a reason naming entries and types, never values.
 */
final class FhirBundles {

	static final Set<String> TYPES = Set.of("Patient", "Condition", "Flag");

	// Building a FHIR context scans the whole R4 model: once per process.
	private static final FhirContext R4 = FhirContext.forR4Cached();

	private FhirBundles() {
	}

	static List<Map<String, Object>> rows(AgencyMapping mapping, byte[] content) {
		Bundle bundle = parse(content);
		List<Patient> patients = new ArrayList<>();
		Map<String, Patient> byReference = new HashMap<>();
		List<Resource> linked = new ArrayList<>();
		List<Integer> linkedEntries = new ArrayList<>();
		int index = 0;
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			index++;
			Resource resource = entry.getResource();
			String type = resource == null ? null : resource.fhirType();
			if (type == null || !TYPES.contains(type)) {
				throw new IntakeRejected("unsupported_resource", "Entry " + index + " is "
						+ (type == null ? "empty" : "a " + type) + "; a bundle may hold Patient, Condition and Flag")
					.with("entry", index);
			}
			if (resource instanceof Patient patient) {
				patients.add(patient);
				if (entry.hasFullUrl()) {
					byReference.put(entry.getFullUrl(), patient);
				}
				if (patient.getIdElement().hasIdPart()) {
					byReference.put("Patient/" + patient.getIdElement().getIdPart(), patient);
				}
			}
			else {
				linked.add(resource);
				linkedEntries.add(index);
			}
		}
		if (patients.isEmpty()) {
			throw new IntakeRejected("no_records", "The bundle holds no Patient");
		}
		Map<Patient, List<Resource>> related = new HashMap<>();
		for (int i = 0; i < linked.size(); i++) {
			Resource resource = linked.get(i);
			Reference subject = resource instanceof Condition c ? c.getSubject() : ((Flag) resource).getSubject();
			Patient patient = subject == null || !subject.hasReference() ? null : byReference.get(subject.getReference());
			if (patient == null) {
				throw new IntakeRejected("unresolved_reference", "Entry " + linkedEntries.get(i) + " (" + resource.fhirType()
						+ ") has a subject that is no Patient in the bundle").with("entry", linkedEntries.get(i));
			}
			related.computeIfAbsent(patient, p -> new ArrayList<>()).add(resource);
		}
		FhirTerser terser = R4.newTerser();
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int p = 0; p < patients.size(); p++) {
			Patient patient = patients.get(p);
			Map<String, Object> row = new LinkedHashMap<>();
			for (String path : mapping.columns().keySet()) {
				Object value = path.equals(mapping.reference()) ? reference(mapping, patient)
						: value(terser, path, RecordMapper.LIST_FIELDS.contains(mapping.columns().get(path)), patient,
								related.getOrDefault(patient, List.of()));
				if (value != null) {
					row.put(path, value);
				}
			}
			if (row.get(mapping.reference()) == null) {
				throw new IntakeRejected("missing_reference", "Patient " + (p + 1) + " has no identifier"
						+ (mapping.identifierSystem() == null ? "" : " of system " + mapping.identifierSystem()));
			}
			rows.add(row);
		}
		return rows;
	}

	private static Bundle parse(byte[] content) {
		IParser parser = R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
		IBaseResource resource;
		try {
			resource = parser.parseResource(new String(content, java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			// HAPI's messages can quote the offending value: only the kind of failure is kept.
			throw new IntakeRejected("malformed_fhir",
					"The body is not a valid FHIR R4 resource in JSON (" + ex.getClass().getSimpleName() + ")");
		}
		if (!(resource instanceof Bundle bundle)) {
			throw new IntakeRejected("not_a_bundle", "Expected a FHIR Bundle, got a " + resource.fhirType());
		}
		return bundle;
	}

	private static String reference(AgencyMapping mapping, Patient patient) {
		for (Identifier identifier : patient.getIdentifier()) {
			if (identifier.hasValue() && !identifier.getValue().isBlank()
					&& (mapping.identifierSystem() == null || mapping.identifierSystem().equals(identifier.getSystem()))) {
				return identifier.getValue();
			}
		}
		return null;
	}

	private static Object value(FhirTerser terser, String path, boolean list, Patient patient, List<Resource> related) {
		String type = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
		List<String> values = new ArrayList<>();
		if ("Patient".equals(type)) {
			values.addAll(values(terser, patient, path));
		}
		else if (TYPES.contains(type)) {
			for (Resource resource : related) {
				if (type.equals(resource.fhirType())) {
					values.addAll(values(terser, resource, path));
				}
			}
		}
		else {
			throw new IllegalStateException("The FHIR mapping names a path of an unsupported type: " + type);
		}
		if (values.isEmpty()) {
			return null;
		}
		// A list field takes every value; a single field the first (a Patient's official name comes first).
		return list ? values : values.get(0);
	}

	private static List<String> values(FhirTerser terser, IBase resource, String path) {
		List<String> values = new ArrayList<>();
		for (IBase value : terser.getValues((IBaseResource) resource, path)) {
			String text = text(value);
			if (text != null && !text.isBlank()) {
				values.add(text);
			}
		}
		return values;
	}

	private static String text(IBase value) {
		if (value instanceof IPrimitiveType<?> primitive) {
			return primitive.getValueAsString();
		}
		if (value instanceof HumanName name) {
			return name.hasText() ? name.getText() : name.getNameAsSingleString();
		}
		if (value instanceof CodeableConcept concept) {
			return concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst()
				.orElse(concept.getText());
		}
		if (value instanceof Coding coding) {
			return coding.getCode();
		}
		if (value instanceof Identifier identifier) {
			return identifier.getValue();
		}
		return null;
	}

}
