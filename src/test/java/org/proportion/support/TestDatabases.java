package org.proportion.support;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two databases every storage test runs on: embedded H2 (the first-run default) and the
 * PostgreSQL server that ./proportion test and .ci/run install and start. Each test context gets
 * a fresh database or schema, so tests never see each other's rows.
 */
public final class TestDatabases {

	public static final String POSTGRES_URL_ENV = "PROPORTION_TEST_POSTGRES_URL";

	private TestDatabases() {
	}

	public static void h2(DynamicPropertyRegistry registry) {
		// The lock timeout as the embedded default has it (application.properties).
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
	}

	/** PostgreSQL, in a schema of its own. Fails, never skips, when the server is not configured. */
	public static void postgres(DynamicPropertyRegistry registry) {
		postgres(registry, null);
	}

	/**
	 * PostgreSQL with the gateway's connections named {@code applicationName}, so a fault test can
	 * terminate exactly those backends (the server is shared with other test runs).
	 */
	public static void postgres(DynamicPropertyRegistry registry, String applicationName) {
		String url = System.getenv(POSTGRES_URL_ENV);
		if (url == null || url.isBlank()) {
			throw new IllegalStateException(POSTGRES_URL_ENV + " is not set: run the tests with ./proportion test, "
					+ "which installs and starts PostgreSQL");
		}
		String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
				+ (applicationName == null ? "" : "&ApplicationName=" + applicationName);
		registry.add("spring.datasource.url", () -> schemaUrl);
		registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_USER", "proportion"));
		registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_PASSWORD", "proportion"));
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.default-schema", () -> schema);
	}

}
