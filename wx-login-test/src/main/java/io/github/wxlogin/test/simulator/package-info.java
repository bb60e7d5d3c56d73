/**
 * A fake WeChat API server ({@code api.weixin.qq.com}) for tests:
 * {@link io.github.wxlogin.test.simulator.WxSimulator} serves code2Session, stable_token,
 * token, getuserphonenumber and checksession over real HTTP on a local port, hands out
 * login and phone codes for chosen users, encrypts open data with the user's session key
 * exactly as WeChat does, and injects faults.
 * {@link io.github.wxlogin.test.simulator.WxSimulatorExtension} runs it from JUnit.
 * <p>
 * This package is an independent implementation of the WeChat side: it shares no code
 * with the starter, so a bug in the starter's crypto or JSON handling cannot hide behind
 * the same bug here.
 */
@NullMarked
package io.github.wxlogin.test.simulator;

import org.jspecify.annotations.NullMarked;
