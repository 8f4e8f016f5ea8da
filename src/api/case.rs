//! `evaluateCase(case)`; the case file itself (`parseCase`, `caseToJson`) is read and written by
//! [`crate::input::case`], which the page's storage and export use too.

use crate::case::{self, CaseResult};
use crate::error::InputError;
use crate::json::Json;

pub use crate::input::case::{ANALYTES, case_to_json, parse_case};
pub use crate::input::entry::{parse_day, parse_note};

/// `evaluateCase(case)` of SPEC §3.
pub fn evaluate_case(input: &Json) -> Result<CaseResult, InputError> {
    parse_case(input).map(|c| case::evaluate(&c))
}
