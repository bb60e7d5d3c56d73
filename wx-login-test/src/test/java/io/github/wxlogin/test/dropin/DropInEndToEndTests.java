package io.github.wxlogin.test.dropin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.simulator.WxSimulator;
import io.github.wxlogin.web.FastBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wx-login dropped into an application with security of its own
 * ({@link DropInApplication}): the application's chain keeps its session, its CSRF
 * protection and Spring's firewall, the added chain stays stateless, and neither chain
 * accepts the other's credentials.
 */
@SpringBootTest(classes = DropInApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator
class DropInEndToEndTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	WxSimulator wechat;

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	String baseUrl;

	@BeforeEach
	void setUp() {
		this.baseUrl = "http://127.0.0.1:" + this.port;
	}

	// the application's chain: form login and its session

	@Test
	void adminPageWhenNoSessionThenRedirectedToLoginPage() {
		HttpResponse<String> page = browser().get("/admin/notes");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue(this.baseUrl + "/login");
	}

	@Test
	void adminLoginWhenFormPostedWithCsrfTokenThenLaterRequestsAuthenticatedBySession() {
		Browser browser = browser();
		assertThat(browser.get("/admin/notes").statusCode()).isEqualTo(302);
		HttpResponse<String> loginPage = browser.get("/login");
		assertThat(loginPage.statusCode()).isEqualTo(200);
		String sessionBeforeLogin = browser.cookie("JSESSIONID").orElseThrow();

		HttpResponse<String> login = browser.postForm("/login", Map.of("username", DropInApplication.ADMIN_USERNAME,
				"password", DropInApplication.ADMIN_PASSWORD, "_csrf", Browser.csrfToken(loginPage)));

		assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
		// back to the page asked for (the saved request, kept in the session)
		assertThat(login.headers().firstValue("Location")).hasValue(this.baseUrl + "/admin/notes?continue");
		// a new session id on login (session fixation protection), set as a cookie
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID="));
		String session = browser.cookie("JSESSIONID").orElseThrow();
		assertThat(session).isNotEqualTo(sessionBeforeLogin);
		HttpResponse<String> page = browser.get("/admin/notes");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("notes of admin");
		// the session is all it takes: the same cookie from another client
		HttpResponse<String> sameSession = browser().get("/admin/notes", "Cookie", "JSESSIONID=" + session);
		assertThat(sameSession.statusCode()).isEqualTo(200);
		assertThat(sameSession.body()).contains("notes of admin");
	}

	@Test
	void adminLoginWhenWrongPasswordThenBackToLoginPageUnauthenticated() {
		Browser browser = browser();
		HttpResponse<String> loginPage = browser.get("/login");

		HttpResponse<String> login = browser.postForm("/login", Map.of("username", DropInApplication.ADMIN_USERNAME,
				"password", "wrong", "_csrf", Browser.csrfToken(loginPage)));

		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue(this.baseUrl + "/login?error");
		assertThat(browser.get("/admin/notes").statusCode()).isEqualTo(302);
	}

	// the application's chain: CSRF protection

	@Test
	void adminLoginWhenNoCsrfTokenThenForbidden() {
		Browser browser = browser();
		browser.get("/login");

		HttpResponse<String> login = browser.postForm("/login",
				Map.of("username", DropInApplication.ADMIN_USERNAME, "password", DropInApplication.ADMIN_PASSWORD));

		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(browser.get("/admin/notes").statusCode()).isEqualTo(302);
	}

	@Test
	void adminPostWhenAuthenticatedWithoutCsrfTokenThenForbidden() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> post = admin.postForm("/admin/notes", Map.of("text", "no token"));

		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(post.body()).doesNotContain("note added");
		// an API client (no text/html in Accept) gets the problem
		assertThat(post.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Browser.json(post).get("error").stringValue()).isEqualTo("access_denied");
	}

	@Test
	void adminPostWhenBrowserWithoutCsrfTokenThenBootsHtmlErrorPage() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> post = admin.postForm("/admin/notes", Map.of("text", "no token"), "Accept",
				"text/html,application/xhtml+xml,*/*;q=0.8");

		assertThat(post.statusCode()).isEqualTo(403);
		// the application's pages keep Boot's HTML error view (here the whitelabel page)
		assertThat(post.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(post.body()).contains("Whitelabel Error Page").contains("403").doesNotContain("note added");
	}

	@Test
	void adminPageWhenBrowserAsksForMissingPageThenBootsHtml404() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> missing = admin.get("/admin/missing", "Accept", "text/html");

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(missing.body()).contains("Whitelabel Error Page");
	}

	@Test
	void adminPostWhenAuthenticatedWithCsrfTokenThenServed() {
		Browser admin = loggedInAdmin();
		String csrf = Browser.csrfToken(admin.get("/admin/notes"));

		HttpResponse<String> post = admin.postForm("/admin/notes", Map.of("text", "with token", "_csrf", csrf));

		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		assertThat(post.body()).isEqualTo("note added by admin");
	}

	@Test
	void adminPostWhenWxBearerTokenInsteadOfCsrfTokenThenForbidden() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> post = admin.postForm("/admin/notes", Map.of("text", "bearer"), "Authorization",
				"Bearer " + accessToken("o-drop-in-csrf"));

		// Spring exempts bearer requests from CSRF only in a chain with a resource server
		assertThat(post.statusCode()).isEqualTo(403);
	}

	// the application's chain: Spring's firewall

	@ParameterizedTest
	@ValueSource(strings = { "/admin/notes;jsessionid=1", "/admin/%2e%2e/api/me", "/admin/notes%3bx",
			"/admin/%252e%252e/notes" })
	void adminPathWhenFirewallRejectsThenBadRequestProblemEvenWithSession(String path) {
		Browser admin = loggedInAdmin();

		HttpResponse<String> rejected = admin.get(path);

		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
		assertThat(rejected.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Browser.json(rejected).get("error").stringValue()).isEqualTo("invalid_request");
		// answered by Spring Security's firewall (with the starter's
		// RequestRejectedHandler), not by Tomcat, whose own rejections carry no instance;
		// path parameters (a session id) are not echoed
		assertThat(Browser.json(rejected).get("instance").stringValue()).isEqualTo(path.replace(";jsessionid=1", ""));
		assertThat(rejected.body()).doesNotContain("jsessionid");
		assertThat(rejected.body()).doesNotContain("notes of");
	}

	// the wx-login chain: stateless

	@Test
	void loginWhenSimulatorCodeThenTokensAndBearerServedWithoutSession() {
		Browser miniProgram = browser();

		HttpResponse<String> login = miniProgram.postJson("/wx/login",
				Map.of("code", this.wechat.createCode(APP_ID, "o-drop-in")));

		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(Browser.json(login).get("access_token").stringValue()).isNotBlank();
		assertThat(Browser.json(login).get("refresh_token").stringValue()).isNotBlank();
		assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
		String bearer = "Bearer " + Browser.json(login).get("access_token").stringValue();
		HttpResponse<String> me = miniProgram.get("/api/me", "Authorization", bearer);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("hello o-drop-in");
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(miniProgram.cookie("JSESSIONID")).isEmpty();
		HttpResponse<String> jwks = miniProgram.get("/.well-known/jwks.json");
		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(jwks.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void apiWhenOnlyAdminSessionCookieThenUnauthorizedProblem() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> me = admin.get("/api/me");

		assertThat(me.statusCode()).as(me.body()).isEqualTo(401);
		assertThat(me.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(me.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(Browser.json(me).get("error").stringValue()).isEqualTo("invalid_token");
		// the session was neither used nor touched: still the admin's
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(admin.get("/admin/notes").statusCode()).isEqualTo(200);
	}

	@Test
	void wxLogoutWhenOnlyAdminSessionCookieThenUnauthorized() {
		Browser admin = loggedInAdmin();

		HttpResponse<String> logout = admin.postJson("/wx/logout", Map.of());

		assertThat(logout.statusCode()).isEqualTo(401);
		assertThat(Browser.json(logout).get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Test
	void apiWhenNoSuchEndpointThenNotFoundProblemNotLoginPage() {
		String bearer = "Bearer " + accessToken("o-drop-in-404");

		HttpResponse<String> missing = browser().get("/api/missing", "Authorization", bearer);

		// the error dispatch (/error) goes through the application's chain, which finds
		// the
		// request's bearer authentication (Spring's request-attribute context repository)
		assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
		assertThat(Browser.json(missing).get("error").stringValue()).isEqualTo("not_found");
		assertThat(missing.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void adminPageWhenWxBearerTokenThenRedirectedToLoginPage() {
		String bearer = "Bearer " + accessToken("o-drop-in-admin");

		HttpResponse<String> page = browser().get("/admin/notes", "Authorization", bearer);

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue(this.baseUrl + "/login");
	}

	// the starter leaves the application's chain alone

	@Test
	void contextWhenApplicationHasOwnChainsThenOnlyThoseInOrder() {
		List<SecurityFilterChain> chains = filterChainProxy().getFilterChains();

		assertThat(chains).hasSize(2);
		assertThat(chains.get(0).getFilters()).hasAtLeastOneElementOfType(BearerTokenAuthenticationFilter.class)
			.doesNotHaveAnyElementsOfTypes(UsernamePasswordAuthenticationFilter.class, CsrfFilter.class);
		assertThat(chains.get(1).getFilters()).hasAtLeastOneElementOfType(UsernamePasswordAuthenticationFilter.class)
			.hasAtLeastOneElementOfType(CsrfFilter.class)
			.doesNotHaveAnyElementsOfTypes(BearerTokenAuthenticationFilter.class);
	}

	@Test
	void contextWhenApplicationHasOwnChainsThenNoHttpFirewallBeanAndSpringsOwnFirewall() {
		assertThat(this.context.getBeanNamesForType(HttpFirewall.class)).isEmpty();
		// Spring Security's FilterChainProxy has no getter for its firewall
		Object firewall = ReflectionTestUtils.getField(filterChainProxy(), "firewall");
		assertThat(firewall).isExactlyInstanceOf(StrictHttpFirewall.class);
		assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderNames"))
			.isSameAs(StrictHttpFirewall.ALLOWED_HEADER_NAMES);
		assertThat(ReflectionTestUtils.getField(firewall, "allowedHeaderValues"))
			.isSameAs(StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void contextWhenApplicationHasOwnChainsThenNoBearerTokenResolverBeanButOneOnTheWxChain() {
		assertThat(this.context.getBeanNamesForType(BearerTokenResolver.class)).isEmpty();
		// the starter's resolver sits on the wx chain's resource server (Spring's filter
		// and converter have no getters)
		Object bearerFilter = filterChainProxy().getFilterChains()
			.get(0)
			.getFilters()
			.stream()
			.filter(BearerTokenAuthenticationFilter.class::isInstance)
			.findFirst()
			.orElseThrow();
		Object converter = ReflectionTestUtils.getField(bearerFilter, "authenticationConverter");
		assertThat(ReflectionTestUtils.getField(converter, "bearerTokenResolver"))
			.isInstanceOf(FastBearerTokenResolver.class);
	}

	private FilterChainProxy filterChainProxy() {
		return this.context.getBean(FilterChainProxy.class);
	}

	private Browser browser() {
		return new Browser(this.baseUrl);
	}

	private Browser loggedInAdmin() {
		Browser browser = browser();
		HttpResponse<String> loginPage = browser.get("/login");
		HttpResponse<String> login = browser.postForm("/login", Map.of("username", DropInApplication.ADMIN_USERNAME,
				"password", DropInApplication.ADMIN_PASSWORD, "_csrf", Browser.csrfToken(loginPage)));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue(this.baseUrl + "/");
		return browser;
	}

	private String accessToken(String openid) {
		HttpResponse<String> login = browser().postJson("/wx/login",
				Map.of("code", this.wechat.createCode(APP_ID, openid)));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return Browser.json(login).get("access_token").stringValue();
	}

}
