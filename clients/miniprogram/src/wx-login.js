'use strict';

/**
 * wx-login mini-program client: silent login with `wx.login()`, bearer requests through
 * `wx.request()`, single-flight token refresh, re-login when the refresh is refused, phone
 * number and logout. No dependencies; CommonJS because mini-programs use it.
 *
 * @module wx-login-miniprogram
 */

/**
 * @typedef {Object} WxLoginPaths
 * @property {string} [login='/wx/login'] login endpoint
 * @property {string} [refresh='/wx/token/refresh'] refresh endpoint
 * @property {string} [logout='/wx/logout'] logout endpoint
 * @property {string} [phone='/wx/phone'] phone-number endpoint
 */

/**
 * @typedef {Object} WxLoginOptions
 * @property {string} baseUrl the server, e.g. `https://api.example.com` (a path prefix is kept)
 * @property {string} [appId] sent with every login; needed when the server serves several mini-programs
 * @property {string} [storageKeyPrefix='wxLogin:'] prefix of the storage key the session is kept under
 * @property {WxApi} [wx] the `wx` object; defaults to the global `wx`
 * @property {WxLoginPaths} [paths] endpoint paths, when the server changed `wx.login.*-path`
 * @property {number} [refreshMarginSeconds=30] refresh before a request when the access token expires within this
 *   many seconds (at most a quarter of the token's lifetime)
 * @property {boolean} [autoLogin=true] `request()` logs in by itself when there is no session or the refresh is
 *   refused; with `false` it rejects with `not_logged_in` instead and the app calls `login()`
 */

/**
 * The part of the mini-program `wx` API the client uses.
 * @typedef {Object} WxApi
 * @property {(options: {timeout?: number, success: (res: {code: string}) => void, fail: (err: any) => void}) => void} login
 * @property {(options: WxRequestOptions) => any} request
 * @property {(options: {withCredentials?: boolean, lang?: string, success: (res: WxUserInfo) => void, fail: (err: any) => void}) => void} [getUserInfo]
 * @property {(key: string) => any} getStorageSync
 * @property {(key: string, value: any) => void} setStorageSync
 * @property {(key: string) => void} removeStorageSync
 */

/**
 * @typedef {Object} WxRequestOptions
 * @property {string} url
 * @property {string} [method]
 * @property {any} [data]
 * @property {Object<string, string>} [header]
 * @property {(res: WxResponse) => void} [success]
 * @property {(err: any) => void} [fail]
 */

/**
 * What `wx.request` hands to `success`.
 * @typedef {Object} WxResponse
 * @property {number} statusCode
 * @property {any} data parsed JSON when the body was JSON, else the text
 * @property {Object<string, string>} header response headers (names in the server's case)
 */

/**
 * Signed and encrypted user data, as `wx.getUserInfo` (legacy) returns it.
 * @typedef {Object} WxUserInfo
 * @property {string} [rawData]
 * @property {string} [signature]
 * @property {string} [encryptedData]
 * @property {string} [iv]
 */

/**
 * The server's answer to a login or a refresh.
 * @typedef {Object} WxTokenResponse
 * @property {string} access_token
 * @property {string} token_type always `Bearer`
 * @property {number} expires_in seconds
 * @property {string} refresh_token
 * @property {number} refresh_expires_in seconds
 * @property {string} openid
 * @property {string} [unionid]
 * @property {Object} [user] decrypted user info, when user data was sent with the login
 */

/**
 * The session kept in storage (a copy is what `getTokens()` returns).
 * @typedef {Object} WxLoginTokens
 * @property {string} accessToken
 * @property {number} accessTokenIssuedAt epoch milliseconds when it was requested, on this device's clock
 * @property {number} accessTokenExpiresAt epoch milliseconds, measured on this device's clock (from `expires_in`,
 *   so a wrong device clock does not matter)
 * @property {string} refreshToken
 * @property {number} refreshTokenExpiresAt epoch milliseconds, measured on this device's clock
 * @property {string} openid
 * @property {string|null} unionid
 */

/**
 * @typedef {Object} WxPhoneNumber
 * @property {string} phoneNumber with the country code for numbers outside China
 * @property {string} purePhoneNumber without the country code
 * @property {string} countryCode
 */

