package org.proportion.redact;

import java.util.Objects;

/**
 * Why a span was found, in terms the engine can act on without reading recogniser names or
 * explanation text: where the evidence came from, whether the case record vouches that it is the
 * subject (or one of the subject's aliases), and what cue beside the words made it a name.
 *
 * @param source what kind of evidence found the span
 * @param subject the case record says this is the note's own subject
 * @param alias the case record knows this only as one of the subject's aliases, not their name
 * @param cue what made a capitalised word a person rather than an ordinary word
 */
public record Evidence(Source source, boolean subject, boolean alias, Cue cue) {

	/** Where a finding's evidence comes from; the engine trusts them differently. */
	public enum Source {
		/** The structured case record: the subject's names, aliases, date of birth and addresses. */
		SUBJECT_RECORD,
		/** A shape with a validator no guess can fake: check digits, valid prefixes, a real format. */
		VALIDATED_IDENTIFIER,
		/** A shape without a check (dates, ages, handles, addresses by their shape). */
		PATTERN,
		/** A DPO-editable list: names, towns, agencies, sensitive-topic lexicons. */
		LEXICON,
		/** A statistical model: likely, never certain, and prone to calling ordinary words names. */
		MODEL,
		/** Another mention of something already found in the same note. */
		PROPAGATED
	}

	/** What, beyond its letters, says a word is a person. */
	public enum Cue {
		/** Nothing but the word itself and its capital letter. */
		NONE,
		/** A person word or verb beside it ("his sister May", "Will said"), or its place mid-sentence. */
		CONTEXT,
		/** A title or honorific before it ("Mr", "Dr", "PC"): a name whatever the word is. */
		TITLE
	}

	public Evidence {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(cue, "cue");
		if (alias && !subject) {
			throw new IllegalArgumentException("an alias of the subject is the subject");
		}
	}

	public static Evidence of(Source source) {
		return new Evidence(source, false, false, Cue.NONE);
	}

	public static Evidence of(Source source, Cue cue) {
		return new Evidence(source, false, false, cue);
	}

	/** The case record's own subject, by name or (alias = true) by an alias. */
	public static Evidence subject(boolean alias) {
		return new Evidence(Source.SUBJECT_RECORD, true, alias, Cue.NONE);
	}

	/** The same evidence, as found again elsewhere or extended: no longer the record's word for it. */
	public Evidence propagated() {
		return new Evidence(Source.PROPAGATED, false, false, cue);
	}

}
