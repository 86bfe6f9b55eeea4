package org.proportion.policy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The one bundle that passed validation and that OPA must serve: the policy loader publishes it,
 * the bundle endpoint hands it to OPA, the revision check compares OPA against it. When OPA is
 * found serving anything else, {@link #forceReload()} makes the endpoint send the whole bundle
 * on OPA's next poll even if OPA claims to hold it already (OPA activates it again in one
 * transaction, which rewrites a tampered manifest).
 */
@Component
public class LiveBundle {

	private volatile PolicyBundle bundle;

	private volatile boolean forceReload;

	private final Set<String> published = ConcurrentHashMap.newKeySet();

	/** The validated bundle, or null before any policies passed validation. */
	public PolicyBundle current() {
		return bundle;
	}

	/** The validated revision, or null. */
	public String revision() {
		PolicyBundle b = bundle;
		return b == null ? null : b.revision();
	}

	void publish(PolicyBundle validated) {
		published.add(validated.revision());
		this.bundle = validated;
	}

	/** Whether this gateway validated and published the revision at some point (OPA may lag behind). */
	boolean publishedBefore(String revision) {
		return revision != null && published.contains(revision);
	}

	void forceReload() {
		this.forceReload = true;
	}

	/** Whether OPA's cached copy (its ETag) may be trusted for this poll; clears a pending reload. */
	boolean takeReload() {
		boolean force = forceReload;
		forceReload = false;
		return force;
	}

}
