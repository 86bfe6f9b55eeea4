package org.proportion.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded database is a file any local user could otherwise open: with H2's default user
 * {@code sa} and no password, and {@code AUTO_SERVER=TRUE} (which opens a TCP port), anyone on
 * the machine could rewrite links, views and the decision log. So, for an H2 file database
 * configured without a password, this gives it a generated credential kept owner-only beside
 * the database (a database made earlier with {@code sa} and no password is moved to it once),
 * opens no auto server unless {@code proportion.db.auto-server=true}, and makes everything under
 * {@code .data/} readable by its owner only. PostgreSQL and in-memory databases are left alone.
 */
@Component
public class EmbeddedDatabaseSecurity implements BeanPostProcessor, EnvironmentAware {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSecurity.class);

	static final String USER = "PROPORTION";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSourceProperties properties) {
			secure(properties, environment.getProperty("proportion.db.auto-server", Boolean.class, false));
			String home = environment.getProperty("proportion.home");
			if (home != null) {
				ownerOnly(Path.of(home).resolve(".data"));
			}
		}
		return bean;
	}

	/** Applies the generated credential and the auto-server choice to an H2 file database. */
	static void secure(DataSourceProperties properties, boolean autoServer) {
		String url = properties.getUrl();
		if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")
				|| properties.getPassword() != null && !properties.getPassword().isEmpty()) {
			return;
		}
		Path database = databasePath(url);
		String password = credential(database, url);
		properties.setUsername(USER);
		properties.setPassword(password);
		boolean hasAutoServer = url.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=");
		if (autoServer && !hasAutoServer) {
			properties.setUrl(url + ";AUTO_SERVER=TRUE");
		}
		else if (!autoServer && hasAutoServer) {
			properties.setUrl(url.replaceAll("(?i);AUTO_SERVER=[A-Z]+", ""));
		}
	}

	static Path databasePath(String url) {
		String path = url.substring("jdbc:h2:file:".length());
		int options = path.indexOf(';');
		return Path.of(options < 0 ? path : path.substring(0, options)).toAbsolutePath();
	}

	/** The database's password: read from the owner-only file beside it, or generated (and applied) once. */
	static String credential(Path database, String url) {
		Path file = database.resolveSibling(database.getFileName() + ".credential");
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			byte[] bytes = new byte[32];
			RANDOM.nextBytes(bytes);
			String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			Files.createDirectories(database.getParent());
			ownerOnly(database.getParent());
			if (Files.exists(database.resolveSibling(database.getFileName() + ".mv.db"))) {
				moveToCredential(url, password);
			}
			Path partial = file.resolveSibling(file.getFileName() + ".part");
			Files.writeString(partial, password, StandardCharsets.UTF_8);
			setOwnerOnly(partial, false);
			Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			log.info("The embedded database has a generated credential, kept owner-only beside it");
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded database's credential could not be kept", ex);
		}
	}

	// A database made with H2's default user and no password: a new admin user with the generated
	// password, and the default user's password replaced by one nobody knows.
	private static void moveToCredential(String url, String password) {
		String plain = url.replaceAll("(?i);AUTO_SERVER=[A-Z]+", "");
		Properties legacy = new Properties();
		legacy.setProperty("user", "sa");
		legacy.setProperty("password", "");
		try (Connection connection = DriverManager.getConnection(plain, legacy);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD '" + password + "' ADMIN");
			byte[] unknown = new byte[32];
			RANDOM.nextBytes(unknown);
			statement.execute("ALTER USER SA SET PASSWORD '" + Base64.getUrlEncoder().withoutPadding().encodeToString(unknown)
					+ "'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The embedded database was made with a credential Proportion did not "
					+ "generate; set spring.datasource.username and spring.datasource.password", ex);
		}
	}

	/** Directories rwx------, files rw-------: nothing under .data/ is readable by other local users. */
	public static void ownerOnly(Path root) {
		if (!Files.isDirectory(root) || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.forEach(p -> setOwnerOnly(p, Files.isDirectory(p)));
		}
		catch (IOException | UncheckedIOException ex) {
			log.warn("Owner-only permissions could not be set under {}: {}", root, ex.getClass().getSimpleName());
		}
	}

	private static void setOwnerOnly(Path path, boolean directory) {
		Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------");
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
