package org.proportion.pack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.proportion.audit.DecisionLog;
import org.proportion.cluster.ClusterBusy;
import org.proportion.cluster.ClusterLocks;
import org.proportion.cluster.LockLost;
import org.proportion.audit.LogEntry;
import org.proportion.audit.PreparedEntries;
import org.proportion.cases.CaseRepository;
import org.proportion.delivery.Deliveries;
import org.proportion.emergency.Emergencies;
import org.proportion.model.Action;
import org.proportion.model.Attendee;
import org.proportion.model.CaseRecord;
import org.proportion.model.DataSharingAgreement;
import org.proportion.model.Decision;
import org.proportion.model.Meeting;
import org.proportion.model.Organisation;
import org.proportion.pack.AttendeeView.CaseView;
import org.proportion.pack.AttendeeView.FieldView;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.CaseDecision;
import org.proportion.policy.CaseFacts;
import org.proportion.policy.PolicyService;
import org.proportion.policy.PolicyUnavailable;
import org.proportion.policy.TrendsDecision;
import org.proportion.redact.RedactionEngine;
import org.proportion.storage.Utf8Slices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a meeting's pack: one view per attendee, from the case records, one policy decision per
 * case for all attendees, and the trends. Every item of every view is logged. The pack, its views
 * and its log entries are stored in one transaction; if anything fails, nothing is released and
 * the failure itself is logged.
 */
@Component("packBuilder")
public class PackBuilder {

	private static final Logger log = LoggerFactory.getLogger(PackBuilder.class);

	private static final String NAME = "name";

	/** A field the reader may see that the record leaves empty. */
	static final String NOT_RECORDED = "not_recorded";

	/** The trend tables a pack can hold, as the trends policy names them. */
	public static final List<String> TREND_DIMENSIONS = Trends.DIMENSIONS;

	private final PartnershipRepository partnership;

	private final CaseRepository cases;

	private final PolicyService policy;

	private final DecisionLog decisionLog;

	private final PackRepository packs;

	private final ViewRenderer renderer;

	private final ViewJson viewJson;

	private final TransactionTemplate transaction;

	private final RedactionEngine redaction;

	private final Emergencies emergencies;

	private final Deliveries deliveries;

	private final int threads;

	private final BuildPacing pacing;

	private final ClusterLocks locks;

	private final java.time.Duration buildWait;

	private java.util.concurrent.ExecutorService workers;

	private volatile BuildTimings lastTimings;

	PackBuilder(PartnershipRepository partnership, CaseRepository cases, PolicyService policy,
			DecisionLog decisionLog, PackRepository packs, ViewRenderer renderer, ViewJson viewJson,
			TransactionTemplate transaction, RedactionEngine redaction, Emergencies emergencies, Deliveries deliveries,
			@org.springframework.beans.factory.annotation.Value("${proportion.pack.threads:4}") int threads,
			ClusterLocks locks,
			@org.springframework.beans.factory.annotation.Value("${proportion.cluster.build-wait:120s}") java.time.Duration buildWait,
			BuildPacing pacing) {
		this.pacing = pacing;
		this.locks = locks;
		this.buildWait = buildWait;
		this.partnership = partnership;
		this.cases = cases;
		this.policy = policy;
		this.decisionLog = decisionLog;
		this.packs = packs;
		this.renderer = renderer;
		this.viewJson = viewJson;
		this.transaction = transaction;
		this.redaction = redaction;
		this.emergencies = emergencies;
		this.deliveries = deliveries;
		this.threads = Math.max(1, threads);
	}

	/** Where the last released build spent its time; null before the first. */
	public BuildTimings lastTimings() {
		return lastTimings;
	}

	/** Whether the meeting has had a pack released (its attendees hold a view). */
	public boolean hasReleased(String meetingId) {
		return packs.releasedCount(meetingId) > 0;
	}

