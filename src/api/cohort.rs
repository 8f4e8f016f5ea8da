//! `evaluateCohort(cases)`: every case read and evaluated as `evaluateCase` would, one row per
//! patient, the cohort summary, and every case that could not be read with its reason.
//!
//! Cases are taken one at a time ([`CohortBuilder`]), so the wasm layer can convert, evaluate
//! and drop each caller object in turn: 100,000 cases never exist as one tree in memory.

use super::case::parse_case;
use crate::case::{self, Case, CaseResult};
use crate::cohort::{CohortSummary, PatientRow, patient_row, summarise};
use crate::error::{InputError, Problem};
use crate::json::Json;
use serde::Serialize;

/// A case that could not be read: its place in the input, the field and the message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub index: usize,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortResult {
    pub patients: Vec<PatientRow>,
    pub summary: CohortSummary,
    pub rejected: Vec<Rejected>,
}

/// Collects the cohort case by case.
#[derive(Debug, Default)]
pub struct CohortBuilder {
    rows: Vec<PatientRow>,
    rejected: Vec<Rejected>,
    next_index: usize,
}

impl CohortBuilder {
    /// Reads and evaluates the next case of the input.
    pub fn add(&mut self, case_json: &Json) {
        self.add_with(case_json, |_, _| {});
    }

    /// As [`CohortBuilder::add`], and hands the readable case and its evaluation to `also` (the
    /// page takes its graph data from the same single evaluation).
    pub fn add_with(&mut self, case_json: &Json, also: impl FnOnce(&Case, &CaseResult)) {
        let index = self.next_index;
        match parse_case(case_json) {
            Ok(c) => {
                let result = case::evaluate(&c);
                self.rows.push(patient_row(index, &c, &result));
                also(&c, &result);
            }
            Err(e) => self.reject(e),
        }
        self.next_index += 1;
    }

    /// Records that the next case could not even be converted (e.g. not JSON-compatible).
    pub fn add_unreadable(&mut self, err: InputError) {
        self.reject(err);
        self.next_index += 1;
    }

    fn reject(&mut self, err: InputError) {
        self.rejected.push(Rejected {
            index: self.next_index,
            message: err.to_string(),
            field: err.field,
        });
    }

    pub fn finish(self) -> CohortResult {
        CohortResult {
            summary: summarise(&self.rows),
            patients: self.rows,
            rejected: self.rejected,
        }
    }
}

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
