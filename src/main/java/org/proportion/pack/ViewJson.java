package org.proportion.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proportion.storage.Compressed;
import org.proportion.storage.Utf8Slices;
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
		java.io.StringWriter text = new java.io.StringWriter(view.cases().size() * 1024 + 1024);
		write(view, text);
		return text.toString();
	}

	/** The same JSON, gzip-compressed as stored, without the whole text ever held at once. */
	byte[] jsonGzip(AttendeeView view) {
		return jsonGzip(view, out -> out);
	}

	/** The same, written through {@code through} (a build's {@link BuildPacing#paced}). */
	byte[] jsonGzip(AttendeeView view, java.util.function.UnaryOperator<Writer> through) {
		return Compressed.gzip(view.cases().size() * 1024 + 1024, out -> write(view, through.apply(out)));
	}

	/** SHA-256 of what the attendee reads: the view without the pack's own id, version and time. */
	String contentHash(AttendeeView view) {
		return contentHash(view, out -> out);
	}

	/** The same, written through {@code through} (a build's {@link BuildPacing#paced}). */
	String contentHash(AttendeeView view, java.util.function.UnaryOperator<Writer> through) {
		AttendeeView content = new AttendeeView(view.meeting(), view.recipient(), null, view.trends(), view.cases(),
				view.withheld());
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (Utf8Slices out = new Utf8Slices(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
				write(content, through.apply(out));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The view could not be hashed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The view could not be hashed", ex);
		}
	}

	// The frame around the cases, then each case's kept JSON in place of the empty list.
	private void write(AttendeeView view, Writer out) {
		String frame = write(new AttendeeView(view.meeting(), view.recipient(), view.pack(), view.trends(), List.of(),
				view.withheld()));
		int at = frame.indexOf(CASES);
		try {
			if (at < 0 || frame.indexOf(CASES, at + 1) >= 0) {
				// Not the shape this class knows: the whole record, as Jackson writes it.
				out.write(write(view));
				return;
			}
			out.write(frame, 0, at + CASES.length() - 1);
			for (int i = 0; i < view.cases().size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				out.write(caseJson(view.cases().get(i)));
			}
			out.write(frame, at + CASES.length() - 1, frame.length() - (at + CASES.length() - 1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The view could not be written", ex);
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
