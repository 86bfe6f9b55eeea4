package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A row's field decisions (items) are stored gzip-compressed in items_gz: the same reasons and
 * bases repeat across a pack's thousands of rows, so the log grows by a fraction of what the
 * text would take. The row's hash still covers the items' canonical text, which verification
 * decompresses and checks. Rows written before keep their text in items. Java, not SQL, because
 * the binary type differs between H2 and PostgreSQL.
 */
public class V29__Decision_log_items_compressed extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		try (Statement sql = connection.createStatement()) {
			sql.execute("alter table decision_log add column items_gz " + (postgres ? "bytea" : "varbinary(1000000000)"));
		}
	}

}
