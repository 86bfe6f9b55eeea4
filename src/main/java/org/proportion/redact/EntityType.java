package org.proportion.redact;

/** The kinds of personal data the redaction engine finds in free text. */
public enum EntityType {

	PERSON, LOCATION, ORGANIZATION, POSTCODE, DATE, AGE, NHS_NUMBER, NI_NUMBER, PHONE, EMAIL,
	/** Nationality, racial or ethnic origin, religion, political opinion. */
	NRP,
	/** Conditions, diagnoses, medication, disability, pregnancy, substance use. */
	HEALTH,
	/** Offences, allegations, convictions, sentences, prison, licence or probation status. */
	CRIMINAL,
	/** Sexual orientation, sex life, sex work. */
	SEXUALITY

}
