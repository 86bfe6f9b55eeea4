package org.proportion.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The words the DPO's policies define, for checking input before it is stored: the catalogue's
 * fields and roles, the risk flag vocabulary and the case purposes. Read from the policies
 * folder each time (small files), so an edit the loader puts live is seen at once. The policy
 * itself still refuses anything unknown when it decides; this only lets intake and the meeting
 * API say so early, with a reason, instead of a case withheld at build time.
 */
@Component
public class PolicyVocabulary {

	private final Path folder;

	private final ObjectMapper json;

	PolicyVocabulary(@Value("${proportion.policies}") Path folder, ObjectMapper json) {
		this.folder = folder;
		this.json = json;
	}

	public Set<String> riskFlags() {
		return keys(read("proportion/sharing/data.json").path("settings").path("risk_flags"));
	}

	public Set<String> casePurposes() {
		return keys(read("proportion/sharing/data.json").path("settings").path("case_purposes"));
	}

	public Set<String> fields() {
		return keys(read("proportion/catalogue/data.json").path("fields"));
	}

	public Set<String> roles() {
		return keys(read("proportion/catalogue/data.json").path("roles"));
	}

	/** Meeting purposes: those the policy says some role needs something for. */
	public Set<String> meetingPurposes() {
		return keys(read("proportion/sharing/data.json").path("settings").path("needs"));
	}

	private JsonNode read(String file) {
		try {
			return json.readTree(Files.readAllBytes(folder.resolve(file)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The policies' vocabulary could not be read", ex);
		}
	}

	private static Set<String> keys(JsonNode node) {
		Set<String> keys = new LinkedHashSet<>();
		node.fieldNames().forEachRemaining(keys::add);
		if (keys.isEmpty()) {
			throw new IllegalStateException("The policies define no such vocabulary");
		}
		return keys;
	}

}
