// Screenshots for people to look at (not a test): every tab with the published example loaded,
// at tablet (768x1024 and 1024x768) and phone (390x844) size, light and dark; the Cohort tab
// with a small generated cohort.
// Usage: node tests/e2e/screenshots.mjs [outdir]   (dist/ must be built)
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, open, ROOT } from './harness.mjs';
import { generateCohort } from '../support/cohort-gen.mjs';

const out = process.argv[2] || path.join(ROOT, 'tests/e2e/out');
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const sizes = { tablet: { width: 768, height: 1024 }, landscape: { width: 1024, height: 768 }, phone: { width: 390, height: 844 } };
for (const [name, viewport] of Object.entries(sizes)) {
  for (const colorScheme of ['light', 'dark']) {
    const { context, close } = await launch({ viewport, colorScheme, deviceScaleFactor: 1, hasTouch: true, serviceWorkers: 'block' });
    const { page, problems } = await open(context, server.url + '#case');
    await page.click('button[data-action=case-example]');
    await page.click('a[data-tab=assess]');
    await page.fill('#f-age', '39');
    await page.click('input[name=ice-year]');
    await page.click('input[name=ice-month]');
    await page.click('input[name=consciousness][value=awakensToVoice]');
    await page.click('input[name=fever][value=present]');
    await page.click('input[name=oxygen][value=nasalCannula]');
    await page.fill('#f-flow', '4');
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const tab of ['assess', 'course', 'kinetics', 'baseline', 'case', 'cohort']) {
      await page.click(`a[data-tab=${tab}]`);
      if (tab === 'baseline') {
        await page.fill('#f-ht-platelets', '150');
        await page.click('input[name="ht-platelets-unit"] >> nth=1');
        await page.fill('#f-ht-anc', '800');
        await page.click('input[name="ht-anc-unit"] >> nth=0');
        await page.fill('#f-ht-hb', '9,5');
        await page.click('input[name="ht-hb-unit"] >> nth=0');
        await page.fill('#f-ht-crp', '40');
        await page.click('input[name="ht-crp-unit"] >> nth=0');
        await page.fill('#f-ht-ferritin', '700');
      }
      if (tab === 'cohort') {
        const text = JSON.stringify({ schema: 'icans-calc/cohort@1', cases: generateCohort(24, 3) });
        await page.setInputFiles('#cohort-files', { name: 'cohort.json', mimeType: 'application/json', buffer: Buffer.from(text) });
        await page.waitForFunction(() => /^Loaded/.test(document.querySelector('#cohort-status').textContent));
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = path.join(out, `${tab}-${name}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
    }
    if (problems.length) console.log(problems);
    await close();
  }
}
await server.close();
