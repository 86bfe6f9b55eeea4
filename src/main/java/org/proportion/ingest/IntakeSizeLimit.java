package org.proportion.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A REST intake body over the size limit is refused (413, parked as too_large with its reason)
 * after reading at most one byte past the limit, so no caller can make the gateway hold an
 * unbounded body in memory. Runs after authentication: strangers cannot fill the dead letter.
 * The body itself is not kept (the sender still has it); everything under the limit passes on.
 */
@Component
class IntakeSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final DeadLetter deadLetter;

	private final ObjectMapper json;

	private final IntakeProblem problem = new IntakeProblem();

	IntakeSizeLimit(@Value("${proportion.intake.max-bytes:16777216}") long maxBytes, DeadLetter deadLetter,
			ObjectMapper json) {
		this.maxBytes = maxBytes;
		this.deadLetter = deadLetter;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/intake/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			refuse(request, response);
			return;
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try (InputStream in = request.getInputStream()) {
			byte[] buffer = new byte[8192];
			int read;
			while ((read = in.read(buffer)) != -1) {
				body.write(buffer, 0, read);
				if (body.size() > maxBytes) {
					refuse(request, response);
					return;
				}
			}
		}
		chain.doFilter(new Buffered(request, body.toByteArray()), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String agency = request.getRequestURI().substring("/api/intake/".length()).replaceAll("[^A-Za-z0-9._-]", "_");
		Map<String, Object> reason = deadLetter.parkReasonOnly("too_large",
				"The body is larger than the limit of " + maxBytes + " bytes; it was not kept: send it in smaller parts",
				"rest-" + agency);
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType(IntakeProblem.MEDIA_TYPE);
		response.getOutputStream()
			.write(json.writeValueAsString(problem.of(reason, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE))
				.getBytes(StandardCharsets.UTF_8));
	}

	/** The body read once, offered again to the route. */
	private static final class Buffered extends HttpServletRequestWrapper {

		private final byte[] body;

		Buffered(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public java.io.BufferedReader getReader() {
			java.nio.charset.Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
					: java.nio.charset.Charset.forName(getCharacterEncoding());
			return new java.io.BufferedReader(new java.io.InputStreamReader(new ByteArrayInputStream(body), charset));
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}
			};
		}

	}

}
