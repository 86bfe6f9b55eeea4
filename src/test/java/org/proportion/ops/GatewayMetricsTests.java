package org.proportion.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.proportion.audit.LogEntry;
import org.proportion.model.Decision;
import org.proportion.redact.EntityType;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics' own guarantees, on a plain registry: a label is a code or it is {@code other}, so
 * a value that slipped into a code's place (a name, a reference) never becomes a time series; and
 * decisions are counted only once their transaction has committed.
 */
class GatewayMetricsTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final GatewayMetrics metrics = new GatewayMetrics(registry);

	@AfterEach
	void clearTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void aLabelThatIsNotACodeIsExportedAsOtherNeverAsItself() {
		metrics.packFailed("Agnieszka Nowak", Duration.ofMillis(5));
		metrics.parked("OR-1001");
		metrics.parked("malformed_csv");
		metrics.decisionsLogged(List.of(entry("share", "sharing.needed"), entry("withhold", "Marek Zielinski")));

		assertThat(labelValues()).contains("other", "malformed_csv", "sharing.needed", "share", "withhold")
			.noneMatch(value -> value.contains("Agnieszka") || value.contains("OR-1001") || value.contains("Zielinski"));
		assertThat(registry.get(GatewayMetrics.PACKS_FAILED).tag("code", "other").counter().count()).isEqualTo(1);
		assertThat(registry.get(GatewayMetrics.DECISIONS).tag("rule", "other").counter().count()).isEqualTo(1);
	}

	@Test
	void decisionsAreCountedWhenTheirTransactionCommitsAndNotWhenItRollsBack() {
		TransactionSynchronizationManager.initSynchronization();
		metrics.decisionsLogged(List.of(entry("share", "sharing.needed"), entry("share", "sharing.needed")));
		assertThat(registry.find(GatewayMetrics.DECISIONS).counters()).isEmpty();
		TransactionSynchronizationUtils.triggerAfterCommit();
		assertThat(registry.get(GatewayMetrics.DECISIONS).tag("rule", "sharing.needed").counter().count()).isEqualTo(2);
		TransactionSynchronizationManager.clearSynchronization();

		// A rolled-back transaction never calls afterCommit: nothing more is counted.
		TransactionSynchronizationManager.initSynchronization();
		metrics.decisionsLogged(List.of(entry("share", "sharing.needed")));
		TransactionSynchronizationManager.clearSynchronization();
		assertThat(registry.get(GatewayMetrics.DECISIONS).tag("rule", "sharing.needed").counter().count()).isEqualTo(2);
	}

	@Test
	void aScanIsTimedAndItsFindingsCountedByType() {
		metrics.scanned(Duration.ofMillis(3).toNanos(), Map.of(EntityType.PERSON, 2, EntityType.HEALTH, 1));
		assertThat(registry.get(GatewayMetrics.SCAN).timer().count()).isEqualTo(1);
		assertThat(registry.get(GatewayMetrics.ENTITIES).tag("type", "PERSON").counter().count()).isEqualTo(2);
		assertThat(registry.get(GatewayMetrics.ENTITIES).tag("type", "HEALTH").counter().count()).isEqualTo(1);
	}

	List<String> labelValues() {
		return registry.getMeters()
			.stream()
			.map(Meter::getId)
			.flatMap(id -> id.getTags().stream())
			.map(tag -> tag.getValue())
			.toList();
	}

	static LogEntry entry(String action, String rule) {
		Decision decision = Decision.withhold("rough_sleeping_response", rule, "reason");
		if (action.equals("share")) {
			decision = new Decision(org.proportion.model.Action.SHARE, decision.basis(), decision.condition(), decision.purpose(),
					rule, decision.reason(), null);
		}
		return new LogEntry("rs-mam-2026-12", "rs-mam-2026-12-v1", "mam-police", "police_officer", "police",
				"outreach:OR-1001", "name", decision, "r1");
	}

}
