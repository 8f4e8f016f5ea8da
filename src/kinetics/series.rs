//! Validated, day-sorted sample series (one subset: total, CD4+ or CD8+ CAR-T).

use crate::numbers::format_quoted as number;
use std::fmt;

/// A validated series of `(day, value)` samples, sorted by day.
///
/// `day` is days after infusion (day 0 = infusion; fractional days allowed). `value` is a
/// non-negative count, e.g. CAR-T cells per µL; every metric keeps the unit of the input (AUCs are
/// in value × day). A value of 0 (below the limit of quantification) is kept as 0 everywhere.
///
/// Invariants (established by [`Series::new`], relied upon by the analysis):
///
/// ```text
/// at least one sample
/// every day and value finite, day >= 0, value >= 0 (a -0.0 is stored as +0.0)
/// days strictly increasing (no two samples on the same day)
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    samples: Vec<(f64, f64)>,
}

/// Why a list of samples was rejected (kinetics.md section 0 "Validation").
///
/// `index` fields are positions in the caller's input (0-based, before sorting), so the caller can
/// prefix the message with the field, e.g. `series.total[3]: value must not be negative, got -1 (day 14)`.
/// The `Display` text names no series.
#[derive(Debug, Clone, PartialEq)]
pub enum SeriesError {
    /// No samples at all.
    Empty,
    /// A day is NaN or ±infinity.
    NonFiniteDay { index: usize, day: f64 },
    /// A value is NaN or ±infinity (the day itself is finite).
    NonFiniteValue { index: usize, day: f64, value: f64 },
    /// A value is below 0.
    NegativeValue { index: usize, day: f64, value: f64 },
    /// A day is below 0 (before the infusion).
    NegativeDay { index: usize, day: f64 },
    /// Two samples share a day (even with equal values); `first_index < second_index`.
    DuplicateDay {
        day: f64,
        first_index: usize,
        second_index: usize,
    },
}

impl SeriesError {
    /// Position in the caller's input the message refers to (the later sample for a duplicate day);
    /// `None` for an empty series.
    pub fn index(&self) -> Option<usize> {
        match self {
            SeriesError::Empty => None,
            SeriesError::NonFiniteDay { index, .. }
            | SeriesError::NonFiniteValue { index, .. }
            | SeriesError::NegativeValue { index, .. }
            | SeriesError::NegativeDay { index, .. } => Some(*index),
            SeriesError::DuplicateDay { second_index, .. } => Some(*second_index),
        }
    }

    /// Stable machine-readable code (the `expected_error.code` names of the golden file).
    pub fn code(&self) -> &'static str {
        match self {
            SeriesError::Empty => "empty_series",
            SeriesError::NonFiniteDay { .. } => "non_finite_day",
            SeriesError::NonFiniteValue { .. } => "non_finite_value",
            SeriesError::NegativeValue { .. } => "negative_value",
            SeriesError::NegativeDay { .. } => "negative_day",
            SeriesError::DuplicateDay { .. } => "duplicate_day",
        }
    }
}

/// Reads a non-finite number the way a clinician would say it.
fn describe_non_finite(x: f64) -> &'static str {
    if x.is_nan() {
        "NaN (not a number)"
    } else if x > 0.0 {
        "infinity"
    } else {
        "-infinity"
    }
}

impl fmt::Display for SeriesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeriesError::Empty => write!(f, "no samples: enter at least one (day, value) pair"),
            SeriesError::NonFiniteDay { day, .. } => {
                write!(
                    f,
                    "day must be a finite number, got {}",
                    describe_non_finite(*day)
                )
            }
            SeriesError::NonFiniteValue { day, value, .. } => write!(
                f,
                "value must be a finite number, got {} (day {day})",
                describe_non_finite(*value)
            ),
            SeriesError::NegativeValue { day, value, .. } => {
                write!(
                    f,
                    "value must not be negative, got {} (day {})",
                    number(*value),
                    number(*day)
                )
            }
            SeriesError::NegativeDay { day, .. } => write!(
                f,
                "day must not be negative (days count from the infusion, day 0), got {}",
                number(*day)
            ),
            SeriesError::DuplicateDay {
                day, first_index, ..
            } => write!(
                f,
                "day {day} already has a sample (at [{first_index}]); enter one value per day"
            ),
        }
    }
}

impl std::error::Error for SeriesError {}

