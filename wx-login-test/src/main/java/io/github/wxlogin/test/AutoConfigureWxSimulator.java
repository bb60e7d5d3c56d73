package io.github.wxlogin.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Runs a {@link WxSimulator} for a Spring test's application context and points the
 * starter at it, so that {@code POST /wx/login} exchanges codes with the simulator
 * instead of WeChat. <pre>{@code
 * &#64;SpringBootTest
 * &#64;AutoConfigureMockMvc
 * &#64;AutoConfigureWxSimulator
 * class LoginTests {
 *
 *     &#64;Autowired
 *     MockMvc mvc;
 *
 *     &#64;Autowired
 *     WxSimulator wechat;
 *
 *     &#64;Test
 *     void loginWhenCodeFromWechatThenTokens() throws Exception {
 *         String code = wechat.createCode("wx-test-app", "o-alice");
 *         mvc.perform(post("/wx/login").contentType(APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
 *             .andExpect(status().isOk());
 *     }
 *
 * }
 * }</pre>
 * <p>
 * One simulator runs per application context: test classes with the same configuration
 * share the cached context and so the simulator (and the codes, sessions and access
 * tokens it handed out). It is a singleton bean of type {@link WxSimulator}, closed with
 * the context.
 * <p>
 * The annotation's {@link #apps() apps} are registered with the simulator and become the
 * starter's configuration: {@code wx.login.app-id} and {@code wx.login.app-secret} for
 * one app, {@code wx.login.apps[<app id>].app-id} and {@code .app-secret} for several
 * (then {@code wx.login.app-id} and {@code wx.login.app-secret} are set empty, so a
 * single app from {@code application.properties} does not join them). With {@code apps =
 * {}} no app is registered nor configured: the test registers its own with the simulator
 * bean. {@code wx.login.api-base-url} is always the simulator's.
 * <p>
 * These properties take precedence over every property source of the application
 * ({@code application.properties}, environment variables, system properties) but not over
 * the test's own: {@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}
 * and {@code @DynamicPropertySource} still win.
 * <p>
 * An application that starts a simulator of its own (such as the sample app's demo mode)
 * should not use this annotation as well. An application started outside Spring's test
 * context ({@code SpringApplication.run}, several instances) needs a simulator started by
 * the test ({@link WxSimulator#start()}) instead.
 * <p>
 * For a test over real HTTP ({@code webEnvironment = RANDOM_PORT}),
 * {@link WxTestClient#withSimulator(WxSimulator, String)} logs users in with codes from
 * this simulator.
 *
 * @see WxTestClient
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureWxSimulator {

	/**
	 * The app id of the default app.
	 */
	String DEFAULT_APP_ID = "wx-test-app";

	/**
	 * The app secret of the default app.
	 */
	String DEFAULT_APP_SECRET = "wx-test-secret";

	/**
	 * The mini-programs to register with the simulator and configure in the starter, by
	 * default one, {@value #DEFAULT_APP_ID} with secret {@value #DEFAULT_APP_SECRET}.
	 * @return the apps, possibly none
	 */
	App[] apps() default @App(appId = AutoConfigureWxSimulator.DEFAULT_APP_ID,
			appSecret = AutoConfigureWxSimulator.DEFAULT_APP_SECRET);

	/**
	 * Whether the apps are bound to an Open Platform account, so that code2Session
	 * reports a {@code unionid} for their users.
	 * @return {@code true} by default
	 */
	boolean boundToOpenPlatform() default true;

	/**
	 * A mini-program registered with the simulator and configured in the starter.
	 */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface App {

		/**
		 * The app id.
		 * @return the app id
		 */
		String appId();

		/**
		 * The app secret, as the simulator expects it and the starter sends it.
		 * @return the app secret
		 */
		String appSecret();

	}

}
