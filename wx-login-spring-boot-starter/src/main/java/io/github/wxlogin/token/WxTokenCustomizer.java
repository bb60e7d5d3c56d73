package io.github.wxlogin.token;

/**
 * Adds or changes the claims or header of an access token before it is signed. Every
 * {@code WxTokenCustomizer} bean runs, in {@link org.springframework.core.Ordered order},
 * after the standard claims and the header's {@code alg} and {@code kid} are set; the
 * context tells a login from a refresh ({@link WxTokenContext#grant()}). A customizer may
 * overwrite standard claims, at its own risk ({@code iss}, {@code aud}, {@code exp} are
 * checked on every request, {@code alg}/{@code kid} must stay those of the signing key,
 * and a {@code typ} other than {@code JWT} is refused by the decoder).
 * <p>
 * Called on the request thread for every login and refresh; must be thread-safe.
 */
@FunctionalInterface
public interface WxTokenCustomizer {

	void customize(WxTokenContext context);

}
