package io.github.sfstreaming.pubsub;

import java.net.URI;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.sfstreaming.auth.AccessToken;
import io.github.sfstreaming.auth.StaticTokenProvider;
import io.grpc.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which org id goes out as {@code tenantid}: the one given, else the one the token's login told.
 */
class PubSubCredentialsTests {

	private static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

	private static final String ORG = "00D000000000001AAA";

	private static final String OTHER_ORG = "00D000000000002AAA";

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(PubSubCredentials.class);

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void theTokensOrgIdIsSentWhenNoneIsGiven() {
		PubSubCredentials credentials = new PubSubCredentials(new StaticTokenProvider("t", INSTANCE, ORG));
		Metadata metadata = credentials.metadata(credentials.current());
		assertThat(metadata.get(PubSubCredentials.TENANT_ID)).isEqualTo(ORG);
		assertThat(metadata.get(PubSubCredentials.ACCESS_TOKEN)).isEqualTo("t");
		assertThat(metadata.get(PubSubCredentials.INSTANCE_URL)).isEqualTo(INSTANCE.toString());
	}

	@Test
	void aLaterTokenThatDoesNotTellItsOrgKeepsTheOneTold() {
		PubSubCredentials credentials = new PubSubCredentials(new StaticTokenProvider("t", INSTANCE));
		assertThat(credentials.orgId(new AccessToken("t1", INSTANCE, ORG))).isEqualTo(ORG);
		// the login answer lacked its id URL this time: the same provider logs in to the same org
		assertThat(credentials.orgId(new AccessToken("t2", INSTANCE))).isEqualTo(ORG);
	}

	@Test
	void theOrgIdGivenWinsAndAnotherOrgOfTheTokenIsWarnedOfOnce() {
		PubSubCredentials credentials = new PubSubCredentials(new StaticTokenProvider("t", INSTANCE), ORG);
		assertThat(credentials.orgId(new AccessToken("t", INSTANCE))).isEqualTo(ORG);
		// the 15 character id of the same org is no other org
		assertThat(credentials.orgId(new AccessToken("t", INSTANCE, ORG.substring(0, 15)))).isEqualTo(ORG);
		assertThat(this.log.list).isEmpty();
		AccessToken other = new AccessToken("00D000000000002!TOKEN-VALUE", INSTANCE, OTHER_ORG);
		assertThat(credentials.orgId(other)).isEqualTo(ORG);
		assertThat(credentials.orgId(other)).isEqualTo(ORG);
		assertThat(this.log.list).singleElement().satisfies((event) -> assertThat(event.getFormattedMessage())
			.contains(ORG, OTHER_ORG, "leave it out")
			.doesNotContain("TOKEN-VALUE"));
	}

	@Test
	void withoutAnyOrgIdTheErrorSaysWhatToGiveAndShowsNoToken() {
		PubSubCredentials credentials = new PubSubCredentials(new StaticTokenProvider("00D000000000001!TOKEN-VALUE",
				INSTANCE));
		assertThatExceptionOfType(PubSubCredentials.MissingOrgIdException.class)
			.isThrownBy(() -> credentials.metadata(credentials.current()))
			.withMessageContaining("tenantid")
			.withMessageContaining("StaticTokenProvider did not tell it")
			.withMessageContaining("orgId argument of PubSubSubscriber")
			.withMessageContaining("new StaticTokenProvider(accessToken, instanceUrl, orgId)")
			.withMessageNotContaining("TOKEN-VALUE");
	}

	@Test
	void aMalformedOrgIdGivenIsRefusedWithoutShowingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PubSubCredentials(new StaticTokenProvider("t", INSTANCE), "00D000000000001!TOKEN"))
			.withMessageStartingWith("orgId must be")
			.withMessageNotContaining("TOKEN");
	}

}
