package io.github.wxlogin.token;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder for our own access tokens. Each token's {@code kid} selects one of
 * the {@link VerificationKeys}, which accepts its own algorithm only, so
 * {@code alg: none}, algorithm confusion, an unknown or missing {@code kid} and the
 * {@code jku}/{@code jwk}/{@code x5u}/{@code x5c} header members get nowhere.
 * {@code iss}, {@code aud}, {@code exp} and {@code nbf} are checked with no clock skew:
 * we are the issuer. Only the canonical spelling of a token is accepted: base64url
 * without padding and with the unused bits of the last character zero (RFC 7515 §2, RFC
 * 4648 §3.5), so that one issued token has one accepted string.
 */
public final class WxJwtDecoders {

	private WxJwtDecoders() {
	}

	static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

	/**
	 * A decoder that accepts the signing key's tokens only.
	 * @see #create(VerificationKeys, String, Collection, Clock, List)
	 */
	public static JwtDecoder create(SigningKey key, String issuer, Collection<String> audiences, Clock clock,
			List<OAuth2TokenValidator<Jwt>> extraValidators) {
		return create(VerificationKeys.of(key, List.of()), issuer, audiences, clock, extraValidators);
	}

	/**
	 * @param keys the keys tokens are accepted with, by {@code kid}
	 * @param issuer the expected {@code iss}
	 * @param audiences the accepted {@code aud} values (one per configured app)
	 * @param clock the clock for {@code exp} and {@code nbf}
	 * @param extraValidators more checks, run after ours
	 * @throws UnusableKeyException if a key cannot be used
	 */
	public static JwtDecoder create(VerificationKeys keys, String issuer, Collection<String> audiences, Clock clock,
			List<OAuth2TokenValidator<Jwt>> extraValidators) {
		Map<String, PinnedKey> byKeyId = new HashMap<>();
		for (JWK key : keys.keys()) {
			try {
				byKeyId.put(key.getKeyID(),
						new PinnedKey(JWSAlgorithm.parse(key.getAlgorithm().getName()), JwsCrypto.verifier(key)));
			}
			catch (JOSEException ex) {
				throw new UnusableKeyException("kid " + key.getKeyID() + " cannot verify tokens");
			}
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector((header, context) -> {
			PinnedKey key = (header.getKeyID() != null) ? byKeyId.get(header.getKeyID()) : null;
			return (key != null && key.algorithm().equals(header.getAlgorithm())) ? List.of(key) : List.of();
		});
		processor.setJWSVerifierFactory(new DefaultJWSVerifierFactory() {
			@Override
			public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
				if (key instanceof PinnedKey pinned) {
					return pinned.verifier();
				}
				throw new JOSEException("Not one of our keys");
			}
		});
		// claims are checked by Spring's validators below
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		// exp is required (a customizer may have removed it) and, as RFC 7519 §4.1.4
		// says, the
		// current time must be before it: at exp itself a revocation may already be
		// forgotten
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP,
				(exp) -> exp != null && clock.instant().isBefore(exp)));
		validators.add(new JwtIssuerValidator(issuer));
		validators.add(audience(Set.copyOf(audiences)));
		validators.addAll(extraValidators);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return (token) -> {
			if (!isCanonical(token)) {
				throw new BadJwtException("An error occurred while attempting to decode the Jwt: Malformed token");
			}
			return decoder.decode(token);
		};
	}

	/**
	 * @return whether the token is three base64url parts as a JWS compact serialization
	 * writes them: no padding, nothing but the alphabet, no part whose length no encoding
	 * gives, and the unused low bits of each part's last character zero
	 */
	static boolean isCanonical(String token) {
		int length = token.length();
		int partStart = 0;
		int parts = 0;
		for (int i = 0; i <= length; i++) {
			if (i == length || token.charAt(i) == '.') {
				if (++parts > 3 || !isCanonicalPart(token, partStart, i)) {
					return false;
				}
				partStart = i + 1;
			}
			else if (BASE64URL[token.charAt(i) & 0x7f] < 0 || token.charAt(i) > 0x7f) {
				return false;
			}
		}
		return parts == 3;
	}

	private static boolean isCanonicalPart(String token, int start, int end) {
		int length = end - start;
		if (length == 0) {
			return false;
		}
		int lastBits = switch (length % 4) {
			case 0 -> 0;
			case 2 -> 0x0f; // one byte in the last group: 4 unused bits
			case 3 -> 0x03; // two bytes: 2 unused bits
			default -> -1; // a single character encodes no byte
		};
		return lastBits >= 0 && (BASE64URL[token.charAt(end - 1)] & lastBits) == 0;
	}

	private static final byte[] BASE64URL = new byte[128];

	static {
		java.util.Arrays.fill(BASE64URL, (byte) -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < alphabet.length(); i++) {
			BASE64URL[alphabet.charAt(i)] = (byte) i;
		}
	}

	private static OAuth2TokenValidator<Jwt> audience(Set<String> accepted) {
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			boolean ok = audience != null && audience.stream().anyMatch(accepted::contains);
			return ok ? OAuth2TokenValidatorResult.success() : failure("The aud claim is not valid");
		};
	}

	/**
	 * One of our keys with its algorithm and its verifier, as the {@link Key} Nimbus
	 * passes from the key selector to the verifier factory.
	 */
	private record PinnedKey(JWSAlgorithm algorithm, JWSVerifier verifier) implements Key {

		@Override
		public String getAlgorithm() {
			return this.algorithm.getName();
		}

		@Override
		public String getFormat() {
			return "JWK";
		}

		@Override
		public byte[] getEncoded() {
			return new byte[0];
		}

	}

}
