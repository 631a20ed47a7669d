package io.github.sfstreaming.auth;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Org ids: their shape, the identity URL that holds them, and an {@link AccessToken} that carries one.
 */
class OrgIdsTests {

	private static final String ORG = "00D000000000001AAA";

	@Test
	void theOrgIdComesFromTheIdentityUrl() {
		assertThat(OrgIds.fromIdentityUrl(URI.create("https://login.salesforce.com/id/" + ORG + "/005000000000001AAA")))
			.isEqualTo(ORG);
		assertThat(OrgIds.fromIdentityUrl(URI.create("https://acme.my.salesforce.com/id/00D000000000001/005x/")))
			.isEqualTo("00D000000000001");
		// behind a path, as an emulator or gateway may serve it
		assertThat(OrgIds.fromIdentityUrl(URI.create("http://127.0.0.1:8085/sf/id/" + ORG + "/005000000000001AAA")))
			.isEqualTo(ORG);
	}

	@Test
	void anIdentityUrlWithoutAnOrgIdIsRefusedWithoutQuotingIt() {
		for (String url : new String[] { "https://x/y", "https://x/id/" + ORG, "https://x/id/" + ORG + "/005/extra",
				"https://x/id/001000000000001AAA/005000000000001AAA", "https://x/id/00D0000000000/005",
				"https://x/id/00D00000000000%21AAA/005", "mailto:someone@example.com", "https://x" }) {
			assertThatIllegalArgumentException().as(url)
				.isThrownBy(() -> OrgIds.fromIdentityUrl(URI.create(url)))
				.withMessageStartingWith("The identity URL")
				.withMessageNotContaining("https://x")
				.withMessageNotContaining("someone");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> OrgIds.fromIdentityUrl(null));
	}

	@Test
	void orgIdsAre15Or18LettersAndDigitsStartingWith00D() {
		assertThat(OrgIds.isOrgId(ORG)).isTrue();
		assertThat(OrgIds.isOrgId("00Dxx0000001gPL")).isTrue();
		for (String notOne : new String[] { "", "00D", "001000000000001AAA", "00D000000000001AA", "00D000000000001AAAA",
				"00D000000000001A-A", "00D00000000000\u00e9AAA", " 00D000000000001AA" }) {
			assertThat(OrgIds.isOrgId(notOne)).as(notOne).isFalse();
		}
		assertThat(OrgIds.isOrgId(null)).isFalse();
	}

	@Test
	void aMalformedOrgIdIsNamedButNotShown() {
		// an access token given by mistake starts with the org id: it must not reach a log through the message
		String token = "00D000000000001!AQ8AQLsecretsecret";
		assertThatIllegalArgumentException().isThrownBy(() -> OrgIds.check(token, "salesforce.streaming.org-id"))
			.withMessageStartingWith("salesforce.streaming.org-id must be the org's 15 or 18 character id")
			.withMessageContaining("has 34 characters")
			.withMessageNotContaining("secret")
			.withMessageNotContaining("00D000000000001!");
		assertThatIllegalArgumentException().isThrownBy(() -> OrgIds.check("001000000000001AAA"))
			.withMessageStartingWith("orgId must be")
			.withMessageContaining("does not start with 00D");
		assertThatIllegalArgumentException().isThrownBy(() -> OrgIds.check(null, "orgId"))
			.withMessageContaining("it is not set");
	}

	@Test
	void anAccessTokenMayCarryItsOrgAndNeverShowsItsValue() {
		URI instance = URI.create("https://acme.my.salesforce.com");
		AccessToken unknown = new AccessToken("00D000000000001!secret", instance);
		assertThat(unknown.orgId()).isNull();
		assertThat(unknown).isEqualTo(new AccessToken("00D000000000001!secret", instance, null));
		assertThat(unknown.toString()).doesNotContain("secret").doesNotContain("orgId");

		AccessToken told = new AccessToken("00D000000000001!secret", instance, ORG);
		assertThat(told.orgId()).isEqualTo(ORG);
		assertThat(told).isNotEqualTo(unknown);
		assertThat(told.toString()).isEqualTo("AccessToken[instanceUrl=https://acme.my.salesforce.com, orgId=" + ORG
				+ ", value=****]");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessToken("t", instance, "00D000000000001!secret"))
			.withMessageStartingWith("orgId must be")
			.withMessageNotContaining("secret");
	}

}
