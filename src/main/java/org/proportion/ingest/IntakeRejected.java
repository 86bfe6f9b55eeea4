package org.proportion.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A drop that cannot be taken in as it is. The code is machine-readable; the detail names
 * columns, rows and formats, never values, because values are personal data.
 */
public class IntakeRejected extends RuntimeException {

	private final String code;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public IntakeRejected(String code, String detail) {
		super(detail);
		this.code = code;
	}

	public String code() {
		return code;
	}

	/**
	 * Adds a machine-readable pointer to what to fix (a field's path, an attendee's id, a list of
	 * allowed words), carried into the problem details an API caller gets. Never a value.
	 */
	public IntakeRejected with(String name, Object value) {
		properties.put(name, value);
		return this;
	}

	/** The pointers added with {@link #with}, in the order they were added. */
	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

}
