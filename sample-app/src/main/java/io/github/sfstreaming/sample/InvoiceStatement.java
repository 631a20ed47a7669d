package io.github.sfstreaming.sample;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of an invoice statement that the PushTopic selects; the starter converts the event's
 * {@code sobject} to it.
 *
 * @param id the record id
 * @param name the invoice number
 * @param status the invoice status
 * @param amount the amount
 */
public record InvoiceStatement(@JsonProperty("Id") String id, @JsonProperty("Name") String name,
		@JsonProperty("Status__c") String status, @JsonProperty("Amount__c") BigDecimal amount) {
}
