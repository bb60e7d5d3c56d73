package io.github.wxlogin.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.authentication.WxPrincipal;

/**
 * The sample's API: one public endpoint, one that needs a bearer token.
 */
@RestController
@RequestMapping("/api")
class ApiController {

	@GetMapping("/ping")
	Map<String, Object> ping() {
		return Map.of("status", "ok");
	}

	@GetMapping("/me")
	Map<String, Object> me(@AuthenticationPrincipal WxPrincipal user, Authentication authentication) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("openid", user.openid());
		me.put("unionid", user.unionid());
		// the user's granted authorities; Spring Security's FACTOR_* entries say how the
		// request
		// authenticated (a bearer token), not what the user may do
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && !authority.startsWith("FACTOR_"))
			.toList();
		me.put("authorities", authorities);
		return me;
	}

}
