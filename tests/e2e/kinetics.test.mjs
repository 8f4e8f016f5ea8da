// Kinetics as a user does it: paste from a spreadsheet, read the results table and the graph
// (its SVG content, not just its presence), edit a value, enter a negative value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let server, browser, page, problems;
before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
  ({ page, problems } = await open(browser.context, server.url + '#kinetics'));
});
after(async () => { await browser?.close(); await server?.close(); });

const metric = (key, series = 1) => page.locator(`#kin-results tr[data-metric="${key}"] td`).nth(series - 1).innerText();

test('a block pasted from a spreadsheet is previewed, then fills the table', async () => {
  await page.click('details.paste summary');
  await page.fill('#kin-paste', 'Day\tTotal\tCD4+\tCD8+\n0\t0\t0\t0\n7\t6,2\t5\t1\n14\t77,7\t69,1\t0,78\n21\t30,2\t\t\n28\t27,9\t20\t3\n90\t2,5\t\t\n');
  await page.click('button[data-action=paste-read]');
  const preview = await page.locator('#paste-preview').innerText();
  assert.match(preview, /Read 6 rows, cells separated by tabs; the first line is the header/);
  assert.equal(await page.locator('#paste-preview-table tbody tr').count(), 6);
  await page.click('button[data-action=paste-replace]');
  assert.equal(await page.inputValue('#kin-2-1'), '77.7');
  assert.equal(await page.inputValue('#kin-3-2'), '');
});

test('the results table gives Cmax, Tmax, AUCs with units and the method', async () => {
  assert.match(await metric('cmax'), /^77\.7 cells\/µL/);
  assert.equal(await metric('tmax'), 'day +14');
  // AUC0-28, linear: 7*6.2/2 + 7*(6.2+77.7)/2 + 7*(77.7+30.2)/2 + 7*(30.2+27.9)/2
  //   = 21.7 + 293.65 + 377.65 + 203.35 = 896.35
  assert.match(await metric('auc28'), /^896\.4 cells\/µL × day/);
  assert.match(await metric('auc90'), /cells\/µL × day/);
  assert.match(await page.locator('#kin-results caption').first().innerText(), /linear trapezoid/);
  assert.match(await metric('cmax', 2), /^69\.1/);
  assert.equal(await page.locator('#kin-ratio tbody tr').count(), 4);
});

test('the graph is on a log scale with one marker per sample, zeros on the floor and Cmax labelled', async () => {
  const texts = await page.evaluate(() => [...document.querySelectorAll('#kin-chart svg text')].map((t) => t.textContent.trim()));
  for (const label of ['1', '10', '100', 'below detection', 'AUC0-28 (linear)', 'CAR-T cells/µL (log scale)']) {
    assert.ok(texts.includes(label), `${label} in ${texts.join(' | ')}`);
  }
  assert.ok(texts.some((t) => /^Total CAR-T \(Cmax 77\.7 cells\/µL, day \+14\)$/.test(t)), texts.join(' | '));
  assert.ok(texts.some((t) => /^CD4\+ CAR-T \(Cmax 69\.1 cells\/µL, day \+14\)$/.test(t)), texts.join(' | '));
  // One filled marker per positive sample and one open marker per zero, for each series.
  const markers = await page.evaluate(() => document.querySelectorAll('#kin-chart svg circle, #kin-chart svg polygon, #kin-chart svg rect').length);
  assert.ok(markers >= 14, `markers: ${markers}`);
  const caption = await page.locator('#kin-chart-caption').innerText();
  assert.match(caption, /Total CAR-T: 6 samples/);
  assert.match(caption, /77\.7 cells\/µL on day \+14/);
});

test('editing a value updates the table and the graph', async () => {
  const before = await page.locator('#kin-chart svg').innerHTML();
  await page.fill('#kin-2-1', '100');
  assert.match(await metric('cmax'), /^100 cells\/µL/);
  const after = await page.locator('#kin-chart svg').innerHTML();
  assert.notEqual(after, before);
  assert.match(await page.locator('#kin-chart-caption').innerText(), /100 cells\/µL on day \+14/);
});

