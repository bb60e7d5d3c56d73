package io.github.wxlogin.authentication;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import io.github.wxlogin.token.WxClaimNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WxJwtAuthenticationConverterTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private final WxJwtAuthenticationConverter converter = new WxJwtAuthenticationConverter();

	@Test
	void convertWhenOurTokenThenWxPrincipalAndScopeAuthoritiesWithSpringsFactor() {
		Jwt jwt = jwt("u-1");

		WxJwtAuthenticationToken authentication = this.converter.convert(jwt);

		assertThat(authentication).isInstanceOf(JwtAuthenticationToken.class);
		assertThat(authentication.getName()).isEqualTo("o-1");
		assertThat(authentication.getToken()).isSameAs(jwt);
		assertThat(authentication.getPrincipal()).isEqualTo(new WxPrincipal("wxapp1", "o-1", "u-1", "login-1", jwt));
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "read", "FACTOR_BEARER");
	}

	@Test
	void convertWhenNoUnionidThenNull() {
		assertThat(this.converter.convert(jwt(null)).getPrincipal().unionid()).isNull();
	}

	@Test
	void toBuilderWhenSpringAddsAnAuthorityThenPrincipalAndTypeKept() {
		WxJwtAuthenticationToken authentication = this.converter.convert(jwt("u-1"));

		Authentication rebuilt = authentication.toBuilder()
			.authorities((authorities) -> authorities.add(new SimpleGrantedAuthority("FACTOR_OTHER")))
			.build();

		assertThat(rebuilt).isInstanceOf(WxJwtAuthenticationToken.class);
		assertThat(rebuilt.getPrincipal()).isEqualTo(authentication.getPrincipal());
		assertThat(rebuilt.getName()).isEqualTo("o-1");
		assertThat(rebuilt.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("FACTOR_OTHER", "ROLE_USER");
	}

	@Test
	void convertWhenNotOurTokenThenRefused() {
		Jwt foreign = Jwt.withTokenValue("t").header("alg", "ES256").subject("o-1").expiresAt(NOW).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.converter.convert(foreign));
	}

	@Test
	void setJwtGrantedAuthoritiesConverterWhenSetThenItsAuthorities() {
		this.converter.setJwtGrantedAuthoritiesConverter((jwt) -> List.of(new SimpleGrantedAuthority("ROLE_X")));
		assertThat(this.converter.convert(jwt("u-1")).getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("ROLE_X")
			.doesNotContain("ROLE_USER");
	}

	@Test
	void revocationCheckingWhenTokenNotOursThenInvalidBearerToken() {
		RevocationCheckingConverter checking = new RevocationCheckingConverter(
				new io.github.wxlogin.token.AccessTokenRevocation(
						new io.github.wxlogin.store.caffeine.CaffeineRevokedTokenStore(10, java.time.Clock.systemUTC()),
						new io.github.wxlogin.token.RefreshTokenRotation(
								new io.github.wxlogin.store.caffeine.CaffeineRefreshTokenStore(10,
										java.time.Clock.systemUTC()),
								java.time.Duration.ofDays(1), java.time.Clock.systemUTC())),
				this.converter);
		Jwt withoutAppId = Jwt.withTokenValue("t")
			.header("alg", "ES256")
			.subject("o-1")
			.jti("j")
			.claim(WxClaimNames.LOGIN_ID, "login-1")
			.expiresAt(NOW)
			.build();
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> checking.convert(withoutAppId));
		assertThat(checking.convert(jwt("u-1"))).isInstanceOf(WxJwtAuthenticationToken.class);
	}

	private static Jwt jwt(String unionid) {
		Jwt.Builder jwt = Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject("o-1")
			.jti("jti-1")
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(7200))
			.claim(WxClaimNames.APP_ID, "wxapp1")
			.claim(WxClaimNames.LOGIN_ID, "login-1")
			.claim(WxClaimNames.SCOPE, "ROLE_USER read");
		if (unionid != null) {
			jwt.claim(WxClaimNames.UNION_ID, unionid);
		}
		return jwt.build();
	}

}
