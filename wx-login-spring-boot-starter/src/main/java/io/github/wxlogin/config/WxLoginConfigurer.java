package io.github.wxlogin.config;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ObservationAuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.RefreshTokenAuthenticationProvider;
import io.github.wxlogin.authentication.RevocationCheckingConverter;
import io.github.wxlogin.authentication.WxJwtAuthenticationConverter;
import io.github.wxlogin.authentication.WxLoginAuthenticationProvider;
import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginEventPublisher;
import io.github.wxlogin.authentication.WxLoginLimits;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.token.AccessTokenRevocation;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.VerificationKeys;
import io.github.wxlogin.web.FastBearerTokenResolver;
import io.github.wxlogin.web.ProblemAuthenticationEntryPoint;
import io.github.wxlogin.web.ProblemAuthenticationFailureHandler;
import io.github.wxlogin.web.ProblemResponseWriter;
import io.github.wxlogin.web.WxLoginEndpoints;
import io.github.wxlogin.web.WxLoginFilters;
import io.github.wxlogin.web.WxTokenResponseSuccessHandler;

/**
 * Adds WeChat login to a {@link HttpSecurity} chain: <pre>
 * http.with(WxLoginConfigurer.wxLogin(), (wx) -&gt; wx
 *     .loginEndpoint((login) -&gt; login.path("/auth/wechat"))
 *     .profileEndpoint(WxLoginConfigurer.EndpointConfig::disable));
 * </pre> It makes the chain stateless (no HTTP session, no saved request), serves the
 * login, refresh, logout, phone-number and profile endpoints and the JWK set, and sets up
 * Spring's resource server to accept our access tokens ({@code scope} claim to
 * authorities, without a prefix), with problem+json answers for every failure. The
 * logout, phone and profile endpoints answer after Spring's {@code AuthorizationFilter},
 * so the application's {@code authorizeHttpRequests} rules apply to them; the login,
 * refresh and JWK set endpoints answer before it, as public endpoints.
 * <p>
 * Each collaborator comes from this DSL, else from the unique bean of its type, else the
 * starter's default; the starter's auto-configuration provides the beans. Every setting
 * applies to this chain only.
 */
public final class WxLoginConfigurer extends AbstractHttpConfigurer<WxLoginConfigurer, HttpSecurity> {

	private @Nullable AuthenticationProvider loginProvider;

	private @Nullable AuthenticationProvider refreshProvider;

	private @Nullable JwtDecoder jwtDecoder;

	private @Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> jwtAuthenticationConverter;

	private @Nullable BearerTokenResolver bearerTokenResolver;

	private @Nullable WxLoginEndpoints endpoints;

	private final TokenEndpointConfig login = new TokenEndpointConfig();

	private final TokenEndpointConfig refresh = new TokenEndpointConfig();

	private final EndpointConfig logout = new EndpointConfig();

	private final EndpointConfig phone = new EndpointConfig();

	private final EndpointConfig profile = new EndpointConfig();

	private final EndpointConfig jwkSet = new EndpointConfig();

	private WxLoginConfigurer() {
	}

	/**
	 * @return a new configurer, for {@code http.with(wxLogin(), customizer)}
	 */
	public static WxLoginConfigurer wxLogin() {
		return new WxLoginConfigurer();
	}

	/**
	 * Authenticate logins with this provider instead of the
	 * {@link WxLoginAuthenticationProvider} bean. It receives a
	 * {@code WxLoginAuthenticationToken} and returns a {@code WxLoginResult}.
	 */
	public WxLoginConfigurer authenticationProvider(AuthenticationProvider authenticationProvider) {
		Assert.notNull(authenticationProvider, "authenticationProvider cannot be null");
		this.loginProvider = authenticationProvider;
		return this;
	}

	/**
	 * Authenticate refreshes with this provider instead of the
	 * {@link RefreshTokenAuthenticationProvider} bean. It receives a
	 * {@code RefreshTokenAuthenticationToken} and returns a {@code WxRefreshResult}.
	 */
	public WxLoginConfigurer refreshAuthenticationProvider(AuthenticationProvider authenticationProvider) {
		Assert.notNull(authenticationProvider, "authenticationProvider cannot be null");
		this.refreshProvider = authenticationProvider;
		return this;
	}

