package io.github.wxlogin.token;

import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Builds the encoder that signs our access tokens with a {@link SigningKey}. Spring's
 * {@link NimbusJwtEncoder} selects RSA, EC and HMAC keys only, so Ed25519 ({@code EdDSA})
 * tokens are signed with Nimbus directly.
 */
public final class WxJwtEncoders {

	private WxJwtEncoders() {
	}

	/**
	 * @param key the key to sign with
	 * @return an encoder for headers with the key's {@code alg} (and {@code kid})
	 */
	public static JwtEncoder create(SigningKey key) {
		if (key.jwk() instanceof OctetKeyPair ed25519) {
			return new EdDsaJwtEncoder(ed25519);
		}
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key.jwk())));
	}

	private static final class EdDsaJwtEncoder implements JwtEncoder {

		private static final Set<String> HEADERS = Set.of("alg", "kid", "typ");

		private final Ed25519Signer signer;

		private final String keyId;

		EdDsaJwtEncoder(OctetKeyPair key) {
			try {
				this.signer = new Ed25519Signer(key);
			}
			catch (JOSEException ex) {
				throw new InvalidKeyException("holds an Ed25519 key that cannot be used");
			}
			this.keyId = Objects.requireNonNull(key.getKeyID());
		}

		@Override
		public Jwt encode(JwtEncoderParameters parameters) {
			JwsHeader headers = parameters.getJwsHeader();
			if (headers == null || !JWSAlgorithm.EdDSA.getName().equals(headers.getAlgorithm().getName())) {
				throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
						+ "this encoder signs with EdDSA only");
			}
			Set<String> unsupported = new HashSet<>(headers.getHeaders().keySet());
			unsupported.removeAll(HEADERS);
			if (!unsupported.isEmpty() || (headers.getKeyId() != null && !this.keyId.equals(headers.getKeyId()))) {
				throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
						+ "unsupported header " + unsupported + " or unknown kid");
			}
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(this.keyId);
			if (headers.getType() != null) {
				header.type(new JOSEObjectType(headers.getType()));
			}
			JwtClaimsSet claims = parameters.getClaims();
			JWTClaimsSet.Builder body = new JWTClaimsSet.Builder();
			claims.getClaims().forEach((name, value) -> body.claim(name, json(value)));
			SignedJWT jwt = new SignedJWT(header.build(), body.build());
			try {
				jwt.sign(this.signer);
			}
			catch (JOSEException ex) {
				throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
						+ ex.getMessage(), ex);
			}
			return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(),
					jwt.getHeader().toJSONObject(), claims.getClaims());
		}

		private static Object json(Object value) {
			if (value instanceof Instant instant) {
				return Date.from(instant);
			}
			if (value instanceof URL url) {
				return url.toExternalForm();
			}
			return value;
		}

	}

}
