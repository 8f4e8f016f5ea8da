// The Cohort tab as a research nurse uses it: pick a folder's worth of case files (some broken)
// and a long-format table, read the per-patient table, the summary, the graphs' descriptions,
// sort, open a patient, and save the cohort and load it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, open } from './harness.mjs';
import { generateCohort } from '../support/cohort-gen.mjs';

let server, browser, page, problems;

before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  ({ page, problems } = await open(browser.context, `${server.url}#cohort`));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const file = (name, text) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(text) });
const loaded = () => page.waitForFunction(() => /^Loaded/.test(document.querySelector('#cohort-status').textContent));

async function loadFiles(files) {
  await page.evaluate(() => { document.querySelector('#cohort-status').textContent = ''; });
  await page.setInputFiles('#cohort-files', files);
  await loaded();
}

const generated = generateCohort(5, 7);

test('a mixed set of good and broken files: the good ones load, each broken one is listed with its reason', async () => {
  const broken = structuredClone(generated[0]);
  broken.patient.label = 'broken';
  broken.assessments[0].icans.ice.orientation = 5;
  await loadFiles([
    ...generated.map((c, i) => file(`case-${i + 1}.json`, JSON.stringify(c))),
    file('damaged.json', '{"schema": "icans-calc/case@1", "patient": '),
    file('bad-item.json', JSON.stringify(broken)),
    file('counts.csv', 'id;Tag;Gesamt\nX1;7;12,5\nX1;14;80\nX2;14;40\nX2;yesterday;3\n'),
  ]);
  assert.match(await page.textContent('#cohort-status'), /^Loaded 7 patient\(s\); 3 item\(s\) could not be loaded/);
  const issues = await page.textContent('#cohort-issues');
  assert.match(issues, /damaged\.json: not JSON/);
  assert.match(issues, /bad-item\.json: assessments\[0\]\.icans\.ice\.orientation: must be 0-4, got 5/);
  assert.match(issues, /counts\.csv: table row 5: day “yesterday”/);
});

test('each patient row agrees with evaluateCase of that case', async () => {
  const rows = await page.$$eval('#cohort-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
  const headers = await page.$$eval('#cohort-table thead th', (ths) => ths.map((t) => t.textContent.trim()));
  const col = (name) => headers.findIndex((h) => h.startsWith(name));
  assert.equal(rows.length, 7);
  for (const c of generated) {
    const expected = await page.evaluate((x) => window.IcansCalc.evaluateCase(x), c);
    const row = rows.find((r) => r[0] === c.patient.label);
    assert.ok(row, c.patient.label);
    assert.equal(Number(row[col('ICANS peak grade')]), expected.course.icans.peakGrade);
    const cmax = expected.kinetics.series.total.cmax;
    assert.ok(Math.abs(Number(row[col('Cmax')]) - cmax) <= 0.05 * Math.max(1, cmax / 100), `${row[col('Cmax')]} vs ${cmax}`);
    assert.equal(Number(row[col('Tmax')]), expected.kinetics.series.total.tmax);
    const dex = expected.steroids.systemicDexEqMg;
    assert.equal(Number(row[col('Systemic steroid')]), dex);
  }
  const x2 = rows.find((r) => r[0] === 'X2');
  assert.match(x2[col('ICANS peak grade') + 1], /not computable — no ICANS/);
});

test('the graphs describe themselves in words', async () => {
  assert.match(await page.textContent('#cohort-curves-caption'), /Blood CAR-T counts of 7 patients by day after infusion on a log scale/);
  assert.match(await page.textContent('#cohort-swimmer-caption'), /ICANS courses of 7 patients, one lane each/);
  assert.ok(await page.locator('#cohort-curves svg').count() === 1);
  // The median curve's numbers: the generated patients share their sampling days.
  const median = await page.$$eval('#cohort-median tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(median.length >= 10, median.join(' | '));
  assert.ok(await page.locator('#cohort-swimmer svg').count() === 1);
});

test('the summary matches a small cohort computed by hand', async () => {
  await page.fill('#cohort-paste', 'id;day;total\nA;7;10\nA;14;77,7\nB;14;50\nC;14;3\n');
  await page.evaluate(() => { document.querySelector('#cohort-status').textContent = ''; });
  await page.click('[data-action=cohort-paste]');
  await loaded();
  const cmaxRow = await page.locator('#cohort-summary tr', { hasText: 'Cmax (cells' }).innerText();
  // 3, 50, 77.7: n 3, median 50, Q1 = 3 + 0.5 * 47 = 26.5, Q3 = 50 + 0.5 * 27.7 = 63.85.
  assert.match(cmaxRow, /\b3\s+50 \[26\.5–63\.9\]\s+3–77\.7/);
  assert.match(await page.textContent('#cohort-summary h2'), /3 patients/);
});

test('sorting by a column orders the rows; a patient opens as a case', async () => {
  await page.click('#cohort-table [data-action=cohort-sort] >> text=Cmax');
  let first = await page.textContent('#cohort-table tbody tr:first-child th');
  assert.equal(first, 'C');
  assert.equal(await page.getAttribute('#cohort-table th[aria-sort="ascending"]', 'aria-sort'), 'ascending');
  await page.click('#cohort-table [data-action=cohort-sort] >> text=Cmax');
  first = await page.textContent('#cohort-table tbody tr:first-child th');
  assert.equal(first, 'A');
  await page.click('#cohort-table [data-action=cohort-open] >> text=B');
  await page.waitForFunction(() => location.hash === '#case');
  assert.match(await page.textContent('#io-status'), /Imported as a new case/);
  await page.goto(`${server.url}#cohort`);
  await page.waitForSelector('html[data-wasm-ready="1"]');
});

test('the saved cohort file loads back identically', async () => {
  await loadFiles(generated.map((c, i) => file(`case-${i + 1}.json`, JSON.stringify(c))));
  const save = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=cohort-json]')]);
    return fs.readFileSync(await download.path(), 'utf8');
  };
  const first = await save();
  assert.match(download_name_check(first), /icans-calc\/cohort@1/);
  await loadFiles([file('cohort.json', first)]);
  assert.match(await page.textContent('#cohort-status'), /^Loaded 5 patient\(s\)\.$/);
  const second = await save();
  assert.equal(second, first);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=cohort-csv-patients]')]);
  assert.match(csv.suggestedFilename(), /^icans-calc-cohort-patients-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffPatient,'), 'BOM and header');
  assert.equal(text.trim().split('\r\n').length, 6);
});

function download_name_check(text) {
  return JSON.parse(text).schema;
}

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
