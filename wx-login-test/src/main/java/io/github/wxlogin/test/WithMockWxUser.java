package io.github.wxlogin.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as a WeChat user who presented a valid access token: the security context
 * holds the {@link JwtAuthenticationToken} a bearer request of the starter produces (a
 * {@code WxJwtAuthenticationToken}, whose principal is the {@code WxPrincipal} for
 * {@code @AuthenticationPrincipal}), over a {@code Jwt} with the claims of a real access
 * token ({@code sub} = openid, {@code appid}, {@code unionid} when given, {@code scope},
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}, {@code sid}) and the
 * authorities the starter reads from it. <pre>{@code
 * &#64;Test
 *

&#64;WithMockWxUser(openid = "o-bob", authorities = "ROLE_ADMIN")
 * void adminPageWhenAdminThenOk() throws Exception {
 *     mvc.perform(get("/admin")).andExpect(status().isOk());
 * }
 * }</pre> For method security and MockMvc tests: no token is signed, and nothing is
 * checked against the application's stores, so revocation and the decoder are not
 * exercised (use {@link WxLoginRequestPostProcessors#wxBearer(String)} for that). With
 * MockMvc the request must run with the test's security context:
 * {@code spring-boot-starter-security-test} arranges it for
 * {@code @AutoConfigureMockMvc}, else apply
 * {@code SecurityMockMvcConfigurers.springSecurity()} or add
 * {@code SecurityMockMvcRequestPostProcessors.testSecurityContext()} to the request.
 * <p>
 * The authorities go through the token's {@code scope} as a real token's do:
 * {@code SCOPE_} prefixes are dropped ({@code SCOPE_read} becomes {@code read}), and
 * Spring Security's {@code FACTOR_BEARER} is added. The issuer, audience and lifetime are
 * the application's ({@code wx.login.jwt.*}) when the test has an application context
 * with the starter, else its defaults; {@code iat} reads the application's unique
 * {@code Clock} bean, if any.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithMockWxUserSecurityContextFactory.class)
public @interface WithMockWxUser {

	/**
	 * Alias for {@link #openid()}.
	 * @return the openid
	 */
	@AliasFor("openid")
	String value() default "o-test";

	/**
	 * The user's openid: the token's {@code sub} and the authentication's name.
	 * @return the openid, {@code o-test} by default
	 */
	@AliasFor("value")
	String openid() default "o-test";

	/**
	 * The mini-program: the token's {@code appid} (and {@code aud}, unless
	 * {@code wx.login.jwt.audience} is set). Empty for the application's only configured
	 * app (its {@code WxApps} bean), else
	 * {@value AutoConfigureWxSimulator#DEFAULT_APP_ID}.
	 * @return the app id, empty by default
	 */
	String appId() default "";

	/**
	 * The user's unionid, the token's {@code unionid} claim.
	 * @return the unionid, empty by default for none
	 */
	String unionid() default "";

	/**
	 * The user's authorities, as the application's {@code WxUserService} would grant
	 * them.
	 * @return the authorities, {@code ROLE_USER} by default
	 */
	String[] authorities() default "ROLE_USER";

	/**
	 * When the security context is set up, as for {@code @WithMockUser}.
	 * @return {@link TestExecutionEvent#TEST_METHOD} by default
	 */
	@AliasFor(annotation = WithSecurityContext.class)
	TestExecutionEvent setupBefore() default TestExecutionEvent.TEST_METHOD;

}
