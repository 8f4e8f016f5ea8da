//! A cohort: many patients' evaluated cases, one row each, summarised the way published series
//! of CAR-T toxicity are reported (n, median \[IQR\], range; counts and percentages), each figure
//! with the number of patients it rests on.
//!
//! Rows are built from [`CaseResult`]s, so every value follows this calculator's own rules (the
//! course rules of [`crate::case`], the kinetics rules of [`crate::kinetics`]); a value that
//! cannot be had is `None` with its reason, never 0.

use crate::case::{self, Case, CaseResult};
use crate::error::InputError;
use crate::grading::Grade;
use crate::input::case::parse_case;
use crate::json::Json;
use serde::Serialize;

/// Quantiles by linear interpolation between order statistics (Hyndman & Fan 1996, type 7; the
/// default of R's `quantile` and of spreadsheet `PERCENTILE.INC`/`QUARTILE.INC`), so a reader can
/// reproduce every figure in a spreadsheet.
pub const QUANTILE_RULE: &str = "Median and quartiles by linear interpolation between ordered values (Hyndman & Fan type 7, as R quantile() and spreadsheet QUARTILE.INC); each figure counts only the patients with a value (n).";

/// One patient's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatientRow {
    /// Position of the case in the cohort input.
    pub index: usize,
    pub label: String,
    pub icans_onset_day: Option<f64>,
    pub icans_peak_grade: u8,
    pub icans_peak_day: Option<f64>,
    /// Days from ICANS onset to the first assessment after the peak with grade <= 1 that could
    /// show it (course rules).
    pub icans_days_to_grade1_or_less: Option<f64>,
    /// Days from ICANS onset to resolution (grade 0), i.e. the course's duration.
    pub icans_days_to_grade0: Option<f64>,
    pub intrathecal_given: bool,
    /// Hours from the first intrathecal treatment given during active ICANS to the next
    /// assessment at grade <= 1 / grade 0 (upper bounds: when it was seen).
    pub intrathecal_hours_to_grade1_or_less: Option<f64>,
    pub intrathecal_hours_to_grade0: Option<f64>,
    pub systemic_dex_eq_mg: f64,
    pub crs_peak_grade: u8,
    pub cmax_cells_per_ul: Option<f64>,
    pub tmax_day: Option<f64>,
    /// AUC0-T per horizon of the case's settings (cells/µL × day), null with a reason.
    pub auc: Vec<CohortAuc>,
    pub half_life_days: Option<f64>,
    pub cd4_cd8_ratio_at_cmax: Option<f64>,
    pub hematotox_score: Option<u8>,
    /// Why each null figure could not be had, by column.
    pub not_computable: Vec<NotComputable>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortAuc {
    pub to_day: f64,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotComputable {
    pub column: String,
    pub reason: String,
}

/// Reasons, in words, for figures a row cannot have.
mod reason {
    pub const NO_ICANS: &str = "no ICANS (peak grade 0)";
    pub const NOT_IMPROVED: &str = "no later assessment that could show grade \u{2264} 1";
    pub const NOT_RESOLVED: &str = "no later assessment that could show grade 0";
    pub const NO_INTRATHECAL: &str = "no intrathecal therapy";
    pub const NO_ACTIVE_INTRATHECAL: &str = "no intrathecal therapy during active ICANS";
    pub const NOT_SEEN: &str = "not seen at a later assessment";
    pub const NO_COUNTS: &str = "no blood CAR-T counts";
    pub const ALL_ZERO: &str = "all counts are 0";
    pub const NO_SUBSETS: &str = "CD4+ and CD8+ not both counted on the day of Cmax";
    pub const CD8_ZERO: &str = "CD8+ count 0 on the day of Cmax";
    pub const NO_BASELINE: &str = "no baseline values";
}

/// Builds the row of one evaluated case.
pub fn patient_row(index: usize, case: &Case, result: &CaseResult) -> PatientRow {
    let mut missing: Vec<NotComputable> = Vec::new();
    let mut why = |column: &str, reason: &str| {
        missing.push(NotComputable {
            column: column.to_string(),
            reason: reason.to_string(),
        });
    };
    let icans = &result.course.icans;
    let since_onset = |day: Option<f64>| {
        icans
            .onset_day
            .zip(day)
            .map(|(onset, d)| crate::day::days_between(onset, d))
    };
    let days_to_1 = since_onset(icans.improved_day);
    let days_to_0 = since_onset(icans.resolved_day);
    if icans.peak_grade == Grade::G0 {
        why("icansOnsetDay", reason::NO_ICANS);
        why("icansPeakDay", reason::NO_ICANS);
        why("icansDaysToGrade1OrLess", reason::NO_ICANS);
        why("icansDaysToGrade0", reason::NO_ICANS);
    } else {
        if days_to_1.is_none() {
            why("icansDaysToGrade1OrLess", reason::NOT_IMPROVED);
        }
        if days_to_0.is_none() {
            why("icansDaysToGrade0", reason::NOT_RESOLVED);
        }
    }

    let intrathecal_given = !result.intrathecal.is_empty();
    let active = result.intrathecal.iter().find(|row| row.icans_active);
    let (it_1, it_0) = match active {
        Some(row) => (row.hours_to_grade1_or_less, row.hours_to_grade0),
        None => (None, None),
    };
    let it_reason = if !intrathecal_given {
        Some(reason::NO_INTRATHECAL)
    } else if active.is_none() {
        Some(reason::NO_ACTIVE_INTRATHECAL)
    } else {
        None
    };
    for (column, value) in [
        ("intrathecalHoursToGrade1OrLess", it_1),
        ("intrathecalHoursToGrade0", it_0),
    ] {
        if value.is_none() {
            why(column, it_reason.unwrap_or(reason::NOT_SEEN));
        }
    }

    let total = result
        .kinetics
        .as_ref()
        .and_then(|k| k.series.total.as_ref());
    let (cmax, tmax, auc, half_life) = match total {
        Some(s) => (
            Some(s.cmax),
            s.tmax,
            s.auc
                .iter()
                .map(|a| CohortAuc {
                    to_day: a.to_day,
                    value: a.value,
                })
                .collect(),
            s.half_life_days,
        ),
        None => (None, None, Vec::new(), None),
    };
    match total {
        None => {
            for column in ["cmax", "tmax", "auc", "halfLifeDays", "cd4Cd8RatioAtCmax"] {
                why(column, reason::NO_COUNTS);
            }
        }
        Some(s) => {
            if s.tmax.is_none() {
                why("tmax", reason::ALL_ZERO);
            }
            for a in &s.auc {
                if a.value.is_none() {
                    let text = a.reason.as_deref().unwrap_or(reason::NOT_SEEN);
                    why(
                        &format!("auc0-{}", crate::numbers::format_trimmed(a.to_day, 3)),
                        text,
                    );
                }
            }
            if s.half_life_days.is_none() {
                why(
                    "halfLifeDays",
                    s.lambda_z_reason.as_deref().unwrap_or(reason::ALL_ZERO),
                );
            }
        }
    }
    let ratio_row = tmax.and_then(|day| {
        result
            .kinetics
            .as_ref()
            .and_then(|k| k.ratio_cd4_cd8.iter().find(|(d, _)| *d == day))
    });
    let cd4_cd8_ratio_at_cmax = ratio_row.and_then(|(_, r)| *r);
    if total.is_some() {
        match ratio_row {
            None => why("cd4Cd8RatioAtCmax", reason::NO_SUBSETS),
            Some((_, None)) => why("cd4Cd8RatioAtCmax", reason::CD8_ZERO),
            Some((_, Some(_))) => {}
        }
    }
    let hematotox_score = result.hematotox.as_ref().map(|h| h.score);
    if hematotox_score.is_none() {
        why("hematotoxScore", reason::NO_BASELINE);
    }

    PatientRow {
        index,
        label: case.patient.label().to_string(),
        icans_onset_day: icans.onset_day,
        icans_peak_grade: icans.peak_grade.number(),
        icans_peak_day: icans.peak_day,
        icans_days_to_grade1_or_less: days_to_1,
        icans_days_to_grade0: days_to_0,
        intrathecal_given,
        intrathecal_hours_to_grade1_or_less: it_1,
        intrathecal_hours_to_grade0: it_0,
        systemic_dex_eq_mg: result.steroids.systemic_dex_eq_mg,
        crs_peak_grade: result.course.crs.peak_grade.number(),
        cmax_cells_per_ul: cmax,
        tmax_day: tmax,
        auc,
        half_life_days: half_life,
        cd4_cd8_ratio_at_cmax,
        hematotox_score,
        not_computable: missing,
    }
}

/// n, median \[IQR\] and range of one numeric column over the patients who have a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumericSummary {
    pub column: String,
    /// Patients with a value.
    pub n: usize,
    /// Patients without one (not computable or not entered).
    pub missing: usize,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Counts and percentages of one categorical column (grades, yes/no).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategorySummary {
    pub column: String,
    pub n: usize,
    pub counts: Vec<CategoryCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryCount {
    pub value: String,
    pub count: usize,
    /// Percent of `n` (the patients the column rests on).
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortSummary {
    /// Patients evaluated (rejected ones excluded).
    pub patients: usize,
    pub numeric: Vec<NumericSummary>,
    pub categories: Vec<CategorySummary>,
    pub rule: &'static str,
}

/// Quantile `p` (0-1) of sorted finite values by linear interpolation (type 7).
///
/// ```text
/// h = (n - 1) p;  q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])
/// ```
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let lower = *sorted.get(lo)?;
    let upper = sorted.get(lo + 1).copied().unwrap_or(lower);
    Some(lower + (h - h.floor()) * (upper - lower))
}

/// Summary of one numeric column.
pub fn numeric_summary(column: &str, values: impl Iterator<Item = Option<f64>>) -> NumericSummary {
    let mut missing = 0;
    let mut present: Vec<f64> = Vec::new();
    for v in values {
        match v {
            Some(x) if x.is_finite() => present.push(x),
            Some(_) | None => missing += 1,
        }
    }
    crate::numbers::sort_by_f64(&mut present, |&x| x);
    NumericSummary {
        column: column.to_string(),
        n: present.len(),
        missing,
        median: quantile(&present, 0.5),
        q1: quantile(&present, 0.25),
        q3: quantile(&present, 0.75),
        min: present.first().copied(),
        max: present.last().copied(),
    }
}

fn category_summary(column: &str, labels: &[&str], values: &[usize]) -> CategorySummary {
    let n = values.len();
    let counts = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let count = values.iter().filter(|&&v| v == i).count();
            CategoryCount {
                value: (*label).to_string(),
                count,
                percent: if n == 0 {
                    0.0
                } else {
                    100.0 * count as f64 / n as f64
                },
            }
        })
        .collect();
    CategorySummary {
        column: column.to_string(),
        n,
        counts,
    }
}

