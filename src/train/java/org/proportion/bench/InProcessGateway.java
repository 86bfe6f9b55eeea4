package org.proportion.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.proportion.ProportionApplication;
import org.proportion.policy.PolicyService;
import org.proportion.policy.PolicyUnavailable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole gateway in the launcher's benchmark and fuzz JVMs: a home of its own, the project's
 * routes, policies and models, the OPA the launcher started (which polls this gateway for its
 * validated bundle, with the token), no scheduled work. Returns once OPA serves exactly the
 * validated revision, so every build the tool times passes the same checks as in production.
 */
public final class InProcessGateway {

	private InProcessGateway() {
	}

	/**
	 * Starts the gateway; {@code settings} add to or override the common ones. The launcher passes
	 * {@code proportion.project}, {@code proportion.opa.url}, {@code proportion.opa.token-file} and
	 * {@code proportion.bench.port} as system properties.
	 */
	public static ConfigurableApplicationContext start(Path home, Map<String, String> settings)
			throws InterruptedException {
		Path project = project();
		Map<String, String> all = new LinkedHashMap<>();
		all.put("proportion.home", home.toString());
		all.put("proportion.routes", project.resolve("routes").toString());
		all.put("proportion.policies", project.resolve("policies").toString());
		all.put("proportion.opa.binary", project.resolve(".tools/bin/opa").toString());
		all.put("proportion.redaction.models", project.resolve(".tools/models").toString());
		all.put("proportion.opa.url", opaUrl());
		all.put("proportion.opa.token-file", System.getProperty("proportion.opa.token-file", ""));
		all.put("proportion.schedule.cron", "0 0 0 1 1 ? 2099");
		all.put("server.port", System.getProperty("proportion.bench.port", "0"));
		all.put("logging.level.root", "ERROR");
		all.put("spring.main.banner-mode", "off");
		all.putAll(settings);
		// Command-line arguments: they win over application.properties, whose home is the project.
		String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProportionApplication.class).run(arguments);
		awaitServedRevision(context.getBean(PolicyService.class));
		return context;
	}

	public static Path project() {
		return Path.of(System.getProperty("proportion.project", ".")).toAbsolutePath();
	}

	public static String opaUrl() {
		return System.getProperty("proportion.opa.url", "http://127.0.0.1:8191");
	}

	// The gateway validates policies/ after it starts and OPA polls it for the bundle.
	private static void awaitServedRevision(PolicyService policy) throws InterruptedException {
		long deadline = System.nanoTime() + 300_000_000_000L;
		while (true) {
			try {
				policy.liveRevision();
				return;
			}
			catch (PolicyUnavailable ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

}
