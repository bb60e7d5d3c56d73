package io.github.wxlogin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast resolver answers exactly as Spring's {@link DefaultBearerTokenResolver}: the
 * same token, {@code null}, or the same error, for every header tried.
 */
class FastBearerTokenResolverTests {

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJvLTEifQ.c2lnbmF0dXJl-_~+/";

	private final FastBearerTokenResolver fast = new FastBearerTokenResolver();

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void resolveWhenWellFormedThenTokenWithoutTheSchemeTakenByTheFastPath() {
		for (String scheme : new String[] { "Bearer ", "bearer ", "BEARER ", "bEaReR " }) {
			assertThat(this.fast.resolve(request(scheme + TOKEN))).isEqualTo(TOKEN);
			assertThat(FastBearerTokenResolver.isWellFormed(scheme + TOKEN)).isTrue();
		}
		assertThat(this.fast.resolve(request("Bearer " + TOKEN + "=="))).isEqualTo(TOKEN + "==");
	}

	@Test
	void resolveWhenNotWellFormedThenLeftToSpringWhichRejectsIt() {
		for (String header : new String[] { "Bearer", "Bearer ", "Bearer  " + TOKEN, "Bearer\t" + TOKEN,
				"Bearer\0" + TOKEN, "Bearer " + TOKEN + " ", "Bearer " + TOKEN + "\n", "Bearer =" + TOKEN,
				"Bearer " + TOKEN + "=x", "Bearer tok\u00e9n", "Bearerx" + TOKEN, "Bearer a,b" }) {
			assertThat(FastBearerTokenResolver.isWellFormed(header)).as(header).isFalse();
			assertSameAnswer(header);
		}
	}

	@Test
	void resolveWhenNoBearerThenNullLikeSpring() {
		assertThat(this.fast.resolve(new MockHttpServletRequest())).isNull();
		for (String header : new String[] { "", "Basic b3BzOm9wcw==", "Token " + TOKEN, "Bear " + TOKEN }) {
			assertThat(this.fast.resolve(request(header))).isNull();
			assertSameAnswer(header);
		}
	}

	@Test
	void resolveWhenHeadersOfLookalikeCharactersThenSameAnswerAsSpring() {
		// letters whose Unicode case mapping resembles the scheme's, and characters one
		// bit
		// away from the scheme's and the token's
		List<String> headers = new ArrayList<>();
		String scheme = "Bearer ";
		for (int position = 0; position < scheme.length(); position++) {
			for (char replacement : new char[] { '\0', '\u0130', '\u0131', '\u017f', '\u212a', '\u00ea', '\u0412',
					(char) (scheme.charAt(position) ^ 0x20), (char) (scheme.charAt(position) ^ 0x40),
					(char) (scheme.charAt(position) ^ 0x100), '\t' }) {
				headers.add(scheme.substring(0, position) + replacement + scheme.substring(position + 1) + TOKEN);
			}
		}
		for (char c = 0; c < 0x300; c++) {
			headers.add(scheme + "abc" + c + "def");
			headers.add(scheme + "abc" + c);
			headers.add(scheme + c);
		}
		for (String header : headers) {
			assertSameAnswer(header);
		}
	}

	@Test
	void resolveWhenRandomHeadersThenSameAnswerAsSpring() {
		Random random = new Random(20261125);
		String alphabet = "Bbearr RE=.-_~+/aZz09\t\0\u00e9\u212a,;:\"";
		for (int i = 0; i < 50_000; i++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertSameAnswer(header.toString());
		}
	}

	private void assertSameAnswer(String header) {
		Object expected = answer(this.spring::resolve, header);
		Object actual = answer(this.fast::resolve, header);
		assertThat(actual).as("Authorization: %s", header).isEqualTo(expected);
	}

	private static Object answer(java.util.function.Function<MockHttpServletRequest, String> resolver, String header) {
		try {
			String token = resolver.apply(request(header));
			return (token != null) ? "token " + token : "none";
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
		}
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader("Authorization", authorization);
		return request;
	}

}
