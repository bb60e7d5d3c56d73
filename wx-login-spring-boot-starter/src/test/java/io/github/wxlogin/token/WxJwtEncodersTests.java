package io.github.wxlogin.token;

import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

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
	void createWhenHeaderPointsElsewhereForAKeyThenRefusedButOwnMembersSigned() throws Exception {
		JwtEncoder encoder = WxJwtEncoders.create(this.key);
		JwtClaimsSet claims = JwtClaimsSet.builder().subject("o").build();
		for (String pointer : List.of("jku", "x5u", "crit")) {
			assertThatExceptionOfType(JwtEncodingException.class).as(pointer)
				.isThrownBy(() -> encoder.encode(JwtEncoderParameters
					.from(header(this.key).header(pointer, "https://attacker.example/keys").build(), claims)));
		}
		assertThatExceptionOfType(JwtEncodingException.class).isThrownBy(() -> encoder.encode(JwtEncoderParameters
			.from(header(this.key).jwk(this.key.jwk().toPublicJWK().toJSONObject()).build(), claims)));

		Jwt signed = encoder
			.encode(JwtEncoderParameters.from(header(this.key).header("wxv", "2").contentType("JWT").build(), claims));
		SignedJWT parsed = SignedJWT.parse(signed.getTokenValue());
		assertThat(parsed.getHeader().getCustomParam("wxv")).isEqualTo("2");
		assertThat(parsed.getHeader().getContentType()).isEqualTo("JWT");
		assertThat(parsed.getHeader().getKeyID()).isEqualTo(this.key.keyId());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void createWhenAnyKeyThenVerifiableByNimbusOnTheJdk(String name, SigningKey key) throws Exception {
		JwtClaimsSet claims = JwtClaimsSet.builder().subject("o-openid-1").expiresAt(NOW.plusSeconds(60)).build();
		Jwt jwt = WxJwtEncoders.create(key)
			.encode(JwtEncoderParameters.from(header(key).keyId(key.keyId()).build(), claims));

		// signed with BouncyCastle where the starter uses it; checked here with the JDK's
		// providers
		SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
		JWK verificationKey = key.verificationJwk();
		JWSVerifier verifier = switch (name) {
			case "ES256" -> new ECDSAVerifier(verificationKey.toECKey());
			case "RS256" -> new RSASSAVerifier(verificationKey.toRSAKey());
			case "EdDSA" -> new Ed25519Verifier(verificationKey.toOctetKeyPair());
			default -> new MACVerifier(verificationKey.toOctetSequenceKey());
		};
		assertThat(parsed.verify(verifier)).isTrue();
		assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo(key.algorithm().getName());
		assertThat(jwt.getSubject()).isEqualTo("o-openid-1");
	}

	@Test
	void createWhenEcKeyThenDeterministicSignatures() {
		SigningKey key = SigningKey.generate();
		JwtEncoder encoder = WxJwtEncoders.create(key);
		JwtEncoderParameters parameters = JwtEncoderParameters.from(header(key).keyId(key.keyId()).build(),
				JwtClaimsSet.builder().subject("o-openid-1").expiresAt(NOW.plusSeconds(60)).build());

		// RFC 6979: the nonce comes from the key and the message, not from a random
		// source
		assertThat(encoder.encode(parameters).getTokenValue()).isEqualTo(encoder.encode(parameters).getTokenValue());
	}

	@Test
	void createWhenEcKeyThenApplicationsProviderListUnchanged() {
		List<String> before = Arrays.stream(Security.getProviders()).map(Provider::getName).toList();

		WxJwtEncoders.create(SigningKey.generate())
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
					JwtClaimsSet.builder().subject("o").build()));

		assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName)).containsExactlyElementsOf(before)
			.doesNotContain("BC");
	}

	static Stream<Arguments> keys() {
		return Stream.of(Arguments.of("ES256", SigningKey.generate()), Arguments.of("RS256", TestKeys.rs256()),
				Arguments.of("EdDSA", TestKeys.edDsa()), Arguments.of("HS256", TestKeys.hs256()));
	}

	private static JwsHeader.Builder header(SigningKey key) {
		return JwsHeader.with(key.algorithm());
	}

}
