'use strict';

// The client against the real sample app over real HTTP. The sample app runs in demo mode:
// its embedded WeChat simulator plays WeChat, and POST /demo/code plays wx.login().

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { createWxLogin, WxLoginError } = require('../src/wx-login.js');
const { startSampleApp } = require('../test-support/sample-app.js');
const { createFakeWx, postJson } = require('../test-support/fake-wx.js');

const LOGIN = '/wx/login';
const REFRESH = '/wx/token/refresh';
const LOGOUT = '/wx/logout';
const PHONE = '/wx/phone';
const ME = '/api/me';
const STORAGE_KEY = 'wxLogin:session';

let app;

before(async () => {
  app = await startSampleApp();
}, { timeout: 120_000 });

after(async () => {
  if (app) {
    await app.stop();
  }
});

/** A fresh user, a fake wx for it, and a client. */
function setup(options = {}, server = app) {
  const openid = 'o-mp-' + crypto.randomBytes(6).toString('hex');
  const wx = createFakeWx({ baseUrl: server.baseUrl, openid });
  const client = createWxLogin({ baseUrl: server.baseUrl, wx, ...options });
  return { openid, wx, client };
}

/** Overwrites fields of the stored session, as time or an attacker would. */
function tamper(wx, changes) {
  const session = wx.getStorageSync(STORAGE_KEY);
  wx.setStorageSync(STORAGE_KEY, { ...session, ...changes });
}

