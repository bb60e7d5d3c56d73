package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.github.wxlogin.authentication.LoggedIds;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.AccessTokenRevocation;
import io.github.wxlogin.token.WxClaimNames;

/**
 * Logs a bearer out at {@code POST logout-path}: revokes the presented access token until
 * its expiry and its whole login (refresh family), on every instance that shares the
 * store, and answers {@code 204}. Other logins of the same user keep working. Without a
 * good bearer token the answer is the entry point's {@code 401}. Placed after the bearer
 * token filter.
 */
final class WxLogoutFilter extends BearerEndpointFilter {

	private static final Log logger = LogFactory.getLog(WxLogoutFilter.class);

	private final AccessTokenRevocation revocation;

	private final WxLoginMetrics metrics;

	/**
	 * @param path the logout path
	 * @param revocation revokes the token and its login
	 * @param entryPoint answers a request without a good bearer token
	 * @param securityContext cleared after logout
	 * @param metrics told of every logout
	 */
	WxLogoutFilter(String path, AccessTokenRevocation revocation, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext, WxLoginMetrics metrics) {
		super(path, entryPoint, securityContext);
		this.revocation = Objects.requireNonNull(revocation, "revocation");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
	}

	@Override
	void handle(HttpServletRequest request, HttpServletResponse response, JwtAuthenticationToken bearer)
			throws ServletException, IOException {
		try {
			this.revocation.revoke(bearer.getToken());
		}
		catch (StoreUnavailableException ex) {
			entryPoint().commence(request, response, WxLoginException.storeUnavailable());
			return;
		}
		securityContext().clearContext();
		this.metrics.logout();
		this.metrics.revocation("logout");
		if (logger.isInfoEnabled()) {
			logger.info("Logout app=" + bearer.getToken().getClaimAsString(WxClaimNames.APP_ID) + " openid="
					+ LoggedIds.shortened(bearer.getToken().getSubject()) + " outcome=success");
		}
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

}
