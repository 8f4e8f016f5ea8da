// The baseline panel (CAR-HEMATOTOX) as a user fills it in: values typed with decimal commas,
// units chosen and switched, the score, risk and points read from the card, errors shown at the
// field with no score, values restored after a reload; axe in light and dark; touch targets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

let server, browser, page, problems;

before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, hasTouch: true, serviceWorkers: 'block' });
  ({ page, problems } = await open(browser.context, `${server.url}#baseline`));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const card = () => page.locator('#baseline-result .result-card');
const row = (variable) => card().locator(`table.ht-points tr[data-variable=${variable}]`);
const unit = (field, value) => page.click(`input[name=ht-${field}-unit][value=${value}]`);

test('the baseline tab shows the form, the day -5 note and no score yet', async () => {
  assert.equal(await page.locator('#panel-baseline').isVisible(), true);
  assert.equal(await page.getAttribute('a[data-tab=baseline]', 'aria-current'), 'page');
  assert.match(await page.locator('#ht-timing').innerText(), /before lymphodepletion \(about day −5\)/);
  for (const f of ['platelets', 'anc', 'hb', 'crp', 'ferritin']) {
    assert.equal(await page.getAttribute(`#f-ht-${f}`, 'type'), 'text');
    assert.equal(await page.getAttribute(`#f-ht-${f}`, 'inputmode'), 'decimal');
  }
  assert.equal(await page.locator('#baseline-form input[type=radio]:checked').count(), 0, 'no unit is assumed');
  assert.equal(await card().getAttribute('data-score'), 'none');
  assert.match(await card().innerText(), /No value entered yet/);
});

test('a value without its unit asks for the unit; choosing it echoes the value per µL', async () => {
  await page.fill('#f-ht-platelets', '150');
  assert.match(await page.locator('#err-ht-platelets').innerText(), /choose the unit \(\/µL or ×10⁹\/L\)/);
  assert.equal(await page.getAttribute('#f-ht-platelets', 'aria-invalid'), 'true');
  assert.equal(await card().getAttribute('data-score'), 'none');
  await unit('platelets', 'e9-per-l');
  assert.equal(await page.locator('#echo-ht-platelets').innerText(), '= 150 ×10⁹/L = 150\u202f000 /µL');
  assert.equal(await page.locator('#err-ht-platelets').innerText(), '');
  assert.equal(await page.getAttribute('#f-ht-platelets', 'aria-invalid'), null);
  // The next missing value is named at its field.
  assert.match(await page.locator('#err-ht-anc').innerText(), /missing: Absolute neutrophil count \(ANC\), .*Ferritin/);
  assert.equal(await card().getAttribute('data-score'), 'none');
});

test('five values with decimal commas give the score, the risk in words and the points', async () => {
  await page.fill('#f-ht-anc', '1,2');
  await unit('anc', 'e9-per-l');
  assert.equal(await page.locator('#echo-ht-anc').innerText(), '= 1.2 ×10⁹/L = 1200 /µL');
  await page.fill('#f-ht-hb', '9,5');
  await unit('hb', 'g-dl');
  assert.equal(await page.locator('#echo-ht-hb').innerText(), '= 9.5 g/dL');
  await page.fill('#f-ht-crp', '30');
  await unit('crp', 'mg-l');
  assert.equal(await page.locator('#echo-ht-crp').innerText(), '= 30 mg/L = 3 mg/dL');
  await page.fill('#f-ht-ferritin', '2000,5');
  assert.equal(await page.locator('#echo-ht-ferritin').innerText(), '= 2000.5 ng/mL');

  assert.equal(await card().getAttribute('data-score'), '5');
  assert.equal(await card().getAttribute('data-risk'), 'high');
  assert.match(await card().locator('.ht-score').innerText(), /Score 5/);
  assert.match(await card().locator('.ht-risk').innerText(), /High risk/);
  const points = await card().locator('table.ht-points tbody tr').evaluateAll(
    (rows) => rows.map((r) => [r.dataset.variable, Number(r.dataset.points)]));
  assert.deepEqual(points, [['platelets', 1], ['anc', 1], ['hb', 0], ['crp', 1], ['ferritin', 2]]);
  assert.match(await row('platelets').innerText(), /150\u202f000 \/µL\s+75\u202f000-175\u202f000 \/µL\s+1/);
  assert.match(await row('anc').innerText(), /1200 \/µL\s+≤ 1200 \/µL\s+1/);
  assert.match(await row('crp').innerText(), /30 mg\/L \(= 3 mg\/dL\)\s+≥ 30 mg\/L, i\.e\. ≥ 3\.0 mg\/dL\s+1/);
  assert.match(await row('ferritin').innerText(), /2000\.5 ng\/mL\s+> 2000 ng\/mL\s+2/);
  // ANC exactly at the disputed cut-off is pointed out, with the rule used.
  assert.match(await card().innerText(), /ANC is exactly at the cut-off \(1200 \/µL\): scored 1 point by the ≤ 1200 rule of this calculator/);
});

