package io.github.sfstreaming.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positional parser agrees with {@code java.time} on Salesforce's shapes and refuses everything else.
 */
class SalesforceDatesTests {

	private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-29T16:40:08.208Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
			"2099-12-31T00:00:00.001Z" })
	void utcShapeAgreesWithInstantParse(String text) {
		assertThat(SalesforceDates.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-03-29T16:40:08.208+0000", "2026-03-29T16:40:08.208-0530",
			"2026-01-01T00:30:00.000+1400", "2025-12-31T23:59:59.999-1200" })
	void offsetShapeAgreesWithTheFormatter(String text) {
		assertThat(SalesforceDates.parse(text)).isEqualTo(OffsetDateTime.parse(text, WITH_OFFSET).toInstant());
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30T10:00:00.000Z", "2026-13-01T10:00:00.000Z", "2026-03-29T24:00:00.000Z",
			"2026-03-29T16:60:08.208Z", "2026-03-29T16:40:08.208X", "2026-03-29 16:40:08.208Z",
			"2026-03-29T16:40:08Z", "2026-03-29T16:40:08.208+00:00", "2026-03-29T16:40:08.2a8Z",
			"2026-03-29T16:40:08.208+2500", "" })
	void otherShapesAreLeftToTheFormatters(String text) {
		assertThat(SalesforceDates.parse(text)).isNull();
	}

}
