package org.proportion.pack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was made from a value, kept by the value (least recently used dropped beyond a bound):
 * a case view is a value, so its HTML and its JSON are the same every time it is made. Made
 * outside the lock, so one slow case does not queue the others; a capacity of 0 keeps nothing.
 */
final class KeptByContent<K, V> {

	private final int capacity;

	private final Map<K, V> kept;

	KeptByContent(int capacity) {
		this.capacity = capacity;
		this.kept = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > KeptByContent.this.capacity;
			}
		};
	}

	V get(K key, Function<K, V> make) {
		synchronized (kept) {
			V held = kept.get(key);
			if (held != null) {
				return held;
			}
		}
		V made = make.apply(key);
		if (capacity > 0) {
			synchronized (kept) {
				kept.put(key, made);
			}
		}
		return made;
	}

}
