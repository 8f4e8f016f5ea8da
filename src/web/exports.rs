//! The JS API of SPEC §3 as wasm exports. `boot.js` also publishes them on `window.IcansCalc`.
//!
//! The boundary costs two strings per call, not a call into JavaScript per key and value
//! (BENCHMARKS.md, "The JS boundary"):
//! - in: `www/boundary.js` writes the caller's value as JSON text with a `#` for each number
//!   (the numbers follow as one `Float64Array`, bit for bit), mirroring [`to_json`] step by step,
//!   and [`json::parse_text_with_numbers`] reads it into the same [`Json`] (for `kinetics`,
//!   [`json::parse_text_with_pairs`]: a series as one flat [`Json::Pairs`]). A value the text
//!   cannot carry as [`to_json`] reads it (a function, a symbol, a BigInt, text with a lone
//!   surrogate, nesting past [`MAX_DEPTH`]) comes back as `undefined`, and [`to_json`] walks the
//!   value itself, so every message is the one it always was;
//! - out: the result is written as ASCII-only JSON text by [`json::to_ascii_text`] and read by
//!   `JSON.parse`, giving what serde-wasm-bindgen's JSON-compatible mode gave (`None` ->
//!   `null`), with any NaN / ±Infinity put back where it was;
//! - every error passes through the one adapter [`into_js_error`].

use crate::error::{InputError, Problem};
use crate::json::{self, Json, PathPart};
use crate::{APP_VERSION, api};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Deepest nesting accepted from a caller (a case is 4 levels deep); guards against cycles.
/// `www/boundary.js` holds the same number.
const MAX_DEPTH: usize = 32;

#[wasm_bindgen(module = "/www/boundary.js")]
extern "C" {
    /// The caller's value as JSON text with `#` for numbers, or `undefined` when [`to_json`]
    /// must walk it.
    #[wasm_bindgen(js_name = icansCalcInputText)]
    fn input_text(value: &JsValue) -> Option<String>;

    /// The numbers of the text [`input_text`] just gave, one per `#`.
    #[wasm_bindgen(js_name = icansCalcInputNumbers)]
    fn input_numbers() -> Vec<f64>;
}

/// Reads a caller's value into [`Json`]: from the JSON text `www/boundary.js` writes when it
/// can, else (and should that text ever not read) by [`to_json`]; both give the same [`Json`]
/// (tests/e2e/api-boundary.test.mjs runs every input both ways).
pub fn read_input(value: &JsValue) -> Result<Json, InputError> {
    read_input_as(value, false)
}

/// [`read_input`]; with `pairs`, a series comes as one [`Json::Pairs`] (for `kinetics`, whose
/// reader takes it as it is: [`json::parse_text_with_pairs`]).
fn read_input_as(value: &JsValue, pairs: bool) -> Result<Json, InputError> {
    if let Some(text) = input_text(value) {
        let numbers = input_numbers();
        let parsed = if pairs {
            json::parse_text_with_pairs(&text, &numbers)
        } else {
            json::parse_text_with_numbers(&text, &numbers)
        };
        if let Ok(parsed) = parsed {
            return Ok(parsed);
        }
    }
    to_json(value, "", 0)
}

/// The one error adapter: an `Error` whose message names the field, with `field` attached.
pub fn into_js_error(err: InputError) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    let _ = set(&e, "field", &JsValue::from_str(&err.field));
    e.into()
}

/// `object[key] = value`.
fn set(object: &JsValue, key: &str, value: &JsValue) -> Result<bool, JsValue> {
    Reflect::set(object, &JsValue::from_str(key), value)
}

/// Converts a caller's value into [`Json`]. `undefined` values in objects count as absent.
pub fn to_json(value: &JsValue, path: &str, depth: usize) -> Result<Json, InputError> {
    if depth > MAX_DEPTH {
        return Err(InputError::new(
            path,
            Problem::Rule("is nested too deeply (or refers to itself)"),
        ));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(x) = value.as_f64() {
        return Ok(Json::Number(x));
    }
    if let Some(s) = value.as_string() {
        return Ok(Json::String(s));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            items.push(to_json(&item, &crate::json::index(path, i), depth + 1)?);
        }
        return Ok(Json::Array(items));
    }
    if value.is_object() && !value.is_function() {
        let mut entries = Vec::new();
        for pair in Object::entries(value.unchecked_ref()).iter() {
            let pair: Array = pair.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            let v = pair.get(1);
            if v.is_undefined() {
                continue;
            }
            let child = crate::json::child(path, &key);
            entries.push((key, to_json(&v, &child, depth + 1)?));
        }
        return Ok(Json::Object(entries));
    }
    Err(InputError::new(
        path,
        Problem::WrongType {
            expected: "a JSON-compatible value",
            got: value.js_typeof().as_string().unwrap_or_default(),
        },
    ))
}