test('the full table marks one fired cell per variable, with the rule, caveat and source', async () => {
  const fired = await card().locator('table.cutoffs td.fired').evaluateAll(
    (cells) => cells.map((c) => [c.closest('tr').dataset.variable, Number(c.dataset.points)]));
  assert.deepEqual(fired, [['platelets', 1], ['anc', 1], ['hb', 0], ['crp', 1], ['ferritin', 2]]);
  assert.equal(await card().locator('table.cutoffs tbody tr').count(), 5);
  const text = await card().innerText();
  assert.match(text, /0–1 low risk, ≥ 2 high risk/);
  assert.match(text, /The cut-offs are this calculator’s stated ones/);
  assert.match(text, /not verified against the paper/);
  assert.match(text, /Rejeski K et al\. CAR-HEMATOTOX\. Blood 2021;138\(24\):2499-2513/);
  const version = await page.evaluate(() => window.IcansCalc.version);
  assert.ok(text.includes(`icans-calc ${version}`));
});

test('switching a unit re-reads the value; an implausible one is refused at the field with no score', async () => {
  await unit('hb', 'g-l');
  assert.equal(await page.locator('#echo-ht-hb').innerText(), '= 9.5 g/L = 0.95 g/dL');
  assert.match(await page.locator('#err-ht-hb').innerText(),
    /Haemoglobin \(9\.5 g\/L = 0\.95 g\/dL\) must be 2-25 g\/dL, got 0\.95; is the unit right\?/);
  assert.equal(await page.getAttribute('#f-ht-hb', 'aria-invalid'), 'true');
  assert.equal(await card().getAttribute('data-score'), 'none');
  assert.equal(await card().getAttribute('data-error-slot'), 'ht-hb');
  assert.equal(await card().locator('.ht-score').count(), 0);
  assert.equal(await page.inputValue('#f-ht-hb'), '9,5', 'what was typed is kept');

  await page.fill('#f-ht-hb', '90');
  assert.equal(await page.locator('#err-ht-hb').innerText(), '');
  assert.equal(await card().getAttribute('data-score'), '6', 'Hb 90 g/L = 9.0 g/dL scores 1');

  await unit('platelets', 'per-ul');
  assert.match(await page.locator('#err-ht-platelets').innerText(), /must be 1000-2000000 \/µL, got 150; is the unit right\?/);
  assert.equal(await card().getAttribute('data-score'), 'none');
  await unit('platelets', 'e9-per-l');
  assert.equal(await card().getAttribute('data-score'), '6');

  await page.fill('#f-ht-crp', '1.234,5');
  assert.match(await page.locator('#err-ht-crp').innerText(), /not read as a number/);
  assert.equal(await card().getAttribute('data-score'), 'none');
  await page.fill('#f-ht-crp', '29,9');
  assert.equal(await card().getAttribute('data-score'), '5');
  assert.equal(await row('crp').getAttribute('data-points'), '0');
});

test('a reload restores the values as typed, their units and the score', async () => {
  await page.reload();
  await page.waitForSelector('html[data-wasm-ready="1"]');
  assert.equal(await page.inputValue('#f-ht-platelets'), '150');
  assert.equal(await page.inputValue('#f-ht-anc'), '1,2');
  assert.equal(await page.inputValue('#f-ht-hb'), '90');
  assert.equal(await page.inputValue('#f-ht-crp'), '29,9');
  assert.equal(await page.inputValue('#f-ht-ferritin'), '2000,5');
  assert.equal(await page.isChecked('input[name=ht-platelets-unit][value=e9-per-l]'), true);
  assert.equal(await page.isChecked('input[name=ht-hb-unit][value=g-l]'), true);
  assert.equal(await page.isChecked('input[name=ht-crp-unit][value=mg-l]'), true);
  assert.equal(await page.locator('#echo-ht-platelets').innerText(), '= 150 ×10⁹/L = 150\u202f000 /µL');
  assert.equal(await card().getAttribute('data-score'), '5');
  assert.equal(await card().getAttribute('data-risk'), 'high');
});

