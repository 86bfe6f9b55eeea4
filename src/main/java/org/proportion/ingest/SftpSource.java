package org.proportion.ingest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One agency's SFTP server, from {@code proportion.sftp.<agency>.*}. The server's host key must be
 * known ({@code known-hosts-file}): the gateway never trusts a key it has not been given, so a
 * source without one is refused at start (fail closed). A password or a private key logs in.
 *
 * @param host the agency's SFTP server
 * @param port its port (22)
 * @param username the account the agency gave the partnership
 * @param password its password, or none with a private key
 * @param privateKeyFile a private key file instead of (or as well as) a password
 * @param privateKeyPassphrase the key's passphrase, if it has one
 * @param knownHostsFile an OpenSSH known_hosts file holding the server's host key
 * @param directory the folder the nightly export lands in (the login folder when absent)
 * @param pollDelay how often to look (1 hour); files are taken oldest first
 * @param doneDirectory where handled files go on the server, relative to the folder: under
 * {@code stored/} or {@code parked/} ({@code .proportion})
 */
public record SftpSource(String host, Integer port, String username, String password, String privateKeyFile,
		String privateKeyPassphrase, String knownHostsFile, String directory, Duration pollDelay,
		String doneDirectory) {

	/**
	 * The sftp: endpoint URI. Secrets go in RAW() so no character is read as URI syntax; Camel
	 * masks passwords and passphrases when it logs an endpoint.
	 */
	String uri(String agency) {
		if (host == null || host.isBlank() || username == null || username.isBlank()) {
			throw new IllegalStateException("SFTP source " + agency + " needs host and username");
		}
		if (knownHostsFile == null || knownHostsFile.isBlank()) {
			throw new IllegalStateException("SFTP source " + agency
					+ " needs known-hosts-file: the server's host key is checked, never trusted on first sight");
		}
		if ((password == null || password.isEmpty()) && (privateKeyFile == null || privateKeyFile.isBlank())) {
			throw new IllegalStateException("SFTP source " + agency + " needs a password or a private-key-file");
		}
		String folder = directory == null || directory.isBlank() ? "" : directory.replaceAll("^/+", "");
		String done = doneDirectory == null || doneDirectory.isBlank() ? ".proportion" : doneDirectory;
		StringBuilder uri = new StringBuilder("sftp://").append(host)
			.append(':')
			.append(port == null ? 22 : port)
			.append('/')
			.append(folder)
			.append("?username=")
			.append(URLEncoder.encode(username, StandardCharsets.UTF_8))
			.append("&knownHostsFile=")
			.append(URLEncoder.encode(knownHostsFile, StandardCharsets.UTF_8))
			.append("&strictHostKeyChecking=yes&useUserKnownHostsFile=false&binary=true&recursive=false")
			.append("&sortBy=file:modified&readLock=changed&readLockMinAge=1000&readLockCheckInterval=1000")
			.append("&delay=")
			.append((pollDelay == null ? Duration.ofHours(1) : pollDelay).toMillis())
			.append("&move=")
			.append(done)
			.append("/${exchangeProperty.proportionOutcome}/${date:now:yyyyMMdd'T'HHmmssSSS}-${file:onlyname}");
		if (password != null && !password.isEmpty()) {
			uri.append("&password=").append(raw(password));
		}
		if (privateKeyFile != null && !privateKeyFile.isBlank()) {
			uri.append("&privateKeyFile=").append(URLEncoder.encode(privateKeyFile, StandardCharsets.UTF_8));
			if (privateKeyPassphrase != null && !privateKeyPassphrase.isEmpty()) {
				uri.append("&privateKeyPassphrase=").append(raw(privateKeyPassphrase));
			}
		}
		return uri.toString();
	}

	/** A secret taken as it is: RAW(...), or RAW{...} when it holds a closing parenthesis. */
	private static String raw(String secret) {
		if (secret.contains(")") && secret.contains("}")) {
			throw new IllegalStateException("An SFTP secret may not hold both ')' and '}'");
		}
		return secret.contains(")") ? "RAW{" + secret + "}" : "RAW(" + secret + ")";
	}

}
