package org.proportion.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Password guessing is slowed per account: the API's Basic credentials and the console's sign-in
 * form check passwords the same way, and without this anyone who can reach the gateway could try
 * passwords for "admin" or "dpo" as fast as bcrypt answers. After {@code free} wrong passwords in a
 * row an account is locked for {@code first}; each wrong password after a lock ends locks it again
 * for twice as long, up to {@code longest}; a right password outside a lock starts the count over.
 * While locked, every password is refused, the right one too, with the same answer as a wrong one
 * (401, or the sign-in page's error), so the lock tells a guesser nothing, and no password is
 * checked (no bcrypt work to spend). Attempts during a lock do not lengthen it, so the account's
 * owner waits at most {@code longest} after the guessing stops.
 *
 * <p>Names that are not accounts are counted the same way, so a lock does not tell which names
 * exist. Counts are kept in this gateway's memory: with several gateways, each slows guessing on
 * its own (a guesser spread over N gateways gets N times the tries), and a restart forgets them.
 * Identity-provider sign-ins are the provider's to throttle.
 */
@Component
public class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	/** Beyond this many names with failures, those not locked now are forgotten first. */
	private static final int MOST_NAMES = 10_000;

	private final Clock clock;

	private final int free;

	private final Duration first;

	private final Duration longest;

	private final Map<String, Failures> byName = new ConcurrentHashMap<>();

	/** Wrong passwords in a row, and the end of the lock they set (null: not locked). */
	record Failures(int count, Instant lockedUntil) {
	}

	SignInThrottle(Clock clock, @Value("${proportion.security.sign-in.free-failures:5}") int free,
			@Value("${proportion.security.sign-in.first-lock:30s}") Duration first,
			@Value("${proportion.security.sign-in.longest-lock:15m}") Duration longest) {
		this.clock = clock;
		this.free = Math.max(1, free);
		this.first = first;
		this.longest = longest.compareTo(first) < 0 ? first : longest;
	}

	/** Whether every password for this name is refused now. */
	public boolean locked(String name) {
		Failures failures = byName.get(key(name));
		return failures != null && failures.lockedUntil() != null && clock.instant().isBefore(failures.lockedUntil());
	}

	/** A wrong password (or a name that is no account); ignored while the name is locked. */
	public void failed(String name) {
		Instant now = clock.instant();
		if (byName.size() >= MOST_NAMES) {
			byName.values().removeIf(f -> f.lockedUntil() == null || !now.isBefore(f.lockedUntil()));
		}
		Failures[] locked = new Failures[1];
		byName.compute(key(name), (k, before) -> {
			Failures after = next(before, now);
			if (after != before && after.lockedUntil() != null) {
				locked[0] = after;
			}
			return after;
		});
		if (locked[0] != null) {
			// The name is not logged: it may be a person's mistyped password or another guess.
			log.warn("Sign-in locked for {} s after {} wrong passwords in a row",
					Duration.between(now, locked[0].lockedUntil()).toSeconds(), locked[0].count());
		}
	}

	/** A right password: the count starts over. */
	public void succeeded(String name) {
		byName.remove(key(name));
	}

	// The count after one more wrong password at now; the same while a lock is running.
	Failures next(Failures before, Instant now) {
		if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
			return before;
		}
		int count = before == null ? 1 : before.count() + 1;
		if (count < free) {
			return new Failures(count, null);
		}
		return new Failures(count, now.plus(lockFor(count)));
	}

	// The free-th wrong password locks for first, each one after that for twice the last, at most longest.
	Duration lockFor(int count) {
		int doublings = Math.min(count - free, 30);
		Duration lock = first.multipliedBy(1L << doublings);
		return lock.compareTo(longest) > 0 || lock.isNegative() ? longest : lock;
	}

	// Account names are matched without case by the account store, so counted the same way.
	private static String key(String name) {
		return name == null ? "" : name.toLowerCase(Locale.ROOT);
	}

	@EventListener
	void on(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
			failed(attempt.getName());
		}
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
			succeeded(signedIn.getName());
		}
	}

}
