//! The JS API of SPEC §3 as pure functions over [`Json`]: read the caller's object once into
//! types that cannot hold bad values ([`crate::input`]), call the core, return a serializable
//! result. The API depends on the core, never the reverse.
//!
//! The wasm layer only converts `JsValue` <-> [`Json`] / serde and turns [`InputError`] into a JS
//! `Error`; everything a caller can get wrong is decided (and host-tested) below it.
//!
//! The submodules also re-export the readers and tables that moved to [`crate::input`] and
//! [`crate::kinetics`], so the page layer's `crate::api::...` paths keep working until it calls
//! the core directly.

pub mod case;
pub mod cohort;
pub mod hematotox;
pub mod icans;
pub mod kinetics;
pub mod steroids;

pub use case::{case_to_json, evaluate_case, parse_case};
pub use cohort::evaluate_cohort;
pub use hematotox::hematotox;
pub use icans::{grade_crs, grade_icans};
pub use kinetics::kinetics;
pub use steroids::steroid_dose;

use crate::error::InputError;
use crate::json::{Json, PathPart, ResultText, WriteError};
use serde::Serialize;

/// One result written as JSON text ([`crate::json::to_ascii_text`]).
pub type Written = Result<ResultText, WriteError>;

/// One element of a batch call's result (SPEC §3 "Batch"): `{ ok: result }` or
/// `{ error: { field, message } }`, so one bad element never hides the others' results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BatchItem<T> {
    Ok(T),
    Error(BatchError),
}

/// Why one element of a batch was refused: the same field path and message a single call with
/// that element would have thrown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchError {
    pub field: String,
    pub message: String,
}

impl<T> From<Result<T, InputError>> for BatchItem<T> {
    fn from(result: Result<T, InputError>) -> Self {
        match result {
            Ok(value) => BatchItem::Ok(value),
            Err(err) => BatchItem::Error(BatchError {
                message: err.to_string(),
                field: err.field,
            }),
        }
    }
}

/// Applies `f` to every element of a batch; each result stands alone (the index is its place).
pub fn batch<T>(items: &[Json], f: impl Fn(&Json) -> Result<T, InputError>) -> Vec<BatchItem<T>> {
    items.iter().map(|item| BatchItem::from(f(item))).collect()
}

/// A batch call's result as the JSON text [`crate::json::to_ascii_text`] writes for the
/// `Vec<BatchItem<T>>` of the same elements (`[{"ok":...},{"error":{...}},...]`), built from
/// each element's own text: only the writing of one element depends on the result's type, so
/// the wasm carries one batch writer instead of one per batch export (`gradeIcans`, `gradeCrs`,
/// `kinetics`). Each element's NaN / ±Infinity keeps its place (its path under the element's
/// index and `ok`). The first element that cannot be written fails the whole batch, as writing
/// the whole list stops at it.
pub fn batch_text(
    items: impl IntoIterator<Item = Result<Written, InputError>>,
) -> Result<ResultText, WriteError> {
    let mut out = ResultText {
        text: String::from("["),
        non_finite: Vec::new(),
    };
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.text.push(',');
        }
        let (variant, element) = match item {
            Ok(written) => ("ok", written?),
            Err(err) => {
                let error = BatchError {
                    message: err.to_string(),
                    field: err.field,
                };
                ("error", crate::json::to_ascii_text(&error)?)
            }
        };
        // `{"ok":` / `{"error":`, as the externally tagged variant is written.
        out.text.push_str("{\"");
        out.text.push_str(variant);
        out.text.push_str("\":");
        out.text.push_str(&element.text);
        out.text.push('}');
        for (path, x) in element.non_finite {
            let mut at = Vec::with_capacity(path.len() + 2);
            at.push(PathPart::Index(index));
            at.push(PathPart::Field(variant));
            at.extend(path);
            out.non_finite.push((at, x));
        }
    }
    out.text.push(']');
    Ok(out)
}
