package org.proportion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (from the npm registry; ./proportion test installs it into .tools/axe) run on the page
 * the browser shows, against WCAG 2.1 A and AA. The pages' CSP allows no script; WebDriver's own
 * scripts are not the page's, so axe is injected and run by executeAsyncScript. Each page's
 * result is kept under target/axe/.
 */
public final class Axe {

	public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final String RUN = """
			var done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: %s }, resultTypes: ['violations'] })
			  .then(function (r) {
			    done(JSON.stringify({ passes: r.passes.length, violations: r.violations.map(function (v) {
			      return { id: v.id, impact: v.impact, help: v.help,
			               nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' :: ' + n.failureSummary; }) };
			    }) }));
			  }, function (e) { done(JSON.stringify({ error: String(e) })); });
			""";

	private Axe() {
	}

	public static Path script() {
		Path axe = OpaServer.projectDir().resolve(".tools/axe/node_modules/axe-core/axe.min.js");
		assertThat(axe).as("axe-core: ./proportion test installs it (npm install --prefix .tools/axe axe-core@4)")
			.isRegularFile();
		return axe;
	}

	/** Runs axe on the current page and fails on any WCAG 2.1 AA violation; returns how many rules passed. */
	public static int assertNoViolations(WebDriver browser, String page) {
		try {
			JavascriptExecutor js = (JavascriptExecutor) browser;
			js.executeScript(Files.readString(script()));
			String tags = new ObjectMapper().writeValueAsString(TAGS);
			String result = (String) js.executeAsyncScript(RUN.formatted(tags));
			Path out = Files.createDirectories(OpaServer.projectDir().resolve("target/axe"));
			Files.writeString(out.resolve(page + ".json"), result);
			Map<String, Object> parsed = new ObjectMapper().readValue(result, new TypeReference<>() {
			});
			assertThat(parsed).as("axe ran on " + page).doesNotContainKey("error");
			assertThat((List<?>) parsed.get("violations")).as("WCAG 2.1 AA violations on " + page + ": " + result)
				.isEmpty();
			return ((Number) parsed.get("passes")).intValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
