package io.github.wxlogin.test.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link WxSimulator} for JUnit Jupiter tests. <pre>{@code
 * &#64;RegisterExtension
 * static WxSimulatorExtension wechat = WxSimulatorExtension.create().app("wx-test-app", "test-secret");
 *
 *

&#64;Test
 * void login() {
 *     String code = wechat.createCode("wx-test-app", "o-alice");
 *     // call the code under test, configured with wechat.baseUrl()
 * }
 * }</pre> Registered on a {@code static} field, one simulator serves the whole test class
 * (nested classes included) and stops after it; before each test its faults and counts
 * are cleared, while codes, sessions and access tokens stay (a Spring context cached
 * across tests keeps its WeChat access token). Registered on an instance field, every
 * test gets a fresh simulator. {@link #simulator()} and {@link #baseUrl()} start it early
 * when asked before the lifecycle does (e.g. from a {@code @DynamicPropertySource}
 * method). Test methods and constructors may also declare a {@link WxSimulator}
 * parameter.
 * <p>
 * Configure the extension ({@link #app(String, String)}, {@link #clock(Clock)},
 * {@link #port(int)}) where it is declared; apps added later are registered with the
 * running simulator too. Thread-safe.
 */
public final class WxSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final List<AppRegistration> apps = new ArrayList<>();

	private @Nullable Clock clock;

	private int port;

	private @Nullable WxSimulator simulator;

	private int classLevels;

	private WxSimulatorExtension() {
	}

	/**
	 * A new extension with no apps, on a free port, with the system clock.
	 * @return the extension
	 */
	public static WxSimulatorExtension create() {
		return new WxSimulatorExtension();
	}

	/**
	 * Registers an app that is not bound to an Open Platform account (no unionid).
	 * @param appId the app id
	 * @param appSecret its secret
	 * @return this extension
	 */
	public WxSimulatorExtension app(String appId, String appSecret) {
		return app(appId, appSecret, false);
	}

	/**
	 * Registers an app.
	 * @param appId the app id
	 * @param appSecret its secret
	 * @param boundToOpenPlatform whether WeChat reports a unionid for its users
	 * @return this extension
	 */
	public synchronized WxSimulatorExtension app(String appId, String appSecret, boolean boundToOpenPlatform) {
		AppRegistration app = new AppRegistration(appId, appSecret, boundToOpenPlatform);
		this.apps.add(app);
		if (this.simulator != null) {
			app.registerWith(this.simulator);
		}
		return this;
	}

	/**
	 * The clock the simulator starts with.
	 * @param clock the clock
	 * @return this extension
	 * @see WxSimulator#setClock(Clock)
	 */
	public synchronized WxSimulatorExtension clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		if (this.simulator != null) {
			this.simulator.setClock(clock);
		}
		return this;
	}

	/**
	 * A fixed port instead of a free one.
	 * @param port the port
	 * @return this extension
	 */
	public synchronized WxSimulatorExtension port(int port) {
		this.port = port;
		return this;
	}

	/**
	 * The running simulator, started now if the test lifecycle has not started it yet.
	 * @return the simulator
	 */
	public synchronized WxSimulator simulator() {
		if (this.simulator == null) {
			WxSimulator started = WxSimulator.start(this.port);
			this.apps.forEach((app) -> app.registerWith(started));
			if (this.clock != null) {
				started.setClock(this.clock);
			}
			this.simulator = started;
		}
		return this.simulator;
	}

	/**
	 * The simulator's base URL, for {@code wx.login.api-base-url}.
	 * @return e.g. {@code http://127.0.0.1:54321}
	 * @see WxSimulator#baseUrl()
	 */
	public String baseUrl() {
		return simulator().baseUrl();
	}

	/**
	 * A new login code.
	 * @param appId a registered app
	 * @param openid the user's openid
	 * @return the code
	 * @see WxSimulator#createCode(String, String)
	 */
	public String createCode(String appId, String openid) {
		return simulator().createCode(appId, openid);
	}

	/**
	 * A new login code with a chosen unionid.
	 * @param appId a registered app
	 * @param openid the user's openid
	 * @param unionid the unionid, or {@code null} to derive one
	 * @return the code
	 * @see WxSimulator#createCode(String, String, String)
	 */
	public String createCode(String appId, String openid, @Nullable String unionid) {
		return simulator().createCode(appId, openid, unionid);
	}

	/**
	 * A login code WeChat's risk control blocks (40226).
	 * @param appId a registered app
	 * @param openid the user's openid
	 * @return the code
	 * @see WxSimulator#createBlockedCode(String, String)
	 */
	public String createBlockedCode(String appId, String openid) {
		return simulator().createBlockedCode(appId, openid);
	}

	/**
	 * The user's current session key.
	 * @param appId the app
	 * @param openid the user
	 * @return the key, empty before the first code exchange
	 * @see WxSimulator#sessionKey(String, String)
	 */
	public Optional<String> sessionKey(String appId, String openid) {
		return simulator().sessionKey(appId, openid);
	}

	/**
	 * User info encrypted and signed with the user's current session key.
	 * @param appId the app
	 * @param openid the user
	 * @param userInfo the profile fields
	 * @return the user data
	 * @see WxSimulator#userInfo(String, String, Map)
	 */
	public UserData userInfo(String appId, String openid, Map<String, ?> userInfo) {
		return simulator().userInfo(appId, openid, userInfo);
	}

	/**
	 * User info made with the key the user's next code exchange will hand out, for a
	 * login request that carries it.
	 * @param appId the app
	 * @param openid the user
	 * @param userInfo the profile fields
	 * @return the user data
	 * @see WxSimulator#userInfoForNextLogin(String, String, Map)
	 */
	public UserData userInfoForNextLogin(String appId, String openid, Map<String, ?> userInfo) {
		return simulator().userInfoForNextLogin(appId, openid, userInfo);
	}

	/**
	 * The anonymous user info WeChat returns since 2022, encrypted and signed with the
	 * user's current session key.
	 * @param appId the app
	 * @param openid the user
	 * @return the user data
	 * @see WxSimulator#userInfo(String, String)
	 */
	public UserData userInfo(String appId, String openid) {
		return simulator().userInfo(appId, openid);
	}

	/**
	 * Legacy encrypted phone data.
	 * @param appId the app
	 * @param openid the user
	 * @param phoneNumber a mainland number
	 * @return the encrypted data
	 * @see WxSimulator#legacyPhone(String, String, String)
	 */
	public EncryptedData legacyPhone(String appId, String openid, String phoneNumber) {
		return simulator().legacyPhone(appId, openid, phoneNumber);
	}

	/**
	 * A new phone code for getuserphonenumber.
	 * @param appId a registered app
	 * @param phoneNumber a mainland number
	 * @return the code
	 * @see WxSimulator#createPhoneCode(String, String)
	 */
	public String createPhoneCode(String appId, String phoneNumber) {
		return simulator().createPhoneCode(appId, phoneNumber);
	}

	/**
	 * A new phone code for one user.
	 * @see WxSimulator#createPhoneCode(String, String, String)
	 */
	public String createPhoneCode(String appId, String openid, String phoneNumber) {
		return simulator().createPhoneCode(appId, openid, phoneNumber);
	}

	/**
	 * Serves a fault to the next matching request.
	 * @param pathPrefix the path prefix
	 * @param fault the fault
	 * @see WxSimulator#failNext(String, Fault)
	 */
	public void failNext(String pathPrefix, Fault fault) {
		simulator().failNext(pathPrefix, fault);
	}

	/**
	 * Serves a fault to every matching request.
	 * @param pathPrefix the path prefix
	 * @param fault the fault
	 * @see WxSimulator#failAlways(String, Fault)
	 */
	public void failAlways(String pathPrefix, Fault fault) {
		simulator().failAlways(pathPrefix, fault);
	}

	/**
	 * Requests that reached a path.
	 * @param path the path
	 * @return the count
	 * @see WxSimulator#requestCount(String)
	 */
	public long requestCount(String path) {
		return simulator().requestCount(path);
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		this.classLevels++;
		simulator();
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.classLevels--;
		if (this.classLevels == 0) {
			stop();
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		WxSimulator running = simulator();
		running.clearFaults();
		running.resetCounts();
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.classLevels == 0) {
			stop();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == WxSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator();
	}

	private void stop() {
		if (this.simulator != null) {
			this.simulator.close();
			this.simulator = null;
		}
	}

	@Override
	public String toString() {
		return "WxSimulatorExtension[" + ((this.simulator != null) ? this.simulator.baseUrl() : "stopped") + "]";
	}

	private record AppRegistration(String appId, String appSecret, boolean bound) {

		AppRegistration {
			Objects.requireNonNull(appId, "appId");
			Objects.requireNonNull(appSecret, "appSecret");
		}

		void registerWith(WxSimulator simulator) {
			simulator.registerApp(this.appId, this.appSecret, this.bound);
		}

		@Override
		public String toString() {
			return "AppRegistration[" + this.appId + "]";
		}

	}

}
