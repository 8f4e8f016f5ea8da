// The JS API's input, written as JSON text for the wasm to read in one piece (imported by
// src/web/exports.rs through wasm-bindgen, so the page, the single-file page and ES-module
// embedders all use it).
//
// Handing the wasm one string is far cheaper than the wasm asking JavaScript for every key and
// value. The text must stand for exactly the value the wasm's own walk (`to_json` in
// exports.rs) would build, so this mirrors that walk step by step (the same type tests in the
// same order, Object.entries for objects, undefined values skipped, undefined array items as
// null), which JSON.stringify does not: it calls toJSON (Dates), unboxes new Number(5), drops
// function-valued keys and writes NaN, Infinity and -0 as null / 0.
//
// Numbers are not written as text: each is a `#` in the text and its value goes over as a
// Float64Array (icansCalcInputNumbers), so every number arrives with its exact bits, NaN,
// ±Infinity and -0 included, and nothing is formatted or parsed. A list of [number, number]
// pairs only is written `(n)`, short for `[[#,#],…]` with n pairs. The text is therefore JSON
// with `#` for numbers and `(n)` for such lists, read only by json::parse_text_with_numbers (and,
// for kinetics, json::parse_text_with_pairs, which keeps such a list as one flat list of pairs).
//
// Whatever the walk would refuse or this text cannot hold — a function, a symbol, a BigInt,
// text that is not well-formed UTF-16, nesting deeper than the walk allows (a cycle) — gives
// undefined, and the wasm then takes its own walk, whose message is the one callers have
// always had.

// The deepest nesting the wasm's walk accepts (exports.rs MAX_DEPTH).
const MAX_DEPTH = 32;

// Lone surrogates are turned into U+FFFD when JavaScript text enters the wasm; JSON text would
// carry them as \ud800 escapes instead, so such text is left to the wasm's walk.
const wellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !/[\uD800-\uDFFF]/.test(s);

// A marker thrown (never outside this file) to stop the walk.
const UNWRITABLE = {};

// `[#,#,…]` with n marks, kept for the short lengths a call's lists mostly have.
const numberLists = [];
function numberListText(n) {
  if (n < 64) return (numberLists[n] ??= n === 0 ? '[]' : '[' + '#,'.repeat(n - 1) + '#]');
  return '[' + '#,'.repeat(n - 1) + '#]';
}

// The text of a list of two numbers, and what the items of a list written so far all are.
const PAIR = numberListText(2);
const NUMBERS = 0;
const PAIRS = 1;
const TEXT = 2;

// `[[#,#],…,[#,#]` (no closing bracket): the text of a list's first n (at least 1) items when
// each is a pair of numbers.
function pairListStart(n) {
  return '[' + (PAIR + ',').repeat(n - 1) + PAIR;
}

// A key as JSON text ("key":), kept for the few keys the API's inputs use; a key that is not
// well-formed UTF-16 stops the walk, as a string value does. The cache is bounded so that
// callers with many distinct keys cannot make it grow without end.
const keyTexts = new Map();
function keyText(key) {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (!wellFormed(key)) throw UNWRITABLE;
    text = JSON.stringify(key);
    if (keyTexts.size < 512) keyTexts.set(key, text);
  }
  return text;
}

function write(value, depth, numbers) {
  if (depth > MAX_DEPTH) throw UNWRITABLE;
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      numbers.push(value);
      return '#';
    case 'string':
      if (!wellFormed(value)) throw UNWRITABLE;
      return JSON.stringify(value);
    case 'object':
      break;
    default: // function, symbol, bigint: the wasm's walk names them in its message
      throw UNWRITABLE;
  }
  if (Array.isArray(value)) return writeList(value, depth, numbers);
  let text = '{';
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    text += (text.length > 1 ? ',' : '') + keyText(key) + ':' + write(item, depth + 1, numbers);
  }
  return text + '}';
}

// No items read yet.
const NONE = [];

