package org.proportion.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.proportion.ProportionProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The agency mappings under routes/agencies/, read at start so a partnership edits YAML, not Java. */
@Component
public class AgencyMappings {

	private final Map<String, AgencyMapping> byAgency;

	@Autowired
	AgencyMappings(ProportionProperties properties) {
		this(properties.routes().resolve("agencies"));
	}

	public AgencyMappings(Path folder) {
		ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
		try (Stream<Path> files = Files.list(folder)) {
			this.byAgency = files.filter(f -> f.toString().endsWith(".yaml"))
				.sorted()
				.map(f -> read(yaml, f))
				.collect(Collectors.toUnmodifiableMap(AgencyMapping::agency, Function.identity()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Agency mappings could not be read from " + folder, ex);
		}
	}

	/** The agencies that may send records: each has its own intake account. */
	public java.util.Set<String> agencies() {
		return new java.util.TreeSet<>(byAgency.keySet());
	}

	public Optional<AgencyMapping> forAgency(String agency) {
		return Optional.ofNullable(byAgency.get(agency));
	}

	private static AgencyMapping read(ObjectMapper yaml, Path file) {
		try {
			AgencyMapping mapping = yaml.readValue(file.toFile(), AgencyMapping.class);
			// A FHIR mapping names paths of the resources a bundle may hold: a wrong one fails at
			// start, not on the partner's first bundle.
			if (mapping.fhir()) {
				for (String path : mapping.columns().keySet()) {
					String type = path.contains(".") ? path.substring(0, path.indexOf('.')) : "";
					if (!FhirBundles.TYPES.contains(type)) {
						throw new IllegalStateException("FHIR mapping " + file.getFileName() + " names a path of no type "
								+ FhirBundles.TYPES + ": " + path);
					}
				}
				if (!mapping.reference().startsWith("Patient.")) {
					throw new IllegalStateException("FHIR mapping " + file.getFileName() + " needs a Patient reference");
				}
			}
			return mapping;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Agency mapping " + file.getFileName() + " is not valid", ex);
		}
	}

}
