package io.github.wxlogin.web;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fast header checks accept and reject exactly what Spring's strict firewall does.
 */
class FastStrictHttpFirewallTests {

	@Test
	void headerValuesWhenEveryCodePointThenSameAnswerAsSpring() {
		assertSameAnswerForEveryCodePoint(FastStrictHttpFirewall.ALLOWED_HEADER_VALUES,
				StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void headerNamesWhenEveryCodePointThenSameAnswerAsSpring() {
		assertSameAnswerForEveryCodePoint(FastStrictHttpFirewall.ALLOWED_HEADER_NAMES,
				StrictHttpFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void headerValuesWhenPrintableAsciiOrTabThenAccepted() {
		assertThat(FastStrictHttpFirewall.ALLOWED_HEADER_VALUES.test("Bearer abc.def-_~+/==")).isTrue();
		assertThat(FastStrictHttpFirewall.ALLOWED_HEADER_VALUES.test("a\tb")).isTrue();
		assertThat(FastStrictHttpFirewall.ALLOWED_HEADER_VALUES.test("")).isTrue();
		assertThat(FastStrictHttpFirewall.ALLOWED_HEADER_NAMES.test("a\tb")).isFalse();
	}

	@Test
	void firewallWhenHeaderHasControlCharacterThenRequestRejectedOnRead() {
		StrictHttpFirewall firewall = new FastStrictHttpFirewall();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader("Authorization", "Bearer abc\u0085def");
		request.addHeader("X-Fine", "caf\u00e9 \u5fae\u4fe1");

		var firewalled = firewall.getFirewalledRequest(request);

		assertThat(firewalled.getHeader("X-Fine")).isEqualTo("caf\u00e9 \u5fae\u4fe1");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> firewalled.getHeader("Authorization"));
	}

	private static void assertSameAnswerForEveryCodePoint(Predicate<String> ours, Predicate<String> spring) {
		int checked = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String alone = Character.toString(codePoint);
			String inside = "Bearer a" + alone + "b";
			assertThat(ours.test(alone)).as("U+%04X", codePoint).isEqualTo(spring.test(alone));
			assertThat(ours.test(inside)).as("U+%04X inside", codePoint).isEqualTo(spring.test(inside));
			checked++;
		}
		// lone surrogates, too
		for (char c = Character.MIN_SURROGATE; c < Character.MAX_SURROGATE; c++) {
			assertThat(ours.test("x" + c)).isEqualTo(spring.test("x" + c));
		}
		assertThat(checked).isEqualTo(Character.MAX_CODE_POINT + 1);
	}

}
