package org.proportion.pack;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.proportion.pack.AttendeeView.CaseView;
import org.proportion.pack.AttendeeView.FieldView;

import static org.assertj.core.api.Assertions.assertThat;

/** A case as the attendee's page shows it: agency text never becomes markup, withheld items show no value. */
class CaseHtmlTests {

	@Test
	void agencyTextIsEscapedWhereverItAppears() {
		CaseView hostile = new CaseView("<script>alert(1)</script>", "ref\"><img src=x onerror=alert(1)>",
				List.of(new FieldView("notes", "Case <notes>", "redact", "Said 'hi' & left <b>", "Art 6 <e>", "Sch 1 & 2",
						"Because \"needed\"")));
		String html = CaseHtml.of(hostile);
		assertThat(html).doesNotContain("<script>", "<img", "<b>", "<notes>", "<e>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "ref&quot;&gt;&lt;img", "Said &#39;hi&#39; &amp; left &lt;b&gt;",
					"Basis: <span>Art 6 &lt;e&gt;", "Condition: <span>Sch 1 &amp; 2", "Because &quot;needed&quot;");
	}

	@Test
	void aWithheldItemShowsItsReasonAndNoValueAndEachActionIsMarked() {
		String html = CaseHtml.of(new CaseView("Person A", null,
				List.of(new FieldView("nationality", "Nationality", "withhold", null, null, null, "Not needed."),
						new FieldView("name", "Name", "pseudonymise", "Person A", "Art 6(1)(e)", null, "Pseudonymised."),
						new FieldView("age", "Age", "generalise", "30-39", "Art 6(1)(e)", null, "Generalised."))));
		assertThat(html).contains("<td class=\"withheld\">withheld</td>", "Not needed.",
				"<td class=\"pseudonymised\"><span>Person A</span> <span class=\"why\">(pseudonym)</span>",
				"<td class=\"generalised\"><span>30-39</span> <span class=\"why\">(generalised)</span>")
			.doesNotContain("Agency reference");
	}

}
