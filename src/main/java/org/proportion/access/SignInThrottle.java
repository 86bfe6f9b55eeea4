package org.proportion.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Password guessing is slowed per account name: the API's Basic credentials and the console's
 * sign-in form check passwords the same way, and without this anyone who can reach the gateway
 * could try passwords for "admin" or "dpo" as fast as bcrypt answers.
 *
 * <ul>
 * <li>After {@code free} wrong passwords an account is locked for {@code first}; each wrong
 * password after a lock ends locks it again for twice as long, up to {@code longest}. Wrong
 * passwords are forgotten once none has come for {@code forget-after} (a day). A right password
 * does not wipe them: an account that signs in often (an agency's nightly export) would
 * otherwise give a guesser four free tries between its sign-ins.</li>
 * <li>While locked, every password is refused, the right one too, with the same answer as a wrong
 * one (401, or the sign-in page's error), and no password is checked, so no bcrypt work is spent.
 * Guesses during a lock do not lengthen it: the account's owner waits at most {@code longest}
 * after the guessing stops.</li>
 * <li>The checks of one name run one at a time (names share 64 turns by hash), so a burst of
 * guesses sent at once meets the lock after {@code free} of them, not after all were checked.</li>
 * <li>Names that are not accounts are counted the same way, so a lock does not tell which names
 * exist.</li>
 * </ul>
 *
 * <p>Counts are kept in this gateway's memory: with several gateways, each slows guessing on its
 * own (a guesser spread over N gateways gets N times the tries), and a restart forgets them.
 * Identity-provider sign-ins are the provider's to throttle.
 */
@Component
public class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	/** Beyond this many names with failures, those not locked now are forgotten. */
	private static final int MOST_NAMES = 100_000;

	/** How long a check waits for its name's turn before it is refused like a wrong password. */
	private static final long TURN_WAIT_SECONDS = 10;

	private final Clock clock;

	private final int free;

	private final Duration first;

	private final Duration longest;

	private final Duration forgetAfter;

	private final Map<String, Failures> byName = new ConcurrentHashMap<>();

	private final ReentrantLock[] turns = new ReentrantLock[64];

	/** Wrong passwords counted, the end of the lock they set (null: none), and the last one's time. */
	record Failures(int count, Instant lockedUntil, Instant last) {
	}

	SignInThrottle(Clock clock, @Value("${proportion.security.sign-in.free-failures:5}") int free,
			@Value("${proportion.security.sign-in.first-lock:30s}") Duration first,
			@Value("${proportion.security.sign-in.longest-lock:15m}") Duration longest,
			@Value("${proportion.security.sign-in.forget-after:24h}") Duration forgetAfter) {
		this.clock = clock;
		this.free = Math.max(1, free);
		this.first = first;
		this.longest = longest.compareTo(first) < 0 ? first : longest;
		this.forgetAfter = forgetAfter;
		for (int i = 0; i < turns.length; i++) {
			turns[i] = new ReentrantLock(true);
		}
	}

	/**
	 * Checks a password through {@code check} in the name's turn, unless the name is locked; a
	 * wrong password ({@link BadCredentialsException}) is counted.
	 */
	public Authentication check(String name, Supplier<Authentication> check) {
		ReentrantLock turn = turns[Math.floorMod(key(name).hashCode(), turns.length)];
		try {
			if (!turn.tryLock(TURN_WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw new LockedException("Sign-in refused");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LockedException("Sign-in refused");
		}
		try {
			if (locked(name)) {
				throw new LockedException("Sign-in refused");
			}
			try {
				return check.get();
			}
			catch (BadCredentialsException wrong) {
				failed(name);
				throw wrong;
			}
		}
		finally {
			turn.unlock();
		}
	}

	/** Whether every password for this name is refused now. */
	public boolean locked(String name) {
		Failures failures = byName.get(key(name));
		return failures != null && failures.lockedUntil() != null && clock.instant().isBefore(failures.lockedUntil());
	}

	/** A wrong password (or a name that is no account); ignored while the name is locked. */
	void failed(String name) {
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
			log.warn("Sign-in locked for {} s after {} wrong passwords",
					Duration.between(now, locked[0].lockedUntil()).toSeconds(), locked[0].count());
		}
	}

	// The count after one more wrong password at now; the same while a lock is running.
	Failures next(Failures before, Instant now) {
		if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
			return before;
		}
		boolean forgotten = before == null || !now.isBefore(before.last().plus(forgetAfter));
		int count = forgotten ? 1 : before.count() + 1;
		return new Failures(count, count < free ? null : now.plus(lockFor(count)), now);
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

}
