package io.github.sfstreaming.sample;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.github.sfstreaming.publish.PublishResult;
import io.github.sfstreaming.publish.SalesforcePublishException;
import io.github.sfstreaming.publish.SalesforceStreamingOperations;

/**
 * {@code POST /orders} publishes an {@code OrderPlaced__e} platform event through the auto-configured
 * {@link SalesforceStreamingOperations}; the sample's own listener on that channel then logs it like any other
 * event.
 * <pre class="code">
 * curl -s -X POST localhost:8080/orders -H 'Content-Type: application/json' \
 *   -d '{"orderNumber":"ORD-42","total":99.50}'
 * </pre>
 */
@RestController
class OrderController {

	private final ObjectProvider<SalesforceStreamingOperations> template;

	private final String channel;

	OrderController(ObjectProvider<SalesforceStreamingOperations> template,
			@Value(SampleChannels.PLATFORM_EVENT) String channel) {
		this.template = template;
		this.channel = channel;
	}

	@PostMapping("/orders")
	ResponseEntity<Map<String, Object>> placeOrder(@RequestBody OrderRequest order) {
		if (order.orderNumber() == null || order.orderNumber().isBlank()) {
			return ResponseEntity.badRequest().body(Map.of("error", "orderNumber is required"));
		}
		SalesforceStreamingOperations operations = this.template.getIfAvailable();
		if (operations == null) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(Map.of("error", "publishing is not configured (salesforce.streaming.publish.enabled=false?)"));
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("Order_Number__c", order.orderNumber());
		if (order.total() != null) {
			event.put("Total__c", order.total());
		}
		PublishResult result = operations.publish(this.channel, event);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", this.channel);
		body.put("id", result.id());
		body.put("eventUuid", result.eventUuid());
		return ResponseEntity.accepted().body(body);
	}

	/** Salesforce refused the event (502: the org's event does not match) or is unavailable (503). */
	@ExceptionHandler(SalesforcePublishException.class)
	ResponseEntity<Map<String, Object>> publishFailed(SalesforcePublishException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", (ex.getErrorCode() != null) ? ex.getErrorCode() : "UNAVAILABLE");
		body.put("message", ex.getMessage());
		return ResponseEntity.status(ex.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY)
			.body(body);
	}

	/**
	 * The order to announce.
	 *
	 * @param orderNumber the order number, required
	 * @param total the order's total, optional
	 */
	record OrderRequest(@Nullable String orderNumber, @Nullable BigDecimal total) {
	}

}
