package org.proportion.redact;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one redaction engine of the gateway, over the models folder, with its cache of analysed
 * notes shared by every pack build.
 */
@Configuration
class RedactionBeans {

	@Bean
	RedactionEngine redactionEngine(@Value("${proportion.redaction.models}") Path models,
			@Value("${proportion.redaction.cache-size:" + RedactionEngine.DEFAULT_CACHE + "}") int cacheSize,
			ObjectProvider<ScanObserver> observer) {
		RedactionEngine engine = new RedactionEngine(models, cacheSize);
		observer.ifAvailable(engine::observe);
		return engine;
	}

}
