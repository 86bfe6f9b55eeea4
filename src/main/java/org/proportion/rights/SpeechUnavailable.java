package org.proportion.rights;

/**
 * The spoken notice could not be made (espeak-ng missing, failed or gave a broken file). Its
 * message says what to do and never holds the notice's words: they are about a person.
 */
public class SpeechUnavailable extends RuntimeException {

	public SpeechUnavailable(String message) {
		super(message);
	}

}
