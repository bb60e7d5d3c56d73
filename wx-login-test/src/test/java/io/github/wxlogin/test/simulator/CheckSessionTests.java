package io.github.wxlogin.test.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.wxlogin.test.simulator.Code2SessionTests.assertErrcode;
import static org.assertj.core.api.Assertions.assertThat;

class CheckSessionTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private WxSimulator simulator;

	private WeChatHttp wechat;

	private String accessToken;

	private String sessionKey;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET);
		this.wechat = new WeChatHttp(this.simulator);
		this.accessToken = this.wechat.stableAccessToken(APP, SECRET);
		this.sessionKey = this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"))
			.get("session_key")
			.asString();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void checkSessionWhenSignatureMadeWithCurrentKeyThenOk() throws Exception {
		JsonNode body = checkSession("o-alice", hmac(this.sessionKey), "hmac_sha256");

		assertThat(body.get("errcode").asInt()).isZero();
		assertThat(body.get("errmsg").asString()).isEqualTo("ok");
	}

	@Test
	void checkSessionWhenSignatureWrongThen87009() throws Exception {
		assertErrcode(checkSession("o-alice", hmac("AAAAAAAAAAAAAAAAAAAAAA=="), "hmac_sha256"), 87009);
	}

	@Test
	void checkSessionWhenSignatureMadeWithDecodedKeyBytesThen87009() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(this.sessionKey), "HmacSHA256"));
		String decodedKeySignature = HexFormat.of().formatHex(mac.doFinal(new byte[0]));

		assertErrcode(checkSession("o-alice", decodedKeySignature, "hmac_sha256"), 87009);
	}

	@Test
	void checkSessionWhenKeyReplacedByNewLoginThen87009() throws Exception {
		String old = this.sessionKey;
		this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"));

		assertErrcode(checkSession("o-alice", hmac(old), "hmac_sha256"), 87009);
	}

	@Test
	void checkSessionWhenKeyRotatedThenOnlyNewKeyPasses() throws Exception {
		String rotated = this.simulator.rotateSessionKey(APP, "o-alice");

		assertErrcode(checkSession("o-alice", hmac(this.sessionKey), "hmac_sha256"), 87009);
		assertThat(checkSession("o-alice", hmac(rotated), "hmac_sha256").get("errcode").asInt()).isZero();
	}

	@Test
	void checkSessionWhenUserUnknownThen87009() throws Exception {
		assertErrcode(checkSession("o-nobody", hmac(this.sessionKey), "hmac_sha256"), 87009);
	}

	@Test
	void checkSessionWhenSigMethodWrongThen87008() throws Exception {
		assertErrcode(checkSession("o-alice", hmac(this.sessionKey), "md5"), 87008);
	}

	@Test
	void checkSessionWhenAccessTokenMissingThen41001() throws Exception {
		JsonNode body = this.wechat.getJson(WxSimulator.CHECK_SESSION_PATH,
				Map.of("openid", "o-alice", "signature", hmac(this.sessionKey), "sig_method", "hmac_sha256"));

		assertErrcode(body, 41001);
	}

	@Test
	void sessionKeySignatureReproducesWeChatVectors() {
		JsonNode vectors = OpenDataTests.vectors();
		JsonNode checkSession = vectors.get("checkSessionSignature");
		JsonNode loginState = vectors.get("loginStateSignature");

		assertThat(OpenDataCrypto.sessionKeySignature(checkSession.get("sessionKey").asString(),
				checkSession.get("message").asString()))
			.isEqualTo(checkSession.get("signature").asString());
		assertThat(OpenDataCrypto.sessionKeySignature(loginState.get("key").asString(),
				loginState.get("message").asString()))
			.isEqualTo(loginState.get("signature").asString());
	}

	private JsonNode checkSession(String openid, String signature, String sigMethod) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("access_token", this.accessToken);
		query.put("signature", signature);
		query.put("openid", openid);
		query.put("sig_method", sigMethod);
		return this.wechat.getJson(WxSimulator.CHECK_SESSION_PATH, query);
	}

	/** The client's side of §7, written apart from the simulator's. */
	private static String hmac(String sessionKey) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(new byte[0]));
	}

}
