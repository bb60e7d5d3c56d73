package io.github.wxlogin.test;

import java.util.List;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.wechat.WxApp;

/**
 * The app a test helper acts for when the test names none: the application's only
 * configured app.
 */
final class ConfiguredApps {

	private ConfiguredApps() {
	}

	/**
	 * @param apps the application's apps
	 * @return the app id of the only app
	 * @throws IllegalStateException when the application serves several apps
	 */
	static String onlyAppId(WxApps apps) {
		List<WxApp> all = apps.all();
		if (all.size() != 1) {
			throw new IllegalStateException("The application serves several apps "
					+ all.stream().map(WxApp::appId).toList() + ": name the one to use (appId)");
		}
		return all.get(0).appId();
	}

}
