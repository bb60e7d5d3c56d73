package io.github.wxlogin.sample.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.test.simulator.EncryptedData;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Demo mode only: plays the mini-program and WeChat's client side, asking the embedded
 * simulator for what {@code wx.login}, {@code wx.getUserInfo} and the phone-number button
 * would give a real mini-program.
 */
@RestController
@RequestMapping("/demo")
@ConditionalOnBooleanProperty(name = "wx.demo.enabled")
class DemoController {

	private final WxSimulator simulator;

	DemoController(WxSimulator simulator) {
		this.simulator = simulator;
	}

	/**
	 * What {@code wx.login()} gives: a one-time code for this openid.
	 */
	@PostMapping("/code")
	ResponseEntity<Map<String, Object>> code(@RequestBody DemoUser user) {
		if (!user.valid()) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
		}
		String code = this.simulator.createCode(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, user.openid());
		return ResponseEntity.ok(Map.of("appId", DemoModeEnvironmentPostProcessor.DEMO_APP_ID, "code", code));
	}

	/**
	 * What {@code wx.getUserInfo()} gives: rawData, signature, encryptedData and iv, made
	 * with the user's current session key (after a login), or with
	 * {@code "forNextLogin": true} with the key the user's next code exchange will hand
	 * out (what a mini-program gets when it calls {@code wx.getUserInfo()} right after
	 * {@code wx.login()}, to send with that code).
	 */
	@PostMapping("/user-info")
	ResponseEntity<Map<String, Object>> userInfo(@RequestBody DemoUser user) {
		if (!user.valid()) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
		}
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", (user.nickName() != null) ? user.nickName() : "Demo user");
		profile.put("gender", 0);
		profile.put("language", "zh_CN");
		profile.put("city", "");
		profile.put("province", "");
		profile.put("country", "");
		profile.put("avatarUrl", "");
		try {
			UserData data = Boolean.TRUE.equals(user.forNextLogin())
					? this.simulator.userInfoForNextLogin(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, user.openid(),
							profile)
					: this.simulator.userInfo(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, user.openid(), profile);
			return ResponseEntity.ok(Map.of("rawData", data.rawData(), "signature", data.signature(), "encryptedData",
					data.encryptedData(), "iv", data.iv()));
		}
		catch (IllegalStateException ex) {
			return ResponseEntity.status(409).body(Map.of("error", "not_logged_in"));
		}
	}

	/**
	 * What the phone-number button gives: a phone code, and the legacy encrypted data.
	 */
	@PostMapping("/phone")
	ResponseEntity<Map<String, Object>> phone(@RequestBody DemoUser user) {
		if (!user.valid() || user.phoneNumber() == null || !user.phoneNumber().matches("\\+?[0-9]{5,20}")) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_request"));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", this.simulator.createPhoneCode(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, user.openid(),
				user.phoneNumber()));
		try {
			EncryptedData legacy = this.simulator.legacyPhone(DemoModeEnvironmentPostProcessor.DEMO_APP_ID,
					user.openid(), user.phoneNumber());
			body.put("encryptedData", legacy.encryptedData());
			body.put("iv", legacy.iv());
		}
		catch (IllegalStateException ex) {
			// not logged in yet: only the code
		}
		return ResponseEntity.ok(body);
	}

	record DemoUser(String openid, String nickName, String phoneNumber, Boolean forNextLogin) {

		boolean valid() {
			return this.openid != null && this.openid.matches("[A-Za-z0-9_-]{1,64}");
		}

	}

}
