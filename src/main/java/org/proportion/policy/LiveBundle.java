package org.proportion.policy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The one bundle that passed validation and that OPA must serve: the policy loader publishes it,
 * the bundle endpoint hands it to OPA, the revision check compares OPA against it. When OPA is
 * found serving anything else, {@link #forceReload()} gives the bundle a new ETag, so OPA's next
 * poll downloads it and activates it again in one transaction (OPA skips a download whose ETag
 * it already holds), which rewrites a tampered manifest.
 */
@Component
public class LiveBundle {

	private volatile PolicyBundle bundle;

	private final AtomicLong generation = new AtomicLong();

	private volatile boolean reloadPending;

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

	/** At most one new ETag until OPA has polled again: repeated checks do not make OPA reload twice. */
	synchronized void forceReload() {
		if (!reloadPending) {
			generation.incrementAndGet();
			reloadPending = true;
		}
	}

	/** The ETag OPA must hold for its copy to count as current; clears a pending reload. */
	synchronized String etag(PolicyBundle of) {
		reloadPending = false;
		return "\"" + of.revision() + "." + generation.get() + "\"";
	}

}
