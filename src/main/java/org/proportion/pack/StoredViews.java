package org.proportion.pack;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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

	private final LinkedHashMap<String, StoredView> views = new LinkedHashMap<>(16, 0.75f, true);

	private long chars;

	StoredViews(long maxChars) {
		this.maxChars = maxChars;
	}

	StoredView get(String packId, String attendeeId, Supplier<StoredView> load) {
		String key = packId + '\u0000' + attendeeId;
		synchronized (this) {
			StoredView held = views.get(key);
			if (held != null) {
				return held;
			}
		}
		// Read outside the lock: one slow read must not queue every other reader behind it.
		StoredView loaded = load.get();
		keep(key, loaded);
		return loaded;
	}

	private synchronized void keep(String key, StoredView loaded) {
		if (loaded != null && size(loaded) <= maxChars && !views.containsKey(key)) {
			views.put(key, loaded);
			chars += size(loaded);
			Iterator<Map.Entry<String, StoredView>> oldest = views.entrySet().iterator();
			while (chars > maxChars && oldest.hasNext()) {
				chars -= size(oldest.next().getValue());
				oldest.remove();
			}
		}
	}

	/** Forgets a pack's views (deleted for retention or erasure): memory holds no more than the store. */
	synchronized void forgetPack(String packId) {
		Iterator<Map.Entry<String, StoredView>> all = views.entrySet().iterator();
		while (all.hasNext()) {
			Map.Entry<String, StoredView> e = all.next();
			if (e.getValue().packId().equals(packId)) {
				chars -= size(e.getValue());
				all.remove();
			}
		}
	}

	synchronized void clear() {
		views.clear();
		chars = 0;
	}

	private static long size(StoredView view) {
		return view.size();
	}

}
