package org.proportion.web;

import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.proportion.ingest.IntakeRejected;
import org.proportion.ingest.JsonFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns what the API cannot take into problem details that say what to fix, instead of a bare
 * 400 or a 500: a body that is not JSON (with its line and column), a field of the wrong shape
 * (by its path), a meeting the calendar refused (by its code and the attendee or field), a
 * meeting that does not exist. Spring's own MVC faults keep their problem details; only the
 * ones whose detail could quote a value get ours.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	@ExceptionHandler(IntakeRejected.class)
	ResponseEntity<Object> refused(IntakeRejected ex) {
		return Problems.refused(ex);
	}

	@ExceptionHandler(NoSuchElementException.class)
	ResponseEntity<Object> notFound(NoSuchElementException ex) {
		return Problems.respond(HttpStatus.NOT_FOUND, "not_found", "Nothing with that id exists: check the id in the address");
	}

	/**
	 * A clash with a stored row the checks before it did not catch (two callers adding the same
	 * meeting at once). The database's message quotes the row, so only the fact is said.
	 */
	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<Object> clash(DuplicateKeyException ex) {
		log.warn("Refused a request that clashed with a stored row");
		return Problems.respond(HttpStatus.CONFLICT, "conflict",
				"Something with the same id is already stored: choose another id or fetch the stored one");
	}

	/** A build this request needed was held by another gateway for longer than it waits. */
	@ExceptionHandler(org.proportion.cluster.ClusterBusy.class)
	ResponseEntity<Object> busy(org.proportion.cluster.ClusterBusy ex) {
		return Problems.respond(HttpStatus.CONFLICT, "build_in_progress",
				"Another gateway is building this meeting's pack now: try again in a minute");
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof ValueInstantiationException built) {
			String path = JsonFaults.path(built);
			return Problems.respond(HttpStatus.BAD_REQUEST, "invalid_field",
					path.isEmpty() ? "The body could not be read: a required list or object is missing or holds an empty entry"
							: "Field " + path + " could not be read: it is missing a required part or holds an empty entry");
		}
		if (ex.getCause() instanceof JsonProcessingException json) {
			ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, JsonFaults.code(json), JsonFaults.describe(json));
			if (json instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !JsonFaults.path(mapping).isEmpty()) {
				problem.setProperty("field", JsonFaults.path(mapping));
			}
			return Problems.respond(problem);
		}
		if (ex.getCause() == null) {
			return Problems.respond(HttpStatus.BAD_REQUEST, "missing_body",
					"The request has no body: send the JSON this endpoint takes");
		}
		return Problems.respond(HttpStatus.BAD_REQUEST, "malformed_json", "The body could not be read as JSON");
	}

	/** Spring's own detail names the value that failed; this names only the parameter. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex.getPropertyName() == null ? "a parameter" : ex.getPropertyName();
		return Problems.respond(HttpStatus.BAD_REQUEST, "invalid_parameter", "The value of " + name + " has the wrong form");
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
			// Spring's own problems get the same code property as ours, for callers that read it.
			HttpStatus known = HttpStatus.resolve(statusCode.value());
			problem.setProperty("code", known == null ? "error" : known.name().toLowerCase(java.util.Locale.ROOT));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
