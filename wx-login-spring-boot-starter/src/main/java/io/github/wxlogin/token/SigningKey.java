package io.github.wxlogin.token;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The key that signs access tokens, with its algorithm and key id ({@code kid}, the RFC
 * 7638 SHA-256 thumbprint of the public key, or of the secret for HS256).
 * <p>
 * Supported: EC P-256 ({@code ES256}), RSA of at least 2048 bits ({@code RS256}), Ed25519
 * ({@code EdDSA}), each read from PEM in PKCS#8, PKCS#1 or SEC1 form, and an HS256 shared
 * secret of at least 32 bytes. {@link #toString()} never shows key material.
 */
public final class SigningKey {

	/** The smallest HS256 secret accepted, in bytes (RFC 7518 §3.2). */
	public static final int MIN_SECRET_BYTES = 32;

	private static final int MIN_RSA_BITS = 2048;

	private static final JwsAlgorithm EDDSA = () -> JWSAlgorithm.EdDSA.getName();

	private final JWK jwk;

	private final JwsAlgorithm algorithm;

	private final boolean symmetric;

	private SigningKey(JWK jwk, JwsAlgorithm algorithm, boolean symmetric) {
		this.jwk = jwk;
		this.algorithm = algorithm;
		this.symmetric = symmetric;
	}

	/**
	 * A fresh EC P-256 key, for when none is configured. Tokens signed with it do not
	 * survive a restart.
	 */
	public static SigningKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			return ec((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an EC P-256 key", ex);
		}
	}

	/**
	 * An HS256 key from a shared secret (its UTF-8 bytes).
	 * @throws UnusableKeyException if the secret is shorter than
	 * {@value #MIN_SECRET_BYTES} bytes
	 */
	public static SigningKey fromSecret(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new UnusableKeyException("must be at least " + MIN_SECRET_BYTES + " bytes");
		}
		try {
			OctetSequenceKey key = new OctetSequenceKey.Builder(bytes).algorithm(JWSAlgorithm.HS256)
				.keyUse(KeyUse.SIGNATURE)
				.keyIDFromThumbprint()
				.build();
			return new SigningKey(key, MacAlgorithm.HS256, true);
		}
		catch (JOSEException ex) {
			throw new UnusableKeyException("cannot be used as an HS256 key");
		}
	}

	/**
	 * A key pair from a PEM private key.
	 * @throws UnusableKeyException if the resource cannot be read or holds no supported
	 * private key; the message never holds key material
	 */
	public static SigningKey fromPem(Resource resource) {
		Object parsed = readPem(resource, "cannot be read as a PEM private key");
		try {
			if (parsed instanceof PEMKeyPair pair) {
				if (pair.getPublicKeyInfo() == null) {
					// SEC1 (RFC 5915) may leave out the public key: derive it
					return fromPrivateKey(new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo()), null);
				}
				KeyPair keyPair = new JcaPEMKeyConverter().getKeyPair(pair);
				return fromPrivateKey(keyPair.getPrivate(), keyPair.getPublic());
			}
			if (parsed instanceof PrivateKeyInfo info) {
				if (EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
					return ed25519(info);
				}
				return fromPrivateKey(new JcaPEMKeyConverter().getPrivateKey(info), null);
			}
		}
		catch (UnusableKeyException ex) {
			throw ex;
		}
		catch (IOException | GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
			throw new UnusableKeyException("holds a private key that cannot be used");
		}
		throw new UnusableKeyException(
				"holds no unencrypted private key (expected PEM PKCS#8, PKCS#1 or SEC1: EC P-256, RSA or Ed25519)");
	}

	/**
	 * The public JWK (with its {@code alg} and {@code kid}) of a PEM public key
	 * ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo) or of the public part of a PEM
	 * private key, for verifying tokens signed with it before a key rotation.
	 * @throws UnusableKeyException if the resource cannot be read or holds no supported
	 * key; the message never holds key material
	 */
	public static JWK publicJwkFromPem(Resource resource) {
		Object parsed = readPem(resource, "cannot be read as a PEM key");
		if (!(parsed instanceof SubjectPublicKeyInfo info)) {
			return fromPem(resource).publicJwk();
		}
		try {
			if (EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
				return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(info.getPublicKeyData().getOctets()))
					.algorithm(JWSAlgorithm.EdDSA)
					.keyUse(KeyUse.SIGNATURE)
					.keyIDFromThumbprint()
					.build();
			}
			PublicKey publicKey = new JcaPEMKeyConverter().getPublicKey(info);
			if (publicKey instanceof RSAPublicKey rsa) {
				if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
					throw new UnusableKeyException("holds an RSA key under " + MIN_RSA_BITS + " bits");
				}
				return new RSAKey.Builder(rsa).algorithm(JWSAlgorithm.RS256)
					.keyUse(KeyUse.SIGNATURE)
					.keyIDFromThumbprint()
					.build();
			}
			if (publicKey instanceof ECPublicKey ec && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
				return new ECKey.Builder(Curve.P_256, ec).algorithm(JWSAlgorithm.ES256)
					.keyUse(KeyUse.SIGNATURE)
					.keyIDFromThumbprint()
					.build();
			}
		}
		catch (UnusableKeyException ex) {
			throw ex;
		}
		catch (IOException | JOSEException | IllegalArgumentException ex) {
			throw new UnusableKeyException("holds a public key that cannot be used");
		}
		throw new UnusableKeyException("holds an unsupported key type (expected EC P-256, RSA or Ed25519)");
	}

	/** The first PEM object of the resource (null when it has none). */
	private static @Nullable Object readPem(Resource resource, String unreadable) {
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(reader)) {
			return parser.readObject();
		}
		catch (IOException | RuntimeException ex) {
			throw new UnusableKeyException(unreadable);
		}
	}

	private static SigningKey fromPrivateKey(PrivateKey privateKey, @Nullable PublicKey publicKey)
			throws GeneralSecurityException, JOSEException {
		if (privateKey instanceof RSAPrivateKey rsa) {
			if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
				throw new UnusableKeyException("holds an RSA key under " + MIN_RSA_BITS + " bits");
			}
			RSAPublicKey rsaPublic = (publicKey instanceof RSAPublicKey given) ? given : rsaPublic(rsa);
			RSAKey key = new RSAKey.Builder(rsaPublic).privateKey(rsa)
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.keyIDFromThumbprint()
				.build();
			return new SigningKey(key, SignatureAlgorithm.RS256, false);
		}
		if (privateKey instanceof ECPrivateKey ec) {
			if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
				throw new UnusableKeyException("holds an EC key that is not on curve P-256");
			}
			if (ec.getS().signum() <= 0 || ec.getS().compareTo(ec.getParams().getOrder()) >= 0) {
				// no key (its public key would be the point at infinity; found by
				// SigningKeyFuzzTests)
				throw new UnusableKeyException("holds an EC key that cannot be used");
			}
			ECPublicKey ecPublic = (publicKey instanceof ECPublicKey given) ? given : ecPublic(ec);
			return ec(ecPublic, ec);
		}
		throw new UnusableKeyException("holds an unsupported key type (expected EC P-256, RSA or Ed25519)");
	}

	private static SigningKey ec(ECPublicKey publicKey, ECPrivateKey privateKey) {
		try {
			ECKey key = new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey)
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.keyIDFromThumbprint()
				.build();
			return new SigningKey(key, SignatureAlgorithm.ES256, false);
		}
		catch (JOSEException ex) {
			throw new UnusableKeyException("holds an EC key that cannot be used");
		}
	}

	private static SigningKey ed25519(PrivateKeyInfo info) throws IOException {
		org.bouncycastle.asn1.ASN1OctetString octets = org.bouncycastle.asn1.ASN1OctetString
			.getInstance(info.parsePrivateKey());
		if (octets == null || octets.getOctets().length != Ed25519PrivateKeyParameters.KEY_SIZE) {
			// no seed, or one Bouncy Castle would copy past the end of (found by
			// SigningKeyFuzzTests)
			throw new UnusableKeyException("holds an Ed25519 key that cannot be used");
		}
		byte[] seed = octets.getOctets();
		Ed25519PrivateKeyParameters parameters = new Ed25519PrivateKeyParameters(seed, 0);
		try {
			OctetKeyPair key = new OctetKeyPair.Builder(Curve.Ed25519,
					Base64URL.encode(parameters.generatePublicKey().getEncoded()))
				.d(Base64URL.encode(parameters.getEncoded()))
				.algorithm(JWSAlgorithm.EdDSA)
				.keyUse(KeyUse.SIGNATURE)
				.keyIDFromThumbprint()
				.build();
			return new SigningKey(key, EDDSA, false);
		}
		catch (JOSEException ex) {
			throw new UnusableKeyException("holds an Ed25519 key that cannot be used");
		}
	}

	private static RSAPublicKey rsaPublic(RSAPrivateKey key) throws GeneralSecurityException {
		if (!(key instanceof RSAPrivateCrtKey crt)) {
			throw new UnusableKeyException("holds an RSA key without its public exponent");
		}
		return (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
	}

	private static ECPublicKey ecPublic(ECPrivateKey key) throws GeneralSecurityException {
		X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
		org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
		ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
		return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, key.getParams()));
	}

	/**
	 * @return the private (or secret) JWK, for signing only
	 */
	public JWK jwk() {
		return this.jwk;
	}

	/**
	 * @return the JWS algorithm tokens are signed, and only accepted, with
	 */
	public JwsAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * @return the key id ({@code kid})
	 */
	public String keyId() {
		return Objects.requireNonNull(this.jwk.getKeyID());
	}

	/**
	 * @return whether this is a shared secret (HS256), which has no public JWK set
	 */
	public boolean isSymmetric() {
		return this.symmetric;
	}

	/**
	 * @return the key that verifies this key's tokens: the public JWK, or for HS256 the
	 * secret itself
	 */
	public JWK verificationJwk() {
		return this.symmetric ? this.jwk : this.jwk.toPublicJWK();
	}

	/**
	 * @return the public JWK (public members only); for HS256, which has none, the secret
	 * key: use {@link #verificationJwk()}
	 */
	JWK publicJwk() {
		return this.jwk.toPublicJWK();
	}

	/**
	 * @return the public JWK set (public members only); empty for HS256
	 */
	public JWKSet publicJwkSet() {
		return this.symmetric ? new JWKSet() : new JWKSet(List.of(this.jwk.toPublicJWK()));
	}

	@Override
	public String toString() {
		return "SigningKey[alg=" + this.algorithm.getName() + ", kid=" + keyId() + "]";
	}

}
