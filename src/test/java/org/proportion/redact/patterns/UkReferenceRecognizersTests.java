package org.proportion.redact.patterns;

import org.junit.jupiter.api.Test;
import org.proportion.redact.EntityType;
import org.proportion.redact.Evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proportion.redact.patterns.Finds.onlySpan;
import static org.proportion.redact.patterns.Finds.surfaces;

/** The UK identifiers added for issue 10, each validated where a check exists. */
class UkReferenceRecognizersTests {

	final PrisonNumberRecognizer prison = new PrisonNumberRecognizer();

	final CaseReferenceRecognizer references = new CaseReferenceRecognizer();

	final VehicleRegistrationRecognizer vehicles = new VehicleRegistrationRecognizer();

	final BankDetailsRecognizer bank = new BankDetailsRecognizer();

	final IpAddressRecognizer ip = new IpAddressRecognizer();

	@Test
	void findsAPrisonNumberAndAPncIdOnlyWithTheRightCheckLetter() {
		assertThat(onlySpan(prison, "Released from HMP Leeds, prison number A1234BC, on licence.", "A1234BC").evidence().source())
			.isEqualTo(Evidence.Source.VALIDATED_IDENTIFIER);
		// 04 and 0123456: 40123456 mod 23 = 2, the letter B.
		onlySpan(prison, "PNC 04/123456B on file", "04/123456B");
		onlySpan(prison, "PNC id 2004/0123456B", "2004/0123456B");
		assertThat(surfaces(prison, "PNC 04/123456E on file")).isEmpty();
	}

	@Test
	void findsProbationPoliceAndClaimReferencesWithTheirContext() {
		onlySpan(references, "Probation CRN X123456, OM is Jo.", "X123456");
		onlySpan(references, "Crime ref 14/12345/24 given by PC Ward.", "14/12345/24");
		onlySpan(references, "police incident 1234 of 14/03 logged", "1234 of 14/03");
		onlySpan(references, "HB claim ref 40012345 suspended", "40012345");
		assertThat(surfaces(references, "He owes 40012345 quid")).isEmpty();
		assertThat(surfaces(references, "He spent 10 of 12 nights out")).isEmpty();
	}

	@Test
	void findsARegistrationWithARealAgeIdentifierInCapitals() {
		onlySpan(vehicles, "Sleeping in a blue Astra, AB12 CDE, on the retail park.", "AB12 CDE");
		onlySpan(vehicles, "car reg YX68HJK", "YX68HJK");
		assertThat(surfaces(vehicles, "Sleeping in AB99 CDE")).isEmpty();
		assertThat(surfaces(vehicles, "ab12 cde in lower case is no plate")).isEmpty();
		onlySpan(vehicles, "his van, reg K123 ABC, was towed", "K123 ABC");
		assertThat(surfaces(vehicles, "form K123 ABC")).isEmpty();
	}

	@Test
	void findsBankDetailsOnlyWithContextAndIbansByTheirCheck() {
		assertThat(surfaces(bank, "Sort code 20-00-00, account 12345678.")).containsExactly("20-00-00", "12345678");
		assertThat(surfaces(bank, "Seen 12-05-24 about 12345678 things")).isEmpty();
		onlySpan(bank, "IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32");
		assertThat(surfaces(bank, "IBAN GB83 WEST 1234 5698 7654 32")).isEmpty();
	}

	@Test
	void findsIpAddressesWithValidParts() {
		assertThat(onlySpan(ip, "Logged in from 81.2.69.160 at 3am", "81.2.69.160").type()).isEqualTo(EntityType.IP_ADDRESS);
		assertThat(surfaces(ip, "version 1.2.3.400 of the app")).isEmpty();
		onlySpan(ip, "from 2001:db8::8a2e:370:7334 today", "2001:db8::8a2e:370:7334");
		assertThat(surfaces(ip, "met at 10:30:15 today")).isEmpty();
	}

}
