//! Published figures shown beside the patient's own: the case report's Table 1 (steroid-refractory
//! ICANS series) and the published case itself (SPEC §5).
//!
//! # Source
//! Rapid resolution of grade IV ICANS after first line intrathecal chemotherapy with
//! methotrexate, cytarabine and dexamethasone. Front Immunol 2024, doi:10.3389/fimmu.2024.1380451
//! (transcribed in `reference/published_table1.md` and `reference/case-report-seed.txt`).
//!
//! Cells are kept as text exactly as published ("66%", "28.5 days", "N/R"): they are quoted, not
//! computed with. "—" marks a cell the table leaves blank; "N/R" is the table's own "not
//! reported". The table's layout in our copy is partly garbled; where the table and the text
//! differ, both are shown and the difference is stated in the row's notes. Nothing here is
//! estimated: a figure the paper does not give is absent.

use crate::sources;
use serde::Serialize;

/// One row of Table 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table1Row {
    /// First author and subgroup, with the case report's reference number.
    pub series: &'static str,
    pub treatment: &'static str,
    /// Number of patients.
    pub n: u32,
    pub response_rate: &'static str,
    pub median_time_to_resolution: &'static str,
    /// What the time to resolution is measured from, as far as the case report says (it mostly
    /// does not: its table heads the column "Median duration").
    pub measured_from: &'static str,
    /// Median cumulative steroid dose (dexamethasone).
    pub median_cumulative_steroid_dose: &'static str,
    /// Where the text adds to or differs from the table.
    pub notes: &'static [&'static str],
}

impl Table1Row {
    /// The row's cells after its series, in the order of [`TABLE_1_COLUMNS`].
    pub fn cells(&self) -> [String; 6] {
        let (n, measured) = (self.n.to_string(), self.measured_from);
        let (response, time) = (self.response_rate, self.median_time_to_resolution);
        let steroid = self.median_cumulative_steroid_dose;
        [self.treatment, &n, response, time, measured, steroid].map(str::to_string)
    }
}

/// The column heads of the comparison with Table 1: the series, then [`Table1Row::cells`].
pub const TABLE_1_COLUMNS: [&str; 7] = [
    "Series",
    "Treatment",
    "n",
    "Response",
    "Median time to resolution",
    "Measured from",
    "Median cumulative steroid dose",
];

pub const TABLE_1_TITLE: &str =
    "The clinical trials for the management of steroid-refractory ICANS (case report, Table 1)";

pub const TABLE_1_ABBREVIATIONS: &str = "CSD, cumulative steroid dose (dexamethasone); AN, anakinra; IT, intrathecal; HC, hydrocortisone; MTX, methotrexate; Ara-C, cytarabine; HD, high-dose anakinra 8 mg/kg/day; LD, low-dose anakinra 100-200 mg/day; N/R, not reported; —, blank in the table.";

pub const TABLE_1_NOTE: &str = "The table's layout in our copy of the text is partly garbled; where the table and the text differ, both are shown. The table heads its time column \"Median duration\" and does not say what it is measured from; the case report's text is quoted where it says more.";

