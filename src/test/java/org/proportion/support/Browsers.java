package org.proportion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven by its chromedriver, with a fresh profile and nothing that
 * reaches out to the network on its own (./proportion test installs both).
 */
public final class Browsers {

	private Browsers() {
	}

	public static WebDriver chromium() {
		Path chromium = Path.of("/usr/bin/chromium");
		Path driverBinary = Path.of("/usr/bin/chromedriver");
		assertThat(chromium).as("Debian's chromium: ./proportion test installs it").isExecutable();
		assertThat(driverBinary).as("Debian's chromium-driver: ./proportion test installs it").isExecutable();
		try {
			ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
				.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--window-size=1200,2200", "--user-data-dir=" + Files.createTempDirectory("chromium"));
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
				.usingAnyFreePort()
				.build();
			WebDriver browser = new ChromeDriver(service, options);
			browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
			return browser;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Keeps a screenshot of the page under target/screenshots/. */
	public static Path screenshot(WebDriver browser, String name) {
		try {
			Path screenshots = Files.createDirectories(OpaServer.projectDir().resolve("target/screenshots"));
			Path shot = screenshots.resolve(name + ".png");
			Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
			return shot;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
