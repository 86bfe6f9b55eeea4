package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Views are stored gzip-compressed (json_gz, html_gz): a pack of a thousand cases for twelve
 * attendees is about 150 MB of view text, which an embedded H2 must write in one transaction;
 * compressed it is a tenth of that, and it is what a browser is sent anyway. Views stored before
 * keep their text columns, which become optional. Java, not SQL, because the binary type and
 * the way to drop a NOT NULL differ between H2 and PostgreSQL.
 */
public class V28__Views_stored_compressed extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		String binary = postgres ? "bytea" : "blob";
		try (Statement sql = connection.createStatement()) {
			sql.execute("alter table attendee_view add column json_gz " + binary);
			sql.execute("alter table attendee_view add column html_gz " + binary);
			for (String column : new String[] { "view_json", "view_html" }) {
				sql.execute("alter table attendee_view alter column " + column + (postgres ? " drop not null" : " set null"));
			}
		}
	}

}
