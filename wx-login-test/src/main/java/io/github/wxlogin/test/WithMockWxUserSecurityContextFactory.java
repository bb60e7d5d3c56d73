package io.github.wxlogin.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.context.support.WithSecurityContextFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.authentication.WxJwtAuthenticationConverter;
import io.github.wxlogin.autoconfigure.WxLoginProperties;
import io.github.wxlogin.token.WxClaimNames;

/**
 * Builds the security context of {@link WithMockWxUser}: the claims of a real access
 * token, turned into an authentication by the starter's own
 * {@link WxJwtAuthenticationConverter}, so that the principal is the {@code WxPrincipal}
 * a bearer request has. Reads the application's {@link WxLoginProperties}, {@link WxApps}
 * and {@link Clock} when the test has a context.
 */
final class WithMockWxUserSecurityContextFactory
		implements WithSecurityContextFactory<WithMockWxUser>, BeanFactoryAware {

	/** The starter's default issuer ({@code wx.login.jwt.issuer}). */
	private static final String DEFAULT_ISSUER = "wx-login";

	/**
	 * The starter's default access token lifetime
	 * ({@code wx.login.jwt.access-token-ttl}).
	 */
	private static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(2);

	/**
	 * The starter's own converter (revocation, which is checked around it, does not apply
	 * here).
	 */
	private final WxJwtAuthenticationConverter authentications = new WxJwtAuthenticationConverter();

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public SecurityContext createSecurityContext(WithMockWxUser user) {
		Assert.hasText(user.openid(), "@WithMockWxUser openid must not be empty");
		WxLoginProperties properties = bean(WxLoginProperties.class);
		String appId = appId(user);
		String issuer = (properties != null) ? properties.jwt().issuer() : DEFAULT_ISSUER;
		String audience = (properties != null && properties.jwt().audience() != null) ? properties.jwt().audience()
				: appId;
		Duration timeToLive = (properties != null) ? properties.jwt().accessTokenTtl() : DEFAULT_TIME_TO_LIVE;
		Instant issuedAt = clock().instant();
		Jwt.Builder jwt = Jwt.withTokenValue("wx-mock-token")
			.header("alg", "none")
			.issuer(issuer)
			.subject(user.openid())
			.audience(List.of(audience))
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(timeToLive))
			.jti(randomId())
			.claim(WxClaimNames.APP_ID, appId)
			.claim(WxClaimNames.LOGIN_ID, randomId())
			.claim(WxClaimNames.SCOPE, scope(user.authorities()));
		if (StringUtils.hasText(user.unionid())) {
			jwt.claim(WxClaimNames.UNION_ID, user.unionid());
		}
		SecurityContext context = securityContextHolderStrategy().createEmptyContext();
		context.setAuthentication(this.authentications.convert(jwt.build()));
		return context;
	}

	private String appId(WithMockWxUser user) {
		if (StringUtils.hasText(user.appId())) {
			return user.appId();
		}
		WxApps apps = bean(WxApps.class);
		return (apps != null) ? ConfiguredApps.onlyAppId(apps) : AutoConfigureWxSimulator.DEFAULT_APP_ID;
	}

	/** As the starter's {@code WxJwtGenerator} writes {@code scope}. */
	private static String scope(String[] authorities) {
		return Arrays.stream(authorities)
			.filter(StringUtils::hasText)
			.map((authority) -> authority.startsWith("SCOPE_") ? authority.substring(6) : authority)
			.distinct()
			.collect(Collectors.joining(" "));
	}

	private static String randomId() {
		return UUID.randomUUID().toString();
	}

	private Clock clock() {
		return (this.beanFactory != null) ? this.beanFactory.getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC)
				: Clock.systemUTC();
	}

	private SecurityContextHolderStrategy securityContextHolderStrategy() {
		return (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(SecurityContextHolderStrategy.class)
					.getIfUnique(SecurityContextHolder::getContextHolderStrategy)
				: SecurityContextHolder.getContextHolderStrategy();
	}

	private <T> @Nullable T bean(Class<T> type) {
		return (this.beanFactory != null) ? this.beanFactory.getBeanProvider(type).getIfUnique() : null;
	}

}