async function getWithBearer(path, token) {
  const res = await fetch(app.baseUrl + path, { headers: { authorization: 'Bearer ' + token } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function jwtExp(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).exp;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login', () => {
  it('sends the wx.login code, stores both tokens with absolute expiry times, and returns the body', async () => {
    const { openid, wx, client } = setup();
    assert.equal(client.isLoggedIn(), false);
    assert.equal(client.getTokens(), null);

    const startedAt = Date.now();
    const body = await client.login();

    assert.equal(wx.logins, 1);
    assert.equal(wx.count(LOGIN), 1);
    const sent = JSON.parse(wx.requests[0].body);
    assert.deepEqual(Object.keys(sent), ['code']);
    assert.equal(wx.requests[0].authorization, undefined);

    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.openid, openid);
    assert.ok(body.access_token && body.refresh_token);

    const tokens = client.getTokens();
    assert.equal(tokens.accessToken, body.access_token);
    assert.equal(tokens.refreshToken, body.refresh_token);
    assert.equal(tokens.openid, openid);
    assert.equal(tokens.unionid, body.unionid);
    assert.ok(tokens.unionid, 'the demo app is bound to an Open Platform account');
    const now = Date.now();
    assert.ok(tokens.accessTokenExpiresAt >= startedAt + body.expires_in * 1000);
    assert.ok(tokens.accessTokenExpiresAt <= now + body.expires_in * 1000);
    assert.ok(tokens.refreshTokenExpiresAt >= startedAt + body.refresh_expires_in * 1000);
    assert.ok(tokens.refreshTokenExpiresAt <= now + body.refresh_expires_in * 1000);
    assert.deepEqual(wx.getStorageSync(STORAGE_KEY), tokens, 'kept with wx.setStorageSync');
    assert.equal(client.isLoggedIn(), true);
  });

  it('sends the configured appId, and an unknown one is refused with unknown_app, storing nothing', async () => {
    const { openid, wx, client } = setup({ appId: 'wx-demo-sample' });
    const body = await client.login();
    assert.equal(body.openid, openid);
    assert.equal(JSON.parse(wx.requests[0].body).appId, 'wx-demo-sample');

    const other = setup({ appId: 'wx-not-configured' });
    const err = await other.client.login().then(() => assert.fail('login succeeded'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'unknown_app');
    assert.equal(err.status, 400);
    assert.equal(other.client.getTokens(), null);
  });

  it('surfaces a server problem as WxLoginError with the stable code, status and problem body', async () => {
    const { wx, client } = setup();
    await client.login();
    const before = client.getTokens();
    const usedCode = JSON.parse(wx.requests[0].body).code;

    wx.nextCode = usedCode; // wx.login hands out a code the server has already exchanged
    const err = await client.login().then(() => assert.fail('login succeeded'), (e) => e);

    assert.ok(err instanceof WxLoginError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'WxLoginError');
    assert.equal(err.error, 'invalid_code');
    assert.equal(err.status, 401);
    assert.equal(err.retryAfter, null);
    assert.equal(err.problem.status, 401);
    assert.equal(err.problem.error, 'invalid_code');
    assert.match(err.message, /invalid_code/);
    assert.deepEqual(client.getTokens(), before, 'a failed login keeps the session');
  });

  it('withUserInfo sends rawData, signature, encryptedData and iv from wx.getUserInfo after wx.login', async () => {
    const { wx, client } = setup();
    await client.login();
    // By default the fake's user data is made with the current session key, which the next code
    // exchange replaces (the rotation race WeChat warns about), so the server must refuse it:
    // proof that the data was sent and checked.
    const err = await client.login({ withUserInfo: true }).then(() => assert.fail('login succeeded'), (e) => e);
    const sent = JSON.parse(wx.requests.at(-1).body);
    assert.deepEqual(Object.keys(sent).sort(), ['code', 'encryptedData', 'iv', 'rawData', 'signature']);
    assert.equal(err.error, 'invalid_signature');
    assert.equal(err.status, 401);
  });

  it('withUserInfo: data made with the key of this login is verified, decrypted and returned as user', async () => {
    const { openid, wx, client } = setup();
    wx.userInfoForNextLogin = true; // WeChat's data for the code wx.login just gave

    const body = await client.login({ withUserInfo: true });

    const sent = JSON.parse(wx.requests.at(-1).body);
    assert.deepEqual(Object.keys(sent).sort(), ['code', 'encryptedData', 'iv', 'rawData', 'signature']);
    assert.equal(body.openid, openid);
    assert.ok(body.access_token);
    assert.equal(body.user.openId, openid);
    assert.equal(body.user.nickName, 'Demo user');
    assert.equal(body.user.watermark, undefined, 'the login response drops the watermark');
  });

  it('userInfo may be a function of the code, called after wx.login', async () => {
    const { wx, client } = setup();
    let seen;
    const body = await client.login({
      userInfo: (code) => {
        seen = code;
        return {};
      },
    });
    assert.equal(JSON.parse(wx.requests[0].body).code, seen);
    assert.ok(body.access_token);
  });

  it('three logins at once make one wx.login and one server login', async () => {
    const { wx, client } = setup();
    const bodies = await Promise.all([client.login(), client.login(), client.login()]);
    assert.equal(wx.logins, 1);
    assert.equal(wx.count(LOGIN), 1);
    assert.equal(new Set(bodies.map((b) => b.access_token)).size, 1);
  });
});

describe('request', () => {
  it('adds the bearer token, resolves relative urls, and returns the data', async () => {
    const { openid, wx, client } = setup({ baseUrl: app.baseUrl + '/' });
    await client.login();
    const { accessToken } = client.getTokens();

    const me = await client.request({ url: ME });
    assert.deepEqual(me, { openid, unionid: client.getTokens().unionid, authorities: ['ROLE_USER'] });
    const call = wx.requests.at(-1);
    assert.equal(call.url, app.baseUrl + ME);
    assert.equal(call.authorization, 'Bearer ' + accessToken);

    const again = await client.request({ url: 'api/me', data: { x: '1' } });
    assert.equal(again.openid, openid);
    assert.equal(wx.requests.at(-1).url, app.baseUrl + '/api/me?x=1');

    const absolute = await client.request({ url: app.baseUrl + ME });
    assert.equal(absolute.openid, openid);

    const full = await client.request({ url: ME, fullResponse: true });
    assert.equal(full.statusCode, 200);
    assert.equal(full.data.openid, openid);
    assert.ok(full.header);
    assert.equal(wx.count(REFRESH), 0);
  });

  it('replaces an Authorization header passed by the caller', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const me = await client.request({ url: ME, header: { authorization: 'Bearer stale', 'X-Trace': 't1' } });
    assert.equal(me.openid, openid);
    assert.equal(wx.requests.at(-1).authorization, 'Bearer ' + client.getTokens().accessToken);
  });

  it('logs in first when there is no session; concurrent first requests share one login', async () => {
    const { openid, wx, client } = setup();
    const results = await Promise.all([1, 2, 3].map(() => client.request({ url: ME })));
    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.logins, 1);
    assert.equal(wx.count(LOGIN), 1);
    assert.equal(wx.count(ME), 3);
  });

  it('with autoLogin false, rejects with not_logged_in instead of calling wx.login', async () => {
    const { wx, client } = setup({ autoLogin: false });
    const err = await client.request({ url: ME }).then(() => assert.fail('request succeeded'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'not_logged_in');
    assert.equal(wx.logins, 0);
    assert.equal(wx.requests.length, 0);
  });

  it('refreshes first when the access token is known to be expired, without a 401', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const old = client.getTokens();
    tamper(wx, { accessTokenExpiresAt: Date.now() - 1000 });

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 1, 'the request went out once, with the new token');
    assert.ok(wx.requests.every((r) => r.statusCode !== 401));
    const now = client.getTokens();
    assert.notEqual(now.accessToken, old.accessToken);
    assert.notEqual(now.refreshToken, old.refreshToken, 'the rotated refresh token is stored');
    assert.ok(now.accessTokenExpiresAt > Date.now() + 60_000);
    assert.equal(wx.requests.at(-1).authorization, 'Bearer ' + now.accessToken);
  });

  it('also refreshes within 30 s of the expiry', async () => {
    const { wx, client } = setup();
    await client.login();
    const { accessTokenIssuedAt, accessTokenExpiresAt } = client.getTokens();
    // as if 7180 of its 7200 seconds had passed
    const shift = accessTokenExpiresAt - Date.now() - 20_000;
    tamper(wx, { accessTokenIssuedAt: accessTokenIssuedAt - shift, accessTokenExpiresAt: accessTokenExpiresAt - shift });
    await client.request({ url: ME });
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 1);
  });

  it('on a 401 refreshes once and retries once', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    tamper(wx, { accessToken: 'garbage' });

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]),
      [[ME, 401], [REFRESH, 200], [ME, 200]]);
    assert.equal(wx.logins, 1, 'no new login');
  });

  it('five concurrent requests with a refused token make exactly one refresh, and all succeed', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    tamper(wx, { accessToken: 'garbage' });

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: ME })));

    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 10);
    assert.equal(wx.requests.filter((r) => r.path === ME && r.statusCode === 401).length, 5);
    assert.equal(wx.logins, 1, 'no re-login: the refresh family is intact');

    // the login is still alive: a second refresh cycle works without re-login
    tamper(wx, { accessToken: 'garbage-again' });
    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.equal(wx.count(REFRESH), 2);
    assert.equal(wx.logins, 1);
  });

  it('two clients on the same wx and storage still make one refresh', async () => {
    const { openid, wx, client } = setup();
    const second = createWxLogin({ baseUrl: app.baseUrl, wx });
    await client.login();
    tamper(wx, { accessToken: 'garbage' });
    const results = await Promise.all([client.request({ url: ME }), second.request({ url: ME }),
      client.request({ url: ME }), second.request({ url: ME })]);
    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.logins, 1);
  });

  it('when the refresh is refused (its token was used elsewhere), clears the session, logs in again and retries', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const stolen = client.getTokens();
    // someone else uses the refresh token first: the client's copy is now a rotated token
    const thief = await postJson(app.baseUrl + REFRESH, { refresh_token: stolen.refreshToken });
    assert.equal(thief.status, 200);
    tamper(wx, { accessToken: 'garbage' });

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]),
      [[ME, 401], [REFRESH, 401], [LOGIN, 200], [ME, 200]]);
    assert.equal(wx.requests.find((r) => r.path === REFRESH).data.error, 'invalid_token');
    assert.equal(wx.logins, 2);
    const fresh = client.getTokens();
    assert.notEqual(fresh.refreshToken, stolen.refreshToken);
    // reuse detection revoked the whole family, the thief's new tokens included
    const thiefMe = await getWithBearer(ME, thief.body.access_token);
    assert.equal(thiefMe.status, 401);
  });

  it('when the login was logged out elsewhere, a request logs in again and succeeds', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const { accessToken } = client.getTokens();
    const out = await postJson(app.baseUrl + LOGOUT, undefined, { authorization: 'Bearer ' + accessToken });
    assert.equal(out.status, 204);

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]),
      [[ME, 401], [REFRESH, 401], [LOGIN, 200], [ME, 200]]);
  });

  it('rejects a problem answer with WxLoginError and does not refresh for errors other than 401', async () => {
    const { wx, client } = setup();
    await client.login();
    const err = await client.request({ url: '/api/no-such-endpoint' }).then(() => assert.fail('succeeded'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.status, 404);
    // the starter answers every error as problem+json, unknown paths included
    assert.equal(err.error, 'not_found');
    assert.equal(err.problem.status, 404);
    assert.equal(wx.count(REFRESH), 0);

    const bad = await client.request({ url: PHONE, method: 'POST', data: {} }).then(() => assert.fail('succeeded'),
      (e) => e);
    assert.equal(bad.status, 400);
    assert.equal(bad.error, 'invalid_request');
    assert.equal(bad.problem.status, 400);
  });

  it('does not send the token to another origin', async () => {
    const { wx, client } = setup();
    await client.login();
    // 127.0.0.1 and localhost are different origins, though the same server here
    const err = await client.request({ url: app.baseUrl.replace('127.0.0.1', 'localhost') + ME })
      .then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(err.error, 'invalid_token');
    assert.equal(err.status, 401);
    assert.equal(wx.requests.at(-1).authorization, undefined, 'the token is not sent to another origin');
    assert.equal(wx.count(REFRESH), 0);
  });

  it('a network failure rejects with network_error and keeps the session', async () => {
    const { wx, client } = setup();
    await client.login();
    const before = client.getTokens();
    const dead = createWxLogin({ baseUrl: 'http://127.0.0.1:1', wx, storageKeyPrefix: 'dead:' });
    wx.setStorageSync('dead:session', before);
    const err = await dead.request({ url: ME }).then(() => assert.fail('succeeded'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'network_error');
    assert.equal(err.status, 0);
    assert.deepEqual(dead.getTokens(), before);
  });
});

