// Example embedder: imports the calculator's wasm API as an ES module and grades ICE points typed
// into a small form. Errors from the API are shown as they come (they name the field).
import init, { gradeIcans, version } from './icans-calc.js';

const out = document.getElementById('mini-result');
const fields = ['orientation', 'naming', 'commands', 'writing', 'attention'];

function grade() {
  const ice = {};
  for (const f of fields) {
    const text = document.getElementById(f).value.trim();
    ice[f] = text === '' ? undefined : Number(text);
  }
  try {
    const r = gradeIcans({ ice });
    out.textContent = `ICE ${r.iceTotal}/10 → ICANS grade ${r.grade} (ICE domain only; ${r.missing.length} domains not assessed). ${r.source}`;
    out.dataset.grade = String(r.grade);
  } catch (e) {
    out.textContent = `No grade: ${e.message}`;
    out.dataset.grade = 'none';
  }
}

await init();
document.documentElement.dataset.embedReady = version();
document.getElementById('mini').addEventListener('input', grade);
grade();
