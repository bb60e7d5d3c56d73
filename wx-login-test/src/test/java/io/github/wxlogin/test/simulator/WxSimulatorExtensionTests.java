package io.github.wxlogin.test.simulator;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.wxlogin.test.simulator.Code2SessionTests.assertErrcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class WxSimulatorExtensionTests {

	@RegisterExtension
	static WxSimulatorExtension wechat = WxSimulatorExtension.create()
		.app("wx-test-app", "test-secret")
		.app("wx-bound-app", "bound-secret", true);

	private static WxSimulator firstSeen;

	@Test
	@Order(1)
	void staticExtensionThenRunningWithRegisteredApps() {
		firstSeen = wechat.simulator();
		WeChatHttp http = new WeChatHttp(wechat.simulator());

		JsonAssert.openid(http.code2Session("wx-test-app", "test-secret", wechat.createCode("wx-test-app", "o-alice")),
				"o-alice");
		assertThat(
				http.code2Session("wx-bound-app", "bound-secret", wechat.createCode("wx-bound-app", "o-bob", "u-bob"))
					.get("unionid")
					.asString())
			.isEqualTo("u-bob");
		assertThat(wechat.baseUrl()).isEqualTo(wechat.simulator().baseUrl()).startsWith("http://127.0.0.1:");
		assertThat(wechat.sessionKey("wx-test-app", "o-alice")).isPresent();
		wechat.failAlways("/", Fault.BUSY);
		assertErrcode(http.code2Session("wx-test-app", "test-secret", "x"), -1);
	}

	@Test
	@Order(2)
	void staticExtensionThenSameSimulatorWithFaultsAndCountsClearedButSessionsKept() {
		WeChatHttp http = new WeChatHttp(wechat.simulator());

		assertThat(wechat.simulator()).isSameAs(firstSeen);
		assertThat(wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isZero();
		assertThat(wechat.sessionKey("wx-test-app", "o-alice")).isPresent();
		JsonAssert.openid(http.code2Session("wx-test-app", "test-secret", wechat.createCode("wx-test-app", "o-alice")),
				"o-alice");
	}

	@Test
	@Order(3)
	void parameterOfTypeWxSimulatorThenTheExtensionsSimulator(WxSimulator simulator) {
		assertThat(simulator).isSameAs(wechat.simulator());
	}

	@Test
	@Order(4)
	void delegatesThenProduceDataForTheSession() {
		WeChatHttp http = new WeChatHttp(wechat.simulator());
		http.code2Session("wx-test-app", "test-secret", wechat.createCode("wx-test-app", "o-carol"));
		String token = http.stableAccessToken("wx-test-app", "test-secret");

		UserData user = wechat.userInfo("wx-test-app", "o-carol", Map.of("nickName", "Carol"));
		EncryptedData phone = wechat.legacyPhone("wx-test-app", "o-carol", "13580006666");

		UserData next = wechat.userInfoForNextLogin("wx-test-app", "o-carol", Map.of("nickName", "Carol"));
		String nextKey = http.code2Session("wx-test-app", "test-secret", wechat.createCode("wx-test-app", "o-carol"))
			.get("session_key")
			.asString();

		assertThat(next.signature()).isEqualTo(OpenDataCrypto.rawDataSignature(next.rawData(), nextKey));
		assertThat(user.rawData()).isEqualTo("{\"nickName\":\"Carol\"}");
		assertThat(wechat.userInfo("wx-test-app", "o-carol").rawData()).contains("nickName");
		assertThat(phone.iv()).isNotEqualTo(user.iv());
		assertThat(http.phoneNumber(token, wechat.createPhoneCode("wx-test-app", "13580006666")).get("errcode").asInt())
			.isZero();
		wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.RATE_LIMITED);
		assertErrcode(http.code2Session("wx-test-app", "test-secret", wechat.createBlockedCode("wx-test-app", "o-eve")),
				45011);
		assertErrcode(http.code2Session("wx-test-app", "test-secret", wechat.createBlockedCode("wx-test-app", "o-eve")),
				40226);
	}

	@Test
	void lifecycleWhenClassLevelThenStartsOnceSurvivesNestedClassesAndStopsAfterAll() throws Exception {
		WxSimulatorExtension extension = WxSimulatorExtension.create().app("wx-a", "secret-a");
		ExtensionContext context = stubContext();

		extension.beforeAll(context);
		WxSimulator simulator = extension.simulator();
		extension.beforeAll(context);
		extension.beforeEach(context);
		extension.afterEach(context);
		extension.afterAll(context);
		String baseUrl = extension.baseUrl();
		assertThat(extension.simulator()).as("still running after the nested class").isSameAs(simulator);
		assertThat(ping(baseUrl)).isEqualTo(404);
		extension.afterAll(context);

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> ping(baseUrl));
	}

	@Test
	void lifecycleWhenTestLevelThenFreshSimulatorPerTest() throws Exception {
		WxSimulatorExtension extension = WxSimulatorExtension.create().app("wx-a", "secret-a");
		ExtensionContext context = stubContext();

		extension.beforeEach(context);
		WxSimulator first = extension.simulator();
		String firstUrl = first.baseUrl();
		extension.afterEach(context);
		extension.beforeEach(context);
		WxSimulator second = extension.simulator();
		extension.afterEach(context);

		assertThat(second).isNotSameAs(first);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> ping(firstUrl));
	}

	@Test
	void appAddedWhileRunningThenRegistered() {
		WxSimulatorExtension extension = WxSimulatorExtension.create();
		try {
			extension.simulator();
			extension.app("wx-late", "late-secret");

			WeChatHttp http = new WeChatHttp(extension.simulator());
			JsonAssert.openid(http.code2Session("wx-late", "late-secret", extension.createCode("wx-late", "o-late")),
					"o-late");
		}
		finally {
			extension.afterEach(stubContext());
		}
	}

	private static int ping(String baseUrl) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ping")).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static ExtensionContext stubContext() {
		return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
				new Class<?>[] { ExtensionContext.class }, (proxy, method, args) -> {
					throw new UnsupportedOperationException(method.getName());
				});
	}

	@Nested
	@Order(1)
	class FirstNested {

		@Test
		void nestedClassThenOuterSimulator(WxSimulator simulator) {
			assertThat(simulator).isSameAs(firstSeen).isSameAs(wechat.simulator());
		}

	}

	@Nested
	@Order(2)
	class SecondNested {

		@Test
		void nestedClassAfterAnotherThenOuterSimulatorStillRunning() throws Exception {
			assertThat(wechat.simulator()).isSameAs(firstSeen);
			assertThat(ping(wechat.baseUrl())).isEqualTo(404);
		}

	}

	private static final class JsonAssert {

		static void openid(tools.jackson.databind.JsonNode body, String openid) {
			assertThat(body.path("openid").asString()).as("openid in %s", body).isEqualTo(openid);
		}

	}

}
