package io.github.wxlogin.crypto;

import org.junit.jupiter.api.Test;

import static io.github.wxlogin.crypto.WechatVectors.text;
import static org.assertj.core.api.Assertions.assertThat;

class RawDataSignatureTests {

	private static final String RAW_DATA = text("rawDataSignature", "rawData");

	private static final String SESSION_KEY = text("rawDataSignature", "sessionKey");

	private static final String SIGNATURE = text("rawDataSignature", "signature");

	@Test
	void matchesWhenOfficialVectorThenTrue() {
		assertThat(SIGNATURE).isEqualTo("75e81ceda165f4ffa64f4068af58c64b8f54b88c");
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, SIGNATURE)).isTrue();
	}

	@Test
	void matchesWhenSignatureUpperCaseThenTrue() {
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, SIGNATURE.toUpperCase())).isTrue();
	}

	@Test
	void matchesWhenRawDataChangedByOneCharThenFalse() {
		String changed = RAW_DATA.replace("\"gender\":1", "\"gender\":2");
		assertThat(changed).isNotEqualTo(RAW_DATA);
		assertThat(RawDataSignature.matches(changed, SESSION_KEY, SIGNATURE)).isFalse();
	}

	@Test
	void matchesWhenSignatureChangedByOneCharThenFalse() {
		String changed = SIGNATURE.substring(0, 39) + "d";
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, changed)).isFalse();
	}

	@Test
	void matchesWhenWrongSessionKeyThenFalse() {
		assertThat(RawDataSignature.matches(RAW_DATA, "tiihtNczf5v6AKRyjwEUhQ==", SIGNATURE)).isFalse();
	}

	@Test
	void matchesWhenMalformedOrNullInputThenFalseWithoutException() {
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, SIGNATURE.substring(1))).isFalse();
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, SIGNATURE + "0")).isFalse();
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, "zz" + SIGNATURE.substring(2))).isFalse();
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, "")).isFalse();
		assertThat(RawDataSignature.matches(null, SESSION_KEY, SIGNATURE)).isFalse();
		assertThat(RawDataSignature.matches(RAW_DATA, null, SIGNATURE)).isFalse();
		assertThat(RawDataSignature.matches(RAW_DATA, SESSION_KEY, null)).isFalse();
	}

}
