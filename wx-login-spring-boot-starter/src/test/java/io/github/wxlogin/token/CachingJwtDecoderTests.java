package io.github.wxlogin.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.github.wxlogin.store.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	final AtomicInteger verifications = new AtomicInteger();

	/** Verifies "good-*" tokens (expiring in 60 s), refuses every other. */
	final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		Instant now = this.clock.instant();
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.subject("o-user")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60))
			.build();
	};

	@Test
	void decodeWhenSameTokenTwiceThenVerifiedOnce() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);

		Jwt first = decoder.decode("good-1");
		Jwt second = decoder.decode("good-1");

		assertSameToken(second, first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void decodeWhenRememberedThenEqualJwtWithEveryClaimAndHeader() {
		Instant now = this.clock.instant();
		Jwt verified = Jwt.withTokenValue("good-full")
			.header("alg", "ES256")
			.header("kid", "k1")
			.issuer("wx-login")
			.subject("oGZUI0egBJY1zhBYw2KhdUfwVJJE")
			.audience(List.of("wx-demo-sample"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60))
			.jti("A9q8m7eaFbcq5mp82ymsPg")
			.claim("appid", "wx-demo-sample")
			.claim("sid", "Q1w2e3r4t5y6u7i8o9p0aa")
			.claim("scope", "ROLE_USER ROLE_VIP")
			.claim("unionid", "联合-id")
			.claim("tenant", Map.of("id", 7))
			.claim("level", 3)
			.notBefore(now.minusMillis(1500))
			.build();
		CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> verified, 100, this.clock);

		decoder.decode("good-full");
		Jwt remembered = decoder.decode("good-full");

		assertSameToken(remembered, verified);
		assertThat(remembered.getClaims()).isEqualTo(verified.getClaims());
		assertThat(remembered.getAudience()).containsExactly("wx-demo-sample");
		assertThat(remembered.getNotBefore()).isEqualTo(now.minusMillis(1500));
	}

	@Test
	void decodeWhenTimesToTheMillisecondThenKeptExactlyAndFinerOnesNotRemembered() {
		Instant now = this.clock.instant();
		Jwt millis = Jwt.withTokenValue("good-ms")
			.header("alg", "ES256")
			.subject("o-user")
			.issuedAt(now.plusMillis(250))
			.expiresAt(now.plusMillis(60_750))
			.build();
		Jwt nanos = Jwt.withTokenValue("good-ns")
			.header("alg", "ES256")
			.expiresAt(now.plusNanos(60_000_000_001L))
			.build();
		CachingJwtDecoder decoder = new CachingJwtDecoder((token) -> {
			this.verifications.incrementAndGet();
			return token.equals("good-ms") ? millis : nanos;
		}, 100, this.clock);

		decoder.decode("good-ms");
		assertSameToken(decoder.decode("good-ms"), millis);
		decoder.decode("good-ns");
		assertSameToken(decoder.decode("good-ns"), nanos);

		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void decodeWhenTokenNotAsciiThenVerifiedEveryTime() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);

		decoder.decode("good-\u4e00");
		decoder.decode("good-\u4e00");

		assertThat(this.verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void decodeWhenAnotherTokenEndsLikeARememberedOneThenNotTakenForIt() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);
		String tail = ".same-signature-tail-0123456789";
		Jwt remembered = decoder.decode("good-a" + tail);

		// same length, same signature tail: keyed by a digest of the whole token
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("fake-a" + tail));
		Jwt other = decoder.decode("good-b" + tail);

		assertThat(other.getTokenValue()).isEqualTo("good-b" + tail);
		assertSameToken(decoder.decode("good-a" + tail), remembered);
		assertSameToken(decoder.decode("good-b" + tail), other);
		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void decodeWhenTokenFailedThenNeverRememberedAsGood() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));

		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void decodeWhenRememberedTokenReachesItsExpiryThenRefused() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);
		decoder.decode("good-2");

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(decoder.decode("good-2").getSubject()).isEqualTo("o-user");
		this.clock.advance(Duration.ofSeconds(1));

		// at exp the entry is gone: the token goes to the verifier again, which decides
		// anew
		decoder.decode("good-2");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void decodeWhenManyTokensThenBoundedInSize() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 10, this.clock);
		for (int i = 0; i < 1000; i++) {
			decoder.decode("good-" + i);
		}
		this.verifications.set(0);
		for (int i = 0; i < 1000; i++) {
			decoder.decode("good-" + i);
		}
		assertThat(this.verifications.get()).isGreaterThan(900);
	}

	private static void assertSameToken(Jwt actual, Jwt expected) {
		assertThat(actual.getTokenValue()).isEqualTo(expected.getTokenValue());
		assertThat(actual.getHeaders()).isEqualTo(expected.getHeaders());
		assertThat(actual.getClaims()).isEqualTo(expected.getClaims());
		assertThat(actual.getIssuedAt()).isEqualTo(expected.getIssuedAt());
		assertThat(actual.getExpiresAt()).isEqualTo(expected.getExpiresAt());
	}

}
