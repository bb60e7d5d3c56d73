package io.github.wxlogin.sample.admin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The operators' API ({@code /admin/**}), only with {@code sample.admin-password} set:
 * its own filter chain, before the mini-program's, with HTTP Basic for the user
 * {@code admin}. The chain keeps no session and sets no cookie, so a call carries its
 * credentials in the {@code Authorization} header only and CSRF (an attack through a
 * browser's cookies) does not apply: no CSRF token is asked for.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sample.admin-password")
class AdminConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain adminSecurityFilterChain(HttpSecurity http,
			@Value("${sample.admin-password}") String password) {
		if (!StringUtils.hasText(password)) {
			throw new IllegalStateException("sample.admin-password must not be blank");
		}
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode(password)).roles("ADMIN").build()));
		provider.setPasswordEncoder(encoder);
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("ADMIN"))
			.httpBasic((basic) -> {
			})
			.authenticationManager(new ProviderManager(provider))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
