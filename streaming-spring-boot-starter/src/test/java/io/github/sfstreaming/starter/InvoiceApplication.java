package io.github.sfstreaming.starter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.github.sfstreaming.event.PushTopicEvent;
import io.github.sfstreaming.spring.annotation.SalesforceListener;

/**
 * An application with nothing but the starter, a DataSource and one listener method.
 */
@SpringBootApplication
public class InvoiceApplication {

	static final List<PushTopicEvent> invoices = new CopyOnWriteArrayList<>();

	@SalesforceListener("/topic/InvoiceUpdates")
	void onInvoice(PushTopicEvent event) {
		invoices.add(event);
	}

}
