package org.proportion.cluster;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.proportion.support.TestDatabases;

/** The cluster locks on PostgreSQL, where several gateways share one database; a fresh schema. */
class ClusterLocksOnPostgresTest extends ClusterLocksTests {

	@Override
	DataSource dataSource(String schema) {
		String url = System.getenv(TestDatabases.POSTGRES_URL_ENV);
		if (url == null || url.isBlank()) {
			throw new IllegalStateException(TestDatabases.POSTGRES_URL_ENV + " is not set");
		}
		PGSimpleDataSource pg = new PGSimpleDataSource();
		pg.setURL(url);
		pg.setCurrentSchema(schema);
		pg.setUser(System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_USER", "proportion"));
		pg.setPassword(System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_PASSWORD", "proportion"));
		return pg;
	}

}
