//! The baseline panel: CAR-HEMATOTOX (Rejeski 2021) from the five pre-lymphodepletion values.
//! (Being written; see the functions below for the contract the rest of the page relies on.)

use super::{FieldIssue, RawForm};
use crate::json::Json;

/// The panel's form (inputs with `name`s that `read_baseline` understands).
pub fn baseline_form_html() -> String {
    String::new()
}

/// The hematotox API input built from the form: `Ok(None)` when nothing was entered.
pub fn baseline_json_from_form(_form: &RawForm) -> Result<Option<Json>, FieldIssue> {
    Ok(None)
}

/// The form values that show a case's `baseline` (hematotox input) again.
pub fn baseline_form_from_json(_input: &Json) -> RawForm {
    RawForm::new()
}
