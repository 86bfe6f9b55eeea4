package org.proportion.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What each way in (file drop, REST, Kafka, SFTP) knows about a drop, said the same way before
 * it goes to the one intake route ({@code direct:intake}): the agency ({@link #AGENCY}), the
 * format as sent ({@link #FORMAT}), when the agency exported it ({@link #EXPORTED}: an older export
 * never replaces a newer one) and, for files, where its report goes ({@link #REPORT}). Sources
 * are value-free names. Also commits a Kafka message's offset once it is stored or parked, never before.
 */
@Component("channelIntake")
public class ChannelIntake {

	/** Where a pulled SFTP file goes on the agency's server: {@code stored} or {@code parked}. */
	public static final String OUTCOME = "proportionOutcome";

	/** The agency the drop says it is from. */
	public static final String AGENCY = "proportionAgency";

	/** The format as sent: a file's extension ({@code fhir} for *.fhir.json), from a content type, or sniffed. */
	public static final String FORMAT = "proportionFormat";

	/** When the agency exported the drop ({@link Instant}). */
	public static final String EXPORTED = "proportionExportedAt";

	/** A file drop's name for its intake report (nobody reads a file drop's answer). */
	public static final String REPORT = "proportionReport";

	private final String topicPrefix;

	ChannelIntake(@Value("${proportion.kafka.topic-prefix:proportion.intake.}") String topicPrefix) {
		this.topicPrefix = topicPrefix;
	}

	/** A file in the inbox: the folder it was dropped in names the agency, its time the export. */
	public void fileDrop(Exchange exchange) {
		var in = exchange.getIn();
		nameFile(exchange, in.getHeader(Exchange.FILE_NAME, String.class), in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class));
	}

	/** A REST post: the path names the agency, the content type the format; exported now. */
	public void request(Exchange exchange) {
		var in = exchange.getIn();
		nameRequest(exchange, in.getHeader("agency", String.class), in.getHeader(Exchange.CONTENT_TYPE, String.class));
	}

	/**
	 * Names the message by topic, partition and offset (never by key: a key may be a person's
	 * reference) before anything can fail, so a parked message says where it came from.
	 */
	public void nameKafkaSource(Exchange exchange) {
		var in = exchange.getIn();
		exchange.setProperty(DeadLetter.SOURCE, "kafka-" + in.getHeader(KafkaConstants.TOPIC, String.class) + "-"
				+ in.getHeader(KafkaConstants.PARTITION, Integer.class) + "-" + in.getHeader(KafkaConstants.OFFSET, Long.class));
	}

	/** A message on {@code <prefix><agency>}: the topic names the agency (an unknown one is parked). */
	public void kafka(Exchange exchange) {
		var in = exchange.getIn();
		String topic = in.getHeader(KafkaConstants.TOPIC, "", String.class);
		String agency = topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : "";
		nameMessage(exchange, agency, in.getBody(byte[].class), in.getHeader(KafkaConstants.TIMESTAMP, Long.class));
	}

	/** A file pulled from an agency's SFTP server: as a file dropped in that agency's inbox folder. */
	public void sftp(Exchange exchange, String agency) {
		var in = exchange.getIn();
		String name = in.getHeader(Exchange.FILE_NAME_ONLY, in.getHeader(Exchange.FILE_NAME, String.class), String.class);
		nameFile(exchange, agency + "/" + name, in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class));
	}

	/**
	 * Commits a Kafka message's offset (synchronously) after it was stored or parked. Does nothing
	 * for other channels. If the gateway dies before this, the message is read again and the
	 * intake route's idempotent consumer skips it as a repeat.
	 */
	public void commitKafka(Exchange exchange) {
		KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
		if (commit != null) {
			commit.commit();
		}
	}

	static void nameFile(Exchange exchange, String relativePath, Long lastModified) {
		Path path = Path.of(relativePath);
		String name = path.getFileName().toString();
		exchange.setProperty(AGENCY, path.getNameCount() > 1 ? path.getName(0).toString() : "");
		exchange.setProperty(FORMAT, name.toLowerCase(Locale.ROOT).endsWith(".fhir.json") ? "fhir"
				: name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "");
		exchange.setProperty(EXPORTED, lastModified == null || lastModified <= 0 ? Instant.now() : Instant.ofEpochMilli(lastModified));
		exchange.setProperty(REPORT, relativePath);
	}

	static void nameRequest(Exchange exchange, String agency, String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		exchange.setProperty(AGENCY, agency == null ? "" : agency);
		exchange.setProperty(FORMAT,
				type.contains("fhir") ? "fhir" : type.contains("csv") ? "csv" : type.contains("json") ? "json" : type);
		exchange.setProperty(EXPORTED, Instant.now());
	}

	/**
	 * A message: JSON starts with '{' or '[' and may be a single record; anything else is read as
	 * CSV; the time the message was written says when it was exported.
	 */
	static void nameMessage(Exchange exchange, String agency, byte[] content, Long timestamp) {
		exchange.setProperty(AGENCY, agency);
		exchange.setProperty(FORMAT, startsJson(content) ? "json-record" : "csv");
		exchange.setProperty(EXPORTED, timestamp == null || timestamp <= 0 ? Instant.now() : Instant.ofEpochMilli(timestamp));
	}

	private static boolean startsJson(byte[] content) {
		if (content == null) {
			return false;
		}
		for (byte b : content) {
			if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
				return b == '{' || b == '[';
			}
		}
		return false;
	}

}
