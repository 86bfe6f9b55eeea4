package org.proportion.pack;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders an attendee's view as HTML. Thymeleaf escapes every value that came from agencies. */
@Component
class ViewRenderer {

	private final TemplateEngine templates;

	ViewRenderer(TemplateEngine templates) {
		this.templates = templates;
	}

	String html(AttendeeView view) {
		Context context = new Context();
		context.setVariable("view", view);
		return templates.process("attendee-view", context);
	}

}
