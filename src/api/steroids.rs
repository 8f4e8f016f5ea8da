//! `steroidDose()`: the medication entries are read by [`crate::input::steroids`].

use crate::error::InputError;
use crate::json::{Fields, Json};
use crate::steroids::{self, SteroidLedger};

pub use crate::input::steroids::{
    CEILING_HINT, DRUGS, ROUTES, medication_to_json, parse_medication, parse_medications,
};

const STEROID_DOSE_KEYS: [&str; 1] = ["medications"];

/// `steroidDose({ medications })` of SPEC §3.
pub fn steroid_dose(input: &Json) -> Result<SteroidLedger, InputError> {
    let f = Fields::new(input, "", &STEROID_DOSE_KEYS)?;
    let medications = parse_medications(f.required("medications")?, &f.path_of("medications"))?;
    Ok(steroids::ledger(&medications))
}
