package org.proportion.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Kafka and SFTP routes' way into the one intake pipeline ({@link IntakeService}): works out
 * the agency and a value-free source name from the channel, then hands over the bytes, so a
 * message or a pulled file is checked, mapped, de-duplicated, stored and parked exactly as a file
 * drop is. Also commits a Kafka message's offset once it is stored or parked, never before.
 */
@Component("channelIntake")
public class ChannelIntake {

	/** Where a pulled SFTP file goes on the agency's server: {@code stored} or {@code parked}. */
	public static final String OUTCOME = "proportionOutcome";

	private final IntakeService intake;

	private final String topicPrefix;

	ChannelIntake(IntakeService intake, @Value("${proportion.kafka.topic-prefix:proportion.intake.}") String topicPrefix) {
		this.intake = intake;
		this.topicPrefix = topicPrefix;
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
	public IntakeService.Result fromKafka(Exchange exchange) {
		var in = exchange.getIn();
		String topic = in.getHeader(KafkaConstants.TOPIC, "", String.class);
		String agency = topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : "";
		byte[] body = in.getBody(byte[].class);
		return intake.fromMessage(agency, exchange.getProperty(DeadLetter.SOURCE, String.class), body,
				in.getHeader(KafkaConstants.TIMESTAMP, Long.class));
	}

	/** A file pulled from an agency's SFTP server: as a file dropped in that agency's inbox folder. */
	public IntakeService.Result fromSftp(Exchange exchange, String agency) {
		var in = exchange.getIn();
		String name = in.getHeader(Exchange.FILE_NAME_ONLY, in.getHeader(Exchange.FILE_NAME, String.class), String.class);
		IntakeService.Result result = intake.fromFile(agency + "/" + name, in.getBody(byte[].class),
				in.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class));
		exchange.setProperty(OUTCOME, "stored");
		return result;
	}

	/**
	 * Commits a Kafka message's offset (synchronously) after it was stored or parked. Does nothing
	 * for other channels. If the gateway dies before this, the message is read again and the
	 * store's content digest keeps it from being stored twice.
	 */
	public void commitKafka(Exchange exchange) {
		KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
		if (commit != null) {
			commit.commit();
		}
	}

}
