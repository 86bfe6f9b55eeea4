package org.proportion.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A view as JSON, and the digest of what it shows, written from each case's JSON kept by the
 * case view's content: a case view is a value (the same heading, reference and fields always
 * write the same JSON), so a rebuild after one case changed writes that case and the few lines
 * around the cases (meeting, recipient, pack, trends, counts) instead of every case of every
 * view twice. The text is exactly what Jackson writes for the whole record ({@code ViewJsonTests}).
 */
@Component
class ViewJson {

	private static final String CASES = "\"cases\":[]";

	private final ObjectMapper json;

	private final KeptByContent<AttendeeView.CaseView, String> cases;

	ViewJson(ObjectMapper json, @Value("${proportion.pack.rendered-cases:20000}") int capacity) {
		this.json = json;
		this.cases = new KeptByContent<>(capacity);
	}

	/** The view as stored and sent: compact JSON. */
	String json(AttendeeView view) {
		String frame = write(new AttendeeView(view.meeting(), view.recipient(), view.pack(), view.trends(), List.of(),
				view.withheld()));
		int at = frame.indexOf(CASES);
		if (at < 0 || frame.indexOf(CASES, at + 1) >= 0) {
			// Not the shape this class knows: the whole record, as Jackson writes it.
			return write(view);
		}
		StringBuilder text = new StringBuilder(frame.length() + view.cases().size() * 1024);
		text.append(frame, 0, at + CASES.length() - 1);
		for (int i = 0; i < view.cases().size(); i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append(caseJson(view.cases().get(i)));
		}
		return text.append(frame, at + CASES.length() - 1, frame.length()).toString();
	}

	/** SHA-256 of what the attendee reads: the view without the pack's own id, version and time. */
	String contentHash(AttendeeView view) {
		AttendeeView content = new AttendeeView(view.meeting(), view.recipient(), null, view.trends(), view.cases(),
				view.withheld());
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(json(content).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The view could not be hashed", ex);
		}
	}

	private String caseJson(AttendeeView.CaseView view) {
		return cases.get(view, this::write);
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("View could not be written as JSON", ex);
		}
	}

}
