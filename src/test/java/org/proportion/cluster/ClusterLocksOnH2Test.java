package org.proportion.cluster;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The cluster locks on the embedded H2 database (one gateway's default; the same SQL). */
class ClusterLocksOnH2Test extends ClusterLocksTests {

	@Override
	DataSource dataSource(String schema) {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
		h2.setUser("sa");
		return h2;
	}

	@Override
	boolean ownSchema() {
		return false; // a fresh in-memory database per test already
	}

}
