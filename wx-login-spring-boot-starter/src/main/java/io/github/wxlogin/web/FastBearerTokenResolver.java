package io.github.wxlogin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring's {@link DefaultBearerTokenResolver} with its default settings (the
 * {@code Authorization} header only, no {@code access_token} parameter), plus a fast path
 * for the well-formed header that nearly every request carries.
 * <p>
 * The default resolver matches the header with a case-insensitive regular expression;
 * this resolver first checks it with a plain loop. When it is exactly {@code Bearer }
 * (ASCII letters in any case) followed by one or more characters of
 * {@code A-Z a-z 0-9 - . _ ~ + /} and then only {@code =}, the default resolver's pattern
 * matches it too and would return the same token, so the token is returned directly.
 * Anything else (no header, another scheme, a malformed token) is handed to the default
 * resolver, so the answers and errors are Spring's own.
 * <p>
 * An application that wants the token from a query or form parameter defines its own
 * {@link BearerTokenResolver} bean (for example a configured
 * {@link DefaultBearerTokenResolver}); the starter's then backs off.
 */
public final class FastBearerTokenResolver implements BearerTokenResolver {

	private static final String PREFIX = "bearer ";

	/** {@code [a-zA-Z0-9-._~+/]}, indexed by character. */
	private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

	static {
		String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/";
		for (int i = 0; i < allowed.length(); i++) {
			TOKEN_CHARACTERS[allowed.charAt(i)] = true;
		}
	}

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && isWellFormed(authorization)) {
			return authorization.substring(PREFIX.length());
		}
		return this.delegate.resolve(request);
	}

	/**
	 * Whether the header value is {@code Bearer} token68 exactly as the default
	 * resolver's pattern {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}
	 * (case-insensitive) accepts it; {@code false} may also mean "let the default
	 * resolver decide".
	 */
	static boolean isWellFormed(String authorization) {
		int length = authorization.length();
		if (length <= PREFIX.length()) {
			return false;
		}
		// "bearer" in any ASCII case: c | 0x20 equals a lower-case letter only for that
		// letter and its upper case; then exactly one space
		for (int i = 0; i < PREFIX.length() - 1; i++) {
			if ((authorization.charAt(i) | 0x20) != PREFIX.charAt(i)) {
				return false;
			}
		}
		if (authorization.charAt(PREFIX.length() - 1) != ' ') {
			return false;
		}
		int i = PREFIX.length();
		while (i < length && isTokenCharacter(authorization.charAt(i))) {
			i++;
		}
		if (i == PREFIX.length()) {
			return false;
		}
		while (i < length && authorization.charAt(i) == '=') {
			i++;
		}
		return i == length;
	}

	private static boolean isTokenCharacter(char c) {
		return c < TOKEN_CHARACTERS.length && TOKEN_CHARACTERS[c];
	}

}
