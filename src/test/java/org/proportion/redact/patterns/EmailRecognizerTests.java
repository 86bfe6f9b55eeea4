package org.proportion.redact.patterns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proportion.redact.EntityType;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proportion.redact.patterns.Finds.onlySpan;
import static org.proportion.redact.patterns.Finds.surfaces;

class EmailRecognizerTests {

	final EmailRecognizer emails = new EmailRecognizer();

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Referral sent to j.smith+housing@council.gov.uk today.  | j.smith+housing@council.gov.uk
			GP surgery contact is reception.team@nhs.net.           | reception.team@nhs.net
			Copy to outreach-team@charity.org.uk, and the DPO.      | outreach-team@charity.org.uk
			(mary_o-brien99@mail.example.co.uk)                     | mary_o-brien99@mail.example.co.uk
			His address is JOHN.DOE@EXAMPLE.COM!                    | JOHN.DOE@EXAMPLE.COM
			Wrote to a.b@c-d.org; no reply.                         | a.b@c-d.org
			""")
	void emailAddressesAreFoundWithoutTrailingPunctuation(String note, String email) {
		Span span = onlySpan(emails, note, email);
		assertThat(span.type()).isEqualTo(EntityType.EMAIL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Email him at john@", "Staying @home tonight", "Mail john@localhost fails",
			"john.smith at council dot gov dot uk", "Bad x@y.c address", "Paid £120 at 10:30", "Case HO-3001" })
	void thingsThatAreNotCompleteEmailAddressesAreNotFound(String note) {
		assertThat(surfaces(emails, note)).isEmpty();
	}

	@Test
	void emailHasNoValidatorAndSaysSo() {
		Span span = onlySpan(emails, "Wrote to a@b.com", "a@b.com");
		assertThat(span.score()).isEqualTo(0.8);
		assertThat(span.explanation()).isEqualTo("pattern email");
	}

	@Test
	void emailContextRaisesTheScoreAndIsExplained() {
		Span span = onlySpan(emails, "E-mail: a@b.com", "a@b.com");
		assertThat(span.score()).isEqualTo(0.95);
		assertThat(span.explanation()).isEqualTo("pattern email; context 'e-mail' +0.15");
	}

	@Test
	void twoAddressesInOneNoteAreFoundSeparately() {
		assertThat(surfaces(emails, "cc a@b.com,c@d.org")).containsExactly("a@b.com", "c@d.org");
	}

	@Test
	void nameAndEntityAreStable() {
		assertThat(emails.name()).isEqualTo("email");
		assertThat(emails.entities()).containsExactly(EntityType.EMAIL);
	}

}
