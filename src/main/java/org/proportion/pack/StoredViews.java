package org.proportion.pack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.proportion.pack.PackRepository.StoredView;

/**
 * The text of views recently opened, kept in memory so that many attendees opening their links
 * before a meeting do not each make the database decode a large view. Safe because a stored
 * view never changes: the key is the pack and the attendee, and the caller asks the database
 * every time which pack is the attendee's latest released one with a view row that still exists,
 * so a revoked, superseded, expired or deleted view is never served from here. Bounded by the
 * characters held, least recently used dropped first.
 */
final class StoredViews {

	private final long maxChars;

	/**
	 * Read without a lock: every attendee opening a link reads here, and with a lock each
	 * opening queued behind whichever thread held it when the scheduler took its core away.
	 * Writes (a view read from the store, a pack forgotten) take this object's lock.
	 */
	private final ConcurrentHashMap<String, Held> views = new ConcurrentHashMap<>();

	private long chars;

	private static final class Held {

		final StoredView view;

		volatile long used = System.nanoTime();

		Held(StoredView view) {
			this.view = view;
		}

	}

	StoredViews(long maxChars) {
		this.maxChars = maxChars;
	}

	StoredView get(String packId, String attendeeId, Supplier<StoredView> load) {
		String key = packId + '\u0000' + attendeeId;
		Held held = views.get(key);
		if (held != null) {
			held.used = System.nanoTime();
			return held.view;
		}
		// Read outside the lock: one slow read must not queue every other reader behind it.
		StoredView loaded = load.get();
		keep(key, loaded);
		return loaded;
	}

	private synchronized void keep(String key, StoredView loaded) {
		if (loaded == null || loaded.size() > maxChars || views.putIfAbsent(key, new Held(loaded)) != null) {
			return;
		}
		chars += loaded.size();
		if (chars > maxChars) {
			// The least recently opened go first.
			List<Map.Entry<String, Held>> oldestFirst = new ArrayList<>(views.entrySet());
			oldestFirst.sort(Comparator.comparingLong(e -> e.getValue().used));
			for (Iterator<Map.Entry<String, Held>> oldest = oldestFirst.iterator(); chars > maxChars && oldest.hasNext();) {
				Map.Entry<String, Held> e = oldest.next();
				if (views.remove(e.getKey(), e.getValue())) {
					chars -= e.getValue().view.size();
				}
			}
		}
	}

	/** Forgets a pack's views (deleted for retention or erasure): memory holds no more than the store. */
	synchronized void forgetPack(String packId) {
		for (Map.Entry<String, Held> e : views.entrySet()) {
			if (e.getValue().view.packId().equals(packId) && views.remove(e.getKey(), e.getValue())) {
				chars -= e.getValue().view.size();
			}
		}
	}

	synchronized void clear() {
		views.clear();
		chars = 0;
	}

}
