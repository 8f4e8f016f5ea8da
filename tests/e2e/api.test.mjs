// The JS API's additions through the built page: batch forms and evaluateCohort on
// window.IcansCalc, and the same through the stable ES-module entry an intranet page imports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

let server, browser, page, problems;

before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, problems } = await open(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an array to gradeIcans, gradeCrs or kinetics gives one { ok } or { error } per element', async () => {
  const r = await page.evaluate(() => ({
    icans: window.IcansCalc.gradeIcans([
      { ice: 'unarousable' },
      { ice: { orientation: 5, naming: 3, commands: 1, writing: 1, attention: 1 } },
    ]),
    crs: window.IcansCalc.gradeCrs([{ fever: 'present', oxygen: 'nasalCannula', oxygenLitersPerMin: 6 }, { temperatureC: Number.NaN }]),
    kinetics: window.IcansCalc.kinetics([{ series: { total: [[14, 77.7], [28, 27.9]] } }]),
    single: window.IcansCalc.gradeIcans({ ice: 'unarousable' }).grade,
  }));
  assert.equal(r.icans.length, 2);
  assert.equal(r.icans[0].ok.grade, 4);
  assert.deepEqual(r.icans[1], { error: { field: 'ice.orientation', message: 'ice.orientation: must be 0-4, got 5' } });
  assert.equal(r.crs[0].ok.grade, 2);
  assert.equal(r.crs[1].error.field, 'temperatureC', 'NaN is an error, not "not given"');
  assert.equal(r.kinetics[0].ok.series.total.cmax, 77.7);
  assert.equal(r.single, 4, 'a single object still gives a plain result');
});

test('evaluateCohort gives a row per readable case, the summary and the rejected ones', async () => {
  const r = await page.evaluate(() => {
    const full = (day, orientation, consciousness) => ({ day, icans: { ice: { orientation, naming: 3, commands: 1, writing: 1, attention: 1 }, consciousness } });
    const cases = [
      { schema: 'icans-calc/case@1', patient: { label: 'A' }, assessments: [full(5, 0, 'awakensToTactile'), full(8, 4, 'alert')],
        medications: [{ day: 5, drug: 'dexamethasone', mg: 10, route: 'iv' }] },
      { schema: 'icans-calc/case@1', patient: { label: 'B' }, assessments: [{ day: -31, icans: { consciousness: 'alert' } }] },
      { schema: 'icans-calc/case@1', patient: { label: 'C' }, medications: [{ day: 1, drug: 'dexamethasone', mg: 30, route: 'iv' }] },
    ];
    const single = window.IcansCalc.evaluateCase(cases[0]);
    return { cohort: window.IcansCalc.evaluateCohort(cases), single };
  });
  assert.deepEqual(r.cohort.patients.map((p) => p.label), ['A', 'C']);
  const a = r.cohort.patients[0];
  assert.equal(a.icansPeakGrade, r.single.course.icans.peakGrade);
  assert.equal(a.icansOnsetDay, r.single.course.icans.onsetDay);
  assert.equal(a.systemicDexEqMg, r.single.steroids.systemicDexEqMg);
  assert.equal(r.cohort.rejected.length, 1);
  assert.equal(r.cohort.rejected[0].index, 1);
  assert.equal(r.cohort.rejected[0].field, 'assessments[0].day');
  const dex = r.cohort.summary.numeric.find((c) => c.column === 'systemicDexEqMg');
  assert.deepEqual([dex.n, dex.median, dex.min, dex.max], [2, 20, 10, 30]);
});

test('the ES-module entry exports the same functions, typed by icans-calc.d.ts beside it', async () => {
  const r = await page.evaluate(async () => {
    const m = await import('./icans-calc.js');
    await m.default();
    const types = await (await fetch('./icans-calc.d.ts')).text();
    return {
      grade: m.gradeIcans([{ ice: 'unarousable' }])[0].ok.grade,
      cohort: m.evaluateCohort([]).summary.patients,
      typed: ['gradeIcans', 'gradeCrs', 'kinetics', 'steroidDose', 'hematotox', 'evaluateCase', 'evaluateCohort']
        .filter((f) => typeof m[f] === 'function' && types.includes(`export function ${f}(`)),
    };
  });
  assert.equal(r.grade, 4);
  assert.equal(r.cohort, 0);
  assert.equal(r.typed.length, 7);
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
