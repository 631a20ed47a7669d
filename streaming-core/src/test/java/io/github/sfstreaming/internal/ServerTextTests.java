package io.github.sfstreaming.internal;

import org.junit.jupiter.api.Test;

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

}
