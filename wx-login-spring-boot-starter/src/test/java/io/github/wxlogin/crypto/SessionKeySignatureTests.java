package io.github.wxlogin.crypto;

import org.junit.jupiter.api.Test;

import static io.github.wxlogin.crypto.WechatVectors.text;
import static org.assertj.core.api.Assertions.assertThat;

class SessionKeySignatureTests {

	@Test
	void hmacSha256WhenCheckSessionVectorThenOfficialSignature() {
		String signature = SessionKeySignature.hmacSha256(text("checkSessionSignature", "sessionKey"),
				text("checkSessionSignature", "message"));
		assertThat(signature).isEqualTo(text("checkSessionSignature", "signature"))
			.isEqualTo("7154f9f8b4b76b92f541cbf0e37d48840fa06e5e42da92a6f80168a1516a4735");
	}

	@Test
	void hmacSha256WhenLoginStateVectorThenOfficialSignature() {
		String signature = SessionKeySignature.hmacSha256(text("loginStateSignature", "key"),
				text("loginStateSignature", "message"));
		assertThat(signature).isEqualTo(text("loginStateSignature", "signature"))
			.isEqualTo("654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b");
	}

}