describe('getPhoneNumber', () => {
  it('trades a phone code for the number, with the bearer', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const phone = await postJson(app.baseUrl + '/demo/phone', { openid, phoneNumber: '13800138000' });
    assert.equal(phone.status, 200);

    const number = await client.getPhoneNumber(phone.body.code);

    assert.deepEqual(number, { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' });
    const call = wx.requests.at(-1);
    assert.equal(call.path, PHONE);
    assert.deepEqual(JSON.parse(call.body), { code: phone.body.code });
    assert.equal(call.authorization, 'Bearer ' + client.getTokens().accessToken);
  });

  it('accepts the button event detail, and the legacy encryptedData and iv', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    const detail = (await postJson(app.baseUrl + '/demo/phone', { openid, phoneNumber: '13912345678' })).body;

    assert.equal((await client.getPhoneNumber(detail)).purePhoneNumber, '13912345678');
    assert.deepEqual(Object.keys(JSON.parse(wx.requests.at(-1).body)), ['code'], 'the code form when there is one');

    const legacy = await client.getPhoneNumber({ encryptedData: detail.encryptedData, iv: detail.iv });
    assert.deepEqual(legacy, { phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: '86' });
    assert.deepEqual(Object.keys(JSON.parse(wx.requests.at(-1).body)).sort(), ['encryptedData', 'iv']);
  });

  it('a used phone code surfaces the server problem; a missing argument is a TypeError', async () => {
    const { openid, client } = setup();
    await client.login();
    const { code } = (await postJson(app.baseUrl + '/demo/phone', { openid, phoneNumber: '13800138000' })).body;
    await client.getPhoneNumber(code);
    const err = await client.getPhoneNumber(code).then(() => assert.fail('succeeded'), (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.ok(err.status >= 400);
    assert.ok(err.problem, 'a problem+json answer');
    assert.equal(typeof err.error, 'string');
    await assert.rejects(client.getPhoneNumber(), TypeError);
    await assert.rejects(client.getPhoneNumber({ iv: 'x' }), TypeError);
  });
});

describe('logout', () => {
  it('revokes the login on the server and clears storage', async () => {
    const { wx, client } = setup();
    await client.login();
    const old = client.getTokens();

    assert.equal(await client.logout(), true);

    const call = wx.requests.at(-1);
    assert.equal(call.path, LOGOUT);
    assert.equal(call.statusCode, 204);
    assert.equal(call.authorization, 'Bearer ' + old.accessToken);
    assert.equal(client.getTokens(), null);
    assert.equal(client.isLoggedIn(), false);
    assert.equal(wx.storage.has(STORAGE_KEY), false);
    assert.equal((await getWithBearer(ME, old.accessToken)).status, 401);
    assert.equal((await postJson(app.baseUrl + REFRESH, { refresh_token: old.refreshToken })).status, 401);
  });

  it('with an expired access token refreshes first, so the refresh tokens die too', async () => {
    const { wx, client } = setup();
    await client.login();
    tamper(wx, { accessTokenExpiresAt: Date.now() - 1000 });

    assert.equal(await client.logout(), true);

    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]), [[REFRESH, 200], [LOGOUT, 204]]);
    const refreshed = wx.requests[1].data;
    assert.equal((await postJson(app.baseUrl + REFRESH, { refresh_token: refreshed.refresh_token })).status, 401);
    assert.equal(client.getTokens(), null);
  });

  it('clears the session even when the server cannot be reached', async () => {
    const { wx, client } = setup();
    await client.login();
    const dead = createWxLogin({ baseUrl: 'http://127.0.0.1:1', wx });
    assert.equal(await dead.logout(), false);
    assert.equal(dead.getTokens(), null);
    assert.equal(client.getTokens(), null, 'same storage');
  });

  it('without a session resolves false and calls nobody', async () => {
    const { wx, client } = setup();
    assert.equal(await client.logout(), false);
    assert.equal(wx.requests.length, 0);
  });
});

