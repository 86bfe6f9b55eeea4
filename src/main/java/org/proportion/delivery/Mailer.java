package org.proportion.delivery;

import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Java's way into the mail routes in routes/schedule.camel.yaml, and the one setting they read
 * from Java: whether there is an SMTP server at all. The routes do the sending: the outbox route
 * hands each due message to {@code direct:send-mail}, which sends it to the {@code smtp:}
 * endpoint of {@code proportion.mail.host}/{@code .port}, or, with no host (the embedded
 * defaults), writes it to the {@code proportion.mailbox} folder with a {@code file:} endpoint.
 */
@Component("mailer")
public class Mailer {

	private final ProducerTemplate camel;

	private final String host;

	Mailer(ProducerTemplate camel, @Value("${proportion.mail.host:}") String host) {
		this.camel = camel;
		this.host = host;
	}

	/** No SMTP server configured: messages go to the local mailbox folder (the route's choice). */
	public boolean toMailbox() {
		return host.isBlank();
	}

	/**
	 * Runs the outbox route once, synchronously, and says how many messages it sent. Throws when
	 * the outbox could not be read (database down); a message that could not be handed over is
	 * left for a later run by the route, not thrown.
	 */
	public int sendOutbox() {
		Integer sent = camel.requestBody("direct:outbox", null, Integer.class);
		return sent == null ? 0 : sent;
	}

}