function writeList(value, depth, numbers) {
  const n = value.length;
  // A [number, number] pair (each sample of a series: a 1,000-sample series is 1,000 of them)
  // without the general loop, which took about half the walk. Each item is still read once and
  // in order: when the list turns out not to be such a pair, the loop below goes on with the
  // items already read.
  if (n === 2 && depth < MAX_DEPTH) {
    const a = value[0];
    if (typeof a !== 'number') return writeItems(value, n, depth, numbers, [a]);
    const b = value[1];
    if (typeof b !== 'number') return writeItems(value, n, depth, numbers, [a, b]);
    numbers.push(a);
    numbers.push(b);
    return PAIR;
  }
  return writeItems(value, n, depth, numbers, NONE);
}

// The items of a list of n items, the first of them already read (`read`).
function writeItems(value, n, depth, numbers, read) {
  // Numbers inline (most items of a kinetics series are): the same as write() does for one,
  // without a call per number. Each item is read once (a getter may count its reads). A list
  // of numbers only (a sample [day, value], a list of horizons) has the same `[#,#,…]` text
  // as every list of its length, so that text is taken ready-made. A list of such pairs only
  // (a series) is written `(n)`, which the wasm reads exactly as `[[#,#],…]` with n pairs
  // (json::TextReader::marked_pair_list): a 1,000-sample series is then 6 characters to
  // build, pass and read, not 6,000.
  let kind = NUMBERS; // what the items so far all are; TEXT once they are written in `text`
  let text = '';
  for (let i = 0; i < n; i++) {
    const item = i < read.length ? read[i] : value[i];
    if (typeof item === 'number' && depth < MAX_DEPTH) {
      numbers.push(item);
      if (kind === NUMBERS) continue;
      if (kind === PAIRS) text = pairListStart(i);
      kind = TEXT;
      text += ',#';
      continue;
    }
    // A list item goes straight to writeList, as write() would send it there (a series is a
    // list of lists).
    const itemText = depth < MAX_DEPTH && Array.isArray(item)
      ? writeList(item, depth + 1, numbers)
      : write(item, depth + 1, numbers);
    if (itemText === PAIR && (kind === PAIRS || i === 0)) {
      kind = PAIRS;
      continue;
    }
    if (kind === NUMBERS) text = numberListText(i).slice(0, -1);
    else if (kind === PAIRS) text = pairListStart(i);
    kind = TEXT;
    text += (i > 0 ? ',' : '') + itemText;
  }
  if (kind === TEXT) return text + ']';
  return kind === PAIRS ? '(' + n + ')' : numberListText(n);
}

// Tests set this to compare the two ways in (tests/e2e/api-boundary.test.mjs); nothing else does.
let walkInWasm = false;

export function icansCalcWalkInWasm(on) {
  walkInWasm = !!on;
}

// The numbers of a text being written, straight into a Float64Array (a JavaScript array of
// numbers copied into one at the end cost as much as the rest of the walk for a long series).
class Numbers {
  constructor(buffer) {
    this.buffer = buffer;
    this.length = 0;
  }

  push(x) {
    if (this.length === this.buffer.length) {
      const grown = new Float64Array(this.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = x;
  }
}

// One buffer kept between calls; a call made from inside a walk (a getter that calls the API)
// finds it taken and writes into a buffer of its own.
let spare = new Float64Array(256);

// The numbers of the last text written, taken by the wasm right after the text (no JavaScript
// runs in between, so a getter that calls the API again cannot mix two calls' numbers), which
// copies them at once.
// (One empty array for every call, not a new one each time.)
const NO_NUMBERS = new Float64Array(0);
let lastNumbers = NO_NUMBERS;

// The input as text (JSON with `#` for each number), or undefined when the wasm must walk it.
export function icansCalcInputText(value) {
  if (walkInWasm) return undefined;
  const numbers = new Numbers(spare ?? new Float64Array(64));
  spare = null;
  try {
    const text = write(value, 0, numbers);
    lastNumbers = numbers.buffer.subarray(0, numbers.length);
    return text;
  } catch (e) {
    if (e === UNWRITABLE) return undefined;
    throw e; // a getter or a proxy that throws: its error reaches the caller, as before
  } finally {
    spare = numbers.buffer;
  }
}

// The numbers of the text icansCalcInputText just gave, in order.
export function icansCalcInputNumbers() {
  const numbers = lastNumbers;
  lastNumbers = NO_NUMBERS;
  return numbers;
}
