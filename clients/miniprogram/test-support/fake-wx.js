'use strict';

// A `wx` object for Node: wx.request makes real HTTP calls, wx.login asks the sample app's
// demo endpoint (which plays WeChat) for a real code, storage lives in a Map.

const http = require('node:http');

/**
 * POST JSON with fetch, outside wx.request (for what the test itself plays: WeChat, a thief...).
 * @returns {Promise<{status: number, body: any, headers: Headers}>}
 */
async function postJson(url, body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    // text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

function toQuery(data) {
  return Object.keys(data)
    .filter((key) => data[key] !== undefined)
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(String(data[key])))
    .join('&');
}

/**
 * @param {{baseUrl: string, openid: string}} options the sample app (for wx.login's code) and the user
 * @returns fake wx with `storage` (Map), `requests` (each wx.request: method, path, authorization, statusCode),
 *   `logins` (number of wx.login calls) and a settable `openid` / `nextCode`
 */
function createFakeWx({ baseUrl, openid }) {
  const storage = new Map();
  const fake = {
    openid,
    storage,
    /** every wx.request: {method, url, path, authorization, body, statusCode, data} */
    requests: [],
    logins: 0,
    /** when set, the next wx.login returns this code instead of asking for one */
    nextCode: null,
    /**
     * true: wx.getUserInfo encrypts with the session key the next code exchange hands out, as
     * WeChat does for data fetched right after wx.login; false: with the current session's key
     */
    userInfoForNextLogin: false,

    login({ success, fail }) {
      fake.logins++;
      if (fake.nextCode) {
        const code = fake.nextCode;
        fake.nextCode = null;
        setImmediate(() => success({ code, errMsg: 'login:ok' }));
        return;
      }
      postJson(`${baseUrl}/demo/code`, { openid: fake.openid }).then(
        ({ status, body }) => (status === 200 && body.code
          ? success({ code: body.code, errMsg: 'login:ok' })
          : fail({ errMsg: `login:fail demo code answered ${status}` })),
        (err) => fail({ errMsg: 'login:fail ' + err.message }));
    },

    getUserInfo({ success, fail }) {
      postJson(`${baseUrl}/demo/user-info`, { openid: fake.openid, forNextLogin: fake.userInfoForNextLogin }).then(
        ({ status, body }) => (status === 200
          ? success({ ...body, errMsg: 'getUserInfo:ok' })
          : fail({ errMsg: `getUserInfo:fail demo answered ${status}` })),
        (err) => fail({ errMsg: 'getUserInfo:fail ' + err.message }));
    },

    request({ url, method = 'GET', data, header = {}, success, fail }) {
      method = method.toUpperCase();
      const headers = {};
      for (const [name, value] of Object.entries(header)) {
        headers[name.toLowerCase()] = value;
      }
      if (!headers['content-type']) {
        headers['content-type'] = 'application/json'; // wx.request's default
      }
      let body;
      if (data !== undefined && data !== null) {
        if (method === 'GET') {
          if (typeof data === 'object') {
            const query = toQuery(data);
            if (query) {
              url += (url.includes('?') ? '&' : '?') + query;
            }
          }
        } else if (typeof data === 'string') {
          body = data;
        } else if (headers['content-type'].includes('application/x-www-form-urlencoded')) {
          body = toQuery(data);
        } else {
          body = JSON.stringify(data);
        }
      }
      const record = { method, url, path: new URL(url).pathname, authorization: headers.authorization, body,
        statusCode: null };
      fake.requests.push(record);
      const req = http.request(url, { method, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text); // dataType 'json': parsed when it parses, whatever the content type
          } catch (e) {
            // text stays text
          }
          const responseHeader = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i];
            responseHeader[name] = name in responseHeader
              ? responseHeader[name] + ', ' + res.rawHeaders[i + 1] : res.rawHeaders[i + 1];
          }
          record.statusCode = res.statusCode;
          record.data = parsed;
          success({ statusCode: res.statusCode, data: parsed, header: responseHeader, errMsg: 'request:ok' });
        });
      });
      req.on('error', (err) => fail && fail({ errMsg: 'request:fail ' + err.message }));
      if (body !== undefined) {
        req.write(body);
      }
      req.end();
      return { abort: () => req.destroy() };
    },

    getStorageSync(key) {
      return storage.has(key) ? JSON.parse(storage.get(key)) : '';
    },
    setStorageSync(key, value) {
      storage.set(key, JSON.stringify(value));
    },
    removeStorageSync(key) {
      storage.delete(key);
    },

    /** wx.request calls to a path */
    count(path) {
      return fake.requests.filter((r) => r.path === path).length;
    },
  };
  return fake;
}

module.exports = { createFakeWx, postJson };
