package io.github.wxlogin.token;

import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
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
 * Builds the encoder that signs our access tokens with a {@link SigningKey}, through
 * Nimbus with the signer of {@link JwsCrypto} (BouncyCastle for EC and Ed25519, handed to
 * the signer alone; the JDK for RSA and HMAC). Spring's {@link NimbusJwtEncoder} would
 * pick the JDK's slow EC signer and knows no Ed25519 keys.
 */
public final class WxJwtEncoders {

	private WxJwtEncoders() {
	}

	/**
	 * @param key the key to sign with
	 * @return an encoder for headers with the key's {@code alg} (and {@code kid})
	 */
	public static JwtEncoder create(SigningKey key) {
		return new SignerJwtEncoder(key);
	}

	/**
	 * Signs with one key: headers {@code alg} (the key's), {@code kid} (the key's),
	 * {@code typ}, {@code cty} and members of the application's own; any other registered
	 * JOSE header ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}, {@code crit}, ...)
	 * is refused, since verifiers must not be pointed elsewhere for a key.
	 */
	private static final class SignerJwtEncoder implements JwtEncoder {

		private static final Set<String> HEADERS = Set.of("alg", "kid", "typ", "cty");

		private final JWSSigner signer;

		private final JWSAlgorithm algorithm;

		private final String keyId;

		SignerJwtEncoder(SigningKey key) {
			try {
				this.signer = JwsCrypto.signer(key.jwk());
			}
			catch (JOSEException ex) {
				throw new UnusableKeyException("holds a key that cannot sign");
			}
			this.algorithm = JWSAlgorithm.parse(key.algorithm().getName());
			this.keyId = key.keyId();
		}

		@Override
		public Jwt encode(JwtEncoderParameters parameters) {
			JwsHeader headers = parameters.getJwsHeader();
			if (headers == null || !this.algorithm.getName().equals(headers.getAlgorithm().getName())) {
				throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
						+ "this encoder signs with " + this.algorithm + " only");
			}
			Set<String> unsupported = new HashSet<>(headers.getHeaders().keySet());
			unsupported.removeAll(HEADERS);
			Set<String> custom = new HashSet<>(unsupported);
			custom.removeAll(JWSHeader.getRegisteredParameterNames());
			unsupported.removeAll(custom);
			if (!unsupported.isEmpty() || (headers.getKeyId() != null && !this.keyId.equals(headers.getKeyId()))) {
				throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: "
						+ "unsupported header " + unsupported + " or unknown kid");
			}
			JWSHeader.Builder header = new JWSHeader.Builder(this.algorithm).keyID(this.keyId);
			if (headers.getType() != null) {
				header.type(new JOSEObjectType(headers.getType()));
			}
			if (headers.getContentType() != null) {
				header.contentType(headers.getContentType());
			}
			for (String name : custom) {
				header.customParam(name, json(headers.getHeaders().get(name)));
			}
			JwtClaimsSet claims = parameters.getClaims();
			JWTClaimsSet.Builder body = new JWTClaimsSet.Builder();
			claims.getClaims().forEach((name, value) -> body.claim(name, json(value)));
			SignedJWT jwt = new SignedJWT(header.build(), body.build());
			try {
				jwt.sign(this.signer);
			}
			catch (JOSEException ex) {
				throw new JwtEncodingException(
						"An error occurred while attempting to encode the Jwt: " + ex.getMessage(), ex);
			}
			return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), jwt.getHeader().toJSONObject(),
					claims.getClaims());
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
