package io.github.wxlogin.test.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.test.simulator.WeChatHttpHandler.Request;

/**
 * A fake {@code api.weixin.qq.com} on {@code 127.0.0.1}, for tests and demos: it serves
 * over real HTTP
 * <ul>
 * <li>{@code GET /sns/jscode2session} (code2Session, answered as {@code text/plain} like
 * WeChat),</li>
 * <li>{@code POST /cgi-bin/stable_token} and {@code GET /cgi-bin/token} (access
 * tokens),</li>
 * <li>{@code POST /wxa/business/getuserphonenumber} (phone number by phone code),</li>
 * <li>{@code GET /wxa/checksession} (session-key check, HMAC-SHA256 keyed with the Base64
 * key string),</li>
 * </ul>
 * and {@code 404} for anything else. Every business error is HTTP 200 with
 * {@code {"errcode":N,"errmsg":"..., rid: ..."}}, as WeChat answers (see docs/wechat.md,
 * "Transport conventions").
 * <p>
 * Tests play the mini-program: register an app ({@link #registerApp(String, String)}),
 * get a login code for a user of their choice ({@link #createCode(String, String)}), hand
 * it to the code under test, and produce the user's encrypted data with the session key
 * WeChat hands out: {@link #userInfoForNextLogin(String, String, Map)} for data sent
 * together with the code, {@link #userInfo(String, String, Map)} once the code was
 * exchanged. Faults ({@link #failNext(String, Fault)}) and a controllable clock
 * ({@link #setClock(Clock)}, {@link #advanceTime(Duration)}) cover the unhappy paths.
 * <p>
 * All methods are thread-safe; the server answers on a small pool of daemon threads.
 * Secrets, session keys and tokens are never logged. <pre>{@code
 * try (WxSimulator wechat = WxSimulator.start()) {
 *     wechat.registerApp("wx-test-app", "test-secret");
 *     String code = wechat.createCode("wx-test-app", "o-alice");
 *     // point the client under test at wechat.baseUrl() and log in with code
 * }
 * }</pre>
 */
public final class WxSimulator implements AutoCloseable {

	/**
	 * How long a login code or a phone code can be exchanged (see docs/wechat.md,
	 * sections 2 and 5).
	 */
	public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

	/** Lifetime of an access token from either token endpoint. */
	public static final Duration ACCESS_TOKEN_LIFETIME = AccessTokens.LIFETIME;

	/** Path of code2Session. */
	public static final String CODE2SESSION_PATH = "/sns/jscode2session";

	/** Path of the stable access-token endpoint. */
	public static final String STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

	/** Path of the classic access-token endpoint. */
	public static final String TOKEN_PATH = "/cgi-bin/token";

	/** Path of the phone-number endpoint. */
	public static final String PHONE_NUMBER_PATH = "/wxa/business/getuserphonenumber";

	/** Path of the session-key check. */
	public static final String CHECK_SESSION_PATH = "/wxa/checksession";

	private static final int THREADS = 8;

	private static final char[] CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final String DEFAULT_AVATAR = "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132";

	private final HttpServer server;

	private final ExecutorService executor;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private final Map<String, App> apps = new ConcurrentHashMap<>();

	private final Map<String, LoginCode> loginCodes = new ConcurrentHashMap<>();

	private final Set<String> usedLoginCodes = ConcurrentHashMap.newKeySet();

	private final Map<UserKey, Session> sessions = new ConcurrentHashMap<>();

	private final Map<UserKey, String> nextSessionKeys = new ConcurrentHashMap<>();

	private final Map<UserKey, String> unionids = new ConcurrentHashMap<>();

	private final Map<UserKey, MinuteWindow> code2SessionWindows = new ConcurrentHashMap<>();

	private final Map<String, PhoneCode> phoneCodes = new ConcurrentHashMap<>();

	private final AccessTokens accessTokens = new AccessTokens();

	private final WeChatHttpHandler handler = new WeChatHttpHandler(this.json);

	private final AtomicReference<Duration> timeOffset = new AtomicReference<>(Duration.ZERO);

	private volatile Clock clock = Clock.systemUTC();

	private volatile int code2SessionLimitPerMinute;

	private final AtomicBoolean closed = new AtomicBoolean();

