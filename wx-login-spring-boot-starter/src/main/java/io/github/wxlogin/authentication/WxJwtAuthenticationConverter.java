package io.github.wxlogin.authentication;

import java.util.Collection;
import java.util.Objects;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import io.github.wxlogin.token.WxClaimNames;

/**
 * Turns a verified access token into the request's authentication, a
 * {@link WxJwtAuthenticationToken} whose principal is the {@link WxPrincipal} and whose
 * name is the openid. By default the {@code scope} claim becomes the authorities as they
 * are ({@code ROLE_USER} stays {@code ROLE_USER}), made by Spring's
 * {@link JwtAuthenticationConverter} (which adds its {@code FACTOR_BEARER}); set another
 * authorities converter to change it. Revocation is checked around it (see
 * {@link RevocationCheckingConverter}), whatever converter the application uses.
 * <p>
 * Thread-safe once configured.
 */
public final class WxJwtAuthenticationConverter implements Converter<Jwt, WxJwtAuthenticationToken> {

	/**
	 * Spring's, for the authorities exactly as it makes them (with its factor authority).
	 */
	private final JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();

	public WxJwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter scope = new JwtGrantedAuthoritiesConverter();
		scope.setAuthoritiesClaimName(WxClaimNames.SCOPE);
		scope.setAuthorityPrefix("");
		this.authorities.setJwtGrantedAuthoritiesConverter(scope);
	}

	/**
	 * @param authorities reads the authorities from a token (default: the {@code scope}
	 * claim, without prefix)
	 */
	public void setJwtGrantedAuthoritiesConverter(Converter<Jwt, Collection<GrantedAuthority>> authorities) {
		this.authorities.setJwtGrantedAuthoritiesConverter(Objects.requireNonNull(authorities, "authorities"));
	}

	/**
	 * @throws IllegalArgumentException when the token lacks {@code sub}, {@code appid} or
	 * {@code sid}
	 */
	@Override
	public WxJwtAuthenticationToken convert(Jwt jwt) {
		WxPrincipal principal = WxPrincipal.of(jwt);
		return new WxJwtAuthenticationToken(principal, this.authorities.convert(jwt).getAuthorities());
	}

}
