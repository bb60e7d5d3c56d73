package io.github.wxlogin.token;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SigningKeyTests {

	private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "k");

	@TempDir
	Path dir;

	@Test
	void fromPemWhenEcP256Pkcs8ThenEs256WithKidOfItsPublicKey() throws Exception {
		KeyPair pair = TestKeys.ec("secp256r1");
		String pem = TestKeys.pkcs8(pair);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		SigningKey key = load(pem);
		assertThat(key.algorithm().getName()).isEqualTo("ES256");
		assertThat(key.isSymmetric()).isFalse();
		assertThat(key.jwk()).isInstanceOf(ECKey.class);
		assertThat(key.jwk().isPrivate()).isTrue();
		assertThat(key.keyId()).isEqualTo(thumbprint(pair));
	}

	@Test
	void fromPemWhenEcP256Pkcs8WithoutPublicKeyThenKidOfDerivedPublicKey() throws Exception {
		KeyPair pair = TestKeys.ecOfJdk("secp256r1");
		SigningKey key = load(TestKeys.pkcs8(pair));
		assertThat(key.algorithm().getName()).isEqualTo("ES256");
		assertThat(key.keyId()).isEqualTo(thumbprint(pair));
	}

	@Test
	void fromPemWhenEcP256Sec1ThenEs256WithKidOfItsPublicKey() throws Exception {
		KeyPair pair = TestKeys.ec("secp256r1");
		String pem = TestKeys.traditional(pair);
		assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
		SigningKey key = load(pem);
		assertThat(key.algorithm().getName()).isEqualTo("ES256");
		assertThat(key.keyId()).isEqualTo(thumbprint(pair));
	}

	@Test
	void fromPemWhenEcP256Sec1WithoutPublicKeyThenEs256WithKidOfDerivedPublicKey() throws Exception {
		KeyPair pair = TestKeys.ecOfJdk("secp256r1");
		String pem = TestKeys.sec1WithoutPublicKey(pair);
		assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
		SigningKey key = load(pem);
		assertThat(key.algorithm().getName()).isEqualTo("ES256");
		assertThat(key.keyId()).isEqualTo(thumbprint(pair));
	}

	@Test
	void fromPemWhenSec1WithoutCurveThenInvalidKeyWithoutKeyMaterial() {
		// what BouncyCastle writes for a JDK key: neither curve nor public key, unusable
		String pem = TestKeys.traditional(TestKeys.ecOfJdk("secp256r1"));
		assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(pem))
			.satisfies((ex) -> assertNoKeyMaterial(ex.getMessage(), pem));
	}

	@Test
	void fromPemWhenSameEcKeyAsPkcs8AndSec1ThenSameKid() {
		KeyPair pair = TestKeys.ec("secp256r1");
		assertThat(load(TestKeys.pkcs8(pair)).keyId()).isEqualTo(load(TestKeys.traditional(pair)).keyId());
	}

	@Test
	void fromPemWhenRsa2048Pkcs8ThenRs256WithKidOfItsPublicKey() throws Exception {
		KeyPair pair = TestKeys.rsa(2048);
		String pem = TestKeys.pkcs8(pair);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		SigningKey key = load(pem);
		assertThat(key.algorithm().getName()).isEqualTo("RS256");
		assertThat(key.jwk()).isInstanceOf(RSAKey.class);
		String expected = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build().computeThumbprint().toString();
		assertThat(key.keyId()).isEqualTo(expected);
	}

	@Test
	void fromPemWhenRsa2048Pkcs1ThenRs256WithKidOfItsPublicKey() throws Exception {
		KeyPair pair = TestKeys.rsa(2048);
		String pem = TestKeys.traditional(pair);
		assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		SigningKey key = load(pem);
		assertThat(key.algorithm().getName()).isEqualTo("RS256");
		String expected = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build().computeThumbprint().toString();
		assertThat(key.keyId()).isEqualTo(expected);
	}

	@Test
	void fromPemWhenEd25519Pkcs8ThenEdDsaWithItsPublicKey() throws Exception {
		KeyPair pair = TestKeys.ed25519();
		SigningKey key = load(TestKeys.pkcs8(pair));
		assertThat(key.algorithm().getName()).isEqualTo("EdDSA");
		assertThat(key.isSymmetric()).isFalse();
		assertThat(key.jwk()).isInstanceOf(OctetKeyPair.class);
		OctetKeyPair okp = (OctetKeyPair) key.jwk();
		assertThat(okp.getCurve()).isEqualTo(Curve.Ed25519);
		// X.509 SubjectPublicKeyInfo of Ed25519 ends with the 32 raw public key bytes
		byte[] encoded = pair.getPublic().getEncoded();
		byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
		assertThat(okp.getX()).isEqualTo(Base64URL.encode(raw));
		assertThat(key.keyId()).isEqualTo(okp.computeThumbprint().toString());
	}

	@Test
	void fromPemWhenRsa1024ThenInvalidKey() {
		KeyPair pair = TestKeys.rsa(1024);
		for (String pem : List.of(TestKeys.pkcs8(pair), TestKeys.traditional(pair))) {
			assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(pem))
				.withMessageContaining("2048")
				.satisfies((ex) -> assertNoKeyMaterial(ex.getMessage(), pem));
		}
	}

	@Test
	void fromPemWhenEcP384ThenInvalidKey() {
		KeyPair pair = TestKeys.ec("secp384r1");
		for (String pem : List.of(TestKeys.pkcs8(pair), TestKeys.traditional(pair))) {
			assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(pem))
				.withMessageContaining("P-256")
				.satisfies((ex) -> assertNoKeyMaterial(ex.getMessage(), pem));
		}
	}

	@Test
	void fromPemWhenGarbageThenInvalidKeyWithoutTheContent() {
		String garbage = "this is no key at all: c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==\n";
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(garbage))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("c2VjcmV0").doesNotContain("no key at all"));
	}

	@Test
	void fromPemWhenPemBodyIsNotDerThenInvalidKeyWithoutTheBody() {
		String pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==\n-----END PRIVATE KEY-----\n";
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(pem))
			.satisfies((ex) -> assertNoKeyMaterial(ex.getMessage(), pem));
	}

	@Test
	void fromPemWhenPublicKeyThenInvalidKey() {
		String pem = TestKeys.publicKey(TestKeys.ec("secp256r1"));
		assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(pem))
			.satisfies((ex) -> assertNoKeyMaterial(ex.getMessage(), pem));
	}

	@Test
	void fromPemWhenEmptyFileThenInvalidKey() {
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> load(""));
	}

	@Test
	void fromPemWhenFileMissingThenInvalidKey() {
		FileSystemResource missing = new FileSystemResource(this.dir.resolve("missing.pem"));
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> SigningKey.fromPem(missing));
	}

	@Test
	void fromSecretWhen31BytesThenInvalidKeyWithoutTheSecret() {
		String secret = "0123456789abcdefghijklmnopqrstu";
		assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSize(31);
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> SigningKey.fromSecret(secret))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("0123456789"));
	}

	@Test
	void fromSecretWhen32BytesThenHs256WithEmptyPublicJwkSet() throws Exception {
		String secret = "0123456789abcdefghijklmnopqrstuv";
		assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSize(32);
		SigningKey key = SigningKey.fromSecret(secret);
		assertThat(key.algorithm().getName()).isEqualTo("HS256");
		assertThat(key.isSymmetric()).isTrue();
		assertThat(key.publicJwkSet().getKeys()).isEmpty();
		assertThat(key.publicJwkSet().toJSONObject(false).toString())
			.doesNotContain(Base64URL.encode(secret).toString());
		assertThat(key.keyId()).isEqualTo(key.jwk().computeThumbprint().toString());
	}

	@Test
	void fromSecretWhenCountingThenUtf8BytesNotCharacters() {
		// 11 characters of 3 UTF-8 bytes each: 33 bytes
		assertThat(SigningKey.fromSecret("密".repeat(11)).algorithm().getName()).isEqualTo("HS256");
		// 31 characters, 31 bytes
		assertThatExceptionOfType(UnusableKeyException.class).isThrownBy(() -> SigningKey.fromSecret("x".repeat(31)));
	}

	@Test
	void generateWhenCalledThenFreshEs256KeyEachTime() throws Exception {
		SigningKey one = SigningKey.generate();
		SigningKey two = SigningKey.generate();
		assertThat(one.algorithm().getName()).isEqualTo("ES256");
		assertThat(one.keyId()).isEqualTo(one.jwk().computeThumbprint().toString());
		assertThat(one.keyId()).isNotEqualTo(two.keyId());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void keyIdWhenAnyKeyThenRfc7638Thumbprint(String name, SigningKey key) throws Exception {
		assertThat(key.keyId()).isEqualTo(key.jwk().computeThumbprint().toString());
		assertThat(key.jwk().getKeyID()).isEqualTo(key.keyId());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keyPairs")
	void publicJwkSetWhenKeyPairThenOnePublicKeyWithKidAndNoPrivateMember(String name, SigningKey key)
			throws Exception {
		List<JWK> keys = key.publicJwkSet().getKeys();
		assertThat(keys).hasSize(1);
		JWK published = keys.get(0);
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getKeyID()).isEqualTo(key.keyId());
		assertThat(published.computeThumbprint().toString()).isEqualTo(key.keyId());
		assertThat(published.getAlgorithm().getName()).isEqualTo(key.algorithm().getName());
		// toJSONObject(false) would include private members if the set held any
		@SuppressWarnings("unchecked")
		Map<String, Object> json = ((List<Map<String, Object>>) key.publicJwkSet().toJSONObject(false).get("keys"))
			.get(0);
		assertThat(json).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("keys")
	void toStringWhenAnyKeyThenAlgAndKidButNoKeyMaterial(String name, SigningKey key) {
		String text = key.toString();
		assertThat(text).contains(key.algorithm().getName()).contains(key.keyId());
		for (String secret : privateValues(key.jwk())) {
			assertThat(text).doesNotContain(secret.substring(0, 12));
		}
		assertThat(privateValues(key.jwk())).isNotEmpty();
	}

	static Stream<Arguments> keys() {
		return Stream.concat(keyPairs(), Stream.of(Arguments.of("HS256", TestKeys.hs256())));
	}

	static Stream<Arguments> keyPairs() {
		return Stream.of(Arguments.of("ES256", SigningKey.generate()), Arguments.of("RS256", TestKeys.rs256()),
				Arguments.of("EdDSA", TestKeys.edDsa()));
	}

	private SigningKey load(String pem) {
		try {
			Path file = Files.createTempFile(this.dir, "key", ".pem");
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return SigningKey.fromPem(new FileSystemResource(file));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String thumbprint(KeyPair pair) throws Exception {
		return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build().computeThumbprint().toString();
	}

	private static List<String> privateValues(JWK jwk) {
		Map<String, Object> json = jwk.toJSONObject();
		return PRIVATE_MEMBERS.stream().map(json::get).filter(Objects::nonNull).map(Object::toString).toList();
	}

	/** No 16-character run of the PEM body shows up in the message. */
	private static void assertNoKeyMaterial(String message, String pem) {
		assertThat(message).isNotBlank();
		pem.lines().filter((line) -> !line.startsWith("-----") && line.length() >= 16).forEach((line) -> {
			for (int i = 0; i + 16 <= line.length(); i += 8) {
				assertThat(message).doesNotContain(line.substring(i, i + 16));
			}
		});
	}

}
