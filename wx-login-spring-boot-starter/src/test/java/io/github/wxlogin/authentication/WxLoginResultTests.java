package io.github.wxlogin.authentication;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.IssuedRefreshToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WxLoginResultTests {

	private final WxUser user = WxUser.of(WxIdentity.of("wxapp1", "o-openid-1", "u-1"),
			AuthorityUtils.createAuthorityList("ROLE_USER"));

	private final Jwt accessToken = Jwt.withTokenValue("a.b.c")
		.header("alg", "ES256")
		.subject("o-openid-1")
		.expiresAt(Instant.parse("2026-12-02T02:00:00Z"))
		.build();

	private final IssuedRefreshToken refreshToken = new IssuedRefreshToken("sid.r", "sid",
			Instant.parse("2027-01-01T00:00:00Z"));

	@Test
	void userInfoWhenNullValuesThenKeptInWechatsOrder() {
		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("nickName", "Pat");
		sent.put("gender", 0);
		sent.put("language", null);
		sent.put("avatarUrl", "https://example.com/a.png");

		WxLoginResult result = new WxLoginResult(this.user, this.accessToken, this.refreshToken, sent);
		sent.put("nickName", "changed afterwards");

		assertThat(result.getUserInfo()).containsExactly(Map.entry("nickName", "Pat"), Map.entry("gender", 0),
				new HashMap.SimpleEntry<>("language", null), Map.entry("avatarUrl", "https://example.com/a.png"));
	}

	@Test
	void resultThenAuthenticatedUserWithItsTokensAndNoCredentials() {
		WxLoginResult result = new WxLoginResult(this.user, this.accessToken, this.refreshToken, null);

		assertThat(result.isAuthenticated()).isTrue();
		assertThat(result.getPrincipal()).isSameAs(this.user);
		assertThat(result.getName()).isEqualTo("o-openid-1");
		assertThat(result.getAppId()).isEqualTo("wxapp1");
		assertThat(result.getUnionid()).isEqualTo("u-1");
		assertThat(result.getLoginId()).isEqualTo("sid");
		assertThat(result.getCredentials()).isNull();
		assertThat(result.getUserInfo()).isNull();
		assertThat(result.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
		assertThat(result.toString()).doesNotContain("o-openid-1").doesNotContain("a.b.c").doesNotContain("sid.r");
		assertThatIllegalArgumentException().isThrownBy(() -> result.setAuthenticated(false));
		assertThat(new WxRefreshResult(this.user, this.accessToken, this.refreshToken))
			.isInstanceOf(WxTokenAuthentication.class);
	}

}
