//! `hematotox()`: the five baseline values are read by [`crate::input::hematotox`].

use crate::error::InputError;
use crate::hematotox::HematotoxResult;
use crate::json::Json;

pub use crate::input::hematotox::{hematotox_to_json, parse_hematotox};

/// `hematotox(input)` of SPEC §3.
pub fn hematotox(input: &Json) -> Result<HematotoxResult, InputError> {
    parse_hematotox(input, "").map(|h| h.score())
}
