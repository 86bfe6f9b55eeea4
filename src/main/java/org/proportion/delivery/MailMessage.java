package org.proportion.delivery;

/**
 * One message on its way to the mail route ({@code direct:send-mail} in
 * routes/schedule.camel.yaml): an attendee's link or an organiser's notice. It holds no personal
 * data beyond the recipient's address, and is built by a bean so the route only carries it. A
 * class with getters, not a record, so the route's simple expressions read it as
 * {@code ${body.to}}.
 */
public final class MailMessage {

	private final long id;

	private final String to;

	private final String subject;

	private final String text;

	public MailMessage(long id, String to, String subject, String text) {
		this.id = id;
		this.to = to;
		this.subject = subject;
		this.text = text;
	}

	/** The outbox row's id (the mailbox file's name); an organiser's notice uses minus its failure count. */
	public long getId() {
		return id;
	}

	public String getTo() {
		return to;
	}

	public String getSubject() {
		return subject;
	}

	public String getText() {
		return text;
	}

	/** The message as the embedded default writes it to the mailbox folder, headers first. */
	public String getMailboxText() {
		return "To: " + to + "\nSubject: " + subject + "\n\n" + text;
	}

	@Override
	public String toString() {
		// Never the address or the text: this may end up in a log line.
		return "MailMessage[" + id + "]";
	}

}
