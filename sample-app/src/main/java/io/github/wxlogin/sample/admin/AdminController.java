package io.github.wxlogin.sample.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.store.WxLoginSessions;

/**
 * {@code POST /admin/users/{openid}/logout}: revoke every login of a user (a lost phone,
 * a banned account); {@code ?appId=} names the app when several are configured. Only with
 * {@code sample.admin-password} set, behind {@link AdminConfiguration}'s chain.
 */
@RestController
@RequestMapping("/admin")
@ConditionalOnProperty("sample.admin-password")
class AdminController {

	private final WxLoginSessions sessions;

	private final WxApps apps;

	AdminController(WxLoginSessions sessions, WxApps apps) {
		this.sessions = sessions;
		this.apps = apps;
	}

	@PostMapping("/users/{openid}/logout")
	ResponseEntity<?> logout(@PathVariable String openid, @RequestParam(required = false) @Nullable String appId) {
		String app;
		try {
			app = this.apps.resolve(appId).appId();
		}
		catch (WxLoginException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"appId is not configured, or omitted while several apps are");
			problem.setProperty("error", "unknown_app");
			return ResponseEntity.badRequest().body(problem);
		}
		this.sessions.revokeAll(app, openid);
		return ResponseEntity.noContent().build();
	}

}