	/**
	 * Builds and releases a new version of the meeting's pack, or throws and releases nothing.
	 * With several gateways on one database, the meeting's cluster lock makes this the only build
	 * of the meeting anywhere: a caller here while another gateway builds it waits for that build
	 * (up to {@code proportion.cluster.build-wait}) and then builds from what it released, which
	 * is "unchanged" unless something changed meanwhile; after the wait it gets {@link ClusterBusy}
	 * (the API answers 409). Two builders at once would both take the next version, or release
	 * the same change twice and send every attendee two messages.
	 */
	public PackSummary build(String meetingId) {
		// The calling thread (the schedule's, an API request's) does part of the build itself;
		// it is batch work while it does, as the build's workers are (see workers(); honoured only
		// where the JVM maps Java priorities to the system's, as the launcher has it as root).
		Thread caller = Thread.currentThread();
		int priority = caller.getPriority();
		caller.setPriority(Thread.MIN_PRIORITY);
		try {
			return locks.run(lockName(meetingId), buildWait, () -> buildHere(meetingId));
		}
		finally {
			caller.setPriority(priority);
		}
	}

	/** The cluster lock of a meeting's builds. */
	static String lockName(String meetingId) {
		return "pack-build:" + meetingId;
	}

	/** How many times a build starts over when people's rights changed while it ran. */
	private static final int RIGHTS_ATTEMPTS = 3;

	// One build at a time in this gateway, as before: the workers pool is shared by all builds.
	private synchronized PackSummary buildHere(String meetingId) {
		pacing.buildStarted();
		Meeting meeting = partnership.meeting(meetingId)
			.orElseThrow(() -> new NoSuchElementException("No meeting is registered as '" + meetingId + "'"));
		for (int attempt = 1;; attempt++) {
			Instant builtAt = Instant.now();
			try {
				return buildOnce(meeting, builtAt);
			}
			catch (RightsChanged ex) {
				// A record this build read may have been erased, corrected, or withdrawn from
				// sharing at the person's request since: what it read is not released, and it
				// starts over from the records as they now stand.
				if (attempt == RIGHTS_ATTEMPTS) {
					throw failed(meeting, builtAt, "rights_changed",
							"People's rights changed during each of " + RIGHTS_ATTEMPTS + " tries of the build", ex);
				}
				log.info("Pack for meeting {} not released: a change made at a person's request arrived while it was"
						+ " built; building again", meeting.id());
			}
		}
	}

	/** Thrown inside a release transaction (so it rolls back) when people's rights changed meanwhile. */
	private static final class RightsChanged extends RuntimeException {

		RightsChanged() {
			super("People's rights changed during the build", null, false, false);
		}

	}

	// First in each release transaction (a new version, or the live one confirmed): the meeting's
	// lock is still this gateway's (one that stalled past its lease releases nothing), and nothing
	// was erased or withdrawn at a person's request since the records were read (the rights
	// counter's row stays locked until the release commits: CaseRepository#rightsGenerationHeld).
	private void confirmRelease(Build build) {
		locks.confirm(lockName(build.meeting.id()));
		if (cases.rightsGenerationHeld() != build.rightsGeneration) {
			throw new RightsChanged();
		}
	}

