//! `kinetics()`: the input is read by [`crate::input::kinetics`] and analysed by
//! [`crate::kinetics::run`], whose result is already in the shape of SPEC §3.

use crate::error::InputError;
use crate::json::Json;

pub use crate::input::kinetics::{
    METHODS, SERIES_NAMES, parse_horizons, parse_kinetics, parse_series_set,
};
pub use crate::kinetics::{
    AucResult, KINETICS_SOURCE, KineticsInput, KineticsResult, SeriesName, SeriesResult,
    SeriesResults, Units, run,
};

/// The API name of an AUC method (kept for the page layer; the core's is
/// [`crate::kinetics::AucMethod::api_name`]).
pub fn method_api_name(method: crate::kinetics::AucMethod) -> &'static str {
    method.api_name()
}

/// `kinetics(input)` of SPEC §3.
pub fn kinetics(input: &Json) -> Result<KineticsResult, InputError> {
    parse_kinetics(input, "").map(|i| run(&i).0)
}
