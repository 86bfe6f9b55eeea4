package org.proportion.ingest;

import java.util.List;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * A drop handed over in code (a seeding job, a benchmark, a test) rather than through a way in:
 * it goes through the same intake route ({@code direct:intake}, routes/intake.camel.yaml) as a
 * file drop, a post or a message, and comes back as what happened to it. A drop that is wrong
 * as sent is refused with {@link IntakeRejected}; nothing parks it (the caller still holds it).
 */
@Service
public class IntakeService {

	static final String ROUTE = "direct:intake";

	private final ProducerTemplate producer;

	IntakeService(ProducerTemplate producer) {
		this.producer = producer;
	}

	/**
	 * What happened to a drop. Notes tell the agency, by record number and column and never by
	 * value, what was not applied as sent: a field that disagrees with a correction the person
	 * asked for, or a record older than the one already held.
	 */
	public record Result(String status, String agency, int records, List<String> notes) {

		public Result(String status, String agency, int records) {
			this(status, agency, records, List.of());
		}

	}

	/** A file as if dropped in the inbox: the folder names the agency. */
	public Result fromFile(String relativePath, byte[] content) {
		return fromFile(relativePath, content, null);
	}

	/** As above; the file's time says when the agency exported it, so an older export never wins. */
	public Result fromFile(String relativePath, byte[] content, Long lastModified) {
		return intake(relativePath, content, e -> ChannelIntake.nameFile(e, relativePath, lastModified));
	}

	/** As if posted: the agency and the content type (the format). */
	public Result fromRequest(String agency, String contentType, byte[] content) {
		return intake("rest-" + agency, content, e -> ChannelIntake.nameRequest(e, agency, contentType));
	}

	/** As a message from a channel such as a Kafka topic, written at {@code timestamp}. */
	public Result fromMessage(String agency, String source, byte[] content, Long timestamp) {
		return intake(source, content, e -> ChannelIntake.nameMessage(e, agency, content, timestamp));
	}

	private Result intake(String source, byte[] content, Consumer<Exchange> name) {
		Exchange done = producer.send(ROUTE, exchange -> {
			exchange.setProperty(DeadLetter.SOURCE, source);
			exchange.setProperty(DeadLetter.ORIGINAL, content);
			exchange.getIn().setBody(content);
			name.accept(exchange);
		});
		Exception failed = done.getException();
		if (failed instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failed != null) {
			throw new IllegalStateException("The drop could not be taken in", failed);
		}
		return done.getMessage().getBody(Result.class);
	}

}
