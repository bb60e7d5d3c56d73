package io.github.wxlogin.token;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

import com.nimbusds.jose.CriticalHeaderParamsAware;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.BigIntegers;

/**
 * The Nimbus signers and verifiers of each key type. EC (ES256) runs on BouncyCastle: the
 * verifier is Nimbus' own, with BouncyCastle's provider handed to it through its JCA
 * context and never added to the JVM's provider list, so the application's own JCA setup
 * is unchanged; the signer is BouncyCastle's ECDSA with deterministic nonces. Both are
 * about ten times faster than the JDK's. Ed25519 (EdDSA) runs on BouncyCastle's Ed25519,
 * a few times faster than the pure-Java code Nimbus ships with. RSA (RS256) and HMAC
 * (HS256) stay on the JDK, which is fast at both.
 * <p>
 * The signers and verifiers are thread-safe and meant to be built once per key.
 */
final class JwsCrypto {

	/** One instance for the starter, private to it. */
	private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

	private JwsCrypto() {
	}

	/**
	 * @param key the private (or secret) key
	 * @return its signer
	 */
	static JWSSigner signer(JWK key) throws JOSEException {
		if (key instanceof ECKey ec) {
			return new DeterministicEs256Signer(ec);
		}
		if (key instanceof OctetKeyPair ed25519) {
			return new BouncyCastleEd25519Signer(ed25519);
		}
		if (key instanceof RSAKey rsa) {
			return new RSASSASigner(rsa);
		}
		if (key instanceof OctetSequenceKey secret) {
			return new MACSigner(secret);
		}
		throw new JOSEException("Unsupported key type " + key.getKeyType());
	}

	/**
	 * @param key the public (or secret) key
	 * @return its verifier
	 */
	static JWSVerifier verifier(JWK key) throws JOSEException {
		if (key instanceof ECKey ec) {
			ECDSAVerifier verifier = new ECDSAVerifier(bouncyCastle(ec.toECPublicKey()));
			verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
			return verifier;
		}
		if (key instanceof OctetKeyPair ed25519) {
			return new BouncyCastleEd25519Verifier(ed25519);
		}
		if (key instanceof RSAKey rsa) {
			return new RSASSAVerifier(rsa);
		}
		if (key instanceof OctetSequenceKey secret) {
			return new MACVerifier(secret);
		}
		throw new JOSEException("Unsupported key type " + key.getKeyType());
	}

	/**
	 * The key as BouncyCastle's own key object, so that its provider takes it as it is
	 * (and keeps what it precomputes for it) instead of converting it on every signature.
	 */
	private static ECPublicKey bouncyCastle(ECPublicKey key) throws JOSEException {
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC", BOUNCY_CASTLE)
				.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new JOSEException("Cannot use the EC public key", ex);
		}
	}

	/**
	 * Signs {@code ES256} with BouncyCastle's ECDSA and deterministic nonces (RFC 6979):
	 * no random number is drawn per token, so a weak or contended random source can
	 * neither slow signing down nor leak the key, and the signature is the {@code R || S}
	 * that JWS wants (RFC 7518 §3.4) without a DER round trip. Verifiers cannot tell it
	 * from any other ECDSA signature.
	 */
	private static final class DeterministicEs256Signer extends BaseJWSProvider implements JWSSigner {

		private static final int PART_LENGTH = 32;

		private final ECPrivateKeyParameters privateKey;

		DeterministicEs256Signer(ECKey key) throws JOSEException {
			super(Set.of(JWSAlgorithm.ES256));
			if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
				throw new JOSEException("Not a private EC P-256 key");
			}
			X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
			this.privateKey = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(),
					new ECDomainParameters(curve));
		}

		@Override
		public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
			if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
				throw new JOSEException("This signer signs ES256 only");
			}
			SHA256Digest sha256 = new SHA256Digest();
			byte[] hash = new byte[sha256.getDigestSize()];
			sha256.update(signingInput, 0, signingInput.length);
			sha256.doFinal(hash, 0);
			org.bouncycastle.crypto.signers.ECDSASigner signer = new org.bouncycastle.crypto.signers.ECDSASigner(
					new HMacDSAKCalculator(new SHA256Digest()));
			signer.init(true, this.privateKey);
			BigInteger[] rs = signer.generateSignature(hash);
			byte[] signature = new byte[2 * PART_LENGTH];
			BigIntegers.asUnsignedByteArray(rs[0], signature, 0, PART_LENGTH);
			BigIntegers.asUnsignedByteArray(rs[1], signature, PART_LENGTH, PART_LENGTH);
			return Base64URL.encode(signature);
		}

	}

	/**
	 * Signs {@code EdDSA} (Ed25519, RFC 8037) with BouncyCastle.
	 */
	private static final class BouncyCastleEd25519Signer extends BaseJWSProvider implements JWSSigner {

		private final Ed25519PrivateKeyParameters privateKey;

		BouncyCastleEd25519Signer(OctetKeyPair key) throws JOSEException {
			super(Set.of(JWSAlgorithm.EdDSA));
			if (!key.isPrivate()) {
				throw new JOSEException("The Ed25519 key has no private part");
			}
			this.privateKey = new Ed25519PrivateKeyParameters(key.getDecodedD(), 0);
		}

		@Override
		public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
			if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
				throw new JOSEException("This signer signs EdDSA only");
			}
			Ed25519Signer signer = new Ed25519Signer();
			signer.init(true, this.privateKey);
			signer.update(signingInput, 0, signingInput.length);
			return Base64URL.encode(signer.generateSignature());
		}

	}

	/**
	 * Verifies {@code EdDSA} (Ed25519, RFC 8037) with BouncyCastle; refuses, as Nimbus'
	 * verifiers do, a header with critical parameters it does not process.
	 */
	private static final class BouncyCastleEd25519Verifier extends BaseJWSProvider
			implements JWSVerifier, CriticalHeaderParamsAware {

		private static final int SIGNATURE_LENGTH = 64;

		private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

		private final Ed25519PublicKeyParameters publicKey;

		BouncyCastleEd25519Verifier(OctetKeyPair key) throws JOSEException {
			super(Set.of(JWSAlgorithm.EdDSA));
			try {
				this.publicKey = new Ed25519PublicKeyParameters(key.getDecodedX(), 0);
			}
			catch (RuntimeException ex) {
				throw new JOSEException("Cannot use the Ed25519 public key");
			}
		}

		@Override
		public Set<String> getProcessedCriticalHeaderParams() {
			return this.critical.getProcessedCriticalHeaderParams();
		}

		@Override
		public Set<String> getDeferredCriticalHeaderParams() {
			return this.critical.getDeferredCriticalHeaderParams();
		}

		@Override
		public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
			if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || !this.critical.headerPasses(header)) {
				return false;
			}
			byte[] bytes = signature.decode();
			if (bytes.length != SIGNATURE_LENGTH) {
				return false;
			}
			Ed25519Signer verifier = new Ed25519Signer();
			verifier.init(false, this.publicKey);
			verifier.update(signingInput, 0, signingInput.length);
			return verifier.verifySignature(bytes);
		}

	}

}