/// A result as a JavaScript value: written as JSON text, read by `JSON.parse`, then each NaN /
/// ±Infinity (written as `null`) set back at its place.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    text_to_js(json::to_ascii_text(value))
}

/// The part of [`to_js`] that does not depend on the result's type (compiled once, not once per
/// result type).
fn text_to_js(out: Result<json::ResultText, json::WriteError>) -> Result<JsValue, JsValue> {
    let internal = |e: &dyn std::fmt::Display| -> JsValue {
        js_sys::Error::new(&format!("internal: could not convert the result ({e})")).into()
    };
    let out = out.map_err(|e| internal(&e))?;
    let js = js_sys::JSON::parse(&out.text)
        .map_err(|_| internal(&"the result's JSON text did not read back"))?;
    for (path, x) in &out.non_finite {
        if path.is_empty() {
            // The whole result is the number.
            return Ok(JsValue::from_f64(*x));
        }
        put_back(&js, path, *x)?;
    }
    Ok(js)
}

/// Sets the number at `path` inside `root` (a NaN or ±Infinity that JSON text wrote as `null`).
fn put_back(root: &JsValue, path: &[PathPart], x: f64) -> Result<(), JsValue> {
    let key = |part: &PathPart| match part {
        PathPart::Field(name) => JsValue::from_str(name),
        PathPart::Key(name) => JsValue::from_str(name),
        PathPart::Index(i) => JsValue::from_f64(*i as f64),
    };
    let Some((last, parents)) = path.split_last() else {
        return Ok(());
    };
    let mut at = root.clone();
    for part in parents {
        at = Reflect::get(&at, &key(part))?;
    }
    Reflect::set(&at, &key(last), &JsValue::from_f64(x))?;
    Ok(())
}

/// `value` as indented JSON text, for the files the page saves (case, cohort).
pub fn to_pretty_json_text<T: Serialize>(value: &T) -> Option<String> {
    let js = to_js(value).ok()?;
    let (no_replacer, indent) = (JsValue::NULL, JsValue::from_f64(2.0));
    let text = js_sys::JSON::stringify_with_replacer_and_space(&js, &no_replacer, &indent);
    text.ok()?.as_string()
}

fn call<T: Serialize>(
    input: &JsValue,
    f: impl Fn(&Json) -> Result<T, InputError>,
) -> Result<JsValue, JsValue> {
    call_written(input, false, false, &|json| {
        f(json).map(|r| json::to_ascii_text(&r))
    })
}

/// Like [`call`], and when `input` is an array (the batch form of SPEC §3), an array of
/// `{ ok }` / `{ error: { field, message } }`, one per element, each read as a single call would.
/// `pairs`: the reader `f` takes a series as one [`Json::Pairs`] ([`read_input_as`]).
fn call_or_batch<T: Serialize>(
    input: &JsValue,
    pairs: bool,
    f: impl Fn(&Json) -> Result<T, InputError>,
) -> Result<JsValue, JsValue> {
    call_written(input, true, pairs, &|json| {
        f(json).map(|r| json::to_ascii_text(&r))
    })
}

/// The part of [`call`] / [`call_or_batch`] that does not depend on the result's type: `f`
/// reads and writes one input, everything around it (reading the caller's value, the batch,
/// errors, `JSON.parse`) is compiled once instead of once per export.
#[inline(never)]
fn call_written(
    input: &JsValue,
    batch: bool,
    pairs: bool,
    f: &dyn Fn(&Json) -> Result<api::Written, InputError>,
) -> Result<JsValue, JsValue> {
    if !(batch && Array::is_array(input)) {
        let json = read_input_as(input, pairs).map_err(into_js_error)?;
        return text_to_js(f(&json).map_err(into_js_error)?);
    }
    let array: &Array = input.unchecked_ref();
    let item = |item: JsValue| read_input_as(&item, pairs).and_then(|json| f(&json));
    text_to_js(api::batch_text(array.iter().map(item)))
}

/// `gradeIcans(input)`: ICANS grade with every domain's sub-grade and the driving domain(s).
/// An array of inputs gives an array of `{ ok }` / `{ error }` (batch).
#[wasm_bindgen(js_name = gradeIcans)]
pub fn grade_icans(input: JsValue) -> Result<JsValue, JsValue> {
    call_or_batch(&input, false, api::grade_icans)
}

/// `gradeCrs(input)`: CRS grade with the parameter(s) that set it (or a batch, as above).
#[wasm_bindgen(js_name = gradeCrs)]
pub fn grade_crs(input: JsValue) -> Result<JsValue, JsValue> {
    call_or_batch(&input, false, api::grade_crs)
}