test('a negative value is reported at its cell and no result is shown', async () => {
  await page.fill('#kin-4-2', '-3');
  assert.equal(await page.getAttribute('#kin-4-2', 'aria-invalid'), 'true');
  assert.match(await page.locator('#kin-e-4-2').innerText(), /must not be negative, got -3 \(day 28\)/);
  assert.match(await page.locator('#kin-results').innerText(), /No results until the marked cells are corrected/);
  await page.fill('#kin-4-2', '20');
  assert.equal(await page.getAttribute('#kin-4-2', 'aria-invalid'), null);
  assert.match(await metric('cmax'), /^100/);
});

test('horizons and method are selectable; an unreadable horizon is refused at the field', async () => {
  await page.fill('#kin-h1', '84');
  assert.equal(await page.locator('#kin-h1-echo').innerText(), '= 84 days');
  assert.equal(await page.locator('#kin-results tr[data-metric="auc84"]').count(), 1);
  await page.fill('#kin-h1', '8,4,1');
  assert.match(await page.locator('#kin-h1-error').innerText(), /more than one separator/);
  await page.fill('#kin-h1', '90');
  await page.click('input[name=kin-method][value=linUpLogDown]');
  assert.match(await page.locator('#kin-results caption').first().innerText(), /linear-up\/log-down/);
  await page.click('input[name=kin-method][value=linear]');
});

test('rows can be added and removed, and a CSF sample listed beside the blood series', async () => {
  const rows = await page.locator('#kin-grid tbody tr').count();
  await page.click('button[data-action=kin-add]');
  assert.equal(await page.locator('#kin-grid tbody tr').count(), rows + 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), `kin-${rows}-0`);
  await page.click(`button[data-action=kin-remove][data-row="${rows}"]`);
  assert.equal(await page.locator('#kin-grid tbody tr').count(), rows);
  await page.click('button[data-action=csf-add]');
  await page.fill('#csf-0-0', '14');
  await page.fill('#csf-0-2', '31,6');
  await page.fill('#csf-0-3', '54');
  await page.fill('#csf-0-2', '131');
  assert.match(await page.locator('#csf-e-0-2').innerText(), /percentage must be 0-100/);
  await page.fill('#csf-0-2', '31,6');
  assert.equal(await page.locator('#csf-e-0-2').innerText(), '= 31.6');
});

