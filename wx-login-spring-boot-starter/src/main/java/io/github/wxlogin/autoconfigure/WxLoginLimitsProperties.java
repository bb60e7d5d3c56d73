package io.github.wxlogin.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Abuse limits of the login endpoints ({@code wx.login.limits.*}), on by default. Each
 * allows {@code max} events per key in a fixed window of {@code window}, and can be
 * turned off alone with its {@code enabled}. Counters are kept in the login store: in
 * memory per instance ({@code wx.login.store=memory}), in Redis for all instances
 * ({@code redis}).
 *
 * @param enabled whether the abuse limits are on at all
 * @param loginFailures failed logins (invalid or replayed codes) per client address;
 * successes are not counted, so many users behind one NAT are not refused
 * @param code2session code2Session calls per app, so junk codes cannot spend WeChat's
 * quota
 * @param dataFailures failed decryptions and signature checks per user (login with user
 * data, profile, legacy phone number)
 * @param refreshFailures failed refreshes per client address
 * @param phoneCalls phone-number calls (getuserphonenumber, paid per call) per user
 */
@ConfigurationProperties("wx.login.limits")
public record WxLoginLimitsProperties(@DefaultValue("true") boolean enabled, @DefaultValue LoginFailures loginFailures,
		@DefaultValue Code2session code2session, @DefaultValue DataFailures dataFailures,
		@DefaultValue RefreshFailures refreshFailures, @DefaultValue PhoneCalls phoneCalls) {

	/**
	 * Failed logins per client address.
	 *
	 * @param enabled whether this limit is on (the others stay as they are)
	 * @param max failures allowed per address in one window
	 * @param window the length of each fixed window, counted from a key's first event
	 */
	public record LoginFailures(@DefaultValue("true") boolean enabled, @DefaultValue("30") int max,
			@DefaultValue("1m") Duration window) {
	}

	/**
	 * code2Session calls per app.
	 *
	 * @param enabled whether this limit is on (the others stay as they are)
	 * @param max calls allowed per app in one window
	 * @param window the length of each fixed window, counted from a key's first event
	 */
	public record Code2session(@DefaultValue("true") boolean enabled, @DefaultValue("100") int max,
			@DefaultValue("1s") Duration window) {
	}

	/**
	 * Failed decryptions and signature checks per user.
	 *
	 * @param enabled whether this limit is on (the others stay as they are)
	 * @param max failures allowed per user in one window
	 * @param window the length of each fixed window, counted from a key's first event
	 */
	public record DataFailures(@DefaultValue("true") boolean enabled, @DefaultValue("10") int max,
			@DefaultValue("10m") Duration window) {
	}

	/**
	 * Failed refreshes per client address.
	 *
	 * @param enabled whether this limit is on (the others stay as they are)
	 * @param max failures allowed per address in one window
	 * @param window the length of each fixed window, counted from a key's first event
	 */
	public record RefreshFailures(@DefaultValue("true") boolean enabled, @DefaultValue("30") int max,
			@DefaultValue("1m") Duration window) {
	}

	/**
	 * Phone-number calls per user.
	 *
	 * @param enabled whether this limit is on (the others stay as they are)
	 * @param max calls allowed per user in one window
	 * @param window the length of each fixed window, counted from a key's first event
	 */
	public record PhoneCalls(@DefaultValue("true") boolean enabled, @DefaultValue("10") int max,
			@DefaultValue("1h") Duration window) {
	}

}
