/**
 * Test support for applications using the wx-login starter.
 * <ul>
 * <li>{@link io.github.wxlogin.test.AutoConfigureWxSimulator @AutoConfigureWxSimulator}
 * runs the WeChat simulator for a {@code @SpringBootTest} and points the starter at it,
 * for real logins with codes of chosen users;</li>
 * <li>{@link io.github.wxlogin.test.WxLoginRequestPostProcessors#wxBearer(String)
 * wxBearer(openid)} sends a real access token of a chosen user with a MockMvc request,
 * through the application's decoder and revocation;</li>
 * <li>{@link io.github.wxlogin.test.WithMockWxUser @WithMockWxUser} runs a test with the
 * security context of such a user, without a token;</li>
 * <li>{@link io.github.wxlogin.test.WxTestClient WxTestClient} logs in and calls the
 * running application over real HTTP, for black-box tests.</li>
 * </ul>
 * The simulator itself is in {@code io.github.wxlogin.test.simulator}.
 */
@NullMarked
package io.github.wxlogin.test;

import org.jspecify.annotations.NullMarked;
