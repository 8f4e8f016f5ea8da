//! `gradeIcans()` and `gradeCrs()`: the input is read by [`crate::input::icans`].

use crate::error::InputError;
use crate::grading::crs::CrsResult;
use crate::grading::icans::IcansResult;
use crate::json::Json;

pub use crate::grading::icans::AGE_YEARS;
pub use crate::input::icans::{
    CONSCIOUSNESS, DOMAINS, FEVER, FREQUENCIES, HYPOTENSION, ICP_EDEMA, MOTOR, OXYGEN,
    OXYGEN_L_PER_MIN, SEIZURE, TEMPERATURE_C, TOOLS, parse_crs, parse_icans,
};

/// `gradeIcans(input)` of SPEC §3.
pub fn grade_icans(input: &Json) -> Result<IcansResult, InputError> {
    parse_icans(input, "").map(|a| a.grade())
}

/// `gradeCrs(input)` of SPEC §3.
pub fn grade_crs(input: &Json) -> Result<CrsResult, InputError> {
    parse_crs(input, "").map(|a| a.grade())
}