/// Table 1 of the case report, in its order, followed by this case as described in the text.
pub const TABLE_1: [Table1Row; 8] = [
    Table1Row {
        series: "Strati P. et al. (ref 34)",
        treatment: "anakinra (with steroids)",
        n: 6,
        response_rate: "66%",
        median_time_to_resolution: "28.5 days",
        measured_from: "Not stated in the case report (text: \"the median time to ICANS resolution\", among responders).",
        median_cumulative_steroid_dose: "1446 mg dexamethasone",
        notes: &[
            "Text: 3 of 6 reached grade 0-I, 1 grade II, 2 did not respond.",
            "Text: among responders the mean (not median) cumulative dexamethasone dose was 1446 mg and the median time to resolution 28.5 days; the table heads the column \"Median CSD\".",
        ],
    },
    Table1Row {
        series: "Gazeau N. et al. (ref 35), all",
        treatment: "anakinra",
        n: 26,
        response_rate: "73% (text)",
        median_time_to_resolution: "15.5 days",
        measured_from: "Not stated in the case report (text: \"the median ICANS resolution time\").",
        median_cumulative_steroid_dose: "—",
        notes: &["The 73% improvement rate is from the text; the table leaves this cell blank."],
    },
    Table1Row {
        series: "Gazeau N. et al., high-dose AN",
        treatment: "anakinra 8 mg/kg/day",
        n: 13,
        response_rate: "100%",
        median_time_to_resolution: "—",
        measured_from: "No time given for this group.",
        median_cumulative_steroid_dose: "500 mg dexamethasone",
        notes: &[
            "Text: day-30 non-relapse mortality 0% with high-dose versus 69% with low-dose anakinra.",
        ],
    },
    Table1Row {
        series: "Gazeau N. et al., low-dose AN",
        treatment: "anakinra 100-200 mg/day",
        n: 13,
        response_rate: "46%",
        median_time_to_resolution: "—",
        measured_from: "No time given for this group.",
        median_cumulative_steroid_dose: "610 mg dexamethasone",
        notes: &[],
    },
    Table1Row {
        series: "Zurko J.C. et al. (ref 36)",
        treatment: "IT hydrocortisone, early",
        n: 7,
        response_rate: "100%",
        median_time_to_resolution: "6 days",
        measured_from: "Not stated in the case report (table column \"Median duration\"; IT hydrocortisone was given within 5 days of high-grade ICANS).",
        median_cumulative_steroid_dose: "713 mg dexamethasone",
        notes: &[],
    },
    Table1Row {
        series: "Yucebay F. et al. (ref 37)",
        treatment: "IT MTX 15 mg + HC 50 mg + Ara-C 40 mg",
        n: 7,
        response_rate: "71%",
        median_time_to_resolution: "11 days",
        measured_from: "Not stated in the case report (text: resolution \"in a median of 11 days\"; IT chemotherapy was given a median of 11 days after onset).",
        median_cumulative_steroid_dose: "N/R",
        notes: &["Text: 5 of 7 patients (71%) responded."],
    },
    Table1Row {
        series: "Solh M. et al. (ref 38)",
        treatment: "IT MTX and/or Ara-C, +/- anakinra",
        n: 12,
        response_rate: "100% (11 of 12 resolved per text)",
        median_time_to_resolution: "4 days (text: median 2 days)",
        measured_from: "Not stated in the case report (text: \"a median time to resolution of 2 days\"; 5 patients resolved \"within 24 hours of receiving IT chemotherapy\").",
        median_cumulative_steroid_dose: "N/R",
        notes: &[
            "Table and text differ: the table gives 100% and 4 days; the text says 11 of 12 resolved, with a median time to resolution of 2 days.",
            "Text: all patients also received systemic steroids and 6 received anakinra; 5 resolved within 24 h of IT chemotherapy.",
        ],
    },
    Table1Row {
        series: "This case",
        treatment: "IT MTX 15 mg + Ara-C 40 mg + dexamethasone 4 mg, first line",
        n: 1,
        response_rate: "resolved",
        median_time_to_resolution: "< 32 hours",
        measured_from: "The IT chemotherapy (case description: grade 0 \"in less than 32 hours after the IT chemotherapy\"; the discussion says \"after the onset\").",
        median_cumulative_steroid_dose: "96 mg dexamethasone",
        notes: &[
            "Compiled from the case description; not a row of the published table in our copy.",
            "The case description says grade 0 \"in less than 32 hours after the IT chemotherapy\"; the discussion says \"in less than 32 hours after the onset\".",
            "96 mg is the cumulative IV dexamethasone (\"96 mg of IV dexamethasone\"); the 4 mg intrathecal dexamethasone is not part of it.",
        ],
    },
];

/// A published CAR-T count in blood, with the time as the paper words it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedCount {
    pub when: &'static str,
    pub cells_per_ul: f64,
}

/// A published AUC.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedAuc {
    pub window: &'static str,
    /// "total" or "cd4".
    pub series: &'static str,
    /// cells/µL × day (the paper writes the unit as "cells/µl").
    pub value: f64,
}

/// The published case's own figures (SPEC §5), as published.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedCase {
    pub source: &'static str,
    pub age_years: f64,
    pub sex: &'static str,
    pub diagnosis: &'static str,
    /// Published score; its five inputs were not published.
    pub car_hematotox_score: u8,
    /// Listed among the high-risk factors, without a day.
    pub crp_mg_per_l: f64,
    pub product: &'static str,
    /// The exponent is not legible in our copy of the text.
    pub cell_dose: &'static str,
    pub product_cd4_percent: f64,
    pub icans_onset_day: f64,
    pub onset_icans_grade: u8,
    pub onset_ice_score: u8,
    pub first_dexamethasone_iv_mg: f64,
    /// Grade IV "within 1 hour after the initial dose of IV dexamethasone".
    pub grade_4_within_hours_of_first_dexamethasone: f64,
    pub intrathecal_methotrexate_mg: f64,
    pub intrathecal_cytarabine_mg: f64,
    pub intrathecal_dexamethasone_mg: f64,
    /// Grade II (ICE 6) "within 6 hours of the IT chemotherapy".
    pub grade_2_within_hours_of_intrathecal: f64,
    pub grade_2_ice_score: u8,
    /// Grade 0 "in less than 32 hours after the IT chemotherapy".
    pub grade_0_within_hours_of_intrathecal: f64,
    /// Cumulative IV dexamethasone; the individual later doses were not published.
    pub cumulative_systemic_dexamethasone_mg: f64,
    pub blood_car_t: [PublishedCount; 4],
    /// "CAR-T cells reached Cmax at 56.3% (77.7 cells/µL) on day +14"; the denominator of the
    /// percentage is not stated.
    pub cmax_percent: f64,
    /// CD4+/CD8+ CAR-T ratio in blood (day not stated; given with the day +14 expansion).
    pub blood_cd4_cd8_ratio: f64,
    pub csf_wbc_per_ul: f64,
    pub csf_car_t_percent_of_leukocytes: f64,
    pub csf_cd4_cd8_ratio: f64,
    /// From denser sampling shown only in a figure (Figure 1C).
    pub auc: [PublishedAuc; 4],
}

