package io.github.wxlogin.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;

/**
 * The keys access tokens are accepted with: the {@link SigningKey}, and the keys it
 * replaced that may still have live tokens (key rotation). Each is selected by the
 * token's {@code kid} and accepts its own algorithm only; only the signing key signs.
 * <p>
 * A key pair's set holds public keys only (of any supported type: EC P-256, RSA, Ed25519)
 * and is the published JWK set; an HS256 secret's set holds earlier secrets only and
 * publishes nothing. Immutable.
 */
public final class VerificationKeys {

	private final SigningKey signingKey;

	private final List<JWK> keys;

	private VerificationKeys(SigningKey signingKey, List<JWK> keys) {
		this.signingKey = signingKey;
		this.keys = keys;
	}

	/**
	 * @param signingKey the key tokens are signed with now
	 * @param previous keys tokens were signed with before: public (or private, whose
	 * public part is kept) JWKs with an {@code alg} and a {@code kid} for a key pair,
	 * secret JWKs for HS256
	 * @throws UnusableKeyException if a key is there twice, has no {@code kid} or
	 * {@code alg}, or is a secret next to a key pair (or a key pair next to a secret),
	 * which would let one algorithm be taken for another
	 */
	public static VerificationKeys of(SigningKey signingKey, List<JWK> previous) {
		Objects.requireNonNull(signingKey, "signingKey");
		List<JWK> keys = new ArrayList<>();
		keys.add(signingKey.verificationJwk());
		Set<String> keyIds = new HashSet<>();
		keyIds.add(signingKey.keyId());
		int index = 0;
		for (JWK key : previous) {
			boolean symmetric = key instanceof OctetSequenceKey;
			if (symmetric != signingKey.isSymmetric()) {
				throw new UnusableKeyException("[" + index + "] is " + (symmetric ? "a secret" : "a key pair")
						+ " while tokens are signed with " + (signingKey.isSymmetric() ? "a secret" : "a key pair"));
			}
			if (key.getKeyID() == null || key.getAlgorithm() == null) {
				throw new UnusableKeyException("[" + index + "] has no kid or no alg");
			}
			if (!keyIds.add(key.getKeyID())) {
				throw new UnusableKeyException("[" + index + "] is the signing key or another earlier key again");
			}
			keys.add(symmetric ? key : key.toPublicJWK());
			index++;
		}
		return new VerificationKeys(signingKey, List.copyOf(keys));
	}

	/**
	 * @return the key tokens are signed with now
	 */
	public SigningKey signingKey() {
		return this.signingKey;
	}

	/**
	 * @return every key tokens are accepted with, the signing key's first: public JWKs,
	 * or secret JWKs for HS256
	 */
	public List<JWK> keys() {
		return this.keys;
	}

	/**
	 * @return the public JWK set (public members only, each with its {@code kid}); empty
	 * for HS256
	 */
	public JWKSet publicJwkSet() {
		return this.signingKey.isSymmetric() ? new JWKSet() : new JWKSet(this.keys);
	}

	@Override
	public String toString() {
		return "VerificationKeys" + this.keys.stream().map(JWK::getKeyID).toList();
	}

}
