package org.proportion.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.proportion.partnership.PartnershipRepository;
import org.proportion.policy.PolicyBundle;
import org.proportion.policy.PolicyLoader;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the console in the browser: an organiser adds a meeting with the form (first
 * refused, each problem next to its field), finds it in the list and the calendar, and changes
 * it; the DPO searches the decision log, reads what went live when, opens a person's page
 * (ledger, notices, subject access deadline, retention) and the retention page. Every page is
 * checked by axe-core and kept as a screenshot, and each role is refused the other's pages.
 */
class ConsolePlanningAndRecordsBrowserTests extends ConsoleBrowserSupport {

	static final String TITLE = "Northgate winter shelter review, January 2027";

	@Autowired
	PartnershipRepository partnership;

	@Autowired
	PolicyLoader policies;

	WebElement main() {
		return browser.findElement(By.tagName("main"));
	}

	void type(String id, String text) {
		WebElement input = browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	void choose(String id, String value) {
		new Select(browser.findElement(By.id(id))).selectByValue(value);
	}

	@Test
	void anOrganiserAddsAMeetingSeesItInTheListAndTheCalendarAndChangesIt() {
		signIn("admin", "admin-test");
		go(browser.findElement(By.linkText("Meetings")));
		go(browser.findElement(By.linkText("Add a meeting")));
		assertThat(h1()).isEqualTo("Add a meeting");
		assertThat(browser.findElements(By.cssSelector("fieldset.row-of"))).as("blank attendee rows").hasSize(3);
		check("console-meeting-new");

		// A first try with mistakes: refused, each problem next to its field and in the summary.
		type("id", "winter-review-2027-01");
		type("title", TITLE);
		type("type", "rough_sleeping_mam");
		type("date", "12/01/2027");
		type("a0-id", "wsr-outreach");
		type("a0-name", "Sam Okafor");
		go(browser.findElement(By.id("save")));
		assertThat(h1()).isEqualTo("Add a meeting");
		assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("There is a problem")
			.contains("Choose what the meeting is for.")
			.contains("Enter the date as year, month and day")
			.contains("Attendee 1: choose their organisation.");
		assertThat(browser.findElement(By.id("date")).getAttribute("aria-describedby")).contains("date-error");
		assertThat(browser.findElement(By.id("date")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.findElement(By.id("date-error")).getText()).contains("year, month and day");
		assertThat(browser.findElement(By.id("a0-role")).getAttribute("aria-describedby")).isEqualTo("a0-role-error");
		assertThat(browser.findElement(By.id("a0-role-error")).getText()).endsWith("Attendee 1: choose their role.");
		assertThat(browser.findElement(By.id("a0-organisationId-error")).getText()).contains("organisation");
		assertThat(browser.findElement(By.id("title")).getAttribute("value")).as("what was typed comes back").isEqualTo(TITLE);
		assertThat(partnership.meeting("winter-review-2027-01")).as("nothing kept").isEmpty();
		check("console-meeting-new-errors");

		// Fixed: the meeting is kept, with its agenda case's purpose.
		choose("purpose", "rough_sleeping_response");
		type("date", "2027-01-12");
		type("time", "14:30");
		choose("a0-role", "outreach_worker");
		choose("a0-organisationId", "outreach");
		type("a0-email", "sam.okafor@outreach.example");
		type("a1-id", "wsr-police");
		type("a1-name", "PC Dana Reid");
		choose("a1-role", "police_officer");
		choose("a1-organisationId", "police");
		type("c0-ref", "outreach:OR-1001");
		browser.findElement(By.id("c0-p-safeguarding_concern")).click();
		go(browser.findElement(By.id("save")));
		assertThat(h1()).isEqualTo(TITLE);
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("was added to the calendar");
		assertThat(browser.findElement(By.id("deliveries")).getText()).contains("Sam Okafor", "PC Dana Reid");
		assertThat(main().getText()).contains("outreach:OR-1001: safeguarding concern");
		check("console-meeting-added");

		// In the list, and in January's calendar on the 12th.
		go(browser.findElement(By.linkText("All meetings")));
		assertThat(browser.findElement(By.id("meetings")).findElements(By.linkText(TITLE))).hasSize(1);
		go(browser.findElement(By.linkText(TITLE)));
		go(browser.findElement(By.linkText("January 2027 in the calendar")));
		assertThat(browser.findElement(By.cssSelector("#calendar caption")).getText()).isEqualTo("January 2027");
		WebElement twelfth = browser.findElement(By.cssSelector("#calendar td[data-date='2027-01-12']"));
		assertThat(twelfth.getText()).contains("14:30").contains(TITLE);
		// Monday first: the 12th of January 2027 is a Tuesday, the second column.
		assertThat(twelfth.findElements(By.xpath("preceding-sibling::td"))).hasSize(1);
		assertThat(browser.findElement(By.id("month-count")).getText()).isEqualTo("1 meeting this month.");
		check("console-calendar");
		go(browser.findElement(By.partialLinkText("Previous month: December 2026")));
		assertThat(browser.findElement(By.cssSelector("#calendar td[data-date='2026-12-08']")).getText())
			.contains("Northgate rough sleeping multi-agency meeting, December 2026");
		browser.get(url("/console/meetings/calendar?month=2027-01"));
		go(browser.findElement(By.linkText(TITLE)));

		// Changed: a third attendee and a second case; the purpose history keeps who set what.
		go(browser.findElement(By.linkText("Change this meeting")));
		assertThat(h1()).isEqualTo("Change the meeting");
		assertThat(browser.findElement(By.id("a1-name")).getAttribute("value")).isEqualTo("PC Dana Reid");
		assertThat(browser.findElement(By.id("c0-p-safeguarding_concern")).isSelected()).isTrue();
		check("console-meeting-edit");
		type("a2-id", "wsr-health");
		type("a2-name", "Nurse Chidi Eze");
		choose("a2-role", "health_practitioner");
		choose("a2-organisationId", "health");
		type("c1-ref", "outreach:OR-1002");
		browser.findElement(By.id("c1-p-housing_assessment")).click();
		go(browser.findElement(By.id("save")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("was changed");
		assertThat(browser.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(3);
		assertThat(main().getText()).contains("outreach:OR-1002: housing assessment");
		assertThat(partnership.purposeHistory("winter-review-2027-01", "outreach:OR-1002")).singleElement()
			.satisfies(setting -> assertThat(setting.get("setBy")).isEqualTo("admin"));
	}

	@Test
	void anAttendeeWhoWasSentAPackCannotBeTakenOffTheMeeting() throws Exception {
		packs().build(MAM);
		signIn("admin", "admin-test");
		browser.get(url("/console/meetings/" + MAM + "/edit"));
		int health = -1;
		for (int i = 0; health < 0; i++) {
			if (browser.findElement(By.id("a" + i + "-id")).getAttribute("value").equals("mam-health")) {
				health = i;
			}
		}
		type("a" + health + "-id", "");
		type("a" + health + "-name", "");
		type("a" + health + "-email", "");
		go(browser.findElement(By.id("save")));
		assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("mam-health")
			.contains("revoke their link instead");
		assertThat(partnership.meeting(MAM).orElseThrow().attendees()).as("nothing of the edit kept")
			.anySatisfy(a -> assertThat(a.id()).isEqualTo("mam-health"));
		check("console-meeting-edit-refused");

		// A post that arrives with fewer rows than its page held (the server drops parameters past
		// its limit) is refused whole, not saved without the rows that were lost.
		browser.get(url("/console/meetings/" + MAM + "/edit"));
		((JavascriptExecutor) browser).executeScript("document.querySelector('input[name=agendaRows]').value = '999';");
		go(browser.findElement(By.id("save")));
		assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("too large to arrive whole");
		assertThat(partnership.meeting(MAM).orElseThrow().agenda()).hasSize(3);
	}

	@Test
	void aDpoSearchesTheDecisionLogByCaseAndByMeetingAndSeesTheChainVerified() throws Exception {
		packs().build(MAM);
		signIn("dpo", "dpo-test");
		go(browser.findElement(By.linkText("Decision log")));
		assertThat(h1()).isEqualTo("Decision log");
		check("console-dpo-log");

		type("ref", "outreach:OR-1001");
		go(browser.findElement(By.xpath("//button[text()='Search the log']")));
		assertThat(browser.findElement(By.id("chain")).getText()).startsWith("Chain verified: all");
		List<WebElement> rows = browser.findElements(By.cssSelector("#entries tbody tr"));
		assertThat(rows).isNotEmpty();
		assertThat(rows).allSatisfy(r -> assertThat(r.findElements(By.tagName("td")).get(4).getText()).isEqualTo("outreach:OR-1001"));
		assertThat(browser.findElement(By.id("entries")).getText()).contains("police officer").contains(MAM + "-v");
		check("console-dpo-log-case");

		type("ref", "");
		choose("meeting", MAM);
		go(browser.findElement(By.xpath("//button[text()='Search the log']")));
		assertThat(browser.findElement(By.id("chain")).getText()).startsWith("Chain verified");
		List<String> cases = browser.findElements(By.cssSelector("#entries tbody tr td:nth-child(5)")).stream().map(WebElement::getText).distinct().toList();
		assertThat(cases).contains("outreach:OR-1001", "outreach:OR-1002");
		assertThat(browser.findElements(By.cssSelector("#entries tbody tr td:nth-child(3)")))
			.allSatisfy(pack -> assertThat(pack.getText()).startsWith(MAM + "-v"));
		check("console-dpo-log-meeting");

		type("ref", "outreach:NO-SUCH-CASE");
		go(browser.findElement(By.xpath("//button[text()='Search the log']")));
		assertThat(browser.findElement(By.id("no-entries")).getText()).contains("holds no decision");
	}

	@Test
	void aDpoSeesWhichPoliciesWentLiveWhen() {
		String live = PolicyBundle.shortRevision(policies.status().liveRevision());
		signIn("dpo", "dpo-test");
		go(browser.findElement(By.linkText("Policy history")));
		assertThat(h1()).isEqualTo("What went live when");
		assertThat(browser.findElement(By.id("live")).getText()).contains("Live now: policies " + live);
		assertThat(browser.findElements(By.cssSelector("#events tr.started")))
			.anySatisfy(row -> assertThat(row.getText()).contains("live at start-up").contains(live));
		check("console-dpo-policies");
	}

	@Test
	void aDpoOpensAPersonsLedgerNoticesDeadlineAndRetention() throws Exception {
		packs().build(MAM);
		signIn("dpo", "dpo-test");
		go(browser.findElement(By.linkText("People")));
		type("record-ref", "outreach:OR-1001");
		go(browser.findElement(By.xpath("//button[text()='Open the case']")));
		assertThat(h1()).isEqualTo("Case outreach:OR-1001");
		WebElement shared = browser.findElement(By.id("shared"));
		assertThat(shared.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
		assertThat(shared.getText()).contains("Northgate rough sleeping multi-agency meeting, December 2026")
			.contains("outreach worker, Northgate Street Outreach");
		// Another test of this gateway may have opened one already.
		int requests = browser.findElements(By.cssSelector("#deadlines tbody tr")).size();
		if (requests == 0) {
			assertThat(browser.findElement(By.id("no-requests")).getText()).contains("No subject access request");
		}
		assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=kept] table.retention")).getText())
			.contains("Northgate rough sleeping multi-agency meeting, December 2026");
		List<WebElement> notices = browser.findElements(By.cssSelector("#notice-links tbody tr"));
		assertThat(notices).hasSizeGreaterThanOrEqualTo(2);
		assertThat(browser.findElement(By.id("notice-links")).getText()).contains("English", "Polish");
		assertThat(browser.findElement(By.partialLinkText("Easy read in Polish, read aloud")).getAttribute("href"))
			.contains("/console/dpo/people/notice/audio?ref=outreach%3AOR-1001&lang=pl");
		check("console-dpo-person");

		// The easy-read notice in Polish, as the person is given it.
		go(browser.findElement(By.linkText("Easy read in Polish")));
		assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl");
		assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("easy");
		assertThat(h1()).isNotBlank();
		check("console-dpo-notice-easy-pl");
		browser.navigate().back();

		// A subject access request opened here is listed with its deadline.
		go(browser.findElement(By.xpath("//button[text()='Open a subject access request for this case']")));
		assertThat(h1()).isEqualTo("Your data: subject access report");
		browser.get(url("/console/dpo/people/record?ref=outreach%3AOR-1001"));
		assertThat(browser.findElements(By.cssSelector("#deadlines tbody tr"))).hasSize(requests + 1);
		WebElement deadline = browser.findElements(By.cssSelector("#deadlines tbody tr")).get(requests);
		// A request is due a calendar month after it was received: 28 to 31 days, one fewer if
		// the page is drawn after midnight (February's deadlines are 28 days away).
		assertThat(deadline.findElements(By.tagName("td")).get(3).getText()).matches("(2[7-9]|3[01]) days left");
		check("console-dpo-person-request");
		go(browser.findElement(By.linkText("People")));
		assertThat(browser.findElement(By.tagName("main")).getText()).containsPattern("(2[7-9]|3[01]) days left");

		go(browser.findElement(By.linkText("Retention")));
		assertThat(h1()).isEqualTo("What retention deletes, and when");
		WebElement held = browser.findElement(By.cssSelector("table.retention"));
		assertThat(held.getText()).contains("Northgate rough sleeping multi-agency meeting, December 2026");
		check("console-dpo-retention");
	}

	@Test
	void aDpoActsOnAPersonsRightsInTheBrowserAndErasureNeedsTheReferenceTypedAgain() throws Exception {
		// A case on no meeting's agenda, so no other test of this gateway reads it.
		String ref = "outreach:OR-1009";
		signIn("dpo", "dpo-test");
		browser.get(url("/console/dpo/people/record?ref=outreach%3AOR-1009"));
		assertThat(h1()).isEqualTo("Case " + ref);
		check("console-dpo-person-rights");

		go(browser.findElement(By.id("object")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("objection is recorded for " + ref);

		type("correct-field", "no_such_field");
		type("correct-value", "x");
		go(browser.findElement(By.id("correct")));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith("Nothing was done")
			.contains("no field 'no_such_field'");
		type("correct-field", "sleep_site");
		type("correct-value", "Station underpass");
		go(browser.findElement(By.id("correct")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("The sleep_site of " + ref + " is corrected");

		// A wrong confirmation erases nothing; the reference typed again erases the case.
		type("erase-confirm", "outreach:OR-1008");
		go(browser.findElement(By.id("erase")));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith("Nothing was erased");
		assertThat(h1()).isEqualTo("Case " + ref);
		type("erase-confirm", ref);
		go(browser.findElement(By.id("erase")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("Case " + ref + " is erased");
		browser.get(url("/console/dpo/people/record?ref=outreach%3AOR-1009"));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("No case record has that reference");
	}

	int status(String path) throws Exception {
		String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "JSESSIONID=" + session).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void eachRoleIsRefusedTheOthersPages() throws Exception {
		signIn("admin", "admin-test");
		assertThat(status("/console/meetings/calendar")).isEqualTo(200);
		for (String path : List.of("/console/dpo/log", "/console/dpo/log?ref=outreach%3AOR-1001", "/console/dpo/policies",
				"/console/dpo/retention", "/console/dpo/people/record?ref=outreach%3AOR-1001",
				"/console/dpo/people/notice?ref=outreach%3AOR-1001&lang=en")) {
			assertThat(status(path)).as("organiser " + path).isEqualTo(403);
		}
		browser.get(url("/console/dpo/log"));
		assertThat(browser.getPageSource()).doesNotContain("Search the log");
		browser.manage().deleteAllCookies();

		signIn("dpo", "dpo-test");
		assertThat(status("/console/dpo/log")).isEqualTo(200);
		for (String path : List.of("/console/meetings/calendar", "/console/meetings/new", "/console/meetings/" + MAM + "/edit")) {
			assertThat(status(path)).as("dpo " + path).isEqualTo(403);
		}
		browser.get(url("/console/meetings/new"));
		assertThat(browser.getPageSource()).doesNotContain("Add the meeting");
	}

}
