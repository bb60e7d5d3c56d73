package io.github.wxlogin.test.it;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxPrincipal;
import io.github.wxlogin.authentication.WxUser;
import io.github.wxlogin.authentication.WxUserService;
import io.github.wxlogin.token.WxTokenCustomizer;

/**
 * A minimal application on the starter's defaults (default chain), with its own
 * {@code WxUserService} that can disable users, and one protected endpoint.
 */
@SpringBootApplication
public class LoginTestApplication {

	final List<AbstractAuthenticationEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

	@EventListener
	void on(AbstractAuthenticationEvent event) {
		this.events.add(event);
	}

	/** Openids the application has disabled: their logins and refreshes are refused. */
	final java.util.Set<String> disabled = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Every identity the application was given, newest last. */
	final List<WxIdentity> identities = new java.util.concurrent.CopyOnWriteArrayList<>();

	@Bean
	WxUserService users() {
		return (identity) -> {
			this.identities.add(identity);
			if (this.disabled.contains(identity.openid())) {
				throw new DisabledException("disabled");
			}
			return WxUser.of(identity, AuthorityUtils.createAuthorityList("ROLE_USER"));
		};
	}

	@Bean
	WxTokenCustomizer tenantClaim() {
		return (context) -> context.claims().claim("tenant", "t-" + context.appId());
	}

	@RestController
	static class MeController {

		@GetMapping("/api/me")
		Map<String, Object> me(Authentication authentication) {
			return Map.of("name", authentication.getName(), "authorities",
					authentication.getAuthorities().stream().map(Object::toString).toList());
		}

		@GetMapping("/api/principal")
		Map<String, Object> principal(@AuthenticationPrincipal WxPrincipal user) {
			Map<String, Object> body = new java.util.LinkedHashMap<>();
			body.put("appId", user.appId());
			body.put("openid", user.openid());
			body.put("unionid", user.unionid());
			body.put("loginId", user.loginId());
			body.put("jti", user.jwt().getId());
			return body;
		}

	}

}
