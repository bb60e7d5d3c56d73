'use strict';

/**
 * wx-login mini-program client: silent login with `wx.login()`, bearer requests, uploads and
 * downloads through `wx.request()`, `wx.uploadFile()` and `wx.downloadFile()`, single-flight
 * token refresh, re-login when the refresh is refused, bounded retries after `Retry-After`,
 * phone number, user profile and logout. No dependencies; CommonJS because mini-programs use it.
 *
 * The types (for TypeScript mini-programs and editors) are in the `.d.ts` beside this file
 * (`wx-login.d.ts`, `index.d.ts` in the package); they use WeChat's own `miniprogram-api-typings`.
 *
 * @module wx-login-miniprogram
 */

const DEFAULT_PATHS = Object.freeze({
  login: '/wx/login',
  refresh: '/wx/token/refresh',
  logout: '/wx/logout',
  phone: '/wx/phone',
  profile: '/wx/profile',
});

/** Methods that RFC 9110 §9.2.2 calls idempotent: safe to send again after a 429 or 503. */
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

/** Options of `request()`, `uploadFile()` and `downloadFile()` that are ours, not wx's. */
const OWN_OPTIONS = ['fullResponse', 'idempotent'];

/**
 * A failure of the login, a token call or a request. For answers of the server, `error` is
 * the stable code of its problem+json body (`invalid_token`, `invalid_code`,
 * `rate_limited`, ...); for other HTTP errors `http_error`; `network_error` when
 * `wx.request` (or `wx.uploadFile`, `wx.downloadFile`) failed, `wx_login_failed` when
 * `wx.login` did, `not_logged_in` when `autoLogin` is off and there is no session.
 */
class WxLoginError extends Error {
  /**
   * @param {string} message
   * @param {{error: string, status?: number, retryAfter?: (number|null), problem?: (Object|null), data?: any, cause?: any}} details
   */
  constructor(message, details) {
    super(message);
    this.name = 'WxLoginError';
    /** @type {string} stable machine code */
    this.error = details.error;
    /** @type {number} HTTP status, 0 when no answer arrived */
    this.status = details.status || 0;
    /** @type {number|null} seconds to wait, from `Retry-After`, when the server sent it */
    this.retryAfter = details.retryAfter == null ? null : details.retryAfter;
    /** @type {Object|null} the problem+json body, when there was one */
    this.problem = details.problem || null;
    /** @type {any} the response body as received */
    this.data = details.data;
    if (details.cause !== undefined) {
      this.cause = details.cause;
    }
  }

  /**
   * The error for an HTTP error response (status >= 400) as `wx.request` hands it over.
   * @param {{statusCode: number, data?: any, header?: Object}} res
   * @param {number} [nowMs] the current time, for a `Retry-After` that is a date (default `Date.now()`)
   * @returns {WxLoginError}
   */
  static fromResponse(res, nowMs) {
    const status = res.statusCode;
    let data = res.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch (e) {
        // not JSON: keep the text
      }
    }
    const contentType = String(headerValue(res.header, 'content-type') || '').toLowerCase();
    const isProblem = data !== null && typeof data === 'object' && !Array.isArray(data)
      && (contentType.indexOf('application/problem+json') !== -1
        || (typeof data.type === 'string' && typeof data.title === 'string'));
    const problem = isProblem ? data : null;
    const error = problem && typeof problem.error === 'string' && problem.error ? problem.error : 'http_error';
    let message = 'HTTP ' + status;
    if (problem) {
      const text = problem.detail || problem.title;
      message = (text ? text + ' ' : '') + '(' + error + ', HTTP ' + status + ')';
    }
    return new WxLoginError(message, {
      error: error,
      status: status,
      retryAfter: parseRetryAfter(headerValue(res.header, 'retry-after'), nowMs == null ? Date.now() : nowMs),
      problem: problem,
      data: res.data,
    });
  }
}

/**
 * A header's value, whatever the case of its name.
 * @param {Object<string, any>|undefined} headers
 * @param {string} name lower case
 * @returns {string|undefined}
 */
function headerValue(headers, name) {
  if (!headers) {
    return undefined;
  }
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) {
      const value = headers[key];
      return Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return undefined;
}

