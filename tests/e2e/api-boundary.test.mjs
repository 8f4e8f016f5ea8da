// The JS API's two ways in give the same answer: the JSON text www/boundary.js writes (the fast
// way) and the wasm's own walk of the value (exports.rs to_json, the way every call took before).
// Every input below — valid ones, every error case of the API tests, and hostile values
// (NaN, -0, undefined, Dates, boxed numbers, functions, symbols, BigInt, cycles, lone surrogates,
// getters, proxies, deep nesting, holes) — goes through all seven functions both ways, and the
// results (or the thrown errors: class, message, field) must be identical, -0 and NaN included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, DIST } from './harness.mjs';

let server, browser, page, problems, snippet;

before(async () => {
  const glue = fs.readdirSync(DIST).find((f) => /^icans-calc-[0-9a-f]+\.js$/.test(f));
  snippet = fs.readFileSync(path.join(DIST, glue), 'utf8').match(/from '\.\/(snippets\/[^']+\/boundary\.js)'/)[1];
  server = await serve();
  browser = await launch();
  ({ page, problems } = await open(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs in the page: builds the inputs (they cannot cross from Node as they are). */
function inputs() {
  const ice = (o = 1) => ({ orientation: o, naming: 1, commands: 0, writing: 0, attention: 0 });
  const full = { ageYears: 39, ice: ice(), consciousness: 'awakensToVoice', seizure: 'none', motor: 'none', icpEdema: 'none' };
  const cycle = { ice: 'unarousable' }; cycle.self = cycle;
  const nest = (n) => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
  const holes = [, 1]; // eslint-disable-line no-sparse-arrays
  const withExtra = [[14, 77.7], [28, 27.9]]; withExtra.note = 'x';
  const bare = Object.create(null); bare.ice = 'unarousable';
  class Assessment { constructor() { this.ice = 'unarousable'; } get hidden() { return 1; } }
  const proxy = new Proxy({ ice: 'unarousable', consciousness: 'alert' }, {});
  const getter = { get ice() { return 'unarousable'; }, consciousness: 'alert' };
  const toJson = { toJSON() { return { ice: 'unarousable' }; } };
  const toJsonInside = { ice: { toJSON() { return 'unarousable'; } } };
  const proto = JSON.parse('{"__proto__": {"x": 1}, "ice": "unarousable"}');
  const exampleCase = {
    schema: 'icans-calc/case@1', patient: { label: 'PMBCL 39 M', ageYears: 39 }, infusionDate: '2023-05-02',
    assessments: [
      { day: 14, icans: { ice: { orientation: 1, naming: 1, commands: 0, writing: 0, attention: 0 }, consciousness: 'awakensToVoice' }, crs: { fever: 'absent' } },
      { day: 14.04, icans: { ice: 'unarousable', consciousness: 'unarousable' } },
      { day: 14.3, icans: { ice: { orientation: 3, naming: 2, commands: 1, writing: 0, attention: 0 }, consciousness: 'awakensSpontaneously' } },
      { day: 15.4, icans: { ice: { orientation: 4, naming: 3, commands: 1, writing: 1, attention: 1 }, consciousness: 'alert' } },
    ],
    medications: [
      { day: 14, drug: 'dexamethasone', mg: 20, route: 'iv' },
      { day: 14.04, drug: 'methotrexate', mg: 15, route: 'it' },
      { day: 14.04, drug: 'cytarabine', mg: 40, route: 'it' },
      { day: 14.04, drug: 'dexamethasone', mg: 4, route: 'it' },
      { day: -0, drug: 'other', label: 'fludarabine', mg: 30, route: 'iv' },
    ],
    cells: { blood: { total: [[14, 77.7], [28, 27.9], [90, 2.5], [180, 0.76]], cd4: [[14, 43.7]], cd8: [[14, 0.49]] } },
    labs: [{ day: 14, analyte: 'crp', value: 12, unit: 'mg/L' }],
    baseline: { plateletsPerUl: 120000, ancPerUl: 900, hbGPerDl: 8.5, crpMgPerL: 45, ferritinNgPerMl: 2500 },
    settings: { aucMethod: 'linear', horizonsDays: [28, 90] },
  };
  const hostile = [
    NaN, Infinity, -Infinity, -0, 0, 1e308, 5e-324, undefined, null, true, 'text', '\uD800', '😀',
    new Date(0), new Date(NaN), new Number(5), new String('ab'), new Boolean(true), Symbol('s'), () => 1, 10n,
    [], {}, holes, withExtra, bare, new Map([['a', 1]]), new Set([1]), new Uint8Array([1, 2]), /x/, new Error('e'),
    cycle, nest(30), nest(31), nest(32), nest(33), nest(40), proxy, getter, toJson, toJsonInside, proto,
    new Assessment(), Object.freeze({ ice: 'unarousable' }), { 2: 'a', 1: 'b', z: 1, a: 2 },
    { '\uDC00': 1 }, { 'a"b\\c\n': 1 }, [undefined], [null], [() => 1], [Symbol('s')], [NaN], [-0],
  ];
  const byFunction = {
    gradeIcans: [
      full, { ice: 'unarousable' }, { ice: ice(5) }, { ice: ice(2.5) }, { ice: ice(-0) }, { ice: ice(NaN) },
      { ageYears: 5, capd: ['never', 'rarely', 'sometimes', 'often', 'always', 'never', 'never', 'never'] },
      { ageYears: 5, capd: 'unarousable', otherCause: ['tool'] }, { ageYears: 5, ice: ice() }, { ageYears: 20, capd: 'unarousable' },
      { tool: 'capd', ageYears: 30, capd: 'unarousable' }, { consciusness: 'alert' }, { consciousness: 'unarousabel' },
      { consciousness: 'alert', otherCause: ['motor'] }, { consciousness: 'alert', otherCause: ['consciousness'] }, {},
      { ageYears: 121, consciousness: 'alert' }, { ageYears: -0, consciousness: 'alert' }, { ageYears: NaN, consciousness: 'alert' },
      { ageYears: undefined, consciousness: 'alert' }, { ageYears: null, consciousness: 'alert' }, { ageYears: '39', consciousness: 'alert' },
      { ageYears: new Number(39), consciousness: 'alert' }, { ageYears: 39, consciousness: 'alert', extra: () => 1 },
      { ageYears: 39, consciousness: 'alert', extra: Symbol('x') }, { ageYears: 39, consciousness: new String('alert') },
      { ageYears: 39, consciousness: 'alert', when: new Date(0) }, { ice: { ...ice(), orientation: 10n } },
      { seizure: 'prolongedOrRepetitive', motor: 'deepFocalWeakness', icpEdema: 'diffuseEdemaOrSigns' },
      [full, { ice: ice(5) }, { ice: NaN }, null, undefined, 5, { ice: 'unarousable', f() {} }, cycle, [], toJson, -0],
      [], [[]], holes,
      ...hostile,
    ],
    gradeCrs: [
      { fever: 'present', hypotension: 'oneVasopressor', oxygen: 'nasalCannula', oxygenLitersPerMin: 6 },
      { fever: 'present', oxygen: 'nasalCannula' }, { temperatureC: NaN }, { temperatureC: -0 }, { temperatureC: 38.0 },
      { temperatureC: 45.0000001 }, { temperatureC: 25 }, { fever: 'present', temperatureC: 39 }, {}, { fever: 'masked', oxygen: 'facemask', oxygenLitersPerMin: -0 },
      { fever: 'present', temperatureC: undefined }, { fever: 'present', oxygen: 'cpap' }, { fever: 'absent', hypotension: 'multipleVasopressors' },
      { fever: 'present', oxygen: 'nasalCannula', oxygenLitersPerMin: 80.5 }, { fever: 'present', oxygen: 'nasalCannula', oxygenLitersPerMin: Infinity },
      [{ temperatureC: 38.0 }, { temperatureC: NaN }, { temperatureC: new Number(38) }],
      ...hostile,
    ],
    kinetics: [
      { series: { total: [[14, 77.7], [28, 27.9], [90, 2.5], [180, 0.76]], cd4: [[14, 43.7], [28, 10]], cd8: [[14, 0.49], [28, 0]] } },
      { series: { total: [[0, 0], [7, 128], [14, 64], [21, 32], [28, 16]] }, method: 'linUpLogDown', horizonsDays: [28, 90, 3.5] },
      { series: { total: [[-0, 0], [7, 10], [14, 5], [21, 2], [28, 1]] } }, { series: { total: [[0, -0], [7, 1]] } },
      { series: { total: [[14, 77.7], [14, 27.9]] } }, { series: { total: [[14, NaN]] } }, { series: { total: [[14, Infinity]] } },
      { series: { total: [] } }, { series: {} }, { series: { total: [[14]] } }, { series: { total: [[14, 1, 2]] } },
      { series: { total: [[-1, 1]] } }, { series: { total: [[14, 77.7]] }, horizonsDays: [] }, { series: { total: [[14, 77.7]] }, horizonsDays: [-0] },
      { series: { total: [[14, 77.7]] }, method: 'log' }, { series: { total: withExtra } }, { series: { total: holes } },
      { series: { total: [[14, 77.7], [28, 27.9]], cd4: [[14, 40], [28, 20]], cd8: [[14, -0], [28, 1]] } },
      { series: { total: Array.from({ length: 1000 }, (_, i) => [i * 0.5, 77.7 * Math.exp(-i / 40)]) } },
      [{ series: { total: [[14, 77.7], [28, 27.9]] } }, { series: { total: [[14, NaN]] } }, {}],
      // Lists of pairs that stop being pairs part way (the boundary writes a list of pairs only
      // in a short form): a number, a triple, a string, null, an object or a hole after pairs,
      // pairs after a number, a pair of a number and a string, pairs nested deep.
      { series: { total: [[14, 77.7], [28, 27.9], 5] } }, { series: { total: [5, [14, 77.7], [28, 27.9]] } },
      { series: { total: [[14, 77.7], [28, 27.9, 1]] } }, { series: { total: [[14, 77.7], 'x', [28, 27.9]] } },
      { series: { total: [[14, 77.7], null] } }, { series: { total: [[14, 77.7], { day: 28 }] } },
      { series: { total: [[14, 77.7], [28, '27.9']] } }, { series: { total: [[14, 77.7], [28, 27.9], ...holes] } },
      { series: { total: [[14, 77.7], [[28, 27.9]]] } }, { series: { total: [[14, 77.7]] }, horizonsDays: [[28, 90]] },
      ...[26, 27, 28, 29].map((n) => { let v = [[14, 1], [28, 2]]; for (let i = 0; i < n; i++) v = [v]; return { series: { total: v } }; }),
      [[1, 2], [3, 4]],
      { series: { total: [[14, 77.7], [28, -0], [42, NaN]], cd4: [[14, 40]], cd8: [[14, 1], [28, Infinity]] } },
      ...hostile,
    ],
    steroidDose: [
      { medications: [{ day: 14, drug: 'dexamethasone', mg: 20, route: 'iv' }, { day: 14.04, drug: 'dexamethasone', mg: 4, route: 'it' }] },
      { medications: [{ day: -0, drug: 'dexamethasone', mg: 4, route: 'iv' }, { day: 1, drug: 'methylprednisolone', mg: 1000, route: 'iv' }] },
      { medications: [{ day: 1, drug: 'other', label: 'Decadron', mg: 4, route: 'iv' }] },
      { medications: [{ day: 1, drug: 'dexamethazone', mg: 4, route: 'iv' }] }, { medications: [{ day: -31, drug: 'dexamethasone', mg: 4, route: 'iv' }] },
      { medications: [{ day: 1, drug: 'dexamethasone', mg: 0, route: 'iv' }] }, { medications: [{ day: 1, drug: 'tocilizumab', mg: 560, route: 'iv' }] },
      { medications: [] }, { medications: holes }, { medications: [{ day: 1, drug: 'dexamethasone', mg: NaN, route: 'iv' }] },
      ...hostile,
    ],
    hematotox: [
      { plateletsPerUl: 120000, ancPerUl: 900, hbGPerDl: 8.5, crpMgPerL: 45, ferritinNgPerMl: 2500 },
      { plateletsPerUl: 200000, ancPerUl: 2000, hbGPerDl: 12, crpMgPerDl: 0.5, ferritinNgPerMl: 100 },
      { plateletsPerUl: 120, ancPerUl: 900, hbGPerDl: 8.5, crpMgPerL: 45, ferritinNgPerMl: 2500 },
      { plateletsPerUl: 120000, ancPerUl: 900, hbGPerDl: 8.5, crpMgPerL: 45, crpMgPerDl: 4.5, ferritinNgPerMl: 2500 },
      { plateletsPerUl: 120000, ancPerUl: -0, hbGPerDl: 8.5, crpMgPerDl: -0, ferritinNgPerMl: -0 },
      { plateletsPerUl: 120000, ancPerUl: 900, hbGPerDl: 8.5, ferritinNgPerMl: 2500 },
      ...hostile,
    ],
    evaluateCase: [
      exampleCase, { ...exampleCase, schema: 'icans-calc/case@9' }, { ...exampleCase, assessments: [{ day: -31, icans: { consciousness: 'alert' } }] },
      { ...exampleCase, patient: { label: new Date(0) } }, { ...exampleCase, patient: { label: '\uD800x' } }, { ...exampleCase, infusionDate: new Date(0) },
      { ...exampleCase, assessments: [{ day: -0, icans: { consciousness: 'alert' } }, { day: 1, crs: { temperatureC: NaN } }] },
      { schema: 'icans-calc/case@1', patient: { label: 'x' } }, { schema: 'icans-calc/case@1' },
      ...hostile,
    ],
    evaluateCohort: [
      [exampleCase, { ...exampleCase, patient: { label: 'B' }, assessments: [{ day: -31, icans: { consciousness: 'alert' } }] }, 'not a case', null, cycle, toJson, { ...exampleCase, medications: [{ day: NaN }] }],
      [], [exampleCase], exampleCase, holes, [undefined],
      ...hostile,
    ],
  };
  return byFunction;
}

test('every input gives the same result or the same error through the JSON text and through the wasm walk', async () => {
  // One expression, so that the inputs' builder runs in the page (the page's CSP forbids eval).
  const compareAll = async (snippet, inputs) => {
    const boundary = await import('./' + snippet);
    const byFunction = inputs();
    const api = window.IcansCalc;
    const outcome = (f, input) => {
      try {
        return { value: f(input) };
      } catch (e) {
        if (!(e instanceof Error)) return { thrown: e };
        return { error: { class: e.constructor.name, message: e.message, field: e.field, keys: Reflect.ownKeys(e).filter((k) => k !== 'stack') } };
      }
    };
    const same = (a, b) => {
      if (Object.is(a, b)) return true;
      if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
      if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
      const ka = Reflect.ownKeys(a), kb = Reflect.ownKeys(b);
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
    };
    const differences = [];
    let compared = 0, fast = 0, errors = 0;
    const valid = [];
    for (const [name, list] of Object.entries(byFunction)) {
      list.forEach((input, i) => {
        boundary.icansCalcWalkInWasm(true);
        const walked = outcome(api[name], input);
        boundary.icansCalcWalkInWasm(false);
        const text = outcome(api[name], input);
        compared++;
        if (boundary.icansCalcInputText(input) !== undefined) fast++;
        boundary.icansCalcInputNumbers();
        if (walked.error) errors++;
        else if (name === 'evaluateCase' || name === 'evaluateCohort') valid.push(`${name}[${i}]`);
        if (!same(walked, text)) differences.push(`${name}[${i}]: ${JSON.stringify(walked).slice(0, 200)} vs ${JSON.stringify(text).slice(0, 200)}`);
      });
    }
    return { differences, compared, fast, errors, valid };
  };
  const r = await page.evaluate(`(${compareAll})(${JSON.stringify(snippet)}, ${inputs})`);
  assert.deepEqual(r.differences, []);
  assert.ok(r.compared > 250, `${r.compared} inputs compared`);
  assert.ok(r.fast > 150, `only ${r.fast} inputs took the JSON text`);
  assert.ok(r.errors > 100, `only ${r.errors} error cases`);
  for (const name of ['evaluateCase[0]', 'evaluateCase[7]', 'evaluateCohort[0]', 'evaluateCohort[2]']) assert.ok(r.valid.includes(name), `${name} is valid`);
});

test('a getter is read once either way, and a throwing getter throws its own error either way', async () => {
  const r = await page.evaluate(async (snippet) => {
    const boundary = await import('./' + snippet);
    const counts = [];
    for (const walk of [true, false]) {
      boundary.icansCalcWalkInWasm(walk);
      let reads = 0;
      const input = { get ice() { reads++; return 'unarousable'; } };
      const grade = window.IcansCalc.gradeIcans(input).grade;
      let thrown;
      try { window.IcansCalc.gradeCrs({ get fever() { throw new RangeError('from the getter'); } }); } catch (e) { thrown = `${e.constructor.name}: ${e.message}`; }
      // A getter that calls the API while the input is being written: each call keeps its own
      // numbers (39 must still be the age, 5 the child's, 77.7 the series' Cmax).
      let inner;
      const nested = window.IcansCalc.gradeIcans({
        get ageYears() { inner = window.IcansCalc.kinetics({ series: { total: [[14, 77.7], [28, 27.9]] } }).series.total.cmax; return 39; },
        consciousness: 'alert',
      });
      const child = window.IcansCalc.gradeIcans({ ageYears: 5, consciousness: 'awakensToVoice' });
      counts.push({ reads, grade, thrown, nested: [nested.tool, inner, child.tool, child.grade] });
    }
    boundary.icansCalcWalkInWasm(false);
    return counts;
  }, snippet);
  assert.deepEqual(r[0], { reads: 1, grade: 4, thrown: 'RangeError: from the getter', nested: ['ice', 77.7, 'capd', 2] });
  assert.deepEqual(r[1], r[0]);
});

test('the single-file page reads input the same way (its inlined boundary)', async () => {
  const { page: single } = await open(browser.context, `${server.url}icans-calc-standalone.html`);
  const probe = () => {
    const api = window.IcansCalc;
    const error = (f) => { try { f(); return null; } catch (e) { return [e.message, e.field]; } };
    return {
      grade: api.gradeIcans({ ice: 'unarousable' }).grade,
      nan: error(() => api.gradeCrs({ temperatureC: NaN })),
      boxed: error(() => api.gradeIcans({ ageYears: new Number(39), consciousness: 'alert' })),
      dated: error(() => api.evaluateCase({ schema: 'icans-calc/case@1', patient: { label: new Date(0) } })),
      ledger: api.steroidDose({ medications: [{ day: -0, drug: 'dexamethasone', mg: 4, route: 'iv' }] }),
      kinetics: api.kinetics({ series: { total: [[14, 77.7], [28, 27.9], [90, 2.5], [180, 0.76]] } }),
    };
  };
  const served = await page.evaluate(probe);
  const standalone = await single.evaluate(probe);
  assert.equal(served.grade, 4);
  assert.deepEqual(served.nan, ['temperatureC: must be a finite number, got NaN', 'temperatureC']);
  assert.deepEqual(standalone, served);
  await single.close();
});

test('the page logged no errors', () => {
  assert.deepEqual(problems, []);
});
