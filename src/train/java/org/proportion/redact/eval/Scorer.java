package org.proportion.redact.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.proportion.redact.EntityType;

/**
 * The project's scoring rules, the same as /work/shared/eval-tools/score.py so figures can be
 * cross-checked with it (and with other tools scored by it):
 * <ul>
 * <li>entity recall: a gold span is caught when findings of ANY type together cover every
 * non-whitespace character of it (for redaction, a name hidden as a place is still hidden);</li>
 * <li>partial recall: a finding of any type overlaps the gold span;</li>
 * <li>typed recall: caught as above by findings of a compatible type only;</li>
 * <li>leak: the share of gold non-whitespace characters no finding covers;</li>
 * <li>precision: the share of findings that overlap some gold span of any type; typed precision:
 * a gold span of a compatible type.</li>
 * </ul>
 * Each type is compatible with itself, and a LOCATION finding also with a POSTCODE gold span, as
 * in the scorer's table. With a type selection, only gold spans of those types are scored and only
 * findings of a compatible type count towards precision; coverage by any finding still counts.
 * Characters are counted as code points, as Python does.
 */
public final class Scorer {

	/** A gold or found span: Java string offsets, end exclusive; for a finding, its recogniser. */
	public record Mark(EntityType type, int start, int end, String source) {

		public Mark(EntityType type, int start, int end) {
			this(type, start, end, null);
		}

		boolean overlaps(Mark other) {
			return start < other.end && other.start < end;
		}

	}

	/** One scored document: its text, gold spans and findings. */
	public record Doc(String id, String text, List<Mark> gold, List<Mark> found) {

		public Doc {
			gold = List.copyOf(gold);
			found = List.copyOf(found);
		}

	}

	/** Counts for one type: gold-side (recall, leak) and finding-side (precision). */
	public static final class Counts {

		int gold;

		int caught;

		int partial;

		int typed;

		long chars;

		long leaked;

		int found;

		int hit;

		int typedHit;

		void add(Counts o) {
			gold += o.gold;
			caught += o.caught;
			partial += o.partial;
			typed += o.typed;
			chars += o.chars;
			leaked += o.leaked;
			found += o.found;
			hit += o.hit;
			typedHit += o.typedHit;
		}

		public int gold() {
			return gold;
		}

		public int found() {
			return found;
		}

		public long chars() {
			return chars;
		}

		public long leaked() {
			return leaked;
		}

		/** Entity (full-span) recall, any finding type. */
		public double recall() {
			return ratio(caught, gold);
		}

		public double partialRecall() {
			return ratio(partial, gold);
		}

		public double typedRecall() {
			return ratio(typed, gold);
		}

		public double leak() {
			return chars == 0 ? 0 : (double) leaked / chars;
		}

		public double precision() {
			return ratio(hit, found);
		}

		public double typedPrecision() {
			return ratio(typedHit, found);
		}

		private static double ratio(long a, long b) {
			return b == 0 ? Double.NaN : (double) a / b;
		}

	}

	/** Per-type counts and their total. */
	public record Result(int docs, Map<EntityType, Counts> types, Counts overall) {

		public Counts of(EntityType type) {
			return types.getOrDefault(type, new Counts());
		}

		public String table() {
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-13s %5s %8s %8s %8s %7s %6s %8s %8s%n",
					"type", "gold", "full-rec", "part-rec", "typed-rec", "leak", "found", "prec", "typed-p"));
			types.forEach((type, c) -> out.append(row(type.name(), c)));
			out.append(row("ALL", overall));
			out.append(String.format(Locale.ROOT, "documents: %d; sensitive characters left: %.2f%% (%d of %d)%n", docs,
					100 * overall.leak(), overall.leaked, overall.chars));
			return out.toString();
		}

		private static String row(String name, Counts c) {
			return String.format(Locale.ROOT, "%-13s %5d %8s %8s %8s %7s %6d %8s %8s%n", name, c.gold, pct(c.recall()),
					pct(c.partialRecall()), pct(c.typedRecall()), c.chars == 0 ? "-" : pct(c.leak()), c.found,
					pct(c.precision()), pct(c.typedPrecision()));
		}

	}

	private Scorer() {
	}

	static String pct(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
	}

	/** Whether a finding of type {@code found} counts as the gold type {@code gold}. */
	public static boolean compatible(EntityType found, EntityType gold) {
		return found == gold || (gold == EntityType.POSTCODE && found == EntityType.LOCATION);
	}

	/** Scores documents; {@code types} restricts the gold types scored (null: all). */
	public static Result score(List<Doc> docs, Set<EntityType> types) {
		Map<EntityType, Counts> gold = new EnumMap<>(EntityType.class);
		Map<EntityType, Counts> found = new EnumMap<>(EntityType.class);
		for (Doc doc : docs) {
			String text = doc.text();
			boolean[] any = new boolean[text.length()];
			for (Mark f : doc.found()) {
				for (int i = Math.max(0, f.start()); i < Math.min(text.length(), f.end()); i++) {
					any[i] = true;
				}
			}
			for (Mark g : doc.gold()) {
				if (types != null && !types.contains(g.type())) {
					continue;
				}
				Counts c = gold.computeIfAbsent(g.type(), t -> new Counts());
				c.gold++;
				int chars = 0;
				int leaked = 0;
				boolean typedAll = true;
				for (int i = g.start(); i < g.end(); i += Character.charCount(text.codePointAt(i))) {
					int cp = text.codePointAt(i);
					if (isSpace(cp)) {
						continue;
					}
					chars++;
					if (!any[i]) {
						leaked++;
					}
					final int at = i;
					if (typedAll && doc.found().stream().noneMatch(f -> compatible(f.type(), g.type()) && f.start() <= at && at < f.end())) {
						typedAll = false;
					}
				}
				c.chars += chars;
				c.leaked += leaked;
				if (leaked == 0) {
					c.caught++;
				}
				if (typedAll) {
					c.typed++;
				}
				if (doc.found().stream().anyMatch(f -> f.overlaps(g))) {
					c.partial++;
				}
			}
			for (Mark f : doc.found()) {
				if (types != null && types.stream().noneMatch(t -> compatible(f.type(), t))) {
					continue;
				}
				Counts c = found.computeIfAbsent(f.type(), t -> new Counts());
				c.found++;
				if (doc.gold().stream().anyMatch(g -> g.overlaps(f))) {
					c.hit++;
				}
				if (doc.gold().stream().anyMatch(g -> g.overlaps(f) && compatible(f.type(), g.type()))) {
					c.typedHit++;
				}
			}
		}
		Map<EntityType, Counts> merged = new EnumMap<>(EntityType.class);
		Counts overall = new Counts();
		gold.forEach((t, c) -> merged.computeIfAbsent(t, k -> new Counts()).add(c));
		found.forEach((t, c) -> merged.computeIfAbsent(t, k -> new Counts()).add(c));
		merged.values().forEach(overall::add);
		return new Result(docs.size(), merged, overall);
	}

	/** Python's str.isspace, near enough: Java whitespace, Unicode space separators and U+0085. */
	static boolean isSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
	}

}
