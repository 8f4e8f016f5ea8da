// Static-site guarantees: works offline after one visit (service worker), offers but never forces
// an update, makes no request to another origin and none after load, breaks no CSP rule, the
// single-file build works from file://, and the embedding example uses the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, open, DIST } from './harness.mjs';

async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function gradeByTapping(page) {
  await page.click('input[name=ice-year]');
  await page.click('input[name=ice-month]');
  return page.locator('#icans-result .result-card').getAttribute('data-grade');
}

test('after one visit the calculator reloads and grades with the server gone', async () => {
  const server = await serve();
  const { context, close } = await launch();
  try {
    const { page, problems } = await open(context, server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    await server.close();
    const down = await page.evaluate(() => fetch('./index.html?probe', { cache: 'no-store' }).then(() => 'cached', () => 'failed'));
    assert.ok(['cached', 'failed'].includes(down));
    await page.reload();
    await page.waitForSelector('html[data-wasm-ready="1"]');
    assert.equal(await gradeByTapping(page), '3');
    assert.equal(await page.evaluate(() => window.IcansCalc.gradeCrs({ fever: 'present', oxygen: 'cpap' }).grade), 4);
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED')), []);
  } finally {
    await close();
  }
});

test('requests stay on the page origin and stop once the page is loaded; no CSP violation', async () => {
  const server = await serve();
  const { context, close } = await launch({ serviceWorkers: 'block' });
  try {
    await watchCsp(context);
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const { page, problems } = await open(context, server.url);
    await page.waitForLoadState('networkidle');
    const atLoad = requests.length;
    await gradeByTapping(page);
    await page.click('a[data-tab=kinetics]');
    await page.fill('#kin-0-0', '14');
    await page.fill('#kin-0-1', '77,7');
    await page.waitForTimeout(300);
    assert.equal(requests.length, atLoad, `requests after load: ${requests.slice(atLoad).join(', ')}`);
    for (const url of requests) assert.ok(url.startsWith(server.origin + '/'), `off-origin request ${url}`);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    await server.close();
  }
});

test('a new version is offered with a banner and never reloads the page by itself', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icans-dist-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir);
  const { context, close } = await launch();
  try {
    const { page } = await open(context, server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
      window.__sameDocument = true;
    });
    await page.fill('#f-age', '41');
    const sw = path.join(dir, 'sw.js');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'"));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('#update-banner:not([hidden])', { timeout: 15000 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page must not reload on its own');
    assert.equal(await page.inputValue('#f-age'), '41');
    await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
    await page.waitForSelector('html[data-wasm-ready="1"]');
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'reloaded after the user asked');
    assert.equal(await page.inputValue('#f-age'), '41', 'entries survive the update');
  } finally {
    await close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the single-file build works when opened from disk (file://)', async () => {
  const { context, close } = await launch();
  try {
    await watchCsp(context);
    const url = pathToFileURL(path.join(DIST, 'icans-calc-standalone.html')).href;
    const { page, problems } = await open(context, url);
    assert.equal(await page.evaluate(() => window.IcansCalc.gradeIcans({ ice: 'unarousable' }).grade), 4);
    assert.equal(await gradeByTapping(page), '3');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
    const html = fs.readFileSync(path.join(DIST, 'icans-calc-standalone.html'), 'utf8');
    assert.doesNotMatch(html, /<script[^>]+src=/, 'no external script');
    assert.doesNotMatch(html, /<link[^>]+stylesheet/, 'no external stylesheet');
  } finally {
    await close();
  }
});

test('the embedding example grades through the ES-module API and frames the calculator', async () => {
  const server = await serve();
  const { context, close } = await launch({ viewport: { width: 1024, height: 900 } });
  try {
    await watchCsp(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + 'embed-example.html');
    await page.waitForSelector('html[data-embed-ready]');
    assert.equal(await page.getAttribute('#mini-result', 'data-grade'), '3');
    await page.fill('#orientation', '9');
    assert.match(await page.locator('#mini-result').innerText(), /No grade: ice.orientation: must be 0-4, got 9/);
    const frame = page.frameLocator('#calc-frame');
    await frame.locator('html[data-wasm-ready="1"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
    await server.close();
  }
});
