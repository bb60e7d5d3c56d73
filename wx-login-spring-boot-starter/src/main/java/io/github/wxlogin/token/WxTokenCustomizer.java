package io.github.wxlogin.token;

/**
 * Adds or changes claims of an access token before it is signed. Every
 * {@code WxTokenCustomizer} bean runs, in {@link org.springframework.core.Ordered order},
 * after the standard claims are set; a customizer may overwrite standard claims, at its
 * own risk ({@code iss}, {@code aud}, {@code exp} are checked on every request).
 * <p>
 * Called on the request thread for every login and refresh; must be thread-safe.
 */
@FunctionalInterface
public interface WxTokenCustomizer {

	void customize(WxTokenContext context);

}
