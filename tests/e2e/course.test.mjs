// The course: load the published example, read the summary, the comparison and both graphs;
// add an assessment and see the course update; record medications and a lab value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let server, browser, page, problems;
before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
  ({ page, problems } = await open(browser.context, server.url + '#case'));
  page.on('dialog', (d) => d.accept());
});
after(async () => { await browser?.close(); await server?.close(); });

test('the published example reads like the case report', async () => {
  await page.click('button[data-action=case-example]');
  assert.match(await page.locator('#case-status').innerText(), /10\.3389\/fimmu\.2024\.1380451/);
  await page.click('a[data-tab=course]');
  const summary = await page.locator('#course-summary').innerText();
  assert.match(summary, /peak grade 4 on day \+14 01:00/);
  assert.match(summary, /Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg on day \+14 01:00 \(ICANS grade 4 at the dose\): ICANS grade ≤ 1 by the assessment 32 h later; grade 0 by the assessment 32 h later/);
  assert.match(summary, /96 mg dexamethasone-equivalent\./);
  assert.match(summary, /Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg; not part of the systemic total\./);
  assert.equal(await page.getAttribute('#steroid-summary .big-number', 'data-systemic-mg'), '96');
  assert.match(await page.locator('#med-table').innerText(), /NOT A PUBLISHED DOSE/);
});

test('the published comparison shows Table 1 beside this patient', async () => {
  const table = page.locator('#comparison-table');
  assert.match(await table.locator('tr.this-patient').innerText(), /grade 0 by the assessment 32 h later \(an upper bound: when it was seen\)[\s\S]*The intrathecal treatment on day \+14 01:00[\s\S]*96 mg/);
  assert.match(await table.innerText(), /Strati P\. et al\./);
  assert.match(await table.innerText(), /1446 mg dexamethasone/);
});

test('both graphs are drawn with their text alternatives', async () => {
  const course = await page.locator('#course-chart svg').innerHTML();
  assert.match(course, /ICANS/);
  assert.match(course, /IT methotrexate 15 mg/);
  assert.match(await page.locator('#course-chart-caption').innerText(), /peak grade 4/);
  await page.click('a[data-tab=kinetics]');
  assert.match(await page.locator('#kin-chart svg').innerHTML(), /Cmax 77\.7/);
  assert.match(await page.locator('#kin-notes').innerText(), /AUC0-28 1283\.1 against the published 751\.3[\s\S]*overstate the area throughout/);
  await page.click('a[data-tab=course]');
});

test('adding an assessment updates the course', async () => {
  const before = await page.locator('#assessment-table tbody tr').count();
  await page.click('a[data-tab=assess]');
  await page.click('input[name=consciousness][value=awakensToVoice]');
  await page.fill('#f-when-day', '16');
  await page.fill('#f-when-time', '08:00');
  await page.click('#record-button');
  assert.match(await page.locator('#record-status').innerText(), /Recorded day \+16 08:00: ICANS grade 2/);
  await page.click('a[data-tab=course]');
  assert.equal(await page.locator('#assessment-table tbody tr').count(), before + 1);
  assert.match(await page.locator('#course-summary').innerText(), /recurred on day \+16 08:00/);
});

test('an assessment can be edited and deleted', async () => {
  await page.click('#assessment-table tr:last-child button[data-action=assessment-edit]');
  assert.equal(await page.isChecked('input[name=consciousness][value=awakensToVoice]'), true);
  assert.match(await page.locator('#record-editing').innerText(), /Editing the recorded assessment of day \+16 08:00/);
  await page.click('input[name=consciousness][value=alert]');
  await page.click('#record-button');
  assert.match(await page.locator('#record-status').innerText(), /Saved the changes to day \+16 08:00: ICANS grade 0/);
  await page.click('a[data-tab=course]');
  assert.doesNotMatch(await page.locator("#course-summary").innerText(), /It recurred/);
  const rows = await page.locator('#assessment-table tbody tr').count();
  await page.click('#assessment-table tr:last-child button[data-action=assessment-delete]');
  assert.equal(await page.locator('#assessment-table tbody tr').count(), rows - 1);
});

test('a pre-infusion assessment with a time comes back for editing as typed and re-saves the same day', async () => {
  await page.click('a[data-tab=assess]');
  await page.click('input[name=consciousness][value=alert]');
  await page.fill('#f-when-day', '-2');
  await page.fill('#f-when-time', '06:30');
  await page.click('#record-button');
  assert.match(await page.locator('#record-status').innerText(), /Recorded day \u2212 ?2 06:30/);
  const stored = -2 + 6.5 / 24;
  const savedDays = () => page.evaluate(() => [...(localStorage.getItem('icans-calc:store') || '')
    .matchAll(/"day":(-?[0-9.e-]+)/g)].map((m) => Number(m[1])));
  await page.waitForFunction((d) => (localStorage.getItem('icans-calc:store') || '').includes(`"day":${d}`), stored);
  await page.click('a[data-tab=course]');
  const row = page.locator('#assessment-table tbody tr', { hasText: /day \u2212 ?2 06:30/ });
  await row.locator('button[data-action=assessment-edit]').click();
  assert.equal(await page.inputValue('#f-when-day'), '-2');
  assert.equal(await page.inputValue('#f-when-time'), '06:30');
  await page.click('#record-button');
  assert.match(await page.locator('#record-status').innerText(), /Saved the changes to day \u2212 ?2 06:30/);
  await page.waitForTimeout(1500); // the save is debounced
  const days = await savedDays();
  assert.ok(days.includes(stored), `the day is stored unchanged: ${days}`);
  assert.ok(!days.some((d) => d !== stored && Math.abs(d - stored) < 1e-9), `no nearby copy: ${days}`);
  await page.click('a[data-tab=course]');
  await page.locator('#assessment-table tbody tr', { hasText: /day \u2212 ?2 06:30/ })
    .locator('button[data-action=assessment-delete]').click();
});

test('a medication is checked before it is added, then counted', async () => {
  await page.fill('#f-med-day', '16');
  await page.selectOption('#f-med-drug', 'methylprednisolone');
  await page.fill('#f-med-mg', '0');
  await page.selectOption('#f-med-route', 'iv');
  await page.click('button[data-action=med-add]');
  assert.match(await page.locator('#err-med').innerText(), /mg/);
  await page.fill('#f-med-mg', '1000');
  await page.click('button[data-action=med-add]');
  assert.equal(await page.locator('#err-med').innerText(), '');
  // 96 + 1000 × 0.1875 = 96 + 187.5 = 283.5
  assert.equal(await page.getAttribute('#steroid-summary .big-number', 'data-systemic-mg'), '283.5');
  assert.match(await page.locator('#steroid-factors').innerText(), /Methylprednisolone\s+4 mg\s+× 0\.1875/);
});

test('a lab value is added with its unit and graphed', async () => {
  await page.fill('#f-lab-day', '14');
  await page.selectOption('#f-lab-analyte', 'crp');
  await page.selectOption('#f-lab-unit', 'mg/L');
  await page.fill('#f-lab-value', '112,5');
  await page.click('button[data-action=lab-add]');
  assert.match(await page.locator('#lab-table').innerText(), /C-reactive protein\s+112\.5 mg\/L/);
  assert.match(await page.locator("#labs-chart-caption").innerText(), /C-reactive protein/);
});

test('the page logged no errors', () => assert.deepEqual(problems, []));
