package org.proportion.pack;

import org.proportion.pack.AttendeeView.CaseView;
import org.proportion.pack.AttendeeView.FieldView;

/**
 * One case of an attendee's view as HTML, written directly rather than through the template
 * engine: a meeting of 1,000 cases and 12 attendees has 12,000 of these, and each is a fixed
 * table. Every value that came from an agency or the policy goes through {@link #text}, which
 * escapes the five characters that are markup in HTML text and attributes, as Thymeleaf's
 * {@code th:text} does; the page around the cases stays in {@code attendee-view.html}.
 */
final class CaseHtml {

	private CaseHtml() {
	}

	static String of(CaseView c) {
		StringBuilder html = new StringBuilder(4096);
		html.append("<article>\n<h3>").append(text(c.heading())).append("</h3>\n");
		if (c.reference() != null) {
			html.append("<p class=\"why\">Agency reference: <span>").append(text(c.reference())).append("</span></p>\n");
		}
		html.append("<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">What you may see</th>"
				+ "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
		for (FieldView f : c.fields()) {
			html.append("<tr>\n<th scope=\"row\">").append(text(f.label())).append("</th>\n");
			if (f.value() == null) {
				html.append("<td class=\"withheld\">withheld</td>\n");
			}
			else {
				String kind = switch (f.action()) {
					case "generalise" -> "generalised";
					case "pseudonymise" -> "pseudonymised";
					case "redact" -> "redacted";
					default -> null;
				};
				html.append(kind == null ? "<td>" : "<td class=\"" + kind + "\">");
				html.append("<span>").append(text(f.value())).append("</span>");
				switch (f.action()) {
					case "generalise" -> html.append(" <span class=\"why\">(generalised)</span>");
					case "pseudonymise" -> html.append(" <span class=\"why\">(pseudonym)</span>");
					case "redact" -> html.append(" <span class=\"why\">(personal details removed, shown in [BRACKETS])</span>");
					default -> {
					}
				}
				html.append("</td>\n");
			}
			html.append("<td class=\"why\"><span>").append(text(f.reason())).append("</span>");
			if (f.basis() != null) {
				html.append("<span><br>Basis: <span>").append(text(f.basis())).append("</span></span>");
			}
			if (f.condition() != null) {
				html.append("<span><br>Condition: <span>").append(text(f.condition())).append("</span></span>");
			}
			html.append("</td>\n</tr>\n");
		}
		html.append("</tbody>\n</table>\n</article>\n");
		return html.toString();
	}

	/** Escaped for HTML text and quoted attributes; null is written as nothing. */
	static String text(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder escaped = null;
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			String entity = switch (ch) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (entity != null && escaped == null) {
				escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
			}
			if (escaped != null) {
				if (entity != null) {
					escaped.append(entity);
				}
				else {
					escaped.append(ch);
				}
			}
		}
		return escaped == null ? value : escaped.toString();
	}

}