const GRADE_LABELS: [&str; 5] = ["0", "1", "2", "3", "4"];
const YES_NO: [&str; 2] = ["no", "yes"];

/// The cohort summary over the rows (the horizons are those of the first row that has AUCs;
/// each AUC column counts only patients with that horizon).
pub fn summarise(rows: &[PatientRow]) -> CohortSummary {
    let num = |column: &str, f: &dyn Fn(&PatientRow) -> Option<f64>| {
        numeric_summary(column, rows.iter().map(f))
    };
    let mut numeric = vec![
        num("icansOnsetDay", &|r| r.icans_onset_day),
        num("icansPeakDay", &|r| r.icans_peak_day),
        num("icansDaysToGrade1OrLess", &|r| {
            r.icans_days_to_grade1_or_less
        }),
        num("icansDaysToGrade0", &|r| r.icans_days_to_grade0),
        num("intrathecalHoursToGrade1OrLess", &|r| {
            r.intrathecal_hours_to_grade1_or_less
        }),
        num("intrathecalHoursToGrade0", &|r| {
            r.intrathecal_hours_to_grade0
        }),
        num("systemicDexEqMg", &|r| Some(r.systemic_dex_eq_mg)),
        num("cmax", &|r| r.cmax_cells_per_ul),
        num("tmax", &|r| r.tmax_day),
    ];
    let mut horizons: Vec<f64> = Vec::new();
    for row in rows {
        for a in &row.auc {
            if !horizons.contains(&a.to_day) {
                horizons.push(a.to_day);
            }
        }
    }
    // Every patient counts in every row, as in the rows above: one without blood counts, or
    // whose case asked for other horizons, is missing here (n + missing = patients).
    for to_day in horizons {
        numeric.push(numeric_summary(
            &format!("auc0-{}", crate::numbers::format_trimmed(to_day, 3)),
            rows.iter().map(|r| {
                r.auc
                    .iter()
                    .find(|a| a.to_day == to_day)
                    .and_then(|a| a.value)
            }),
        ));
    }
    numeric.push(num("halfLifeDays", &|r| r.half_life_days));
    numeric.push(num("cd4Cd8RatioAtCmax", &|r| r.cd4_cd8_ratio_at_cmax));
    numeric.push(num("hematotoxScore", &|r| r.hematotox_score.map(f64::from)));

    let grades = |f: &dyn Fn(&PatientRow) -> u8| -> Vec<usize> {
        rows.iter().map(|r| usize::from(f(r))).collect()
    };
    let categories = vec![
        category_summary(
            "icansPeakGrade",
            &GRADE_LABELS,
            &grades(&|r| r.icans_peak_grade),
        ),
        category_summary(
            "crsPeakGrade",
            &GRADE_LABELS,
            &grades(&|r| r.crs_peak_grade),
        ),
        category_summary(
            "intrathecalGiven",
            &YES_NO,
            &rows
                .iter()
                .map(|r| usize::from(r.intrathecal_given))
                .collect::<Vec<_>>(),
        ),
        category_summary(
            "icansResolved",
            &YES_NO,
            &rows
                .iter()
                .filter(|r| r.icans_peak_grade > 0)
                .map(|r| usize::from(r.icans_days_to_grade0.is_some()))
                .collect::<Vec<_>>(),
        ),
    ];
    CohortSummary {
        patients: rows.len(),
        numeric,
        categories,
        rule: QUANTILE_RULE,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a cohort case by case
// ---------------------------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        // R: quantile(c(1, 2, 3, 4), c(.25, .5, .75)) = 1.75 2.5 3.25
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&x, 0.25), Some(1.75));
        assert_eq!(quantile(&x, 0.5), Some(2.5));
        assert_eq!(quantile(&x, 0.75), Some(3.25));
        // Odd n: the median is the middle value; one value is every quantile.
        assert_eq!(quantile(&[3.0, 7.0, 100.0], 0.5), Some(7.0));
        assert_eq!(quantile(&[5.0], 0.25), Some(5.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn numeric_summary_counts_only_patients_with_a_value() {
        let s = numeric_summary(
            "x",
            [Some(4.0), None, Some(1.0), Some(2.0), None].into_iter(),
        );
        assert_eq!((s.n, s.missing), (3, 2));
        assert_eq!((s.min, s.median, s.max), (Some(1.0), Some(2.0), Some(4.0)));
        assert_eq!((s.q1, s.q3), (Some(1.5), Some(3.0)));
        let empty = numeric_summary("x", [None, None].into_iter());
        assert_eq!((empty.n, empty.median), (0, None));
    }

    #[test]
    fn percentages_rest_on_the_patients_counted() {
        let s = category_summary("g", &GRADE_LABELS, &[0, 4, 4, 3]);
        assert_eq!(s.n, 4);
        let four = s
            .counts
            .iter()
            .find(|c| c.value == "4")
            .map(|c| (c.count, c.percent));
        assert_eq!(four, Some((2, 50.0)));
        let none = category_summary("g", &YES_NO, &[]);
        assert!(none.counts.iter().all(|c| c.count == 0 && c.percent == 0.0));
    }
}
