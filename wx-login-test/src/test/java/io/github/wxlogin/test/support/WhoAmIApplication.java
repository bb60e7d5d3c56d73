package io.github.wxlogin.test.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.authentication.WxPrincipal;
import io.github.wxlogin.token.WxClaimNames;

/**
 * A minimal application on the starter's defaults with one protected endpoint that tells
 * who called.
 */
@SpringBootApplication
public class WhoAmIApplication {

	@RestController
	static class WhoAmIController {

		@GetMapping("/whoami")
		Map<String, Object> whoami(Authentication authentication, @AuthenticationPrincipal Object principal) {
			Map<String, Object> body = new LinkedHashMap<>();
			if (principal instanceof WxPrincipal user) {
				Map<String, Object> wx = new LinkedHashMap<>();
				wx.put("appId", user.appId());
				wx.put("openid", user.openid());
				wx.put("unionid", user.unionid());
				wx.put("hasLoginId", !user.loginId().isEmpty()
						&& user.loginId().equals(user.jwt().getClaimAsString(WxClaimNames.LOGIN_ID)));
				body.put("principal", wx);
			}
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
