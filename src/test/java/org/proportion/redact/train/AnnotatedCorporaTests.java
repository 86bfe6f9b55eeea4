package org.proportion.redact.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.proportion.support.OpaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public corpora copied into the project read as the project's scorer reads them: the
 * counts below are what /work/shared/eval-tools' converters (conll_to_eval.py, convert_public.py)
 * give for the same files, so training and measurement see every tweet, post and name.
 */
class AnnotatedCorporaTests {

	private static final Path CORPORA = OpaServer.projectDir().resolve(AnnotatedCorpora.FOLDER);

	@Test
	void readsEveryTweetAndNameOfTheBroadTwitterCorpusTrainSplit() throws Exception {
		List<AnnotatedCorpora.Document> docs = AnnotatedCorpora.readConll(CORPORA.resolve(AnnotatedCorpora.BTC_TRAIN), "t");
		assertThat(docs).hasSize(6338);
		assertThat(countByType(docs)).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("location", 2030, "organization", 2665, "person", 4084)));
	}

	@Test
	void readsTheMeasurementOnlyBroadTwitterCorpusDevSplit() throws Exception {
		List<AnnotatedCorpora.Document> docs = AnnotatedCorpora.readConll(CORPORA.resolve(AnnotatedCorpora.BTC_DEV), "btc");
		assertThat(docs).hasSize(1001);
		assertThat(countByType(docs)).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("location", 156, "organization", 380, "person", 1194)));
		assertThat(docs.get(0).id()).isEqualTo("btc0");
	}

	@Test
	void wnutCorporationsAndGroupsBecomeOrganisationsAndProductsAreDropped() throws Exception {
		List<AnnotatedCorpora.Document> docs = AnnotatedCorpora.readConll(CORPORA.resolve(AnnotatedCorpora.WNUT_DEV), "w");
		assertThat(docs).hasSize(1009);
		assertThat(countByType(docs)).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("location", 74, "organization", 73, "person", 470)));
		// "Redondo Beach Blvd" is one location of three tokens in the second post.
		AnnotatedCorpora.Document second = docs.get(1);
		Span place = second.charSpans().get(0);
		assertThat(second.text().substring(place.getStart(), place.getEnd())).isEqualTo("Redondo Beach Blvd");
		assertThat(place.getType()).isEqualTo("location");
	}

	@Test
	void readsUniversalNerDocumentsInTheirOriginalSpacing() throws Exception {
		List<AnnotatedCorpora.Document> docs = AnnotatedCorpora.readIob2(CORPORA.resolve(AnnotatedCorpora.UNER_DEV));
		assertThat(docs).hasSize(318);
		assertThat(docs.stream().mapToInt(d -> d.sentences().size()).sum()).isEqualTo(2001);
		assertThat(countByType(docs)).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("location", 399, "organization", 224, "person", 343)));
		AnnotatedCorpora.Document first = docs.get(0);
		assertThat(first.text()).startsWith("where can I get morcillas in tampa bay , I will like");
		Span place = first.charSpans().get(0);
		assertThat(first.text().substring(place.getStart(), place.getEnd())).isEqualTo("tampa bay");
		// The second sentence keeps its own spacing ("internet, but"), after a newline.
		assertThat(first.text()).contains("\nI searched all over the internet, but I could not find one place in Tampa Bay");
	}

	@Test
	void anInsideLabelOfAnotherTypeStartsANewName() {
		List<Span> names = AnnotatedCorpora.names(new String[] { "B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-product", "I-product" });
		assertThat(names).containsExactly(new Span(0, 2, "person"), new Span(2, 3, "location"), new Span(4, 5, "organization"));
	}

	private static Map<String, Integer> countByType(List<AnnotatedCorpora.Document> docs) {
		Map<String, Integer> counts = new TreeMap<>();
		docs.forEach(d -> d.charSpans().forEach(s -> counts.merge(s.getType(), 1, Integer::sum)));
		return counts;
	}

}