/**
 * @typedef {Object} WxLoginRequestOptions
 * @property {string} url relative to `baseUrl` (`/api/me` or `api/me`), or absolute
 * @property {string} [method='GET']
 * @property {any} [data]
 * @property {Object<string, string>} [header]
 * @property {boolean} [fullResponse=false] resolve with `{statusCode, data, header}` instead of `data`
 * Any other option (`timeout`, `dataType`, `responseType`, ...) is passed on to `wx.request`.
 */

/**
 * @typedef {Object} WxLoginClient
 * @property {(options?: {userInfo?: WxUserInfo|((code: string) => (WxUserInfo|Promise<WxUserInfo>)), withUserInfo?: boolean}) => Promise<WxTokenResponse>} login
 * @property {(options: WxLoginRequestOptions) => Promise<any>} request
 * @property {(codeOrData: string|{code?: string, encryptedData?: string, iv?: string}) => Promise<WxPhoneNumber>} getPhoneNumber
 * @property {() => Promise<boolean>} logout
 * @property {() => (WxLoginTokens|null)} getTokens
 * @property {() => boolean} isLoggedIn
 */

const DEFAULT_PATHS = Object.freeze({
  login: '/wx/login',
  refresh: '/wx/token/refresh',
  logout: '/wx/logout',
  phone: '/wx/phone',
});

