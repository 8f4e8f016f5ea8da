// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA, with target-size enabled) on every panel in
// light and dark, touch targets of at least 44x44 CSS px at 768x1024, and a visible focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, ROOT } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export const PANELS = ['assess', 'course', 'kinetics', 'baseline', 'case', 'cohort'];

/** Fills each panel with something so that results, tables and errors are checked too. */
async function fill(page, panel) {
  if (panel === 'assess') {
    await page.fill('#f-age', '39');
    await page.click('input[name=ice-year]');
    await page.click('input[name=consciousness][value=awakensToVoice]');
    await page.click('input[name=other-seizure]');
    await page.click('input[name=fever][value=present]');
    await page.click('input[name=oxygen][value=nasalCannula]');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  } else if (panel === 'course' || panel === 'case') {
    await page.click('a[data-tab=case]');
    await page.click('button[data-action=case-example]');
    await page.click(`a[data-tab=${panel}]`);
    if (panel === 'course') {
      await page.click('button[data-action=med-add]');   // shows a field message too
    }
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  } else if (panel === 'baseline') {
    await page.fill('#f-ht-platelets', '150');
    await page.click('input[name="ht-platelets-unit"] >> nth=1');
    await page.fill('#f-ht-anc', '800');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  } else if (panel === 'cohort') {
    // A small cohort with one unreadable row: the table, summary, graphs and the issue list.
    await page.fill('#cohort-paste', 'id;day;total;CD4;CD8\nA;7;10;6;4\nA;14;77,7;70;7\nA;28;27,9;20;8\nB;14;50;25;25\nB;28;20;10;10\nC;14;3;1;2\nC;x;1;1;1\n');
    await page.click('button[data-action=cohort-paste]');
    await page.waitForFunction(() => /^Loaded/.test(document.querySelector('#cohort-status').textContent));
  } else if (panel === 'kinetics') {
    await page.fill('#kin-0-0', '0'); await page.fill('#kin-0-1', '0');
    await page.fill('#kin-1-0', '14'); await page.fill('#kin-1-1', '77,7'); await page.fill('#kin-1-2', '69'); await page.fill('#kin-1-3', '0,8');
    await page.fill('#kin-2-0', '28'); await page.fill('#kin-2-1', '-1');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  }
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'target-size': { enabled: true } },
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? ''}`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  for (const panel of PANELS) {
    test(`axe finds no WCAG A/AA violation on ${panel} (${colorScheme})`, async () => {
      const server = await serve();
      const { context, close } = await launch({ colorScheme, viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
      try {
        const { page } = await open(context, `${server.url}#${panel}`);
        await fill(page, panel);
        assert.deepEqual(await axe(page), []);
      } finally {
        await close();
        await server.close();
      }
    });
  }
}

test('every control is at least 44x44 CSS px on a 768x1024 tablet', async () => {
  const server = await serve();
  const { context, close } = await launch({ viewport: { width: 768, height: 1024 }, hasTouch: true, serviceWorkers: 'block' });
  try {
    const { page } = await open(context, server.url);
    const small = [];
    for (const panel of PANELS) {
      await page.click(`a[data-tab=${panel}]`);
      await fill(page, panel);
      small.push(...await page.evaluate(() => {
        const out = [];
        for (const el of document.querySelectorAll('input, button, select, textarea, a[href], summary')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;   // not shown in this panel
          if (el.closest('.app-footer') || el.classList.contains('skip-link')) continue;
          // A visually hidden file input is operated through its label, which is the target.
          if (el.classList.contains('file-input')) {
            const label = document.querySelector(`label[for="${el.id}"]`).getBoundingClientRect();
            if (label.width < 44 || label.height < 44) out.push(`label for ${el.id} ${Math.round(label.width)}x${Math.round(label.height)}`);
            continue;
          }
          if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()}[name=${el.name || el.id || el.textContent.trim().slice(0, 20)}] ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return out;
      }));
    }
    assert.deepEqual(small, []);
  } finally {
    await close();
    await server.close();
  }
});

test('no panel scrolls sideways on a 390 px phone', async () => {
  const server = await serve();
  const { context, close } = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, serviceWorkers: 'block' });
  try {
    const { page } = await open(context, server.url + '#case');
    await page.click('button[data-action=case-example]');
    const wide = [];
    for (const panel of PANELS) {
      await page.click(`a[data-tab=${panel}]`);
      if (panel === 'cohort') await fill(page, panel);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) {
        const culprits = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => !(e.parentElement && e.parentElement.closest(".grid-wrap, .table-scroll, .results-card")) && e.getBoundingClientRect().right > 392).slice(0, 5).map((e) => `${e.tagName}#${e.id}.${e.className}`));
        wide.push(`${panel}: ${width}px (${culprits.join(", ")})`);
      }
    }
    assert.deepEqual(wide, []);
  } finally {
    await close();
    await server.close();
  }
});

test('the top bar keeps its height whatever it shows, so a tab tapped as a field loses focus is hit', async () => {
  // The tap's press blurs the age field, the page redraws, and the bar's grades change; a bar
  // that changed height then moved the tab away before the release (seen at 390 px: the tap
  // landed on the form and the Assess tab stayed).
  for (const width of [390, 768, 1024]) {
    const server = await serve();
    const { context, close } = await launch({ viewport: { width, height: 844 }, serviceWorkers: 'block' });
    try {
      const { page } = await open(context, server.url + '#assess');
      const heights = new Set();
      const bar = async () => heights.add(await page.evaluate(() => document.querySelector('.app-bar').getBoundingClientRect().height));
      await bar();
      await page.click('input[name=consciousness][value=awakensToVoice]');
      await page.click('input[name=ice-status][value=performed]');
      await page.click('input[name=ice-year]');
      await bar();
      await page.fill('#f-temperature', '39.2');
      await page.fill('#f-when-day', '-2');
      await page.fill('#f-when-time', '06:30');
      await page.click('#record-button');
      await bar();
      await page.fill('#f-age', '8');
      await page.click('a[data-tab=course]');
      await bar();
      assert.equal(await page.evaluate(() => location.hash), '#course', `at ${width} px`);
      assert.equal(heights.size, 1, `at ${width} px the bar was ${[...heights].join(', ')} px high`);
    } finally {
      await close();
      await server.close();
    }
  }
});

test('no id is used twice, on any panel, with the published example loaded', async () => {
  // A second element with the same id breaks label and aria-describedby links, and
  // getElementById finds only the first (axe no longer reports plain duplicate ids).
  const server = await serve();
  const { context, close } = await launch({ serviceWorkers: 'block' });
  try {
    const { page } = await open(context, server.url + '#case');
    await page.click('button[data-action=case-example]');
    const twice = [];
    for (const panel of PANELS) {
      await page.click(`a[data-tab=${panel}]`);
      if (panel === 'cohort') await fill(page, panel);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const ids = await page.evaluate(() => {
        const seen = new Map();
        for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
      });
      twice.push(...ids.map((id) => `${panel}: ${id}`));
    }
    assert.deepEqual(twice, []);
  } finally {
    await close();
    await server.close();
  }
});
