package org.proportion.redact;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one redaction engine of the gateway, over the models folder. */
@Configuration
class RedactionBeans {

	@Bean
	RedactionEngine redactionEngine(@Value("${proportion.redaction.models}") Path models) {
		return new RedactionEngine(models);
	}

}
