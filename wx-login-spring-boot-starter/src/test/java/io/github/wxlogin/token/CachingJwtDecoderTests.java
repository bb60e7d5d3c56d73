package io.github.wxlogin.token;

import java.time.Duration;
import java.time.Instant;
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

		assertThat(second).isSameAs(first);
		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void decodeWhenAnotherTokenEndsLikeARememberedOneThenNotTakenForIt() {
		CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifier, 100, this.clock);
		String tail = ".same-signature-tail-0123456789";
		Jwt remembered = decoder.decode("good-a" + tail);

		// same length, same last characters: hashed alike, but compared in full
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("fake-a" + tail));
		Jwt other = decoder.decode("good-b" + tail);

		assertThat(other.getTokenValue()).isEqualTo("good-b" + tail);
		assertThat(decoder.decode("good-a" + tail)).isSameAs(remembered);
		assertThat(decoder.decode("good-b" + tail)).isSameAs(other);
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

		// at exp the entry is gone: the token goes to the verifier again, which decides anew
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

}
