'use strict';

// The client against the real sample app over real HTTP. The sample app runs in demo mode:
// its embedded WeChat simulator plays WeChat, and POST /demo/code plays wx.login(). For what
// the sample app does not serve (file endpoints, 429/503 on demand), a small gateway in front
// of it (test-support/gateway.js) checks each bearer with the sample app's GET /api/me.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { createWxLogin, WxLoginError } = require('../src/wx-login.js');
const { startSampleApp } = require('../test-support/sample-app.js');
const { createFakeWx, postJson, filesFolder } = require('../test-support/fake-wx.js');
const { startGateway } = require('../test-support/gateway.js');

const LOGIN = '/wx/login';
const REFRESH = '/wx/token/refresh';
const LOGOUT = '/wx/logout';
const PHONE = '/wx/phone';
const PROFILE = '/wx/profile';
const ME = '/api/me';
const STORAGE_KEY = 'wxLogin:session';

let app;
/** in front of app: file endpoints and scripted 429/503 answers */
let gateway;

before(async () => {
  app = await startSampleApp();
  gateway = await startGateway(app.baseUrl);
}, { timeout: 120_000 });

after(async () => {
  if (gateway) {
    await gateway.stop();
  }
  if (app) {
    await app.stop();
  }
});

/** A clock the test moves forward; the client reads the time from it. */
function testClock() {
  let offset = 0;
  const now = () => Date.now() + offset;
  now.advance = (ms) => {
    offset += ms;
  };
  return now;
}

/** A fresh user, a fake wx for it, a clock, and a client. */
function setup(options = {}, server = app) {
  const openid = 'o-mp-' + crypto.randomBytes(6).toString('hex');
  const wx = createFakeWx({ baseUrl: server.baseUrl, openid });
  const clock = testClock();
  const client = createWxLogin({ baseUrl: server.baseUrl, wx, now: clock, ...options });
  return { openid, wx, clock, client, options, server };
}

/**
 * The mini-program starts again with fields of its stored session overwritten (as an attacker
 * or a bug would): a new wx on the same storage, and a new client, which reads it once.
 */
