package org.proportion.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded H2 file database on a real H2 engine: a generated credential kept owner-only, the
 * default user with no password refused, no TCP auto server unless asked for, an older database
 * moved onto the credential with its data, and owner-only files under .data/.
 */
class EmbeddedDatabaseSecurityTests {

	@TempDir
	Path home;

	DataSourceProperties configured(String url) {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl(url);
		properties.setUsername("");
		properties.setPassword("");
		return properties;
	}

	String url() {
		return "jdbc:h2:file:" + home.resolve(".data/db/proportion");
	}

	static Connection connect(String url, String user, String password) throws SQLException {
		return DriverManager.getConnection(url, user, password);
	}

	@Test
	void aNewDatabaseGetsAGeneratedOwnerOnlyCredentialAndRefusesTheDefaultUser() throws Exception {
		DataSourceProperties properties = configured(url());
		EmbeddedDatabaseSecurity.secure(properties, false);

		Path credential = home.resolve(".data/db/proportion.credential");
		assertThat(credential).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential.getParent()))).isEqualTo("rwx------");
		assertThat(properties.getPassword()).isEqualTo(Files.readString(credential)).hasSizeGreaterThanOrEqualTo(43);
		assertThat(properties.getUsername()).isNotEqualToIgnoringCase("sa");
		assertThat(properties.getUrl()).doesNotContainIgnoringCase("AUTO_SERVER");

		try (Connection c = connect(properties.getUrl(), properties.getUsername(), properties.getPassword());
				Statement s = c.createStatement()) {
			s.execute("create table t (x int)");
		}
		assertThatThrownBy(() -> connect(properties.getUrl(), "sa", "").close()).isInstanceOf(SQLException.class);

		// The next start reads the same credential.
		DataSourceProperties again = configured(url());
		EmbeddedDatabaseSecurity.secure(again, false);
		assertThat(again.getPassword()).isEqualTo(properties.getPassword());
	}

	@Test
	void aDatabaseMadeWithTheDefaultUserIsMovedOntoTheCredentialAndKeepsItsData() throws Exception {
		try (Connection c = connect(url() + ";AUTO_SERVER=TRUE", "sa", ""); Statement s = c.createStatement()) {
			s.execute("create table kept (x int)");
			s.execute("insert into kept values (42)");
		}
		DataSourceProperties properties = configured(url() + ";AUTO_SERVER=TRUE");
		EmbeddedDatabaseSecurity.secure(properties, false);

		assertThat(properties.getUrl()).doesNotContainIgnoringCase("AUTO_SERVER");
		assertThatThrownBy(() -> connect(properties.getUrl(), "sa", "").close()).isInstanceOf(SQLException.class);
		try (Connection c = connect(properties.getUrl(), properties.getUsername(), properties.getPassword());
				Statement s = c.createStatement(); var rs = s.executeQuery("select x from kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getInt(1)).isEqualTo(42);
		}
	}

	@Test
	void theAutoServerIsOpenedOnlyWhenAskedFor() {
		DataSourceProperties properties = configured(url());
		EmbeddedDatabaseSecurity.secure(properties, true);
		assertThat(properties.getUrl()).endsWith(";AUTO_SERVER=TRUE");
	}

	@Test
	void aConfiguredPasswordOrAnotherDatabaseIsLeftAsConfigured() {
		DataSourceProperties postgres = configured("jdbc:postgresql://127.0.0.1/x");
		EmbeddedDatabaseSecurity.secure(postgres, false);
		assertThat(postgres.getUsername()).isEmpty();
		DataSourceProperties chosen = configured(url());
		chosen.setUsername("someone");
		chosen.setPassword("their-own");
		EmbeddedDatabaseSecurity.secure(chosen, false);
		assertThat(chosen.getPassword()).isEqualTo("their-own");
		assertThat(home.resolve(".data/db/proportion.credential")).doesNotExist();
	}

	@Test
	void everythingUnderDataBecomesOwnerOnly() throws Exception {
		Path parked = Files.createDirectories(home.resolve(".data/dead-letter")).resolve("drop.csv");
		Files.writeString(parked, "client_id\n");
		Files.setPosixFilePermissions(parked, PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(parked.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
		EmbeddedDatabaseSecurity.ownerOnly(home.resolve(".data"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parked))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parked.getParent()))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".data")))).isEqualTo("rwx------");
	}

}
