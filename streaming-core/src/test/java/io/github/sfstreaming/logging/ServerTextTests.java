package io.github.sfstreaming.logging;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTextTests {

	@Test
	void lineBreaksCannotForgeALogLine() {
		assertThat(ServerText.escape("403::Unknown client\r\n2026-12-02 INFO forged"))
			.isEqualTo("403::Unknown client\\r\\n2026-12-02 INFO forged")
			.doesNotContain("\n", "\r");
	}

	@Test
	void otherControlCharactersAreEscaped() {
		assertThat(ServerText.escape("a\tb\u0007c\u2028d")).isEqualTo("a\\tb\\u0007c\\u2028d");
	}

	@Test
	void plainTextIsUnchangedAndNullIsNamed() {
		assertThat(ServerText.escape("/topic/Invoices")).isEqualTo("/topic/Invoices");
		assertThat(ServerText.escape(null)).isEqualTo("null");
	}

	@Test
	void longTextIsCut() {
		String escaped = ServerText.escape("x".repeat(10_000));
		assertThat(escaped).startsWith("x".repeat(ServerText.MAX_LENGTH)).endsWith("... (10000 chars)");
		assertThat(escaped.length()).isLessThan(ServerText.MAX_LENGTH + 30);
	}

	@Test
	void redactMasksCredentialLikeFields() {
		JsonNode redacted = ServerText.redact(JsonMapper.shared().readTree("""
				{"channel":"/meta/handshake","ext":{"access_token":"00D!abc","sfdc":{"sessionId":"s3cr3t"}},
				"data":{"payload":{"Password__c":"hunter2","Name":"ok"}},"list":[{"refreshToken":"rt"}]}"""));
		assertThat(redacted.toString()).doesNotContain("00D!abc", "s3cr3t", "hunter2", "\"rt\"").contains("\"ok\"");
	}

}
