package io.github.sfstreaming.benchmarks.transports;

/**
 * The events both transports carry: a platform event and a change event with the same three measuring fields
 * ({@code Phase__c}, {@code Seq__c}, {@code Sent__c}, the {@link System#nanoTime()} just before publishing) next to
 * a few ordinary ones. Salesforce-style field names, so that the emulator's Avro schema for Pub/Sub has the shape
 * of a real event's.
 */
final class TransportEvents {

	static final String PLATFORM_EVENT_CHANNEL = "/event/BenchTransport__e";

	static final String CHANGE_EVENT_CHANNEL = "/data/AccountChangeEvent";

	private TransportEvents() {
	}

	/** The channel of a kind: {@code event} or {@code cdc}. */
	static String channel(String kind) {
		return switch (kind) {
			case "event" -> PLATFORM_EVENT_CHANNEL;
			case "cdc" -> CHANGE_EVENT_CHANNEL;
			default -> throw new IllegalArgumentException("Unknown event kind " + kind + " (event or cdc)");
		};
	}

	/**
	 * A payload to publish.
	 * @param kind {@code event} or {@code cdc}
	 * @param phase the phase the subject counts it in
	 * @param seq its index in the phase, or {@code -1} when its latency is not measured
	 * @param sentNanos {@link System#nanoTime()} when published, or {@code 0}
	 */
	static String payload(String kind, int phase, int seq, long sentNanos) {
		String measuring = "\"Phase__c\":" + phase + ",\"Seq__c\":" + seq + ",\"Sent__c\":" + sentNanos;
		if (kind.equals("cdc")) {
			return "{" + measuring + ",\"Name\":\"Acme\",\"Industry\":\"Energy\",\"AnnualRevenue\":1250000.5,"
					+ "\"ChangeEventHeader\":{\"changeType\":\"UPDATE\",\"changedFields\":[\"Name\",\"Industry\","
					+ "\"AnnualRevenue\",\"Phase__c\"]}}";
		}
		return "{" + measuring + ",\"Order_Number__c\":\"ORD-00042\",\"Status__c\":\"Open\",\"Total__c\":1250.75}";
	}

}
