package org.proportion.ingest;

import java.sql.Timestamp;
import java.time.Instant;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The intake route's idempotent repository: the digests of the drops taken in, in the database
 * (table {@code intake_digest}, owned by this package), so a repeat is recognised across restarts
 * and by every gateway on the same database. Writes through Spring's JDBC support, so inside the
 * route's store transaction ({@link IntakeTransaction}) a digest commits or rolls back with the
 * drop's records: a crash or a failed store can never leave a digest for a drop that was not
 * stored (which would make its resend look like a repeat and lose it).
 *
 * <p>
 * Two identical drops at the same moment: the second insert waits for the first transaction and
 * then fails on the primary key; the drop is retried by the intake error policy and is then a repeat.
 */
@Component("intakeDigests")
public class IntakeDigests extends ServiceSupport implements IdempotentRepository {

	private final JdbcClient jdbc;

	IntakeDigests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the digest; false when it was already there (the drop is a repeat). */
	@Override
	public boolean add(String digest) {
		if (contains(digest)) {
			return false;
		}
		jdbc.sql("insert into intake_digest (digest, recorded_at) values (?, ?)")
			.params(digest, Timestamp.from(Instant.now()))
			.update();
		return true;
	}

	@Override
	public boolean contains(String digest) {
		return jdbc.sql("select count(*) from intake_digest where digest = ?").param(digest).query(Integer.class).single() > 0;
	}

	/**
	 * Forgets a digest. The route does not call this on failure (removeOnFailure is off): the
	 * transaction already undoes a failed drop's digest, and removing one after its commit would
	 * let the stored drop be taken in twice.
	 */
	@Override
	public boolean remove(String digest) {
		return jdbc.sql("delete from intake_digest where digest = ?").param(digest).update() > 0;
	}

	/** Nothing to confirm: the digest is recorded eagerly, inside the store's transaction. */
	@Override
	public boolean confirm(String digest) {
		return true;
	}

	/** Never clears the table: forgetting every digest would let every drop be stored again. */
	@Override
	public void clear() {
		throw new UnsupportedOperationException("The intake digests are not cleared");
	}

}
