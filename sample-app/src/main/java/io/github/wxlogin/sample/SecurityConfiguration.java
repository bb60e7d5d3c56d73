package io.github.wxlogin.sample;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.web.FastStrictHttpFirewall;

/**
 * The app's own chain: the page and {@code /api/ping} are public, the rest needs a bearer
 * token; WeChat login is added with {@link WxLoginConfigurer}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/", "/index.html", "/demo.js", "/demo.css", "/favicon.ico", "/api/ping")
			.permitAll()
			.requestMatchers("/demo/**")
			.permitAll()
			// on the management port only (management.server.port): keep that port
			// internal
			.requestMatchers(EndpointRequest.to("health", "prometheus"))
			.permitAll()
			.anyRequest()
			.authenticated());
		http.csrf(AbstractHttpConfigurer::disable);
		http.logout(AbstractHttpConfigurer::disable);
		http.with(WxLoginConfigurer.wxLogin(), (wxLogin) -> {
		});
		return http.build();
	}

	/**
	 * Spring's strict firewall with the starter's fast header checks. A firewall guards
	 * every chain of the application (this one and the admin one), so the starter leaves
	 * the choice to the application when it writes its own chains; the answers are
	 * Spring's own.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		return new FastStrictHttpFirewall();
	}

}
