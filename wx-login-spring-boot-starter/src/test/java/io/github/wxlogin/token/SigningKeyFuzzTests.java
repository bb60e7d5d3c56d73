package io.github.wxlogin.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link SigningKey#fromPem}: whatever the resource holds, the answer is a usable
 * key or an {@link UnusableKeyException} with one of the fixed messages, which hold
 * nothing of the input; never another exception.
 * <p>
 * Input: the first byte picks the mode. 0: the rest is the PEM text as read from the
 * resource. Otherwise: the rest is DER, Base64-encoded between the armor lines of the
 * label the first byte picks, so the fuzzer mutates the ASN.1 directly. Regression inputs
 * ({@code SigningKeyFuzzTestsInputs/fromPem/}) hold no usable private key except
 * throwaway ones with trivial scalars (d = 1, an all-zero Ed25519 seed).
 */
class SigningKeyFuzzTests {

	private static final List<String> LABELS = List.of("PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY",
			"ENCRYPTED PRIVATE KEY", "CERTIFICATE", "EC PARAMETERS", "RSA PUBLIC KEY");

	private static final List<String> MESSAGES = List.of("cannot be read as a PEM private key",
			"holds a private key that cannot be used",
			"holds no unencrypted private key (expected PEM PKCS#8, PKCS#1 or SEC1: EC P-256, RSA or Ed25519)",
			"holds an RSA key under 2048 bits", "holds an EC key that is not on curve P-256",
			"holds an unsupported key type (expected EC P-256, RSA or Ed25519)", "holds an EC key that cannot be used",
			"holds an Ed25519 key that cannot be used", "holds an RSA key without its public exponent");

	@FuzzTest(maxDuration = "30s")
	void fromPem(byte[] input) {
		if (input.length == 0) {
			return;
		}
		byte[] rest = Arrays.copyOfRange(input, 1, input.length);
		byte[] pem = (input[0] == 0) ? rest : armor(LABELS.get((input[0] & 0xff) % LABELS.size()), rest);
		SigningKey key;
		try {
			key = SigningKey.fromPem(new ByteArrayResource(pem));
		}
		catch (UnusableKeyException ex) {
			assertThat(ex.getMessage()).isIn(MESSAGES);
			return;
		}
		assertThat(key.keyId()).isNotBlank();
		assertThat(key.isSymmetric()).isFalse();
		assertThat(key.jwk().isPrivate()).isTrue();
		assertThat(key.publicJwkSet().getKeys()).singleElement()
			.satisfies((jwk) -> assertThat(jwk.isPrivate()).isFalse());
		assertThat(key.toString()).doesNotContain(key.jwk().toJSONString());
	}

	private static byte[] armor(String label, byte[] der) {
		String text = "-----BEGIN " + label + "-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n-----END " + label
				+ "-----\n";
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
