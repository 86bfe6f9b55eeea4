package org.proportion.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/** Calls back after each collection of the collectors chosen: what the benchmarks' heap and pause figures listen to. */
final class GcNotifications {

	private GcNotifications() {
	}

	static void onEachCollection(Predicate<String> collectorName, Consumer<GarbageCollectionNotificationInfo> action) {
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collectorName.test(gc.getName()) && gc instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener((notification, handback) -> {
					if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
						action.accept(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
					}
				}, null, null);
			}
		}
	}

}
