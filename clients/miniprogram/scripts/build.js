'use strict';

// Builds miniprogram_dist/, the folder WeChat DevTools' "构建 npm" (Tools → Build npm) copies
// into miniprogram_npm/wx-login-miniprogram/: the source file as index.js and its types as
// index.d.ts, unchanged (the client is plain CommonJS that runs in a mini-program as it is).
// test/package.test.js fails when the committed folder differs from the source.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'miniprogram_dist');

/** [source, file in miniprogram_dist] */
const FILES = [
  ['src/wx-login.js', 'index.js'],
  ['src/wx-login.d.ts', 'index.d.ts'],
];

function build() {
  fs.mkdirSync(DIST, { recursive: true });
  for (const [source, target] of FILES) {
    fs.copyFileSync(path.join(ROOT, source), path.join(DIST, target));
  }
}

if (require.main === module) {
  build();
}

module.exports = { FILES, DIST, ROOT };
