//! Lenient readers of JSON this program wrote itself (the browser's saved store): unlike the
//! strict readers of the case file ([`crate::json::Fields`]), unknown keys are passed over and a
//! missing field is `None` for its caller to default; a value of another type is an error that
//! names the key ("cases: expected a list, got 3"). Written by hand so that serde's reading
//! side is not shipped in the wasm (BENCHMARKS.md, "Where the bytes go").

use crate::json::Json;

/// The value under `key`; an error when `v` is not an object.
pub fn field<'a>(v: &'a Json, key: &str) -> Result<Option<&'a Json>, String> {
    match v {
        Json::Object(_) => Ok(v.get(key)),
        other => Err(wrong(key, "inside an object", other)),
    }
}

pub fn wrong(key: &str, expected: &str, got: &Json) -> String {
    format!("{key}: expected {expected}, got {}", got.describe())
}

pub fn text(v: &Json, key: &str) -> Result<String, String> {
    match field(v, key)? {
        Some(Json::String(s)) => Ok(s.clone()),
        Some(other) => Err(wrong(key, "text", other)),
        None => Err(format!("{key}: missing")),
    }
}

/// The list under `key`, `None` when absent.
pub fn list<'a>(v: &'a Json, key: &str) -> Result<Option<&'a [Json]>, String> {
    match field(v, key)? {
        None => Ok(None),
        Some(Json::Array(items)) => Ok(Some(items)),
        Some(other) => Err(wrong(key, "a list", other)),
    }
}

fn texts_of(items: &[Json], key: &str) -> Result<Vec<String>, String> {
    let text = |item: &Json| match item {
        Json::String(s) => Ok(s.clone()),
        other => Err(wrong(key, "texts", other)),
    };
    items.iter().map(text).collect()
}

/// A list of texts under `key`, `None` when absent.
pub fn texts(v: &Json, key: &str) -> Result<Option<Vec<String>>, String> {
    list(v, key)?.map(|items| texts_of(items, key)).transpose()
}

/// Exactly `N` texts.
pub fn fixed_texts<const N: usize>(v: &Json, key: &str) -> Result<[String; N], String> {
    let Json::Array(items) = v else {
        return Err(wrong(key, "a list", v));
    };
    texts_of(items, key)?
        .try_into()
        .map_err(|_| format!("{key}: expected {N} texts, got {}", items.len()))
}

/// Rows of exactly `N` texts under `key` (the kinetics and CSF grids), `None` when absent.
pub fn rows<const N: usize>(v: &Json, key: &str) -> Result<Option<Vec<[String; N]>>, String> {
    let row = |r: &Json| fixed_texts(r, key);
    list(v, key)?
        .map(|items| items.iter().map(row).collect())
        .transpose()
}
