package org.proportion;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Proportion keeps its files and how it reaches OPA. Every folder is resolved from
 * {@code proportion.home} (the project folder by default), never from the working directory.
 */
@ConfigurationProperties("proportion")
public record ProportionProperties(Path home, Path routes, Path inbox, Path archive, Path deadLetter, Opa opa,
		String publicUrl) {

	public record Opa(String url, Duration timeout) {
	}

}
