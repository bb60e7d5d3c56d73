'use strict';

// What needs no server: reading error answers as wx.request hands them over, and options.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');

const { createWxLogin, WxLoginError, DEFAULT_PATHS } = require('../src/wx-login.js');

describe('WxLoginError.fromResponse', () => {
  it('reads the stable code, status and Retry-After seconds of a problem+json answer, any header case', () => {
    const err = WxLoginError.fromResponse({
      statusCode: 429,
      header: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' },
      data: { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.', error: 'rate_limited' },
    });
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'WxLoginError');
    assert.equal(err.error, 'rate_limited');
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 7);
    assert.equal(err.problem.title, 'Too Many Requests');
    assert.equal(err.message, 'Slow down. (rate_limited, HTTP 429)');
  });

  it('reads Retry-After as an HTTP date', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const err = WxLoginError.fromResponse({
      statusCode: 503,
      header: { 'retry-after': inTenSeconds, 'content-type': 'application/problem+json;charset=UTF-8' },
      data: { type: 'about:blank', title: 'Service Unavailable', status: 503, error: 'wechat_unavailable' },
    });
    assert.equal(err.error, 'wechat_unavailable');
    assert.ok(err.retryAfter >= 9 && err.retryAfter <= 10, String(err.retryAfter));
    const past = WxLoginError.fromResponse({ statusCode: 503, header: { 'Retry-After': 'Thu, 01 Jan 1970 00:00:00 GMT' }, data: '' });
    assert.equal(past.retryAfter, 0);
    const junk = WxLoginError.fromResponse({ statusCode: 503, header: { 'Retry-After': 'soon' }, data: '' });
    assert.equal(junk.retryAfter, null);
  });

  it('counts an HTTP-date Retry-After from the time it is given', () => {
    const at = Date.parse('2030-01-01T00:00:00Z');
    const err = WxLoginError.fromResponse(
      { statusCode: 503, header: { 'Retry-After': 'Tue, 01 Jan 2030 00:00:30 GMT' }, data: '' }, at);
    assert.equal(err.retryAfter, 30);
  });

  it('parses a body left as text', () => {
    const err = WxLoginError.fromResponse({
      statusCode: 401,
      header: { 'content-type': 'application/problem+json' },
      data: '{"type":"about:blank","title":"Unauthorized","status":401,"error":"invalid_token"}',
    });
    assert.equal(err.error, 'invalid_token');
    assert.equal(err.retryAfter, null);
  });

  it('gives http_error for answers that are not problem+json', () => {
    const spring = WxLoginError.fromResponse({
      statusCode: 404,
      header: { 'Content-Type': 'application/json' },
      data: { timestamp: '2026-01-01T00:00:00Z', status: 404, error: 'Not Found', path: '/x' },
    });
    assert.equal(spring.error, 'http_error');
    assert.equal(spring.status, 404);
    assert.equal(spring.problem, null);
    const gateway = WxLoginError.fromResponse({ statusCode: 502, header: {}, data: '<html>Bad Gateway</html>' });
    assert.equal(gateway.error, 'http_error');
    assert.equal(gateway.message, 'HTTP 502');
    assert.equal(gateway.data, '<html>Bad Gateway</html>');
  });
});

describe('createWxLogin options', () => {
  const wx = { login() {}, request() {}, getStorageSync() { return ''; }, setStorageSync() {}, removeStorageSync() {} };

  it('needs an absolute baseUrl and a wx object', () => {
    assert.throws(() => createWxLogin({ wx }), TypeError);
    assert.throws(() => createWxLogin({ baseUrl: '/api', wx }), TypeError);
    assert.throws(() => createWxLogin({ baseUrl: 'https://api.example.com' }), /no wx object/);
  });

  it('uses the global wx when none is passed', () => {
    globalThis.wx = wx;
    try {
      const client = createWxLogin({ baseUrl: 'https://api.example.com' });
      assert.equal(client.isLoggedIn(), false);
    } finally {
      delete globalThis.wx;
    }
  });

  it('has the server default paths', () => {
    assert.deepEqual(DEFAULT_PATHS,
      { login: '/wx/login', refresh: '/wx/token/refresh', logout: '/wx/logout', phone: '/wx/phone',
        profile: '/wx/profile' });
  });
});
