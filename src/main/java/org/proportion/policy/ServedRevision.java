package org.proportion.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Before each build (and after its decisions), makes sure OPA serves exactly the bundle the
 * gateway validated: one active bundle owning {@code proportion}, whose manifest revision is the
 * validated revision, and whose modules are, text for text, the validated modules. OPA that has
 * just restarted empty, or still holds an earlier validated revision, is given a moment
 * ({@code proportion.opa.activation-wait}) to load the validated bundle from the gateway. OPA that
 * serves anything else (a revision this gateway never validated, or modules that differ) has been
 * changed behind the gateway's back: the build is refused at once, and OPA is made to reload.
 */
@Component
public class ServedRevision {

	private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z0-9_.]+)");

	private static final String NO_BUNDLE = "OPA holds no bundle of the policies";

	private final OpaClient opa;

	private final LiveBundle live;

	private final Duration wait;

	ServedRevision(OpaClient opa, LiveBundle live, @Value("${proportion.opa.activation-wait:5s}") Duration wait) {
		this.opa = opa;
		this.live = live;
		this.wait = wait;
	}

	/** Makes OPA's next poll download and activate the validated bundle again. */
	public void reloadOpa() {
		live.forceReload();
	}

	/** The revision that passed validation, or null. */
	public String validatedRevision() {
		return live.revision();
	}

	/** What OPA serves now, as far as the gateway can tell. */
	public record Served(String revision, boolean modulesMatch, String problem) {

		/** OPA holds no bundle of the policies: just started, or restarted empty. */
		boolean empty() {
			return revision == null && NO_BUNDLE.equals(problem);
		}

		boolean is(String validated) {
			return problem == null && validated.equals(revision) && modulesMatch;
		}

	}

	/**
	 * The validated revision, once OPA is seen serving it (waiting up to
	 * {@code proportion.opa.activation-wait} for OPA to load it); otherwise throws.
	 */
	public String require() {
		Instant deadline = Instant.now().plus(wait);
		while (true) {
			PolicyBundle bundle = live.current();
			if (bundle == null) {
				throw new PolicyUnavailable("policy_not_validated",
						"No policies have passed validation (opa check, opa test, probe decisions), so nothing is decided");
			}
			Served served = inspect(bundle);
			if (served.is(bundle.revision())) {
				return bundle.revision();
			}
			live.forceReload();
			boolean catchingUp = served.empty()
					|| !bundle.revision().equals(served.revision()) && live.publishedBefore(served.revision());
			if (!catchingUp || !Instant.now().isBefore(deadline)) {
				throw new PolicyUnavailable("policy_revision_mismatch",
						"OPA does not serve the validated policies " + PolicyBundle.shortRevision(bundle.revision()) + " ("
								+ served.problem() + "); nothing is released until it does");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new PolicyUnavailable("policy_interrupted", "Interrupted while waiting for OPA to load the policies", ex);
			}
		}
	}

	/** Compares OPA with the validated bundle; OPA being unreachable throws. */
	public Served inspect(PolicyBundle bundle) {
		List<String> owners = new ArrayList<>();
		String revision = null;
		for (Map.Entry<String, JsonNode> entry : iterable(opa.activeBundles())) {
			JsonNode manifest = entry.getValue().path("manifest");
			for (JsonNode root : manifest.path("roots")) {
				if (PolicyBundle.ROOT.equals(root.asText()) || root.asText().isEmpty()) {
					owners.add(entry.getKey());
					revision = manifest.path("revision").asText(null);
				}
			}
		}
		if (owners.isEmpty()) {
			return new Served(null, false, NO_BUNDLE);
		}
		if (owners.size() > 1) {
			return new Served(null, false, "OPA holds " + owners.size() + " bundles of the policies");
		}
		List<String> held = new ArrayList<>();
		for (String text : opa.moduleTexts()) {
			Matcher m = PACKAGE.matcher(text);
			String pkg = m.find() ? m.group(1) : "";
			if (pkg.equals(PolicyBundle.ROOT) || pkg.startsWith(PolicyBundle.ROOT + ".")) {
				held.add(text);
			}
		}
		held.sort(String::compareTo);
		boolean modulesMatch = held.equals(bundle.sortedModuleTexts());
		if (!bundle.revision().equals(revision)) {
			return new Served(revision, modulesMatch, "it serves revision " + PolicyBundle.shortRevision(revision));
		}
		if (!modulesMatch) {
			return new Served(revision, false, "its modules differ from the validated ones");
		}
		return new Served(revision, true, null);
	}

	private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
		return object::fields;
	}

}
