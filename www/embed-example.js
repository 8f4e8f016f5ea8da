// Example embedder: imports the calculator's wasm API as an ES module and grades ICE points typed
// into a small form. Errors from the API are shown as they come (they name the field).
import init, { gradeIcans, version } from './icans-calc.js';

const out = /** @type {HTMLElement} */ (document.getElementById('mini-result'));
const fields = ['orientation', 'naming', 'commands', 'writing', 'attention'];

/**
 * The number typed in field `id`, or undefined when empty (the API then says it is required).
 * @param {string} id
 */
function typed(id) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById(id));
  const text = input.value.trim();
  return text === '' ? undefined : Number(text);
}

function grade() {
  /** @type {Record<string, number | undefined>} */
  const items = {};
  for (const f of fields) items[f] = typed(f);
  // The types describe valid input; the API checks at run time and names the field it refuses.
  const ice = /** @type {import('./icans-calc.js').IceItems} */ (/** @type {unknown} */ (items));
  try {
    const r = gradeIcans({ ice });
    out.textContent = `ICE ${r.iceTotal}/10 → ICANS grade ${r.grade} (ICE domain only; ${r.missing.length} domains not assessed). ${r.source}`;
    out.dataset.grade = String(r.grade);
  } catch (e) {
    out.textContent = `No grade: ${e instanceof Error ? e.message : String(e)}`;
    out.dataset.grade = 'none';
  }
}

await init();
document.documentElement.dataset.embedReady = version();
document.getElementById('mini')?.addEventListener('input', grade);
grade();
