package org.proportion.pack;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.proportion.pack.PackRepository.StoredView;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory copy of opened views: read once, bounded by size, forgotten with its pack. */
class StoredViewsTests {

	static StoredView view(String pack, int chars) {
		return new StoredView(pack, "j".repeat(chars / 2), "h".repeat(chars / 2));
	}

	@Test
	void aViewOpenedAgainIsNotReadFromTheStoreAgain() {
		StoredViews views = new StoredViews(1_000);
		AtomicInteger reads = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			assertThat(views.get("p1", "a", () -> {
				reads.incrementAndGet();
				return view("p1", 100);
			}).packId()).isEqualTo("p1");
		}
		assertThat(reads).hasValue(1);
	}

	@Test
	void theLeastRecentlyOpenedGoFirstWhenTheBoundIsReached() {
		StoredViews views = new StoredViews(250);
		AtomicInteger reads = new AtomicInteger();
		views.get("p1", "a", () -> view("p1", 100));
		views.get("p2", "a", () -> view("p2", 100));
		views.get("p1", "a", () -> view("p1", 100)); // p1 now the most recent
		views.get("p3", "a", () -> view("p3", 100)); // over 250 characters: p2 goes
		views.get("p1", "a", () -> {
			reads.incrementAndGet();
			return view("p1", 100);
		});
		views.get("p2", "a", () -> {
			reads.incrementAndGet();
			return view("p2", 100);
		});
		assertThat(reads).as("only the dropped view is read again").hasValue(1);
	}

	@Test
	void aDeletedPacksViewsAreForgottenAndNothingMissingIsKept() {
		StoredViews views = new StoredViews(1_000);
		AtomicInteger reads = new AtomicInteger();
		views.get("p1", "a", () -> view("p1", 100));
		views.forgetPack("p1");
		views.get("p1", "a", () -> {
			reads.incrementAndGet();
			return null;
		});
		views.get("p1", "a", () -> {
			reads.incrementAndGet();
			return null;
		});
		assertThat(reads).as("a view not in the store is asked for each time").hasValue(2);
	}

}
