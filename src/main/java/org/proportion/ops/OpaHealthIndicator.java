package org.proportion.ops;

import org.proportion.policy.LiveBundle;
import org.proportion.policy.PolicyBundle;
import org.proportion.policy.PolicyUnavailable;
import org.proportion.policy.ServedRevision;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * OPA is ready only when it answers and serves exactly the policies the gateway validated: that
 * is the condition under which a pack can be built ({@link ServedRevision#require()}), so health
 * says DOWN whenever a build would fail closed for want of policy. Unlike {@code require()} it
 * neither waits for OPA to catch up nor asks OPA to reload, and it never throws: a health probe
 * must answer quickly and must not change what it observes. Details are revisions and codes only.
 */
@Component
class OpaHealthIndicator implements HealthIndicator {

	private final LiveBundle live;

	private final ServedRevision served;

	OpaHealthIndicator(LiveBundle live, ServedRevision served) {
		this.live = live;
		this.served = served;
	}

	@Override
	public Health health() {
		PolicyBundle bundle = live.current();
		if (bundle == null) {
			return Health.down().withDetail("code", "policy_not_validated").build();
		}
		String validated = PolicyBundle.shortRevision(bundle.revision());
		try {
			ServedRevision.Served now = served.inspect(bundle);
			if (now.problem() == null && bundle.revision().equals(now.revision()) && now.modulesMatch()) {
				return Health.up().withDetail("revision", validated).build();
			}
			return Health.down()
				.withDetail("code", "policy_revision_mismatch")
				.withDetail("validated", validated)
				.withDetail("problem", now.problem() == null ? "its modules differ from the validated ones" : now.problem())
				.build();
		}
		catch (PolicyUnavailable ex) {
			return Health.down().withDetail("code", ex.code()).withDetail("validated", validated).build();
		}
		catch (RuntimeException ex) {
			// Only the kind of failure: a message from elsewhere is not ours to vouch for.
			return Health.down().withDetail("code", "policy_unreachable").withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
