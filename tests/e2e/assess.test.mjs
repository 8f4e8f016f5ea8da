// The bedside assessment as a user does it: type and tap in Chromium, read the grade, its
// deciding domain and the error messages; also the window.IcansCalc contract of SPEC §3.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let server, browser, page, problems;

before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, hasTouch: true });
  await browser.context.addInitScript(() => {
    window.__readyEvents = [];
    window.addEventListener('icans-calc:ready', (e) => window.__readyEvents.push(e.detail));
  });
  ({ page, problems } = await open(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const icansCard = () => page.locator('#icans-result .result-card');
const crsCard = () => page.locator('#crs-result .result-card');

test('the page announces the API once ready, with the app version', async () => {
  const info = await page.evaluate(() => ({
    events: window.__readyEvents,
    version: window.IcansCalc.version,
    functions: Object.keys(window.IcansCalc).filter((k) => typeof window.IcansCalc[k] === 'function').sort(),
    footer: document.getElementById('app-version').textContent,
  }));
  assert.equal(info.events.length, 1);
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.equal(info.events[0].version, info.version);
  for (const f of ['gradeCrs', 'gradeIcans', 'kinetics']) assert.ok(info.functions.includes(f), f);
  assert.ok(info.footer.includes(info.version));
});

test('before any input there is no grade, only a prompt', async () => {
  assert.equal(await icansCard().getAttribute('data-grade'), 'none');
  assert.match(await icansCard().innerText(), /No ICANS finding entered yet/);
});

test('ICE items tapped by a user give the grade and name the ICE domain as the driver', async () => {
  await page.fill('#f-age', '39');
  await page.click('input[name=ice-year]');
  await page.click('input[name=ice-month]');
  assert.equal(await page.locator('#ice-total').innerText(), '2/10');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
  assert.match(await icansCard().locator('.grade-badge').innerText(), /Grade 3/);
  const driver = icansCard().locator('tr.driver');
  assert.equal(await driver.count(), 1);
  assert.equal(await driver.getAttribute('data-domain'), 'tool');
  assert.match(await driver.innerText(), /ICE 2\/10/);
  assert.match(await icansCard().innerText(), /Incomplete/);
  assert.match(await icansCard().innerText(), /Lee DW et al/);
  assert.match(await page.locator('#summary').innerText(), /ICANS\s*Grade 3/);
});

test('unarousable consciousness raises the grade to 4 and becomes a driver', async () => {
  await page.click('input[name=consciousness][value=unarousable]');
  assert.equal(await icansCard().getAttribute('data-grade'), '4');
  const drivers = await icansCard().locator('tr.driver').evaluateAll((rows) => rows.map((r) => r.dataset.domain));
  assert.deepEqual(drivers, ['consciousness']);
});

test('attributing consciousness to sedation excludes it and the grade falls back', async () => {
  await page.click('input[name=other-consciousness]');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
  assert.match(await icansCard().locator('tr[data-domain=consciousness]').innerText(), /excluded: other cause/);
  await page.click('input[name=other-consciousness]');
  assert.equal(await icansCard().getAttribute('data-grade'), '4');
});

test('all five domains assessed makes the grade complete', async () => {
  await page.click('input[name=consciousness][value=alert]');
  await page.click('input[name=seizure][value=none]');
  await page.click('input[name=motor][value=none]');
  await page.click('input[name=icpEdema][value=none]');
  assert.equal(await icansCard().getAttribute('data-complete'), 'true');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
});

test('a child under 12 gets CAPD, and ICE items are kept but not used', async () => {
  await page.fill('#f-age', '8');
  assert.equal(await page.locator('#capd-block').isVisible(), true);
  assert.equal(await page.locator('#ice-block').isVisible(), false);
  assert.match(await page.locator('#tool-note').innerText(), /CAPD: age under 12/);
  assert.equal(await icansCard().getAttribute('data-grade'), '0');
  await page.click('input[name=capd-1][value=never]');
  assert.equal(await icansCard().getAttribute('data-grade'), 'none');
  assert.match(await page.locator('#err-capd').innerText(), /Answer all 8 CAPD items/);
  await page.fill('#f-age', '39');
  assert.equal(await page.isChecked('input[name=ice-year]'), true, 'ICE items survive the switch');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
});

test('a wrong number shows a message at the field, no grade, and keeps what was typed', async () => {
  await page.fill('#f-age', '3,9,1');
  assert.match(await page.locator('#err-age').innerText(), /not read as a number/);
  assert.equal(await page.getAttribute('#f-age', 'aria-invalid'), 'true');
  assert.equal(await icansCard().getAttribute('data-grade'), 'none');
  assert.match(await page.locator('#summary').innerText(), /No grade/);
  assert.equal(await page.inputValue('#f-age'), '3,9,1');
  await page.fill('#f-age', '39');
  assert.equal(await page.locator('#err-age').innerText(), '');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
});

test('CRS: fever with nasal cannula at exactly 6 L/min is grade 2, at 6,5 L/min grade 3', async () => {
  await page.click('input[name=fever][value=present]');
  await page.click('input[name=hypotension][value=none]');
  await page.click('input[name=oxygen][value=nasalCannula]');
  assert.match(await page.locator('#err-flow').innerText(), /required for oxygen/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  await page.fill('#f-flow', '6');
  assert.equal(await crsCard().getAttribute('data-grade'), '2');
  assert.equal(await crsCard().locator('tr.driver').getAttribute('data-domain'), 'oxygen');
  await page.fill('#f-flow', '6,5');
  assert.equal(await page.locator('#echo-flow').innerText(), '= 6.5 L/min');
  assert.equal(await crsCard().getAttribute('data-grade'), '3');
});

test('CRS: a temperature in °F is refused at the field; 38,0 °C counts as fever', async () => {
  await page.fill('#f-temperature', '100,4');
  // "Fever ≥ 38.0 °C" is still chosen: the typed temperature is refused, not silently used or dropped.
  assert.equal(await page.isChecked('input[name=fever][value=present]'), true);
  assert.match(await page.locator('#err-fever').innerText(), /A temperature of 100,4 is typed while “Fever ≥ 38.0 °C” is chosen/);
  await page.click('input[name=fever][value=measured]');
  assert.match(await page.locator('#err-fever').innerText(), /Temperature must be 25-45 °C, got 100.4/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  assert.equal(await page.inputValue('#f-temperature'), '100,4');
  await page.fill('#f-temperature', '37,9');
  assert.equal(await crsCard().getAttribute('data-grade'), '0');
  assert.match(await crsCard().innerText(), /No fever/);
  await page.fill('#f-temperature', '38,0');
  assert.equal(await crsCard().getAttribute('data-grade'), '3');
});

test('window.IcansCalc grades and throws errors that name the field', async () => {
  const r = await page.evaluate(() => {
    const ok = window.IcansCalc.gradeIcans({ ice: 'unarousable', consciousness: 'unarousable' });
    let error;
    try { window.IcansCalc.gradeIcans({ ice: { orientation: 5, naming: 0, commands: 0, writing: 0, attention: 0 } }); }
    catch (e) { error = { isError: e instanceof Error, message: e.message, field: e.field }; }
    let crsError;
    try { window.IcansCalc.gradeCrs({ fever: 'present', oxygen: 'nasalCannula' }); } catch (e) { crsError = e.message; }
    return { ok, error, crsError };
  });
  assert.equal(r.ok.grade, 4);
  assert.equal(r.ok.iceTotal, 0);
  assert.deepEqual(r.ok.drivers, ['tool', 'consciousness']);
  assert.deepEqual(r.error, { isError: true, message: 'ice.orientation: must be 0-4, got 5', field: 'ice.orientation' });
  assert.match(r.crsError, /^oxygenLitersPerMin: /);
});

test('keyboard alone can reach and toggle an ICE item, with a visible focus', async () => {
  await page.focus('#f-age');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
  assert.equal(focused, 'tool');
  await page.focus('input[name=ice-city]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('input[name=ice-city]'), true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.equal(await page.locator('#ice-total').innerText(), '3/10');
});

test('the page logged no errors', async () => {
  assert.deepEqual(problems, []);
});
