package org.proportion.redact;

/** The kinds of personal data the redaction engine finds in free text. */
public enum EntityType {

	PERSON, LOCATION, ORGANIZATION, POSTCODE, DATE, AGE, NHS_NUMBER, NI_NUMBER, PHONE, EMAIL,
	/** A prisoner's number (A1234BC) or Police National Computer id (PNC 04/123456X). */
	PRISON_NUMBER,
	/** Probation (CRN), police crime or incident, housing and benefit claim references. */
	CASE_REFERENCE,
	/** A vehicle registration mark (AB12 CDE). */
	VEHICLE_REG,
	/** Bank sort code and account number. */
	BANK_DETAILS,
	/** An IPv4 or IPv6 address. */
	IP_ADDRESS,
	/** A social-media handle or username ("@dk_88", "his Facebook is dave.k"). */
	USERNAME,
	/** Nationality, racial or ethnic origin, religion, political opinion. */
	NRP,
	/** Conditions, diagnoses, medication, disability, pregnancy, substance use. */
	HEALTH,
	/** Offences, allegations, convictions, sentences, prison, licence or probation status. */
	CRIMINAL,
	/** Sexual orientation, sex life, sex work. */
	SEXUALITY

}
