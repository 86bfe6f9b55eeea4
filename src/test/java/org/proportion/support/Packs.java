package org.proportion.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.access.AccessLinks;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.model.Action;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one test fixture for packs, as a user meets them: the admin builds a meeting's pack, an
 * attendee opens their own view by their link, and a test reads a case and its fields' actions.
 */
public final class Packs {

	private final TestRestTemplate rest;

	private final AccessLinks links;

	private final ObjectMapper json;

	public Packs(TestRestTemplate rest, AccessLinks links, ObjectMapper json) {
		this.rest = rest;
		this.links = links;
		this.json = json;
	}

	public TestRestTemplate admin() {
		return rest.withBasicAuth("admin", "admin-test");
	}

	/** Builds and releases the meeting's pack; fails the test if nothing was released. */
	public JsonNode build(String meetingId) throws Exception {
		ResponseEntity<String> response = admin().postForEntity("/api/meetings/{m}/packs", null, String.class, meetingId);
		assertThat(response.getStatusCode()).as(response.getBody()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		return json.readTree(response.getBody());
	}

	/** The attendee's JSON view, opened by their own link. */
	public JsonNode view(String meetingId, String attendeeId) throws Exception {
		return json.readTree(rest.getForObject("/v/{t}/json", String.class, links.issue(meetingId, attendeeId)));
	}

	/** The attendee's HTML view, opened by their own link. */
	public String html(String meetingId, String attendeeId) {
		return rest.getForObject("/v/{t}", String.class, links.issue(meetingId, attendeeId));
	}

	public static List<JsonNode> cases(JsonNode view) {
		return StreamSupport.stream(view.path("cases").spliterator(), false).toList();
	}

	public static JsonNode caseHeaded(JsonNode view, String heading) {
		return cases(view).stream()
			.filter(c -> c.path("heading").asText().equals(heading))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("no case headed " + heading + " in the view"));
	}

	public static JsonNode field(JsonNode aCase, String field) {
		return StreamSupport.stream(aCase.path("fields").spliterator(), false)
			.filter(f -> f.path("field").asText().equals(field))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("no field " + field + " in the case"));
	}

	/** Field → action, in the order the view shows them. */
	public static Map<String, String> actions(JsonNode aCase) {
		Map<String, String> actions = new LinkedHashMap<>();
		aCase.path("fields").forEach(f -> actions.put(f.path("field").asText(), f.path("action").asText()));
		return actions;
	}

	/** Reason → count, as the view's footer says what was withheld. */
	public static Map<String, Integer> footer(JsonNode view) {
		Map<String, Integer> footer = new LinkedHashMap<>();
		view.path("withheld").forEach(w -> footer.put(w.path("reason").asText(), w.path("count").asInt()));
		return footer;
	}

	/** The decision log's entries for the views of a pack taken back (withdrawn), in order. */
	public static List<LogEntry> withdrawals(DecisionLog log, String packId) {
		return log.entriesOfPack(packId).stream().filter(e -> e.decision().action() == Action.WITHDRAW).toList();
	}

}
