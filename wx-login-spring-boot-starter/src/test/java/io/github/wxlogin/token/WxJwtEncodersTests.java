package io.github.wxlogin.token;

import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WxJwtEncodersTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private final SigningKey key = TestKeys.edDsa();

	@Test
	void createWhenEd25519KeyThenSignsEdDsaVerifiableWithThePublicKey() throws Exception {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject("o-openid-1")
			.audience(List.of("wxapp1"))
			.issuedAt(NOW)
			.expiresAt(NOW.plusSeconds(60))
			.claim("seen", NOW.plusSeconds(5))
			.build();
		Jwt jwt = WxJwtEncoders.create(this.key)
			.encode(JwtEncoderParameters.from(header(this.key).keyId(this.key.keyId()).type("JWT").build(), claims));
		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		OctetKeyPair publicKey = (OctetKeyPair) this.key.publicJwkSet().getKeys().get(0);
		assertThat(parsed.verify(new Ed25519Verifier(publicKey))).isTrue();
		assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
		assertThat(parsed.getHeader().getKeyID()).isEqualTo(this.key.keyId());
		assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("o-openid-1");
		assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("wxapp1");
		assertThat(parsed.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
		assertThat(parsed.getJWTClaimsSet().toJSONObject().get("seen")).isEqualTo(NOW.plusSeconds(5).getEpochSecond());
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void createWhenEd25519KeyAndOtherAlgorithmRequestedThenJwtEncodingException() {
		JwtEncoder encoder = WxJwtEncoders.create(this.key);
		JwtClaimsSet claims = JwtClaimsSet.builder().subject("o").build();
		assertThatExceptionOfType(JwtEncodingException.class).isThrownBy(() -> encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims)));
		assertThatExceptionOfType(JwtEncodingException.class).isThrownBy(() -> encoder
			.encode(JwtEncoderParameters.from(header(this.key).keyId("someone-else").build(), claims)));
	}

	@Test
	void createWhenKeyPairOrSecretOtherThanEd25519ThenSpringsNimbusEncoder() {
		assertThat(WxJwtEncoders.create(SigningKey.generate())).isInstanceOf(NimbusJwtEncoder.class);
		assertThat(WxJwtEncoders.create(TestKeys.hs256())).isInstanceOf(NimbusJwtEncoder.class);
	}

	private static JwsHeader.Builder header(SigningKey key) {
		return JwsHeader.with(key.algorithm());
	}

}
