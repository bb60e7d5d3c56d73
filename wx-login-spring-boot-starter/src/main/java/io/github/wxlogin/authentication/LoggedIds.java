package io.github.wxlogin.authentication;

import org.jspecify.annotations.Nullable;

/**
 * How an openid or a login id appears in a log line: its first 6 characters and an
 * ellipsis, enough to tell users apart when reading a log, not to identify one.
 */
public final class LoggedIds {

	private static final int SHOWN = 6;

	private LoggedIds() {
	}

	/**
	 * @param id an openid or login (refresh family) id
	 * @return the shortened id; only the ellipsis for a short or missing one
	 */
	public static String shortened(@Nullable String id) {
		return (id == null || id.length() <= SHOWN + 2) ? "…" : id.substring(0, SHOWN) + "…";
	}

}
