//! `evaluateCohort(cases)`: every case read and evaluated as `evaluateCase` would, one row per
//! patient, the cohort summary, and every case that could not be read with its reason.
//!
//! Cases are taken one at a time ([`CohortBuilder`]), so the wasm layer can convert, evaluate
//! and drop each caller object in turn: 100,000 cases never exist as one tree in memory.

use crate::error::{InputError, Problem};
use crate::json::Json;

pub use crate::cohort::{CohortBuilder, CohortResult, Rejected};

/// `evaluateCohort(cases)` over an array already converted to [`Json`].
pub fn evaluate_cohort(input: &Json) -> Result<CohortResult, InputError> {
    let Json::Array(cases) = input else {
        return Err(InputError::new(
            "",
            Problem::WrongType {
                expected: "an array of case files",
                got: input.describe(),
            },
        ));
    };
    let mut builder = CohortBuilder::default();
    for c in cases {
        builder.add(c);
    }
    Ok(builder.finish())
}
