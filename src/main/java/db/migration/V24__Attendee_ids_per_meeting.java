package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Attendee ids belong to their meeting: two meetings may each have a "chair". The attendee key
 * becomes (meeting_id, id), and what refers to an attendee refers to them within a meeting: an
 * access link by its own meeting_id, a stored view by a meeting_id column added here and filled
 * from its pack. Java, not SQL, because the constraints to drop were named by the database (H2
 * and PostgreSQL name them differently), so their names are read from the connection's metadata
 * in the schema being migrated. A link whose meeting does not hold its attendee could never open
 * a view; it is deleted so the new reference can hold.
 */
public class V24__Attendee_ids_per_meeting extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement sql = connection.createStatement()) {
			for (String table : List.of("attendee_view", "access_link")) {
				for (String foreignKey : foreignKeysToAttendee(connection, table)) {
					sql.execute("alter table " + table + " drop constraint " + quoted(foreignKey));
				}
			}
			String primaryKey = primaryKey(connection, "attendee");
			if (primaryKey != null) {
				sql.execute("alter table attendee drop constraint " + quoted(primaryKey));
			}
			sql.execute("alter table attendee add constraint attendee_pk primary key (meeting_id, id)");

			sql.execute("alter table attendee_view add column meeting_id varchar(64)");
			sql.execute("""
					update attendee_view set meeting_id = (select p.meeting_id from pack p where p.id = attendee_view.pack_id)""");
			sql.execute("alter table attendee_view alter column meeting_id set not null");
			sql.execute("""
					alter table attendee_view add constraint attendee_view_attendee_fk
					foreign key (meeting_id, attendee_id) references attendee (meeting_id, id)""");

			sql.execute("""
					delete from access_link where not exists (select 1 from attendee a
					where a.meeting_id = access_link.meeting_id and a.id = access_link.attendee_id)""");
			sql.execute("""
					alter table access_link add constraint access_link_attendee_fk
					foreign key (meeting_id, attendee_id) references attendee (meeting_id, id)""");
		}
	}

	private static List<String> foreignKeysToAttendee(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		List<String> names = new ArrayList<>();
		try (ResultSet keys = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), stored(meta, table))) {
			while (keys.next()) {
				if (keys.getString("PKTABLE_NAME").equalsIgnoreCase("attendee")
						&& !names.contains(keys.getString("FK_NAME"))) {
					names.add(keys.getString("FK_NAME"));
				}
			}
		}
		return names;
	}

	private static String primaryKey(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		try (ResultSet keys = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), stored(meta, table))) {
			return keys.next() ? keys.getString("PK_NAME") : null;
		}
	}

	/** Unquoted names are kept upper case by H2 and lower case by PostgreSQL. */
	private static String stored(DatabaseMetaData meta, String name) throws SQLException {
		return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
	}

	private static String quoted(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
