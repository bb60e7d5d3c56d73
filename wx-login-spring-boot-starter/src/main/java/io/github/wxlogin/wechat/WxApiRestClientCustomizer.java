package io.github.wxlogin.wechat;

import org.springframework.web.client.RestClient;

/**
 * Customizes the {@link RestClient} that calls WeChat, before it is built: an interceptor
 * for tracing or auditing, a proxy's request factory, headers. Every
 * {@code WxApiRestClientCustomizer} bean runs, in {@link org.springframework.core.Ordered
 * order}, on the builder the starter prepared (base URL, timeouts, no redirects, JSON); a
 * customizer that replaces the request factory takes over the timeouts too.
 * <p>
 * The requests carry the app secret and codes in their query: an interceptor must not log
 * their URIs.
 */
@FunctionalInterface
public interface WxApiRestClientCustomizer {

	void customize(RestClient.Builder builder);

}
