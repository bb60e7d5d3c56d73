package io.github.wxlogin.test.dropin;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.github.wxlogin.config.WxLoginConfigurer;

/**
 * An application with security of its own (form login with an HTTP session and CSRF
 * protection for its operators' pages under {@code /admin}) that adds WeChat login for
 * its mini-program as a second chain: {@code @Order(1)}, limited by its
 * {@code securityMatcher} to the starter's endpoints and the mini-program's API. The
 * application's chain is unchanged: it comes after, and matches every other request.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ DropInApplication.AdminController.class, DropInApplication.MiniProgramController.class })
class DropInApplication {

	static final String ADMIN_USERNAME = "admin";

	static final String ADMIN_PASSWORD = "admin-password";

	/**
	 * The chain added for the mini-program: stateless, bearer tokens, no CSRF token (it
	 * reads no cookie).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain wxLoginChain(HttpSecurity http) {
		http.securityMatcher("/wx/**", "/.well-known/jwks.json", "/api/**");
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		http.csrf(AbstractHttpConfigurer::disable);
		http.with(WxLoginConfigurer.wxLogin(), Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The application's chain as it was before wx-login: form login, an HTTP session,
	 * CSRF protection (Spring's defaults).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain applicationChain(HttpSecurity http) {
		// the error page of a refused request (such as one without its CSRF token) is not
		// itself a login redirect
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService admins() {
		return new InMemoryUserDetailsManager(
				User.withUsername(ADMIN_USERNAME).password("{noop}" + ADMIN_PASSWORD).roles("ADMIN").build());
	}

	/**
	 * The operators' pages: a list of notes and a form that adds one.
	 */
	@RestController
	static class AdminController {

		@GetMapping(path = "/admin/notes", produces = "text/html")
		String notes(Authentication authentication, CsrfToken csrf) {
			return "<p>notes of " + HtmlUtils.htmlEscape(authentication.getName()) + "</p>"
					+ "<form method=\"post\" action=\"/admin/notes\"><input name=\"text\"/>" + "<input name=\""
					+ csrf.getParameterName() + "\" type=\"hidden\" value=\"" + csrf.getToken() + "\"/></form>";
		}

		@PostMapping("/admin/notes")
		String addNote(Authentication authentication, @RequestParam String text) {
			return "note added by " + authentication.getName();
		}

	}

	/**
	 * The mini-program's API.
	 */
	@RestController
	static class MiniProgramController {

		@GetMapping("/api/me")
		String me(Authentication authentication) {
			return "hello " + authentication.getName();
		}

	}

}