test('the whole entry works by keyboard alone, with a visible focus and an echo of what was read', async () => {
  const rows = await page.locator('#kin-grid tbody tr').count();
  await page.focus('button[data-action=kin-add]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), `kin-${rows}-0`);
  await page.keyboard.type('35');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12,5');
  assert.equal(await page.evaluate(() => document.activeElement.id), `kin-${rows}-1`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.equal(await page.locator(`#kin-e-${rows}-1`).innerText(), '= 12.5');
  assert.match(await metric('n'), /^7$/);
  await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'kin-remove');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#kin-grid tbody tr').count(), rows);
});

test('each cell keeps its own message through other edits, a removed row and a reload', async () => {
  // An edit re-renders only the cells whose message changed; a message must still never stay at
  // a cell it no longer belongs to, nor vanish from one it does.
  await page.fill('#kin-paste', 'Day\tTotal\n0\t0\n7\t6,2\n14\t77,7\n21\t30,2\n28\t27,9\n');
  await page.click('button[data-action=paste-read]');
  await page.click('button[data-action=paste-replace]');
  const message = (r, c) => page.locator(`#kin-e-${r}-${c}`).innerText();
  const invalid = (r, c) => page.getAttribute(`#kin-${r}-${c}`, 'aria-invalid');
  await page.fill('#kin-3-1', '-3');
  assert.match(await message(3, 1), /must not be negative, got -3 \(day 21\)/);
  assert.equal(await invalid(3, 1), 'true');
  // Pasted values are already in the form they are read as: no echo until one is typed.
  await page.fill('#kin-1-1', '6,3');
  await page.fill('#kin-4-1', '27,9');
  assert.equal(await message(1, 1), '= 6.3');
  assert.equal(await message(4, 1), '= 27.9');
  assert.match(await message(3, 1), /must not be negative, got -3 \(day 21\)/);
  assert.equal(await invalid(3, 1), 'true');
  await page.click('button[data-action=kin-remove][data-row="1"]');
  assert.equal(await message(1, 1), '');
  assert.match(await message(2, 1), /must not be negative, got -3 \(day 21\)/);
  assert.equal(await invalid(2, 1), 'true');
  assert.equal(await message(3, 1), '= 27.9');
  assert.equal(await invalid(3, 1), null);
  // A row removed below it: the table is written anew, and the message stays where it was.
  await page.click('button[data-action=kin-remove][data-row="3"]');
  assert.match(await message(2, 1), /must not be negative, got -3 \(day 21\)/);
  assert.equal(await invalid(2, 1), 'true');
  await page.click('button[data-action=kin-add]');
  await page.fill('#kin-3-0', '28');
  await page.fill('#kin-3-1', '27,9');
  await page.reload();
  await page.waitForSelector('html[data-wasm-ready="1"]');
  assert.match(await message(2, 1), /must not be negative, got -3 \(day 21\)/);
  assert.equal(await message(3, 1), '= 27.9');
  await page.fill('#kin-2-1', '30,2');
  assert.equal(await message(2, 1), '= 30.2');
  assert.equal(await invalid(2, 1), null);
  assert.equal(await page.locator('#panel-kinetics .cell-error:not(.echo-only):not(:empty)').count(), 0);
});

test('the results and the graph after many edits are those a fresh page shows for the same table', async () => {
  // An edit replaces only the result rows that changed; what is shown must never differ from
  // the results written whole.
  await page.click('a[data-tab=kinetics]');
  await page.evaluate(() => { document.querySelector('details.paste').open = true; });
  await page.fill('#kin-paste', 'Day\tTotal\tCD4+\tCD8+\n0\t0\t0\t0\n7\t6,2\t3\t2\n14\t77,7\t40\t30\n21\t30,2\t15\t12\n28\t27,9\t12\t10\n');
  await page.click('button[data-action=paste-read]');
  await page.click('button[data-action=paste-replace]');
  const results = () => page.locator('#kin-results').innerHTML();
  const cmax = () => page.locator('#kin-results tr[data-metric=cmax] td').first().innerText();
  await page.fill('#kin-2-1', '90');
  assert.match(await cmax(), /^90\b/);
  await page.fill('#kin-2-3', '0');        // a ratio row becomes "not computable"
  await page.fill('#kin-3-1', '-1');       // no results: a status line instead of the tables
  assert.match(await results(), /No results until the marked cells are corrected/);
  await page.fill('#kin-3-1', '31');
  await page.click('input[name=kin-method][value=linUpLogDown]');   // the caption changes
  await page.fill('#kin-h1', '60');         // a metric row's label changes
  await page.click('button[data-action=kin-remove][data-row="4"]');
  await page.fill('#kin-1-2', '4');
  assert.match(await cmax(), /^90\b/);
  const edited = await results();
  const chart = () => page.locator('#kin-chart svg').innerHTML();
  const editedChart = await chart();
  await page.reload();
  await page.waitForSelector('html[data-wasm-ready="1"]');
  assert.equal(await results(), edited);
  // The graph too: patched element by element after each edit, it equals the graph drawn whole.
  assert.equal(await chart(), editedChart);
  assert.match(edited, /AUC<sub>0\u201360<\/sub>/);
  assert.match(edited, /log-down|log down/i);
});

test('the page logged no errors', () => assert.deepEqual(problems, []));