	/**
	 * Verify bearer tokens with this decoder instead of the {@link JwtDecoder} bean.
	 */
	public WxLoginConfigurer jwtDecoder(JwtDecoder jwtDecoder) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
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
	 * Find the bearer token of a request with this resolver instead of the
	 * {@link BearerTokenResolver} bean or the starter's {@link FastBearerTokenResolver}
	 * (Spring's rules: the {@code Authorization} header only).
	 */
	public WxLoginConfigurer bearerTokenResolver(BearerTokenResolver bearerTokenResolver) {
		Assert.notNull(bearerTokenResolver, "bearerTokenResolver cannot be null");
		this.bearerTokenResolver = bearerTokenResolver;
		return this;
	}

	/**
	 * Serve these paths instead of those of the {@link WxLoginEndpoints} bean (the
	 * {@code wx.login.*-path} properties); a path set on one endpoint wins.
	 */
	public WxLoginConfigurer endpoints(WxLoginEndpoints endpoints) {
		Assert.notNull(endpoints, "endpoints cannot be null");
		this.endpoints = endpoints;
		return this;
	}

	/**
	 * The login endpoint ({@code POST}, a code for tokens): its path and handlers.
	 */
	public WxLoginConfigurer loginEndpoint(Customizer<TokenEndpointConfig> customizer) {
		customizer.customize(this.login);
		return this;
	}

	/**
	 * The refresh endpoint ({@code POST}, a refresh token for new tokens): its path and
	 * handlers.
	 */
	public WxLoginConfigurer refreshEndpoint(Customizer<TokenEndpointConfig> customizer) {
		customizer.customize(this.refresh);
		return this;
	}

	/**
	 * The logout endpoint ({@code POST} with a bearer): its path, or off.
	 */
	public WxLoginConfigurer logoutEndpoint(Customizer<EndpointConfig> customizer) {
		customizer.customize(this.logout);
		return this;
	}

	/**
	 * The phone-number endpoint ({@code POST} with a bearer): its path, or off.
	 */
	public WxLoginConfigurer phoneEndpoint(Customizer<EndpointConfig> customizer) {
		customizer.customize(this.phone);
		return this;
	}

	/**
	 * The profile endpoint ({@code POST} with a bearer): its path, or off.
	 */
	public WxLoginConfigurer profileEndpoint(Customizer<EndpointConfig> customizer) {
		customizer.customize(this.profile);
		return this;
	}

	/**
	 * The JWK set endpoint ({@code GET}, public; never served for HS256): its path, or
	 * off.
	 */
	public WxLoginConfigurer jwkSetEndpoint(Customizer<EndpointConfig> customizer) {
		customizer.customize(this.jwkSet);
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
		Collaborators beans = new Collaborators(http);
		ProblemResponseWriter problems = problems(http, beans);
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		AccessDeniedHandler accessDenied = WxLoginFilters.accessDeniedHandler(problems);
		// an application may have set another policy after with(): stateless wins (the
		// session configurer's own init has already run; setBuilder made it stateless in
		// time)
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.setSharedObject(SecurityContextRepository.class, new RequestAttributeSecurityContextRepository());
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		// the token endpoints take no cookie, so need no CSRF token (the bearer ones are
		// exempted by the resource server); never re-enable CSRF an app turned off
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(post(loginPath(beans)), post(refreshPath(beans)));
		}
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		BearerTokenResolver resolver = beans.orDefault(this.bearerTokenResolver, BearerTokenResolver.class,
				FastBearerTokenResolver::new);
		JwtDecoder decoder = (this.jwtDecoder != null) ? this.jwtDecoder : beans.required(JwtDecoder.class);
		RevocationCheckingConverter converter = new RevocationCheckingConverter(
				beans.required(AccessTokenRevocation.class), jwtAuthenticationConverter(beans));
		http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(resolver)
			.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
			.authenticationEntryPoint(entryPoint)
			.accessDeniedHandler(accessDenied));
	}

	@Override
	public void configure(HttpSecurity http) {
		Collaborators beans = new Collaborators(http);
		ProblemResponseWriter problems = problems(http, beans);
		JsonMapper jsonMapper = beans.orDefault(null, JsonMapper.class, JsonMapper::shared);
		Clock clock = beans.orDefault(null, Clock.class, Clock::systemUTC);
		WxLoginLimits limits = beans.orDefault(null, WxLoginLimits.class, WxLoginLimits::none);

		ProviderManager loginManager = new ProviderManager((this.loginProvider != null) ? this.loginProvider
				: beans.required(WxLoginAuthenticationProvider.class));
		loginManager.setAuthenticationEventPublisher(new WxLoginEventPublisher(beans.context));
		TokenEndpoints tokenEndpoints = new TokenEndpoints(http, problems, jsonMapper, clock);
		tokenEndpoints.add(this.login, loginPath(beans), observed(beans, loginManager),
				WxLoginFilters.loginConverter(jsonMapper), WxLoginError.ACCESS_DENIED, WxLoginError.INVALID_CODE,
				limits::checkLoginFailures, limits::loginFailed);
		ProviderManager refreshManager = new ProviderManager((this.refreshProvider != null) ? this.refreshProvider
				: beans.required(RefreshTokenAuthenticationProvider.class));
		tokenEndpoints.add(this.refresh, refreshPath(beans), observed(beans, refreshManager),
				WxLoginFilters.refreshConverter(jsonMapper), WxLoginError.INVALID_TOKEN, WxLoginError.INVALID_TOKEN,
				limits::checkRefreshFailures, limits::refreshFailed);

		// the bearer endpoints answer after authorization, so that the application's
		// rules (authorizeHttpRequests) apply to them as to its own endpoints
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
		SecurityContextHolderStrategy securityContext = SecurityContextHolder.getContextHolderStrategy();
		WxLoginEndpoints paths = endpoints(beans);
		if (this.logout.enabled) {
			http.addFilterAfter(
					postProcess(WxLoginFilters.logout(this.logout.pathOr(paths.logoutPath()),
							beans.required(AccessTokenRevocation.class), entryPoint, securityContext,
							beans.orDefault(null, WxLoginMetrics.class, () -> WxLoginMetrics.NONE))),
					AuthorizationFilter.class);
		}
		if (this.phone.enabled || this.profile.enabled) {
			WxOpenDataService openData = beans.required(WxOpenDataService.class);
			if (this.phone.enabled) {
				http.addFilterAfter(postProcess(WxLoginFilters.phoneNumber(this.phone.pathOr(paths.phonePath()),
						openData, jsonMapper, problems, entryPoint, securityContext)), AuthorizationFilter.class);
			}
			if (this.profile.enabled) {
				http.addFilterAfter(postProcess(WxLoginFilters.profile(this.profile.pathOr(paths.profilePath()),
						openData, jsonMapper, problems, entryPoint, securityContext)), AuthorizationFilter.class);
			}
		}

		// Spring Security's protected-resource metadata takes its resource from Host and
		// claims certificate-bound tokens: not served (404 problem)
		http.addFilterBefore(WxLoginFilters.notFound(WxLoginFilters.PROTECTED_RESOURCE_METADATA_PATH + "/**", problems),
				SecurityContextHolderFilter.class);

		if (this.jwkSet.enabled) {
			VerificationKeys keys = beans.orDefault(null, VerificationKeys.class,
					() -> VerificationKeys.of(beans.required(SigningKey.class), List.of()));
			if (!keys.signingKey().isSymmetric()) {
				http.addFilterBefore(WxLoginFilters.jwkSet(this.jwkSet.pathOr(paths.jwksPath()), keys.publicJwkSet()),
						BearerTokenAuthenticationFilter.class);
			}
		}
	}

	/**
	 * The handler answers the token request, which then ends: Spring's
	 * {@code AuthenticationFilter} would otherwise pass the request on down the chain
	 * after a handler that only implements the three-argument method.
	 */
	private static AuthenticationSuccessHandler endingRequest(AuthenticationSuccessHandler handler) {
		return new AuthenticationSuccessHandler() {

			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain, Authentication authentication) throws IOException, ServletException {
				handler.onAuthenticationSuccess(request, response, authentication);
			}

			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws IOException, ServletException {
				handler.onAuthenticationSuccess(request, response, authentication);
			}

		};
	}

	/**
	 * The manager observed like any Spring Security one
	 * ({@code spring.security.authentications}) when the application has an
	 * {@link ObservationRegistry} (Spring Security depends on Micrometer Observation, so
	 * the type is always there).
	 */
	private static AuthenticationManager observed(Collaborators beans, AuthenticationManager manager) {
		ObservationRegistry registry = beans.orDefault(null, ObservationRegistry.class, () -> ObservationRegistry.NOOP);
		return registry.isNoop() ? manager : new ObservationAuthenticationManager(registry, manager);
	}

	/**
	 * The converter from the DSL, else the application's unique
	 * {@code Converter<Jwt, AbstractAuthenticationToken>} bean (Spring's
	 * {@code JwtAuthenticationConverter} for one), else ours; revocation is checked
	 * around it.
	 */
	private Converter<Jwt, ? extends AbstractAuthenticationToken> jwtAuthenticationConverter(Collaborators beans) {
		if (this.jwtAuthenticationConverter != null) {
			return this.jwtAuthenticationConverter;
		}
		ResolvableType type = ResolvableType.forClassWithGenerics(Converter.class, Jwt.class,
				AbstractAuthenticationToken.class);
		ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> applications = beans.context
			.getBeanProvider(type);
		Converter<Jwt, ? extends AbstractAuthenticationToken> application = applications.getIfUnique();
		if (application != null && !(application instanceof RevocationCheckingConverter)) {
			return application;
		}
		return beans.orDefault(null, WxJwtAuthenticationConverter.class, WxJwtAuthenticationConverter::new);
	}

	private WxLoginEndpoints endpoints(Collaborators beans) {
		if (this.endpoints == null) {
			this.endpoints = beans.orDefault(null, WxLoginEndpoints.class, WxLoginEndpoints::defaults);
		}
		return this.endpoints;
	}

	private String loginPath(Collaborators beans) {
		return this.login.pathOr(endpoints(beans).loginPath());
	}

	private String refreshPath(Collaborators beans) {
		return this.refresh.pathOr(endpoints(beans).refreshPath());
	}

	private static ProblemResponseWriter problems(HttpSecurity http, Collaborators beans) {
		ProblemResponseWriter writer = http.getSharedObject(ProblemResponseWriter.class);
		if (writer == null) {
			writer = beans.orDefault(null, ProblemResponseWriter.class,
					() -> ProblemResponseWriter.json(beans.orDefault(null, JsonMapper.class, JsonMapper::shared)));
			http.setSharedObject(ProblemResponseWriter.class, writer);
		}
		return writer;
	}

	private static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
	}

	/**
	 * Adds a token endpoint (login or refresh) to the chain: the client-address limit,
	 * then Spring's {@code AuthenticationFilter} with the endpoint's handlers, failures
	 * of the counted kind counted against the address whatever the failure handler.
	 */
	private final class TokenEndpoints {

		private final HttpSecurity http;

		private final ProblemResponseWriter problems;

		private final JsonMapper jsonMapper;

		private final Clock clock;

		TokenEndpoints(HttpSecurity http, ProblemResponseWriter problems, JsonMapper jsonMapper, Clock clock) {
			this.http = http;
			this.problems = problems;
			this.jsonMapper = jsonMapper;
			this.clock = clock;
		}

		void add(TokenEndpointConfig config, String path, AuthenticationManager manager,
				AuthenticationConverter converter, WxLoginError fallback, WxLoginError counted,
				Consumer<String> checkAddress, Consumer<String> countFailure) {
			this.http.addFilterBefore(
					postProcess(WxLoginFilters.clientAddressLimit(post(path), checkAddress, this.problems)),
					BearerTokenAuthenticationFilter.class);
			AuthenticationFilter filter = new AuthenticationFilter(manager, converter);
			filter.setRequestMatcher(post(path));
			filter.setSuccessHandler((config.successHandler != null) ? endingRequest(config.successHandler)
					: new WxTokenResponseSuccessHandler(this.jsonMapper, this.clock));
			AuthenticationFailureHandler failures = (config.failureHandler != null) ? config.failureHandler
					: new ProblemAuthenticationFailureHandler(this.problems, fallback);
			filter.setFailureHandler(WxLoginFilters.countingFailures(failures, counted, countFailure));
			filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
			this.http.addFilterBefore(postProcess(filter), BearerTokenAuthenticationFilter.class);
		}

	}

	/**
	 * Where each collaborator comes from: the DSL, else the unique bean, else a default;
	 * the ones without a default must be beans.
	 */
	private static final class Collaborators {

		private final ApplicationContext context;

		Collaborators(HttpSecurity http) {
			this.context = http.getSharedObject(ApplicationContext.class);
		}

		<T> T orDefault(@Nullable T fromDsl, Class<T> type, Supplier<T> fallback) {
			return (fromDsl != null) ? fromDsl : this.context.getBeanProvider(type).getIfUnique(fallback);
		}

		<T> T required(Class<T> type) {
			T bean = this.context.getBeanProvider(type).getIfUnique();
			if (bean == null) {
				throw new IllegalStateException("WxLoginConfigurer needs a unique bean of type " + type.getName()
						+ ": the starter's auto-configuration declares one unless wx.login.enabled=false");
			}
			return bean;
		}

	}

	/**
	 * An endpoint of the starter: its path (else the {@code wx.login.*-path} property),
	 * or off.
	 */
	public static class EndpointConfig {

		private @Nullable String path;

		private boolean enabled = true;

		EndpointConfig() {
		}

		/**
		 * Serve the endpoint on this path (a Spring path pattern) instead of the one of
		 * the {@code wx.login.*-path} property.
		 */
		public EndpointConfig path(String path) {
			Assert.hasText(path, "path cannot be empty");
			this.path = path;
			return this;
		}

		/**
		 * Do not serve the endpoint: its requests go on to the application, under its own
		 * authorization rules.
		 */
		public EndpointConfig disable() {
			this.enabled = false;
			return this;
		}

		String pathOr(String configured) {
			return (this.path != null) ? this.path : configured;
		}

	}

	/**
	 * The login or refresh endpoint: its path and how it answers. By default a success is
	 * written as the contract's token response ({@link WxTokenResponseSuccessHandler})
	 * and a failure as problem+json ({@link ProblemAuthenticationFailureHandler}); failed
	 * codes and refresh tokens are counted against the client address whatever the
	 * failure handler.
	 */
	public static final class TokenEndpointConfig extends EndpointConfig {

		private @Nullable AuthenticationSuccessHandler successHandler;

		private @Nullable AuthenticationFailureHandler failureHandler;

		TokenEndpointConfig() {
		}

		@Override
		public TokenEndpointConfig path(String path) {
			super.path(path);
			return this;
		}

		/**
		 * The login and refresh endpoints cannot be turned off: without them there are no
		 * tokens.
		 * @throws UnsupportedOperationException always
		 */
		@Override
		public EndpointConfig disable() {
			throw new UnsupportedOperationException("The login and refresh endpoints cannot be disabled");
		}

		/**
		 * Answer a success with this handler: the authentication is a
		 * {@code WxLoginResult} or a {@code WxRefreshResult}, with the tokens issued. The
		 * request ends with the handler's answer.
		 */
		public TokenEndpointConfig successHandler(AuthenticationSuccessHandler successHandler) {
			Assert.notNull(successHandler, "successHandler cannot be null");
			this.successHandler = successHandler;
			return this;
		}

		/**
		 * Answer a failure with this handler: the exception is a {@code WxLoginException}
		 * with its contract error, or the application's own.
		 */
		public TokenEndpointConfig failureHandler(AuthenticationFailureHandler failureHandler) {
			Assert.notNull(failureHandler, "failureHandler cannot be null");
			this.failureHandler = failureHandler;
			return this;
		}

	}

}
