package org.proportion.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bearer token OPA requires of every API call (it runs with {@code --authentication=token
 * --authorization=basic} and a {@code system.authz} policy that accepts only this token). Given
 * by configuration: {@code proportion.opa.token-file} (what ./proportion uses: a file under .data/
 * only its owner can read) or {@code proportion.opa.token}. Without one the gateway still starts,
 * and an OPA that demands a token refuses it, so nothing is decided: fail closed. The value is
 * never logged and {@link #toString()} hides it.
 */
@Component
public class OpaToken {

	private final String value;

	OpaToken(@Value("${proportion.opa.token:}") String token, @Value("${proportion.opa.token-file:}") String file) {
		this.value = resolve(token, file);
	}

	private static String resolve(String token, String file) {
		if (token != null && !token.isBlank()) {
			return token.strip();
		}
		if (file == null || file.isBlank()) {
			return null;
		}
		try {
			String read = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
			return read.isEmpty() ? null : read;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The OPA token file named by proportion.opa.token-file could not be read", ex);
		}
	}

	/** The token, or null when none is configured. */
	String value() {
		return value;
	}

	@Override
	public String toString() {
		return value == null ? "OpaToken[none]" : "OpaToken[set]";
	}

}
