/*
 * wx-login demo page: plays a mini-program against the sample app, step by step, and logs
 * every request and response. Plain browser JavaScript, no libraries, nothing fetched from
 * elsewhere. All text from the server or the user is inserted with textContent.
 */
(() => {
	'use strict';

	const $ = (id) => document.getElementById(id);

	const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
	const PHONE = /^\+?[0-9]{5,20}$/;

	// response headers worth showing; fetch cannot read Set-Cookie anyway, and there is none
	const SHOWN_HEADERS = ['content-type', 'cache-control', 'www-authenticate', 'retry-after', 'location'];

	const REASONS = {
		200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized',
		403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
		415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
		503: 'Service Unavailable',
	};

	const CLAIMS = [
		['sub', 'subject: the openid · 用户标识'],
		['iss', 'issuer · 签发者'],
		['aud', 'audience: the app id · 受众'],
		['iat', 'issued at · 签发时间'],
		['nbf', 'not before · 生效时间'],
		['exp', 'expires · 过期时间'],
		['jti', 'token id · 令牌编号'],
		['sid', 'login (refresh family) id · 登录会话'],
		['appid', 'mini-program app id · 小程序'],
		['unionid', 'Open Platform union id · 开放平台标识'],
		['scope', 'authorities, without SCOPE_ · 权限'],
	];
	const HEADER_NOTES = { alg: 'signature algorithm · 签名算法', kid: 'key id, see /.well-known/jwks.json · 密钥', typ: 'type · 类型' };
	const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp']);

	const state = {
		openid: null,     // openid the current code or login belongs to
		code: null,
		codeUsed: false,
		access: null,
		refresh: null,
		oldRefresh: null, // the refresh token rotated away by the last refresh
		claims: null,
		previousClaims: null,
		expiresAt: null,
		loggedOut: false,
		revoked: false,   // by refresh-token reuse detection
		busy: false,
		done: {},         // steps that answered 2xx since the last login
		note: null,       // extra text for the status bar
	};

	let requestCount = 0;

	// ---- small helpers ------------------------------------------------------------------

	function el(tag, attrs, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attrs || {})) {
			if (value === null || value === undefined || value === false) {
				continue;
			}
			if (name === 'class') {
				node.className = value;
			}
			else {
				node.setAttribute(name, value === true ? '' : value);
			}
		}
		for (const child of children.flat()) {
			if (child !== null && child !== undefined && child !== false) {
				node.append(child instanceof Node ? child : String(child));
			}
		}
		return node;
	}

	/** Long values (tokens, codes, encrypted data) shortened for display; the full value stays in state. */
	function shorten(value, max = 44) {
		if (typeof value !== 'string' || value.length <= max || /\s/.test(value)) {
			return value;
		}
		return value.slice(0, 20) + '…' + value.slice(-8) + ' (' + value.length + ' chars)';
	}

	function pretty(body, truncate) {
		if (body === null || body === undefined) {
			return '';
		}
		if (typeof body === 'string') {
			return truncate ? shorten(body, 400) : body;
		}
		return JSON.stringify(body, truncate ? (key, value) => shorten(value) : null, 2);
	}

	function wasTruncated(body) {
		let truncated = false;
		JSON.stringify(body, (key, value) => {
			if (typeof value === 'string' && shorten(value) !== value) {
				truncated = true;
			}
			return value;
		});
		return truncated;
	}

	function statusLine(status) {
		return status === 0 ? 'network error' : status + ' ' + (REASONS[status] || '');
	}

	function statusClass(status) {
		if (status >= 200 && status < 300) {
			return 'ok';
		}
		return status >= 400 && status < 500 ? 'warn' : 'err';
	}

	function randomOpenid() {
		const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
		const bytes = new Uint8Array(8);
		crypto.getRandomValues(bytes);
		return 'o-demo-' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
	}

	function formatTime(seconds) {
		const date = new Date(seconds * 1000);
		const pad = (n) => String(n).padStart(2, '0');
		return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
			+ pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
	}

	function relative(seconds) {
		let delta = Math.round(seconds - Date.now() / 1000);
		const past = delta < 0;
		delta = Math.abs(delta);
		const text = delta >= 3600 ? Math.floor(delta / 3600) + ' h ' + Math.round((delta % 3600) / 60) + ' min'
			: delta >= 60 ? Math.round(delta / 60) + ' min' : delta + ' s';
		return past ? text + ' ago' : 'in ' + text;
	}

	// ---- JWT decoding (display only: the server verifies signatures, the page does not) --

	function base64UrlDecode(part) {
		let base64 = part.replace(/-/g, '+').replace(/_/g, '/');
		while (base64.length % 4) {
			base64 += '=';
		}
		const binary = atob(base64);
		return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
	}

	function decodeJwt(token) {
		const parts = token.split('.');
		if (parts.length !== 3) {
			throw new Error('not a JWS compact serialization (expected 3 parts, got ' + parts.length + ')');
		}
		return { header: JSON.parse(base64UrlDecode(parts[0])), claims: JSON.parse(base64UrlDecode(parts[1])), signature: parts[2] };
	}

	// ---- the request log ----------------------------------------------------------------

	function headerLine(name, value) {
		return el('div', { class: 'hdr' }, el('span', { class: 'hname' }, name + ': '), value);
	}

	function bodyBlock(body) {
		if (body === null || body === undefined || body === '') {
			return null;
		}
		const block = el('div', { class: 'body' }, el('pre', {}, pretty(body, true)));
		if (typeof body === 'object' && wasTruncated(body)) {
			block.append(el('details', {}, el('summary', {}, 'full body · 完整内容'), el('pre', { class: 'full' }, pretty(body, false))));
		}
		return block;
	}

	function logRequest(method, path, headers, body) {
		const log = $('log');
		const empty = log.querySelector('.empty');
		if (empty) {
			empty.remove();
		}
		requestCount++;
		const status = el('span', { class: 'code pending' }, '…');
		const time = el('span', { class: 'ms' });
		const request = el('div', { class: 'req' }, el('div', { class: 'dir' }, '→ request'),
			Object.entries(headers).map(([name, value]) => headerLine(name,
				name === 'Authorization' ? 'Bearer ' + shorten(value.slice(7)) : value)),
			bodyBlock(body));
		const response = el('div', { class: 'res' });
		const entry = el('article', { class: 'entry', 'data-method': method, 'data-path': path },
			el('header', {}, el('span', { class: 'n' }, '#' + requestCount), el('span', { class: 'method' }, method),
				el('span', { class: 'path' }, path), status, time),
			request, response);
		log.prepend(entry);
		return { entry, status, time, response };
	}

	function logResponse(logged, result, millis) {
		logged.status.textContent = statusLine(result.status);
		logged.status.className = 'code ' + statusClass(result.status);
		logged.entry.setAttribute('data-status', String(result.status));
		logged.time.textContent = Math.round(millis) + ' ms';
		logged.response.append(el('div', { class: 'dir' }, '← response'));
		if (result.headers) {
			for (const name of SHOWN_HEADERS) {
				const value = result.headers.get(name);
				if (value) {
					logged.response.append(headerLine(name, value));
				}
			}
		}
		const body = bodyBlock(result.body !== null ? result.body : result.text);
		if (body) {
			logged.response.append(body);
		}
		else if (result.status === 204) {
			logged.response.append(el('div', { class: 'nobody' }, '(no body)'));
		}
	}

	/** One HTTP call, logged. Never throws: network failures answer status 0. */
	async function call(method, path, body, bearer) {
		const headers = {};
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		if (bearer) {
			headers.Authorization = 'Bearer ' + bearer;
		}
		const logged = logRequest(method, path, headers, body);
		const started = performance.now();
		let result;
		try {
			const response = await fetch(path, {
				method,
				headers,
				body: body !== undefined ? JSON.stringify(body) : undefined,
				cache: 'no-store',
				credentials: 'omit', // bearer tokens only: no cookies, no HTTP session
			});
			const text = await response.text();
			let json = null;
			try {
				json = text ? JSON.parse(text) : null;
			}
			catch (ignored) {
				// not JSON: shown as text
			}
			result = { status: response.status, ok: response.ok, headers: response.headers, body: json, text };
		}
		catch (error) {
			result = { status: 0, ok: false, headers: null, body: null, text: String(error) };
		}
		logResponse(logged, result, performance.now() - started);
		return result;
	}

	// ---- result panes -------------------------------------------------------------------

	function show(id, ...children) {
		const pane = $(id);
		pane.replaceChildren(...children.flat().filter((c) => c));
		pane.hidden = false;
		return pane;
	}

	/** A response as a result pane: status line, then the JSON (problem+json for errors). */
	function showResponse(id, result, extra) {
		const contentType = result.headers && !result.ok ? (result.headers.get('content-type') || '').split(';')[0] : '';
		const pane = show(id,
			el('div', { class: 'line ' + statusClass(result.status) }, el('span', { class: 'code' }, statusLine(result.status)),
				result.body && result.body.error ? el('span', { class: 'error-code' }, result.body.error) : null,
				contentType ? el('span', { class: 'ctype' }, contentType) : null),
			extra || null,
			result.body !== null ? el('pre', {}, pretty(result.body, true)) : result.text ? el('pre', {}, shorten(result.text, 400)) : null);
		pane.className = 'result ' + statusClass(result.status);
		pane.setAttribute('data-status', String(result.status));
		return pane;
	}

	function demoHint(result) {
		return result.status === 404
			? el('p', { class: 'hint' }, 'The /demo endpoints exist in demo mode only (no WeChat app configured). 仅演示模式可用。')
			: null;
	}

	// ---- rendering of state -------------------------------------------------------------

	function render() {
		const openid = $('openid').value.trim();
		const phone = $('phone').value.trim();
		const busy = state.busy;
		$('btn-code').disabled = busy || !OPENID.test(openid);
		$('btn-login').disabled = busy || !state.code || state.codeUsed;
		$('btn-me').disabled = busy || !state.access;
		$('btn-refresh').disabled = busy || !state.refresh;
		$('btn-replay').disabled = busy || !state.oldRefresh;
		$('btn-phone').disabled = busy || !state.access || !PHONE.test(phone);
		$('btn-logout').disabled = busy || !state.access || state.loggedOut;
		$('openid').classList.toggle('invalid', openid !== '' && !OPENID.test(openid));
		$('phone').classList.toggle('invalid', phone !== '' && !PHONE.test(phone));

		for (const [id, done] of [['step-code', state.code], ['step-login', state.access], ['step-me', state.done.me],
			['step-refresh', state.done.refresh], ['step-phone', state.done.phone], ['step-logout', state.loggedOut]]) {
			$(id).classList.toggle('done', Boolean(done));
		}

		const status = $('status');
		let text;
		let kind;
		if (state.revoked) {
			kind = 'out';
			text = 'Login revoked: an old refresh token was replayed · 检测到旧刷新令牌重放，登录已吊销 (' + state.openid + ')';
		}
		else if (state.loggedOut) {
			kind = 'out';
			text = 'Logged out · 已退出登录 (' + state.openid + '): its tokens are revoked';
		}
		else if (state.access) {
			kind = 'in';
			text = 'Logged in as ' + state.openid + ' · 已登录'
				+ (state.expiresAt ? ' · access token expires ' + formatTime(state.expiresAt) : '');
		}
		else {
			kind = 'idle';
			text = 'Not logged in · 未登录' + (state.code && !state.codeUsed ? ' · code ready for ' + state.openid : '');
		}
		if (state.note) {
			text += ' — ' + state.note;
		}
		status.textContent = text;
		status.className = 'status ' + kind;
		status.setAttribute('data-state', kind);
		document.body.setAttribute('data-busy', String(busy));
	}

	function renderTokens() {
		const tokens = $('tokens');
		if (!state.access) {
			tokens.hidden = true;
			$('claims').hidden = true;
			return;
		}
		tokens.hidden = false;
		const access = $('access-token');
		access.textContent = shorten(state.access);
		access.title = 'full token: use the copy button';
		access.setAttribute('data-token', state.access);
		const refresh = $('refresh-token');
		refresh.textContent = shorten(state.refresh);
		refresh.setAttribute('data-token', state.refresh || '');
		$('token-expiry').textContent = state.expiresAt
			? formatTime(state.expiresAt) + ' (' + relative(state.expiresAt) + ')' : '';
		renderClaims();
	}

	function renderClaims() {
		const pane = $('claims');
		let decoded;
		try {
			decoded = decodeJwt(state.access);
		}
		catch (error) {
			pane.replaceChildren(el('p', { class: 'warn' }, 'Could not decode the access token: ' + error.message));
			pane.hidden = false;
			return;
		}
		const previous = state.previousClaims;
		const rows = [];
		rows.push(el('tr', { class: 'group' }, el('th', { colspan: '3' }, 'header · 头部')));
		const headerNames = ['alg', 'typ', 'kid'].filter((name) => name in decoded.header)
			.concat(Object.keys(decoded.header).filter((name) => !(name in HEADER_NOTES)));
		for (const name of headerNames) {
			const value = decoded.header[name];
			rows.push(el('tr', { 'data-header': name }, el('th', {}, name), el('td', { class: 'value' }, pretty(value)),
				el('td', { class: 'note' }, HEADER_NOTES[name] || '')));
		}
		rows.push(el('tr', { class: 'group' }, el('th', { colspan: '3' }, 'claims · 声明')));
		const known = new Set(CLAIMS.map(([name]) => name));
		const names = CLAIMS.map(([name]) => name).filter((name) => name in decoded.claims)
			.concat(Object.keys(decoded.claims).filter((name) => !known.has(name)));
		for (const name of names) {
			const value = decoded.claims[name];
			const note = (CLAIMS.find(([n]) => n === name) || [null, ''])[1];
			const changed = previous && JSON.stringify(previous[name]) !== JSON.stringify(value);
			const cell = TIME_CLAIMS.has(name) && typeof value === 'number'
				? el('td', { class: 'value' }, formatTime(value), el('span', { class: 'raw' }, ' ' + value + ' · ' + relative(value)))
				: el('td', { class: 'value' }, Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value));
			rows.push(el('tr', { 'data-claim': name, class: changed ? 'changed' : null }, el('th', {}, name), cell,
				el('td', { class: 'note' }, note, changed ? el('span', { class: 'badge' }, 'new · 已更新') : null)));
		}
		rows.push(el('tr', { class: 'group' }, el('th', { colspan: '3' }, 'signature · 签名')));
		rows.push(el('tr', { 'data-signature': '' }, el('th', {}, decoded.header.alg || ''),
			el('td', { class: 'value' }, shorten(decoded.signature)),
			el('td', { class: 'note' }, 'verified by the server, not by this page · 由服务器验证')));
		pane.replaceChildren(el('h3', {}, 'Access token, decoded · 访问令牌解码'), el('table', {}, el('tbody', {}, rows)));
		pane.hidden = false;
	}

	function acceptTokens(body) {
		state.previousClaims = state.claims;
		state.access = body.access_token;
		state.refresh = body.refresh_token;
		try {
			state.claims = decodeJwt(body.access_token).claims;
			state.expiresAt = state.claims.exp || null;
		}
		catch (ignored) {
			state.claims = null;
			state.expiresAt = body.expires_in ? Math.floor(Date.now() / 1000) + body.expires_in : null;
		}
		renderTokens();
	}

	// ---- the steps ----------------------------------------------------------------------

	async function step(action) {
		if (state.busy) {
			return;
		}
		state.busy = true;
		state.note = null;
		render();
		try {
			await action();
		}
		catch (error) {
			state.note = 'page error: ' + error.message;
			console.error(error);
		}
		finally {
			state.busy = false;
			render();
		}
	}

	async function getCode() {
		const openid = $('openid').value.trim();
		const result = await call('POST', '/demo/code', { openid });
		if (result.ok && result.body && result.body.code) {
			state.code = result.body.code;
			state.codeUsed = false;
			state.openid = openid;
			show('code-result', el('div', { class: 'line ok' }, el('span', { class: 'code' }, statusLine(result.status))),
				el('dl', { class: 'kv' }, el('dt', {}, 'appId'), el('dd', {}, result.body.appId),
					el('dt', {}, 'code'), el('dd', {}, el('code', { id: 'code', 'data-code': state.code }, shorten(state.code)))),
				el('p', { class: 'hint' }, 'One-time code for ' + openid + ', valid 5 minutes. 一次性凭证，5 分钟有效。'))
				.className = 'result ok';
		}
		else {
			showResponse('code-result', result, demoHint(result));
		}
	}

	async function login() {
		const result = await call('POST', '/wx/login', { code: state.code });
		state.codeUsed = true;
		if (result.ok && result.body && result.body.access_token) {
			state.loggedOut = false;
			state.revoked = false;
			state.oldRefresh = null;
			state.claims = null;
			state.openid = result.body.openid || state.openid;
			state.done = {};
			acceptTokens(result.body);
			const summary = {
				token_type: result.body.token_type, expires_in: result.body.expires_in,
				refresh_expires_in: result.body.refresh_expires_in, openid: result.body.openid, unionid: result.body.unionid,
			};
			showResponse('login-result', { ...result, body: summary });
			for (const id of ['me-result', 'refresh-result', 'phone-result', 'logout-result']) {
				$(id).hidden = true;
			}
		}
		else {
			showResponse('login-result', result);
		}
	}

	async function me() {
		const result = await call('GET', '/api/me', undefined, state.access);
		state.done.me = state.done.me || result.ok;
		showResponse('me-result', result);
	}

	async function refresh() {
		const old = state.refresh;
		const result = await call('POST', '/wx/token/refresh', { refresh_token: old });
		if (result.ok && result.body && result.body.access_token) {
			acceptTokens(result.body);
			state.oldRefresh = old;
			state.done.refresh = true;
			const changed = old !== state.refresh;
			show('refresh-result',
				el('div', { class: 'line ok' }, el('span', { class: 'code' }, statusLine(result.status)),
					el('span', { class: changed ? 'badge ok' : 'badge warn', id: 'refresh-changed' },
						changed ? 'refresh token changed · 刷新令牌已轮换' : 'refresh token NOT changed')),
				el('dl', { class: 'kv' },
					el('dt', {}, 'old'), el('dd', {}, el('code', { class: 'old' }, shorten(old))),
					el('dt', {}, 'new'), el('dd', {}, el('code', {}, shorten(state.refresh)))),
				el('p', { class: 'hint' }, 'A new access token too (new jti, same sid: the same login). The old refresh token is now dead.'))
				.className = 'result ok';
		}
		else {
			showResponse('refresh-result', result);
		}
	}

	async function replay() {
		const result = await call('POST', '/wx/token/refresh', { refresh_token: state.oldRefresh });
		if (result.status === 401) {
			state.revoked = true;
			showResponse('refresh-result', result, el('p', { class: 'hint' },
				'Reuse of a rotated refresh token looks like theft: the whole login is revoked. Try /api/me or Refresh now. '
				+ '旧令牌被重放，整个登录已吊销。'));
		}
		else {
			showResponse('refresh-result', result);
		}
	}

	async function phone() {
		const number = $('phone').value.trim();
		const button = await call('POST', '/demo/phone', { openid: state.openid, phoneNumber: number });
		if (!button.ok || !button.body || !button.body.code) {
			showResponse('phone-result', button, demoHint(button));
			return;
		}
		const result = await call('POST', '/wx/phone', { code: button.body.code }, state.access);
		if (result.ok && result.body) {
			state.done.phone = true;
			const rows = ['phoneNumber', 'purePhoneNumber', 'countryCode']
				.filter((name) => result.body[name] !== undefined)
				.flatMap((name) => [el('dt', {}, name), el('dd', { 'data-field': name }, String(result.body[name]))]);
			show('phone-result', el('div', { class: 'line ok' }, el('span', { class: 'code' }, statusLine(result.status))),
				el('dl', { class: 'kv' }, rows),
				el('p', { class: 'hint' }, 'Verified by WeChat, not typed by the client. 由微信验证的手机号。'))
				.className = 'result ok';
		}
		else {
			showResponse('phone-result', result);
		}
	}

	async function logout() {
		const result = await call('POST', '/wx/logout', undefined, state.access);
		if (result.status === 204) {
			state.loggedOut = true;
			showResponse('logout-result', result, el('p', { class: 'hint' },
				'This access token is now refused, although it has not expired. Call /api/me again to see it. '
				+ '令牌已吊销，再次调用 /api/me 试试。'));
		}
		else {
			showResponse('logout-result', result);
		}
	}

	function reset() {
		Object.assign(state, {
			openid: null, code: null, codeUsed: false, access: null, refresh: null, oldRefresh: null, claims: null,
			previousClaims: null, expiresAt: null, loggedOut: false, revoked: false, done: {}, note: null,
		});
		for (const id of ['code-result', 'login-result', 'me-result', 'refresh-result', 'phone-result', 'logout-result']) {
			$(id).hidden = true;
		}
		$('openid').value = randomOpenid();
		renderTokens();
		render();
	}

	async function copy(which) {
		const value = which === 'access' ? state.access : state.refresh;
		if (!value) {
			return;
		}
		try {
			await navigator.clipboard.writeText(value);
			state.note = which + ' token copied · 已复制';
		}
		catch (ignored) {
			// no clipboard (insecure origin): let the user copy it by hand
			window.prompt('Copy the ' + which + ' token:', value);
		}
		render();
	}

	// ---- wiring -------------------------------------------------------------------------

	function init() {
		$('openid').value = randomOpenid();
		$('openid').addEventListener('input', render);
		$('phone').addEventListener('input', render);
		$('openid').addEventListener('keydown', (event) => {
			if (event.key === 'Enter' && !$('btn-code').disabled) {
				step(getCode);
			}
		});
		$('btn-random').addEventListener('click', () => {
			$('openid').value = randomOpenid();
			render();
		});
		$('btn-code').addEventListener('click', () => step(getCode));
		$('btn-login').addEventListener('click', () => step(login));
		$('btn-me').addEventListener('click', () => step(me));
		$('btn-refresh').addEventListener('click', () => step(refresh));
		$('btn-replay').addEventListener('click', () => step(replay));
		$('btn-phone').addEventListener('click', () => step(phone));
		$('btn-logout').addEventListener('click', () => step(logout));
		$('btn-reset').addEventListener('click', reset);
		$('btn-clear-log').addEventListener('click', () => {
			$('log').replaceChildren(el('p', { class: 'empty' }, 'Log cleared. 日志已清空。'));
		});
		for (const button of document.querySelectorAll('button.copy')) {
			button.addEventListener('click', () => copy(button.getAttribute('data-copy')));
		}
		render();
		document.body.setAttribute('data-ready', 'true');
	}

	init();
})();
