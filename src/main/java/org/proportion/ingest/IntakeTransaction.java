package org.proportion.ingest;

import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake route's store transaction ({@code policy: intakeTransaction}): the steps inside run
 * in one database transaction, which commits only if none of them failed. The digest recorded by
 * the idempotent consumer and the drop's batch and records are then stored together or not at all.
 *
 * <p>
 * A plain policy rather than Camel's {@code transacted}: that one installs a transaction error
 * handler in the route, which would count a failure as already handled by its own (zero) retries,
 * so the way in's {@code intake-errors} configuration would no longer retry a database that was
 * briefly lost. Here a failure is left on the exchange after the rollback, for that policy to
 * retry (in a new transaction) or park.
 */
@Component("intakeTransaction")
class IntakeTransaction implements Policy {

	private final TransactionTemplate template;

	IntakeTransaction(PlatformTransactionManager transactions) {
		this.template = new TransactionTemplate(transactions);
	}

	@Override
	public void beforeWrap(Route route, NamedNode definition) {
	}

	@Override
	public Processor wrap(Route route, Processor processor) {
		Processor steps = AsyncProcessorConverterHelper.convert(processor);
		// Synchronously, on this thread: a Spring transaction belongs to the thread that began it.
		return exchange -> template.executeWithoutResult(status -> {
			try {
				steps.process(exchange);
			}
			catch (Exception ex) {
				exchange.setException(ex);
			}
			if (exchange.getException() != null || exchange.isRollbackOnly()) {
				status.setRollbackOnly();
			}
		});
	}

}
