package org.proportion.pack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.proportion.cases.CaseRepository;
import org.proportion.cases.CaseStored;
import org.proportion.redact.RedactionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Scans a case's notes when the record arrives, on one background thread, so that the engine's
 * analysis cache (by note and context digest) already holds them when a meeting's pack is built:
 * drops come in overnight, packs are built before meetings, and the build then only applies each
 * reader's operators. Nothing is decided or shared here: the analysis is what the build would
 * compute itself, and the build still scans any note that is not (yet) in the cache, so a full
 * queue, a slow scan or a failure here costs only time. Off with
 * {@code proportion.redaction.scan-on-arrival=false}.
 */
@Component
public class NotesOnArrival {

	private static final Logger log = LoggerFactory.getLogger(NotesOnArrival.class);

	private static final String NOTES = "notes";

	private final CaseRepository cases;

	private final RedactionEngine engine;

	private final boolean enabled;

	private final ThreadPoolExecutor scanner;

	NotesOnArrival(CaseRepository cases, RedactionEngine engine,
			@Value("${proportion.redaction.scan-on-arrival:true}") boolean enabled,
			@Value("${proportion.redaction.scan-on-arrival-queue:20000}") int queue) {
		this.cases = cases;
		this.engine = engine;
		this.enabled = enabled;
		// One thread, a bounded queue, and what does not fit is left for the build to scan.
		this.scanner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
				task -> {
					Thread thread = new Thread(task, "notes-on-arrival");
					thread.setDaemon(true);
					thread.setPriority(Thread.MIN_PRIORITY);
					return thread;
				}, new ThreadPoolExecutor.DiscardPolicy());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void stored(CaseStored event) {
		if (enabled) {
			scanner.execute(() -> scan(event.caseRef()));
		}
	}

	private void scan(String caseRef) {
		try {
			cases.find(caseRef).ifPresent(record -> {
				Object notes = record.fields().get(NOTES);
				if (notes != null) {
					new NoteRedaction(engine, record).analyse(NOTES, notes);
				}
			});
		}
		catch (RuntimeException ex) {
			// The build scans it again and withholds the notes if it still cannot.
			log.debug("Notes not scanned on arrival ({})", ex.getClass().getSimpleName());
		}
	}

	/** Records waiting to be scanned or being scanned now (for the bench and the tests). */
	public int waiting() {
		return scanner.getQueue().size() + scanner.getActiveCount();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		scanner.shutdownNow();
	}

}
