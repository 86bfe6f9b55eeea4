package org.proportion.pack;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.proportion.pack.AttendeeView.CaseView;
import org.proportion.pack.AttendeeView.FieldView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view's JSON written from kept case fragments is the very text Jackson writes for the whole
 * record, and its content digest changes exactly when what the attendee reads changes.
 */
class ViewJsonTests {

	final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

	final ViewJson viewJson = new ViewJson(mapper, 100);

	@Test
	void theJsonIsWhatJacksonWritesForTheWholeViewAlsoWhenCasesComeFromMemory() throws Exception {
		AttendeeView view = RenderWarmUp.madeUp();
		String whole = mapper.writeValueAsString(view);
		assertThat(viewJson.json(view)).isEqualTo(whole);
		// the second time every case comes from memory
		assertThat(viewJson.json(view)).isEqualTo(whole);
		assertThat(mapper.readTree(viewJson.json(view)).path("cases")).hasSize(view.cases().size());
		// as stored: the same text, compressed
		assertThat(org.proportion.storage.Compressed.gunzip(viewJson.jsonGzip(view))).isEqualTo(whole);
	}

	@Test
	void theDigestIsOfTheViewsTextWithoutThePackSoDigestsStoredBeforeStillCompare() throws Exception {
		AttendeeView view = RenderWarmUp.madeUp();
		AttendeeView content = new AttendeeView(view.meeting(), view.recipient(), null, view.trends(), view.cases(),
				view.withheld());
		byte[] text = mapper.writeValueAsString(content).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(viewJson.contentHash(view)).isEqualTo(
				java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text)));
	}

	@Test
	void aViewWithNoCasesOrHostileTextIsStillExactlyJacksonsText() throws Exception {
		AttendeeView none = withCases(List.of());
		assertThat(viewJson.json(none)).isEqualTo(mapper.writeValueAsString(none));
		AttendeeView hostile = withCases(List.of(new CaseView("\"cases\":[]", "ref\",\"x\":1",
				List.of(new FieldView("note", "Note", "share", "\"cases\":[] \\ \u2028 </script>", null, null, null)))));
		assertThat(viewJson.json(hostile)).isEqualTo(mapper.writeValueAsString(hostile));
	}

	@Test
	void theDigestIgnoresThePacksOwnIdButNotOneChangedValue() {
		AttendeeView view = RenderWarmUp.madeUp();
		AttendeeView nextVersion = new AttendeeView(view.meeting(), view.recipient(),
				new AttendeeView.PackInfo("warm-up-v2", 2, view.pack().builtAt().plusSeconds(60), "warm-up"), view.trends(),
				view.cases(), view.withheld());
		assertThat(viewJson.contentHash(nextVersion)).isEqualTo(viewJson.contentHash(view));
		List<CaseView> changed = new ArrayList<>(view.cases());
		CaseView first = changed.get(0);
		List<FieldView> fields = new ArrayList<>(first.fields());
		FieldView status = fields.get(0);
		fields.set(0, new FieldView(status.field(), status.label(), status.action(), "sofa surfing", status.basis(),
				status.condition(), status.reason()));
		changed.set(0, new CaseView(first.heading(), first.reference(), fields));
		assertThat(viewJson.contentHash(withCases(changed))).isNotEqualTo(viewJson.contentHash(view));
	}

	static AttendeeView withCases(List<CaseView> cases) {
		AttendeeView view = RenderWarmUp.madeUp();
		return new AttendeeView(view.meeting(), view.recipient(), view.pack(), view.trends(), cases, view.withheld());
	}

}
