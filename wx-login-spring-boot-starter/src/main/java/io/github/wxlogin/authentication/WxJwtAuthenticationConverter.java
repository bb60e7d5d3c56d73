package io.github.wxlogin.authentication;

import java.util.Objects;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.AccessTokenRevocation;
import io.github.wxlogin.token.WxAccessTokenGenerator;

/**
 * Turns a verified access token into the request's authentication, refusing it when it was
 * revoked (logout, or its login revoked): the {@code scope} claim becomes the authorities
 * as they are ({@code ROLE_USER} stays {@code ROLE_USER}) and the name is {@code sub}, the
 * openid. Runs on every bearer request, whether the signature was verified now or
 * remembered.
 * <p>
 * Thread-safe.
 */
public final class WxJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final JwtAuthenticationConverter delegate = new JwtAuthenticationConverter();

	private final AccessTokenRevocation revocation;

	public WxJwtAuthenticationConverter(AccessTokenRevocation revocation) {
		this.revocation = Objects.requireNonNull(revocation, "revocation");
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(WxAccessTokenGenerator.SCOPE_CLAIM);
		authorities.setAuthorityPrefix("");
		this.delegate.setJwtGrantedAuthoritiesConverter(authorities);
	}

	/**
	 * @throws InvalidBearerTokenException when the token was revoked
	 * @throws StoreUnavailableLoginException when revocation cannot be checked
	 */
	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		boolean revoked;
		try {
			revoked = this.revocation.isRevoked(jwt);
		}
		catch (StoreUnavailableException ex) {
			throw new StoreUnavailableLoginException(WxApiFailures.UNAVAILABLE_RETRY_AFTER);
		}
		if (revoked) {
			throw new InvalidBearerTokenException("The token was revoked");
		}
		return this.delegate.convert(jwt);
	}

}
