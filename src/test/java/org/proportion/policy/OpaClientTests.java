package org.proportion.policy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OPA client against the real server, and against a peer that never answers. */
class OpaClientTests {

	final ObjectMapper json = new ObjectMapper();

	@Test
	void anUndefinedDecisionIsAnErrorNotAnEmptyAnswer() {
		OpaClient client = new OpaClient(URI.create(OpaServer.shared().url()), Duration.ofSeconds(2), json,
				OpaServer.shared().token());
		assertThatThrownBy(() -> client.query("proportion/no_such_package/decision", Map.of()))
			.isInstanceOf(PolicyUnavailable.class)
			.satisfies(ex -> assertThat(((PolicyUnavailable) ex).code()).isEqualTo("decision_undefined"));
	}

	@Test
	void opaServesTheBundleWhoseRevisionDigestsThePolicies() {
		OpaClient client = new OpaClient(URI.create(OpaServer.shared().url()), Duration.ofSeconds(2), json,
				OpaServer.shared().token());
		String revision = PolicyBundle.of(OpaServer.projectDir().resolve("policies")).revision();
		assertThat(client.activeBundles().findValuesAsText("revision")).contains(revision);
	}

	@Test
	void aPolicyEngineThatDoesNotAnswerInTimeFailsClosed() throws IOException {
		List<Socket> held = new ArrayList<>();
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						held.add(silent.accept()); // accept, then never answer
					}
				}
				catch (IOException closed) {
					// test over
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			OpaClient client = new OpaClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
					Duration.ofMillis(300), json);
			assertThatThrownBy(() -> client.query(PolicyService.SHARING, Map.of()))
				.isInstanceOf(PolicyUnavailable.class)
				.satisfies(ex -> assertThat(((PolicyUnavailable) ex).code()).isEqualTo("policy_timeout"));
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

}