/**
 * `Retry-After` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * @param {any} value
 * @param {number} nowMs
 * @returns {number|null}
 */
function parseRetryAfter(value, nowMs) {
  if (value == null) {
    return null;
  }
  const text = String(value).trim();
  if (/^\d+$/.test(text)) {
    return parseInt(text, 10);
  }
  const date = Date.parse(text);
  if (isNaN(date)) {
    return null;
  }
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** @param {string} url */
function isAbsolute(url) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/** @param {string} url @returns {string} scheme://host[:port], lower case */
function originOf(url) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
  return match ? match[1].toLowerCase() : '';
}

/** @param {number} ms */
function defaultSleep(ms) {
  return new Promise(function (resolve) {
    setTimeout(resolve, ms);
  });
}

/**
 * What clients on the same `wx` and storage key share: the session (read from storage once,
 * when the first of them is created), the in-flight promises (one app, one refresh) and the
 * session listeners.
 */
const stateByWx = new WeakMap();

/**
 * @param {object} wxApi
 * @param {string} key
 * @returns {{loaded: boolean, session: (Object|null), refresh: (Promise<Object>|null), renew: (Promise<Object>|null), login: (Promise<Object>|null), listeners: Array<Function>}}
 */
function stateFor(wxApi, key) {
  let byKey = stateByWx.get(wxApi);
  if (!byKey) {
    byKey = new Map();
    stateByWx.set(wxApi, byKey);
  }
  let state = byKey.get(key);
  if (!state) {
    state = { loaded: false, session: null, refresh: null, renew: null, login: null, listeners: [] };
    byKey.set(key, state);
  }
  return state;
}

/**
 * Creates a client. Create one per mini-program (e.g. in a module required by `app.js`)
 * and share it: the session lives in memory, shared only by clients on the same `wx` and
 * storage key, and the server treats a refresh token used twice as stolen.
 *
 * @param {Object} options `WxLoginOptions` (see the types)
 * @returns {Object} a `WxLoginClient`
 */
