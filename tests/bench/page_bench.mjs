// In-browser benchmark of the built page (Debian Chromium, headless): prints JSON with the
// timings that BENCHMARKS.md records. Not a test: it asserts nothing and never fails on speed.
// Usage: node tests/bench/page_bench.mjs > out.json   (dist/ must be built)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, open, DIST } from '../e2e/harness.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const out = {};

// 1. What a first visit downloads (the service worker precaches every listed file, the
//    wasm-bindgen snippet under snippets/ included).
const distFiles = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? distFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]);
let gz = 0;
for (const file of distFiles(DIST)) {
  const f = path.basename(file);
  // The same files as tests/build_checks.mjs counts: not the single-file page, the embedding
  // example or the TypeScript types, which a first visit does not download.
  if (f.includes('standalone') || (f.endsWith('.html') && f !== 'index.html') || f.endsWith('.d.ts')) continue;
  gz += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}
out.firstVisitGzipKB = +(gz / 1024).toFixed(1);
out.wasmGzipKB = +(zlib.gzipSync(fs.readFileSync(path.join(DIST, fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm')))), { level: 9 }).length / 1024).toFixed(1);

// The series PKNCA was timed on (tests/fixtures/pknca): id,time,conc -> [[day, value], ...] per id.
const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/pknca');
const pkncaSeries = (file) => {
  const byId = new Map();
  for (const line of fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim().split('\n').slice(1)) {
    const [id, day, value] = line.split(',').map(Number);
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id).push([day, value]);
  }
  return [...byId.values()];
};
const pknca = { n100: pkncaSeries('series_n100.csv'), long200: pkncaSeries('series_long200.csv')[0], long1000: pkncaSeries('series_long1000.csv')[0] };

const server = await serve();

// 2. Cold load to a usable form (fresh profile each time, no service worker, local server).
const loads = [];
for (let i = 0; i < 5; i++) {
  const { context, close } = await launch({ serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.addEventListener('icans-calc:ready', () => { window.__readyAt = performance.now(); });
  });
  const { page } = await open(context, server.url);
  loads.push(await page.evaluate(() => window.__readyAt));
  await close();
}
out.coldLoadToUsableMs = +median(loads).toFixed(1);

// 2b. The same load without the calculator, in the same minutes: the built page's HTML and
//     stylesheet, with a script in place of the loader that announces "ready" once the document
//     is parsed. What the browser, the machine and the local server cost before any of this
//     project's JavaScript or wasm runs; the row above minus this is the calculator's own share.
const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icans-floor-'));
for (const f of fs.readdirSync(DIST)) {
  if (f.endsWith('.css')) fs.copyFileSync(path.join(DIST, f), path.join(floorDir, f));
}
const builtIndex = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
const loader = /<script defer src="\.\/boot\.js"[^>]*><\/script>/;
if (!loader.test(builtIndex)) throw new Error('page_bench: the loader script tag was not found in index.html');
fs.writeFileSync(path.join(floorDir, 'index.html'), builtIndex.replace(loader, '<script defer src="./floor.js"></script>')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, ''));
fs.writeFileSync(path.join(floorDir, 'floor.js'), "window.dispatchEvent(new Event('icans-calc:ready'));\n");
const floorServer = await serve(floorDir);
const floorLoads = [];
for (let i = 0; i < 5; i++) {
  const { context, close } = await launch({ serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.addEventListener('icans-calc:ready', () => { window.__readyAt = performance.now(); });
  });
  const floorPage = await context.newPage();
  await floorPage.goto(floorServer.url);
  await floorPage.waitForFunction(() => window.__readyAt);
  floorLoads.push(await floorPage.evaluate(() => window.__readyAt));
  await close();
}
await floorServer.close();
fs.rmSync(floorDir, { recursive: true, force: true });
out.coldLoadWithoutCalculatorMs = +median(floorLoads).toFixed(1);

const { context, close } = await launch({ serviceWorkers: 'block', viewport: { width: 768, height: 1024 } });
const { page } = await open(context, server.url);

// 3. Input to updated grade: a tap on an ICE item, handled synchronously (grade, table, summary).
out.tapToGradeMs = await page.evaluate(() => {
  const box = document.querySelector('input[name=ice-year]');
  const times = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    box.click();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return +times[30].toFixed(3);
});

// 4. Core calls through window.IcansCalc (wasm, JS boundary included), per call; then the
//    issue-11 rows: 1,000 separate gradeIcans calls in one loop, the same 1,000 as one batch
//    call, and kinetics on the series PKNCA was timed on (one 12-sample series at a time).
out.wasmCore = await page.evaluate((pknca) => {
  const per = (n, f) => { const t0 = performance.now(); for (let i = 0; i < n; i++) f(); return ((performance.now() - t0) / n) * 1000; };
  const medianOf = (runs, f) => { const xs = Array.from({ length: runs }, f).sort((a, b) => a - b); return xs[Math.floor(runs / 2)]; };
  const icans = { ageYears: 39, ice: { orientation: 1, naming: 1, commands: 0, writing: 0, attention: 0 },
    consciousness: 'awakensToVoice', seizure: 'none', motor: 'none', icpEdema: 'none' };
  const crs = { fever: 'present', hypotension: 'oneVasopressor', oxygen: 'nasalCannula', oxygenLitersPerMin: 6 };
  const series = (n) => ({ series: { total: Array.from({ length: n }, (_, i) => {
    const day = i * 0.5; return [day, day <= 14 ? 77.7 * day / 14 : 77.7 * Math.exp(-(day - 14) / 20)];
  }) } });
  const s200 = series(200), s1000 = series(1000);
  const api = window.IcansCalc;
  // 1,000 different assessments (ICE items and consciousness vary), as a ward's list would be.
  const levels = ['alert', 'awakensSpontaneously', 'awakensToVoice', 'awakensToTactile', 'unarousable'];
  const thousand = Array.from({ length: 1000 }, (_, i) => ({ ageYears: 18 + (i % 60),
    ice: { orientation: i % 5, naming: i % 4, commands: i % 2, writing: (i >> 1) % 2, attention: (i >> 2) % 2 },
    consciousness: levels[i % 5], seizure: 'none', motor: 'none', icpEdema: 'none' }));
  const loop1000 = () => { const t0 = performance.now(); for (const a of thousand) api.gradeIcans(a); return performance.now() - t0; };
  const batch1000 = () => { const t0 = performance.now(); api.gradeIcans(thousand); return performance.now() - t0; };
  const kin = (total) => ({ series: { total }, method: 'linear', horizonsDays: [28, 90] });
  const n100 = pknca.n100.map(kin), long200 = kin(pknca.long200), long1000 = kin(pknca.long1000);
  for (let i = 0; i < 3; i++) { loop1000(); batch1000(); } // warm up
  const r = {
    gradeIcansUs: +per(5000, () => api.gradeIcans(icans)).toFixed(2),
    gradeCrsUs: +per(5000, () => api.gradeCrs(crs)).toFixed(2),
    kinetics200Us: +per(300, () => api.kinetics(s200)).toFixed(2),
    kinetics1000Us: +per(100, () => api.kinetics(s1000)).toFixed(2),
    gradeIcans1000LoopMs: +medianOf(21, loop1000).toFixed(2),
    gradeIcans1000BatchMs: +medianOf(21, batch1000).toFixed(2),
    // Median of 9 rounds of 500 calls: one mean over 3,000 calls moved by a third from run to
    // run at the same load (a collection or another process landing in it).
    kinetics12Us: +(medianOf(9, () => per(5, () => { for (const x of n100) api.kinetics(x); })) / n100.length).toFixed(2),
    pknca200Us: +per(300, () => api.kinetics(long200)).toFixed(2),
    pknca1000Us: +per(100, () => api.kinetics(long1000)).toFixed(2),
  };
  // The page's values for PKNCA's 100 series, compared with PKNCA's in Node below.
  r.pkncaValues = n100.map((x) => { const s = api.kinetics(x).series.total;
    return [s.cmax, s.tmax, s.auc[0].value, s.auc[1].value, s.lambdaZ, s.halfLifeDays, s.aucInf]; });
  return r;
}, pknca);
{
  // Largest relative difference from PKNCA over every series and field (README: cmax, tmax,
  // aucint.all.0.28, aucint.all.0.90, lambda.z, half.life, aucinf.obs).
  const lines = fs.readFileSync(path.join(FIXTURES, 'pknca_results_n100.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const columns = ['cmax', 'tmax', 'aucint.all.0.28', 'aucint.all.0.90', 'lambda.z', 'half.life', 'aucinf.obs'].map((c) => header.indexOf(c));
  let worst = 0, compared = 0, mismatched = 0;
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    columns.forEach((c, j) => {
      const want = cells[c] === 'NA' ? null : Number(cells[c]);
      const got = out.wasmCore.pkncaValues[i][j];
      if (want === null || got === null) { if (want !== got) mismatched++; return; }
      worst = Math.max(worst, Math.abs(got - want) / Math.max(Math.abs(want), 1e-300));
      compared++;
    });
  });
  delete out.wasmCore.pkncaValues;
  out.pkncaAgreement = { compared, mismatched, largestRelativeDifference: worst };
}

// 5. Kinetics panel: redraw (results, cell checks, graph) after editing one cell.
async function kineticsRedraw(n) {
  await page.click('a[data-tab=kinetics]');
  const lines = ['Day\tTotal\tCD4+\tCD8+'];
  for (let i = 0; i < n; i++) {
    const day = i * 0.5;
    const v = day <= 14 ? 77.7 * day / 14 : 77.7 * Math.exp(-(day - 14) / 20);
    lines.push(`${day}\t${v.toFixed(4)}\t${(v * 0.8).toFixed(4)}\t${(v * 0.1).toFixed(4)}`);   // 4 decimals: "2.775" would be refused as ambiguous (1,000 rule)
  }
  await page.evaluate(() => { document.querySelector('details.paste').open = true; });
  await page.fill('#kin-paste', lines.join('\n'));
  await page.click('button[data-action=paste-read]');
  const replace = page.locator('button[data-action=paste-replace]');
  // A paste longer than a case keeps (200 rows per list) is refused: nothing to measure.
  if (!(await replace.count()) || !(await replace.isEnabled())) return null;
  await replace.click();
  return page.evaluate(() => {
    const cell = document.getElementById('kin-5-1');
    const times = [];
    for (let i = 0; i < 21; i++) {
      cell.value = String(10 + (i % 3));
      const t0 = performance.now();
      cell.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return +times[10].toFixed(2);
  });
}
out.kineticsRedraw200Ms = await kineticsRedraw(200);
out.kineticsRedraw1000Ms = await kineticsRedraw(1000);

// 6. Course of 100 assessments (with medications): re-render after an edit (summary, tables,
//    course and labs graphs, published comparison).
{
  const assessments = Array.from({ length: 100 }, (_, i) => ({
    day: 1 + i * 0.25,
    icans: { ice: { orientation: i % 5, naming: i % 4, commands: i % 2, writing: 0, attention: 1 }, consciousness: 'alert' },
    crs: { fever: i % 3 === 0 ? 'absent' : 'present', hypotension: 'none', oxygen: 'none' },
  }));
  const medications = Array.from({ length: 20 }, (_, i) => ({ day: 2 + i, drug: 'dexamethasone', mg: 10, route: 'iv' }));
  const labs = Array.from({ length: 30 }, (_, i) => ({ day: i, analyte: 'crp', value: 10 + i, unit: 'mg/L' }));
  const text = JSON.stringify({ schema: 'icans-calc/case@1', patient: { label: 'bench', ageYears: 50 }, assessments, medications, labs });
  await page.click('a[data-tab=case]');
  await page.setInputFiles('#import-file', { name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /Imported/.test(document.getElementById('io-status').textContent));
  await page.click('a[data-tab=course]');
  out.courseRedraw100Ms = await page.evaluate(() => {
    const label = document.getElementById('f-label');
    const times = [];
    for (let i = 0; i < 21; i++) {
      label.value = `bench ${i}`;
      const t0 = performance.now();
      label.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return +times[10].toFixed(2);
  });
}

// 7. Cohort tab: 10,000 generated patients (12 counts and 6 assessments each) in one cohort
//    file, from choosing the file to the rendered tables and graphs, with the longest gap between
//    animation frames meanwhile (how long the page could not respond); then 100,000 patients
//    through IcansCalc.evaluateCohort in the page (generated there, in batches of 10,000).
{
  const { generateCohort, generatedCase } = await import('../support/cohort-gen.mjs');
  const cases = generateCohort(10000);
  const text = JSON.stringify({ schema: 'icans-calc/cohort@1', cases });
  await page.goto(`${server.url}#cohort`);
  await page.waitForSelector('html[data-wasm-ready="1"]');
  await page.evaluate(() => {
    window.__gaps = [];
    window.__log = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push([t, t - last]); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const status = document.querySelector('#cohort-status');
    new MutationObserver(() => window.__log.push([performance.now(), status.textContent])).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles('#cohort-files', { name: 'cohort-10000.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction(() => /^Loaded/.test(document.querySelector('#cohort-status').textContent), null, { timeout: 300000 });
  out.cohort10000 = await page.evaluate(() => {
    window.__stop = true;
    const reading = window.__log.find(([, t]) => t.startsWith('Reading'))[0];
    const loaded = window.__log.find(([, t]) => t.startsWith('Loaded'))[0];
    const firstProgress = window.__log.find(([, t]) => t.startsWith('Evaluating'))?.[0] ?? loaded;
    // Gaps that start after the file was handed to the page (Playwright's own transfer of the
    // 13 MB buffer happens before "Reading").
    const gaps = window.__gaps.filter(([t, g]) => t - g >= reading).map(([, g]) => g);
    return {
      patients: 10000,
      fileMB: null,
      fromFileReadToRenderedMs: +(loaded - reading).toFixed(0),
      readAndParseMs: +(firstProgress - reading).toFixed(0),
      longestFrameGapMs: +Math.max(...gaps).toFixed(0),
    };
  });
  out.cohort10000.fileMB = +(text.length / 1e6).toFixed(1);
  out.cohort100000Api = await page.evaluate(`(() => {
    ${generatedCase.toString().replace('export ', '')}
    const DAYS = [0, 1, 3, 7, 10, 14, 17, 21, 28, 60, 90, 180];
    const LEVELS = ['alert', 'awakensSpontaneously', 'awakensToVoice', 'awakensToTactile', 'unarousable'];
    let state = 20261201;
    const rnd = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const t0 = performance.now();
    const all = Array.from({ length: 100000 }, (_, i) => generatedCase(i, rnd));
    const t1 = performance.now();
    const r = window.IcansCalc.evaluateCohort(all);
    const patients = r.patients.length, rejected = r.rejected.length;
    return { patients, rejected, generateMs: +(t1 - t0).toFixed(0), evaluateMs: +(performance.now() - t1).toFixed(0),
      jsHeapMB: performance.memory ? +(performance.memory.usedJSHeapSize / 1e6).toFixed(0) : null };
  })()`);
}

await close();
await server.close();
console.log(JSON.stringify(out, null, 2));
