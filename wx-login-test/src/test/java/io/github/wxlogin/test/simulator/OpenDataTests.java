package io.github.wxlogin.test.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenDataTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private static final String BOUND_APP = "wx-bound-app";

	private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

	private WxSimulator simulator;

	private WeChatHttp wechat;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET).registerApp(BOUND_APP, "bound-secret", true);
		this.simulator.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
		this.wechat = new WeChatHttp(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void userInfoThenDecryptsWithSessionKeyToProfileWithOpenIdAndWatermark() throws Exception {
		String sessionKey = login(APP, "o-alice");

		UserData data = this.simulator.userInfo(APP, "o-alice", band());

		String plaintext = decrypt(sessionKey, data.encryptedData(), data.iv());
		assertThat(plaintext).startsWith("{\"openId\":\"o-alice\",\"nickName\":\"Band\",");
		JsonNode payload = WeChatHttp.json.readTree(plaintext);
		assertThat(fieldNames(payload)).containsExactly("openId", "nickName", "gender", "language", "city", "province",
				"country", "avatarUrl", "watermark");
		assertThat(payload.get("gender").asInt()).isEqualTo(1);
		assertThat(payload.get("watermark").get("appid").asString()).isEqualTo(APP);
		assertThat(payload.get("watermark").get("timestamp").asLong()).isEqualTo(NOW.getEpochSecond());
		assertThat(Base64.getDecoder().decode(data.iv())).hasSize(16);
	}

	@Test
	void userInfoThenRawDataIsProfileJsonAndSignatureIsSha1OfRawDataAndKey() throws Exception {
		String sessionKey = login(APP, "o-alice");

		UserData data = this.simulator.userInfo(APP, "o-alice", band());

		assertThat(data.rawData())
			.isEqualTo("{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\",\"city\":\"Guangzhou\","
					+ "\"province\":\"Guangdong\",\"country\":\"CN\",\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/vi_32/0\"}");
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1")
				.digest((data.rawData() + sessionKey).getBytes(StandardCharsets.UTF_8)));
		assertThat(data.signature()).isEqualTo(expected);
	}

	@Test
	void userInfoWhenAppBoundThenUnionIdInPayload() throws Exception {
		String sessionKey = login(BOUND_APP, this.simulator.createCode(BOUND_APP, "o-bob", "u-bob"));

		UserData data = this.simulator.userInfo(BOUND_APP, "o-bob", band());

		JsonNode payload = WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv()));
		assertThat(payload.get("unionId").asString()).isEqualTo("u-bob");
		assertThat(fieldNames(payload)).endsWith("avatarUrl", "unionId", "watermark");
		assertThat(data.rawData()).doesNotContain("unionId").doesNotContain("openId");
	}

	@Test
	void userInfoWhenAppNotBoundThenNoUnionId() throws Exception {
		String sessionKey = login(APP, "o-alice");

		UserData data = this.simulator.userInfo(APP, "o-alice", band());

		assertThat(WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv())).has("unionId"))
			.isFalse();
	}

	@Test
	void userInfoWithoutProfileThenAnonymousPlaceholders() throws Exception {
		String sessionKey = login(APP, "o-alice");

		UserData data = this.simulator.userInfo(APP, "o-alice");

		JsonNode payload = WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv()));
		assertThat(payload.get("nickName").asString()).isEqualTo("微信用户");
		assertThat(payload.get("gender").asInt()).isZero();
		assertThat(data.rawData()).contains("微信用户");
	}

	@Test
	void userInfoWhenLoggedInAgainThenMadeWithNewKey() throws Exception {
		String old = login(APP, "o-alice");
		String current = login(APP, "o-alice");

		UserData data = this.simulator.userInfo(APP, "o-alice", band());

		assertThat(WeChatHttp.json.readTree(decrypt(current, data.encryptedData(), data.iv())).get("openId").asString())
			.isEqualTo("o-alice");
		assertThat(data.signature()).isEqualTo(OpenDataCrypto.rawDataSignature(data.rawData(), current))
			.isNotEqualTo(OpenDataCrypto.rawDataSignature(data.rawData(), old));
	}

	@Test
	void userInfoWhenTwiceThenFreshIv() {
		login(APP, "o-alice");

		UserData first = this.simulator.userInfo(APP, "o-alice", band());
		UserData second = this.simulator.userInfo(APP, "o-alice", band());

		assertThat(second.iv()).isNotEqualTo(first.iv());
		assertThat(second.encryptedData()).isNotEqualTo(first.encryptedData());
		assertThat(second.encrypted()).isEqualTo(new EncryptedData(second.encryptedData(), second.iv()));
	}

	@Test
	void userInfoWhenNoSessionYetThenIllegalState() {
		this.simulator.createCode(APP, "o-alice");

		assertThatIllegalStateException().isThrownBy(() -> this.simulator.userInfo(APP, "o-alice", band()));
		assertThatIllegalStateException().isThrownBy(() -> this.simulator.legacyPhone(APP, "o-alice", "13580006666"));
		assertThatIllegalStateException().isThrownBy(() -> this.simulator.rotateSessionKey(APP, "o-alice"));
	}

	@Test
	void userInfoForNextLoginWhenCodeCreatedAfterThenMadeWithKeyOfThatExchange() throws Exception {
		login(APP, "o-alice");
		UserData data = this.simulator.userInfoForNextLogin(APP, "o-alice", band());
		String code = this.simulator.createCode(APP, "o-alice");

		String sessionKey = login(APP, code);

		assertThat(data.signature()).isEqualTo(OpenDataCrypto.rawDataSignature(data.rawData(), sessionKey));
		JsonNode payload = WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv()));
		assertThat(payload.get("openId").asString()).isEqualTo("o-alice");
		assertThat(payload.get("watermark").get("appid").asString()).isEqualTo(APP);
	}

	@Test
	void userInfoForNextLoginWhenCodeCreatedBeforeAndCalledTwiceThenBothMadeWithKeyOfThatExchange() throws Exception {
		String code = this.simulator.createCode(APP, "o-alice");
		UserData first = this.simulator.userInfoForNextLogin(APP, "o-alice", band());
		UserData second = this.simulator.userInfoForNextLogin(APP, "o-alice", band());

		String sessionKey = login(APP, code);

		assertThat(decrypt(sessionKey, first.encryptedData(), first.iv())).contains("\"openId\":\"o-alice\"");
		assertThat(decrypt(sessionKey, second.encryptedData(), second.iv())).contains("\"openId\":\"o-alice\"");
		assertThat(this.simulator.sessionKey(APP, "o-alice")).hasValue(sessionKey);
	}

	@Test
	void userInfoForNextLoginThenOnlyTheNextExchangeUsesThePinnedKey() {
		UserData data = this.simulator.userInfoForNextLogin(APP, "o-alice", band());
		String pinned = login(APP, "o-alice");

		String after = login(APP, "o-alice");

		assertThat(data.signature()).isEqualTo(OpenDataCrypto.rawDataSignature(data.rawData(), pinned));
		assertThat(after).isNotEqualTo(pinned);
	}

	@Test
	void userInfoForNextLoginWhenAppBoundThenUnionIdChosenForTheUser() throws Exception {
		String code = this.simulator.createCode(BOUND_APP, "o-bob", "u-bob");
		UserData data = this.simulator.userInfoForNextLogin(BOUND_APP, "o-bob", band());

		String sessionKey = login(BOUND_APP, code);

		assertThat(WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv()))
			.get("unionId")
			.asString()).isEqualTo("u-bob");
	}

	@Test
	void userInfoWhenWatermarkAppIdGivenThenWatermarkNamesThatApp() throws Exception {
		UserData next = this.simulator.userInfoForNextLogin(APP, "o-alice", band(), "wx-other-app");
		String sessionKey = login(APP, "o-alice");
		UserData current = this.simulator.userInfo(APP, "o-alice", band(), "wx-other-app");

		for (UserData data : List.of(next, current)) {
			JsonNode payload = WeChatHttp.json.readTree(decrypt(sessionKey, data.encryptedData(), data.iv()));
			assertThat(payload.get("watermark").get("appid").asString()).isEqualTo("wx-other-app");
		}
	}

	@Test
	void legacyPhoneThenDecryptsToPhoneWithWatermark() throws Exception {
		String sessionKey = login(APP, "o-alice");

		EncryptedData data = this.simulator.legacyPhone(APP, "o-alice", "13580006666");

		assertThat(decrypt(sessionKey, data.encryptedData(), data.iv()))
			.isEqualTo("{\"phoneNumber\":\"13580006666\",\"purePhoneNumber\":\"13580006666\",\"countryCode\":\"86\","
					+ "\"watermark\":{\"timestamp\":" + NOW.getEpochSecond() + ",\"appid\":\"" + APP + "\"}}");
	}

	@Test
	void encryptReproducesLegacyPhoneVector() {
		JsonNode vector = vectors().get("legacyPhoneDecryption");

		String encrypted = OpenDataCrypto.encrypt(vector.get("sessionKey").asString(),
				Base64.getDecoder().decode(vector.get("iv").asString()), vector.get("plaintext").asString());

		assertThat(encrypted).isEqualTo(vector.get("encryptedData").asString());
	}

	@Test
	void encryptReproducesOfficialUserInfoVector() throws Exception {
		JsonNode vector = vectors().get("userInfoDecryption");
		String plaintext = WeChatHttp.json.writeValueAsString(vector.get("expected"));
		assertThat(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(vector.get("plaintextSha256").asString());

		String encrypted = OpenDataCrypto.encrypt(vector.get("sessionKey").asString(),
				Base64.getDecoder().decode(vector.get("iv").asString()), plaintext);

		assertThat(encrypted).isEqualTo(vector.get("encryptedData").asString());
	}

	@Test
	void rawDataSignatureReproducesOfficialVector() {
		JsonNode vector = vectors().get("rawDataSignature");

		assertThat(
				OpenDataCrypto.rawDataSignature(vector.get("rawData").asString(), vector.get("sessionKey").asString()))
			.isEqualTo(vector.get("signature").asString());
	}

	@Test
	void userInfoWhenDecryptedWithWrongKeyThenFails() {
		login(APP, "o-alice");
		UserData data = this.simulator.userInfo(APP, "o-alice", band());

		assertThatThrownBy(
				() -> WeChatHttp.json.readTree(decrypt("AAAAAAAAAAAAAAAAAAAAAA==", data.encryptedData(), data.iv())))
			.isInstanceOf(Exception.class);
	}

	static JsonNode vectors() {
		try (InputStream in = OpenDataTests.class.getResourceAsStream("wechat-vectors.json")) {
			assertThat(in).as("wechat-vectors.json on the test classpath").isNotNull();
			return WeChatHttp.json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String login(String appId, String openidOrCode) {
		String code = openidOrCode.startsWith("o-") ? this.simulator.createCode(appId, openidOrCode) : openidOrCode;
		String secret = appId.equals(APP) ? SECRET : "bound-secret";
		return this.wechat.code2Session(appId, secret, code).get("session_key").asString();
	}

	private static Map<String, Object> band() {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "Band");
		profile.put("gender", 1);
		profile.put("language", "zh_CN");
		profile.put("city", "Guangzhou");
		profile.put("province", "Guangdong");
		profile.put("country", "CN");
		profile.put("avatarUrl", "http://wx.qlogo.cn/mmopen/vi_32/0");
		return profile;
	}

	/** The application server's side of §3, written apart from the simulator's. */
	private static String decrypt(String sessionKey, String encryptedData, String iv) throws Exception {
		Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
				new IvParameterSpec(Base64.getDecoder().decode(iv)));
		return new String(cipher.doFinal(Base64.getDecoder().decode(encryptedData)), StandardCharsets.UTF_8);
	}

	private static List<String> fieldNames(JsonNode node) {
		return node.propertyNames().stream().toList();
	}

}
