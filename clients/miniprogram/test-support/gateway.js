'use strict';

// A small HTTP server in front of the sample app, for what the sample app does not serve:
// file upload and download endpoints that accept only a bearer the sample app accepts (each
// is checked with GET /api/me upstream), and scripted 429/503 answers with Retry-After.
// Everything else is proxied to the sample app as it is.

const crypto = require('node:crypto');
const http = require('node:http');

const PROBLEMS = {
  429: { title: 'Too Many Requests', error: 'rate_limited' },
  503: { title: 'Service Unavailable', error: 'wechat_unavailable' },
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * @param {string} upstream the sample app's base URL
 * @returns {Promise<{baseUrl: string, failNext: Function, stop: () => Promise<void>}>}
 */
async function startGateway(upstream) {
  /** path -> answers to give before passing calls on */
  const scripted = new Map();

  /** The openid of the bearer, asked of the sample app; else its answer, to pass on. */
  async function authenticate(req) {
    const res = await fetch(upstream + '/api/me', {
      headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
    });
    const text = await res.text();
    if (res.status !== 200) {
      return { refused: { status: res.status, text, headers: Object.fromEntries(res.headers) } };
    }
    return { openid: JSON.parse(text).openid };
  }

  function passOn(res, refused) {
    const headers = {};
    for (const name of ['content-type', 'www-authenticate', 'retry-after']) {
      if (refused.headers[name]) {
        headers[name] = refused.headers[name];
      }
    }
    res.writeHead(refused.status, headers);
    res.end(refused.text);
  }

  function proxy(req, res, body) {
    const headers = { ...req.headers };
    delete headers.host;
    const out = http.request(upstream + req.url, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode, up.rawHeaders);
      up.pipe(res);
    });
    out.on('error', (err) => sendJson(res, 502, { error: 'bad_gateway', detail: err.message }));
    out.end(body);
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const path = new URL(req.url, 'http://gateway').pathname;
      const queue = scripted.get(path);
      if (queue && queue.length > 0) {
        const { status, retryAfter } = queue.shift();
        const problem = PROBLEMS[status] || { title: 'Error', error: 'http_error' };
        res.writeHead(status, {
          'content-type': 'application/problem+json',
          ...(retryAfter != null ? { 'retry-after': String(retryAfter) } : {}),
        });
        res.end(JSON.stringify({ type: 'about:blank', title: problem.title, status, error: problem.error }));
        return;
      }
      if (path === '/files/upload' && req.method === 'POST') {
        const who = await authenticate(req);
        if (who.refused) {
          passOn(res, who.refused);
          return;
        }
        const form = await new Request('http://gateway/', { method: 'POST', headers: req.headers, body }).formData();
        const fields = {};
        let file = null;
        for (const [key, value] of form) {
          if (typeof value === 'string') {
            fields[key] = value;
          } else {
            const bytes = Buffer.from(await value.arrayBuffer());
            file = { field: key, name: value.name, size: bytes.length,
              sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
          }
        }
        sendJson(res, 201, { openid: who.openid, file, fields });
        return;
      }
      if (path.startsWith('/files/') && req.method === 'GET') {
        const who = await authenticate(req);
        if (who.refused) {
          passOn(res, who.refused);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`file ${path.slice('/files/'.length)} for ${who.openid}\n`);
        return;
      }
      proxy(req, res, body);
    } catch (err) {
      sendJson(res, 500, { error: 'gateway_failure', detail: err.message });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    /**
     * The next calls to `path` get these answers (problem+json), in order, before calls pass on.
     * @param {string} path
     * @param {...{status: number, retryAfter?: (number|string)}} answers
     */
    failNext(path, ...answers) {
      scripted.set(path, [...(scripted.get(path) || []), ...answers]);
    },
    /** forgets every scripted answer not given yet */
    reset() {
      scripted.clear();
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

module.exports = { startGateway };
