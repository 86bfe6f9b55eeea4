package org.proportion.pack;

import java.util.List;

import org.proportion.pack.AttendeeView.CaseView;
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

	String html(AttendeeView view) {
		return page(view, view.cases().stream().map(this::caseHtml).toList());
	}

	/** The same page without keeping its cases: for the start-up warm-up's made-up view. */
	String htmlUnkept(AttendeeView view) {
		return page(view, view.cases().stream().map(CaseHtml::of).toList());
	}

	private String page(AttendeeView view, List<String> caseHtml) {
		Context context = new Context();
		context.setVariable("view", view);
		context.setVariable("caseHtml", caseHtml);
		return templates.process("attendee-view", context);
	}

	private String caseHtml(CaseView view) {
		return cases.get(view, CaseHtml::of);
	}

}
