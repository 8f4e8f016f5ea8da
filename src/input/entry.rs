//! What every dated entry of a case has (assessments, medications, CSF samples, lab values).

use crate::day::CASE_DAY_RANGE;
use crate::error::InputError;
use crate::json::{self, Fields, Json};

/// A day since infusion: finite, from -30 to 36,525.
pub fn parse_day(value: &Json, path: &str) -> Result<f64, InputError> {
    json::number_in(value, path, CASE_DAY_RANGE)
}

/// The optional free-text `note` of an entry.
pub fn parse_note(f: &Fields<'_>) -> Result<Option<String>, InputError> {
    f.optional("note")
        .map(|v| json::text(v, &f.path_of("note")).map(str::to_string))
        .transpose()
}
