// Issue 9, items 4, 11 and 7 (temperature): what is graded is what is shown. A clinician taps and
// types in the real page; the test reads the grade, its basis, the messages at the fields, the
// top bar, the default assessment time and where the result sits on a wide screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axe(p) {
  // From the top, as the other axe runs: a field scrolled under the sticky bar would count as
  // an obscured target.
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.evaluate(AXE);
  return p.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'target-size': { enabled: true } },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

let server, browser, page, problems;

before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, hasTouch: true, serviceWorkers: 'block' });
  ({ page, problems } = await open(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const icansCard = () => page.locator('#icans-result .result-card');
const crsCard = () => page.locator('#crs-result .result-card');
const clearForm = () => page.click('button[data-action=assess-clear]');

test('masked fever says fever was present first, in the option and the result basis', async () => {
  await page.fill('#f-age', '39');
  const option = page.locator('label:has(input[name=fever][value=masked])');
  assert.match(await option.innerText(), /^Fever was present, then masked by antipyretic or anti-cytokine therapy/);
  await page.click('input[name=fever][value=masked]');
  await page.click('input[name=hypotension][value=oneVasopressor]');
  assert.equal(await crsCard().getAttribute('data-grade'), '3');
  assert.match(await crsCard().locator('.basis').innerText(), /fever that was present, then masked by antipyretic or anti-cytokine therapy/);
  assert.match(await crsCard().locator('tr[data-domain=fever]').innerText(), /Fever was present, then masked/);
});

test('a temperature typed while "masked" or "no fever" is chosen is refused at the field, not ignored', async () => {
  await page.fill('#f-temperature', '37,2');
  assert.equal(await page.isChecked('input[name=fever][value=masked]'), true, 'the choice is not switched behind the user');
  assert.match(await page.locator('#err-fever').innerText(), /A temperature of 37.2 °C is typed while “Fever was present, then masked/);
  await page.click('input[name=temp-unit][value=F]');
  await page.fill('#f-temperature', '101,3');
  assert.match(await page.locator('#err-fever').innerText(), /A temperature of 101,3 °F = 38.5 °C is typed while/);
  await page.click('input[name=temp-unit][value=""]');
  await page.fill('#f-temperature', '37,2');
  assert.match(await page.locator('#err-fever').innerText(), /choose “Measured temperature \(enter below\)” to grade from it, or clear the temperature/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  assert.match(await page.locator('#summary').innerText(), /CRS\s*No grade/);
  await page.click('input[name=fever][value=absent]');
  assert.match(await page.locator('#err-fever').innerText(), /typed while “No fever” is chosen/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  await page.click('input[name=fever][value=measured]');
  assert.equal(await page.locator('#err-fever').innerText(), '');
  assert.equal(await crsCard().getAttribute('data-grade'), '0');
  assert.match(await crsCard().innerText(), /Temperature 37.2 °C \(below 38.0 °C: no fever\)/);
});

test('an oxygen flow typed with no device, or with no supplemental oxygen, gets a message', async () => {
  await page.fill('#f-temperature', '38,6');
  await page.fill('#f-flow', '4');
  assert.match(await page.locator('#err-flow').innerText(), /An oxygen flow of 4 L\/min is typed but no oxygen device is chosen/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  await page.click('input[name=oxygen][value=none]');
  assert.match(await page.locator('#err-flow').innerText(), /“No supplemental oxygen” is chosen/);
  await page.click('input[name=oxygen][value=facemask]');
  assert.equal(await page.locator('#err-flow').innerText(), '');
  assert.equal(await crsCard().getAttribute('data-grade'), '3');
  assert.match(await crsCard().innerText(), /Oxygen flow 4 L\/min is recorded but does not change the grade: Facemask is graded by the device/);
  await page.click('input[name=oxygen][value=nasalCannula]');
  assert.equal(await crsCard().getAttribute('data-grade'), '3', 'one vasopressor still sets grade 3');
  assert.equal(await crsCard().locator('tr[data-domain=oxygen] td').first().innerText(), 'Nasal cannula at 4 L/min (low flow, ≤ 6 L/min)');
});

test('every number that cannot be read is marked at its field at once, and so is a day "Add" would refuse', async () => {
  await clearForm();
  await page.fill('#f-temperature', '38,5,1');
  await page.click('input[name=oxygen][value=nasalCannula]');
  await page.fill('#f-flow', '6 L');
  await page.fill('#f-when-day', '1,000');
  // Before: only the temperature was marked; the flow and the day showed nothing until later.
  assert.match(await page.locator('#err-fever').innerText(), /“38,5,1” is not read as a number/);
  assert.match(await page.locator('#err-flow').innerText(), /“6 L” is not read as a number: type the number only \(6\), without “L”/);
  assert.equal(await page.getAttribute('#f-temperature', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#f-flow', 'aria-invalid'), 'true');
  assert.match(await page.locator('#echo-when').innerText(), /Day “1,000”: 1000 or 1,0\?/);
  assert.equal(await page.getAttribute('#f-when-day', 'aria-invalid'), 'true');
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  await page.fill('#f-temperature', '38.5');
  await page.fill('#f-flow', '6');
  await page.fill('#f-when-day', '1000');
  assert.equal(await page.locator('#err-fever').innerText(), '');
  assert.equal(await page.locator('#err-flow').innerText(), '');
  assert.notEqual(await page.getAttribute('#f-flow', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#echo-when').innerText(), '= day +1000');
  assert.equal(await page.getAttribute('#f-when-day', 'aria-invalid'), null);
  await clearForm();
});

test('temperature in °F as chosen: the echo shows the conversion, the range applies after it', async () => {
  await page.click('input[name=hypotension][value=none]');
  await page.click('input[name=oxygen][value=none]');
  await page.fill('#f-flow', '');
  await page.fill('#f-temperature', '101,3');
  assert.match(await page.locator('#err-fever').innerText(), /Temperature must be 25-45 °C, got 101.3 °C\. If this reading is in Fahrenheit, choose °F\./);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  await page.click('input[name=temp-unit][value=F]');
  assert.equal(await page.locator('#echo-fever').innerText(), '101,3 °F = 38.5 °C');
  assert.equal(await crsCard().getAttribute('data-grade'), '1');
  assert.match(await crsCard().locator('tr[data-domain=fever]').innerText(), /Temperature 38.5 °C \(≥ 38.0 °C: fever\)/);
  await page.fill('#f-temperature', '100,3');
  assert.equal(await page.locator('#echo-fever').innerText(), '100,3 °F ≈ 37.9 °C');
  assert.equal(await crsCard().getAttribute('data-grade'), '0');
  await page.fill('#f-temperature', '100,4');
  assert.equal(await page.locator('#echo-fever').innerText(), '100,4 °F = 38 °C');
  assert.equal(await crsCard().getAttribute('data-grade'), '1');
  await page.fill('#f-temperature', '38,5');
  assert.match(await page.locator('#err-fever').innerText(), /Temperature must be 77-113 °F \(25-45 °C\), got 38.5 °F/);
  assert.equal(await crsCard().getAttribute('data-grade'), 'none');
  assert.match(await page.locator('#crs-form').innerText(), /Fever is 38.0 °C \(100.4 °F\) or more/);
  await clearForm();
});

test('"Not assessed" after ticking ICE tasks grades without ICE', async () => {
  await page.click('input[name=ice-year]');
  await page.click('input[name=ice-month]');
  await page.click('input[name=ice-city]');
  await page.click('input[name=consciousness][value=alert]');
  assert.equal(await page.isChecked('input[name=ice-status][value=performed]'), true);
  assert.equal(await icansCard().getAttribute('data-grade'), '2');
  assert.match(await icansCard().locator('tr[data-domain=tool]').innerText(), /ICE 3\/10/);
  await page.click('input[name=ice-status][value=""]');
  assert.equal(await icansCard().getAttribute('data-grade'), '0');
  assert.equal(await icansCard().locator('tr[data-domain=tool]').getAttribute('class'), 'missing');
  assert.doesNotMatch(await icansCard().innerText(), /ICE 3\/10/);
  assert.equal(await page.locator('#ice-total').innerText(), 'not assessed (ticked tasks not used)');
  assert.match(await page.locator('#summary').innerText(), /ICANS\s*Grade 0/);
  await clearForm();
});

test('"Performed" with nothing ticked is not yet complete until "patient awake, scores 0" is confirmed', async () => {
  await page.click('input[name=ice-status][value=performed]');
  assert.equal(await icansCard().getAttribute('data-grade'), 'none');
  assert.doesNotMatch(await icansCard().innerText(), /Grade 3/);
  assert.equal(await page.locator('#ice-total').innerText(), '0/10 — not yet complete');
  assert.match(await page.locator('#icans-result .checks').innerText(), /ICE is marked as performed but no task is ticked yet, so ICE is not yet complete/);
  await page.click('input[name=ice-awake-zero]');
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
  assert.match(await icansCard().locator('tr[data-domain=tool]').innerText(), /ICE 0\/10 \(band 0–2, awake\)/);
  assert.equal(await page.locator('#icans-result .checks').count(), 0);
  await page.click('input[name=ice-year]');
  assert.match(await page.locator('#err-ice').innerText(), /“Patient awake, scores 0” is ticked, but tasks are ticked too/);
  assert.equal(await icansCard().getAttribute('data-grade'), 'none');
  await clearForm();
});

test('contradicting findings are pointed out beside the result and still graded', async () => {
  for (const name of ['ice-year', 'ice-month', 'ice-city', 'ice-hospital', 'ice-name1', 'ice-name2', 'ice-name3', 'ice-commands', 'ice-writing', 'ice-attention']) {
    await page.click(`input[name=${name}]`);
  }
  await page.click('input[name=consciousness][value=unarousable]');
  assert.equal(await icansCard().getAttribute('data-grade'), '4');
  const checks = page.locator('#icans-result .checks');
  assert.match(await checks.innerText(), /ICE was scored in an awake patient \(ICE 10\/10.*\), but the level of consciousness is “unarousable”/s);
  await clearForm();
  await page.click('input[name=ice-status][value=unarousable]');
  await page.click('input[name=consciousness][value=alert]');
  assert.equal(await icansCard().getAttribute('data-grade'), '4');
  assert.match(await checks.innerText(), /ICE is marked “unarousable”, but the level of consciousness is “Alert/);
  await page.click('input[name=consciousness][value=unarousable]');
  assert.equal(await checks.count(), 0);
});

test('after "Add to course" the top bar shows the recorded grade with its day, not "not entered"', async () => {
  await page.fill('#f-when-day', '14');
  await page.click('input[name=fever][value=present]');
  await page.click('#record-button');
  assert.match(await page.locator('#record-status').innerText(), /Recorded day \+14: ICANS grade 4, CRS grade 1/);
  assert.equal(await icansCard().getAttribute('data-grade'), 'none', 'the form is cleared');
  const summary = await page.locator('#summary').innerText();
  assert.doesNotMatch(summary, /not entered/);
  assert.match(summary, /ICANS\s*Grade 4\s*recorded day \+14/);
  assert.match(summary, /CRS\s*Grade 1\s*recorded day \+14/);
  // Recorded incomplete (only some domains assessed): said so, as the course says it.
  assert.match(summary, /CRS\s*Grade 1\s*recorded day \+14, incomplete \(at least\)/);
  // Starting the next assessment shows what is being entered, as not added yet.
  await page.click('input[name=consciousness][value=alert]');
  assert.match(await page.locator('#summary').innerText(), /ICANS\s*Grade 0\s*incomplete \(at least\), not added yet/);
  assert.match(await page.locator('#summary').innerText(), /CRS\s*Grade 1\s*recorded day \+14/);
  await clearForm();
});

test('the assessment time defaults to now once the infusion date is known, visible and editable', async () => {
  assert.equal(await page.inputValue('#f-when-date'), '', 'no default without an infusion date');
  const now = await page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    const back = new Date(d.getFullYear(), d.getMonth(), d.getDate() - 10);
    return { infusion: `${back.getFullYear()}-${p(back.getMonth() + 1)}-${p(back.getDate())}`, today: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` };
  });
  await page.click('a[data-tab=case]');
  await page.fill('#f-infusionDate', now.infusion);
  await page.click('a[data-tab=assess]');
  await page.waitForFunction(() => document.getElementById('f-when-date').value !== '');
  assert.equal(await page.inputValue('#f-when-date'), now.today);
  const time = await page.inputValue('#f-when-time');
  assert.match(time, /^\d\d:\d\d$/);
  assert.equal(await page.locator('#echo-when').innerText(), `= day +10 ${time}`);
  await page.fill('#f-when-time', '07:15');
  assert.equal(await page.locator('#echo-when').innerText(), '= day +10 07:15');
});

test('keyboard alone chooses the temperature unit and confirms an awake ICE 0', async () => {
  await clearForm();
  await page.focus('input[name=temp-unit][value=""]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.isChecked('input[name=temp-unit][value=F]'), true);
  await page.focus('#f-temperature');
  await page.keyboard.type('101,3');
  assert.equal(await page.locator('#echo-fever').innerText(), '101,3 °F = 38.5 °C');
  await page.focus('input[name=ice-awake-zero]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('input[name=ice-status][value=performed]'), true);
  assert.equal(await icansCard().getAttribute('data-grade'), '3');
  await clearForm();
});

test('the page logged no errors', async () => {
  assert.deepEqual(problems, []);
});

test('at 1024x768 the result stays in view beside the form while it is filled', async () => {
  const wide = await launch({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
  try {
    const { page: p, problems: wideProblems } = await open(wide.context, server.url);
    await p.fill('#f-age', '39');
    await p.click('input[name=ice-year]');
    await p.click('input[name=ice-month]');
    const form = await p.locator('#icans-form').boundingBox();
    const result0 = await p.locator('#icans-result').boundingBox();
    assert.ok(result0.x >= form.x + form.width - 1, 'the result is beside the form, not under it');
    // Fill the last domains, far down the form: the result is still on screen, below the bar,
    // also with the end of the ICANS form at the bottom of the window.
    await p.locator('input[name=icpEdema][value=none]').scrollIntoViewIfNeeded();
    await p.click('input[name=icpEdema][value=none]');
    await p.evaluate(() => document.getElementById('icans-form').scrollIntoView({ block: 'end' }));
    const scrolled = await p.evaluate(() => window.scrollY);
    assert.ok(scrolled > 300, `the page scrolled (${scrolled})`);
    const bar = await p.locator('header.app-bar').boundingBox();
    const badge = await p.locator('#icans-result .grade-badge').boundingBox();
    assert.ok(badge.y >= bar.y + bar.height - 1, `badge ${badge.y} below the bar ${bar.y + bar.height}`);
    assert.ok(badge.y + badge.height <= 768, `badge ${badge.y} within the window`);
    assert.equal(await p.locator('#icans-result .result-card').getAttribute('data-grade'), '3');
    assert.deepEqual(wideProblems, []);
  } finally { await wide.close(); }
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing with the new messages, notes and choices shown (${colorScheme})`, async () => {
    const b = await launch({ viewport: { width: 1024, height: 768 }, colorScheme, serviceWorkers: 'block' });
    try {
      const { page: p } = await open(b.context, server.url);
      await p.click('input[name=ice-status][value=unarousable]');
      await p.click('input[name=consciousness][value=alert]');
      await p.click('input[name=fever][value=masked]');
      await p.click('input[name=temp-unit][value=F]');
      await p.fill('#f-temperature', '101,3');
      await p.fill('#f-flow', '3');
      assert.equal(await p.locator('#icans-result .checks').count(), 1);
      assert.deepEqual(await axe(p), []);
      await p.click('input[name=ice-status][value=performed]');
      assert.match(await p.locator('#icans-result .checks').innerText(), /not yet complete/);
      assert.deepEqual(await axe(p), []);
    } finally { await b.close(); }
  });
}