function relaunch({ openid, wx, clock, options, server }, changes) {
  const session = JSON.parse(wx.storage.get(STORAGE_KEY));
  wx.storage.set(STORAGE_KEY, JSON.stringify({ ...session, ...changes }));
  const next = createFakeWx({ baseUrl: server.baseUrl, openid, storage: wx.storage });
  const client = createWxLogin({ baseUrl: server.baseUrl, wx: next, now: clock, ...options });
  return { openid, wx: next, clock, client, options, server };
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
    const { openid, wx, clock, client } = setup();
    const body = await client.login();
    const old = client.getTokens();
    clock.advance(body.expires_in * 1000 + 1000); // the client's clock: the server's token is still good

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 1, 'the request went out once, with the new token');
    assert.ok(wx.requests.every((r) => r.statusCode !== 401));
    const now = client.getTokens();
    assert.notEqual(now.accessToken, old.accessToken);
    assert.notEqual(now.refreshToken, old.refreshToken, 'the rotated refresh token is stored');
    assert.ok(now.accessTokenExpiresAt > clock() + 60_000);
    assert.equal(wx.requests.at(-1).authorization, 'Bearer ' + now.accessToken);
  });

  it('also refreshes within 30 s of the expiry', async () => {
    const { wx, clock, client } = setup();
    await client.login();
    clock.advance(client.getTokens().accessTokenExpiresAt - clock() - 20_000); // 20 s left
    await client.request({ url: ME });
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 1);
  });

  it('on a 401 refreshes once and retries once', async () => {
    const first = setup();
    await first.client.login();
    const { openid, wx, client } = relaunch(first, { accessToken: 'garbage' });

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.deepEqual(wx.requests.map((r) => [r.path, r.statusCode]),
      [[ME, 401], [REFRESH, 200], [ME, 200]]);
    assert.equal(wx.logins, 0, 'no new login');
  });

  it('five concurrent requests with a refused token make exactly one refresh, and all succeed', async () => {
    const first = setup();
    await first.client.login();
    const { openid, wx, client, ...rest } = relaunch(first, { accessToken: 'garbage' });

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: ME })));

    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.count(ME), 10);
    assert.equal(wx.requests.filter((r) => r.path === ME && r.statusCode === 401).length, 5);
    assert.equal(wx.logins, 0, 'no re-login: the refresh family is intact');

    // the login is still alive: a second refresh cycle works without re-login
    const again = relaunch({ openid, wx, ...rest }, { accessToken: 'garbage-again' });
    assert.equal((await again.client.request({ url: ME })).openid, openid);
    assert.equal(again.wx.count(REFRESH), 1);
    assert.equal(again.wx.logins, 0);
  });

  it('two clients on the same wx and storage still make one refresh', async () => {
    const first = setup();
    await first.client.login();
    const { openid, wx, client } = relaunch(first, { accessToken: 'garbage' });
    const second = createWxLogin({ baseUrl: app.baseUrl, wx });
    const results = await Promise.all([client.request({ url: ME }), second.request({ url: ME }),
      client.request({ url: ME }), second.request({ url: ME })]);
    assert.ok(results.every((me) => me.openid === openid));
    assert.equal(wx.count(REFRESH), 1);
    assert.equal(wx.logins, 0);
  });

  it('when the refresh is refused (its token was used elsewhere), clears the session, logs in again and retries', async () => {
    const first = setup();
    await first.client.login();
    const stolen = first.client.getTokens();
    // someone else uses the refresh token first: the client's copy is now a rotated token
    const thief = await postJson(app.baseUrl + REFRESH, { refresh_token: stolen.refreshToken });
    assert.equal(thief.status, 200);
    const { openid, wx, client } = relaunch(first, { accessToken: 'garbage' });

    const me = await client.request({ url: ME });

    assert.equal(me.openid, openid);
    assert.deepEqual(wx.requests.map((r) => [r.path, r.statusCode]),
      [[ME, 401], [REFRESH, 401], [LOGIN, 200], [ME, 200]]);
    assert.equal(wx.requests.find((r) => r.path === REFRESH).data.error, 'invalid_token');
    assert.equal(wx.logins, 1);
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
    wx.setStorageSync('dead:session', before); // read when the client is created
    const dead = createWxLogin({ baseUrl: 'http://127.0.0.1:1', wx, storageKeyPrefix: 'dead:' });
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
    const { wx, clock, client } = setup();
    const body = await client.login();
    clock.advance(body.expires_in * 1000 + 1000);

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

describe('the session in memory', () => {
  it('reads storage once when the client is created, and writes it only when the session changes', async () => {
    const { wx, clock, client } = setup();
    assert.deepEqual(wx.storageCalls, { get: 1, set: 0, remove: 0 });

    const body = await client.login();
    assert.deepEqual(wx.storageCalls, { get: 1, set: 1, remove: 0 });

    for (let i = 0; i < 5; i++) {
      await client.request({ url: ME });
    }
    assert.ok(client.isLoggedIn());
    client.getTokens();
    assert.deepEqual(wx.storageCalls, { get: 1, set: 1, remove: 0 }, 'requests touch no storage');

    clock.advance(body.expires_in * 1000 + 1000);
    await client.request({ url: ME });
    assert.equal(wx.count(REFRESH), 1);
    assert.deepEqual(wx.storageCalls, { get: 1, set: 2, remove: 0 }, 'the refreshed session is written');
    assert.deepEqual(wx.getStorageSync(STORAGE_KEY), client.getTokens());

    await client.logout();
    assert.deepEqual(wx.storageCalls, { get: 2, set: 2, remove: 1 }, 'the test read one; logout removed it');
    assert.equal(wx.storage.has(STORAGE_KEY), false);
  });

  it('a relaunched mini-program starts from the stored session, without a login', async () => {
    const first = setup();
    await first.client.login();
    const { openid, wx, client } = relaunch(first, {});

    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.equal(wx.logins, 0);
    assert.deepEqual(wx.requests.map((r) => [r.path, r.statusCode]), [[ME, 200]]);
    assert.deepEqual(wx.storageCalls, { get: 1, set: 0, remove: 0 });
  });

  it('a second client on the same wx shares the session in memory, without reading storage again', async () => {
    const { wx, client } = setup();
    await client.login();
    const second = createWxLogin({ baseUrl: app.baseUrl, wx });
    assert.deepEqual(second.getTokens(), client.getTokens());
    assert.equal(wx.storageCalls.get, 1);
    await second.logout();
    assert.equal(client.getTokens(), null);
  });

  it('an unreadable stored session counts as none', () => {
    const wx = createFakeWx({ baseUrl: app.baseUrl, openid: 'o-unused' });
    wx.storage.set(STORAGE_KEY, JSON.stringify('{not json'));
    assert.equal(createWxLogin({ baseUrl: app.baseUrl, wx }).getTokens(), null);
  });
});

describe('onSessionChange', () => {
  it('tells logged in, refreshed and logged out, with a copy of the tokens', async () => {
    const changes = [];
    const { clock, client } = setup({ onSessionChange: (change) => changes.push(change) });
    const later = [];
    const stop = client.onSessionChange((change) => later.push(change.type));

    const body = await client.login();
    clock.advance(body.expires_in * 1000 + 1000);
    await client.request({ url: ME });
    const refreshed = client.getTokens();
    stop();
    await client.logout();

    assert.deepEqual(changes.map((c) => [c.type, c.reason]),
      [['login', undefined], ['refresh', undefined], ['logout', 'logout']]);
    assert.equal(changes[0].tokens.accessToken, body.access_token);
    assert.deepEqual(changes[1].tokens, refreshed);
    assert.equal(changes[2].tokens, null);
    changes[1].tokens.accessToken = 'changed by the UI';
    assert.deepEqual(later, ['login', 'refresh'], 'the removed listener heard no logout');
  });

  it('tells a logout by the server (refresh refused) and the login that follows', async () => {
    const first = setup();
    await first.client.login();
    await postJson(app.baseUrl + REFRESH, { refresh_token: first.client.getTokens().refreshToken });
    const { openid, client } = relaunch(first, { accessToken: 'garbage' });
    const changes = [];
    client.onSessionChange((change) => changes.push(change));

    assert.equal((await client.request({ url: ME })).openid, openid);

    assert.deepEqual(changes.map((c) => [c.type, c.reason]), [['logout', 'refresh_refused'], ['login', undefined]]);
  });

  it('a listener that throws does not break the login', async () => {
    const { client } = setup();
    const logged = [];
    const original = console.error;
    console.error = (...args) => logged.push(args);
    try {
      client.onSessionChange(() => {
        throw new Error('UI bug');
      });
      assert.ok((await client.login()).access_token);
    } finally {
      console.error = original;
    }
    assert.equal(logged.length, 1);
    assert.throws(() => client.onSessionChange('not a function'), TypeError);
  });
});

describe('getProfile', () => {
  it('sends what wx.getUserProfile gave, with the bearer, and resolves with the verified user info', async () => {
    const { openid, wx, client } = setup();
    await client.login();
    // what wx.getUserProfile gives after this login: signed and encrypted with its session key
    const { body: data } = await postJson(app.baseUrl + '/demo/user-info', { openid, nickName: 'Profile user' });

    const profile = await client.getProfile({ ...data, userInfo: { nickName: 'Profile user' }, errMsg: 'ok' });

    assert.equal(profile.openId, openid);
    assert.equal(profile.nickName, 'Profile user');
    const call = wx.requests.at(-1);
    assert.equal(call.path, PROFILE);
    assert.equal(call.method, 'POST');
    assert.equal(call.authorization, 'Bearer ' + client.getTokens().accessToken);
    assert.deepEqual(Object.keys(JSON.parse(call.body)).sort(), ['encryptedData', 'iv', 'rawData', 'signature']);
  });

  it('without data logs in first, then calls wx.getUserInfo, so the data matches the session key', async () => {
    const { openid, wx, client } = setup();

    const profile = await client.getProfile();

    assert.equal(profile.openId, openid);
    assert.equal(profile.nickName, 'Demo user');
    assert.deepEqual(wx.requests.map((r) => [r.path, r.statusCode]), [[LOGIN, 200], [PROFILE, 200]]);
  });

  it('data whose signature does not match is refused with invalid_signature; missing fields are a TypeError', async () => {
    const { openid, client } = setup();
    await client.login();
    const { body: data } = await postJson(app.baseUrl + '/demo/user-info', { openid });
    const err = await client.getProfile({ ...data, signature: '0'.repeat(40) }).then(() => assert.fail('succeeded'),
      (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'invalid_signature');
    assert.equal(err.status, 401);
    await assert.rejects(client.getProfile({ rawData: '{}' }), TypeError);
  });
});

describe('uploadFile and downloadFile (a gateway in front of the sample app checks the bearer with it)', () => {
  function localFile(text) {
    const file = path.join(filesFolder(), 'upload-' + crypto.randomBytes(4).toString('hex') + '.txt');
    fs.writeFileSync(file, text);
    return file;
  }

  it('uploadFile sends the file as multipart with the bearer and resolves with the parsed body', async () => {
    const { openid, wx, client } = setup({}, gateway);
    await client.login();
    const filePath = localFile('hello upload');

    const saved = await client.uploadFile({ url: '/files/upload', filePath, name: 'photo', formData: { album: 'a1' } });

    assert.equal(saved.openid, openid, 'the sample app accepted the bearer');
    assert.equal(saved.file.field, 'photo');
    assert.equal(saved.file.size, 12);
    assert.equal(saved.file.sha256, crypto.createHash('sha256').update('hello upload').digest('hex'));
    assert.deepEqual(saved.fields, { album: 'a1' });
    const call = wx.requests.at(-1);
    assert.equal(call.api, 'uploadFile');
    assert.equal(call.authorization, 'Bearer ' + client.getTokens().accessToken);

    const full = await client.uploadFile({ url: '/files/upload', filePath, name: 'photo', fullResponse: true });
    assert.equal(full.statusCode, 201);
    assert.equal(typeof full.data, 'string');
  });

  it('uploadFile with a refused token refreshes once and uploads again', async () => {
    const first = setup({}, gateway);
    await first.client.login();
    const { openid, wx, client } = relaunch(first, { accessToken: 'garbage' });

    const saved = await client.uploadFile({ url: '/files/upload', filePath: localFile('x'), name: 'file' });

    assert.equal(saved.openid, openid);
    assert.deepEqual(wx.requests.map((r) => [r.api, r.path, r.statusCode]),
      [['uploadFile', '/files/upload', 401], ['request', REFRESH, 200], ['uploadFile', '/files/upload', 201]]);
  });

  it('downloadFile gets the file with the bearer into a temporary or the given file', async () => {
    const { openid, wx, client } = setup({}, gateway);

    const res = await client.downloadFile({ url: '/files/report.txt' });

    assert.equal(res.statusCode, 200);
    assert.equal(fs.readFileSync(res.tempFilePath, 'utf8'), `file report.txt for ${openid}\n`);
    assert.deepEqual(wx.requests.map((r) => [r.api, r.path, r.statusCode]),
      [['request', LOGIN, 200], ['downloadFile', '/files/report.txt', 200]]);
    assert.equal(wx.requests.at(-1).authorization, 'Bearer ' + client.getTokens().accessToken);

    const target = path.join(filesFolder(), 'saved-' + crypto.randomBytes(4).toString('hex') + '.txt');
    const saved = await client.downloadFile({ url: '/files/b.txt', filePath: target });
    assert.equal(saved.filePath, target);
    assert.equal(fs.readFileSync(target, 'utf8'), `file b.txt for ${openid}\n`);
  });

  it('downloadFile of the sample app\'s own /api/me, after a refused token, refreshes and downloads again', async () => {
    const first = setup();
    await first.client.login();
    const { openid, wx, client } = relaunch(first, { accessToken: 'garbage' });

    const res = await client.downloadFile({ url: ME });

    assert.equal(JSON.parse(fs.readFileSync(res.tempFilePath, 'utf8')).openid, openid);
    assert.deepEqual(wx.requests.map((r) => [r.api, r.path, r.statusCode]),
      [['downloadFile', ME, 401], ['request', REFRESH, 200], ['downloadFile', ME, 200]]);
  });

  it('an error answer to downloadFile rejects with the problem read from the downloaded file', async () => {
    const { client } = setup();
    await client.login();
    const first = setup({ maxRetryDelaySeconds: 5 }, gateway);
    await first.client.login();
    gateway.failNext('/files/busy.txt', { status: 429, retryAfter: 60 });

    const err = await first.client.downloadFile({ url: '/files/busy.txt' }).then(() => assert.fail('succeeded'),
      (e) => e);
    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'rate_limited');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 60, 'Retry-After from onHeadersReceived');

    const missing = await client.downloadFile({ url: '/api/no-such-file' }).then(() => assert.fail('succeeded'),
      (e) => e);
    assert.equal(missing.status, 404);
  });
});

describe('429 and 503 with Retry-After', () => {
  /** setup on the gateway with a sleep that only records how long it was asked to wait */
  function retrying(options = {}) {
    const sleeps = [];
    const ctx = setup({ sleep: async (ms) => sleeps.push(ms), ...options }, gateway);
    return { ...ctx, sleeps };
  }

  it('a GET is sent again after waiting Retry-After, at most maxRetries times', async () => {
    const { openid, wx, client, sleeps } = retrying();
    await client.login();
    gateway.failNext(ME, { status: 503, retryAfter: 2 }, { status: 429, retryAfter: 1 });

    assert.equal((await client.request({ url: ME })).openid, openid);

    assert.deepEqual(sleeps, [2000, 1000]);
    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]), [[ME, 503], [ME, 429], [ME, 200]]);
  });

  it('when the retries run out, rejects with the last answer and its retryAfter', async () => {
    const { wx, client, sleeps } = retrying({ maxRetries: 1 });
    await client.login();
    gateway.failNext(ME, { status: 503, retryAfter: 1 }, { status: 503, retryAfter: 3 }, { status: 503, retryAfter: 1 });

    const err = await client.request({ url: ME }).then(() => assert.fail('succeeded'), (e) => e);

    assert.ok(err instanceof WxLoginError);
    assert.equal(err.error, 'wechat_unavailable');
    assert.equal(err.status, 503);
    assert.equal(err.retryAfter, 3);
    assert.deepEqual(sleeps, [1000]);
    assert.equal(wx.count(ME), 2);
    gateway.reset();
  });

  it('a POST is not sent again (unless idempotent: true); it rejects with retryAfter', async () => {
    const { wx, client, sleeps } = retrying();
    await client.login();
    gateway.failNext(PHONE, { status: 429, retryAfter: 7 });

    const err = await client.request({ url: PHONE, method: 'POST', data: { code: 'x' } })
      .then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(err.error, 'rate_limited');
    assert.equal(err.retryAfter, 7);
    assert.deepEqual(sleeps, []);
    assert.equal(wx.count(PHONE), 1);

    gateway.failNext(ME, { status: 503, retryAfter: 1 });
    const put = await client.request({ url: ME, method: 'POST', idempotent: true })
      .then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(put.status, 405, 'sent again after the 503: the sample app does not serve POST /api/me');
    assert.deepEqual(sleeps, [1000]);

    gateway.failNext(ME, { status: 503, retryAfter: 1 });
    const get = await client.request({ url: ME, idempotent: false }).then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(get.status, 503, 'idempotent: false turns the retry off');
  });

  it('a Retry-After longer than maxRetryDelaySeconds, or none, is not waited for', async () => {
    const { wx, client, sleeps } = retrying({ maxRetryDelaySeconds: 5 });
    await client.login();
    gateway.failNext(ME, { status: 429, retryAfter: 6 }, { status: 503 });

    const long = await client.request({ url: ME }).then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(long.retryAfter, 6);
    const none = await client.request({ url: ME }).then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(none.status, 503);
    assert.equal(none.retryAfter, null);
    assert.deepEqual(sleeps, []);
    assert.equal(wx.count(ME), 2);
  });

  it('an HTTP-date Retry-After is counted on the client\'s clock', async () => {
    const { openid, clock, client, sleeps } = retrying();
    await client.login();
    clock.advance(1000 * 3600 * 24 * 365); // a device clock a year ahead (both tokens expired by it:
    await client.request({ url: ME }); // this logs in again)
    gateway.failNext(ME, { status: 503, retryAfter: new Date(Math.floor(clock() / 1000) * 1000 + 4000).toUTCString() });

    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0] >= 3000 && sleeps[0] <= 4000, String(sleeps[0]));
  });

  it('a downloadFile is sent again, an uploadFile is not', async () => {
    const { wx, client, sleeps } = retrying();
    await client.login();
    gateway.failNext('/files/a.txt', { status: 503, retryAfter: 1 });
    const res = await client.downloadFile({ url: '/files/a.txt' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(sleeps, [1000]);

    const filePath = path.join(filesFolder(), 'retry-upload.txt');
    fs.writeFileSync(filePath, 'x');
    gateway.failNext('/files/upload', { status: 503, retryAfter: 1 });
    const err = await client.uploadFile({ url: '/files/upload', filePath, name: 'f' })
      .then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(err.error, 'wechat_unavailable');
    assert.equal(err.retryAfter, 1);
    assert.deepEqual(sleeps, [1000]);
    assert.equal(wx.count('/files/upload'), 1);
  });

  it('the token refresh is never sent again: a 503 rejects and keeps the session for a later refresh', async () => {
    const { openid, wx, clock, client, sleeps } = retrying();
    const body = await client.login();
    const before = client.getTokens();
    clock.advance(body.expires_in * 1000 + 1000);
    gateway.failNext(REFRESH, { status: 503, retryAfter: 1 });

    const err = await client.request({ url: ME }).then(() => assert.fail('succeeded'), (e) => e);
    assert.equal(err.error, 'wechat_unavailable');
    assert.equal(err.retryAfter, 1);
    assert.deepEqual(sleeps, []);
    assert.deepEqual(client.getTokens(), before, 'the refresh token may still be good');

    assert.equal((await client.request({ url: ME })).openid, openid);
    assert.deepEqual(wx.requests.slice(1).map((r) => [r.path, r.statusCode]),
      [[REFRESH, 503], [REFRESH, 200], [ME, 200]]);
  });

  it('a login answered 429 is not sent again (its code may be spent): it rejects with retryAfter', async () => {
    const { wx, client, sleeps } = retrying();
    gateway.failNext(LOGIN, { status: 429, retryAfter: 30 });

    const err = await client.login().then(() => assert.fail('succeeded'), (e) => e);

    assert.equal(err.error, 'rate_limited');
    assert.equal(err.retryAfter, 30);
    assert.deepEqual(sleeps, []);
    assert.equal(wx.count(LOGIN), 1);
    assert.equal(client.getTokens(), null);
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
