package io.github.sfstreaming.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.avro.Schema;

/**
 * Avro schemas by schema id, fetched with {@code GetSchema} on a miss. A schema id names one schema for good, so
 * entries never expire; each event is read with the schema its own id names, never the topic's current one.
 */
final class SchemaCache {

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private final Function<String, String> fetchJson;

	/**
	 * @param fetchJson fetches a schema's JSON by id (the {@code GetSchema} call); may throw
	 */
	SchemaCache(Function<String, String> fetchJson) {
		this.fetchJson = fetchJson;
	}

	Schema get(String schemaId) {
		Schema cached = this.schemas.get(schemaId);
		if (cached != null) {
			return cached;
		}
		Schema schema = new Schema.Parser().parse(this.fetchJson.apply(schemaId));
		this.schemas.putIfAbsent(schemaId, schema);
		return schema;
	}

	int size() {
		return this.schemas.size();
	}

}
