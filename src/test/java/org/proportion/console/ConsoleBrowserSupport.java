package org.proportion.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.proportion.access.AccessLinks;
import org.proportion.ingest.IntakeService;
import org.proportion.pack.PackRepository;
import org.proportion.support.Axe;
import org.proportion.support.Browsers;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.OpaServer;
import org.proportion.support.Packs;
import org.proportion.support.PolicyFolders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's browser tests share: one gateway (one Spring context for every class that
 * extends this, since they share this class's properties), the sample caseload taken in before
 * each test, a fresh headless Chromium per test, signing in by the form, and the axe-core check
 * with a screenshot kept under target/screenshots/.
 */
abstract class ConsoleBrowserSupport extends GatewayTestSupport {

	protected static final String MAM = "rs-mam-2026-12";

	protected static final Path DRAFTS = tempDir();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
		registry.add("proportion.opa.binary", () -> OpaServer.binary().toString());
		registry.add("proportion.simulator.drafts", DRAFTS::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	@Autowired
	PackRepository packRepository;

	@Autowired
	ObjectMapper json;

	WebDriver browser;

	@BeforeEach
	void setUp() throws IOException {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		Path draft = DRAFTS.resolve("police-see-nationality");
		if (!Files.isDirectory(draft)) {
			// The simulator's own test draft: police at the rough sleeping meeting would see nationality.
			PolicyFolders.copyInto(draft);
			Path data = draft.resolve("proportion/sharing/data.json");
			JsonNode settings = json.readTree(data.toFile());
			((ArrayNode) settings.path("settings").path("needs").path("rough_sleeping_response").path("police_officer"))
				.add("nationality");
			json.writeValue(data.toFile(), settings);
		}
		browser = Browsers.chromium();
	}

	@AfterEach
	void tearDown() {
		if (browser != null) {
			browser.quit();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	void signIn(String user, String password) {
		browser.get(url("/console"));
		assertThat(browser.getCurrentUrl()).as("an anonymous visitor is sent to sign in").endsWith("/login");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		go(browser.findElement(By.cssSelector("main form button[type=submit]")));
		assertThat(browser.getCurrentUrl()).endsWith("/console");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Proportion console");
	}

	/**
	 * Clicks a link or a form's button and waits until the browser has left the page, so the next
	 * look is at the page that answered.
	 */
	void go(WebElement target) {
		target.click();
		// The old page is gone once its element is: Chrome says so either as a stale element or as
		// "Node ... does not belong to the document", both WebDriverExceptions.
		new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
			try {
				target.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException gone) {
				return true;
			}
		});
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	String h1() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	void check(String page) {
		Axe.assertNoViolations(browser, page);
		Browsers.screenshot(browser, page);
	}

	Packs packs() {
		return new Packs(rest, links, json);
	}

}
