package org.proportion.partnership;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/** Registers the partnership file named by {@code proportion.partnership} at start, if any. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PartnershipLoader implements ApplicationRunner {

	private final PartnershipRepository repository;

	private final ObjectMapper json;

	private final ResourceLoader resources;

	private final String location;

	private final org.proportion.cluster.ClusterLocks locks;

	PartnershipLoader(PartnershipRepository repository, ObjectMapper json, ResourceLoader resources,
			@Value("${proportion.partnership:}") String location, org.proportion.cluster.ClusterLocks locks) {
		this.locks = locks;
		this.repository = repository;
		this.json = json;
		this.resources = resources;
		this.location = location;
	}

	/**
	 * Under a cluster lock: gateways started together on one database would otherwise both find
	 * an organisation or meeting missing and both insert it, and the second would fail to start.
	 */
	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!location.isBlank()) {
			try {
				locks.run("partnership-file", java.time.Duration.ofMinutes(5), () -> {
					try {
						load(resources.getResource(location));
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
					return null;
				});
			}
			catch (java.io.UncheckedIOException ex) {
				throw ex.getCause();
			}
		}
	}

	public void load(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			repository.register(json.readValue(in, Partnership.class));
		}
	}

}
