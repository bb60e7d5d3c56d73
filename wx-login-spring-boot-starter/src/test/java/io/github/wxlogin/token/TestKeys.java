package io.github.wxlogin.token;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.springframework.core.io.ByteArrayResource;

/**
 * Key pairs and their PEM forms, made in the test (no key material is checked in).
 */
final class TestKeys {

	private TestKeys() {
	}

	/**
	 * An EC key pair whose PKCS#8 and SEC1 forms carry the curve and the public key, as
	 * OpenSSL writes them.
	 */
	static KeyPair ec(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An EC key pair of the JDK, whose PKCS#8 form leaves out the public key.
	 */
	static KeyPair ecOfJdk(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * SEC1 {@code EC PRIVATE KEY} of P-256 with the curve but no public key
	 * ({@code openssl ec -no_public}).
	 */
	static String sec1WithoutPublicKey(KeyPair pair) {
		java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) pair.getPrivate();
		try {
			byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
					new X962Parameters(SECObjectIdentifiers.secp256r1))
				.getEncoded();
			return pem(new PemObject("EC PRIVATE KEY", der));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair ed25519() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** PKCS#8 {@code PRIVATE KEY}. */
	static String pkcs8(KeyPair pair) {
		try {
			return pem(new JcaPKCS8Generator(pair.getPrivate(), null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. */
	static String traditional(KeyPair pair) {
		return pem(pair);
	}

	/** X.509 {@code PUBLIC KEY}. */
	static String publicKey(KeyPair pair) {
		return pem(pair.getPublic());
	}

	static ByteArrayResource resource(String pem) {
		return new ByteArrayResource(pem.getBytes(StandardCharsets.US_ASCII));
	}

	static SigningKey rs256() {
		return SigningKey.fromPem(resource(pkcs8(rsa(2048))));
	}

	static SigningKey edDsa() {
		return SigningKey.fromPem(resource(pkcs8(ed25519())));
	}

	static SigningKey hs256() {
		return SigningKey.fromSecret("an HS256 secret of more than thirty-two bytes " + System.nanoTime());
	}

	private static String pem(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

}
