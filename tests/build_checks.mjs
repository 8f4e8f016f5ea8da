// Checks on the built dist/ that no unit test can see: the strict CSP is in place, no inline
// script, no eval in shipped JS, and the first-visit download stays small.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';
import { DIST } from './e2e/harness.mjs';

const failures = [];
function check(name, fn) {
  try { fn(); console.log(`ok   ${name}`); } catch (e) { failures.push(name); console.log(`FAIL ${name}: ${e.message}`); }
}

const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
// Every file of the build, subfolders included (wasm-bindgen's snippets/ hold JS the page
// imports), as paths relative to dist/.
const files = fs.readdirSync(DIST, { recursive: true }).filter((f) => fs.statSync(path.join(DIST, f)).isFile());

check('index.html has the strict Content-Security-Policy', () => {
  const m = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(m, 'no CSP meta');
  const csp = m[1];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval'(?<!wasm-unsafe-eval')/);
  const inline = csp.split(';').map((d) => d.trim()).filter((d) => d.includes("'unsafe-inline'"));
  assert.deepEqual(inline, ["style-src-attr 'unsafe-inline'"]);
  assert.match(csp, /default-src 'none'/);
});

check('index.html has no inline script', () => {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0, 'no script tag at all');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'script without src');
    assert.equal(body.trim(), '', 'script with a body');
  }
  assert.doesNotMatch(html, /\son[a-z]+="/i, 'inline event handler attribute');
});

check('shipped JavaScript has no eval or new Function', () => {
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    const js = fs.readFileSync(path.join(DIST, f), 'utf8');
    assert.doesNotMatch(js, /\beval\(|new Function\(/, f);
  }
});

check('asset URLs are relative (works under any sub-path)', () => {
  for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    assert.ok(!m[1].startsWith('/') && !/^[a-z]+:\/\//i.test(m[1]), `absolute URL ${m[1]}`);
  }
});

check('icans-calc.d.ts ships beside icans-calc.js, identical to www/', () => {
  assert.ok(files.includes('icans-calc.js'), 'no icans-calc.js');
  const shipped = fs.readFileSync(path.join(DIST, 'icans-calc.d.ts'), 'utf8');
  const source = fs.readFileSync(path.join(DIST, '..', 'www', 'icans-calc.d.ts'), 'utf8');
  assert.equal(shipped, source);
  assert.match(shipped, /export function evaluateCohort\(/);
});

// SPEC §4 asks for under 400 KB; issue 11 aims at 200 KB. The limit holds what has been cut so
// far (355.1 KB on 2026-12-01) with about 10 KB of room, so a change that adds weight is seen.
const FIRST_VISIT_LIMIT_KB = 365;
let total = 0;
check(`first visit downloads under ${FIRST_VISIT_LIMIT_KB} KB gzip`, () => {
  for (const f of files.filter((f) => !f.endsWith('.html') || f === 'index.html').filter((f) => !f.includes('standalone') && !f.endsWith('.d.ts'))) {
    total += zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
  }
  assert.ok(total < FIRST_VISIT_LIMIT_KB * 1024, `${total} bytes`);
});
console.log(`first-visit gzip total: ${(total / 1024).toFixed(1)} KB over ${files.length} files`);

if (failures.length) { console.log(`${failures.length} build check(s) failed`); process.exit(1); }
console.log('build checks passed');
