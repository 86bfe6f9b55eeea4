package org.proportion.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.proportion.pack.ViewWithdrawals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in the system's headless Chromium, signed in by its form as the organiser (admin)
 * and as the DPO, each doing their work in the browser only; every page is checked by axe-core
 * against WCAG 2.1 AA, and so is the attendee view with its trend charts.
 */
class ConsoleBrowserTests extends ConsoleBrowserSupport {

	@Autowired
	ViewWithdrawals withdrawals;

	@Test
	void theSignInPageRefusesAWrongPasswordAndPassesAxe() {
		browser.get(url("/login"));
		check("console-login");
		// No identity provider registered: the form is the only way in, as before OIDC existed.
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("User name").doesNotContain("Sign in with");
		assertThat(rest.getForEntity("/oauth2/authorization/partnership", String.class).getStatusCode().is3xxRedirection())
			.isFalse();
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("wrong");
		go(browser.findElement(By.cssSelector("main form button[type=submit]")));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("wrong");
		check("console-login-error");
		browser.get(url("/console/meetings"));
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	@Test
	void anOrganiserBuildsAPackAndSeesWhoOpenedIt() throws Exception {
		signIn("admin", "admin-test");
		assertThat(browser.findElements(By.linkText("Meetings"))).isNotEmpty();
		assertThat(browser.findElements(By.linkText("Emergency reviews"))).isEmpty();
		check("console-admin-home");

		go(browser.findElement(By.linkText("Meetings")));
		assertThat(h1()).isEqualTo("Meetings");
		check("console-meetings");

		go(browser.findElement(By.linkText("Northgate rough sleeping multi-agency meeting, December 2026")));
		assertThat(browser.findElement(By.id("checklist")).getText()).isEqualTo("Pre-meeting checklist");
		check("console-meeting");

		go(browser.findElement(By.id("build-now")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).containsAnyOf("was built for", "Nothing had changed");
		assertThat(packRepository.latestReleasedId(MAM)).isPresent();
		assertThat(browser.findElement(By.id("checklist")).findElement(By.xpath("..")).getText()).contains("Case outreach:OR-1001");

		// The police officer opens their own link, outside the console (it came to them by email).
		assertThat(rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-police")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		browser.navigate().refresh();
		assertThat(attendeeCell("mam-police", "opened")).startsWith("opened ");
		assertThat(attendeeCell("mam-health", "opened")).isEqualTo("not opened");
		assertThat(browser.findElement(By.id("opened-log")).getText()).contains("mam-police");
		check("console-meeting-built");

		// Nothing changed since: the live pack stays live.
		go(browser.findElement(By.id("build-now")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("Nothing had changed")
			.contains("stays live");
		assertThat(attendeeCell("mam-police", "view")).isEqualTo("opens");
		assertThat(browser.findElements(By.id("views-withdrawn"))).isEmpty();

		// The meeting's views are withdrawn, as when its rebuild after a policy change fails: the
		// organiser sees that the links open nothing, and a build that succeeds brings them back.
		withdrawals.upTo(MAM, packRepository.latestReleasedId(MAM).orElseThrow(), ViewWithdrawals.Cause.POLICIES_REPLACED);
		browser.navigate().refresh();
		assertThat(attendeeCell("mam-police", "view")).isEqualTo("nothing until the next build");
		assertThat(browser.findElement(By.id("views-withdrawn")).getText())
			.startsWith("6 of 6 attendees' links open nothing until the next build succeeds");
		check("console-meeting-withdrawn");
		go(browser.findElement(By.id("build-now")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("was built for");
		assertThat(attendeeCell("mam-police", "view")).isEqualTo("opens");
		assertThat(browser.findElements(By.id("views-withdrawn"))).isEmpty();
		assertThat(rest.getForEntity("/v/{t}", String.class, links.issue(MAM, "mam-police")).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		// Revoke, then send a new link: the page never shows a link.
		go(row("mam-health").findElement(By.xpath(".//button[text()='Revoke link']")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("was revoked");
		assertThat(row("mam-health").findElements(By.tagName("td")).get(1).getText()).isEqualTo("revoked");
		assertThat(attendeeCell("mam-health", "view")).isEqualTo("none: link revoked");
		go(row("mam-health").findElement(By.xpath(".//button[text()='Send a new link']")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("A new link for Nurse Chidi Eze");
		assertThat(row("mam-health").findElements(By.tagName("td")).get(1).getText()).isEqualTo("active");
		assertThat(browser.getPageSource()).doesNotContain("/v/");
		check("console-meeting-reissued");

		// The organiser's account opens no DPO page.
		browser.get(url("/console/dpo/reviews"));
		assertThat(browser.getPageSource()).doesNotContain("Emergency shares awaiting review");
	}

	@Test
	void anOrganiserRecordsAnEmergencyShareInTheBrowserAndTheDpoGetsItToReview() throws Exception {
		packs().build(MAM);
		signIn("admin", "admin-test");
		browser.get(url("/console/meetings/" + MAM));
		assertThat(browser.findElement(By.id("no-emergency")).getText()).contains("No emergency share is in force");

		// Without who is asking, why, and who will respond, nothing is recorded and the page says why.
		go(browser.findElement(By.id("record-emergency")));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith("No emergency share was recorded")
			.contains("a reason");
		assertThat(browser.findElements(By.id("emergencies-in-force"))).isEmpty();

		new Select(browser.findElement(By.id("emergency-case"))).selectByValue("outreach:OR-1001");
		browser.findElement(By.id("emergency-by")).sendKeys("Sam Okafor, outreach lead");
		browser.findElement(By.id("emergency-reason")).sendKeys("Found unresponsive at the site; paramedics need her history now.");
		browser.findElement(By.id("responder-mam-police")).click();
		go(browser.findElement(By.id("record-emergency")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains("was recorded for outreach:OR-1001")
			.contains("the DPO will review it");
		String inForce = browser.findElement(By.id("emergencies-in-force")).getText();
		assertThat(inForce).contains("outreach:OR-1001", "Sam Okafor, outreach lead (recorded by admin)", "mam-police");
		check("console-meeting-emergency");

		// It is in the DPO's review queue; reviewed here so the DPO's own browser test starts from an empty queue.
		JsonNode queue = json.readTree(rest.withBasicAuth("dpo", "dpo-test").getForObject("/api/dpo/review-queue", String.class));
		assertThat(queue).hasSize(1);
		assertThat(queue.get(0).path("caseRef").asText()).isEqualTo("outreach:OR-1001");
		assertThat(rest.withBasicAuth("dpo", "dpo-test")
			.postForEntity("/api/dpo/review-queue/{id}", Map.of("justification", "Life at risk; confirmed."), String.class,
					queue.get(0).path("id").asText())
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	WebElement row(String attendee) {
		return browser.findElement(By.cssSelector("#deliveries tr[data-attendee='" + attendee + "']"));
	}

	String attendeeCell(String attendee, String cls) {
		return row(attendee).findElement(By.className(cls)).getText();
	}

	@Test
	void aDpoApprovesAndRefusesEmergencySharesInTheBrowser() throws Exception {
		packs().build(MAM);
		String first = emergency("Found unresponsive; paramedics need her history");
		String second = emergency("Asked again by the night shift");

		signIn("dpo", "dpo-test");
		assertThat(browser.findElements(By.linkText("Meetings"))).isEmpty();
		check("console-dpo-home");
		go(browser.findElement(By.linkText("Emergency reviews")));
		assertThat(browser.findElements(By.cssSelector("section.emergency"))).hasSize(2);
		check("console-dpo-reviews");

		WebElement one = browser.findElement(By.xpath("//section[h2[starts-with(., '" + first + "')]]"));
		one.findElement(By.tagName("textarea")).sendKeys("Life at risk; paramedics confirmed the need.");
		go(one.findElement(By.cssSelector("button[value=approve]")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains(first + " was approved");

		WebElement two = browser.findElement(By.xpath("//section[h2[starts-with(., '" + second + "')]]"));
		two.findElement(By.tagName("textarea")).sendKeys("No new risk: the first share already covered it.");
		go(two.findElement(By.cssSelector("button[value=refuse]")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).contains(second + " was refused");
		assertThat(browser.findElement(By.id("queue-empty")).getText()).contains("No emergency share");
		check("console-dpo-reviews-done");

		JsonNode queue = json.readTree(rest.withBasicAuth("dpo", "dpo-test").getForObject("/api/dpo/review-queue", String.class));
		assertThat(queue).isEmpty();

		// The DPO's account opens no organiser page.
		browser.get(url("/console/meetings/" + MAM));
		assertThat(browser.getPageSource()).doesNotContain("Build now");
	}

	String emergency(String reason) throws Exception {
		ResponseEntity<String> released = rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/{m}/cases/{c}/emergency", Map.of("requestedBy", "Sam Okafor", "reason", reason,
					"responders", List.of("mam-police")), String.class, MAM, "outreach:OR-1001");
		assertThat(released.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return json.readTree(released.getBody()).path("emergency").path("id").asText();
	}

	@Test
	void aDpoRunsASimulationInTheBrowser() {
		signIn("dpo", "dpo-test");
		go(browser.findElement(By.linkText("Simulator")));
		check("console-dpo-simulator");
		new Select(browser.findElement(By.id("meeting"))).selectByValue(MAM);
		new Select(browser.findElement(By.id("draft"))).selectByValue("police-see-nationality");
		go(browser.findElement(By.xpath("//button[text()='Run the simulation']")));
		WebElement changes = browser.findElement(By.id("changes"));
		List<WebElement> rows = changes.findElements(By.cssSelector("tbody tr"));
		assertThat(rows).hasSize(3);
		assertThat(rows).allSatisfy(r -> {
			List<WebElement> cells = r.findElements(By.tagName("td"));
			assertThat(cells.get(0).getText()).isEqualTo("police officer");
			assertThat(cells.get(2).getText()).isEqualTo("nationality");
		});
		check("console-dpo-simulation");
	}

	@Test
	void aDpoFindsAPersonAndOpensTheirSubjectAccessReport() throws Exception {
		packs().build(MAM);
		signIn("dpo", "dpo-test");
		go(browser.findElement(By.linkText("People")));
		check("console-dpo-people");
		browser.findElement(By.id("name")).sendKeys("agnieszka NOWAK");
		browser.findElement(By.id("dob")).sendKeys("1992-03-14");
		go(browser.findElement(By.xpath("//button[text()='Find']")));
		WebElement candidates = browser.findElement(By.id("candidates"));
		assertThat(candidates.getText()).contains("outreach:OR-1001");
		check("console-dpo-people-found");
		go(candidates.findElement(By.xpath(".//button[text()='Open a subject access request']")));
		assertThat(h1()).isEqualTo("Your data: subject access report");
		assertThat(browser.getCurrentUrl()).contains("/console/dpo/access-requests/");
		String report = browser.findElement(By.tagName("body")).getText();
		assertThat(report).contains("Agnieszka Nowak", "Who it was shared with");
		check("console-dpo-access-report");

		browser.get(url("/console/dpo/people"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Subject access requests in progress");
		check("console-dpo-people-requests");
	}

	@Test
	void neitherRoleCanOpenAnAttendeeViewFromTheConsole() throws Exception {
		packs().build(MAM);
		for (String[] account : List.of(new String[] { "admin", "admin-test" }, new String[] { "dpo", "dpo-test" })) {
			signIn(account[0], account[1]);
			for (String path : List.of("/v/mam-police", "/console/v/mam-police", "/console/meetings/" + MAM + "/attendees/mam-police/view",
					"/console/dpo/meetings/" + MAM + "/attendees/mam-police")) {
				browser.get(url(path));
				assertThat(browser.getPageSource()).as(account[0] + " " + path).doesNotContain("This pack is for");
			}
			if (account[0].equals("admin")) {
				browser.get(url("/console/meetings/" + MAM));
				assertThat(browser.getPageSource()).contains("Build now").doesNotContain("/v/");
			}
			browser.get(url("/console"));
			go(browser.findElement(By.xpath("//button[text()='Sign out']")));
			assertThat(browser.getCurrentUrl()).contains("/login");
			browser.manage().deleteAllCookies();
		}
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
		Optional<String> before = packRepository.latestReleasedId(MAM);
		signIn("admin", "admin-test");
		browser.get(url("/console/meetings/" + MAM));
		WebElement build = browser.findElement(By.id("build-now"));
		assertThat(build.findElement(By.xpath("..")).findElements(By.cssSelector("input[name=_csrf]")))
			.as("every console form carries the CSRF token")
			.hasSize(1);

		// The same session's cookie, without the token: refused, and nothing built.
		String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/console/meetings/" + MAM + "/build")))
				.header("Cookie", "JSESSIONID=" + session)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(""))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);

		// In the browser: the form's token taken out (by the test driver), then submitted.
		((JavascriptExecutor) browser).executeScript("document.querySelectorAll('input[name=_csrf]').forEach(function (e) { e.remove(); });");
		go(browser.findElement(By.id("build-now")));
		assertThat(browser.findElements(By.cssSelector(".outcome"))).isEmpty();
		assertThat(browser.getPageSource()).doesNotContain("was built for");
		assertThat(packRepository.latestReleasedId(MAM)).as("nothing built without the token").isEqualTo(before);

		// With the token, the same session builds.
		browser.get(url("/console/meetings/" + MAM));
		go(browser.findElement(By.id("build-now")));
		assertThat(browser.findElement(By.cssSelector(".outcome")).getText()).containsAnyOf("was built", "Nothing had changed");
	}

	@Test
	void theAttendeeViewDrawsEachTrendAsAnAccessibleChartAndPassesAxe() throws Exception {
		packs().build(MAM);
		String token = links.issue(MAM, "mam-police");
		browser.get(url("/v/" + token));
		List<WebElement> trends = browser.findElements(By.cssSelector("section[aria-labelledby=trends] > div"));
		assertThat(trends).isNotEmpty();
		int suppressed = 0;
		for (WebElement trend : trends) {
			if (trend.findElements(By.tagName("table")).isEmpty()) {
				continue;
			}
			WebElement svg = trend.findElement(By.cssSelector("svg[role=img]"));
			assertThat(svg.getAttribute("aria-labelledby")).isNotBlank();
			assertThat(svg.findElement(By.tagName("title")).getDomProperty("textContent")).contains("bar chart");
			List<String> shown = trend.findElements(By.cssSelector("table tbody tr td:nth-child(2)"))
				.stream()
				.map(WebElement::getText)
				.toList();
			long numbers = shown.stream().filter(s -> s.matches("\\d+")).count();
			// Only counts shown as numbers get a bar in proportion; a suppressed cell is worded, never a number.
			assertThat(svg.findElements(By.cssSelector("rect.bar"))).hasSize((int) numbers);
			String desc = svg.findElement(By.tagName("desc")).getDomProperty("textContent");
			for (String s : shown) {
				assertThat(desc).contains(s);
				if (!s.matches("\\d+")) {
					suppressed++;
				}
			}
		}
		check("attendee-view-police");
		// The PDF has no SVG support: the bars come as boxes, labelled with the table's words.
		ResponseEntity<byte[]> pdf = rest.getForEntity("/v/{t}/pdf", byte[].class, token);
		assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
		try (PDDocument doc = Loader.loadPDF(pdf.getBody())) {
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("Trends");
			// Each suppressed cell's words are in the PDF twice: its table cell and its chart row.
			assertThat(suppressed).as("the sample has suppressed cells").isPositive();
			assertThat(text.split("not shown", -1).length - 1 + text.split("fewer than", -1).length - 1)
				.as("suppressed cells worded in table and chart")
				.isGreaterThanOrEqualTo(2 * suppressed);
		}
	}

}
