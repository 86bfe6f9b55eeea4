package org.proportion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on a free loopback port, serving a temporary folder to one
 * account with a password. Its host key is generated at start and written to a known_hosts file,
 * so the gateway checks it as it would an agency's real server.
 */
public final class SftpServer implements AutoCloseable {

	private final SshServer sshd;

	private final Path root;

	private final Path knownHosts;

	private final String username;

	private final String password;

	private SftpServer(SshServer sshd, Path root, Path knownHosts, String username, String password) {
		this.sshd = sshd;
		this.root = root;
		this.knownHosts = knownHosts;
		this.username = username;
		this.password = password;
	}

	public static SftpServer start(String username, String password) {
		try {
			Path work = Files.createTempDirectory("proportion-sftp");
			Path root = Files.createDirectories(work.resolve("root"));
			SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(work.resolve("host-key"));
			keys.setAlgorithm("RSA");
			SshServer sshd = SshServer.setUpDefaultServer();
			sshd.setHost("127.0.0.1");
			sshd.setPort(0);
			sshd.setKeyPairProvider(keys);
			sshd.setPasswordAuthenticator((user, pass, session) -> username.equals(user) && password.equals(pass));
			sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
			sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
			sshd.start();
			KeyPair key = keys.loadKeys(null).iterator().next();
			Path knownHosts = work.resolve("known_hosts");
			Files.writeString(knownHosts,
					"[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
			return new SftpServer(sshd, root, knownHosts, username, password);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The SFTP server did not start", ex);
		}
	}

	public int port() {
		return sshd.getPort();
	}

	/** The folder the account sees as its root. */
	public Path root() {
		return root;
	}

	public Path knownHosts() {
		return knownHosts;
	}

	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	@Override
	public void close() {
		try {
			sshd.stop(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