impl Series {
    /// Validates `(day, value)` samples and sorts them by day.
    ///
    /// # Formula
    ///
    /// ```text
    /// reject: no samples
    /// for each sample, in input order, the first failing check:
    ///   day not finite -> value not finite -> value < 0 -> day < 0
    /// then sort by day (stable) and reject the first pair of equal days
    /// ```
    ///
    /// Source: kinetics.md section 0 "Validation" (PKNCA `assert_conc_time` errors on missing,
    /// unsorted or duplicate times; a clinical tool sorts but does not guess between duplicates).
    ///
    /// # Errors
    ///
    /// [`SeriesError`] naming the first problem found, with its position in `samples`.
    ///
    /// # Examples
    ///
    /// ```
    /// use icans_calc::kinetics::{Series, SeriesError};
    ///
    /// let s = Series::new(&[(14.0, 77.7), (0.0, 0.0), (28.0, 27.9)])?;
    /// assert_eq!(s.samples(), &[(0.0, 0.0), (14.0, 77.7), (28.0, 27.9)]);
    ///
    /// let err = Series::new(&[(0.0, 0.0), (14.0, -1.0)]).unwrap_err();
    /// assert_eq!(err.to_string(), "value must not be negative, got -1 (day 14)");
    /// assert_eq!(err.index(), Some(1));
    /// # Ok::<(), SeriesError>(())
    /// ```
    pub fn new(samples: &[(f64, f64)]) -> Result<Series, SeriesError> {
        if samples.is_empty() {
            return Err(SeriesError::Empty);
        }
        for (index, &(day, value)) in samples.iter().enumerate() {
            if !day.is_finite() {
                return Err(SeriesError::NonFiniteDay { index, day });
            }
            if !value.is_finite() {
                return Err(SeriesError::NonFiniteValue { index, day, value });
            }
            if value < 0.0 {
                return Err(SeriesError::NegativeValue { index, day, value });
            }
            if day < 0.0 {
                return Err(SeriesError::NegativeDay { index, day });
            }
        }
        // `x + 0.0` turns -0.0 into +0.0 (IEEE 754) so a "-0" never reaches a result or a chart.
        // Days already strictly increasing (as a series is usually entered, and as a long one
        // comes from a lab export): the sort and the duplicate check below would keep the
        // samples as they are and find nothing, so they are skipped (a -0 and a 0 compare equal
        // here, and go below to be refused as one day given twice).
        if samples
            .windows(2)
            .all(|pair| matches!(pair, [(day, _), (next_day, _)] if day < next_day))
        {
            let mut samples = samples.to_vec();
            for (day, value) in &mut samples {
                *day += 0.0;
                *value += 0.0;
            }
            return Ok(Series { samples });
        }
        let mut indexed: Vec<(usize, f64, f64)> = samples
            .iter()
            .enumerate()
            .map(|(index, &(day, value))| (index, day + 0.0, value + 0.0))
            .collect();
        // Stable sort: samples on the same day keep their input order, so first_index < second_index.
        crate::numbers::sort_by_f64(&mut indexed, |s| s.1);
        for pair in indexed.windows(2) {
            if let [(first_index, day, _), (second_index, next_day, _)] = pair
                && day == next_day
            {
                return Err(SeriesError::DuplicateDay {
                    day: *day,
                    first_index: *first_index,
                    second_index: *second_index,
                });
            }
        }
        Ok(Series {
            samples: indexed
                .into_iter()
                .map(|(_, day, value)| (day, value))
                .collect(),
        })
    }

    /// The samples as `(day, value)` pairs, sorted by day (never empty).
    pub fn samples(&self) -> &[(f64, f64)] {
        &self.samples
    }

    /// Number of samples (at least 1).
    pub fn n_samples(&self) -> usize {
        self.samples.len()
    }

    /// The points the AUC integrates: the samples with `(0, 0)` prepended when the first sample is
    /// after day 0 (the origin rule; used for AUC only, never for Cmax/Tmax/Clast/Tlast/lambda_z).
    ///
    /// # Formula
    ///
    /// ```text
    /// first sample day > 0  ->  [(0, 0), samples...]
    /// otherwise             ->  [samples...]
    /// ```
    ///
    /// Source: PKNCA `aucint` `conc.origin = 0`; Phoenix inserts C0 = 0 for non-bolus doses
    /// (kinetics.md section 0 "Origin").
    pub fn auc_curve_points(&self) -> Vec<(f64, f64)> {
        let mut points = Vec::with_capacity(self.samples.len() + 1);
        if self.samples.first().is_some_and(|&(day, _)| day > 0.0) {
            points.push((0.0, 0.0));
        }
        points.extend_from_slice(&self.samples);
        points
    }
}
