package io.github.wxlogin.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import io.github.wxlogin.store.MutableClock;
import io.github.wxlogin.store.caffeine.CaffeineRefreshTokenStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WxJwtDecodersTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private static final Duration TTL = Duration.ofHours(2);

	private static final SigningKey ES256 = SigningKey.generate();

	private static final SigningKey RS256 = TestKeys.rs256();

	private static final SigningKey EDDSA = TestKeys.edDsa();

	private static final SigningKey HS256 = TestKeys.hs256();

	private final MutableClock clock = new MutableClock(NOW);

	private final Authentication principal = UsernamePasswordAuthenticationToken.authenticated("o-openid-1", null,
			AuthorityUtils.createAuthorityList("ROLE_USER", "SCOPE_read"));

	// --- the tokens we issue

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenIssuedByUsThenAccepted(String name, SigningKey key) {
		Jwt jwt = decoder(key).decode(issue(key, List.of()));
		assertThat(jwt.getSubject()).isEqualTo("o-openid-1");
		assertThat(jwt.getHeaders()).containsEntry("alg", name).containsEntry("kid", key.keyId());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenCraftedWithOurKeyAndKidThenAccepted(String name, SigningKey key) throws Exception {
		// the control for the crafted attacks below: the crafting itself is sound
		String token = sign(header(key).keyID(key.keyId()).build(), claims(), signer(key));
		assertThat(decoder(key).decode(token).getSubject()).isEqualTo("o-openid-1");
	}

	@Test
	void decodeWhenOneOfSeveralAudiencesThenAccepted() {
		String token = issue(ES256, List.of(), "wxapp2");
		JwtDecoder decoder = WxJwtDecoders.create(ES256, "wx-login", Set.of("wxapp1", "wxapp2"), this.clock, List.of());
		assertThat(decoder.decode(token).getAudience()).containsExactly("wxapp2");
	}

	// --- one accepted spelling per token

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenAnotherSpellingOfAnIssuedTokenThenRejected(String name, SigningKey key) throws Exception {
		String token = issue(key, List.of());
		String[] parts = token.split("\\.");
		String signature = parts[2];
		char last = signature.charAt(signature.length() - 1);
		// the last character's unused low bits set: decodes to the same bytes
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		String otherLast = signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) + 1);
		List<String> spellings = List.of(parts[0] + "." + parts[1] + "." + otherLast,
				parts[0] + "." + parts[1] + "." + signature + "=", parts[0] + "." + parts[1] + "." + signature + "==",
				parts[0] + "=." + parts[1] + "." + signature);
		// the control: Nimbus alone accepts the changed signatures, as it accepted them
		// before
		JWK verificationKey = key.verificationJwk();
		JWSVerifier plain = switch (name) {
			case "ES256" -> new ECDSAVerifier(verificationKey.toECKey());
			case "RS256" -> new RSASSAVerifier(verificationKey.toRSAKey());
			case "EdDSA" -> new Ed25519Verifier(verificationKey.toOctetKeyPair());
			default -> new MACVerifier(verificationKey.toOctetSequenceKey());
		};
		assertThat(SignedJWT.parse(spellings.get(0)).verify(plain)).isTrue();
		assertThat(SignedJWT.parse(spellings.get(1)).verify(plain)).isTrue();
		for (String spelling : spellings) {
			assertRejected(key, spelling);
		}
		assertThat(decoder(key).decode(token).getSubject()).isEqualTo("o-openid-1");
	}

	@Test
	void isCanonicalWhenBase64UrlPartsThenOnlyTheUnpaddedCanonicalForm() {
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQ")).isTrue();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQI")).isTrue();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQID")).isTrue();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AR")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQJ")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.A")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQ.AQ")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.AQ==")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e3+0.AQ")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.A\u0141")).isFalse();
		assertThat(WxJwtDecoders.isCanonical("eyJ9.e30.A\u00c1")).isFalse();
	}

	@Test
	void decodeWhenVerifiedThenApplicationsProviderListUnchanged() {
		List<String> before = java.util.Arrays.stream(java.security.Security.getProviders())
			.map(java.security.Provider::getName)
			.toList();
		decoder(ES256).decode(issue(ES256, List.of()));
		decoder(EDDSA).decode(issue(EDDSA, List.of()));
		assertThat(java.util.Arrays.stream(java.security.Security.getProviders()).map(java.security.Provider::getName))
			.containsExactlyElementsOf(before);
	}

	@Test
	void decodeWhenSignedWithAPreviousKeyThenAcceptedByItsKidOnly() throws Exception {
		VerificationKeys keys = VerificationKeys.of(ES256, List.of(RS256.verificationJwk(), EDDSA.verificationJwk()));
		JwtDecoder decoder = WxJwtDecoders.create(keys, "wx-login", Set.of("wxapp1"), this.clock, List.of());
		assertThat(decoder.decode(issue(RS256, List.of())).getSubject()).isEqualTo("o-openid-1");
		assertThat(decoder.decode(issue(EDDSA, List.of())).getSubject()).isEqualTo("o-openid-1");
		assertThat(decoder.decode(issue(ES256, List.of())).getSubject()).isEqualTo("o-openid-1");
		// an RS256 token under the Ed25519 key's kid, or an ES256 one under the RSA key's
		String swapped = sign(header(RS256).keyID(EDDSA.keyId()).build(), claims(), signer(RS256));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(swapped));
		String es256UnderRsaKid = sign(header(ES256).keyID(RS256.keyId()).build(), claims(), signer(ES256));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(es256UnderRsaKid));
	}

	// --- signature and key attacks

	@ParameterizedTest(name = "{0}")
	@MethodSource("keysWithTwins")
	void decodeWhenSignedByAnotherKeyWithOurKidThenRejected(String name, SigningKey key, SigningKey other)
			throws Exception {
		String token = sign(header(key).keyID(key.keyId()).build(), claims(), signer(other));
		assertRejected(key, token);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenPayloadTamperedThenRejected(String name, SigningKey key) {
		String[] parts = issue(key, List.of()).split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String tampered = payload.replace("o-openid-1", "o-openid-2");
		assertThat(tampered).isNotEqualTo(payload);
		assertRejected(key, parts[0] + "." + base64Url(tampered) + "." + parts[2]);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenAlgNoneThenRejected(String name, SigningKey key) {
		String payload = base64Url(claims().toString());
		for (String alg : List.of("none", "None", "NONE", "nOnE")) {
			String header = base64Url("{\"alg\":\"" + alg + "\",\"kid\":\"" + key.keyId() + "\",\"typ\":\"JWT\"}");
			assertRejected(key, header + "." + payload + ".");
		}
		// with the signature of a genuine token left on
		String genuine = issue(key, List.of());
		String header = base64Url("{\"alg\":\"none\",\"kid\":\"" + key.keyId() + "\"}");
		assertRejected(key, header + "." + genuine.split("\\.")[1] + "." + genuine.split("\\.")[2]);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keyPairs")
	void decodeWhenHs256SignedWithOurPublicKeyThenRejected(String name, SigningKey key) throws Exception {
		JWK publicJwk = key.publicJwkSet().getKeys().get(0);
		byte[] der = switch (publicJwk.getKeyType().getValue()) {
			case "EC" -> publicJwk.toECKey().toPublicKey().getEncoded();
			case "RSA" -> publicJwk.toRSAKey().toPublicKey().getEncoded();
			default -> publicJwk.toOctetKeyPair().getDecodedX();
		};
		List<byte[]> secrets = List.of(der, pem(der).getBytes(StandardCharsets.US_ASCII),
				publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8));
		for (byte[] secret : secrets) {
			if (secret.length < 32) {
				secret = (new String(secret, StandardCharsets.ISO_8859_1).repeat(2))
					.getBytes(StandardCharsets.ISO_8859_1);
			}
			String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.keyId()).build(), claims(),
					new MACSigner(secret));
			assertRejected(key, token);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keyPairs")
	void decodeWhenHs256AnySecretWhileServerUsesKeyPairThenRejected(String name, SigningKey key) throws Exception {
		String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.keyId()).build(), claims(),
				new MACSigner("any secret of at least thirty-two bytes, really"));
		assertRejected(key, token);
		String withoutKid = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims(),
				new MACSigner("any secret of at least thirty-two bytes, really"));
		assertRejected(key, withoutKid);
	}

	@Test
	void decodeWhenServerUsesHs256AndTokenSignedWithKeyPairThenRejected() throws Exception {
		for (SigningKey attacker : List.of(SigningKey.generate(), RS256, EDDSA)) {
			String token = sign(header(attacker).keyID(HS256.keyId()).build(), claims(), signer(attacker));
			assertRejected(HS256, token);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenUnknownKidThenRejectedEvenWithOurSignature(String name, SigningKey key) throws Exception {
		String token = sign(header(key).keyID("some-other-key").build(), claims(), signer(key));
		assertRejected(key, token);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenKidMissingThenRejectedEvenWithOurSignature(String name, SigningKey key) throws Exception {
		String token = sign(header(key).build(), claims(), signer(key));
		assertRejected(key, token);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keyPairsWithTwins")
	void decodeWhenJwkHeaderCarriesAttackerKeyThenRejected(String name, SigningKey key, SigningKey attacker)
			throws Exception {
		JWK attackerPublic = attacker.publicJwkSet().getKeys().get(0);
		for (String kid : List.of(key.keyId(), attacker.keyId())) {
			String token = sign(header(key).keyID(kid).jwk(attackerPublic).build(), claims(), signer(attacker));
			assertRejected(key, token);
		}
		// without kid: the embedded key must not be picked either
		assertRejected(key, sign(header(key).jwk(attackerPublic).build(), claims(), signer(attacker)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keyPairsWithTwins")
	void decodeWhenJkuOrX5uHeaderPointsElsewhereThenRejected(String name, SigningKey key, SigningKey attacker)
			throws Exception {
		URI elsewhere = URI.create("https://attacker.invalid/.well-known/jwks.json");
		for (String kid : List.of(key.keyId(), attacker.keyId())) {
			assertRejected(key, sign(header(key).keyID(kid).jwkURL(elsewhere).build(), claims(), signer(attacker)));
			assertRejected(key,
					sign(header(key).keyID(kid).x509CertURL(elsewhere).build(), claims(), signer(attacker)));
		}
	}

	// --- claims

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenClockPastExpThenRejectedWithoutSkew(String name, SigningKey key) {
		String token = issue(key, List.of());
		Instant exp = NOW.plus(TTL);
		this.clock.set(exp.minusSeconds(1));
		assertThat(decoder(key).decode(token).getExpiresAt()).isEqualTo(exp);
		this.clock.set(exp.minusNanos(1));
		assertThat(decoder(key).decode(token).getSubject()).isEqualTo("o-openid-1");
		// RFC 7519 §4.1.4: the current time must be before exp
		this.clock.set(exp);
		assertRejected(key, token);
		this.clock.set(exp.plusMillis(1));
		assertRejected(key, token);
		this.clock.set(exp.plusSeconds(1));
		assertRejected(key, token);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void decodeWhenNotBeforeInFutureThenRejectedUntilThen(String name, SigningKey key) {
		WxTokenCustomizer notBefore = (context) -> context.claims().notBefore(NOW.plusSeconds(60));
		String token = issue(key, List.of(notBefore));
		assertRejected(key, token);
		this.clock.set(NOW.plusSeconds(59));
		assertRejected(key, token);
		this.clock.set(NOW.plusSeconds(61));
		assertThat(decoder(key).decode(token).getNotBefore()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void decodeWhenWrongIssuerThenRejected() {
		WxJwtGenerator other = new WxJwtGenerator(WxJwtEncoders.create(ES256), ES256, "someone-else",
				Function.identity(), TTL, List.of(), this.clock);
		assertRejected(ES256,
				other.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1")).getTokenValue());
		WxTokenCustomizer noIssuer = (context) -> context.claims().claims((claims) -> claims.remove("iss"));
		assertRejected(ES256, issue(ES256, List.of(noIssuer)));
	}

	@Test
	void decodeWhenWrongOrMissingAudienceThenRejected() {
		assertRejected(ES256, issue(ES256, List.of(), "wxapp2"));
		WxTokenCustomizer noAudience = (context) -> context.claims().claims((claims) -> claims.remove("aud"));
		assertRejected(ES256, issue(ES256, List.of(noAudience)));
	}

	@Test
	void decodeWhenExpMissingThenRejected() {
		// a token without exp would never expire
		WxTokenCustomizer noExp = (context) -> context.claims().claims((claims) -> claims.remove("exp"));
		assertRejected(ES256, issue(ES256, List.of(noExp)));
	}

	@Test
	void decodeWhenExtraValidatorFailsThenRejected() {
		String token = issue(ES256, List.of());
		JwtDecoder decoder = WxJwtDecoders.create(ES256, "wx-login", Set.of("wxapp1"), this.clock, List
			.of((jwt) -> OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
	}

	// --- not a JWT at all

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "abc", "a.b.c", "a.b", "..", "...", "eyJhbGciOiJFUzI1NiJ9.e30.", "eyJ.eyJ.eyJ" })
	void decodeWhenMalformedThenRejected(String token) {
		assertRejected(ES256, token);
	}

	@Test
	void decodeWhenRefreshTokenPresentedThenRejected() {
		RefreshTokenRotation rotation = new RefreshTokenRotation(new CaffeineRefreshTokenStore(100, this.clock),
				Duration.ofDays(30), this.clock);
		String refreshToken = rotation.start("wxapp1", "o-openid-1", null).value();
		for (SigningKey key : List.of(ES256, RS256, EDDSA, HS256)) {
			assertRejected(key, refreshToken);
		}
	}

	static Stream<Arguments> keys() {
		return Stream.of(Arguments.of("ES256", ES256), Arguments.of("RS256", RS256), Arguments.of("EdDSA", EDDSA),
				Arguments.of("HS256", HS256));
	}

	static Stream<Arguments> keyPairs() {
		return keys().filter((arguments) -> !((SigningKey) arguments.get()[1]).isSymmetric());
	}

	static Stream<Arguments> keysWithTwins() {
		return Stream.of(Arguments.of("ES256", ES256, SigningKey.generate()),
				Arguments.of("RS256", RS256, TestKeys.rs256()), Arguments.of("EdDSA", EDDSA, TestKeys.edDsa()),
				Arguments.of("HS256", HS256, TestKeys.hs256()));
	}

	static Stream<Arguments> keyPairsWithTwins() {
		return keysWithTwins().filter((arguments) -> !((SigningKey) arguments.get()[1]).isSymmetric());
	}

	private String issue(SigningKey key, List<WxTokenCustomizer> customizers) {
		return issue(key, customizers, "wxapp1");
	}

	private String issue(SigningKey key, List<WxTokenCustomizer> customizers, String audience) {
		WxJwtGenerator generator = new WxJwtGenerator(WxJwtEncoders.create(key), key, "wx-login", (appId) -> audience,
				TTL, customizers, this.clock);
		return generator.generate(WxTokenContext.login(this.principal, "wxapp1", null, "family-1")).getTokenValue();
	}

	private JwtDecoder decoder(SigningKey key) {
		return WxJwtDecoders.create(key, "wx-login", Set.of("wxapp1"), this.clock, List.of());
	}

	private void assertRejected(SigningKey key, String token) {
		assertThatExceptionOfType(JwtException.class).as(token).isThrownBy(() -> decoder(key).decode(token));
	}

	private static JWTClaimsSet claims() {
		return new JWTClaimsSet.Builder().subject("o-openid-1")
			.issuer("wx-login")
			.audience("wxapp1")
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plus(TTL)))
			.jwtID("jti-1")
			.claim("appid", "wxapp1")
			.claim("scope", "ROLE_USER")
			.build();
	}

	private static JWSHeader.Builder header(SigningKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().getName())).type(JOSEObjectType.JWT);
	}

	private static JWSSigner signer(SigningKey key) throws Exception {
		return new DefaultJWSSignerFactory().createJWSSigner(key.jwk(), JWSAlgorithm.parse(key.algorithm().getName()));
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String pem(byte[] der) {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END PUBLIC KEY-----\n";
	}

}
