package io.github.wxlogin.store.caffeine;

import java.time.Clock;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.StoreContractTests;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;

class CaffeineStoreContractTests extends StoreContractTests {

	final Clock clock = Clock.systemUTC();

	final WxSessionStore sessions = new CaffeineWxSessionStore(1000, this.clock);

	final UsedCodeStore codes = new CaffeineUsedCodeStore(1000, this.clock);

	final RefreshTokenStore refreshTokens = new CaffeineRefreshTokenStore(1000, this.clock);

	final RevokedTokenStore revokedTokens = new CaffeineRevokedTokenStore(1000, this.clock);

	@Override
	protected WxSessionStore sessions() {
		return this.sessions;
	}

	@Override
	protected UsedCodeStore codes() {
		return this.codes;
	}

	@Override
	protected RefreshTokenStore refreshTokens() {
		return this.refreshTokens;
	}

	@Override
	protected RevokedTokenStore revokedTokens() {
		return this.revokedTokens;
	}

}
