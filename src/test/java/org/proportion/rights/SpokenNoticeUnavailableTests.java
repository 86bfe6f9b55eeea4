package org.proportion.rights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway on a machine without espeak-ng: the audio endpoint answers with a problem that says
 * so and what to install, never with a partial or empty sound file; the written notice still works.
 */
class SpokenNoticeUnavailableTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.notices.espeak", () -> "/nowhere/espeak-ng");
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper json;

	@Test
	void withoutEspeakNgTheAudioIsAClearProblemAndNoFile() throws Exception {
		TestRestTemplate dpo = rest.withBasicAuth("dpo", "dpo-test");
		ResponseEntity<String> refused = dpo.getForEntity("/api/dpo/people/notice/audio?ref={r}&lang=pl", String.class,
				"outreach:OR-1001");
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json.readTree(refused.getBody());
		assertThat(problem.path("code").asText()).isEqualTo("speech_unavailable");
		assertThat(problem.path("detail").asText()).contains("espeak-ng is not installed", "apt-get install -y espeak-ng");
		assertThat(dpo.getForEntity("/api/dpo/people/notice?ref={r}&lang=pl&easyRead=true", String.class, "outreach:OR-1001")
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

}
