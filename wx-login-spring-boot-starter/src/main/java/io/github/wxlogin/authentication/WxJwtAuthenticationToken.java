package io.github.wxlogin.authentication;

import java.util.Collection;
import java.util.Objects;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authentication of a bearer request: Spring's {@link JwtAuthenticationToken} (so
 * code written for it keeps working: {@code getToken()}, {@code getTokenAttributes()},
 * the name is the openid) whose principal is the {@link WxPrincipal}, for
 * {@code @AuthenticationPrincipal WxPrincipal user}. Its builder keeps both, so that
 * Spring Security adding a factor authority does not lose the principal.
 */
public class WxJwtAuthenticationToken extends JwtAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final WxPrincipal principal;

	/**
	 * @param principal the user, with the verified token
	 * @param authorities what the user may do
	 */
	public WxJwtAuthenticationToken(WxPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
		super(principal.jwt(), authorities, principal.openid());
		this.principal = principal;
	}

	protected WxJwtAuthenticationToken(Builder builder) {
		super(builder);
		this.principal = Objects.requireNonNull(builder.principal, "principal");
	}

	/**
	 * @return the WeChat user
	 */
	@Override
	public WxPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds a {@link WxJwtAuthenticationToken} from another one, with changes.
	 */
	public static class Builder extends JwtAuthenticationToken.Builder<Builder> {

		private WxPrincipal principal;

		protected Builder(WxJwtAuthenticationToken token) {
			super(token);
			this.principal = token.principal;
		}

		/**
		 * @param principal a {@link WxPrincipal}, or the {@code Jwt} to take one from
		 */
		@Override
		public Builder principal(Object principal) {
			if (principal instanceof WxPrincipal user) {
				this.principal = user;
				return token(user.jwt());
			}
			super.principal(principal);
			this.principal = WxPrincipal.of((org.springframework.security.oauth2.jwt.Jwt) principal);
			return this;
		}

		@Override
		public WxJwtAuthenticationToken build() {
			return new WxJwtAuthenticationToken(this);
		}

	}

}
