package org.proportion.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What went live when: the loader's outcomes kept for the DPO, who must be able to say which
 * policies decided a pack and why a change they made did not take effect. The log's lines are
 * gone after a restart; this table is not. It holds revisions and OPA's messages (file and line
 * of a policy), never case data. Recording never stops a reload: if the row cannot be written the
 * policies still go live and the failure is logged.
 */
@Repository
public class PolicyHistory {

	private static final Logger log = LoggerFactory.getLogger(PolicyHistory.class);

	/** The longest message kept; OPA's output is already cut to its last 1,500 characters. */
	private static final int MESSAGE = 4000;

	/** What happened to the policies. */
	public enum Kind {

		/** Validated and offered to OPA when the gateway started. */
		STARTED("live at start-up"),
		/** Changed in the folder, validated and offered to OPA: live from now. */
		RELOADED("hot reload, live"),
		/** Changed in the folder but refused: the last good policies stayed live. */
		REFUSED("refused"),
		/** OPA served something else (restarted empty, another revision) and was given them again. */
		RESENT("given to OPA again");

		private final String words;

		Kind(String words) {
			this.words = words;
		}

		/** How the DPO's page says it. */
		public String words() {
			return words;
		}

	}

	/**
	 * @param revision the validated revision (live, resent) or the refused folder's digest
	 * @param message OPA's message for a refusal, or what OPA was found serving; null otherwise
	 */
	public record Event(long id, Instant at, Kind kind, String revision, String message) {

		public String shortRevision() {
			return PolicyBundle.shortRevision(revision);
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PolicyHistory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(Kind kind, String revision, String message) {
		String kept = message == null || message.length() <= MESSAGE ? message : message.substring(0, MESSAGE - 3) + "...";
		try {
			jdbc.sql("insert into policy_event (occurred_at, kind, revision, message) values (?, ?, ?, ?)")
				.params(Timestamp.from(clock.instant()), kind.name(), revision, kept)
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("The policy history could not record a {} event: {}", kind, ex.getClass().getSimpleName());
		}
	}

	/** The latest events first, at most {@code limit} of them. */
	public List<Event> latest(int limit) {
		return jdbc.sql("select id, occurred_at, kind, revision, message from policy_event order by id desc fetch first ? rows only")
			.param(limit)
			.query((rs, n) -> new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					Kind.valueOf(rs.getString("kind")), rs.getString("revision"), rs.getString("message")))
			.list();
	}

}