describe('with a 4 s access-token lifetime (second app instance)', () => {
  let shortLived;

  before(async () => {
    shortLived = await startSampleApp(['--wx.login.jwt.access-token-ttl=4s']);
  }, { timeout: 120_000 });

  after(async () => {
    if (shortLived) {
      await shortLived.stop();
    }
  });

  it('refreshes an access token that really expired before using it', async () => {
    const { openid, wx, client } = setup({}, shortLived);
    const body = await client.login();
    assert.ok(body.expires_in <= 4);
    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.equal(wx.count(REFRESH), 0, 'the margin is capped at a quarter of the lifetime');

    const old = client.getTokens().accessToken;
    await sleep(Math.max(0, jwtExp(old) * 1000 - Date.now()) + 300);
    const refused = await fetch(shortLived.baseUrl + ME, { headers: { authorization: 'Bearer ' + old } });
    assert.equal(refused.status, 401, 'the server refuses the expired token');

    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.equal(wx.count(REFRESH), 1);
    assert.ok(wx.requests.every((r) => r.statusCode !== 401), 'refreshed before sending, not after a 401');
  });

  it('concurrent requests on an expired access token share one refresh', async () => {
    const { openid, wx, client } = setup({}, shortLived);
    await client.login();
    await sleep(Math.max(0, jwtExp(client.getTokens().accessToken) * 1000 - Date.now()) + 300);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: ME })));
    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 5);
    assert.ok(wx.requests.every((r) => r.statusCode !== 401));
  });
});