/**
 * A failure of the login, a token call or a request. For answers of the server, `error` is
 * the stable code of its problem+json body (`invalid_token`, `invalid_code`,
 * `rate_limited`, ...); for other HTTP errors `http_error`; `network_error` when
 * `wx.request` failed, `wx_login_failed` when `wx.login` did, `not_logged_in` when
 * `autoLogin` is off and there is no session.
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
   * @param {WxResponse} res
   * @returns {WxLoginError}
   */
  static fromResponse(res) {
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
      retryAfter: parseRetryAfter(headerValue(res.header, 'retry-after')),
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
 * @returns {number|null}
 */
function parseRetryAfter(value) {
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
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
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

/** In-flight promises, shared by clients on the same `wx` and storage key (one app, one refresh). */
const inflightByWx = new WeakMap();

/**
 * @param {object} wxApi
 * @param {string} key
 * @returns {{refresh: (Promise<WxLoginTokens>|null), renew: (Promise<WxLoginTokens>|null), login: (Promise<WxTokenResponse>|null)}}
 */
function inflightFor(wxApi, key) {
  let byKey = inflightByWx.get(wxApi);
  if (!byKey) {
    byKey = new Map();
    inflightByWx.set(wxApi, byKey);
  }
  let state = byKey.get(key);
  if (!state) {
    state = { refresh: null, renew: null, login: null };
    byKey.set(key, state);
  }
  return state;
}

/**
 * Creates a client. Create one per mini-program (e.g. in a module required by `app.js`)
 * and share it: a second client on the same storage would refresh on its own, and the
 * server treats a refresh token used twice as stolen.
 *
 * @param {WxLoginOptions} options
 * @returns {WxLoginClient}
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
  const inflight = inflightFor(wxApi, storageKey);

  // ---- storage ----------------------------------------------------------------------

  /** @returns {WxLoginTokens|null} */
  function readSession() {
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

  /**
   * @param {WxTokenResponse} body
   * @param {number} startedAt when the token request was sent (expiry counts from then)
   * @param {WxLoginTokens|null} previous the session refreshed, for fields the answer omits
   * @returns {WxLoginTokens}
   */
  function storeTokens(body, startedAt, previous) {
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
    wxApi.setStorageSync(storageKey, session);
    return session;
  }

  function clearSession() {
    try {
      wxApi.removeStorageSync(storageKey);
    } catch (e) {
      // nothing stored, or storage unavailable: nothing to clear
    }
  }

  /**
   * Whether the access token has expired or expires within the margin (at most a quarter
   * of its lifetime, so that a server with very short tokens is not asked for a refresh
   * before every request).
   * @param {WxLoginTokens} session
   */
  function accessExpiring(session) {
    if (!session.accessTokenExpiresAt) {
      return true;
    }
    const lifetime = session.accessTokenExpiresAt - (session.accessTokenIssuedAt || 0);
    const margin = Math.min(marginMs, Math.max(0, lifetime / 4));
    return Date.now() >= session.accessTokenExpiresAt - margin;
  }

  /** @param {WxLoginTokens} session */
  function refreshUsable(session) {
    return !!session.refreshToken && Date.now() < session.refreshTokenExpiresAt;
  }

  // ---- transport ----------------------------------------------------------------------

  /** @param {string} url */
  function resolveUrl(url) {
    if (typeof url !== 'string' || !url) {
      throw new TypeError('request: url is required');
    }
    if (isAbsolute(url)) {
      return url;
    }
    return baseUrl + (url.charAt(0) === '/' ? url : '/' + url);
  }

  /**
   * `wx.request` as a promise that resolves with every answer (also 4xx/5xx) and rejects
   * only when no answer arrived.
   * @param {Object} requestOptions wx.request options without success/fail
   * @returns {Promise<WxResponse>}
   */
  function send(requestOptions) {
    return new Promise(function (resolve, reject) {
      const all = Object.assign({}, requestOptions, {
        success: function (res) {
          resolve(res);
        },
        fail: function (err) {
          const message = (err && (err.errMsg || err.message)) || 'request failed';
          reject(new WxLoginError('wx.request failed: ' + message, { error: 'network_error', status: 0, cause: err }));
        },
      });
      try {
        wxApi.request(all);
      } catch (e) {
        reject(new WxLoginError('wx.request failed: ' + (e && e.message), { error: 'network_error', status: 0, cause: e }));
      }
    });
  }

  /**
   * POST JSON to one of the token endpoints (no bearer); rejects on any error answer.
   * @param {string} path
   * @param {Object} body
   * @returns {Promise<any>}
   */
  function postJson(path, body) {
    return send({
      url: resolveUrl(path),
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json' },
    }).then(function (res) {
      if (res.statusCode >= 400) {
        throw WxLoginError.fromResponse(res);
      }
      return res.data;
    });
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

  /** @returns {Promise<WxUserInfo>} */
  function wxGetUserInfo() {
    return new Promise(function (resolve, reject) {
      if (typeof wxApi.getUserInfo !== 'function') {
        reject(new TypeError('login({ withUserInfo: true }): wx.getUserInfo is not available'));
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

  // ---- login / refresh / renew ----------------------------------------------------------

  /**
   * @param {{userInfo?: WxUserInfo|((code: string) => (WxUserInfo|Promise<WxUserInfo>)), withUserInfo?: boolean}} loginOptions
   * @returns {Promise<WxTokenResponse>}
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
      userInfo = await wxGetUserInfo();
    }
    if (userInfo) {
      for (const field of ['rawData', 'signature', 'encryptedData', 'iv']) {
        if (userInfo[field] != null && userInfo[field] !== '') {
          body[field] = userInfo[field];
        }
      }
    }
    const startedAt = Date.now();
    const answer = await postJson(paths.login, body);
    storeTokens(answer, startedAt, null);
    return answer;
  }

  /**
   * Logs in; silent logins (no user data) share one flight, since a code is single-use and
   * `wx.login` may rotate the session key.
   * @param {{userInfo?: any, withUserInfo?: boolean}} [loginOptions]
   * @returns {Promise<WxTokenResponse>}
   */
  function login(loginOptions) {
    const opts = loginOptions || {};
    if (opts.userInfo || opts.withUserInfo) {
      return doLogin(opts);
    }
    if (!inflight.login) {
      inflight.login = doLogin(opts).finally(function () {
        inflight.login = null;
      });
    }
    return inflight.login;
  }

  /**
   * Trades the stored refresh token for a new pair, at most one call at a time.
   * @returns {Promise<WxLoginTokens>}
   */
  function refreshTokens() {
    if (!inflight.refresh) {
      inflight.refresh = (async function () {
        const session = readSession();
        if (!session || !refreshUsable(session)) {
          throw new WxLoginError('No usable refresh token', { error: 'invalid_token', status: 401 });
        }
        const startedAt = Date.now();
        const answer = await postJson(paths.refresh, { refresh_token: session.refreshToken });
        const current = readSession();
        if (current && current.refreshToken !== session.refreshToken) {
          // a login replaced the session meanwhile: keep the newer one
          return current;
        }
        return storeTokens(answer, startedAt, session);
      })().finally(function () {
        inflight.refresh = null;
      });
    }
    return inflight.refresh;
  }

  /**
   * A fresh session after `usedAccessToken` turned out expired or refused: the session
   * another caller renewed meanwhile, else a refresh, else (refresh refused) a new login.
   * One renewal at a time, whoever asks.
   * @param {string|null} usedAccessToken
   * @returns {Promise<WxLoginTokens>}
   */
  function renewSession(usedAccessToken) {
    const current = readSession();
    if (current && current.accessToken !== usedAccessToken && !accessExpiring(current)) {
      return Promise.resolve(current);
    }
    if (!inflight.renew) {
      inflight.renew = (async function () {
        const session = readSession();
        if (session && refreshUsable(session)) {
          try {
            return await refreshTokens();
          } catch (e) {
            if (!(e instanceof WxLoginError) || (e.status !== 401 && e.status !== 400)) {
              throw e; // network, 5xx, 429: the refresh token may still be good
            }
          }
        }
        clearSession();
        if (!autoLogin) {
          throw new WxLoginError(session ? 'The session has ended; log in again' : 'Not logged in',
            { error: 'not_logged_in', status: 0 });
        }
        await login();
        const renewed = readSession();
        if (!renewed) {
          throw new WxLoginError('Login stored no session', { error: 'not_logged_in', status: 0 });
        }
        return renewed;
      })().finally(function () {
        inflight.renew = null;
      });
    }
    return inflight.renew;
  }

  /** @returns {Promise<WxLoginTokens>} a session whose access token is not known to be expired */
  function ensureSession() {
    const session = readSession();
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
   * @param {WxLoginRequestOptions} requestOptions
   * @returns {Promise<any>}
   */
  async function request(requestOptions) {
    if (!requestOptions || typeof requestOptions !== 'object') {
      throw new TypeError('request: options with a url are required');
    }
    const fullResponse = !!requestOptions.fullResponse;
    const url = resolveUrl(requestOptions.url);
    const base = Object.assign({}, requestOptions, {
      url: url,
      method: (requestOptions.method || 'GET').toUpperCase(),
    });
    delete base.fullResponse;
    const header = Object.assign({}, requestOptions.header || {});
    for (const key of Object.keys(header)) {
      if (key.toLowerCase() === 'authorization') {
        delete header[key];
      }
    }
    const finish = function (res) {
      if (res.statusCode >= 400) {
        throw WxLoginError.fromResponse(res);
      }
      return fullResponse ? res : res.data;
    };

    if (originOf(url) !== baseOrigin) {
      // never hand the token to another server
      return finish(await send(Object.assign(base, { header: header })));
    }

    const withBearer = function (session) {
      return Object.assign({}, base, {
        header: Object.assign({}, header, { Authorization: 'Bearer ' + session.accessToken }),
      });
    };
    let session = await ensureSession();
    let res = await send(withBearer(session));
    if (res.statusCode === 401) {
      session = await renewSession(session.accessToken);
      res = await send(withBearer(session));
    }
    return finish(res);
  }

  /**
   * @param {string|{code?: string, encryptedData?: string, iv?: string}} codeOrData the
   *   `e.detail.code` of `<button open-type="getPhoneNumber">`, or the whole `e.detail`
   *   (legacy `encryptedData` + `iv` when it has no code)
   * @returns {Promise<WxPhoneNumber>}
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
   * Revokes this login on the server (its refresh tokens and the access token) and clears
   * the stored session, also when the server cannot be reached.
   * @returns {Promise<boolean>} whether the server confirmed the logout
   */
  async function logout() {
    let confirmed = false;
    try {
      let session = readSession();
      if (session && accessExpiring(session) && refreshUsable(session)) {
        // an expired access token cannot log out, and the refresh family must die too
        session = await refreshTokens().catch(function () {
          return null;
        });
      }
      if (session && !accessExpiring(session)) {
        const res = await send({
          url: resolveUrl(paths.logout),
          method: 'POST',
          header: { Authorization: 'Bearer ' + session.accessToken },
        });
        confirmed = res.statusCode >= 200 && res.statusCode < 300;
      }
    } catch (e) {
      // the server call failed: the local session goes anyway
    } finally {
      clearSession();
    }
    return confirmed;
  }

  /** @returns {WxLoginTokens|null} a copy of the stored session */
  function getTokens() {
    const session = readSession();
    return session ? Object.assign({}, session) : null;
  }

  /** @returns {boolean} whether a session is stored whose access or refresh token has not expired */
  function isLoggedIn() {
    const session = readSession();
    return !!session && (Date.now() < session.accessTokenExpiresAt || refreshUsable(session));
  }

  return {
    login: login,
    request: request,
    getPhoneNumber: getPhoneNumber,
    logout: logout,
    getTokens: getTokens,
    isLoggedIn: isLoggedIn,
  };
}

module.exports = { createWxLogin, WxLoginError, DEFAULT_PATHS };
