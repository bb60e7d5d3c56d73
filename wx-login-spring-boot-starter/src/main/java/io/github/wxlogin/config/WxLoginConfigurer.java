package io.github.wxlogin.config;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ObservationAuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.InvalidCodeException;
import io.github.wxlogin.authentication.InvalidTokenException;
import io.github.wxlogin.authentication.RefreshTokenAuthenticationProvider;
import io.github.wxlogin.authentication.RevocationCheckingConverter;
import io.github.wxlogin.authentication.WxJwtAuthenticationConverter;
import io.github.wxlogin.authentication.WxLoginAuthenticationProvider;
import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginEventPublisher;
import io.github.wxlogin.authentication.WxLoginLimits;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.VerificationKeys;
import io.github.wxlogin.token.AccessTokenRevocation;
import io.github.wxlogin.web.ClientAddressLimitFilter;
import io.github.wxlogin.web.FailureCountingHandler;
import io.github.wxlogin.web.JwkSetEndpointFilter;
import io.github.wxlogin.web.NotFoundFilter;
import io.github.wxlogin.web.ProblemAccessDeniedHandler;
import io.github.wxlogin.web.ProblemAuthenticationEntryPoint;
import io.github.wxlogin.web.ProblemAuthenticationFailureHandler;
import io.github.wxlogin.web.ProblemResponseWriter;
import io.github.wxlogin.web.WxLoginAuthenticationConverter;
import io.github.wxlogin.web.WxLoginEndpoints;
import io.github.wxlogin.web.WxLogoutFilter;
import io.github.wxlogin.web.WxPhoneNumberFilter;
import io.github.wxlogin.web.WxProfileFilter;
import io.github.wxlogin.web.WxRefreshAuthenticationConverter;
import io.github.wxlogin.web.WxTokenResponseSuccessHandler;

/**
 * Adds WeChat login to a {@link HttpSecurity} chain: <pre>
 * http.with(WxLoginConfigurer.wxLogin(), (wx) -&gt; {});
 * </pre> It makes the chain stateless (no HTTP session, no saved request), serves the
 * login, refresh, logout, phone-number and profile endpoints and the JWK set, and sets up
 * Spring's resource server to accept our access tokens ({@code scope} claim to
 * authorities, without a prefix), with problem+json answers for every failure.
 * Authorization rules stay the application's.
 * <p>
 * Each collaborator comes from this DSL, else from the unique bean of its type (the
 * starter's auto-configuration provides them all).
 */
public final class WxLoginConfigurer extends AbstractHttpConfigurer<WxLoginConfigurer, HttpSecurity> {

	private @Nullable WxLoginAuthenticationProvider authenticationProvider;

	private @Nullable JwtDecoder jwtDecoder;

	private @Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> jwtAuthenticationConverter;

	private @Nullable WxLoginEndpoints endpoints;

	private WxLoginConfigurer() {
	}

	/**
	 * @return a new configurer, for {@code http.with(wxLogin(), customizer)}
	 */
	public static WxLoginConfigurer wxLogin() {
		return new WxLoginConfigurer();
	}

	/**
	 * Use this provider instead of the {@link WxLoginAuthenticationProvider} bean.
	 */
	public WxLoginConfigurer authenticationProvider(WxLoginAuthenticationProvider authenticationProvider) {
		this.authenticationProvider = authenticationProvider;
		return this;
	}

	/**
	 * Verify bearer tokens with this decoder instead of the {@link JwtDecoder} bean.
	 */
	public WxLoginConfigurer jwtDecoder(JwtDecoder jwtDecoder) {
		this.jwtDecoder = jwtDecoder;
		return this;
	}

	/**
	 * Make the authentication of a bearer request with this converter instead of the
	 * application's {@code Converter<Jwt, AbstractAuthenticationToken>} bean or the
	 * starter's {@link WxJwtAuthenticationConverter}; revoked tokens are refused before
	 * it is called.
	 */
	public WxLoginConfigurer jwtAuthenticationConverter(
			Converter<Jwt, ? extends AbstractAuthenticationToken> jwtAuthenticationConverter) {
		Assert.notNull(jwtAuthenticationConverter, "jwtAuthenticationConverter cannot be null");
		this.jwtAuthenticationConverter = jwtAuthenticationConverter;
		return this;
	}

