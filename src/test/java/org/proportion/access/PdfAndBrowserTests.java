package org.proportion.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.proportion.ingest.IntakeService;
import org.proportion.support.Browsers;
import org.proportion.support.GatewayTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The police attendee's view as they would meet it: in the system's Chromium, and as a PDF that
 * carries their name on every page.
 */
class PdfAndBrowserTests extends GatewayTestSupport {

	static final String MAM = "rs-mam-2026-12";

	/** Values the police may not see about the case-1 woman. */
	static final List<String> WITHHELD_FROM_POLICE = List.of("07700 900123", "old cinema", "depression",
			"chest infection", "sertraline", "Zielinski");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	IntakeService intake;

	@Autowired
	AccessLinks links;

	String policeLink;

	@BeforeEach
	void buildThePack() {
		intake.fromFile("outreach/outreach-caseload.csv", sample("outreach/outreach-caseload.csv"));
		assertThat(rest.withBasicAuth("admin", "admin-test")
			.postForEntity("/api/meetings/{m}/packs", null, String.class, MAM)
			.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.OK);
		policeLink = links.issue(MAM, "mam-police");
	}

	@Test
	void thePdfCarriesTheRecipientOnEveryPageAndNoWithheldValue() throws IOException {
		ResponseEntity<byte[]> response = rest.getForEntity("/v/{t}/pdf", byte[].class, policeLink);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		try (PDDocument pdf = Loader.loadPDF(response.getBody())) {
			assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				assertThat(stripper.getText(pdf)).as("page " + page)
					.contains("For PC Laura Bennett, Northshire Police")
					.contains("downloaded");
			}
			stripper.setStartPage(1);
			stripper.setEndPage(pdf.getNumberOfPages());
			String all = stripper.getText(pdf);
			assertThat(all).contains("Agnieszka Nowak", "Trends");
			WITHHELD_FROM_POLICE.forEach(value -> assertThat(all).doesNotContain(value));
		}
	}

	@Test
	void thePoliceOfficerOpensTheirLinkInChromium() throws IOException {
		WebDriver browser = Browsers.chromium();
		try {
			browser.get("http://127.0.0.1:" + port + "/v/" + policeLink);

			assertThat(browser.findElement(By.tagName("h1")).getText()).contains("rough sleeping multi-agency meeting");
			assertThat(browser.findElement(By.id("trends")).getText()).isEqualTo("Trends");
			assertThat(browser.findElements(By.cssSelector("section[aria-labelledby=trends] table"))).hasSize(4);

			WebElement woman = browser.findElements(By.tagName("article"))
				.stream()
				.filter(a -> a.findElement(By.tagName("h3")).getText().equals("Agnieszka Nowak"))
				.findFirst()
				.orElseThrow();
			assertThat(row(woman, "Nationality")).startsWith("withheld");
			assertThat(row(woman, "Support needs")).startsWith("withheld");
			assertThat(row(woman, "Age")).startsWith("25-34");
			String page = browser.findElement(By.tagName("body")).getText();
			WITHHELD_FROM_POLICE.forEach(value -> assertThat(page).doesNotContain(value));

			Path shot = Browsers.screenshot(browser, "police-view");
			assertThat(Files.size(shot)).isGreaterThan(10_000);
		}
		finally {
			browser.quit();
		}
	}

	/** The "what you may see" cell of a case table's row. */
	private static String row(WebElement caseArticle, String label) {
		return caseArticle.findElements(By.cssSelector("tbody tr"))
			.stream()
			.filter(tr -> tr.findElement(By.tagName("th")).getText().equals(label))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row " + label))
			.findElements(By.tagName("td"))
			.get(0)
			.getText();
	}

}
