package org.proportion.access;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.proportion.support.GatewayTestSupport;
import org.proportion.support.MovableTime;
import org.proportion.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone guesses the DPO's password over the API: after five wrong passwords even the right one
 * is refused, with the same answer as a wrong one, until the lock ends; the admin signs in
 * meanwhile, and once the lock has passed the DPO's right password works again.
 */
@Import(MovableTime.class)
class PasswordGuessingTests extends GatewayTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		embeddedDefaults(registry);
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	MutableClock clock;

	HttpStatus retention(String user, String password) {
		return HttpStatus.valueOf(
				rest.withBasicAuth(user, password).getForEntity("/api/dpo/retention", String.class).getStatusCode().value());
	}

	@Test
	void fiveWrongPasswordsLockTheAccountForEveryPasswordUntilTheLockEnds() {
		assertThat(retention("dpo", "dpo-test")).isEqualTo(HttpStatus.OK);
		for (int i = 0; i < 5; i++) {
			assertThat(retention("dpo", "guess-" + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		assertThat(retention("dpo", "dpo-test")).as("the right password, while locked").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(rest.withBasicAuth("admin", "admin-test").getForEntity("/api/meetings/rs-mam-2026-12/deliveries", String.class).getStatusCode())
			.as("another account").isEqualTo(HttpStatus.OK);
		// A name that is no account is answered as a wrong password, locked or not.
		for (int i = 0; i < 6; i++) {
			assertThat(retention("nobody", "guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		clock.set(clock.instant().plus(Duration.ofSeconds(31)));
		assertThat(retention("dpo", "dpo-test")).isEqualTo(HttpStatus.OK);
	}

	/**
	 * The console's sign-in form shares the lock: after five wrong passwords the right one goes
	 * back to the sign-in page's error, as a wrong one does, until the lock ends.
	 */
	@Test
	void theConsolesSignInFormIsLockedTheSameWay(@LocalServerPort int port) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(browser, port, "outreach", "guess-" + i)).endsWith("/login?error");
		}
		assertThat(signIn(browser, port, "outreach", "agency-test")).as("the right password, while locked")
			.endsWith("/login?error");

		clock.set(clock.instant().plus(Duration.ofSeconds(31)));
		assertThat(signIn(browser, port, "outreach", "agency-test")).endsWith("/console");
	}

	/** Posts the sign-in form as a browser would (with the page's CSRF token); where it leads. */
	static String signIn(HttpClient browser, int port, String user, String password) throws Exception {
		String base = "http://127.0.0.1:" + port;
		String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("the sign-in page carries a CSRF token").isTrue();
		String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
		HttpResponse<Void> answer = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(answer.statusCode()).isEqualTo(302);
		return answer.headers().firstValue("Location").orElseThrow();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
