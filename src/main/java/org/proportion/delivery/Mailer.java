package org.proportion.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends one message through camel-mail to the partnership's SMTP server, or, with no server
 * configured (the embedded defaults), writes it to a local mailbox folder.
 */
@Component
public class Mailer {

	private final ProducerTemplate camel;

	private final String host;

	private final int port;

	private final String from;

	private final Path mailbox;

	Mailer(ProducerTemplate camel, @Value("${proportion.mailbox}") Path mailbox, @Value("${proportion.mail.host:}") String host,
			@Value("${proportion.mail.port:25}") int port,
			@Value("${proportion.mail.from:packs@proportion.invalid}") String from) {
		this.camel = camel;
		this.host = host;
		this.port = port;
		this.from = from;
		this.mailbox = mailbox;
	}

	/** Throws when the message could not be handed over; the outbox then retries it. */
	public void send(long id, String to, String subject, String body) {
		if (host.isBlank()) {
			try {
				Files.createDirectories(mailbox);
				Files.writeString(mailbox.resolve(id + ".txt"), "To: " + to + "\nSubject: " + subject + "\n\n" + body,
						StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return;
		}
		camel.sendBodyAndHeaders("smtp://" + host + ":" + port + "?from=" + from + "&connectionTimeout=5000",
				body, Map.of("To", to, "Subject", subject, "Content-Type", "text/plain; charset=UTF-8"));
	}

}
