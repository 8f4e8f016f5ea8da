// Takes screenshots of the page for people to look at (not a test): tablet and phone, light
// and dark. Usage: node tests/e2e/screenshots.mjs [outdir] [scenario]
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, open, ROOT } from './harness.mjs';

const out = process.argv[2] || path.join(ROOT, 'tests/e2e/out');
const scenario = process.argv[3] || 'assess';
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const sizes = { tablet: { width: 768, height: 1024 }, phone: { width: 390, height: 844 } };
for (const [name, viewport] of Object.entries(sizes)) {
  for (const colorScheme of ['light', 'dark']) {
    const { context, close } = await launch({ viewport, colorScheme, deviceScaleFactor: 1, hasTouch: true });
    const { page, problems } = await open(context, server.url);
    if (scenario === 'assess') {
      await page.fill('#f-age', '39');
      await page.click('input[name=ice-year]');
      await page.click('input[name=ice-month]');
      await page.check('input[name=consciousness][value=awakensToVoice]');
      await page.check('input[name=fever][value=present]');
      await page.check('input[name=oxygen][value=nasalCannula]');
      await page.fill('#f-flow', '4');
    }
    const file = path.join(out, `${scenario}-${name}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
    console.log(file, problems.length ? problems : 'no page errors');
    await close();
  }
}
await server.close();
