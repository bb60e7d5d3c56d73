package io.github.wxlogin.test;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxUser;
import io.github.wxlogin.authentication.WxUserAuthentication;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.WxTokenContext;
import io.github.wxlogin.token.WxTokenGenerator;

/**
 * MockMvc {@link RequestPostProcessor}s for applications using the wx-login starter.
 * <pre>{@code
 * import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
 *
 * mvc.perform(get("/api/me").with(wxBearer("o-alice"))).andExpect(status().isOk());
 * mvc.perform(get("/admin").with(wxBearer("o-bob").authorities("ROLE_ADMIN"))).andExpect(status().isOk());
 * }</pre>
 */
public final class WxLoginRequestPostProcessors {

	private WxLoginRequestPostProcessors() {
	}

	/**
	 * A real access token of a chosen user, as if the user had just logged in: signed by
	 * the application's own key and belonging to a new login of the application's store,
	 * for the application's only app, with {@code ROLE_USER} and no unionid unless
	 * configured otherwise.
	 * @param openid the user's openid
	 * @return the post-processor, to configure further
	 */
	public static WxBearerRequestPostProcessor wxBearer(String openid) {
		Assert.hasText(openid, "openid must not be empty");
		return new WxBearerRequestPostProcessor(openid, null, null, AuthorityUtils.createAuthorityList("ROLE_USER"));
	}

	/**
	 * Adds {@code Authorization: Bearer <access token>} to the request, with a token
	 * minted for each request by the application's {@link WxTokenGenerator} (its key,
	 * issuer, audience, lifetime and {@code WxTokenCustomizer}s) for a login started with
	 * its {@link RefreshTokenRotation}. The request then goes through the real bearer
	 * authentication: signature and claim checks, revocation (logout with the token
	 * revokes it), and the authorities read back from the token's {@code scope}. The
	 * application's {@code WxUserService} is not consulted: the user has the authorities
	 * given here.
	 * <p>
	 * Immutable: each method returns a new post-processor. The beans come from the
	 * request's {@link WebApplicationContext}, so MockMvc must be built from the
	 * application's context (as {@code @AutoConfigureMockMvc} does).
	 */
	public static final class WxBearerRequestPostProcessor implements RequestPostProcessor {

		private final String openid;

		private final @Nullable String appId;

		private final @Nullable String unionid;

		private final List<GrantedAuthority> authorities;

		private WxBearerRequestPostProcessor(String openid, @Nullable String appId, @Nullable String unionid,
				Collection<? extends GrantedAuthority> authorities) {
			this.openid = openid;
			this.appId = appId;
			this.unionid = unionid;
			this.authorities = List.copyOf(authorities);
		}

		/**
		 * The mini-program the user logged in to, needed when the application serves
		 * several.
		 * @param appId one of the application's app ids
		 * @return a post-processor for that app
		 */
		public WxBearerRequestPostProcessor appId(String appId) {
			Assert.hasText(appId, "appId must not be empty");
			return new WxBearerRequestPostProcessor(this.openid, appId, this.unionid, this.authorities);
		}

		/**
		 * The user's unionid, the token's {@code unionid} claim.
		 * @param unionid the unionid, or {@code null} for none
		 * @return a post-processor with that unionid
		 */
		public WxBearerRequestPostProcessor unionid(@Nullable String unionid) {
			return new WxBearerRequestPostProcessor(this.openid, this.appId, unionid, this.authorities);
		}

		/**
		 * The user's authorities, replacing {@code ROLE_USER}.
		 * @param authorities e.g. {@code "ROLE_USER", "ROLE_ADMIN"}
		 * @return a post-processor with those authorities
		 */
		public WxBearerRequestPostProcessor authorities(String... authorities) {
			return authorities(AuthorityUtils.createAuthorityList(Arrays.asList(authorities)));
		}

		/**
		 * The user's authorities, replacing {@code ROLE_USER}.
		 * @param authorities the authorities
		 * @return a post-processor with those authorities
		 */
		public WxBearerRequestPostProcessor authorities(Collection<? extends GrantedAuthority> authorities) {
			Objects.requireNonNull(authorities, "authorities");
			return new WxBearerRequestPostProcessor(this.openid, this.appId, this.unionid, authorities);
		}

		@Override
		public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
			WebApplicationContext context = WebApplicationContextUtils
				.getRequiredWebApplicationContext(request.getServletContext());
			WxApps apps = context.getBeanProvider(WxApps.class).getIfUnique();
			if (apps == null) {
				throw new IllegalStateException(
						"wxBearer needs the wx-login starter's beans: is wx.login.enabled false?");
			}
			String appId = (this.appId != null) ? this.appId : ConfiguredApps.onlyAppId(apps);
			try {
				apps.resolve(appId);
			}
			catch (WxLoginException ex) {
				throw new IllegalArgumentException("The application serves no app " + appId, ex);
			}
			String familyId = context.getBean(RefreshTokenRotation.class)
				.start(appId, this.openid, this.unionid)
				.familyId();
			WxUser user = WxUser.of(WxIdentity.of(appId, this.openid, this.unionid), this.authorities);
			String token = context.getBean(WxTokenGenerator.class)
				.generate(WxTokenContext.login(WxUserAuthentication.of(user), appId, this.unionid, familyId))
				.getTokenValue();
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		}

	}

}