pub const PUBLISHED_CASE: PublishedCase = PublishedCase {
    source: sources::CASE_REPORT,
    age_years: 39.0,
    sex: "male",
    diagnosis: "relapsed/refractory stage IV primary mediastinal B-cell lymphoma (PMBCL)",
    car_hematotox_score: 2,
    crp_mg_per_l: 340.0,
    product: "CD19 CAR-T cells (FMC63 scFv, IgG4 hinge, CD28 transmembrane, 4-1BB, CD3z; EGFRt marker)",
    cell_dose: "1.29 × 10^n cells (the exponent is not legible in our copy of the text)",
    product_cd4_percent: 85.3,
    icans_onset_day: 14.0,
    onset_icans_grade: 3,
    onset_ice_score: 2,
    first_dexamethasone_iv_mg: 20.0,
    grade_4_within_hours_of_first_dexamethasone: 1.0,
    intrathecal_methotrexate_mg: 15.0,
    intrathecal_cytarabine_mg: 40.0,
    intrathecal_dexamethasone_mg: 4.0,
    grade_2_within_hours_of_intrathecal: 6.0,
    grade_2_ice_score: 6,
    grade_0_within_hours_of_intrathecal: 32.0,
    cumulative_systemic_dexamethasone_mg: 96.0,
    blood_car_t: [
        PublishedCount {
            when: "day +14",
            cells_per_ul: 77.7,
        },
        PublishedCount {
            when: "day +28",
            cells_per_ul: 27.9,
        },
        PublishedCount {
            when: "+3 months",
            cells_per_ul: 2.5,
        },
        PublishedCount {
            when: "+6 months",
            cells_per_ul: 0.76,
        },
    ],
    cmax_percent: 56.3,
    blood_cd4_cd8_ratio: 89.0,
    csf_wbc_per_ul: 2.0,
    csf_car_t_percent_of_leukocytes: 31.6,
    csf_cd4_cd8_ratio: 54.0,
    auc: [
        PublishedAuc {
            window: "0-28 days",
            series: "total",
            value: 751.3,
        },
        PublishedAuc {
            window: "0-28 days",
            series: "cd4",
            value: 632.2,
        },
        PublishedAuc {
            window: "0-3 months",
            series: "total",
            value: 1333.0,
        },
        PublishedAuc {
            window: "0-3 months",
            series: "cd4",
            value: 1269.4,
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_1_keeps_not_reported_and_blank_cells_visible() {
        let yucebay = TABLE_1.iter().find(|r| r.series.starts_with("Yucebay"));
        assert_eq!(
            yucebay.map(|r| r.median_cumulative_steroid_dose),
            Some("N/R")
        );
        let gazeau = TABLE_1.iter().find(|r| r.series.ends_with("all"));
        assert_eq!(gazeau.map(|r| r.median_cumulative_steroid_dose), Some("—"));
    }

    #[test]
    fn table_and_text_discrepancies_are_in_the_notes() {
        let solh = TABLE_1.iter().find(|r| r.series.starts_with("Solh"));
        assert!(solh.is_some_and(|r| r.notes.iter().any(|n| n.contains("2 days"))));
        let strati = TABLE_1.iter().find(|r| r.series.starts_with("Strati"));
        assert!(strati.is_some_and(|r| r.notes.iter().any(|n| n.contains("mean"))));
    }

    #[test]
    fn every_time_to_resolution_says_what_it_is_measured_from() {
        assert!(TABLE_1.iter().all(|r| !r.measured_from.is_empty()));
        let this = TABLE_1.iter().find(|r| r.series == "This case");
        assert!(this.is_some_and(|r| r.measured_from.starts_with("The IT chemotherapy")));
        let strati = TABLE_1.iter().find(|r| r.series.starts_with("Strati"));
        assert!(strati.is_some_and(|r| r.measured_from.starts_with("Not stated")));
    }

    #[test]
    fn group_sizes_match_the_table() {
        let n: Vec<u32> = TABLE_1.iter().map(|r| r.n).collect();
        assert_eq!(n, vec![6, 26, 13, 13, 7, 7, 12, 1]);
    }

    #[test]
    fn published_case_figures() {
        let c = PUBLISHED_CASE;
        assert_eq!(c.age_years, 39.0);
        assert_eq!(
            c.cumulative_systemic_dexamethasone_mg - c.first_dexamethasone_iv_mg,
            76.0
        );
        let counts: Vec<f64> = c.blood_car_t.iter().map(|p| p.cells_per_ul).collect();
        assert_eq!(counts, vec![77.7, 27.9, 2.5, 0.76]);
        assert_eq!(c.auc[0].value, 751.3);
        assert_eq!(c.auc[2].value, 1333.0);
    }
}