	private WxSimulator(int port) {
		try {
			this.server = HttpServer
				.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the WeChat simulator on port " + port, ex);
		}
		this.executor = Executors.newFixedThreadPool(THREADS, new DaemonThreads());
		this.server.setExecutor(this.executor);
		this.handler.route("GET", CODE2SESSION_PATH, WeChatHttpHandler.TEXT_PLAIN, this::code2Session);
		this.handler.route("POST", STABLE_TOKEN_PATH, WeChatHttpHandler.JSON, this::stableToken);
		this.handler.route("GET", TOKEN_PATH, WeChatHttpHandler.JSON, this::token);
		this.handler.route("POST", PHONE_NUMBER_PATH, WeChatHttpHandler.JSON, this::phoneNumber);
		this.handler.route("GET", CHECK_SESSION_PATH, WeChatHttpHandler.JSON, this::checkSession);
		this.server.createContext("/", this.handler);
		this.server.start();
	}

	/**
	 * Starts a simulator on a free port of {@code 127.0.0.1}.
	 * @return the running simulator; close it when done
	 * @throws UncheckedIOException if no server socket can be opened
	 */
	public static WxSimulator start() {
		return new WxSimulator(0);
	}

	/**
	 * Starts a simulator on the given port of {@code 127.0.0.1}.
	 * @param port the port, or 0 for a free one
	 * @return the running simulator; close it when done
	 * @throws UncheckedIOException if the port is taken
	 */
	public static WxSimulator start(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535");
		}
		return new WxSimulator(port);
	}

	/**
	 * The address to configure as WeChat's API base URL ({@code wx.login.api-base-url}).
	 * @return e.g. {@code http://127.0.0.1:54321}, without trailing slash
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The port the simulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Stops the server at once: open connections are closed, delayed answers are
	 * abandoned. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- time

	/**
	 * Replaces the clock that decides code and token expiry and watermark timestamps.
	 * Time moved by {@link #advanceTime(Duration)} stays added on top.
	 * @param clock the clock, by default the system UTC clock
	 */
	public void setClock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Moves the simulator's time forward, e.g. past {@link #CODE_LIFETIME} to make codes
	 * expire.
	 * @param amount how far, not negative
	 */
	public void advanceTime(Duration amount) {
		Objects.requireNonNull(amount, "amount");
		if (amount.isNegative()) {
			throw new IllegalArgumentException("time only moves forward");
		}
		this.timeOffset.accumulateAndGet(amount, Duration::plus);
	}

	/**
	 * The simulator's current time: its clock plus any {@link #advanceTime(Duration)
	 * advance}.
	 * @return now, as the simulator sees it
	 */
	public Instant now() {
		return this.clock.instant().plus(this.timeOffset.get());
	}

	// ---- apps

	/**
	 * Registers a mini-program that is not bound to an Open Platform account:
	 * code2Session answers without {@code unionid}. Registering an app id again replaces
	 * its secret and binding.
	 * @param appId the app id
	 * @param appSecret its secret
	 * @return this simulator
	 */
	public WxSimulator registerApp(String appId, String appSecret) {
		return registerApp(appId, appSecret, false);
	}

	/**
	 * Registers a mini-program. Registering an app id again replaces its secret and
	 * binding.
	 * @param appId the app id
	 * @param appSecret its secret
	 * @param boundToOpenPlatform whether code2Session and the decrypted user info carry a
	 * {@code unionid}
	 * @return this simulator
	 */
	public WxSimulator registerApp(String appId, String appSecret, boolean boundToOpenPlatform) {
		requireText(appId, "appId");
		requireText(appSecret, "appSecret");
		this.apps.put(appId, new App(appId, appSecret, boundToOpenPlatform));
		return this;
	}

	// ---- login codes and sessions

	/**
	 * A new login code, as {@code wx.login} gives the mini-program of this user: 32
	 * characters of {@code [A-Za-z0-9]}, unique, valid for {@link #CODE_LIFETIME}, single
	 * use. For a bound app the user's unionid is the one last chosen for this user, else
	 * one derived from the openid.
	 * @param appId a registered app
	 * @param openid the user's openid in that app
	 * @return the code
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createCode(String appId, String openid) {
		return code(appId, openid).create();
	}

	/**
	 * A new login code with a chosen unionid, which code2Session returns when the app is
	 * bound to an Open Platform account (and ignores otherwise).
	 * @param appId a registered app
	 * @param openid the user's openid in that app
	 * @param unionid the user's unionid (also used in this user's later codes and
	 * encrypted user info), or {@code null} for the one chosen before, else one derived
	 * from the openid
	 * @return the code
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createCode(String appId, String openid, @Nullable String unionid) {
		return code(appId, openid).unionid(unionid).create();
	}

	/**
	 * A login code of a user WeChat's risk control blocks: code2Session answers 40226 for
	 * it (every time, it is not consumed).
	 * @param appId a registered app
	 * @param openid the user's openid in that app
	 * @return the code
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createBlockedCode(String appId, String openid) {
		return code(appId, openid).blocked().create();
	}

	/**
	 * Starts a login code with more choices than {@link #createCode(String, String)}:
	 * unionid, risk block, or a chosen code string (e.g. one with characters that need
	 * URL encoding). <pre>{@code
	 * String code = wechat.code("wx-test-app", "o-alice").value("a+b/c=d&e").create();
	 * }</pre>
	 * @param appId a registered app
	 * @param openid the user's openid in that app
	 * @return a builder; nothing is issued until {@link LoginCodeBuilder#create()}
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public LoginCodeBuilder code(String appId, String openid) {
		requireText(openid, "openid");
		return new LoginCodeBuilder(app(appId), openid);
	}

	/**
	 * The session key WeChat handed out at the user's latest code exchange, the only one
	 * it considers valid.
	 * @param appId the app
	 * @param openid the user
	 * @return the Base64 session key, empty before the user's first exchange
	 */
	public Optional<String> sessionKey(String appId, String openid) {
		return Optional.ofNullable(this.sessions.get(new UserKey(appId, openid))).map(Session::sessionKey);
	}

	/**
	 * Replaces the user's session key as a new {@code wx.login} on the phone can do (see
	 * docs/wechat.md, "code2Session"): the key the server stored no longer verifies at
	 * checksession, and data from {@link #userInfo(String, String, Map)} is encrypted
	 * with the new key.
	 * @param appId the app
	 * @param openid the user
	 * @return the new Base64 session key
	 * @throws IllegalStateException if the user has no session yet
	 */
	public String rotateSessionKey(String appId, String openid) {
		Session rotated = this.sessions.computeIfPresent(new UserKey(appId, openid),
				(key, session) -> new Session(newSessionKey()));
		if (rotated == null) {
			throw noSession(appId);
		}
		return rotated.sessionKey();
	}

	// ---- open data

	/**
	 * What {@code wx.getUserInfo} gives the mini-program for this profile, made with the
	 * user's current session key exactly as WeChat does: {@code rawData} is the profile
	 * as JSON in the map's iteration order (use a {@link LinkedHashMap} for a fixed
	 * order), {@code signature} is {@code sha1(rawData + session_key)}, and
	 * {@code encryptedData} holds
	 * {@code {"openId", ...profile, "unionId" (bound apps), "watermark":{"timestamp",
	 * "appid"}}} under AES-128-CBC with a random IV. For the data a client sends together
	 * with its login code, use {@link #userInfoForNextLogin(String, String, Map)}.
	 * @param appId the app
	 * @param openid the user, who must have exchanged a code already
	 * @param userInfo the profile fields, e.g. {@code nickName}, {@code gender},
	 * {@code avatarUrl}; values are written as JSON
	 * @return the user data to post to the server
	 * @throws IllegalStateException if the user has no session yet
	 */
	public UserData userInfo(String appId, String openid, Map<String, ?> userInfo) {
		return userInfo(appId, openid, userInfo, appId);
	}

	/**
	 * {@link #userInfo(String, String, Map)} with a watermark naming another app, as data
	 * produced for another mini-program would carry: a server must refuse it.
	 * @param appId the app
	 * @param openid the user, who must have exchanged a code already
	 * @param userInfo the profile fields
	 * @param watermarkAppId the app id written into {@code watermark.appid}
	 * @return the user data to post to the server
	 * @throws IllegalStateException if the user has no session yet
	 */
	public UserData userInfo(String appId, String openid, Map<String, ?> userInfo, String watermarkAppId) {
		app(appId);
		return userData(new UserKey(appId, openid), session(appId, openid).sessionKey(), userInfo, watermarkAppId);
	}

	/**
	 * What {@code wx.getUserInfo} gives the mini-program right after {@code wx.login},
	 * before the server exchanged the code: made with the session key the user's
	 * <em>next</em> successful code exchange will hand out, whichever code of this user
	 * it is and whether that code is created before or after this call. The key is chosen
	 * now and kept until that exchange; calling again before it reuses the same key.
	 * Otherwise as {@link #userInfo(String, String, Map)}.
	 * @param appId a registered app
	 * @param openid the user
	 * @param userInfo the profile fields
	 * @return the user data to post to the server with the login code
	 */
	public UserData userInfoForNextLogin(String appId, String openid, Map<String, ?> userInfo) {
		return userInfoForNextLogin(appId, openid, userInfo, appId);
	}

	/**
	 * {@link #userInfoForNextLogin(String, String, Map)} with a watermark naming another
	 * app: a server must refuse it.
	 * @param appId a registered app
	 * @param openid the user
	 * @param userInfo the profile fields
	 * @param watermarkAppId the app id written into {@code watermark.appid}
	 * @return the user data to post to the server with the login code
	 */
	public UserData userInfoForNextLogin(String appId, String openid, Map<String, ?> userInfo, String watermarkAppId) {
		requireText(openid, "openid");
		app(appId);
		UserKey user = new UserKey(appId, openid);
		String sessionKey = this.nextSessionKeys.computeIfAbsent(user, (key) -> newSessionKey());
		return userData(user, sessionKey, userInfo, watermarkAppId);
	}

	/**
	 * {@link #userInfo(String, String, Map)} with the anonymous profile WeChat returns
	 * since 2022: nickname {@code 微信用户}, grey default avatar, gender 0, empty region.
	 * @param appId the app
	 * @param openid the user, who must have exchanged a code already
	 * @return the user data to post to the server
	 * @throws IllegalStateException if the user has no session yet
	 */
	public UserData userInfo(String appId, String openid) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "微信用户");
		profile.put("gender", 0);
		profile.put("language", "zh_CN");
		profile.put("city", "");
		profile.put("province", "");
		profile.put("country", "");
		profile.put("avatarUrl", DEFAULT_AVATAR);
		return userInfo(appId, openid, profile);
	}

	/**
	 * What the legacy {@code getPhoneNumber} button callback gave the mini-program:
	 * {@code encryptedData} and {@code iv} of
	 * {@code {"phoneNumber","purePhoneNumber","countryCode":"86","watermark"}}, encrypted
	 * with the user's current session key. There is no {@code rawData} or signature for
	 * phone data, hence {@link EncryptedData} rather than {@link UserData}.
	 * @param appId the app
	 * @param openid the user, who must have exchanged a code already
	 * @param phoneNumber a mainland number, e.g. {@code "13580006666"}
	 * @return the encrypted phone data
	 * @throws IllegalStateException if the user has no session yet
	 */
	public EncryptedData legacyPhone(String appId, String openid, String phoneNumber) {
		return legacyPhone(appId, openid, PhoneNumber.mainland(phoneNumber));
	}

	/**
	 * {@link #legacyPhone(String, String, String)} for any number.
	 * @param appId the app
	 * @param openid the user, who must have exchanged a code already
	 * @param phoneNumber the number
	 * @return the encrypted phone data
	 * @throws IllegalStateException if the user has no session yet
	 */
	public EncryptedData legacyPhone(String appId, String openid, PhoneNumber phoneNumber) {
		Objects.requireNonNull(phoneNumber, "phoneNumber");
		app(appId);
		Session session = session(appId, openid);
		return encrypt(session.sessionKey(), writeJson(phoneInfo(phoneNumber, appId, now())));
	}

	private UserData userData(UserKey user, String sessionKey, Map<String, ?> userInfo, String watermarkAppId) {
		Objects.requireNonNull(userInfo, "userInfo");
		Objects.requireNonNull(watermarkAppId, "watermarkAppId");
		Map<String, Object> profile = new LinkedHashMap<>(userInfo);
		String rawData = writeJson(profile);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("openId", user.openid());
		payload.putAll(profile);
		if (app(user.appId()).bound()) {
			payload.put("unionId", unionid(user));
		}
		payload.put("watermark", watermark(watermarkAppId, now()));
		EncryptedData encrypted = encrypt(sessionKey, writeJson(payload));
		return new UserData(rawData, OpenDataCrypto.rawDataSignature(rawData, sessionKey), encrypted.encryptedData(),
				encrypted.iv());
	}

	// ---- phone codes

	/**
	 * A new phone code, as {@code <button open-type="getPhoneNumber">} gives the
	 * mini-program ({@code e.detail.code}): single use, valid for {@link #CODE_LIFETIME},
	 * only for this app, bound to no user (any caller's openid is accepted;
	 * {@link #createPhoneCode(String, String, String)} binds it to one).
	 * @param appId a registered app
	 * @param phoneNumber a mainland number, e.g. {@code "13580006666"}; country code
	 * {@code "86"}
	 * @return the code for getuserphonenumber
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createPhoneCode(String appId, String phoneNumber) {
		return createPhoneCode(appId, PhoneNumber.mainland(phoneNumber));
	}

	/**
	 * {@link #createPhoneCode(String, String)} for any number.
	 * @param appId a registered app
	 * @param phoneNumber the number
	 * @return the code for getuserphonenumber
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createPhoneCode(String appId, PhoneNumber phoneNumber) {
		return phoneCode(appId, null, phoneNumber);
	}

	/**
	 * A new phone code for one user, as the phone-number button gives that user's
	 * mini-program: getuserphonenumber refuses it with 40029 when the caller sends
	 * another {@code openid} with it, as WeChat does.
	 * @param appId a registered app
	 * @param openid the user the code was issued to
	 * @param phoneNumber a mainland number, e.g. {@code "13580006666"}; country code
	 * {@code "86"}
	 * @return the code for getuserphonenumber
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createPhoneCode(String appId, String openid, String phoneNumber) {
		return createPhoneCode(appId, openid, PhoneNumber.mainland(phoneNumber));
	}

	/**
	 * {@link #createPhoneCode(String, String, String)} for any number.
	 * @param appId a registered app
	 * @param openid the user the code was issued to
	 * @param phoneNumber the number
	 * @return the code for getuserphonenumber
	 * @throws IllegalArgumentException if the app is not registered
	 */
	public String createPhoneCode(String appId, String openid, PhoneNumber phoneNumber) {
		return phoneCode(appId, Objects.requireNonNull(openid, "openid"), phoneNumber);
	}

	private String phoneCode(String appId, @Nullable String openid, PhoneNumber phoneNumber) {
		Objects.requireNonNull(phoneNumber, "phoneNumber");
		app(appId);
		PhoneCode phoneCode = new PhoneCode(appId, openid, phoneNumber, now());
		while (true) {
			String code = randomCode();
			if (this.phoneCodes.putIfAbsent(code, phoneCode) == null) {
				return code;
			}
		}
	}

	// ---- access tokens

	/**
	 * Kills every access token of the app (stable and classic) now: the next API call
	 * with a cached token gets 40001, and the next stable_token call issues a new token.
	 * @param appId the app
	 */
	public void invalidateAccessTokens(String appId) {
		this.accessTokens.invalidate(appId, now());
	}

	/**
	 * How many times {@code /cgi-bin/stable_token} handed this app a token (cached or
	 * new), since start or {@link #resetCounts()}. Refused requests are not counted.
	 * @param appId the app
	 * @return the count
	 */
	public long stableTokenFetchCount(String appId) {
		return this.accessTokens.stableFetchCount(appId);
	}

	/**
	 * How many times {@code /cgi-bin/token} handed this app a token, since start or
	 * {@link #resetCounts()}.
	 * @param appId the app
	 * @return the count
	 */
	public long tokenFetchCount(String appId) {
		return this.accessTokens.classicFetchCount(appId);
	}

	// ---- limits

	/**
	 * Turns on WeChat's per-user minute quota of code2Session: after {@code limit}
	 * exchanges of valid codes of one (app, openid) in a clock minute, further ones get
	 * 45011 and their code stays unused.
	 * @param limit exchanges per user per minute, 0 (the default) for no limit
	 */
	public void setCode2SessionLimitPerMinute(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative");
		}
		this.code2SessionLimitPerMinute = limit;
		this.code2SessionWindows.clear();
	}

	// ---- faults and counts

	/**
	 * Serves {@code fault} to the next request whose path starts with {@code pathPrefix},
	 * then answers normally. Faults are checked in the order they were added; a faulted
	 * request has no other effect (a code sent with it stays unused), except
	 * {@link Fault#delay(Duration)}, which answers normally after the wait.
	 * @param pathPrefix e.g. {@link #CODE2SESSION_PATH}, or {@code "/"} for every path
	 * @param fault the fault
	 */
	public void failNext(String pathPrefix, Fault fault) {
		failTimes(pathPrefix, 1, fault);
	}

	/**
	 * Serves {@code fault} to the next {@code times} requests whose path starts with
	 * {@code pathPrefix}.
	 * @param pathPrefix e.g. {@link #CODE2SESSION_PATH}, or {@code "/"} for every path
	 * @param times how many requests, at least 1
	 * @param fault the fault
	 */
	public void failTimes(String pathPrefix, int times, Fault fault) {
		Objects.requireNonNull(pathPrefix, "pathPrefix");
		Objects.requireNonNull(fault, "fault");
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		this.handler.faults().add(pathPrefix, times, fault);
	}

	/**
	 * Serves {@code fault} to every request whose path starts with {@code pathPrefix},
	 * until {@link #clearFaults()}.
	 * @param pathPrefix e.g. {@link #CODE2SESSION_PATH}, or {@code "/"} for every path
	 * @param fault the fault
	 */
	public void failAlways(String pathPrefix, Fault fault) {
		Objects.requireNonNull(pathPrefix, "pathPrefix");
		Objects.requireNonNull(fault, "fault");
		this.handler.faults().addAlways(pathPrefix, fault);
	}

	/**
	 * Removes every pending fault.
	 */
	public void clearFaults() {
		this.handler.faults().clear();
	}

	/**
	 * How many requests reached this exact path (query excluded), faulted and refused
	 * ones included, since start or {@link #resetCounts()}.
	 * @param path e.g. {@link #CODE2SESSION_PATH}
	 * @return the count
	 */
	public long requestCount(String path) {
		return this.handler.requestCount(path);
	}

	/**
	 * Sets every request count and token fetch count to zero.
	 */
	public void resetCounts() {
		this.handler.resetCounts();
		this.accessTokens.resetCounts();
	}

	/**
	 * Forgets all codes, sessions, access tokens, faults and counts; keeps the registered
	 * apps, the clock, the time advanced so far and the minute limit.
	 */
	public void reset() {
		this.loginCodes.clear();
		this.usedLoginCodes.clear();
		this.sessions.clear();
		this.nextSessionKeys.clear();
		this.unionids.clear();
		this.code2SessionWindows.clear();
		this.phoneCodes.clear();
		this.accessTokens.clear();
		this.handler.faults().clear();
		resetCounts();
	}

	@Override
	public String toString() {
		return "WxSimulator[" + baseUrl() + ", apps=" + this.apps.keySet() + "]";
	}

	// ---- endpoints

	private Map<String, Object> code2Session(Request request) {
		App app = authenticate(request.query("appid"), request.query("secret"));
		if (!"authorization_code".equals(request.query("grant_type"))) {
			throw WxApiError.invalidGrantType();
		}
		String code = request.query("js_code");
		if (code == null || code.isEmpty()) {
			throw WxApiError.missingCode();
		}
		Instant now = now();
		LoginCode login = this.loginCodes.get(code);
		if (login == null) {
			throw this.usedLoginCodes.contains(code) ? new WxApiError(40163, "code been used")
					: WxApiError.invalidCode();
		}
		if (!login.appId().equals(app.appId())) {
			throw WxApiError.invalidCode();
		}
		if (!now.isBefore(login.issuedAt().plus(CODE_LIFETIME))) {
			this.loginCodes.remove(code, login);
			throw WxApiError.invalidCode();
		}
		if (login.blocked()) {
			throw new WxApiError(40226, "code blocked");
		}
		checkMinuteLimit(new UserKey(app.appId(), login.openid()), now);
		this.usedLoginCodes.add(code);
		if (!this.loginCodes.remove(code, login)) {
			throw new WxApiError(40163, "code been used");
		}
		UserKey user = new UserKey(app.appId(), login.openid());
		String pinned = this.nextSessionKeys.remove(user);
		String sessionKey = (pinned != null) ? pinned : newSessionKey();
		this.sessions.put(user, new Session(sessionKey));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("session_key", sessionKey);
		body.put("openid", login.openid());
		if (app.bound() && login.unionid() != null) {
			body.put("unionid", login.unionid());
		}
		return body;
	}

	private Map<String, Object> stableToken(Request request) {
		JsonNode body = parseStableTokenRequest(request);
		String appId = text(body, "appid");
		if (appId == null || appId.isEmpty()) {
			throw WxApiError.appidMissing();
		}
		if (!"client_credential".equals(text(body, "grant_type"))) {
			throw WxApiError.invalidGrantType();
		}
		App app = authenticate(appId, text(body, "secret"));
		JsonNode force = body.path("force_refresh");
		boolean forceRefresh = force.asBoolean(false) && (force.isBoolean() || force.isString());
		return tokenBody(this.accessTokens.stable(app.appId(), forceRefresh, now()));
	}

	private Map<String, Object> token(Request request) {
		String appId = request.query("appid");
		if (appId == null || appId.isEmpty()) {
			throw WxApiError.appidMissing();
		}
		if (!"client_credential".equals(request.query("grant_type"))) {
			throw WxApiError.invalidGrantType();
		}
		App app = authenticate(appId, request.query("secret"));
		return tokenBody(this.accessTokens.classic(app.appId(), now()));
	}

	private Map<String, Object> phoneNumber(Request request) {
		Instant now = now();
		String appId = this.accessTokens.check(request.query("access_token"), now);
		String code = text(request.jsonObject(), "code");
		if (code == null || code.isEmpty()) {
			throw WxApiError.missingCode();
		}
		PhoneCode phoneCode = this.phoneCodes.get(code);
		if (phoneCode == null || !phoneCode.appId().equals(appId)) {
			throw WxApiError.invalidCode();
		}
		// the caller's openid, when sent, must be the user the code was issued to
		String openid = text(request.jsonObject(), "openid");
		if (openid != null && phoneCode.openid() != null && !phoneCode.openid().equals(openid)) {
			throw WxApiError.invalidCode();
		}
		if (!now.isBefore(phoneCode.issuedAt().plus(CODE_LIFETIME))) {
			this.phoneCodes.remove(code, phoneCode);
			throw WxApiError.invalidCode();
		}
		if (!this.phoneCodes.remove(code, phoneCode)) {
			throw WxApiError.invalidCode();
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("errcode", 0);
		answer.put("errmsg", "ok");
		answer.put("phone_info", phoneInfo(phoneCode.phoneNumber(), appId, phoneCode.issuedAt()));
		return answer;
	}

	private Map<String, Object> checkSession(Request request) {
		String appId = this.accessTokens.check(request.query("access_token"), now());
		if (!"hmac_sha256".equals(request.query("sig_method"))) {
			throw new WxApiError(87008, "invalid sig_method");
		}
		String openid = request.query("openid");
		String signature = request.query("signature");
		Session session = (openid != null) ? this.sessions.get(new UserKey(appId, openid)) : null;
		if (session == null || signature == null
				|| !OpenDataCrypto.matches(OpenDataCrypto.sessionKeySignature(session.sessionKey(), ""), signature)) {
			throw new WxApiError(87009, "invalid signature");
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("errcode", 0);
		answer.put("errmsg", "ok");
		return answer;
	}

	// ---- endpoint parts

	private App authenticate(@Nullable String appId, @Nullable String secret) {
		if (appId == null || appId.isEmpty()) {
			throw WxApiError.appidMissing();
		}
		App app = this.apps.get(appId);
		if (app == null) {
			throw WxApiError.invalidAppid();
		}
		if (secret == null || !OpenDataCrypto.matches(app.secret(), secret)) {
			throw WxApiError.invalidAppsecret();
		}
		return app;
	}

	private void checkMinuteLimit(UserKey user, Instant now) {
		int limit = this.code2SessionLimitPerMinute;
		if (limit == 0) {
			return;
		}
		long minute = now.getEpochSecond() / 60;
		MinuteWindow window = this.code2SessionWindows.merge(user, new MinuteWindow(minute, 1),
				(old, fresh) -> (old.minute() == minute) ? new MinuteWindow(minute, old.count() + 1) : fresh);
		if (window.count() > limit) {
			throw new WxApiError(45011, WxApiError.MINUTE_QUOTA_MESSAGE);
		}
	}

	/**
	 * WeChat's observed behaviour: a body that is not JSON at all (form-encoded, empty)
	 * misses the appid.
	 */
	private static JsonNode parseStableTokenRequest(Request request) {
		String text = request.bodyText().strip();
		if (!text.startsWith("{") && !text.startsWith("[")) {
			throw WxApiError.appidMissing();
		}
		return request.jsonObject();
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static Map<String, Object> tokenBody(AccessTokens.Issued issued) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", issued.accessToken());
		body.put("expires_in", issued.expiresIn());
		return body;
	}

	private static Map<String, Object> phoneInfo(PhoneNumber phone, String appId, Instant timestamp) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("phoneNumber", phone.phoneNumber());
		info.put("purePhoneNumber", phone.purePhoneNumber());
		info.put("countryCode", phone.countryCode());
		info.put("watermark", watermark(appId, timestamp));
		return info;
	}

	private static Map<String, Object> watermark(String appId, Instant timestamp) {
		Map<String, Object> watermark = new LinkedHashMap<>();
		watermark.put("timestamp", timestamp.getEpochSecond());
		watermark.put("appid", appId);
		return watermark;
	}

	// ---- state

	private App app(String appId) {
		Objects.requireNonNull(appId, "appId");
		App app = this.apps.get(appId);
		if (app == null) {
			throw new IllegalArgumentException("App " + appId + " is not registered with the simulator");
		}
		return app;
	}

	private Session session(String appId, String openid) {
		Objects.requireNonNull(openid, "openid");
		Session session = this.sessions.get(new UserKey(appId, openid));
		if (session == null) {
			throw noSession(appId);
		}
		return session;
	}

	private static IllegalStateException noSession(String appId) {
		return new IllegalStateException(
				"This user has no session in app " + appId + " yet: exchange a code at code2Session first");
	}

	private EncryptedData encrypt(String sessionKey, String plaintext) {
		byte[] iv = new byte[16];
		this.random.nextBytes(iv);
		return new EncryptedData(OpenDataCrypto.encrypt(sessionKey, iv, plaintext),
				Base64.getEncoder().encodeToString(iv));
	}

	private String newSessionKey() {
		byte[] key = new byte[16];
		this.random.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private String randomCode() {
		char[] code = new char[32];
		for (int i = 0; i < code.length; i++) {
			code[i] = CODE_ALPHABET[this.random.nextInt(CODE_ALPHABET.length)];
		}
		return new String(code);
	}

	/**
	 * The unionid last chosen for this user, else a 28-character one derived from the
	 * openid, shaped like WeChat's.
	 */
	private String unionid(UserKey user) {
		String chosen = this.unionids.get(user);
		return (chosen != null) ? chosen : derivedUnionid(user.openid());
	}

	private static String derivedUnionid(String openid) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("unionid:" + openid).getBytes(StandardCharsets.UTF_8));
			return "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private String writeJson(Object value) {
		return this.json.writeValueAsString(value);
	}

	private static void requireText(String value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	/**
	 * Builds one login code, see {@link WxSimulator#code(String, String)}. Not
	 * thread-safe; the code is issued atomically by {@link #create()}.
	 */
	public final class LoginCodeBuilder {

		private final App app;

		private final String openid;

		private @Nullable String unionid;

		private @Nullable String value;

		private boolean blocked;

		private LoginCodeBuilder(App app, String openid) {
			this.app = app;
			this.openid = openid;
		}

		/**
		 * The unionid code2Session returns if the app is bound to an Open Platform
		 * account.
		 * @param unionid the unionid (also used in this user's later codes and encrypted
		 * user info), or {@code null} (the default) for the one chosen before, else one
		 * derived from the openid
		 * @return this builder
		 */
		public LoginCodeBuilder unionid(@Nullable String unionid) {
			this.unionid = unionid;
			return this;
		}

		/**
		 * Makes the code one that WeChat's risk control blocks: 40226 on every exchange.
		 * @return this builder
		 */
		public LoginCodeBuilder blocked() {
			this.blocked = true;
			return this;
		}

		/**
		 * A chosen code string instead of a random one.
		 * @param value the code, any non-empty string never issued before by this
		 * simulator
		 * @return this builder
		 */
		public LoginCodeBuilder value(String value) {
			requireText(value, "value");
			this.value = value;
			return this;
		}

		/**
		 * Issues the code, valid for {@link #CODE_LIFETIME} from now, single use.
		 * @return the code
		 * @throws IllegalArgumentException if the chosen value was issued before
		 */
		public String create() {
			String resolvedUnionid = null;
			if (this.app.bound()) {
				UserKey user = new UserKey(this.app.appId(), this.openid);
				if (this.unionid != null) {
					WxSimulator.this.unionids.put(user, this.unionid);
				}
				resolvedUnionid = WxSimulator.this.unionid(user);
			}
			LoginCode login = new LoginCode(this.app.appId(), this.openid, resolvedUnionid, now(), this.blocked);
			if (this.value != null) {
				if (!issue(this.value, login)) {
					throw new IllegalArgumentException("This code was issued before: " + this.value);
				}
				return this.value;
			}
			while (true) {
				String code = randomCode();
				if (issue(code, login)) {
					return code;
				}
			}
		}

		private boolean issue(String code, LoginCode login) {
			return !WxSimulator.this.usedLoginCodes.contains(code)
					&& WxSimulator.this.loginCodes.putIfAbsent(code, login) == null;
		}

	}

	private record App(String appId, String secret, boolean bound) {

		@Override
		public String toString() {
			return "App[" + this.appId + ", bound=" + this.bound + "]";
		}

	}

	private record UserKey(String appId, String openid) {
	}

	private record LoginCode(String appId, String openid, @Nullable String unionid, Instant issuedAt, boolean blocked) {
	}

	private record Session(String sessionKey) {

		@Override
		public String toString() {
			return "Session[...]";
		}

	}

	private record MinuteWindow(long minute, int count) {
	}

	private record PhoneCode(String appId, @Nullable String openid, PhoneNumber phoneNumber, Instant issuedAt) {
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "wx-simulator-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
