package org.proportion.redact.names;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.proportion.redact.EntityType;
import org.proportion.redact.NameLists;
import org.proportion.redact.ScanContext;
import org.proportion.redact.Span;

import static org.assertj.core.api.Assertions.assertThat;

/** People written short (initials, nicknames, "F. SURNAME") and social-media handles. */
class ShortNamesAndHandlesTests {

	final ShortNameRecognizer people = new ShortNameRecognizer(NameLists.load());

	final HandleRecognizer handles = new HandleRecognizer(NameLists.load());

	static List<String> found(org.proportion.redact.Recognizer recognizer, String text) {
		return recognizer.find(text, ScanContext.NONE).stream().map(s -> s.text(text)).toList();
	}

	@Test
	void findsInitialsBesideAPersonWordButNotServices() {
		assertThat(found(people, "AK said he would stay with KB tonight.")).containsExactlyInAnyOrder("AK", "KB");
		assertThat(found(people, "Spoke to J. about the room.")).containsExactly("J.");
		assertThat(found(people, "Referred to CGL and the CPN said he was fine; GP has notes.")).isEmpty();
		assertThat(found(people, "He is on MAPPA and the DWP said no.")).isEmpty();
	}

	@Test
	void findsAnInitialWithASurnameInCapitals() {
		assertThat(found(people, "Visit by F. KOWALCZYK today")).contains("F. KOWALCZYK");
		assertThat(found(people, "Form A NHS done")).isEmpty();
	}

	@Test
	void findsNicknamesWithAWordAndAlone() {
		assertThat(found(people, "He was with big Dave and wee stevie by the arches.")).containsExactly("big Dave", "wee stevie");
		assertThat(found(people, "Asked after Tiny, who was not at the site.")).containsExactly("Tiny");
		assertThat(found(people, "A tiny room and a big day.")).isEmpty();
	}

	@Test
	void findsHandlesAndUsernamesButNotOrdinaryWordsAfterAPlatform() {
		assertThat(found(handles, "his Facebook is dave.k and he posts as @dk_88")).containsExactly("@dk_88", "dave.k");
		assertThat(found(handles, "snapchat: daveyk88")).containsExactly("daveyk88");
		assertThat(found(handles, "his Facebook is down again")).isEmpty();
		assertThat(found(handles, "email dave@example.org")).isEmpty();
		assertThat(handles.find("@dk_88", ScanContext.NONE)).extracting(Span::type).containsExactly(EntityType.USERNAME);
	}

}
