package io.github.wxlogin.token;

import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder for our own access tokens: pinned to the signing key's algorithm and
 * to its key (so {@code alg: none}, algorithm confusion, an unknown {@code kid} and the
 * {@code jku}/{@code jwk}/{@code x5u}/{@code x5c} header members get nowhere), with
 * {@code iss}, {@code aud}, {@code exp} and {@code nbf} checked and no clock skew: we are
 * the issuer.
 */
public final class WxJwtDecoders {

	private WxJwtDecoders() {
	}

	/**
	 * @param key the key tokens are signed with
	 * @param issuer the expected {@code iss}
	 * @param audiences the accepted {@code aud} values (one per configured app)
	 * @param clock the clock for {@code exp} and {@code nbf}
	 * @param extraValidators more checks, run after ours
	 */
	public static NimbusJwtDecoder create(SigningKey key, String issuer, Collection<String> audiences, Clock clock,
			List<OAuth2TokenValidator<Jwt>> extraValidators) {
		JWKSet keys = key.isSymmetric() ? new JWKSet(key.jwk()) : key.publicJwkSet();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		if (key.jwk() instanceof OctetKeyPair ed25519) {
			// Nimbus' key selector and verifier factory know no Ed25519 keys: pin ours by hand
			Ed25519PublicKey pinned = new Ed25519PublicKey(ed25519.toPublicJWK());
			processor.setJWSKeySelector((header, context) -> (JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
					&& (header.getKeyID() == null || header.getKeyID().equals(key.keyId()))) ? List.of(pinned)
							: List.of());
			processor.setJWSVerifierFactory(new DefaultJWSVerifierFactory() {
				@Override
				public JWSVerifier createJWSVerifier(JWSHeader header, Key candidate) throws JOSEException {
					if (candidate instanceof Ed25519PublicKey publicKey) {
						return new Ed25519Verifier(publicKey.jwk());
					}
					return super.createJWSVerifier(header, candidate);
				}
			});
		}
		else {
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
					JWSAlgorithm.parse(key.algorithm().getName()), new ImmutableJWKSet<>(keys)));
		}
		// claims are checked by Spring's validators below
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		// exp is required (a customizer may have removed it) and, as RFC 7519 §4.1.4 says, the
		// current time must be before it: at exp itself a revocation may already be forgotten
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP,
				(exp) -> exp != null && clock.instant().isBefore(exp)));
		validators.add(new JwtIssuerValidator(issuer));
		validators.add(audience(Set.copyOf(audiences)));
		validators.add(keyId(key.keyId()));
		validators.addAll(extraValidators);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> audience(Set<String> accepted) {
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			boolean ok = audience != null && audience.stream().anyMatch(accepted::contains);
			return ok ? OAuth2TokenValidatorResult.success() : failure("The aud claim is not valid");
		};
	}

	private static OAuth2TokenValidator<Jwt> keyId(String keyId) {
		return (jwt) -> keyId.equals(jwt.getHeaders().get("kid")) ? OAuth2TokenValidatorResult.success()
				: failure("The kid header is not valid");
	}

	/**
	 * Our Ed25519 public key, as the {@link Key} Nimbus passes from key selector to
	 * verifier factory.
	 */
	private record Ed25519PublicKey(OctetKeyPair jwk) implements PublicKey {

		@Override
		public String getAlgorithm() {
			return "Ed25519";
		}

		@Override
		public String getFormat() {
			return "JWK";
		}

		@Override
		public byte[] getEncoded() {
			return this.jwk.getDecodedX();
		}

	}

	static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