test('the panel works from the keyboard: Tab to a unit, arrow keys switch it', async () => {
  await page.focus('#f-ht-crp');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => [document.activeElement.name, document.activeElement.value]);
  assert.deepEqual(focused, ['ht-crp-unit', 'mg-l']);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.isChecked('input[name=ht-crp-unit][value=mg-dl]'), true);
  assert.equal(await page.locator('#echo-ht-crp').innerText(), '= 29.9 mg/dL');
  assert.equal(await page.locator('#err-ht-crp').innerText(), '');
  assert.equal(await card().getAttribute('data-score'), '6', 'CRP 29.9 mg/dL scores 1');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await card().getAttribute('data-score'), '5');
});

test('every control in the panel is at least 44x44 CSS px', async () => {
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#panel-baseline input, #panel-baseline button, #panel-baseline summary, #panel-baseline a[href]')) {
      const target = el.type === 'radio' ? el.closest('label') : el;
      const r = target.getBoundingClientRect();
      if (r.width < 44 || r.height < 44) out.push(`${el.name || el.id} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return out;
  });
  assert.deepEqual(small, []);
});

test('no page errors or console errors', () => {
  assert.deepEqual(problems, []);
});

test('on a 390x844 phone the scored panel fits the width (no sideways scrolling)', async () => {
  const { context, close } = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, serviceWorkers: 'block' });
  try {
    const { page: p, problems: pageProblems } = await open(context, `${server.url}#baseline`);
    await p.fill('#f-ht-platelets', '150'); await p.click('input[name=ht-platelets-unit][value=e9-per-l]');
    await p.fill('#f-ht-anc', '1,2'); await p.click('input[name=ht-anc-unit][value=e9-per-l]');
    await p.fill('#f-ht-hb', '95'); await p.click('input[name=ht-hb-unit][value=g-l]');
    await p.fill('#f-ht-crp', '30'); await p.click('input[name=ht-crp-unit][value=mg-l]');
    await p.fill('#f-ht-ferritin', '2000,5');
    assert.equal(await p.getAttribute('#baseline-result .result-card', 'data-score'), '5');
    const widths = await p.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      card: document.querySelector('#baseline-result .result-card').scrollWidth,
      cardBox: document.querySelector('#baseline-result .result-card').clientWidth,
    }));
    assert.ok(widths.page <= widths.view, `page ${widths.page} px wide in a ${widths.view} px viewport`);
    assert.ok(widths.card <= widths.cardBox, `card content ${widths.card} px in a ${widths.cardBox} px card`);
    assert.deepEqual(pageProblems, []);
  } finally {
    await close();
  }
});

async function axe(p) {
  await p.evaluate(AXE);
  return p.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'target-size': { enabled: true } },
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG A/AA violation on the baseline panel, scored and with an error (${colorScheme})`, async () => {
    const { context, close } = await launch({ colorScheme, viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
    try {
      const { page: p, problems: pageProblems } = await open(context, `${server.url}#baseline`);
      await p.fill('#f-ht-platelets', '74,5'); await p.click('input[name=ht-platelets-unit][value=e9-per-l]');
      await p.fill('#f-ht-anc', '900'); await p.click('input[name=ht-anc-unit][value=per-ul]');
      await p.fill('#f-ht-hb', '12'); await p.click('input[name=ht-hb-unit][value=g-dl]');
      await p.fill('#f-ht-crp', '4'); await p.click('input[name=ht-crp-unit][value=mg-dl]');
      await p.fill('#f-ht-ferritin', '300');
      assert.equal(await p.getAttribute('#baseline-result .result-card', 'data-score'), '4');
      assert.deepEqual(await axe(p), [], 'scored');
      await p.fill('#f-ht-hb', '120');
      assert.equal(await p.getAttribute('#baseline-result .result-card', 'data-score'), 'none');
      assert.deepEqual(await axe(p), [], 'with an error');
      assert.deepEqual(pageProblems, []);
    } finally {
      await close();
    }
  });
}
