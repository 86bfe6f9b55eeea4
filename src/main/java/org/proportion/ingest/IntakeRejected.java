package org.proportion.ingest;

/**
 * A drop that cannot be taken in as it is. The code is machine-readable; the detail names
 * columns, rows and formats, never values, because values are personal data.
 */
public class IntakeRejected extends RuntimeException {

	private final String code;

	public IntakeRejected(String code, String detail) {
		super(detail);
		this.code = code;
	}

	public String code() {
		return code;
	}

}
