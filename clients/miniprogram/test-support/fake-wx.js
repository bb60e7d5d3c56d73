'use strict';

// A `wx` object for Node: wx.request, wx.uploadFile and wx.downloadFile make real HTTP calls,
// wx.login asks the sample app's demo endpoint (which plays WeChat) for a real code, storage
// lives in a Map (and counts its calls), files in a temporary folder.

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

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

let filesDir = null;

/** One temporary folder for every fake's files, removed when the process exits. */
function filesFolder() {
  if (!filesDir) {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-login-fake-wx-'));
    process.on('exit', () => fs.rmSync(filesDir, { recursive: true, force: true }));
  }
  return filesDir;
}

/** Response headers as wx hands them over: names in the server's case, repeated ones joined. */
function headersOf(res) {
  const header = {};
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i];
    header[name] = name in header ? header[name] + ', ' + res.rawHeaders[i + 1] : res.rawHeaders[i + 1];
  }
  return header;
}

/** Request headers with lower-case names. */
function lowerCaseHeaders(header = {}) {
  const headers = {};
  for (const [name, value] of Object.entries(header)) {
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

/**
 * A task as wx.uploadFile / wx.downloadFile return it: onHeadersReceived is called before success.
 * @returns {{task: object, headersReceived: (header: object) => void}}
 */
function fileTask(abort) {
  const listeners = [];
  return {
    task: {
      abort,
      onHeadersReceived: (listener) => listeners.push(listener),
      offHeadersReceived: () => listeners.splice(0),
      onProgressUpdate: () => {},
      offProgressUpdate: () => {},
    },
    headersReceived: (header) => listeners.forEach((listener) => listener({ header })),
  };
}

/**
 * @param {{baseUrl: string, openid: string, storage?: Map<string, string>}} options the sample app (for
 *   wx.login's code), the user, and a storage to start from (another fake's, to play a relaunch)
 * @returns fake wx with `storage` (Map), `storageCalls` (counts of get/set/removeStorageSync), `requests` (each
 *   wx.request, wx.uploadFile and wx.downloadFile: api, method, path, authorization, statusCode), `logins`
 *   (number of wx.login calls) and a settable `openid` / `nextCode`
 */
function createFakeWx({ baseUrl, openid, storage = new Map() }) {
  const fake = {
    openid,
    storage,
    storageCalls: { get: 0, set: 0, remove: 0 },
    /** every wx.request, wx.uploadFile, wx.downloadFile: {api, method, url, path, authorization, body, statusCode, data} */
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
      const headers = lowerCaseHeaders(header);
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
      const record = { api: 'request', method, url, path: new URL(url).pathname, authorization: headers.authorization, body,
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
          const responseHeader = headersOf(res);
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

    /** multipart/form-data POST of a local file, as wx.uploadFile does; its result has no headers */
    uploadFile({ url, filePath, name, formData = {}, header = {}, success, fail }) {
      const headers = lowerCaseHeaders(header);
      const record = { api: 'uploadFile', method: 'POST', url, path: new URL(url).pathname,
        authorization: headers.authorization, statusCode: null };
      fake.requests.push(record);
      const controller = new AbortController();
      const { task, headersReceived } = fileTask(() => controller.abort());
      (async () => {
        const form = new FormData();
        for (const [key, value] of Object.entries(formData)) {
          form.append(key, String(value));
        }
        form.append(name, new Blob([fs.readFileSync(filePath)]), path.basename(filePath));
        delete headers['content-type']; // the multipart boundary is wx's
        const res = await fetch(url, { method: 'POST', headers, body: form, signal: controller.signal });
        headersReceived(Object.fromEntries(res.headers));
        const text = await res.text();
        record.statusCode = res.status;
        record.data = text;
        success({ statusCode: res.status, data: text, errMsg: 'uploadFile:ok' });
      })().catch((err) => fail && fail({ errMsg: 'uploadFile:fail ' + err.message }));
      return task;
    },

    /** GET into a temporary (or the given) file, as wx.downloadFile does; its result has no headers */
    downloadFile({ url, header = {}, filePath, success, fail }) {
      const headers = lowerCaseHeaders(header);
      const record = { api: 'downloadFile', method: 'GET', url, path: new URL(url).pathname,
        authorization: headers.authorization, statusCode: null };
      fake.requests.push(record);
      const { task, headersReceived } = fileTask(() => {});
      const req = http.request(url, { method: 'GET', headers }, (res) => {
        headersReceived(headersOf(res));
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const target = filePath || path.join(filesFolder(), 'tmp_' + crypto.randomBytes(6).toString('hex'));
          fs.writeFileSync(target, Buffer.concat(chunks));
          record.statusCode = res.statusCode;
          success(filePath
            ? { statusCode: res.statusCode, filePath, errMsg: 'downloadFile:ok' }
            : { statusCode: res.statusCode, tempFilePath: target, errMsg: 'downloadFile:ok' });
        });
      });
      req.on('error', (err) => fail && fail({ errMsg: 'downloadFile:fail ' + err.message }));
      req.end();
      return task;
    },

    getFileSystemManager() {
      return {
        readFileSync: (file, encoding) => fs.readFileSync(file, encoding),
        writeFileSync: (file, data, encoding) => fs.writeFileSync(file, data, encoding),
      };
    },

    getStorageSync(key) {
      fake.storageCalls.get++;
      return storage.has(key) ? JSON.parse(storage.get(key)) : '';
    },
    setStorageSync(key, value) {
      fake.storageCalls.set++;
      storage.set(key, JSON.stringify(value));
    },
    removeStorageSync(key) {
      fake.storageCalls.remove++;
      storage.delete(key);
    },

    /** wx.request (and file) calls to a path */
    count(path) {
      return fake.requests.filter((r) => r.path === path).length;
    },
  };
  return fake;
}

module.exports = { createFakeWx, postJson, filesFolder };
