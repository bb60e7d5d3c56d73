package io.github.wxlogin.authentication;

/**
 * The stable error codes of the contract, with their HTTP status. Each is written as the
 * {@code error} member of an RFC 9457 problem.
 */
public enum WxLoginError {

	/**
	 * Malformed request: not JSON, missing code, bad Base64, wrong IV length, too large.
	 */
	INVALID_REQUEST(400, "invalid_request", "The request is malformed."),

	/** The app id is not configured, or omitted while several apps are. */
	UNKNOWN_APP(400, "unknown_app", "The app is not known to this server."),

	/**
	 * WeChat refused the code (invalid, expired, used) or it was replayed to this server.
	 */
	INVALID_CODE(401, "invalid_code", "The login code is invalid, expired or already used."),

	/** {@code rawData} does not match its signature. */
	INVALID_SIGNATURE(401, "invalid_signature", "The data signature does not match."),

	/** The encrypted data could not be accepted (one answer for every cause). */
	INVALID_ENCRYPTED_DATA(401, "invalid_encrypted_data", "The encrypted data cannot be accepted."),

	/** A bearer or refresh token was missing or rejected. */
	INVALID_TOKEN(401, "invalid_token", "The token is missing, invalid, expired or revoked."),

	/** The user is authenticated but not allowed. */
	ACCESS_DENIED(403, "access_denied", "Access is denied."),

	/** WeChat's risk control blocked the user (40226). */
	RISKY_USER(403, "risky_user", "WeChat blocked this login."),

	/** WeChat's rate limit was hit (45011), or one of our own abuse limits. */
	RATE_LIMITED(429, "rate_limited", "Too many requests; retry later."),

	/** WeChat could not be used: timeout, error, busy, or our credentials refused. */
	WECHAT_UNAVAILABLE(503, "wechat_unavailable", "WeChat is unavailable; retry later."),

	/** The shared store could not be reached. */
	STORE_UNAVAILABLE(503, "store_unavailable", "The session store is unavailable; retry later."),

	/**
	 * Outside the login endpoints: no such resource (also a direct request for the error
	 * page).
	 */
	NOT_FOUND(404, "not_found", "No such resource."),

	/** Outside the login endpoints: the resource does not take this method. */
	METHOD_NOT_ALLOWED(405, "method_not_allowed", "The method is not allowed for this resource."),

	/** Outside the login endpoints: the server failed (no detail is given). */
	SERVER_ERROR(500, "server_error", "The server could not answer the request.");

	private final int status;

	private final String code;

	private final String description;

	WxLoginError(int status, String code, String description) {
		this.status = status;
		this.code = code;
		this.description = description;
	}

	/**
	 * The error to answer a status with that was not set by the starter (the container's
	 * or Spring MVC's): {@code 404}, {@code 405}, {@code 401}, {@code 403} and
	 * {@code 429} by their own, any other {@code 4xx} as {@link #INVALID_REQUEST},
	 * anything else as {@link #SERVER_ERROR}. The status answered stays the given one.
	 * @param status an HTTP error status
	 * @return the error whose code and description go in the problem
	 */
	public static WxLoginError forStatus(int status) {
		return switch (status) {
			case 401 -> INVALID_TOKEN;
			case 403 -> ACCESS_DENIED;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 429 -> RATE_LIMITED;
			default -> (status >= 400 && status < 500) ? INVALID_REQUEST : SERVER_ERROR;
		};
	}

	/**
	 * @return the HTTP status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * @return the stable machine code, the problem's {@code error} member
	 */
	public String code() {
		return this.code;
	}

	/**
	 * @return a fixed human description, safe to show (holds no detail of the failure)
	 */
	public String description() {
		return this.description;
	}

}
