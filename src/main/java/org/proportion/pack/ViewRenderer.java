package org.proportion.pack;

import java.util.List;

import org.proportion.pack.AttendeeView.CaseView;
import org.proportion.storage.Compressed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders an attendee's view as HTML. Thymeleaf escapes every value that came from agencies.
 * Each case is rendered on its own ({@link CaseHtml}) and kept by its content (a case
 * view is a value: the same heading, reference and fields always render the same), so a rebuild
 * after one case changed renders that case, and the page around the cases, and nothing else.
 */
@Component
class ViewRenderer {

	private final TemplateEngine templates;

	private final KeptByContent<CaseView, String> cases;

	ViewRenderer(TemplateEngine templates, @Value("${proportion.pack.rendered-cases:20000}") int capacity) {
		this.templates = templates;
		this.cases = new KeptByContent<>(capacity);
	}

	/**
	 * The page, gzip-compressed as stored, written a slice at a time rather than as one string,
	 * through {@code through} (a build's {@link BuildPacing#paced}).
	 */
	byte[] htmlGzip(AttendeeView view, java.util.function.UnaryOperator<java.io.Writer> through) {
		return page(view, view.cases().stream().map(this::caseHtml).toList(), through);
	}

	/** The same page without keeping its cases: for the start-up warm-up's made-up view. */
	byte[] htmlGzipUnkept(AttendeeView view) {
		return page(view, view.cases().stream().map(CaseHtml::of).toList(), out -> out);
	}

	private byte[] page(AttendeeView view, List<String> caseHtml,
			java.util.function.UnaryOperator<java.io.Writer> through) {
		int expected = caseHtml.stream().mapToInt(String::length).sum() + 8192;
		return Compressed.gzip(expected,
				out -> templates.process("attendee-view", context(view, caseHtml), through.apply(out)));
	}

	private static Context context(AttendeeView view, List<String> caseHtml) {
		Context context = new Context();
		context.setVariable("view", view);
		context.setVariable("caseHtml", caseHtml);
		return context;
	}

	private String caseHtml(CaseView view) {
		return cases.get(view, CaseHtml::of);
	}

}
