package io.github.wxlogin.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import io.github.wxlogin.store.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class WxJwtGeneratorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private static final Duration TTL = Duration.ofHours(2);

	private final MutableClock clock = new MutableClock(NOW);

	private final Authentication principal = UsernamePasswordAuthenticationToken.authenticated("o-openid-1", null,
			AuthorityUtils.createAuthorityList("ROLE_USER", "SCOPE_read"));

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void generateWhenAnyKeyThenStandardClaimsAndHeader(String name, SigningKey key) {
		Jwt issued = generator(key, List.of())
			.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1"));
		Jwt jwt = decoder(key).decode(issued.getTokenValue());
		assertThat(jwt.getSubject()).isEqualTo("o-openid-1");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("wx-login");
		assertThat(jwt.getAudience()).containsExactly("wxapp1");
		assertThat(jwt.getIssuedAt()).isEqualTo(NOW);
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(TTL));
		// 128 random bits, Base64url: short, since every bearer request carries it
		assertThat(jwt.getId()).matches("[A-Za-z0-9_-]{22}");
		assertThat(jwt.getClaimAsString("appid")).isEqualTo("wxapp1");
		assertThat(jwt.getClaimAsString("sid")).isEqualTo("family-1");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("ROLE_USER read");
		assertThat(jwt.hasClaim("unionid")).isFalse();
		assertThat(jwt.getHeaders()).containsEntry("kid", key.keyId())
			.containsEntry("alg", name)
			.doesNotContainKey("typ");
		assertThat(issued.getExpiresAt()).isEqualTo(jwt.getExpiresAt());
	}

	@Test
	void generateWhenCustomizerThenItSeesTheGrantTheLoginAndTheHeaderWithTheKey() {
		SigningKey key = SigningKey.generate();
		List<String> seen = new java.util.ArrayList<>();
		WxTokenCustomizer customizer = (context) -> {
			JwsHeader header = context.header().build();
			seen.add(context.grant() + " " + context.openid() + " " + context.loginId() + " " + context.unionid() + " "
					+ header.getAlgorithm().getName() + " " + header.getKeyId().equals(key.keyId()));
			context.header().header("wxv", "1");
			context.claims().claim("grant", context.grant().name());
		};
		WxJwtGenerator generator = generator(key, List.of(customizer));

		Jwt login = decoder(key).decode(
				generator.generate(WxTokenContext.login(this.principal, "wxapp1", "u-1", "family-1")).getTokenValue());
		Jwt refresh = decoder(key).decode(
				generator.generate(WxTokenContext.refresh(this.principal, "wxapp1", null, "family-1")).getTokenValue());

		assertThat(seen).containsExactly("LOGIN o-openid-1 family-1 u-1 ES256 true",
				"REFRESH o-openid-1 family-1 null ES256 true");
		assertThat(login.getHeaders()).containsEntry("wxv", "1");
		assertThat(login.getClaimAsString("grant")).isEqualTo("LOGIN");
		assertThat(refresh.getClaimAsString("grant")).isEqualTo("REFRESH");
		assertThat(refresh.getClaimAsString("sid")).isEqualTo("family-1");
	}

	@Test
	void generateWhenUnionidKnownThenUnionidClaim() {
		SigningKey key = SigningKey.generate();
		Jwt issued = generator(key, List.of())
			.generate(WxTokenContext.login(this.principal, "wxapp1", "u-union-1", "family-1"));
		assertThat(decoder(key).decode(issued.getTokenValue()).getClaimAsString("unionid")).isEqualTo("u-union-1");
	}

	@Test
	void generateWhenCalledTwiceThenDistinctJti() {
		SigningKey key = SigningKey.generate();
		WxJwtGenerator generator = generator(key, List.of());
		Jwt one = generator.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1"));
		Jwt two = generator.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1"));
		assertThat(one.getId()).isNotEqualTo(two.getId());
	}

	@Test
	void generateWhenAuthorityGivenWithAndWithoutScopePrefixThenListedOnce() {
		Authentication user = UsernamePasswordAuthenticationToken.authenticated("o-openid-1", null,
				AuthorityUtils.createAuthorityList("SCOPE_read", "read", "ROLE_ADMIN"));
		SigningKey key = SigningKey.generate();
		Jwt issued = generator(key, List.of()).generate(WxTokenContext.login(user, "wxapp1", null, "family-1"));
		assertThat(decoder(key).decode(issued.getTokenValue()).getClaimAsString("scope")).isEqualTo("read ROLE_ADMIN");
	}

	@Test
	void generateWhenAudienceMappedPerAppThenAudOfThatApp() {
		SigningKey key = SigningKey.generate();
		WxJwtGenerator generator = new WxJwtGenerator(encoder(key), key, "wx-login", (appId) -> "api-" + appId, TTL,
				List.of(), this.clock);
		Jwt issued = generator.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1"));
		Jwt jwt = WxJwtDecoders.create(key, "wx-login", Set.of("api-wxapp1"), this.clock, List.of())
			.decode(issued.getTokenValue());
		assertThat(jwt.getAudience()).containsExactly("api-wxapp1");
		assertThat(jwt.getClaimAsString("appid")).isEqualTo("wxapp1");
	}

	@Test
	void generateWhenCustomizersThenRunInOrderAfterStandardClaims() {
		WxTokenCustomizer first = (context) -> context.claims()
			.claim("tenant", "t-" + context.appId() + "-" + context.principal().getName());
		// sees the standard claims and the first customizer's
		WxTokenCustomizer second = (context) -> context.claims()
			.claims((claims) -> claims.put("seen", claims.get("sub") + "|" + claims.get("tenant")));
		SigningKey key = SigningKey.generate();
		Jwt issued = generator(key, List.of(first, second))
			.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1"));
		Jwt jwt = decoder(key).decode(issued.getTokenValue());
		assertThat(jwt.getClaimAsString("tenant")).isEqualTo("t-wxapp1-o-openid-1");
		assertThat(jwt.getClaimAsString("seen")).isEqualTo("o-openid-1|t-wxapp1-o-openid-1");
		assertThat(jwt.getSubject()).isEqualTo("o-openid-1");
	}

	@Test
	void generateWhenClockMovedThenIatAndExpFollowIt() {
		SigningKey key = SigningKey.generate();
		WxJwtGenerator generator = generator(key, List.of());
		this.clock.advance(Duration.ofMinutes(10));
		Jwt jwt = decoder(key)
			.decode(generator.generate(WxTokenContext.login(this.principal, "wxapp1", null, "f")).getTokenValue());
		assertThat(jwt.getIssuedAt()).isEqualTo(NOW.plusSeconds(600));
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(600).plus(TTL));
	}

	static Stream<Arguments> keys() {
		return Stream.of(Arguments.of("ES256", SigningKey.generate()), Arguments.of("RS256", TestKeys.rs256()),
				Arguments.of("EdDSA", TestKeys.edDsa()), Arguments.of("HS256", TestKeys.hs256()));
	}

	private WxJwtGenerator generator(SigningKey key, List<WxTokenCustomizer> customizers) {
		return new WxJwtGenerator(encoder(key), key, "wx-login", Function.identity(), TTL, customizers, this.clock);
	}

	private JwtDecoder decoder(SigningKey key) {
		return WxJwtDecoders.create(key, "wx-login", Set.of("wxapp1"), this.clock, List.of());
	}

	static JwtEncoder encoder(SigningKey key) {
		return WxJwtEncoders.create(key);
	}

}
