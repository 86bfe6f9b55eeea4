package org.proportion.redact;

import java.util.Map;

/**
 * Told of each note the engine scans (not of analyses served from its cache): how long the scan
 * took and how many findings of each type it made. Only types and counts cross this line, never
 * the text or a finding, so an observer (the gateway's metrics) cannot leak a note.
 */
@FunctionalInterface
public interface ScanObserver {

	ScanObserver NONE = (nanos, counts) -> {
	};

	void scanned(long nanos, Map<EntityType, Integer> counts);

}