function createWxLogin(options) {
  if (!options || typeof options.baseUrl !== 'string' || !isAbsolute(options.baseUrl)) {
    throw new TypeError('createWxLogin: baseUrl must be an absolute URL such as https://api.example.com');
  }
  /* global wx */
  const wxApi = options.wx || (typeof wx !== 'undefined' ? wx : undefined);
  if (!wxApi || typeof wxApi.login !== 'function' || typeof wxApi.request !== 'function') {
    throw new TypeError('createWxLogin: no wx object (pass options.wx outside a mini-program)');
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseOrigin = originOf(baseUrl);
  const appId = options.appId;
  const paths = Object.assign({}, DEFAULT_PATHS, options.paths || {});
  const storageKey = (options.storageKeyPrefix != null ? options.storageKeyPrefix : 'wxLogin:') + 'session';
  const marginMs = (options.refreshMarginSeconds != null ? options.refreshMarginSeconds : 30) * 1000;
  const autoLogin = options.autoLogin !== false;
  const maxRetries = options.maxRetries != null ? Math.max(0, options.maxRetries) : 2;
  const maxRetryDelayMs = (options.maxRetryDelaySeconds != null ? options.maxRetryDelaySeconds : 10) * 1000;
  const now = typeof options.now === 'function' ? options.now : Date.now;
  const sleep = typeof options.sleep === 'function' ? options.sleep : defaultSleep;
  const state = stateFor(wxApi, storageKey);

  // ---- the session: memory first, storage read once and written on change ---------------

  if (!state.loaded) {
    state.loaded = true;
    state.session = readStorage();
  }
  if (typeof options.onSessionChange === 'function') {
    state.listeners.push(options.onSessionChange);
  }

  /** @returns {Object|null} the stored session, or null when there is none or it is unreadable */
  function readStorage() {
    let value;
    try {
      value = wxApi.getStorageSync(storageKey);
    } catch (e) {
      return null;
    }
    if (typeof value === 'string' && value) {
      try {
        value = JSON.parse(value);
      } catch (e) {
        return null;
      }
    }
    return value && typeof value === 'object' && typeof value.accessToken === 'string' ? value : null;
  }

  /** @param {{type: string, tokens: (Object|null), reason?: string}} event */
  function emit(event) {
    for (const listener of state.listeners.slice()) {
      try {
        listener(Object.assign({}, event, { tokens: event.tokens ? Object.assign({}, event.tokens) : null }));
      } catch (e) {
        // a listener's failure is the UI's problem, not the login's
        if (typeof console !== 'undefined' && console.error) {
          console.error('wx-login: onSessionChange listener failed', e);
        }
      }
    }
  }

  /**
   * @param {Object} body the server's token response
   * @param {number} startedAt when the token request was sent (expiry counts from then)
   * @param {Object|null} previous the session refreshed, for fields the answer omits
   * @param {'login'|'refresh'} type
   * @returns {Object} the new session
   */
  function storeTokens(body, startedAt, previous, type) {
    if (!body || typeof body.access_token !== 'string') {
      throw new WxLoginError('The server answered without an access token', { error: 'invalid_response', status: 200, data: body });
    }
    const session = {
      accessToken: body.access_token,
      accessTokenIssuedAt: startedAt,
      accessTokenExpiresAt: startedAt + (Number(body.expires_in) || 0) * 1000,
      refreshToken: body.refresh_token || (previous ? previous.refreshToken : ''),
      refreshTokenExpiresAt: body.refresh_token
        ? startedAt + (Number(body.refresh_expires_in) || 0) * 1000
        : (previous ? previous.refreshTokenExpiresAt : 0),
      openid: body.openid || (previous ? previous.openid : ''),
      unionid: body.unionid || (previous ? previous.unionid : null) || null,
    };
    state.session = session;
    try {
      wxApi.setStorageSync(storageKey, session);
    } catch (e) {
      // storage full or unavailable: the session still lives for this run of the mini-program
    }
    emit({ type: type, tokens: session });
    return session;
  }

  /** @param {'logout'|'refresh_refused'} reason */
  function clearSession(reason) {
    const had = state.session !== null;
    state.session = null;
    try {
      wxApi.removeStorageSync(storageKey);
    } catch (e) {
      // nothing stored, or storage unavailable: nothing to clear
    }
    if (had) {
      emit({ type: 'logout', tokens: null, reason: reason });
    }
  }

  /**
   * Whether the access token has expired or expires within the margin (at most a quarter
   * of its lifetime, so that a server with very short tokens is not asked for a refresh
   * before every request).
   * @param {Object} session
   */
  function accessExpiring(session) {
    if (!session.accessTokenExpiresAt) {
      return true;
    }
    const lifetime = session.accessTokenExpiresAt - (session.accessTokenIssuedAt || 0);
    const margin = Math.min(marginMs, Math.max(0, lifetime / 4));
    return now() >= session.accessTokenExpiresAt - margin;
  }

  /** @param {Object} session */
  function refreshUsable(session) {
    return !!session.refreshToken && now() < session.refreshTokenExpiresAt;
  }

  // ---- transport ----------------------------------------------------------------------

  /** @param {string} url */
  function resolveUrl(url) {
    if (typeof url !== 'string' || !url) {
      throw new TypeError('url is required');
    }
    if (isAbsolute(url)) {
      return url;
    }
    return baseUrl + (url.charAt(0) === '/' ? url : '/' + url);
  }

  /**
   * `wx.request`, `wx.uploadFile` or `wx.downloadFile` as a promise that resolves with every
   * answer (also 4xx/5xx) and rejects only when no answer arrived. Upload and download
   * results carry no headers, so they are taken from the task's `onHeadersReceived`.
   * @param {'request'|'uploadFile'|'downloadFile'} api
   * @param {Object} callOptions the wx options without success/fail
   * @returns {Promise<Object>} the success result, with `header`
   */
  function send(api, callOptions) {
    return new Promise(function (resolve, reject) {
      let received = null;
      const networkError = function (err) {
        const message = (err && (err.errMsg || err.message)) || 'failed';
        return new WxLoginError('wx.' + api + ' failed: ' + message, { error: 'network_error', status: 0, cause: err });
      };
      const all = Object.assign({}, callOptions, {
        success: function (res) {
          if (res && !res.header && received) {
            res = Object.assign({}, res, { header: received });
          }
          resolve(res);
        },
        fail: function (err) {
          reject(networkError(err));
        },
      });
      try {
        if (typeof wxApi[api] !== 'function') {
          throw new TypeError('wx.' + api + ' is not available');
        }
        const task = wxApi[api](all);
        if (api !== 'request' && task && typeof task.onHeadersReceived === 'function') {
          task.onHeadersReceived(function (event) {
            received = (event && event.header) || null;
          });
        }
      } catch (e) {
        reject(networkError(e));
      }
    });
  }

  /**
   * Seconds to wait before sending again, when the answer says so: `429` or `503` with a
   * `Retry-After` no longer than `maxRetryDelaySeconds`; else null.
   * @param {Object} res
   * @returns {number|null}
   */
  function retryDelayMs(res) {
    if (res.statusCode !== 429 && res.statusCode !== 503) {
      return null;
    }
    const seconds = parseRetryAfter(headerValue(res.header, 'retry-after'), now());
    if (seconds == null || seconds * 1000 > maxRetryDelayMs) {
      return null;
    }
    return seconds * 1000;
  }

  /**
   * Sends a call with the bearer (to `baseUrl`'s origin only): logs in or refreshes first
   * when needed, refreshes (or logs in again) once after a `401`, and, when `retryable`,
   * sends again after a `429`/`503` with `Retry-After`, at most `maxRetries` times.
   * @param {'request'|'uploadFile'|'downloadFile'} api
   * @param {Object} base wx options with an absolute url, without Authorization
   * @param {boolean} retryable
   * @returns {Promise<Object>} the last answer, whatever its status
   */
  async function exchange(api, base, retryable) {
    const bearer = originOf(base.url) === baseOrigin; // never hand the token to another server
    const withBearer = function (session) {
      return session
        ? Object.assign({}, base, {
          header: Object.assign({}, base.header, { Authorization: 'Bearer ' + session.accessToken }),
        })
        : base;
    };
    let session = bearer ? await ensureSession() : null;
    let renewed = false;
    let retries = 0;
    for (;;) {
      const res = await send(api, withBearer(session));
      if (bearer && res.statusCode === 401 && !renewed) {
        renewed = true;
        session = await renewSession(session.accessToken);
        continue;
      }
      const delay = retryable && retries < maxRetries ? retryDelayMs(res) : null;
      if (delay == null) {
        return res;
      }
      retries++;
      await sleep(delay);
      if (bearer) {
        session = await ensureSession();
      }
    }
  }

  /**
   * POST JSON to one of the token endpoints (no bearer, never retried); rejects on any error answer.
   * @param {string} path
   * @param {Object} body
   * @returns {Promise<any>}
   */
  function postJson(path, body) {
    return send('request', {
      url: resolveUrl(path),
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json' },
    }).then(function (res) {
      if (res.statusCode >= 400) {
        throw WxLoginError.fromResponse(res, now());
      }
      return res.data;
    });
  }

  /**
   * The caller's options as wx options: absolute url, no Authorization header, none of ours.
   * @param {Object} callOptions
   * @param {string} name the API, for errors
   */
  function wxOptions(callOptions, name) {
    if (!callOptions || typeof callOptions !== 'object' || typeof callOptions.url !== 'string' || !callOptions.url) {
      throw new TypeError(name + ': options with a url are required');
    }
    const base = Object.assign({}, callOptions, { url: resolveUrl(callOptions.url) });
    for (const own of OWN_OPTIONS) {
      delete base[own];
    }
    const header = Object.assign({}, callOptions.header || {});
    for (const key of Object.keys(header)) {
      if (key.toLowerCase() === 'authorization') {
        delete header[key];
      }
    }
    base.header = header;
    return base;
  }

  // ---- wx.login / wx.getUserInfo --------------------------------------------------------

  /** @returns {Promise<string>} */
  function wxLoginCode() {
    return new Promise(function (resolve, reject) {
      const fail = function (err) {
        const message = (err && (err.errMsg || err.message)) || 'no code';
        reject(new WxLoginError('wx.login failed: ' + message, { error: 'wx_login_failed', status: 0, cause: err }));
      };
      try {
        wxApi.login({
          success: function (res) {
            if (res && res.code) {
              resolve(res.code);
            } else {
              fail(res);
            }
          },
          fail: fail,
        });
      } catch (e) {
        fail(e);
      }
    });
  }

  /**
   * @param {string} caller for the error message
   * @returns {Promise<Object>}
   */
  function wxGetUserInfo(caller) {
    return new Promise(function (resolve, reject) {
      if (typeof wxApi.getUserInfo !== 'function') {
        reject(new TypeError(caller + ': wx.getUserInfo is not available'));
        return;
      }
      wxApi.getUserInfo({
        withCredentials: true,
        success: resolve,
        fail: function (err) {
          const message = (err && (err.errMsg || err.message)) || 'failed';
          reject(new WxLoginError('wx.getUserInfo failed: ' + message, { error: 'wx_user_info_failed', status: 0, cause: err }));
        },
      });
    });
  }

  /**
   * The signed and encrypted fields of `wx.getUserProfile` / `wx.getUserInfo` data that are present.
   * @param {Object} data
   */
  function userDataFields(data) {
    const fields = {};
    for (const field of ['rawData', 'signature', 'encryptedData', 'iv']) {
      if (data[field] != null && data[field] !== '') {
        fields[field] = data[field];
      }
    }
    return fields;
  }

  // ---- login / refresh / renew ----------------------------------------------------------

  /**
   * @param {{userInfo?: any, withUserInfo?: boolean}} loginOptions
   * @returns {Promise<Object>}
   */
  async function doLogin(loginOptions) {
    const code = await wxLoginCode();
    /** @type {Object<string, any>} */
    const body = { code: code };
    if (appId) {
      body.appId = appId;
    }
    let userInfo = loginOptions.userInfo;
    if (typeof userInfo === 'function') {
      userInfo = await userInfo(code);
    } else if (!userInfo && loginOptions.withUserInfo) {
      userInfo = await wxGetUserInfo('login({ withUserInfo: true })');
    }
    if (userInfo) {
      Object.assign(body, userDataFields(userInfo));
    }
    const startedAt = now();
    const answer = await postJson(paths.login, body);
    storeTokens(answer, startedAt, null, 'login');
    return answer;
  }

  /**
   * Logs in; silent logins (no user data) share one flight, since a code is single-use and
   * `wx.login` may rotate the session key.
   * @param {{userInfo?: any, withUserInfo?: boolean}} [loginOptions]
   * @returns {Promise<Object>}
   */
  function login(loginOptions) {
    const opts = loginOptions || {};
    if (opts.userInfo || opts.withUserInfo) {
      return doLogin(opts);
    }
    if (!state.login) {
      state.login = doLogin(opts).finally(function () {
        state.login = null;
      });
    }
    return state.login;
  }

  /**
   * Trades the refresh token for a new pair, at most one call at a time. Never retried:
   * the refresh token rotates, and one presented twice revokes the whole login.
   * @returns {Promise<Object>}
   */
  function refreshTokens() {
    if (!state.refresh) {
      state.refresh = (async function () {
        const session = state.session;
        if (!session || !refreshUsable(session)) {
          throw new WxLoginError('No usable refresh token', { error: 'invalid_token', status: 401 });
        }
        const startedAt = now();
        const answer = await postJson(paths.refresh, { refresh_token: session.refreshToken });
        const current = state.session;
        if (current && current.refreshToken !== session.refreshToken) {
          // a login replaced the session meanwhile: keep the newer one
          return current;
        }
        return storeTokens(answer, startedAt, session, 'refresh');
      })().finally(function () {
        state.refresh = null;
      });
    }
    return state.refresh;
  }

  /**
   * A fresh session after `usedAccessToken` turned out expired or refused: the session
   * another caller renewed meanwhile, else a refresh, else (refresh refused) a new login.
   * One renewal at a time, whoever asks.
   * @param {string|null} usedAccessToken
   * @returns {Promise<Object>}
   */
  function renewSession(usedAccessToken) {
    const current = state.session;
    if (current && current.accessToken !== usedAccessToken && !accessExpiring(current)) {
      return Promise.resolve(current);
    }
    if (!state.renew) {
      state.renew = (async function () {
        const session = state.session;
        if (session && refreshUsable(session)) {
          try {
            return await refreshTokens();
          } catch (e) {
            if (!(e instanceof WxLoginError) || (e.status !== 401 && e.status !== 400)) {
              throw e; // network, 5xx, 429: the refresh token may still be good
            }
          }
        }
        clearSession('refresh_refused');
        if (!autoLogin) {
          throw new WxLoginError(session ? 'The session has ended; log in again' : 'Not logged in',
            { error: 'not_logged_in', status: 0 });
        }
        await login();
        const renewed = state.session;
        if (!renewed) {
          throw new WxLoginError('Login stored no session', { error: 'not_logged_in', status: 0 });
        }
        return renewed;
      })().finally(function () {
        state.renew = null;
      });
    }
    return state.renew;
  }

  /** @returns {Promise<Object>} a session whose access token is not known to be expired */
  function ensureSession() {
    const session = state.session;
    if (!session) {
      if (!autoLogin) {
        return Promise.reject(new WxLoginError('Not logged in', { error: 'not_logged_in', status: 0 }));
      }
      return renewSession(null);
    }
    if (accessExpiring(session)) {
      return renewSession(session.accessToken);
    }
    return Promise.resolve(session);
  }

  // ---- public API -------------------------------------------------------------------------

  /**
   * @param {Object} res
   * @returns {Object} res, unless it is an error answer
   */
  function checked(res) {
    if (res.statusCode >= 400) {
      throw WxLoginError.fromResponse(res, now());
    }
    return res;
  }

  /**
   * @param {Object} callOptions
   * @param {boolean} retryableByDefault
   */
  function isRetryable(callOptions, retryableByDefault) {
    return callOptions.idempotent != null ? !!callOptions.idempotent : retryableByDefault;
  }

  /**
   * `wx.request` with the bearer.
   * @param {Object} requestOptions
   * @returns {Promise<any>}
   */
  async function request(requestOptions) {
    const base = wxOptions(requestOptions, 'request');
    base.method = String(requestOptions.method || 'GET').toUpperCase();
    const retryable = isRetryable(requestOptions, IDEMPOTENT_METHODS.indexOf(base.method) !== -1);
    const res = checked(await exchange('request', base, retryable));
    return requestOptions.fullResponse ? res : res.data;
  }

  /**
   * `wx.uploadFile` with the bearer; resolves with the body, parsed when it is JSON.
   * Not retried after a 429/503 unless `idempotent: true` (it is a POST).
   * @param {Object} uploadOptions
   * @returns {Promise<any>}
   */
  async function uploadFile(uploadOptions) {
    const base = wxOptions(uploadOptions, 'uploadFile');
    const res = checked(await exchange('uploadFile', base, isRetryable(uploadOptions, false)));
    if (uploadOptions.fullResponse) {
      return res;
    }
    if (typeof res.data === 'string') {
      try {
        return JSON.parse(res.data);
      } catch (e) {
        return res.data;
      }
    }
    return res.data;
  }

  /**
   * `wx.downloadFile` with the bearer; resolves with wx's result (`tempFilePath`,
   * `filePath`, `statusCode`). Retried after a 429/503 like a GET.
   * @param {Object} downloadOptions
   * @returns {Promise<Object>}
   */
  async function downloadFile(downloadOptions) {
    const base = wxOptions(downloadOptions, 'downloadFile');
    const res = await exchange('downloadFile', base, isRetryable(downloadOptions, true));
    if (res.statusCode >= 400 && res.data === undefined) {
      // the error body went to the file: read it for the problem+json, when the wx can
      const file = res.filePath || res.tempFilePath;
      if (file && typeof wxApi.getFileSystemManager === 'function') {
        try {
          return checked(Object.assign({}, res, { data: wxApi.getFileSystemManager().readFileSync(file, 'utf8') }));
        } catch (e) {
          if (e instanceof WxLoginError) {
            throw e;
          }
        }
      }
    }
    return checked(res);
  }

  /**
   * @param {string|{code?: string, encryptedData?: string, iv?: string}} codeOrData the
   *   `e.detail.code` of `<button open-type="getPhoneNumber">`, or the whole `e.detail`
   *   (legacy `encryptedData` + `iv` when it has no code)
   * @returns {Promise<Object>}
   */
  function getPhoneNumber(codeOrData) {
    let data;
    if (typeof codeOrData === 'string' && codeOrData) {
      data = { code: codeOrData };
    } else if (codeOrData && typeof codeOrData === 'object' && codeOrData.code) {
      data = { code: codeOrData.code };
    } else if (codeOrData && typeof codeOrData === 'object' && codeOrData.encryptedData && codeOrData.iv) {
      data = { encryptedData: codeOrData.encryptedData, iv: codeOrData.iv };
    } else {
      return Promise.reject(new TypeError('getPhoneNumber: pass the phone code, or { encryptedData, iv }'));
    }
    return request({ url: paths.phone, method: 'POST', data: data, header: { 'content-type': 'application/json' } });
  }

  /**
   * Sends signed and encrypted user data (what `wx.getUserProfile` or `wx.getUserInfo`
   * gives) to `/wx/profile`; the server verifies and decrypts it with this login's session
   * key and answers the user info. Without data, calls `wx.getUserInfo({ withCredentials: true })`.
   * @param {{encryptedData: string, iv: string, rawData?: string, signature?: string}} [userData]
   * @returns {Promise<Object>}
   */
  async function getProfile(userData) {
    let data = userData;
    if (data == null) {
      await ensureSession(); // the data must be made with the session key of the login it goes to
      data = await wxGetUserInfo('getProfile()');
    }
    if (!data || typeof data !== 'object' || !data.encryptedData || !data.iv) {
      throw new TypeError('getProfile: pass what wx.getUserProfile or wx.getUserInfo gave ({ encryptedData, iv, rawData, signature })');
    }
    return request({ url: paths.profile, method: 'POST', data: userDataFields(data), header: { 'content-type': 'application/json' } });
  }

  /**
   * Revokes this login on the server (its refresh tokens and the access token) and clears
   * the session, also when the server cannot be reached.
   * @returns {Promise<boolean>} whether the server confirmed the logout
   */
  async function logout() {
    let confirmed = false;
    try {
      let session = state.session;
      if (session && accessExpiring(session) && refreshUsable(session)) {
        // an expired access token cannot log out, and the refresh family must die too
        session = await refreshTokens().catch(function () {
          return null;
        });
      }
      if (session && !accessExpiring(session)) {
        const res = await send('request', {
          url: resolveUrl(paths.logout),
          method: 'POST',
          header: { Authorization: 'Bearer ' + session.accessToken },
        });
        confirmed = res.statusCode >= 200 && res.statusCode < 300;
      }
    } catch (e) {
      // the server call failed: the local session goes anyway
    } finally {
      clearSession('logout');
    }
    return confirmed;
  }

  /** @returns {Object|null} a copy of the session */
  function getTokens() {
    return state.session ? Object.assign({}, state.session) : null;
  }

  /** @returns {boolean} whether there is a session whose access or refresh token has not expired */
  function isLoggedIn() {
    const session = state.session;
    return !!session && (now() < session.accessTokenExpiresAt || refreshUsable(session));
  }

  /**
   * @param {Function} listener called with `{ type: 'login'|'refresh'|'logout', tokens, reason? }`
   * @returns {() => void} removes the listener
   */
  function onSessionChange(listener) {
    if (typeof listener !== 'function') {
      throw new TypeError('onSessionChange: a function is required');
    }
    state.listeners.push(listener);
    return function () {
      const index = state.listeners.indexOf(listener);
      if (index !== -1) {
        state.listeners.splice(index, 1);
      }
    };
  }

  return {
    login: login,
    request: request,
    uploadFile: uploadFile,
    downloadFile: downloadFile,
    getPhoneNumber: getPhoneNumber,
    getProfile: getProfile,
    logout: logout,
    getTokens: getTokens,
    isLoggedIn: isLoggedIn,
    onSessionChange: onSessionChange,
  };
}

module.exports = { createWxLogin, WxLoginError, DEFAULT_PATHS };
