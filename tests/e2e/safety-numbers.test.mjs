// Numbers a clinician types are never misread: ambiguous thousands ("1,000", "2,500", "1,500")
// are refused at the field with both readings; full-width digits and units in the field are
// named; corticosteroids typed under "other" are either sent to their drug or shown as not
// converted; high doses are flagged, implausible ones refused; haemoglobin in mmol/L is
// converted with its factor shown; implausible counts and lab values are refused with the range.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let server, browser, page, problems;
before(async () => {
  server = await serve();
  browser = await launch({ viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
  ({ page, problems } = await open(browser.context, server.url + '#course'));
  page.on('dialog', (d) => d.accept());
});
after(async () => { await browser?.close(); await server?.close(); });

const medError = () => page.locator('#err-med').innerText();

async function addMedication({ day = '3', drug, label = '', mg, route = 'iv' }) {
  await page.fill('#f-med-day', day);
  await page.selectOption('#f-med-drug', drug);
  await page.fill('#f-med-label', label);
  await page.fill('#f-med-mg', mg);
  await page.selectOption('#f-med-route', route);
  await page.click('button[data-action=med-add]');
}

const systemicMg = () => page.getAttribute('#steroid-summary .big-number', 'data-systemic-mg');

test('methylprednisolone "1,000" mg is refused with both readings; "1000" is counted', async () => {
  await page.click('a[data-tab=course]');
  await addMedication({ drug: 'methylprednisolone', mg: '1,000' });
  assert.match(await medError(), /Dose in mg “1,000”: 1000 or 1,0\? .*type 1000 \(no separator\) or 1,0/);
  assert.equal(await page.locator('#med-table').count(), 0, 'nothing was added');
  await page.fill('#f-med-mg', '1000');
  await page.click('button[data-action=med-add]');
  assert.equal(await medError(), '');
  assert.equal(await systemicMg(), '187.5');
  await addMedication({ drug: 'dexamethasone', mg: '1,25' });
  assert.equal(await medError(), '');
  assert.equal(await systemicMg(), '188.75');
});

test('a unit typed in the dose field is named, not read', async () => {
  await addMedication({ drug: 'dexamethasone', mg: '10mg' });
  assert.match(await medError(), /type the number only \(10\), without “mg”/);
  await addMedication({ drug: 'dexamethasone', mg: '１０' });
  assert.match(await medError(), /full-width or non-Latin digits; type it with ordinary digits: 10/);
  assert.equal(await systemicMg(), '188.75');
});

test('"other" + Solu-Medrol is refused with "choose methylprednisolone"', async () => {
  await addMedication({ drug: 'other', label: 'Solu-Medrol', mg: '125' });
  assert.match(await medError(), /Name “Solu-Medrol” names methylprednisolone .*choose methylprednisolone as the drug/);
  assert.equal(await systemicMg(), '188.75');
});

test('"other" + betamethasone 4 mg is shown as not converted, not in the total', async () => {
  await addMedication({ drug: 'other', label: 'betamethasone', mg: '4', route: 'im' });
  assert.equal(await medError(), '');
  assert.equal(await systemicMg(), '188.75', 'not in the total');
  const summary = await page.locator('#steroid-summary').innerText();
  assert.match(summary, /Not converted, not in the total: 1 corticosteroid dose with no factor/);
  assert.match(summary, /betamethasone 4 mg intramuscular \(day \+3\)/);
  assert.match(summary, /0 non-steroid medications not converted/, 'never counted as a non-steroid');
  const row = page.locator('#med-table tr[data-kind=unconverted-steroid]');
  assert.match(await row.innerText(), /betamethasone[\s\S]*corticosteroid not converted, not in the total/);
});

test('1000 mg dexamethasone is flagged for a check and counted; a dose above the ceiling is refused', async () => {
  await addMedication({ day: '4', drug: 'dexamethasone', mg: '1000' });
  assert.equal(await medError(), '');
  assert.equal(await systemicMg(), '1188.75');
  assert.match(await page.locator('#steroid-check').innerText(), /Check: 1 single dose above 1000 mg methylprednisolone-equivalent/);
  assert.match(await page.locator('#med-table .check-dose').innerText(), /Check this dose: 5333\.3 mg methylprednisolone-equivalent, above 1000 mg/);
  await addMedication({ day: '4', drug: 'dexamethasone', mg: '2500' });
  assert.match(await medError(), /^Dose must be more than 0 and at most 2000 mg, got 2500; is the unit right\? No single dose of this drug/);
  assert.doesNotMatch(await medError(), /mg:|SPEC/);
  await addMedication({ day: '4', drug: 'dexamethasone', mg: '1e308' });
  assert.match(await medError(), /got 1e308;/);
  assert.equal(await systemicMg(), '1188.75');
});

test('an implausible lab value is refused with the range and a hint at the unit', async () => {
  await page.fill('#f-lab-day', '14');
  await page.selectOption('#f-lab-analyte', 'hemoglobin');
  await page.selectOption('#f-lab-unit', 'g/L');
  await page.fill('#f-lab-value', '9');
  await page.click('button[data-action=lab-add]');
  assert.match(await page.locator('#err-lab').innerText(), /must be 20-250 g\/L, got 9; is the unit right\? 9\.0 g\/dL is 90 g\/L/);
  await page.fill('#f-lab-value', '90');
  await page.click('button[data-action=lab-add]');
  assert.equal(await page.locator('#err-lab').innerText(), '');
  assert.match(await page.locator('#lab-table').innerText(), /Haemoglobin\s+90 g\/L/);
});

test('baseline: ANC "1,500" and ferritin "2,500" are refused at their fields; "1000" and "1,25" are read', async () => {
  await page.click('a[data-tab=baseline]');
  await page.fill('#f-ht-anc', '1,500');
  await page.click('input[name=ht-anc-unit][value=per-ul]');
  assert.match(await page.locator('#err-ht-anc').innerText(), /“1,500” is not read as a number: 1500 or 1,5\?/);
  assert.equal(await page.locator('#echo-ht-anc').innerText(), '');
  await page.fill('#f-ht-anc', '1000');
  assert.equal(await page.locator('#echo-ht-anc').innerText(), '= 1000 /µL');
  await page.fill('#f-ht-ferritin', '2,500');
  assert.match(await page.locator('#err-ht-ferritin').innerText(), /“2,500” is not read as a number: 2500 or 2,5\?/);
  await page.fill('#f-ht-ferritin', '2500');
  await page.fill('#f-ht-crp', '1,25');
  await page.click('input[name=ht-crp-unit][value=mg-dl]');
  assert.equal(await page.locator('#echo-ht-crp').innerText(), '= 1.25 mg/dL');
  assert.equal(await page.locator('#err-ht-crp').innerText(), '');
});

test('baseline: haemoglobin in mmol/L is converted with the cited factor, shown in the echo', async () => {
  await page.fill('#f-ht-platelets', '150000');
  await page.click('input[name=ht-platelets-unit][value=per-ul]');
  await page.fill('#f-ht-hb', '8,5');
  await page.click('input[name=ht-hb-unit][value=mmol-l]');
  assert.equal(await page.locator('#echo-ht-hb').innerText(), '= 8.5 mmol/L × 1.61145 = 13.697325 g/dL');
  assert.match(await page.locator('#ht-hb-factor').innerText(), /1 mmol\/L = 1\.61145 g\/dL \(haemoglobin monomer, 16\u202f114\.5 g\/mol; International Council for Standardization in Haematology/);
  const card = page.locator('#baseline-result .result-card');
  // Platelets 150,000 (1) + ANC 1000 (1) + Hb 13.7 (0) + CRP 1.25 mg/dL (0) + ferritin 2500 (2) = 4.
  assert.equal(await card.getAttribute('data-score'), '4');
  assert.doesNotMatch(await card.innerText(), /SPEC/);
  // 20 mmol/L is 32.229 g/dL: implausible, with the value as entered and converted.
  await page.fill('#f-ht-hb', '20');
  assert.match(await page.locator('#err-ht-hb').innerText(), /Haemoglobin \(20 mmol\/L = 32\.229 g\/dL\) must be 2-25 g\/dL, got 32\.229; is the unit right\?/);
  assert.equal(await card.getAttribute('data-score'), 'none');
});

test('kinetics: an implausible count is refused with the range; nothing prints 300 digits', async () => {
  await page.click('a[data-tab=kinetics]');
  await page.fill('#kin-0-0', '14');
  await page.fill('#kin-0-1', '1e308');
  assert.match(await page.locator('#kin-e-0-1').innerText(), /count must be 0-1000000 \/µL, got 1e308; is the unit right\?/);
  await page.fill('#kin-0-1', '2,500');
  assert.match(await page.locator('#kin-e-0-1').innerText(), /2500 or 2,5\?/);
  await page.fill('#kin-0-1', '77,7');
  assert.equal(await page.locator('#kin-e-0-1').innerText(), '= 77.7', 'read, and echoed');
  assert.equal(await page.getAttribute('#kin-0-1', 'aria-invalid'), null);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /\d{40}|\binf\b|NaN/);
});

test('the page logged no errors', () => assert.deepEqual(problems, []));
