package org.proportion.redact;

/** The engine cannot scan text now; the text must be withheld, never passed through. */
public class RedactionUnavailable extends RuntimeException {

	public RedactionUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
