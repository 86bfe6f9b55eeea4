package org.proportion.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.proportion.support.TestDatabases;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V24 on a database that already holds meetings, views and links (as an upgraded gateway's
 * does), on H2 and on PostgreSQL: what was stored stays and still refers to its attendee, two
 * meetings may then share an attendee id, and a view or link still cannot name an attendee
 * who is not at its meeting.
 */
class AttendeeIdsPerMeetingMigrationTests {

	@Test
	void upgradingAnEmbeddedDatabaseKeepsViewsAndLinksAndLetsMeetingsShareAttendeeIds() throws SQLException {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			upgradeAndCheck(connection, null);
		}
	}

	@Test
	void upgradingPostgresKeepsViewsAndLinksAndLetsMeetingsShareAttendeeIds() throws SQLException {
		String url = System.getenv(TestDatabases.POSTGRES_URL_ENV);
		assertThat(url).as(TestDatabases.POSTGRES_URL_ENV + " must be set (./proportion test sets it)").isNotBlank();
		String schema = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(url,
				System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_USER", "proportion"),
				System.getenv().getOrDefault("PROPORTION_TEST_POSTGRES_PASSWORD", "proportion"))) {
			try {
				upgradeAndCheck(connection, schema);
			}
			finally {
				try (Statement sql = connection.createStatement()) {
					sql.execute("drop schema if exists " + schema + " cascade");
				}
			}
		}
	}

	private static void upgradeAndCheck(Connection connection, String schema) throws SQLException {
		SingleConnectionDataSource data = new SingleConnectionDataSource(connection, true);
		migrate(data, schema, "23");
		if (schema != null) {
			try (Statement sql = connection.createStatement()) {
				sql.execute("set search_path to " + schema);
			}
		}
		try (Statement sql = connection.createStatement()) {
			sql.execute("insert into organisation (id, name, type) values ('police', 'Police', 'police')");
			for (String meeting : new String[] { "m1", "m2" }) {
				sql.execute("insert into meeting (id, title, type, purpose, meeting_date, agenda) values ('" + meeting
						+ "', 'T', 'rough_sleeping_mam', 'rough_sleeping_response', date '2026-12-08', 'outreach:OR-1')");
			}
			sql.execute("insert into attendee (id, meeting_id, name, role, organisation_id, position) "
					+ "values ('m1-chair', 'm1', 'A', 'police_officer', 'police', 0)");
			sql.execute("insert into pack (id, meeting_id, version, status, built_at) values ('m1-v1', 'm1', 1, 'released', current_timestamp)");
			sql.execute("insert into attendee_view (pack_id, attendee_id, view_json, view_html) values ('m1-v1', 'm1-chair', '{}', '')");
			sql.execute("insert into access_link (token_hash, meeting_id, attendee_id, issued_at, expires_at) "
					+ "values ('" + "a".repeat(64) + "', 'm1', 'm1-chair', current_timestamp, current_timestamp)");
		}

		migrate(data, schema, null);

		try (Statement sql = connection.createStatement()) {
			try (var rs = sql.executeQuery("select meeting_id from attendee_view where pack_id = 'm1-v1' and attendee_id = 'm1-chair'")) {
				assertThat(rs.next()).as("the stored view is kept").isTrue();
				assertThat(rs.getString(1)).isEqualTo("m1");
			}
			try (var rs = sql.executeQuery("select count(*) from access_link where meeting_id = 'm1' and attendee_id = 'm1-chair'")) {
				rs.next();
				assertThat(rs.getInt(1)).as("the stored link is kept").isEqualTo(1);
			}
			// Another meeting may now have an attendee with the same id.
			sql.execute("insert into attendee (id, meeting_id, name, role, organisation_id, position) "
					+ "values ('m1-chair', 'm2', 'B', 'police_officer', 'police', 0)");
			// The same meeting still may not.
			assertThatThrownBy(() -> sql.execute("insert into attendee (id, meeting_id, name, role, organisation_id, position) "
					+ "values ('m1-chair', 'm1', 'C', 'police_officer', 'police', 1)")).isInstanceOf(SQLException.class);
			// A view or link must name an attendee of its own meeting.
			sql.execute("insert into pack (id, meeting_id, version, status, built_at) values ('m2-v1', 'm2', 1, 'released', current_timestamp)");
			assertThatThrownBy(() -> sql.execute("insert into attendee_view (pack_id, meeting_id, attendee_id, view_json, view_html) "
					+ "values ('m2-v1', 'm2', 'nobody', '{}', '')")).isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> sql.execute("insert into access_link (token_hash, meeting_id, attendee_id, issued_at, expires_at) "
					+ "values ('" + "b".repeat(64) + "', 'm2', 'nobody', current_timestamp, current_timestamp)"))
				.isInstanceOf(SQLException.class);
		}
	}

	private static void migrate(SingleConnectionDataSource data, String schema, String target) {
		var config = Flyway.configure().dataSource(data).locations("classpath:db/migration");
		if (schema != null) {
			config.schemas(schema).defaultSchema(schema);
		}
		if (target != null) {
			config.target(target);
		}
		config.load().migrate();
	}

}
