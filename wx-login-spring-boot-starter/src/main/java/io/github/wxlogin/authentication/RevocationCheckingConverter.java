package io.github.wxlogin.authentication;

import java.util.Objects;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.AccessTokenRevocation;

/**
 * Refuses a verified access token that was revoked (logout, or its login revoked) before
 * handing it to the converter that makes the request's authentication: the starter's
 * {@link WxJwtAuthenticationConverter} or the application's own. Runs on every bearer
 * request, whether the signature was verified now or remembered.
 * <p>
 * Thread-safe.
 */
public final class RevocationCheckingConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final AccessTokenRevocation revocation;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> delegate;

	/**
	 * @param revocation tells whether a token was revoked
	 * @param delegate makes the authentication of a token that was not
	 */
	public RevocationCheckingConverter(AccessTokenRevocation revocation,
			Converter<Jwt, ? extends AbstractAuthenticationToken> delegate) {
		this.revocation = Objects.requireNonNull(revocation, "revocation");
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	/**
	 * @throws InvalidBearerTokenException when the token was revoked, or is not one of
	 * ours
	 * @throws WxLoginException ({@code store_unavailable}) when revocation cannot be
	 * checked
	 */
	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		boolean revoked;
		try {
			revoked = this.revocation.isRevoked(jwt);
		}
		catch (StoreUnavailableException ex) {
			throw WxLoginException.storeUnavailable();
		}
		if (revoked) {
			throw new InvalidBearerTokenException("The token was revoked");
		}
		try {
			return this.delegate.convert(jwt);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidBearerTokenException("The token is not one of ours");
		}
	}

}
