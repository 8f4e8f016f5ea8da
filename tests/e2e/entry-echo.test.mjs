// The course's entry forms say at once, while typing, when a dose or a lab value is not read as a
// number ("1,000" could be a thousand or one; "10 mg" carries its unit) or is outside the core's
// range ("-5", "1e308": never echoed as if read), and nothing is added.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';

test('a dose or lab value that is not read as a number is said while typing and never added', async () => {
  const server = await serve();
  const browser = await launch({ viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
  try {
    const { page, problems } = await open(browser.context, server.url + '#course');
    for (const [typed, said] of [['1,000', /“1,000” is not read as a number: 1000 or 1,0\?/], ['10 mg', /“10 mg” is not read as a number/], ['1e308', /^must be more than 0 and at most .* mg, got 1e308$/], ['-5', /^must be more than 0 and at most .* mg, got -5$/], ['1e-300', /^= 1e-300 mg$/], ['12,5', /^= 12.5 mg$/]]) {
      await page.fill('#f-med-mg', typed);
      assert.match(await page.locator('#echo-med').innerText(), said, typed);
      // A refusal is shown as the field's error (error colour, the field marked for a screen
      // reader), a reading is not.
      const refused = !said.source.startsWith('^=');
      assert.equal(await page.getAttribute('#f-med-mg', 'aria-invalid'), refused ? 'true' : null, typed);
      assert.equal(await page.locator('#echo-med').evaluate((e) => e.classList.contains('refused')), refused, typed);
    }
    // The day of an entry, likewise: only the field that holds the refused text is marked.
    await page.fill('#f-med-day', '1,000');
    assert.match(await page.locator('#echo-med-when').innerText(), /Day “1,000”: 1000 or 1,0\?/);
    assert.equal(await page.getAttribute('#f-med-day', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#f-med-time', 'aria-invalid'), null);
    await page.fill('#f-med-day', '1000');
    assert.equal(await page.locator('#echo-med-when').innerText(), '= day +1000');
    assert.equal(await page.getAttribute('#f-med-day', 'aria-invalid'), null);
    await page.fill('#f-med-mg', '1,000');
    await page.fill('#f-med-day', '2');
    await page.selectOption('#f-med-drug', 'dexamethasone');
    await page.selectOption('#f-med-route', 'iv');
    await page.click('button[data-action=med-add]');
    assert.notEqual(await page.locator('#err-med').innerText(), '');
    assert.equal(await page.locator('#med-table tbody tr').count(), 0);
    await page.fill('#f-lab-value', '1.000');
    assert.match(await page.locator('#echo-lab').innerText(), /“1.000” is not read as a number/);
    // A value the core refuses is said at once, never echoed as read ("= -5").
    await page.fill('#f-lab-value', '-5');
    // Before a marker is chosen, the range is the values some marker may have in some unit.
    assert.match(await page.locator('#echo-lab').innerText(), /^must be 0-\d+, got -5$/);
    await page.fill('#f-lab-value', '1e308');
    assert.match(await page.locator('#echo-lab').innerText(), /^must be 0-\d+, got 1e308$/);
    await page.selectOption('#f-lab-analyte', 'crp');
    await page.selectOption('#f-lab-unit', 'mg/L');
    await page.fill('#f-lab-value', '1e308');
    assert.match(await page.locator('#echo-lab').innerText(), /^must be 0-.* mg\/L, got 1e308$/);
    assert.equal(await page.getAttribute('#f-lab-value', 'aria-invalid'), 'true');
    await page.fill('#f-lab-value', '12,5');
    assert.match(await page.locator('#echo-lab').innerText(), /^= 12.5/);
    assert.equal(await page.getAttribute('#f-lab-value', 'aria-invalid'), null);
    assert.deepEqual(problems, []);
  } finally { await browser.close(); await server.close(); }
});

test('"Add" marks the field it refused, also an empty or unchosen one, until the next "Add"', async () => {
  const server = await serve();
  const browser = await launch({ viewport: { width: 768, height: 1024 }, serviceWorkers: 'block' });
  try {
    const { page, problems } = await open(browser.context, server.url + '#course');
    const invalid = (id) => page.getAttribute(id, 'aria-invalid');
    // Nothing entered: the day is the first thing "Add" asks for, and only it is marked.
    await page.click('button[data-action=med-add]');
    assert.match(await page.locator('#err-med-when').innerText(), /^Enter when it was given/);
    assert.equal(await invalid('#f-med-day'), 'true');
    assert.equal(await invalid('#f-med-drug'), null);
    // The day given: the drug next; the day's mark goes with its message.
    await page.fill('#f-med-day', '2');
    await page.click('button[data-action=med-add]');
    assert.equal(await page.locator('#err-med-when').innerText(), '');
    assert.equal(await invalid('#f-med-day'), null);
    assert.equal(await page.locator('#err-med').innerText(), 'Choose the drug.');
    assert.equal(await invalid('#f-med-drug'), 'true');
    // Still marked while the message stands, though another field changed meanwhile.
    await page.selectOption('#f-med-route', 'iv');
    assert.equal(await invalid('#f-med-drug'), 'true');
    await page.selectOption('#f-med-drug', 'dexamethasone');
    await page.click('button[data-action=med-add]');
    assert.equal(await invalid('#f-med-drug'), null);
    assert.equal(await page.locator('#err-med').innerText(), 'Enter the dose in mg.');
    assert.equal(await invalid('#f-med-mg'), 'true');
    // Typing a dose: the echo takes over the field's mark.
    await page.fill('#f-med-mg', '1,000');
    assert.equal(await invalid('#f-med-mg'), 'true');
    await page.fill('#f-med-mg', '10');
    assert.equal(await invalid('#f-med-mg'), null);
    await page.click('button[data-action=med-add]');
    assert.equal(await page.locator('#med-table tbody tr').count(), 1);
    assert.equal(await page.locator('#err-med').innerText(), '');
    assert.equal(await page.locator('#med-form [aria-invalid]').count(), 0);
    // The lab form: the marker first, then the value.
    await page.fill('#f-lab-day', '3');
    await page.click('button[data-action=lab-add]');
    assert.equal(await page.locator('#err-lab').innerText(), 'Choose the marker.');
    assert.equal(await invalid('#f-lab-analyte'), 'true');
    await page.selectOption('#f-lab-analyte', 'crp');
    await page.selectOption('#f-lab-unit', 'mg/L');
    await page.click('button[data-action=lab-add]');
    assert.equal(await invalid('#f-lab-analyte'), null);
    assert.equal(await invalid('#f-lab-value'), 'true');
    // The bedside assessment's "when" on the Assess tab, likewise.
    await page.click('a[data-tab=assess]');
    await page.fill('#f-when-day', '');
    await page.fill('#f-when-date', '');
    await page.click('#record-button');
    assert.match(await page.locator('#err-when').innerText(), /^Enter when the assessment was made/);
    assert.equal(await invalid('#f-when-day'), 'true');
    assert.deepEqual(problems, []);
  } finally { await browser.close(); await server.close(); }
});
