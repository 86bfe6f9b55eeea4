package org.proportion.policy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a build may take from the decision cache and what it must ask OPA again. */
class DecisionCacheTests {

	static byte[] input(String facts) {
		return ("{\"input\":" + facts + "}").getBytes(StandardCharsets.UTF_8);
	}

	static JsonNode answer(String action) {
		return JsonNodeFactory.instance.objectNode().put("action", action);
	}

	@Test
	void theSameQuestionUnderTheSameRevisionIsAskedOnce() {
		DecisionCache cache = new DecisionCache(100);
		AtomicInteger asked = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			JsonNode got = cache.get("proportion/sharing/decision", "rev-1", input("{\"fields\":[\"name\"]}"), () -> {
				asked.incrementAndGet();
				return answer("share");
			});
			assertThat(got.path("action").asText()).isEqualTo("share");
		}
		assertThat(asked).hasValue(1);
		assertThat(cache.counts()).containsExactly(2L, 1L);
	}

	@Test
	void anotherRevisionOrOtherFactsAreAskedAgain() {
		DecisionCache cache = new DecisionCache(100);
		AtomicInteger asked = new AtomicInteger();
		cache.get("p", "rev-1", input("{\"a\":1}"), () -> answer("share" + asked.incrementAndGet()));
		JsonNode newRevision = cache.get("p", "rev-2", input("{\"a\":1}"), () -> answer("share" + asked.incrementAndGet()));
		JsonNode otherFacts = cache.get("p", "rev-1", input("{\"a\":2}"), () -> answer("share" + asked.incrementAndGet()));
		assertThat(asked).hasValue(3);
		assertThat(newRevision.path("action").asText()).isEqualTo("share2");
		assertThat(otherFacts.path("action").asText()).isEqualTo("share3");
	}

	@Test
	void aFailureIsNeverKeptSoTheNextBuildAsksAgain() {
		DecisionCache cache = new DecisionCache(100);
		assertThatThrownBy(() -> cache.get("p", "rev-1", input("{}"), () -> {
			throw new PolicyUnavailable("policy_unreachable", "OPA is unreachable");
		})).isInstanceOf(PolicyUnavailable.class);
		JsonNode later = cache.get("p", "rev-1", input("{}"), () -> answer("withhold"));
		assertThat(later.path("action").asText()).isEqualTo("withhold");
	}

	@Test
	void theLeastRecentlyUsedAnswerIsForgottenBeyondTheBound() {
		DecisionCache cache = new DecisionCache(2);
		AtomicInteger asked = new AtomicInteger();
		for (String facts : new String[] { "1", "2", "3", "1" }) {
			cache.get("p", "rev-1", input(facts), () -> answer("a" + asked.incrementAndGet()));
		}
		assertThat(asked).as("the first question was forgotten when the third was kept").hasValue(4);
	}

}
