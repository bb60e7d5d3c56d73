'use strict';

// The package as WeChat DevTools' "构建 npm" (Tools → Build npm) and TypeScript see it:
// package.json points at miniprogram_dist/, which must be the source as it is.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { FILES, DIST, ROOT } = require('../scripts/build.js');

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package', () => {
  it('miniprogram_dist holds the source unchanged (run npm run build after editing src/)', () => {
    for (const [source, target] of FILES) {
      assert.equal(fs.readFileSync(path.join(DIST, target), 'utf8'), fs.readFileSync(path.join(ROOT, source), 'utf8'),
        `miniprogram_dist/${target} differs from ${source}: run npm run build`);
    }
    assert.deepEqual(fs.readdirSync(DIST).sort(), FILES.map(([, target]) => target).sort());
  });

  it('package.json points DevTools, Node and TypeScript at miniprogram_dist, and ships it', () => {
    assert.equal(pkg.miniprogram, 'miniprogram_dist');
    // DevTools copies miniprogram_dist/ to miniprogram_npm/<name>/ and require('<name>') finds its index.js;
    // main gives Node and bundlers the same file
    assert.equal(pkg.main, 'miniprogram_dist/index.js');
    assert.equal(pkg.types, 'miniprogram_dist/index.d.ts');
    assert.ok(pkg.files.includes('miniprogram_dist/'));
    assert.equal(pkg.dependencies, undefined, 'no runtime dependencies: nothing else to build into miniprogram_npm');
    assert.equal(pkg.peerDependenciesMeta['miniprogram-api-typings'].optional, true, 'JavaScript users need no typings');
  });

  it('require of the package gives the client', () => {
    const byName = require(ROOT);
    assert.equal(typeof byName.createWxLogin, 'function');
    assert.equal(typeof byName.WxLoginError, 'function');
    assert.equal(byName.DEFAULT_PATHS.profile, '/wx/profile');
  });

  it('the version is the newest in CHANGELOG.md and in package-lock.json', () => {
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const newest = /^## \[?(\d+\.\d+\.\d+)\]?/m.exec(changelog);
    assert.ok(newest, 'CHANGELOG.md has a "## x.y.z" heading');
    assert.equal(newest[1], pkg.version);
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    assert.equal(lock.version, pkg.version);
    assert.equal(lock.packages[''].version, pkg.version);
  });

  it('the declared client has exactly the methods createWxLogin returns', () => {
    const types = fs.readFileSync(path.join(ROOT, 'src', 'wx-login.d.ts'), 'utf8');
    const body = /export interface WxLoginClient \{([\s\S]*?)\n\}/.exec(types)[1];
    const declared = [...new Set([...body.matchAll(/^ {2}(\w+)[<(]/gm)].map((m) => m[1]))].sort();
    const wx = { login() {}, request() {}, getStorageSync() { return ''; }, setStorageSync() {}, removeStorageSync() {} };
    const client = require(ROOT).createWxLogin({ baseUrl: 'https://api.example.com', wx });
    assert.deepEqual(Object.keys(client).sort(), declared);
  });
});
