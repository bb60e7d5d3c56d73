package io.github.wxlogin.autoconfigure;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

import io.github.wxlogin.authentication.WxLoginAuthenticationProvider;
import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.web.FastStrictHttpFirewall;

/**
 * The default {@link SecurityFilterChain}: stateless, WeChat login and bearer tokens,
 * every other request authenticated. It backs off as soon as the application declares a
 * chain of its own, which adds the login with
 * {@code http.with(WxLoginConfigurer.wxLogin(), ...)}.
 */
@AutoConfiguration(after = WxLoginAutoConfiguration.class, before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnDefaultWebSecurity
@ConditionalOnBean(WxLoginAuthenticationProvider.class)
public final class WxLoginWebSecurityAutoConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	SecurityFilterChain wxLoginSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.anyRequest()
			.authenticated());
		http.csrf(AbstractHttpConfigurer::disable);
		http.logout(AbstractHttpConfigurer::disable);
		http.with(WxLoginConfigurer.wxLogin(), Customizer.withDefaults());
		return http.build();
	}

	/**
	 * Spring's strict firewall with fast header checks. The firewall guards every chain
	 * of the application, so it is declared only here, with the default chain: an
	 * application with chains of its own keeps Spring's firewall (or its own bean).
	 */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall wxLoginHttpFirewall() {
		return new FastStrictHttpFirewall();
	}

}
