package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.github.wxlogin.authentication.StoreUnavailableLoginException;
import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.AccessTokenRevocation;

/**
 * Logs a bearer out at {@code POST logout-path}: revokes the presented access token until
 * its expiry and its whole login (refresh family), on every instance that shares the store,
 * and answers {@code 204}. Other logins of the same user keep working. Without a good bearer
 * token the answer is the entry point's {@code 401}. Placed after the bearer token filter.
 */
public final class WxLogoutFilter extends BearerEndpointFilter {

	private final AccessTokenRevocation revocation;

	public WxLogoutFilter(String path, AccessTokenRevocation revocation, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext) {
		super(path, entryPoint, securityContext);
		this.revocation = Objects.requireNonNull(revocation, "revocation");
	}

	@Override
	void handle(HttpServletRequest request, HttpServletResponse response, JwtAuthenticationToken bearer)
			throws ServletException, IOException {
		try {
			this.revocation.revoke(bearer.getToken());
		}
		catch (StoreUnavailableException ex) {
			entryPoint().commence(request, response,
					new StoreUnavailableLoginException(WxApiFailures.UNAVAILABLE_RETRY_AFTER));
			return;
		}
		securityContext().clearContext();
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

}
