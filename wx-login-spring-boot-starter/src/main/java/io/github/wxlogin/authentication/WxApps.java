package io.github.wxlogin.authentication;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.wxlogin.wechat.WxApp;

/**
 * The mini-programs this server serves, by app id. Immutable and thread-safe.
 */
public final class WxApps {

	private final Map<String, WxApp> byAppId;

	private final List<WxApp> all;

	/**
	 * @param apps at least one app; app ids must be distinct
	 */
	public WxApps(Collection<WxApp> apps) {
		if (apps.isEmpty()) {
			throw new IllegalArgumentException("At least one app is required");
		}
		Map<String, WxApp> map = new LinkedHashMap<>();
		for (WxApp app : apps) {
			if (map.putIfAbsent(app.appId(), app) != null) {
				throw new IllegalArgumentException("App id " + app.appId() + " is configured twice");
			}
		}
		this.byAppId = Map.copyOf(map);
		this.all = List.copyOf(map.values());
	}

	/**
	 * The app a request names: the one with that id, or, when the request names none, the
	 * only app configured.
	 * @throws WxLoginException ({@code unknown_app}) when the id is unknown, or omitted
	 * while several apps are configured
	 */
	public WxApp resolve(@Nullable String appId) {
		if (appId == null) {
			if (this.all.size() == 1) {
				return this.all.get(0);
			}
			throw new WxLoginException(WxLoginError.UNKNOWN_APP);
		}
		WxApp app = this.byAppId.get(appId);
		if (app == null) {
			throw new WxLoginException(WxLoginError.UNKNOWN_APP);
		}
		return app;
	}

	/**
	 * @return every app, in configuration order
	 */
	public List<WxApp> all() {
		return this.all;
	}

}