	private PackSummary buildOnce(Meeting meeting, Instant builtAt) {
		long started = System.nanoTime();
		try {
			Build build = decide(meeting, builtAt);
			long phase = System.nanoTime();
			Map<String, String> hashes = inParallel(build.views, this::contentHash);
			String fingerprint = fingerprint(build, hashes);
			Optional<String> live = packs.liveWithFingerprint(meeting.id(), fingerprint, build.views.size());
			if (live.isPresent()) {
				// The same views from the same decisions: the live pack stays, nothing is logged
				// again (its rows already explain every share) and nobody is sent anything. It now
				// stands for the records this build read, so the schedule does not rebuild it again.
				transaction.executeWithoutResult(tx -> {
					confirmRelease(build);
					packs.confirmAgenda(live.get(), build.agendaDigest);
				});
				lastTimings = new BuildTimings(build.trendsMs, build.loadMs, build.policyMs, build.scanMs,
						build.redactMs, build.assembleMs, BuildTimings.since(phase), 0, BuildTimings.since(started), 0, 0);
				log.info("Pack {} unchanged: nothing released", live.get());
				return summary(live.get(), meeting, packs.version(live.get()), true, true);
			}
			// The log's rows are written and compressed beside the rendering, before the transaction.
			java.util.concurrent.Future<PreparedEntries> logRows = workers().submit(() -> decisionLog.prepare(build.entries));
			List<Rendered> rendered;
			PreparedEntries prepared;
			try {
				rendered = render(build, hashes);
				prepared = logRows.get();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException runtime ? runtime
						: new IllegalStateException("The decision log's rows could not be prepared", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while preparing the decision log's rows", ex);
			}
			finally {
				logRows.cancel(true);
			}
			long renderMs = BuildTimings.since(phase);
			phase = System.nanoTime();
			transaction.executeWithoutResult(tx -> {
				confirmRelease(build);
				store(build, rendered, prepared, fingerprint);
			});
			long storeMs = BuildTimings.since(phase);
			BuildTimings timings = new BuildTimings(build.trendsMs, build.loadMs, build.policyMs, build.scanMs,
					build.redactMs, build.assembleMs, renderMs, storeMs, BuildTimings.since(started),
					build.entries.size(), rendered.size());
			lastTimings = timings;
			log.info("Pack {} released: {} views, {} decisions logged", build.packId, build.views.size(),
					build.entries.size());
			log.debug("Pack {} timings: {}", build.packId, timings);
			return summary(build.packId, meeting, build.version, true, false);
		}
		catch (PolicyUnavailable ex) {
			throw failed(meeting, builtAt, ex.code(), ex.getMessage(), ex);
		}
		catch (LockLost ex) {
			// Not a failed build: another gateway took the meeting over and builds it now.
			log.warn("Pack for meeting {} not released: another gateway took over its build", meeting.id());
			throw new ClusterBusy(lockName(meeting.id()));
		}
		catch (RightsChanged ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw failed(meeting, builtAt, "build_error", "The pack could not be built: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private final class Build {

		final Meeting meeting;

		final String packId;

		final int version;

		final Instant builtAt;

		String revision;

		/** The agenda records as this build read them ({@link AgendaDigest}). */
		String agendaDigest;

		/** People's rights changes seen before the records were read ({@link CaseRepository#rightsGeneration()}). */
		long rightsGeneration;

		final Map<String, AttendeeView> views = new LinkedHashMap<>();

		final List<LogEntry> entries = new ArrayList<>();

		long trendsMs;

		long loadMs;

		long policyMs;

		long scanMs;

		long redactMs;

		long assembleMs;

		Build(Meeting meeting, int version, Instant builtAt) {
			this.meeting = meeting;
			this.version = version;
			this.builtAt = builtAt;
			this.packId = meeting.id() + "-v" + version;
		}

		void log(Attendee attendee, String caseRef, String item, Decision decision, String dataRevision) {
			entries.add(new LogEntry(meeting.id(), packId, attendee.id(), attendee.role(), attendee.organisationId(),
					caseRef, item, decision, revision + " data:" + shortDigest(dataRevision)));
		}

	}

	/** One agenda case as read before the policy is asked: null record when none was received. */
	private record Agenda(int index, String caseRef, CaseRecord record, Map<String, Object> fields, CaseFacts facts) {
	}

	private Build decide(Meeting meeting, Instant builtAt) {
		Build build = new Build(meeting, packs.nextVersion(meeting.id()), builtAt);
		String modules = policy.liveRevision();
		build.revision = PolicyService.revisionLabel(modules);
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<DataSharingAgreement> agreements = partnership.agreements();

		long phase = System.nanoTime();
		// Read before the records: a change at a person's request after this is caught at release.
		build.rightsGeneration = cases.rightsGeneration();
		// Every record once, for the trends and the agenda alike.
		Map<String, CaseRecord> records = new LinkedHashMap<>();
		cases.all().forEach(r -> records.put(r.caseRef(), r));
		build.agendaDigest = AgendaDigest.of(meeting.agenda(), records::get);
		build.loadMs = BuildTimings.since(phase);
		phase = System.nanoTime();
		Map<String, List<TrendTable>> trends = trends(build, organisations, records.values());
		build.trendsMs = BuildTimings.since(phase);
		Map<String, List<CaseView>> caseViews = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> withheld = new LinkedHashMap<>();
		for (Attendee attendee : meeting.attendees()) {
			caseViews.put(attendee.id(), new ArrayList<>());
			withheld.put(attendee.id(), new LinkedHashMap<>());
		}

		// Read every agenda case first (the database is not shared with the workers).
		phase = System.nanoTime();
		List<Agenda> agenda = new ArrayList<>();
		Map<String, Emergencies.Emergency> inForce = emergencies.inForce(meeting.id());
		Set<String> objected = cases.objectedAmong(meeting.agenda());
		int position = 0;
		for (String caseRef : meeting.agenda()) {
			position++;
			CaseRecord record = records.get(caseRef);
			if (record == null) {
				agenda.add(new Agenda(position, caseRef, null, null, null));
				continue;
			}
			Emergencies.Emergency emergency = inForce.get(caseRef);
			CaseFacts facts = new CaseFacts(meeting.purposesOf(caseRef), emergency == null ? null : emergency.id(),
					emergency == null ? List.of() : emergency.responders(), objected.contains(caseRef));
			agenda.add(new Agenda(position, caseRef, record, record.fieldsOn(meeting.date()), facts));
		}
		build.loadMs += BuildTimings.since(phase);

		// One OPA query per case, several at once: OPA serves concurrent queries, and a case's
		// decision does not depend on another's. Any failure fails the whole build (below).
		phase = System.nanoTime();
		List<CaseDecision> decisions = inParallel(agenda, item -> item.record() == null ? null
				: policy.decideCase(meeting, item.record(), item.fields().keySet(), organisations, agreements,
						item.facts()));
		build.policyMs = BuildTimings.since(phase);

		// Each case's notes scanned once, several cases at once; the per-attendee redaction below
		// reuses the analysis. A note that cannot be scanned fails again below and is withheld there.
		phase = System.nanoTime();
		List<NoteRedaction> notes = inParallel(agenda, item -> {
			if (item.record() == null) {
				return null;
			}
			NoteRedaction redaction = new NoteRedaction(this.redaction, item.record());
			prescan(redaction, item, decisions.get(item.index() - 1), meeting);
			return redaction;
		});
		build.scanMs = BuildTimings.since(phase);

		phase = System.nanoTime();
		Pseudonyms pseudonyms = new Pseudonyms();
		Set<String> dataRevisions = new HashSet<>();
		long[] redactNanos = new long[1];
		for (Agenda item : agenda) {
			pacing.giveWay();
			int index = item.index();
			String caseRef = item.caseRef();
			CaseRecord record = item.record();
			if (record == null) {
				Decision missing = Decision.withhold(meeting.purpose(), "gateway.no_record",
						"No agency record has been received for an agenda case.");
				for (Attendee attendee : meeting.attendees()) {
					build.log(attendee, caseRef, "case", missing, null);
					withheld.get(attendee.id()).merge(missing.reason(), 1, Integer::sum);
				}
				continue;
			}
			Map<String, Object> fields = item.fields();
			CaseDecision decision = decisions.get(index - 1);
			List<String> doNotDisclose = DoNotDisclose.values(fields);
			if (!"undefined".equals(decision.dataRevision())) {
				dataRevisions.add(decision.dataRevision());
			}
			String controllerName = organisations.containsKey(record.agency())
					? organisations.get(record.agency()).name() : record.agency();
			NoteRedaction caseNotes = notes.get(index - 1);
			for (Attendee attendee : meeting.attendees()) {
				CaseDecision.ForAttendee forAttendee = decision.byAttendee().get(attendee.id());
				Decision caseDecision = forAttendee.caseDecision();
				build.log(attendee, caseRef, "case", caseDecision, decision.dataRevision());
				List<FieldView> fieldViews = new ArrayList<>();
				boolean ownRecord = record.agency().equals(attendee.organisationId());
				for (String field : forAttendee.fields().keySet()) {
					// A field is never shown on a case the attendee may not see, whatever it says.
					Decision d = caseDecision.released() ? forAttendee.fields().get(field) : caseDecision;
					Shown shown = fieldView(field, fields.get(field), d, caseRef, controllerName, pseudonyms, caseNotes,
							ownRecord ? List.of() : doNotDisclose, redactNanos);
					build.log(attendee, caseRef, field, shown.logged(), decision.dataRevision());
					// Rows come from the catalogue, never from what the record holds: a field the
					// catalogue lacks is withheld and logged, but not shown or counted.
					if (!decision.fieldOrder().contains(field)) {
						continue;
					}
					FieldView view = shown.view();
					if (view.value() == null) {
						withheld.get(attendee.id()).merge(view.reason(), 1, Integer::sum);
					}
					fieldViews.add(view);
				}
				if (caseDecision.released()) {
					caseViews.get(attendee.id()).add(caseView(index, caseRef, fieldViews));
				}
				else {
					withheld.get(attendee.id()).merge("Case not shared: " + caseDecision.reason(), 1, Integer::sum);
				}
			}
		}
		// Every case must be decided by the same policies: modules and data alike.
		if (!modules.equals(policy.liveRevision()) || dataRevisions.size() > 1) {
			throw new PolicyUnavailable("policy_changed", "The policies changed during the build; build again");
		}
		Organisation unknown = new Organisation("", "", "");
		for (Attendee attendee : meeting.attendees()) {
			Organisation org = organisations.getOrDefault(attendee.organisationId(), unknown);
			AttendeeView view = new AttendeeView(meetingInfo(meeting, organisations),
					new AttendeeView.Recipient(attendee.id(), attendee.name(), attendee.role(), org.name()),
					new AttendeeView.PackInfo(build.packId, build.version, builtAt, build.revision),
					trends.get(attendee.id()), caseViews.get(attendee.id()), withheld.get(attendee.id())
						.entrySet()
						.stream()
						.map(e -> new AttendeeView.WithheldCount(e.getKey(), e.getValue()))
						.toList());
			build.views.put(attendee.id(), view);
		}
		build.redactMs = redactNanos[0] / 1_000_000;
		build.assembleMs = BuildTimings.since(phase) - build.redactMs;
		return build;
	}

	/**
	 * Scans the case's notes once, each field that any attendee gets redacted, so the assembly's
	 * redaction for every attendee reuses the analysis. Nothing is redacted here: the assembly
	 * redacts each attendee's copy (with the pack's pseudonyms) from the analysis, and redacting
	 * here too, for every attendee, only to discard it, was about half of a rebuild's redaction work
	 * (the notes' analyses are kept across builds, so a rebuild's scan phase was nothing else). A
	 * failure is left for the assembly to meet and withhold.
	 */
	private static void prescan(NoteRedaction notes, Agenda item, CaseDecision decision, Meeting meeting) {
		Set<String> redacted = new java.util.LinkedHashSet<>();
		for (Attendee attendee : meeting.attendees()) {
			CaseDecision.ForAttendee forAttendee = decision.byAttendee().get(attendee.id());
			if (forAttendee == null || !forAttendee.caseDecision().released()) {
				continue;
			}
			forAttendee.fields().forEach((field, d) -> {
				if (d.action() == Action.REDACT && item.fields().get(field) != null) {
					redacted.add(field);
				}
			});
		}
		for (String field : redacted) {
			try {
				notes.analyse(field, item.fields().get(field));
			}
			catch (RuntimeException ex) {
				// Withheld when the assembly meets it again.
			}
		}
	}

	/**
	 * Runs the work for every agenda item on the build's bounded pool and returns the results in
	 * agenda order. The first failure cancels what is left and is thrown as it was, so a policy
	 * engine that stops mid-build fails the build closed exactly as a single call would.
	 */
	private <T> List<T> inParallel(List<Agenda> agenda, java.util.function.Function<Agenda, T> work) {
		List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
		try {
			for (Agenda item : agenda) {
				futures.add(submitPaced(() -> work.apply(item)));
			}
			List<T> results = new ArrayList<>(agenda.size());
			for (java.util.concurrent.Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("A pack build task failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PolicyUnavailable("policy_interrupted", "The build was interrupted", ex);
		}
		finally {
			futures.forEach(f -> f.cancel(true));
		}
	}

	// A build task on the pool that first gives way to attendees' openings (BuildPacing).
	private <T> java.util.concurrent.Future<T> submitPaced(java.util.concurrent.Callable<T> task) {
		return workers().submit(() -> {
			pacing.giveWay();
			return task.call();
		});
	}

	private synchronized java.util.concurrent.ExecutorService workers() {
		if (workers == null) {
			java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
			workers = java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
				Thread thread = new Thread(task, "pack-build-" + count.incrementAndGet());
				thread.setDaemon(true);
				// Attendees opening views come first: a build is batch work (honoured where the JVM
				// maps Java priorities to the system's, -XX:ThreadPriorityPolicy=1; see the launcher).
				thread.setPriority(Thread.MIN_PRIORITY);
				return thread;
			});
		}
		return workers;
	}

	@jakarta.annotation.PreDestroy
	synchronized void stopWorkers() {
		if (workers != null) {
			workers.shutdownNow();
		}
	}

	private Map<String, List<TrendTable>> trends(Build build, Map<String, Organisation> organisations,
			java.util.Collection<CaseRecord> all) {
		Meeting meeting = build.meeting;
		TrendsDecision decision = policy.decideTrends(meeting, Trends.DIMENSIONS, organisations);
		List<CaseRecord> cohort = all
			.stream()
			.filter(r -> meeting.cohort() == null || meeting.cohort().equals(r.fields().get("housing_status")))
			.toList();
		List<TrendTable> tables = Trends.tables(cohort, meeting.date(), decision.minCellCount());
		Map<String, List<TrendTable>> byAttendee = new LinkedHashMap<>();
		for (Attendee attendee : meeting.attendees()) {
			List<TrendTable> shown = new ArrayList<>();
			for (TrendTable table : tables) {
				Decision d = decision.byAttendee().get(attendee.id()).get(table.dimension());
				build.log(attendee, null, "trend:" + table.dimension(), d, decision.dataRevision());
				shown.add(d.released() ? table
						: new TrendTable(table.dimension(), table.label(), null, List.of(), true, d.reason()));
			}
			byAttendee.put(attendee.id(), shown);
		}
		return byAttendee;
	}

	/** What the attendee sees of one field, and the decision as it is logged. */
	private record Shown(FieldView view, Decision logged) {
	}

	private static Shown fieldView(String field, Object value, Decision d, String caseRef, String controllerName,
			Pseudonyms pseudonyms, NoteRedaction notes, List<String> doNotDisclose, long[] redactNanos) {
		String label = label(field);
		Decision logged = d;
		if (d.released() && value == null && !Generalisations.RISK_WORDING.equals(d.generalisation())
				&& !(d.action() == Action.PSEUDONYMISE && Generalisations.PSEUDONYM.equals(d.generalisation()))) {
			// The reader may see this field and the agency recorded nothing: saying so tells them
			// nothing the policy did not already let them see.
			// Logged as nothing released, so the ledger and a subject access report never list a
			// share of something that did not exist.
			return new Shown(new FieldView(field, label, NOT_RECORDED, "Not recorded", d.basis(), d.condition(),
					"The agency's record holds nothing here."), Decision.withhold(d.purpose(), "gateway.not_recorded",
							"The record holds nothing here, so nothing was shared (the policy allowed it: " + d.rule() + ")."));
		}
		String shown;
		switch (d.action()) {
			case SHARE -> shown = display(value);
			case PSEUDONYMISE -> shown = Generalisations.PSEUDONYM.equals(d.generalisation()) ? pseudonyms.of(caseRef) : null;
			case GENERALISE -> shown = Generalisations.RISK_WORDING.equals(d.generalisation())
					? Generalisations.riskWording(d.wording(), controllerName).orElse(null)
					: Generalisations.apply(d.generalisation(), value, controllerName).orElse(null);
			case REDACT -> {
				long started = System.nanoTime();
				NoteRedaction.Result redacted = redact(field, value, d, pseudonyms, notes);
				redactNanos[0] += System.nanoTime() - started;
				shown = redacted == null ? null : DoNotDisclose.scrub(redacted.text(), doNotDisclose);
				if (redacted != null) {
					logged = d.withReason(d.rule(), d.reason() + " Found: " + redacted.summary() + ".");
				}
			}
			default -> shown = null;
		}
		if (shown == null) {
			if (!d.released()) {
				return new Shown(new FieldView(field, label, Action.WITHHOLD.wire(), null, null, null, d.reason()), d);
			}
			boolean note = d.action() == Action.REDACT;
			String reason = note ? "The notes could not be scanned safely, so they are withheld."
					: "Could not be generalised safely, so it is withheld.";
			Decision withheld = Decision.withhold(d.purpose(),
					note ? "gateway.redaction_unavailable" : "gateway.cannot_generalise", reason);
			return new Shown(new FieldView(field, label, Action.WITHHOLD.wire(), null, null, null, reason), withheld);
		}
		return new Shown(new FieldView(field, label, d.action().wire(), shown, d.basis(), d.condition(), d.reason()),
				logged);
	}

	// Any failure to scan or redact (engine or model missing, unknown operator) withholds the note.
	private static NoteRedaction.Result redact(String field, Object value, Decision d, Pseudonyms pseudonyms,
			NoteRedaction notes) {
		try {
			return notes.redact(field, value, d, pseudonyms::of);
		}
		catch (RuntimeException ex) {
			log.warn("Notes withheld: redaction failed ({})", ex.getClass().getSimpleName());
			return null;
		}
	}

	private static CaseView caseView(int index, String caseRef, List<FieldView> fields) {
		FieldView name = fields.stream().filter(f -> f.field().equals(NAME)).findFirst().orElse(null);
		boolean named = name != null && name.action().equals(Action.SHARE.wire());
		boolean pseudonymised = name != null && name.action().equals(Action.PSEUDONYMISE.wire());
		String heading = named || pseudonymised ? name.value() : "Case " + index;
		return new CaseView(heading, named ? caseRef : null, fields);
	}

	private static String display(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
		}
		return Objects.toString(value, null);
	}

	private static String label(String field) {
		String words = field.replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private AttendeeView.MeetingInfo meetingInfo(Meeting meeting, Map<String, Organisation> organisations) {
		List<String> attendees = meeting.attendees()
			.stream()
			.map(a -> a.name() + " (" + label(a.role()).toLowerCase() + ", "
					+ (organisations.containsKey(a.organisationId()) ? organisations.get(a.organisationId()).name()
							: a.organisationId())
					+ ")")
			.toList();
		return new AttendeeView.MeetingInfo(meeting.id(), meeting.title(), meeting.type(), meeting.purpose(),
				meeting.date(), attendees);
	}

	/** One view as stored: serialised, hashed and rendered before the transaction opens. */
	private record Rendered(String attendeeId, byte[] json, byte[] html, String hash) {
	}

	// Outside the transaction, one view per worker: the write transaction stays short.
	private List<Rendered> render(Build build, Map<String, String> hashes) {
		Map<String, Rendered> rendered = inParallel(build.views,
				(attendeeId, view) -> new Rendered(attendeeId, viewJson.jsonGzip(view, pacing::paced),
						renderer.htmlGzip(view, pacing::paced), hashes.get(attendeeId)));
		return List.copyOf(rendered.values());
	}

	/**
	 * Runs the work for every view on the build's pool; results keyed as the views are. A failure
	 * is thrown as it was: nothing is released.
	 */
	private <T> Map<String, T> inParallel(Map<String, AttendeeView> views,
			java.util.function.BiFunction<String, AttendeeView, T> work) {
		List<Map.Entry<String, AttendeeView>> entries = new ArrayList<>(views.entrySet());
		List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
		try {
			for (Map.Entry<String, AttendeeView> view : entries) {
				futures.add(submitPaced(() -> work.apply(view.getKey(), view.getValue())));
			}
			Map<String, T> results = new LinkedHashMap<>();
			for (int i = 0; i < entries.size(); i++) {
				results.put(entries.get(i).getKey(), futures.get(i).get());
			}
			return results;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("A view could not be rendered", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while rendering", ex);
		}
		finally {
			futures.forEach(f -> f.cancel(true));
		}
	}

	/**
	 * One digest of what the pack shows each attendee and of every decision its log would hold
	 * (all but the pack's own id, version and time): equal digests mean an equal pack. The texts
	 * reach the digest as UTF-8 through one reused buffer ({@link Utf8Slices}: the same bytes as
	 * each text's own {@code getBytes(UTF_8)}, so stored fingerprints still compare equal): a
	 * 200 x 6 pack is about 300,000 texts, and a byte array for each was a tenth of what a build
	 * allocated (JFR, views bench).
	 */
	private String fingerprint(Build build, Map<String, String> hashes) {
		try {
			java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
			Utf8Slices digested = new Utf8Slices(
					new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest));
			java.util.function.Consumer<String> add = text -> {
				try {
					digested.write(text == null ? "\u0001" : text);
					digested.write(0);
				}
				catch (java.io.IOException ex) {
					// Into a digest: nothing to fail.
					throw new java.io.UncheckedIOException(ex);
				}
			};
			hashes.forEach((attendee, hash) -> {
				add.accept(attendee);
				add.accept(hash);
			});
			int n = 0;
			for (LogEntry e : build.entries) {
				if (++n % 1024 == 0) {
					pacing.giveWay();
				}
				Decision d = e.decision();
				for (String column : new String[] { e.meetingId(), e.attendeeId(), e.attendeeRole(), e.attendeeOrg(),
						e.caseRef(), e.item(), d.action().wire(), d.basis(), d.condition(), d.purpose(), d.rule(), d.reason(),
						e.policyRevision() }) {
					add.accept(column);
				}
			}
			digested.flush();
			return java.util.HexFormat.of().formatHex(digest.digest());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void store(Build build, List<Rendered> rendered, PreparedEntries logRows, String fingerprint) {
		String previous = packs.latestReleasedId(build.meeting.id()).orElse(null);
		packs.insert(build.packId, build.meeting.id(), build.version, PackRepository.RELEASED, build.builtAt,
				build.revision, null, fingerprint, build.agendaDigest);
		Map<String, String> hashes = new LinkedHashMap<>();
		Map<String, Attendee> attendees = new LinkedHashMap<>();
		build.meeting.attendees().forEach(a -> attendees.put(a.id(), a));
		for (Rendered view : rendered) {
			hashes.put(view.attendeeId(), view.hash());
			packs.insertView(build.packId, attendees.get(view.attendeeId()), build.meeting.id(), view.json(), view.html(),
					view.hash());
		}
		decisionLog.append(logRows);
		// In the same transaction: a released pack always has its messages queued, and never without.
		deliveries.enqueue(build.meeting, build.packId, previous, hashes);
	}

	// What the attendee reads, without the pack's own id, version and time.
	private String contentHash(String attendeeId, AttendeeView view) {
		return viewJson.contentHash(view, pacing::paced);
	}

	private PackBuildFailed failed(Meeting meeting, Instant builtAt, String code, String detail, Exception cause) {
		log.warn("No pack released for meeting {}: {} ({})", meeting.id(), code, causeTypes(cause));
		try {
			transaction.executeWithoutResult(tx -> {
				int version = packs.nextVersion(meeting.id());
				String packId = meeting.id() + "-v" + version;
				packs.insert(packId, meeting.id(), version, PackRepository.FAILED, builtAt, null, code);
				Decision nothing = Decision.withhold(meeting.purpose(), "gateway.fail_closed",
						"No pack was released: " + detail);
				decisionLog.append(meeting.attendees()
					.stream()
					.map(a -> new LogEntry(meeting.id(), packId, a.id(), a.role(), a.organisationId(), null, "pack",
							nothing, "unavailable"))
					.toList());
			});
		}
		catch (RuntimeException recordFailure) {
			// Still nothing released; the caller gets the original failure.
			log.error("The failed build of meeting {} could not be recorded: {}", meeting.id(),
					recordFailure.getClass().getSimpleName());
		}
		return new PackBuildFailed(meeting.id(), code, detail, cause);
	}

	/**
	 * The failure's exception types, outermost first (e.g. {@code PolicyUnavailable <-
	 * ConnectException}): enough to tell a transient fault from a defect in the log, without any
	 * exception's message, which may quote a value.
	 */
	static String causeTypes(Throwable failure) {
		List<String> types = new ArrayList<>();
		for (Throwable t = failure; t != null && types.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
			types.add(t.getClass().getSimpleName());
		}
		return String.join(" <- ", types);
	}

	private PackSummary summary(String packId, Meeting meeting, int version, boolean released, boolean unchanged) {
		Map<String, Organisation> organisations = partnership.organisationsById();
		List<PackSummary.Recipient> recipients = meeting.attendees()
			.stream()
			.map(a -> new PackSummary.Recipient(a.id(), a.role(),
					organisations.containsKey(a.organisationId()) ? organisations.get(a.organisationId()).name()
							: a.organisationId()))
			.toList();
		return new PackSummary(packId, meeting.id(), version, released, recipients, unchanged);
	}

	private static String shortDigest(String digest) {
		return digest == null ? "none" : digest.substring(0, Math.min(16, digest.length()));
	}

}
