package io.github.wxlogin.test.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal application on the starter's defaults with one protected endpoint that tells who called.
 */
@SpringBootApplication
public class WhoAmIApplication {

	@RestController
	static class WhoAmIController {

		@GetMapping("/whoami")
		Map<String, Object> whoami(Authentication authentication) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", authentication.getClass().getSimpleName());
			body.put("name", authentication.getName());
			body.put("authorities",
					authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
			if (authentication instanceof JwtAuthenticationToken jwt) {
				body.put("claims", jwt.getToken().getClaims().keySet().stream().sorted().toList());
			}
			return body;
		}

	}

}
