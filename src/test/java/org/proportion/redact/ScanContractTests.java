package org.proportion.redact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.proportion.cli.Scan;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan command's JSON Lines contract, which is how the engine is measured from outside. */
class ScanContractTests {

	@Test
	void scanReadsJsonLinesAndWritesEntitiesWithOffsetsIntoTheText() throws Exception {
		String input = """
				{"id": "n1", "text": "Saw Kasia Nowak at Hope Street, NHS no 943 476 5919, mob 07700 900123."}
				not json
				{"id": "n2", "text": "Nothing to see."}
				""";
		InputStream stdin = System.in;
		PrintStream stdout = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setProperty("proportion.redaction.models", Models.folder().toString());
		try {
			System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			Scan.main(new String[0]);
		}
		finally {
			System.setIn(stdin);
			System.setOut(stdout);
		}
		String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
		assertThat(lines).hasSize(3);
		ObjectMapper json = new ObjectMapper();
		JsonNode first = json.readTree(lines[0]);
		assertThat(first.path("id").asText()).isEqualTo("n1");
		String text = "Saw Kasia Nowak at Hope Street, NHS no 943 476 5919, mob 07700 900123.";
		assertThat(first.path("entities")).anySatisfy(e -> {
			assertThat(e.path("type").asText()).isEqualTo("PERSON");
			assertThat(text.substring(e.path("start").asInt(), e.path("end").asInt())).isEqualTo("Kasia Nowak");
			assertThat(e.path("score").asDouble()).isBetween(0.0, 1.0);
			assertThat(e.path("recognizer").asText()).isNotBlank();
		});
		assertThat(first.path("entities").findValuesAsText("type")).contains("LOCATION", "NHS_NUMBER", "PHONE");
		assertThat(json.readTree(lines[1]).path("error").asText()).isNotBlank();
		assertThat(json.readTree(lines[2]).path("entities")).isEmpty();
	}

}