/// An exported API function: a plain JSON-compatible value in, a result or an `Error` out.
type Export = fn(JsValue) -> Result<JsValue, JsValue>;

/// Publishes the exports on `window.IcansCalc` (frozen) and announces them with the
/// `icans-calc:ready` event, so the Trunk page, the single-file page and any embedder get the
/// same API from one place.
pub fn publish_global() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let api = Object::new();
    let functions: [(&str, Export); 7] = [
        ("gradeIcans", grade_icans),
        ("gradeCrs", grade_crs),
        ("kinetics", kinetics),
        ("steroidDose", steroid_dose),
        ("hematotox", hematotox),
        ("evaluateCase", evaluate_case),
        ("evaluateCohort", evaluate_cohort),
    ];
    for (name, f) in functions {
        let closure = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(f);
        set(&api, name, &closure.into_js_value())?;
    }
    let version = JsValue::from_str(APP_VERSION);
    set(&api, "version", &version)?;
    set(&window, "IcansCalc", &Object::freeze(&api))?;
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        root.set_attribute("data-wasm-ready", "1")?;
    }
    let detail = Object::new();
    set(&detail, "version", &version)?;
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    let event = web_sys::CustomEvent::new_with_event_init_dict("icans-calc:ready", &init)?;
    window.dispatch_event(&event)?;
    Ok(())
}

/// The app version string (`IcansCalc.version`).
#[wasm_bindgen]
pub fn version() -> String {
    APP_VERSION.to_string()
}

/// `kinetics(input)`: Cmax, Tmax, AUCs, terminal slope per series, CD4/CD8 ratio by day
/// (or a batch, as above).
#[wasm_bindgen]
pub fn kinetics(input: JsValue) -> Result<JsValue, JsValue> {
    call_or_batch(&input, true, api::kinetics)
}

/// `steroidDose(input)`: cumulative systemic dexamethasone-equivalent dose; intrathecal apart.
#[wasm_bindgen(js_name = steroidDose)]
pub fn steroid_dose(input: JsValue) -> Result<JsValue, JsValue> {
    call(&input, api::steroid_dose)
}

/// `hematotox(input)`: CAR-HEMATOTOX score (Rejeski 2021) with points per variable.
#[wasm_bindgen]
pub fn hematotox(input: JsValue) -> Result<JsValue, JsValue> {
    call(&input, api::hematotox)
}

/// `evaluateCase(case)`: every assessment graded, course summaries, steroids, kinetics,
/// CAR-HEMATOTOX and hours to response after each intrathecal administration.
#[wasm_bindgen(js_name = evaluateCase)]
pub fn evaluate_case(input: JsValue) -> Result<JsValue, JsValue> {
    call(&input, api::evaluate_case)
}

/// `evaluateCohort(cases)`: one row per patient, the cohort summary, and the cases that could not
/// be read (`rejected: [{ index, field, message }]`). Each case is converted, evaluated and
/// dropped in turn, so a very large cohort is never held twice in memory.
#[wasm_bindgen(js_name = evaluateCohort)]
pub fn evaluate_cohort(input: JsValue) -> Result<JsValue, JsValue> {
    if !Array::is_array(&input) {
        return call(&input, api::evaluate_cohort);
    }
    let cases: &Array = input.unchecked_ref();
    let mut builder = api::cohort::CohortBuilder::default();
    for item in cases.iter() {
        match read_input(&item) {
            Ok(json) => builder.add(&json),
            Err(e) => builder.add_unreadable(e),
        }
    }
    to_js(&builder.finish())
}

/// A case file's text read as a case (the page's import): size, JSON, newer schema and list
/// lengths are checked before the case itself; any error leaves the open case untouched.
pub fn read_case_file(text: &str) -> Result<crate::case::Case, String> {
    use crate::input::case::{check_file_size, check_import};
    use crate::view::store::{MAX_FILE_BYTES, MAX_RECORDS_PER_LIST};
    check_file_size(text.len(), MAX_FILE_BYTES)?;
    // Said for the people who pick the wrong file: a CSV export, a spreadsheet, a cut-off copy.
    let not_a_case = "the file is not a case file (the JSON that \u{201c}Export case (JSON)\u{201d} saves); CAR-T counts from a spreadsheet or a CSV are pasted on the Kinetics tab";
    let value = js_sys::JSON::parse(text).map_err(|_| not_a_case.to_string())?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(not_a_case.to_string());
    }
    let json = to_json(&value, "", 0).map_err(|e| e.to_string())?;
    check_import(&json, MAX_RECORDS_PER_LIST)?;
    api::parse_case(&json).map_err(|e| e.to_string())
}
