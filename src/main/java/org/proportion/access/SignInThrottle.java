package org.proportion.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * <li>A check takes a place before its password is checked. A name with wrong passwords on
 * record has only as many places as it has free wrong passwords left (one at a time once it has
 * been locked), so guesses sent at once meet the refusal after those, not after all were checked;
 * a name with none on record has {@link #AT_ONCE} places (an API client's requests at once), so a
 * first burst gets at most that many guesses checked. Nothing waits: no lock is held while bcrypt
 * runs, so guesses at one name never hold up another's sign-in.</li>
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

	/** Beyond this many names on record, those not locked and not being checked are forgotten. */
	private static final int MOST_NAMES = 100_000;

	/** Password checks at once for a name with no wrong password on record. */
	static final int AT_ONCE = 16;

	private final Clock clock;

	private final int free;

	private final Duration first;

	private final Duration longest;

	private final Duration forgetAfter;

	private final Map<String, Failures> byName = new ConcurrentHashMap<>();

	/**
	 * Wrong passwords counted, the end of the lock they set (null: none), the last one's time
	 * (null: none), and the checks of the name under way.
	 */
	record Failures(int count, Instant lockedUntil, Instant last, int checking) {

		static final Failures NONE = new Failures(0, null, null, 0);

		boolean lockedAt(Instant now) {
			return lockedUntil != null && now.isBefore(lockedUntil);
		}

		Failures checking(int delta) {
			return new Failures(count, lockedUntil, last, checking + delta);
		}

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
	}

	/**
	 * Checks a password through {@code check}, unless the name is locked or has no place left
	 * ({@link LockedException}, answered as a wrong password); a wrong password
	 * ({@link BadCredentialsException}) is counted.
	 */
	public Authentication check(String name, Supplier<Authentication> check) {
		String key = key(name);
		Instant now = clock.instant();
		if (byName.size() >= MOST_NAMES) {
			byName.values().removeIf(f -> f.checking() == 0 && !f.lockedAt(now));
		}
		boolean[] placed = { false };
		byName.compute(key, (k, before) -> {
			Failures f = remembered(before, now);
			// No wrong password on record: an API client's requests at once. Some: the free ones
			// left, and after a lock one at a time.
			int places = f.count() == 0 ? AT_ONCE : Math.max(1, free - f.count());
			if (f.lockedAt(now) || f.checking() >= places) {
				return kept(f);
			}
			placed[0] = true;
			return f.checking(1);
		});
		if (!placed[0]) {
			throw new LockedException("Sign-in refused");
		}
		boolean wrong = false;
		try {
			return check.get();
		}
		catch (BadCredentialsException ex) {
			wrong = true;
			throw ex;
		}
		finally {
			finished(key, wrong);
		}
	}

	/** Whether every password for this name is refused now. */
	public boolean locked(String name) {
		Failures failures = byName.get(key(name));
		return failures != null && failures.lockedAt(clock.instant());
	}

	// A check ended: its place is given back, and a wrong password counted.
	private void finished(String key, boolean wrong) {
		Instant now = clock.instant();
		Failures[] locked = new Failures[1];
		byName.compute(key, (k, before) -> {
			Failures f = remembered(before, now).checking(-1);
			if (!wrong) {
				return kept(f);
			}
			Failures after = next(f, now);
			if (after.lockedUntil() != null && after.lockedUntil() != f.lockedUntil()) {
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

	// What is on record for a name at now: nothing once a day passed without a wrong password.
	private Failures remembered(Failures f, Instant now) {
		if (f == null) {
			return Failures.NONE;
		}
		boolean forgotten = f.last() != null && !now.isBefore(f.last().plus(forgetAfter)) && !f.lockedAt(now);
		return forgotten ? new Failures(0, null, null, f.checking()) : f;
	}

	// The map holds only names with wrong passwords on record or checks under way.
	private static Failures kept(Failures f) {
		return f.count() == 0 && f.checking() <= 0 ? null : f;
	}

	// The count after one more wrong password at now; the same while a lock is running.
	Failures next(Failures before, Instant now) {
		if (before.lockedAt(now)) {
			return before;
		}
		int count = before.count() + 1;
		return new Failures(count, count < free ? null : now.plus(lockFor(count)), now, before.checking());
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