	/**
	 * Serve these paths instead of those of the {@link WxLoginEndpoints} bean.
	 */
	public WxLoginConfigurer endpoints(WxLoginEndpoints endpoints) {
		this.endpoints = endpoints;
		return this;
	}

	/**
	 * Called by {@code http.with(wxLogin(), ...)}: makes the chain stateless at once,
	 * before any configurer's {@code init}, because the session configurer chooses its
	 * security context repositories (an HTTP session one unless stateless) in its own
	 * {@code init}.
	 */
	@Override
	public void setBuilder(HttpSecurity http) {
		super.setBuilder(http);
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
	}

	@Override
	public void init(HttpSecurity http) {
		ProblemResponseWriter problems = problems(http);
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
		WxLoginEndpoints paths = endpoints(http);
		// an application may have set another policy after with(): stateless wins. (The
		// session configurer's own init has already run; with() made it stateless in
		// time.)
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.setSharedObject(SecurityContextRepository.class, new RequestAttributeSecurityContextRepository());
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		// token endpoints take no cookie, so need no CSRF token; never re-enable CSRF an
		// app turned off
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(post(paths.loginPath()), post(paths.refreshPath()));
		}
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		http.oauth2ResourceServer((resourceServer) -> resourceServer
			.jwt((jwt) -> jwt.decoder(jwtDecoder(http))
				.jwtAuthenticationConverter(new RevocationCheckingConverter(
						context(http).getBean(AccessTokenRevocation.class), jwtAuthenticationConverter(http))))
			.authenticationEntryPoint(entryPoint)
			.accessDeniedHandler(accessDenied));
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		WxLoginEndpoints paths = endpoints(http);
		ProblemResponseWriter problems = problems(http);
		JsonMapper jsonMapper = context.getBean(JsonMapper.class);
		Clock clock = context.getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC);

		WxLoginLimits limits = context.getBeanProvider(WxLoginLimits.class).getIfAvailable(WxLoginLimits::none);
		ProviderManager manager = new ProviderManager(provider(context));
		manager.setAuthenticationEventPublisher(new WxLoginEventPublisher(context));
		AuthenticationFilter login = new AuthenticationFilter(observed(context, manager),
				new WxLoginAuthenticationConverter(jsonMapper));
		login.setRequestMatcher(post(paths.loginPath()));
		login.setSuccessHandler(new WxTokenResponseSuccessHandler(jsonMapper, clock));
		login.setFailureHandler(new FailureCountingHandler(
				new ProblemAuthenticationFailureHandler(problems, WxLoginError.ACCESS_DENIED),
				InvalidCodeException.class, limits::loginFailed));
		login.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		http.addFilterBefore(
				postProcess(
						new ClientAddressLimitFilter(post(paths.loginPath()), limits::checkLoginFailures, problems)),
				BearerTokenAuthenticationFilter.class);
		http.addFilterBefore(postProcess(login), BearerTokenAuthenticationFilter.class);

		AuthenticationFilter refresh = new AuthenticationFilter(
				observed(context, new ProviderManager(context.getBean(RefreshTokenAuthenticationProvider.class))),
				new WxRefreshAuthenticationConverter(jsonMapper));
		refresh.setRequestMatcher(post(paths.refreshPath()));
		refresh.setSuccessHandler(new WxTokenResponseSuccessHandler(jsonMapper, clock));
		refresh.setFailureHandler(new FailureCountingHandler(
				new ProblemAuthenticationFailureHandler(problems, WxLoginError.INVALID_TOKEN),
				InvalidTokenException.class, limits::refreshFailed));
		refresh.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		http.addFilterBefore(postProcess(
				new ClientAddressLimitFilter(post(paths.refreshPath()), limits::checkRefreshFailures, problems)),
				BearerTokenAuthenticationFilter.class);
		http.addFilterBefore(postProcess(refresh), BearerTokenAuthenticationFilter.class);

		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		SecurityContextHolderStrategy securityContext = SecurityContextHolder.getContextHolderStrategy();
		// the bearer endpoints answer after authorization, so that the application's
		// rules
		// (authorizeHttpRequests) apply to them as to its own endpoints
		http.addFilterAfter(
				postProcess(new WxLogoutFilter(paths.logoutPath(), context.getBean(AccessTokenRevocation.class),
						entryPoint, securityContext,
						context.getBeanProvider(WxLoginMetrics.class).getIfAvailable(() -> WxLoginMetrics.NONE))),
				AuthorizationFilter.class);
		WxOpenDataService openData = context.getBean(WxOpenDataService.class);
		http.addFilterAfter(postProcess(new WxPhoneNumberFilter(paths.phonePath(), openData, jsonMapper, problems,
				entryPoint, securityContext)), AuthorizationFilter.class);
		http.addFilterAfter(postProcess(
				new WxProfileFilter(paths.profilePath(), openData, jsonMapper, problems, entryPoint, securityContext)),
				AuthorizationFilter.class);

		// Spring Security's protected-resource metadata takes its resource from Host and
		// claims certificate-bound tokens: not served (404 problem)
		http.addFilterBefore(new NotFoundFilter(NotFoundFilter.PROTECTED_RESOURCE_METADATA_PATH + "/**", problems),
				SecurityContextHolderFilter.class);

		VerificationKeys keys = context.getBeanProvider(VerificationKeys.class)
			.getIfUnique(() -> VerificationKeys.of(context.getBean(SigningKey.class), List.of()));
		if (!keys.signingKey().isSymmetric()) {
			http.addFilterBefore(new JwkSetEndpointFilter(paths.jwksPath(), keys.publicJwkSet()),
					BearerTokenAuthenticationFilter.class);
		}
	}

	/**
	 * The manager observed like any Spring Security one
	 * ({@code spring.security.authentications}) when the application has an
	 * {@link ObservationRegistry} (Spring Security depends on Micrometer Observation, so
	 * the type is always there).
	 */
	private static AuthenticationManager observed(ApplicationContext context, AuthenticationManager manager) {
		ObservationRegistry registry = context.getBeanProvider(ObservationRegistry.class)
			.getIfUnique(() -> ObservationRegistry.NOOP);
		return registry.isNoop() ? manager : new ObservationAuthenticationManager(registry, manager);
	}

	private static ApplicationContext context(HttpSecurity http) {
		return http.getSharedObject(ApplicationContext.class);
	}

	private WxLoginAuthenticationProvider provider(ApplicationContext context) {
		return (this.authenticationProvider != null) ? this.authenticationProvider
				: context.getBean(WxLoginAuthenticationProvider.class);
	}

	/**
	 * The converter from the DSL, else the application's unique
	 * {@code Converter<Jwt, AbstractAuthenticationToken>} bean (Spring's
	 * {@code JwtAuthenticationConverter} for one), else ours; revocation is checked
	 * around it.
	 */
	private Converter<Jwt, ? extends AbstractAuthenticationToken> jwtAuthenticationConverter(HttpSecurity http) {
		if (this.jwtAuthenticationConverter != null) {
			return this.jwtAuthenticationConverter;
		}
		ApplicationContext context = context(http);
		ResolvableType type = ResolvableType.forClassWithGenerics(Converter.class, Jwt.class,
				AbstractAuthenticationToken.class);
		ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> applications = context
			.getBeanProvider(type);
		Converter<Jwt, ? extends AbstractAuthenticationToken> application = applications.getIfUnique();
		if (application != null && !(application instanceof RevocationCheckingConverter)) {
			return application;
		}
		return context.getBeanProvider(WxJwtAuthenticationConverter.class)
			.getIfUnique(WxJwtAuthenticationConverter::new);
	}

	private JwtDecoder jwtDecoder(HttpSecurity http) {
		return (this.jwtDecoder != null) ? this.jwtDecoder
				: http.getSharedObject(ApplicationContext.class).getBean(JwtDecoder.class);
	}

	private WxLoginEndpoints endpoints(HttpSecurity http) {
		if (this.endpoints == null) {
			this.endpoints = http.getSharedObject(ApplicationContext.class)
				.getBeanProvider(WxLoginEndpoints.class)
				.getIfAvailable(WxLoginEndpoints::defaults);
		}
		return this.endpoints;
	}

	private static ProblemResponseWriter problems(HttpSecurity http) {
		ProblemResponseWriter writer = http.getSharedObject(ProblemResponseWriter.class);
		if (writer == null) {
			ApplicationContext context = http.getSharedObject(ApplicationContext.class);
			writer = context.getBeanProvider(ProblemResponseWriter.class)
				.getIfAvailable(() -> new ProblemResponseWriter(context.getBean(JsonMapper.class)));
			http.setSharedObject(ProblemResponseWriter.class, writer);
		}
		return writer;
	}

	private static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
	}

}
