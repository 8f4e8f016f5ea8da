//! A patient's case: timed ICANS/CRS assessments, medications, CAR-T counts, lab values and the
//! baseline score, and its evaluation over time (`evaluateCase` of SPEC §3).
//!
//! Time is one number, `day`: days since the CAR-T infusion (day 0), fractional for hours
//! (day 14 + 6 h = 14.25), negative before the infusion (lymphodepletion, down to day -30). There
//! is no separate time-of-day field: one instant has one spelling, so an export cannot hold two
//! disagreeing times, and every list sorts by the same number.
//!
//! Values are kept as entered (lab values with their unit, medications in mg of the drug given);
//! conversions happen only in results and are labelled there. A [`Case`] is built by the case
//! file reader (`src/input/case.rs`), which checks every field, and is written back by its
//! writer so that export then import gives the identical case.

use crate::error::{Bound, Problem, Range};
use crate::grading::Grade;
use crate::grading::crs::{CrsAssessment, CrsResult};
use crate::grading::icans::{AGE_YEARS, IcansAssessment, IcansDomain, IcansResult, Tool};
use crate::hematotox::{HematotoxInput, HematotoxResult};
use crate::input::icans::{TOOLS, crs_to_json, icans_to_json};
use crate::json::Json;
use crate::kinetics::{AucMethod, HorizonDays, KineticsInput, KineticsResult, Series, SeriesName};
use crate::steroids::{self, Drug, Medication, Route, SteroidLedger};
use serde::Serialize;

use crate::day::days_between;

// Time lives in `crate::day` (shared by every part of a case); these names stay reachable here
// for the page layer and the display helpers that use them.
pub use crate::day::{CASE_DAY_RANGE, CalendarDate, hours_between};

/// The only schema this version reads and writes.
pub const SCHEMA: &str = "icans-calc/case@1";

/// CAR-T cells as % of CSF leukocytes.
pub const PERCENT: Range = Range::inclusive(0.0, 100.0, " %");
/// CD4+/CD8+ ratio: more than 0.
pub const RATIO: Range = Range {
    min: Bound::Exclusive(0.0),
    max: Bound::Unbounded,
    unit: "",
};
/// Counts and lab values: 0 or more.
pub const NON_NEGATIVE: Range = Range {
    min: Bound::Inclusive(0.0),
    max: Bound::Unbounded,
    unit: "",
};

// ---------------------------------------------------------------------------------------------
// Case parts
// ---------------------------------------------------------------------------------------------

/// Who the case is about: a label the user chooses (no identifiers are required) and the age,
/// which decides ICE or CAPD for assessments that do not say.
#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    label: String,
    age_years: Option<f64>,
}

impl Patient {
    /// `age_years` must lie within 0-120 (SPEC §3); the error returns it.
    pub fn new(label: String, age_years: Option<f64>) -> Result<Self, f64> {
        match age_years {
            Some(age) if !AGE_YEARS.contains(age) => Err(age),
            Some(_) | None => Ok(Patient { label, age_years }),
        }
    }
    /// A patient whose age is not known.
    pub fn without_age(label: String) -> Self {
        Patient {
            label,
            age_years: None,
        }
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn age_years(&self) -> Option<f64> {
        self.age_years
    }
}

/// Whether an ICANS input object leaves the tool to the patient's age: neither `ageYears` nor
/// `tool` is given (null counts as absent).
pub(crate) fn needs_patient_age(input: &Json) -> bool {
    match input {
        Json::Object(entries) => !entries
            .iter()
            .any(|(k, v)| (k == "ageYears" || k == "tool") && !matches!(v, Json::Null)),
        Json::Null
        | Json::Bool(_)
        | Json::Number(_)
        | Json::String(_)
        | Json::Array(_)
        | Json::Pairs(_) => false,
    }
}

/// An ICANS input as the caller wrote it (kept for a lossless export) and as graded. Built only
/// by the case parser, or from the typed values with the input written from them
/// ([`IcansEntry::entered`]), so the two always agree.
#[derive(Debug, Clone, PartialEq)]
pub struct IcansEntry {
    input: Json,
    assessment: IcansAssessment,
    /// Whether the patient's age chose ICE or CAPD (the input had neither `ageYears` nor `tool`).
    age_from_patient: bool,
}

impl IcansEntry {
    pub(crate) fn new(input: Json, assessment: IcansAssessment, age_from_patient: bool) -> Self {
        IcansEntry {
            input,
            assessment,
            age_from_patient,
        }
    }
    /// An input entered at the bedside: the assessment as graded, with the case file's form of
    /// it written from the typed values (`age_years` and the `chosen` tool as given, `None` when
    /// not typed or left to the age).
    pub fn entered(
        age_years: Option<f64>,
        chosen: Option<Tool>,
        assessment: IcansAssessment,
    ) -> Self {
        let input = icans_to_json(age_years, chosen, &assessment.findings());
        IcansEntry::new(input, assessment, false)
    }
    /// Whether the input leaves the tool to the patient's age (neither `ageYears` nor `tool`):
    /// such an input is graded again whenever the patient's age becomes known or changes, as the
    /// case file reader grades it.
    pub fn leaves_tool_to_patient_age(&self) -> bool {
        needs_patient_age(&self.input)
    }
    /// The age given with the input (`ageYears`), if any.
    pub fn age_years(&self) -> Option<f64> {
        self.input.number_at("ageYears")
    }
    /// The tool the input chose (`tool`), if any, instead of leaving it to the age.
    pub fn chosen_tool(&self) -> Option<Tool> {
        let word = self.input.text_at("tool");
        TOOLS
            .into_iter()
            .find(|(name, _)| Some(*name) == word)
            .map(|(_, t)| t)
    }
    /// The `gradeIcans` input as written in the case.
    pub fn input(&self) -> &Json {
        &self.input
    }
    pub fn assessment(&self) -> &IcansAssessment {
        &self.assessment
    }
}

/// A CRS input as written and as graded (see [`IcansEntry`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CrsEntry {
    input: Json,
    assessment: CrsAssessment,
}

impl CrsEntry {
    pub(crate) fn new(input: Json, assessment: CrsAssessment) -> Self {
        CrsEntry { input, assessment }
    }
    /// An input entered at the bedside, with the case file's form of it written from it.
    pub fn entered(assessment: CrsAssessment) -> Self {
        CrsEntry::new(crs_to_json(&assessment), assessment)
    }
    pub fn input(&self) -> &Json {
        &self.input
    }
    pub fn assessment(&self) -> &CrsAssessment {
        &self.assessment
    }
}

/// Why an assessment was rejected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AssessmentError {
    Day(f64),
    /// Neither an ICANS nor a CRS input.
    Empty,
}

/// In the case file's words for the day ("day: must be ..."), in the form's for an assessment
/// with nothing graded.
impl std::fmt::Display for AssessmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            AssessmentError::Day(got) => {
                let range = CASE_DAY_RANGE;
                write!(f, "day: {}", Problem::OutOfRange { range, got })
            }
            AssessmentError::Empty => {
                f.write_str("Nothing to record: enter an ICANS or a CRS finding first.")
            }
        }
    }
}

/// One timed bedside assessment: ICANS and/or CRS.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    day: f64,
    icans: Option<IcansEntry>,
    crs: Option<CrsEntry>,
    note: Option<String>,
}

impl Assessment {
    pub fn new(
        day: f64,
        icans: Option<IcansEntry>,
        crs: Option<CrsEntry>,
        note: Option<String>,
    ) -> Result<Self, AssessmentError> {
        if !CASE_DAY_RANGE.contains(day) {
            return Err(AssessmentError::Day(day));
        }
        if icans.is_none() && crs.is_none() {
            return Err(AssessmentError::Empty);
        }
        Ok(Assessment {
            day: day + 0.0,
            icans,
            crs,
            note,
        })
    }
    pub fn day(&self) -> f64 {
        self.day
    }
    pub fn icans(&self) -> Option<&IcansEntry> {
        self.icans.as_ref()
    }
    pub fn crs(&self) -> Option<&CrsEntry> {
        self.crs.as_ref()
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Why a CSF sample was rejected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CsfError {
    Day(f64),
    WbcPerUl(f64),
    CarTPercent(f64),
    Cd4Cd8Ratio(f64),
    /// None of the three measurements.
    Empty,
}

/// A cerebrospinal-fluid sample (shown beside the blood kinetics; not analysed).
#[derive(Debug, Clone, PartialEq)]
pub struct CsfSample {
    day: f64,
    wbc_per_ul: Option<f64>,
    car_t_percent_of_leukocytes: Option<f64>,
    cd4_cd8_ratio: Option<f64>,
    note: Option<String>,
}

impl CsfSample {
    pub fn new(
        day: f64,
        wbc_per_ul: Option<f64>,
        car_t_percent_of_leukocytes: Option<f64>,
        cd4_cd8_ratio: Option<f64>,
        note: Option<String>,
    ) -> Result<Self, CsfError> {
        if !CASE_DAY_RANGE.contains(day) {
            return Err(CsfError::Day(day));
        }
        if let Some(x) = wbc_per_ul.filter(|x| !(x.is_finite() && NON_NEGATIVE.contains(*x))) {
            return Err(CsfError::WbcPerUl(x));
        }
        if let Some(x) = car_t_percent_of_leukocytes.filter(|x| !PERCENT.contains(*x)) {
            return Err(CsfError::CarTPercent(x));
        }
        if let Some(x) = cd4_cd8_ratio.filter(|x| !(x.is_finite() && RATIO.contains(*x))) {
            return Err(CsfError::Cd4Cd8Ratio(x));
        }
        if wbc_per_ul.is_none() && car_t_percent_of_leukocytes.is_none() && cd4_cd8_ratio.is_none()
        {
            return Err(CsfError::Empty);
        }
        Ok(CsfSample {
            day: day + 0.0,
            wbc_per_ul,
            car_t_percent_of_leukocytes,
            cd4_cd8_ratio,
            note,
        })
    }
    pub fn day(&self) -> f64 {
        self.day
    }
    pub fn wbc_per_ul(&self) -> Option<f64> {
        self.wbc_per_ul
    }
    pub fn car_t_percent_of_leukocytes(&self) -> Option<f64> {
        self.car_t_percent_of_leukocytes
    }
    pub fn cd4_cd8_ratio(&self) -> Option<f64> {
        self.cd4_cd8_ratio
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// CAR-T counts: blood series (analysed by the kinetics rules) and CSF samples.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cells {
    /// `total`, `cd4`, `cd8` series as in `kinetics()`; `None` when no blood series was given.
    /// Samples are stored sorted by day.
    pub blood: Option<Vec<(SeriesName, Series)>>,
    pub csf: Vec<CsfSample>,
}

/// A lab analyte of SPEC §1 row 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyte {
    Crp,
    Il6,
    Ferritin,
    Ldh,
    Fibrinogen,
    Anc,
    Platelets,
    Hemoglobin,
}

/// A lab unit, written exactly as in the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabUnit {
    MgPerL,
    MgPerDl,
    PgPerMl,
    NgPerMl,
    UPerL,
    GPerL,
    GPerDl,
    PerUl,
    E9PerL,
}

impl LabUnit {
    pub const ALL: [LabUnit; 9] = [
        LabUnit::MgPerL,
        LabUnit::MgPerDl,
        LabUnit::PgPerMl,
        LabUnit::NgPerMl,
        LabUnit::UPerL,
        LabUnit::GPerL,
        LabUnit::GPerDl,
        LabUnit::PerUl,
        LabUnit::E9PerL,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            LabUnit::MgPerL => "mg/L",
            LabUnit::MgPerDl => "mg/dL",
            LabUnit::PgPerMl => "pg/mL",
            LabUnit::NgPerMl => "ng/mL",
            LabUnit::UPerL => "U/L",
            LabUnit::GPerL => "g/L",
            LabUnit::GPerDl => "g/dL",
            LabUnit::PerUl => "/µL",
            LabUnit::E9PerL => "10^9/L",
        }
    }
}

impl Analyte {
    pub const ALL: [Analyte; 8] = [
        Analyte::Crp,
        Analyte::Il6,
        Analyte::Ferritin,
        Analyte::Ldh,
        Analyte::Fibrinogen,
        Analyte::Anc,
        Analyte::Platelets,
        Analyte::Hemoglobin,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            Analyte::Crp => "crp",
            Analyte::Il6 => "il6",
            Analyte::Ferritin => "ferritin",
            Analyte::Ldh => "ldh",
            Analyte::Fibrinogen => "fibrinogen",
            Analyte::Anc => "anc",
            Analyte::Platelets => "platelets",
            Analyte::Hemoglobin => "hemoglobin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Analyte::Crp => "C-reactive protein",
            Analyte::Il6 => "Interleukin-6",
            Analyte::Ferritin => "Ferritin",
            Analyte::Ldh => "Lactate dehydrogenase",
            Analyte::Fibrinogen => "Fibrinogen",
            Analyte::Anc => "Absolute neutrophil count",
            Analyte::Platelets => "Platelets",
            Analyte::Hemoglobin => "Haemoglobin",
        }
    }

    /// The units accepted for each analyte (the first is the one the page offers first).
    pub fn units(self) -> &'static [LabUnit] {
        match self {
            Analyte::Crp => &[LabUnit::MgPerL, LabUnit::MgPerDl],
            Analyte::Il6 => &[LabUnit::PgPerMl],
            Analyte::Ferritin => &[LabUnit::NgPerMl],
            Analyte::Ldh => &[LabUnit::UPerL],
            Analyte::Fibrinogen => &[LabUnit::GPerL, LabUnit::MgPerDl],
            Analyte::Anc => &[LabUnit::PerUl, LabUnit::E9PerL],
            Analyte::Platelets => &[LabUnit::PerUl, LabUnit::E9PerL],
            Analyte::Hemoglobin => &[LabUnit::GPerDl, LabUnit::GPerL],
        }
    }
}

// Plausible lab values, by analyte and unit. Not reference ranges: each is wide enough for
// every value seen at the bedside, including the extremes of severe CRS and of
// haemophagocytic syndromes, so that only a wrong unit (Hb "9" in g/L) or a slip (an extra
// zero run, 1e308) is refused, with the range and a hint at the unit. Bounds are inclusive.
// CRP, Hb, platelets and ANC use the CAR-HEMATOTOX ranges of SPEC §3 where those fit a course
// (platelets and ANC may fall to 0 after lymphodepletion).

/// CRP in mg/L (as the baseline score: 0-1,000 mg/L).
pub const LAB_CRP_MG_PER_L: Range = crate::hematotox::CRP_MG_PER_L;
/// CRP in mg/dL (0-100 mg/dL).
pub const LAB_CRP_MG_PER_DL: Range = crate::hematotox::CRP_MG_PER_DL;
/// IL-6: severe CRS reaches tens of thousands of pg/mL; 1,000,000 leaves a wide margin.
pub const LAB_IL6_PG_PER_ML: Range = Range::inclusive(0.0, 1_000_000.0, " pg/mL");
/// Ferritin: haemophagocytic syndromes reach hundreds of thousands of ng/mL.
pub const LAB_FERRITIN_NG_PER_ML: Range = Range::inclusive(0.0, 1_000_000.0, " ng/mL");
/// LDH: tumour lysis reaches tens of thousands of U/L.
pub const LAB_LDH_U_PER_L: Range = Range::inclusive(0.0, 100_000.0, " U/L");
/// Fibrinogen in g/L (normal about 2-4 g/L).
pub const LAB_FIBRINOGEN_G_PER_L: Range = Range::inclusive(0.0, 20.0, " g/L");
/// Fibrinogen in mg/dL (= g/L × 100).
pub const LAB_FIBRINOGEN_MG_PER_DL: Range = Range::inclusive(0.0, 2_000.0, " mg/dL");
/// ANC per µL (as the baseline score's upper bound, 100,000 /µL; 0 after lymphodepletion).
pub const LAB_ANC_PER_UL: Range = Range::inclusive(0.0, 100_000.0, " /µL");
/// ANC in 10^9/L (= /µL ÷ 1000).
pub const LAB_ANC_E9_PER_L: Range = Range::inclusive(0.0, 100.0, " \u{d7}10\u{2079}/L");
/// Platelets per µL (as the baseline score's upper bound, 2,000,000 /µL).
pub const LAB_PLATELETS_PER_UL: Range = Range::inclusive(0.0, 2_000_000.0, " /µL");
/// Platelets in 10^9/L.
pub const LAB_PLATELETS_E9_PER_L: Range = Range::inclusive(0.0, 2_000.0, " \u{d7}10\u{2079}/L");
/// Haemoglobin in g/dL (as the baseline score: 2-25 g/dL).
pub const LAB_HB_G_PER_DL: Range = crate::hematotox::HB_G_PER_DL;
/// Haemoglobin in g/L (20-250 g/L).
pub const LAB_HB_G_PER_L: Range = Range::inclusive(20.0, 250.0, " g/L");

// Plausible CAR-T measurements, for the page's kinetics and CSF tables (stricter than the API,
// which keeps the ranges of SPEC §3: kinetics days >= 0, counts >= 0).

/// Blood sample days in the kinetics table: 0 (infusion) to 20 years, beyond the longest
/// reported follow-up of CAR-T persistence (about a decade).
pub const KINETICS_DAY_PLAUSIBLE: Range =
    Range::inclusive(0.0, KINETICS_DAY_PLAUSIBLE_MAX_DAYS, " days");
/// The upper bound of [`KINETICS_DAY_PLAUSIBLE`] (20 × 365.25 days).
pub const KINETICS_DAY_PLAUSIBLE_MAX_DAYS: f64 = 7_305.0;
/// CAR-T cells per µL of blood: 0-1,000,000 (peaks are hundreds to a few thousand /µL;
/// a count in cells/L or per mL typed as /µL lands far above).
pub const CAR_T_PER_UL_PLAUSIBLE: Range = Range::inclusive(0.0, 1_000_000.0, " /µL");
/// CSF white cells per µL: 0-100,000 (meningitis reaches tens of thousands).
pub const CSF_WBC_PER_UL_PLAUSIBLE: Range = Range::inclusive(0.0, 100_000.0, " /µL");
/// CSF CD4+/CD8+ ratio: more than 0, at most 1,000 (usual values 0.1-10).
pub const CSF_RATIO_PLAUSIBLE: Range = Range {
    min: Bound::Exclusive(0.0),
    max: Bound::Inclusive(1_000.0),
    unit: "",
};

/// The plausible range of an analyte in a unit it accepts (`None` for a unit it does not).
pub fn lab_plausible_range(analyte: Analyte, unit: LabUnit) -> Option<Range> {
    match (analyte, unit) {
        (Analyte::Crp, LabUnit::MgPerL) => Some(LAB_CRP_MG_PER_L),
        (Analyte::Crp, LabUnit::MgPerDl) => Some(LAB_CRP_MG_PER_DL),
        (Analyte::Il6, LabUnit::PgPerMl) => Some(LAB_IL6_PG_PER_ML),
        (Analyte::Ferritin, LabUnit::NgPerMl) => Some(LAB_FERRITIN_NG_PER_ML),
        (Analyte::Ldh, LabUnit::UPerL) => Some(LAB_LDH_U_PER_L),
        (Analyte::Fibrinogen, LabUnit::GPerL) => Some(LAB_FIBRINOGEN_G_PER_L),
        (Analyte::Fibrinogen, LabUnit::MgPerDl) => Some(LAB_FIBRINOGEN_MG_PER_DL),
        (Analyte::Anc, LabUnit::PerUl) => Some(LAB_ANC_PER_UL),
        (Analyte::Anc, LabUnit::E9PerL) => Some(LAB_ANC_E9_PER_L),
        (Analyte::Platelets, LabUnit::PerUl) => Some(LAB_PLATELETS_PER_UL),
        (Analyte::Platelets, LabUnit::E9PerL) => Some(LAB_PLATELETS_E9_PER_L),
        (Analyte::Hemoglobin, LabUnit::GPerDl) => Some(LAB_HB_G_PER_DL),
        (Analyte::Hemoglobin, LabUnit::GPerL) => Some(LAB_HB_G_PER_L),
        _ => None,
    }
}

/// The values some marker may plausibly have in some unit it accepts: from 0 to the largest
/// maximum of [`lab_plausible_range`]. Above it a value is implausible whichever marker and unit
/// are chosen, so the page says so before they are.
pub fn lab_plausible_for_some_marker() -> Range {
    let mut most = 0.0_f64;
    for analyte in Analyte::ALL {
        for unit in analyte.units() {
            match lab_plausible_range(analyte, *unit).map(|r| r.max) {
                Some(Bound::Inclusive(max) | Bound::Exclusive(max)) => most = most.max(max),
                Some(Bound::Unbounded) => return NON_NEGATIVE,
                None => {}
            }
        }
    }
    Range {
        max: Bound::Inclusive(most),
        ..NON_NEGATIVE
    }
}

/// Said after "is the unit right?" for an implausible lab value.
pub fn lab_unit_hint(analyte: Analyte) -> &'static str {
    match analyte {
        Analyte::Crp => "10 mg/L is 1 mg/dL; check the unit chosen.",
        Analyte::Il6 => "IL-6 is entered in pg/mL (= ng/L).",
        Analyte::Ferritin => "ferritin is entered in ng/mL (= µg/L).",
        Analyte::Ldh => "LDH is entered in U/L (= IU/L).",
        Analyte::Fibrinogen => "1 g/L is 100 mg/dL; check the unit chosen.",
        Analyte::Anc | Analyte::Platelets => {
            "1 \u{d7}10\u{2079}/L is 1000 /µL; check the unit chosen."
        }
        Analyte::Hemoglobin => "9.0 g/dL is 90 g/L; check the unit chosen.",
    }
}

/// Why a lab value was rejected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabError {
    Day(f64),
    Value(f64),
    /// Outside the analyte's plausible range in that unit ([`lab_plausible_range`]).
    Implausible {
        analyte: Analyte,
        range: Range,
        got: f64,
    },
    /// A unit not accepted for the analyte (e.g. ferritin in mg/L).
    UnitNotForAnalyte {
        analyte: Analyte,
        unit: LabUnit,
    },
}

/// One lab value, stored in the unit it was entered in (never converted on the way in).
#[derive(Debug, Clone, PartialEq)]
pub struct LabValue {
    day: f64,
    analyte: Analyte,
    value: f64,
    unit: LabUnit,
    note: Option<String>,
}

impl LabValue {
    pub fn new(
        day: f64,
        analyte: Analyte,
        value: f64,
        unit: LabUnit,
        note: Option<String>,
    ) -> Result<Self, LabError> {
        if !CASE_DAY_RANGE.contains(day) {
            return Err(LabError::Day(day));
        }
        if !(value.is_finite() && NON_NEGATIVE.contains(value)) {
            return Err(LabError::Value(value));
        }
        if !analyte.units().contains(&unit) {
            return Err(LabError::UnitNotForAnalyte { analyte, unit });
        }
        if let Some(range) = lab_plausible_range(analyte, unit)
            && !range.contains(value)
        {
            return Err(LabError::Implausible {
                analyte,
                range,
                got: value,
            });
        }
        Ok(LabValue {
            day: day + 0.0,
            analyte,
            value: value + 0.0,
            unit,
            note,
        })
    }
    pub fn day(&self) -> f64 {
        self.day
    }
    pub fn analyte(&self) -> Analyte {
        self.analyte
    }
    pub fn value(&self) -> f64 {
        self.value
    }
    pub fn unit(&self) -> LabUnit {
        self.unit
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Kinetics settings as written (absent means the `kinetics()` default).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub auc_method: Option<AucMethod>,
    pub horizons_days: Option<Vec<HorizonDays>>,
}

/// The whole case (SPEC §3 `Case`; also the export/import format).
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub patient: Patient,
    pub infusion_date: Option<CalendarDate>,
    /// Free-text notes on the case as a whole (e.g. the assumptions of the published example).
    pub notes: Vec<String>,
    /// In the order entered (evaluation sorts by day).
    pub assessments: Vec<Assessment>,
    /// In the order entered (the ledger sorts by day).
    pub medications: Vec<Medication>,
    pub cells: Cells,
    pub labs: Vec<LabValue>,
    /// CAR-HEMATOTOX inputs.
    pub baseline: Option<HematotoxInput>,
    pub settings: Settings,
    /// The optional stable `id` of each record, parallel to its list (kept through export and
    /// import so two tabs or two devices can merge by record).
    pub ids: RecordIds,
}

/// The `id` written on each record of a case, by list, in list order (`None`: the record had
/// none). Kept beside the records rather than inside them: an id is bookkeeping for merging
/// copies of a case, not part of the clinical record, and grading never sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordIds {
    pub assessments: Vec<Option<String>>,
    pub medications: Vec<Option<String>>,
    pub labs: Vec<Option<String>>,
    pub csf: Vec<Option<String>>,
}

/// The longest record id accepted (ids are generated, short; this only bounds bad input).
pub const RECORD_ID_MAX_CHARS: usize = 64;

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/// One assessment's grades, in day order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentResult {
    pub day: f64,
    /// Position in the case's `assessments` list.
    pub input_index: usize,
    pub icans: Option<IcansResult>,
    pub crs: Option<CrsResult>,
    /// True when the patient's age chose ICE or CAPD (the ICANS input gave neither age nor tool).
    pub icans_age_from_patient: bool,
    /// CRS graded 0 for want of fever while hypotension or hypoxia was recorded
    /// ([`crate::grading::crs::CrsAssessment::findings_without_fever`]; the course says so).
    #[serde(skip)]
    pub crs_findings_without_fever: bool,
}

/// Why an assessment's domain cannot show that ICANS improved or resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GapReason {
    /// The domain was not assessed.
    NotAssessed,
    /// The domain was assessed and attributed to another cause (so it was not graded).
    OtherCause,
}

/// A domain that keeps an ICANS assessment from showing improvement or resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolutionGap {
    pub domain: IcansDomain,
    pub reason: GapReason,
}

/// The domains an ICANS assessment must have graded to show improvement or resolution: the
/// encephalopathy tool (ICE or CAPD) and the level of consciousness.
pub const RESOLUTION_DOMAINS: [IcansDomain; 2] = [IcansDomain::Tool, IcansDomain::Consciousness];

/// Why this ICANS assessment cannot show improvement or resolution; empty when it can.
///
/// Rule (SPEC §3, course): "An ICANS assessment counts toward `improvedDay` / `resolvedDay` (and
/// `intrathecal[]` response times) only if its encephalopathy tool (ICE or CAPD) and its level of
/// consciousness were both assessed and neither is in `otherCause`; other assessments still count
/// for onset and peak." A grade 0 from ICE alone, or from a sedated patient whose every domain is
/// attributed to another cause, says nothing about whether the encephalopathy has gone.
pub fn resolution_gaps(r: &IcansResult) -> Vec<ResolutionGap> {
    RESOLUTION_DOMAINS
        .iter()
        .filter_map(|&domain| {
            let graded = r.domains.iter().find(|d| d.domain == domain);
            match (graded, r.missing.contains(&domain)) {
                (Some(d), _) if d.excluded => Some(ResolutionGap {
                    domain,
                    reason: GapReason::OtherCause,
                }),
                (Some(_), false) => None,
                (Some(_), true) | (None, _) => Some(ResolutionGap {
                    domain,
                    reason: GapReason::NotAssessed,
                }),
            }
        })
        .collect()
}

/// One assessment as the course uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct CoursePoint {
    pub day: f64,
    pub grade: Grade,
    /// Why it cannot show improvement or resolution (empty: it can). Always empty for CRS.
    pub gaps: Vec<ResolutionGap>,
    /// Domains not assessed (shown with the assessment the course used).
    pub not_assessed: Vec<IcansDomain>,
}

impl CoursePoint {
    /// A point that can show resolution (CRS, or a complete ICANS assessment).
    pub fn plain(day: f64, grade: Grade) -> Self {
        CoursePoint {
            day,
            grade,
            gaps: Vec::new(),
            not_assessed: Vec::new(),
        }
    }

    /// An ICANS assessment with its resolution gaps and missing domains.
    pub fn icans(day: f64, r: &IcansResult) -> Self {
        CoursePoint {
            day,
            grade: r.grade,
            gaps: resolution_gaps(r),
            not_assessed: r.missing.clone(),
        }
    }

    fn can_show_resolution(&self) -> bool {
        self.gaps.is_empty()
    }
}

/// An assessment after the peak that graded <= 1 but was passed over because it cannot show
/// improvement or resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassedOver {
    pub day: f64,
    pub grade: Grade,
    pub gaps: Vec<ResolutionGap>,
}

/// A grade on a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeOnDay {
    pub day: f64,
    pub grade: Grade,
}

/// The course of one toxicity over the assessments that graded it (SPEC §3 `CourseSummary`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseSummary {
    /// First assessment with grade >= 1.
    pub onset_day: Option<f64>,
    /// Highest grade; 0 when none (or no assessment).
    pub peak_grade: Grade,
    /// First day the peak grade was reached; null when the peak is 0.
    pub peak_day: Option<f64>,
    /// First assessment later in time than the peak assessment with grade <= 1 that can show it
    /// (ICANS: tool and consciousness graded).
    pub improved_day: Option<f64>,
    /// First assessment later in time than the peak assessment with grade 0 that can show it.
    pub resolved_day: Option<f64>,
    /// `resolved_day - onset_day` (to the nearest second), else null.
    pub duration_days: Option<f64>,
    /// First assessment strictly after `resolved_day` with grade >= 1 (a new episode), else null.
    /// The fields above still describe the first resolution after the peak.
    pub recurred_day: Option<f64>,
    /// The latest assessment: what the grade is now.
    pub last_day: Option<f64>,
    pub last_grade: Option<Grade>,
    /// Number of assessments that graded this toxicity.
    pub assessments: usize,
    /// (Additive.) Domains not assessed in the assessment `improved_day` comes from.
    pub improved_not_assessed: Vec<IcansDomain>,
    /// (Additive.) Domains not assessed in the assessment `resolved_day` comes from.
    pub resolved_not_assessed: Vec<IcansDomain>,
    /// (Additive.) Assessments after the peak, before resolution, graded <= 1 but unable to show
    /// improvement or resolution, with why.
    pub passed_over: Vec<PassedOver>,
    /// (Additive.) The first assessment after the peak and before resolution whose grade is higher
    /// than the lowest grade seen since the peak: the episode worsened again.
    pub worsened_again: Option<GradeOnDay>,
}

/// Derives the course from `(day, grade)` points already sorted by day (ties in input order),
/// every point able to show resolution (CRS).
pub fn course_summary(points: &[(f64, Grade)]) -> CourseSummary {
    let points: Vec<CoursePoint> = points
        .iter()
        .map(|&(d, g)| CoursePoint::plain(d, g))
        .collect();
    course_summary_of(&points)
}

/// "Improved" in the course rules ([`COURSE_RULES`]): an assessment graded at most this.
pub const IMPROVED_AT_MOST: Grade = Grade::G1;
/// "Resolved" in the course rules: an assessment graded this.
pub const RESOLVED_AT: Grade = Grade::G0;

/// The two milestones as headers and sentences name them: "grade ≤ 1", "grade 0".
pub fn improved_words() -> String {
    format!("grade \u{2264} {}", IMPROVED_AT_MOST.number())
}

pub fn resolved_words() -> String {
    format!("grade {}", RESOLVED_AT.number())
}

/// Derives the course from points already sorted by day (ties in input order).
///
/// # Formula
/// ```text
/// onset    = first point with grade >= 1
/// peak     = max grade (0 if none); peakDay = first point with grade = peak (none if peak 0)
/// improved = first point later than peakDay with grade <= 1 that can show it (no gaps)
/// resolved = first point later than peakDay with grade 0 that can show it
/// duration = resolved - onset;  recurred = first point later than resolved with grade >= 1
/// worsened = first point later than peakDay (and before resolved) with a grade above the
///            lowest grade since the peak
/// ```
pub fn course_summary_of(points: &[CoursePoint]) -> CourseSummary {
    let onset_day = points.iter().find(|p| p.grade >= Grade::G1).map(|p| p.day);
    let peak_grade = points.iter().map(|p| p.grade).max().unwrap_or(Grade::G0);
    let peak_day = if peak_grade == Grade::G0 {
        None
    } else {
        points.iter().find(|p| p.grade == peak_grade).map(|p| p.day)
    };
    let first_after = |from: Option<f64>, wanted: &dyn Fn(&CoursePoint) -> bool| {
        from.and_then(|start| points.iter().find(|p| p.day > start && wanted(p)))
    };
    let improved = first_after(peak_day, &|p| {
        p.grade <= IMPROVED_AT_MOST && p.can_show_resolution()
    });
    let resolved = first_after(peak_day, &|p| {
        p.grade == RESOLVED_AT && p.can_show_resolution()
    });
    let resolved_day = resolved.map(|p| p.day);
    let recurred_day = first_after(resolved_day, &|p| p.grade >= Grade::G1).map(|p| p.day);
    let duration_days = match (onset_day, resolved_day) {
        (Some(onset), Some(resolved)) => Some(days_between(onset, resolved)),
        (None, _) | (_, None) => None,
    };
    let episode: Vec<&CoursePoint> = match peak_day {
        Some(peak) => points
            .iter()
            .filter(|p| p.day > peak && resolved_day.is_none_or(|r| p.day < r))
            .collect(),
        None => Vec::new(),
    };
    let passed_over = episode
        .iter()
        .filter(|p| p.grade <= IMPROVED_AT_MOST && !p.can_show_resolution())
        .map(|p| PassedOver {
            day: p.day,
            grade: p.grade,
            gaps: p.gaps.clone(),
        })
        .collect();
    // Only an assessment that can show improvement lowers the bar: an incomplete one's grade is
    // the worst of what was assessed, so a later complete one above it is not a worsening.
    let mut lowest = peak_grade;
    let mut worsened_again = None;
    for p in &episode {
        if p.grade > lowest {
            worsened_again = Some(GradeOnDay {
                day: p.day,
                grade: p.grade,
            });
            break;
        }
        if p.can_show_resolution() {
            lowest = lowest.min(p.grade);
        }
    }
    CourseSummary {
        onset_day,
        peak_grade,
        peak_day,
        improved_day: improved.map(|p| p.day),
        resolved_day,
        duration_days,
        recurred_day,
        last_day: points.last().map(|p| p.day),
        last_grade: points.last().map(|p| p.grade),
        assessments: points.len(),
        improved_not_assessed: improved.map(|p| p.not_assessed.clone()).unwrap_or_default(),
        resolved_not_assessed: resolved.map(|p| p.not_assessed.clone()).unwrap_or_default(),
        passed_over,
        worsened_again,
    }
}

/// ICANS and CRS courses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    pub icans: CourseSummary,
    pub crs: CourseSummary,
    /// The rules in words, for the basis shown with the course.
    pub rules: &'static str,
}

pub const COURSE_RULES: &str = "Assessments in time order (same time: order entered); each course uses only the assessments that graded it. Onset = first grade \u{2265} 1; peak = highest grade, from the first assessment that reached it; improved = first assessment later in time than that peak assessment with grade \u{2264} 1; resolved = first assessment later in time than the peak assessment with grade 0; for ICANS only an assessment that graded both the ICE/CAPD score and the level of consciousness, neither attributed to another cause, can show improvement or resolution (any assessment counts for onset and peak); duration = resolved - onset; worsened again = a grade above the lowest since the peak, before resolution; recurred = first grade \u{2265} 1 after the resolved assessment (a later episode). Time differences are rounded to the nearest second.";

/// One intrathecal dose in a row of [`IntrathecalRow`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntrathecalDose {
    /// API drug name, or the label of an "other" drug.
    pub drug: String,
    pub mg: f64,
}

/// Response after intrathecal therapy given at one time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntrathecalRow {
    pub day: f64,
    /// API drug names (the label for an "other" drug), in the order entered.
    pub drugs: Vec<String>,
    pub doses: Vec<IntrathecalDose>,
    /// Hours to the first ICANS assessment strictly later with grade <= 1 that can show it, else
    /// null; null when ICANS was not active at the dose. An upper bound: the time it was seen.
    pub hours_to_grade1_or_less: Option<f64>,
    /// Hours to the first ICANS assessment strictly later with grade 0 that can show it, else
    /// null; null when ICANS was not active at the dose.
    pub hours_to_grade0: Option<f64>,
    /// (Additive.) The latest ICANS assessment at or before the dose, if any.
    pub icans_at_dose: Option<GradeOnDay>,
    /// (Additive.) ICANS grade >= 1 at the dose (by `icans_at_dose`): the response is measured
    /// only then.
    pub icans_active: bool,
    /// (Additive.) Hours to the first ICANS assessment strictly after the dose, whatever its grade.
    pub hours_to_next_assessment: Option<f64>,
    /// (Additive.) Assessments after the dose, before the grade 0 used, graded <= 1 but unable to
    /// show it.
    pub passed_over: Vec<PassedOver>,
}

/// The `evaluateCase` result (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    pub assessments: Vec<AssessmentResult>,
    pub course: Course,
    pub steroids: SteroidLedger,
    pub kinetics: Option<KineticsResult>,
    pub hematotox: Option<HematotoxResult>,
    pub intrathecal: Vec<IntrathecalRow>,
    pub version: &'static str,
}

/// The drug as the case file names it: the API word, or the label of an "other" drug.
pub fn drug_name(drug: &Drug) -> String {
    match drug {
        Drug::Other { label } => label.clone(),
        Drug::Steroid(_) | Drug::NonSteroid(_) => drug.api_name().to_string(),
    }
}

/// Evaluates a case: grades every assessment, derives the courses, sums the steroids, runs the
/// kinetics and the baseline score, and measures the response to each intrathecal treatment.
pub fn evaluate(case: &Case) -> CaseResult {
    // Stable sort: same-day assessments keep the order entered.
    let order = crate::numbers::order_by_f64(case.assessments.iter().map(Assessment::day));
    let assessments: Vec<AssessmentResult> = order
        .iter()
        .filter_map(|&i| case.assessments.get(i).map(|a| (i, a)))
        .map(|(i, a)| AssessmentResult {
            day: a.day,
            input_index: i,
            icans: a.icans.as_ref().map(|e| e.assessment.grade()),
            crs: a.crs.as_ref().map(|e| e.assessment.grade()),
            icans_age_from_patient: a.icans.as_ref().is_some_and(|e| e.age_from_patient),
            crs_findings_without_fever: (a.crs.as_ref())
                .is_some_and(|e| e.assessment.findings_without_fever()),
        })
        .collect();
    let icans_points: Vec<CoursePoint> = assessments
        .iter()
        .filter_map(|a| a.icans.as_ref().map(|r| CoursePoint::icans(a.day, r)))
        .collect();
    let crs_points: Vec<(f64, Grade)> = assessments
        .iter()
        .filter_map(|a| a.crs.as_ref().map(|r| (a.day, r.grade)))
        .collect();

    let kinetics = case.cells.blood.as_ref().map(|series| {
        let input = KineticsInput {
            series: series.clone(),
            method: case.settings.auc_method.unwrap_or_default(),
            horizons: case
                .settings
                .horizons_days
                .clone()
                .unwrap_or_else(|| HorizonDays::DEFAULTS.to_vec()),
        };
        crate::kinetics::run(&input).0
    });

    CaseResult {
        intrathecal: intrathecal_rows(&case.medications, &icans_points),
        course: Course {
            icans: course_summary_of(&icans_points),
            crs: course_summary(&crs_points),
            rules: COURSE_RULES,
        },
        assessments,
        steroids: steroids::ledger(&case.medications),
        kinetics,
        hematotox: case.baseline.map(|b| b.score()),
        version: crate::APP_VERSION,
    }
}

/// The course of the entries kept from longer lists, each with its position in its list (the
/// entries of a page's stored lists that the core reads): the case of the patient and those
/// entries alone, evaluated, each index of the result (`input_index`) being the entry's position
/// in its own list, so that it names the entry as the lists hold it.
pub fn evaluate_kept(
    patient: Patient,
    assessments: &[(usize, Assessment)],
    medications: &[(usize, Medication)],
    labs: &[(usize, LabValue)],
) -> CaseResult {
    fn entries<T: Clone>(kept: &[(usize, T)]) -> Vec<T> {
        kept.iter().map(|(_, e)| e.clone()).collect()
    }
    let case = Case {
        patient,
        assessments: entries(assessments),
        medications: entries(medications),
        labs: entries(labs),
        infusion_date: None,
        notes: Vec::new(),
        cells: Cells::default(),
        baseline: None,
        settings: Settings::default(),
        ids: RecordIds::default(),
    };
    let mut result = evaluate(&case);
    /// The list's position of the `i`-th entry kept.
    fn at<T>(kept: &[(usize, T)], i: &mut usize) {
        *i = kept.get(*i).map_or(*i, |(index, _)| *index);
    }
    for a in &mut result.assessments {
        at(assessments, &mut a.input_index);
    }
    for d in &mut result.steroids.per_dose {
        at(medications, &mut d.input_index);
    }
    for u in &mut result.steroids.unconverted {
        at(medications, &mut u.input_index);
    }
    result
}

/// Groups intrathecal medications by day (exactly equal days) and measures the time to the first
/// later ICANS assessment at grade <= 1 and at grade 0 that can show it. `icans` is sorted by day.
///
/// Rule (SPEC §3): "both null when ICANS was not active at the dose (the latest ICANS assessment
/// at or before the dose has grade 0, or there is none)": intrathecal prophylaxis is not a
/// response to treatment.
pub fn intrathecal_rows(medications: &[Medication], icans: &[CoursePoint]) -> Vec<IntrathecalRow> {
    let mut it: Vec<&Medication> = medications
        .iter()
        .filter(|m| m.route() == Route::It)
        .collect();
    crate::numbers::sort_by_f64(&mut it, |m| m.day());
    let mut rows: Vec<IntrathecalRow> = Vec::new();
    for m in it {
        let dose = IntrathecalDose {
            drug: drug_name(m.drug()),
            mg: m.mg(),
        };
        match rows.last_mut() {
            Some(row) if row.day == m.day() => {
                row.drugs.push(dose.drug.clone());
                row.doses.push(dose);
            }
            Some(_) | None => {
                let day = m.day();
                let icans_at_dose = icans
                    .iter()
                    .rev()
                    .find(|p| p.day <= day)
                    .map(|p| GradeOnDay {
                        day: p.day,
                        grade: p.grade,
                    });
                let icans_active = icans_at_dose.is_some_and(|g| g.grade >= Grade::G1);
                let after: Vec<&CoursePoint> = icans.iter().filter(|p| p.day > day).collect();
                let first = |wanted: &dyn Fn(Grade) -> bool| {
                    after
                        .iter()
                        .find(|p| wanted(p.grade) && p.can_show_resolution())
                        .copied()
                };
                let improved = first(&|g| g <= IMPROVED_AT_MOST).filter(|_| icans_active);
                let resolved = first(&|g| g == RESOLVED_AT).filter(|_| icans_active);
                let passed_over = if icans_active {
                    after
                        .iter()
                        .filter(|p| resolved.is_none_or(|r| p.day < r.day))
                        .filter(|p| p.grade <= IMPROVED_AT_MOST && !p.can_show_resolution())
                        .map(|p| PassedOver {
                            day: p.day,
                            grade: p.grade,
                            gaps: p.gaps.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                rows.push(IntrathecalRow {
                    day,
                    drugs: vec![dose.drug.clone()],
                    doses: vec![dose],
                    hours_to_grade1_or_less: improved.map(|p| hours_between(day, p.day)),
                    hours_to_grade0: resolved.map(|p| hours_between(day, p.day)),
                    icans_at_dose,
                    icans_active,
                    hours_to_next_assessment: after.first().map(|p| hours_between(day, p.day)),
                    passed_over,
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_lab_value_above_every_markers_plausible_maximum_is_implausible_for_all() {
        let any = lab_plausible_for_some_marker();
        let mut reached = false;
        for analyte in Analyte::ALL {
            for unit in analyte.units() {
                let range = lab_plausible_range(analyte, *unit).expect("a unit it accepts");
                let (Bound::Inclusive(max), Bound::Inclusive(most)) = (range.max, any.max) else {
                    panic!("plausible maxima are inclusive");
                };
                assert!(max <= most, "{analyte:?} {unit:?}");
                reached |= max == most;
                assert!(!range.contains(most * 1.000_001), "{analyte:?} {unit:?}");
            }
        }
        assert!(reached, "the largest maximum is one of them");
        assert!(any.contains(0.0) && !any.contains(-1e-9));
    }

    use super::*;

    #[test]
    fn the_milestones_are_named_as_the_course_rules_state_them() {
        assert_eq!(improved_words(), "grade \u{2264} 1");
        assert_eq!(resolved_words(), "grade 0");
        let improved = format!("peak assessment with {}", improved_words());
        let resolved = format!("peak assessment with {}", resolved_words());
        assert!(COURSE_RULES.contains(&improved) && COURSE_RULES.contains(&resolved));
    }

    #[test]
    fn an_entered_icans_input_is_read_back_as_the_same_entry() {
        use crate::grading::icans::{Consciousness, IcansFindings};
        use crate::input::case::{assessment_to_json, parse_assessment};
        let findings = IcansFindings {
            consciousness: Some(Consciousness::AwakensToVoice),
            other_cause: vec![IcansDomain::Consciousness],
            ..IcansFindings::default()
        };
        let graded = IcansAssessment::new(Tool::Capd, findings).expect("valid");
        let entry = IcansEntry::entered(Some(39.0), Some(Tool::Capd), graded);
        assert_eq!(entry.age_years(), Some(39.0));
        assert_eq!(entry.chosen_tool(), Some(Tool::Capd));
        let crs = CrsAssessment {
            fever: crate::grading::crs::Fever::MeasuredC(38.4),
            hypotension: None,
            oxygen: None,
        };
        let a = Assessment::new(14.0, Some(entry), Some(CrsEntry::entered(crs)), None);
        let a = a.expect("valid");
        let read = parse_assessment(&assessment_to_json(&a), "", Some(5.0));
        assert_eq!(read, Ok(a));
    }

    fn pts(v: &[(f64, u8)]) -> Vec<(f64, Grade)> {
        v.iter()
            .map(|&(d, g)| (d, Grade::ALL[usize::from(g)]))
            .collect()
    }

    // ---------- course ----------

    #[test]
    fn single_episode_onset_peak_improved_resolved() {
        let c = course_summary(&pts(&[
            (1.0, 0),
            (2.0, 1),
            (3.0, 3),
            (4.0, 2),
            (5.0, 1),
            (6.0, 0),
        ]));
        assert_eq!(c.onset_day, Some(2.0));
        assert_eq!((c.peak_grade, c.peak_day), (Grade::G3, Some(3.0)));
        assert_eq!(c.improved_day, Some(5.0));
        assert_eq!(c.resolved_day, Some(6.0));
        assert_eq!(c.duration_days, Some(4.0));
        assert_eq!(c.recurred_day, None);
        assert_eq!((c.last_day, c.last_grade), (Some(6.0), Some(Grade::G0)));
    }

    #[test]
    fn grade_0_only_has_no_onset_no_peak_day() {
        let c = course_summary(&pts(&[(1.0, 0), (2.0, 0)]));
        assert_eq!(c.onset_day, None);
        assert_eq!((c.peak_grade, c.peak_day), (Grade::G0, None));
        assert_eq!(
            (c.improved_day, c.resolved_day, c.duration_days),
            (None, None, None)
        );
        assert_eq!(c.assessments, 2);
    }

    #[test]
    fn no_assessments_is_peak_0() {
        let c = course_summary(&[]);
        assert_eq!(
            (c.peak_grade, c.peak_day, c.last_grade),
            (Grade::G0, None, None)
        );
        assert_eq!(c.assessments, 0);
    }

    #[test]
    fn not_resolved_yet_has_null_resolution_and_duration() {
        let c = course_summary(&pts(&[(1.0, 2), (2.0, 3), (3.0, 1)]));
        assert_eq!(c.improved_day, Some(3.0));
        assert_eq!((c.resolved_day, c.duration_days), (None, None));
    }

    #[test]
    fn peak_day_is_the_first_day_the_peak_was_reached() {
        let c = course_summary(&pts(&[(1.0, 3), (2.0, 2), (3.0, 3), (4.0, 0)]));
        assert_eq!(c.peak_day, Some(1.0));
        // "Improved" is grade <= 1, so day 2 (grade 2) does not count.
        assert_eq!(c.improved_day, Some(4.0));
    }

    #[test]
    fn second_lower_episode_after_resolution_is_reported_as_recurrence() {
        // Grade 3 on day 2 resolves on day 3; grade 2 again on day 5, resolved on day 6.
        let c = course_summary(&pts(&[(1.0, 0), (2.0, 3), (3.0, 0), (5.0, 2), (6.0, 0)]));
        assert_eq!((c.onset_day, c.peak_day), (Some(2.0), Some(2.0)));
        assert_eq!(c.resolved_day, Some(3.0));
        assert_eq!(c.duration_days, Some(1.0));
        assert_eq!(c.recurred_day, Some(5.0));
        assert_eq!(c.last_grade, Some(Grade::G0));
    }

    #[test]
    fn second_higher_episode_moves_the_peak_and_the_duration_spans_both() {
        let c = course_summary(&pts(&[(1.0, 2), (2.0, 0), (4.0, 4), (6.0, 0)]));
        assert_eq!(c.onset_day, Some(1.0));
        assert_eq!((c.peak_grade, c.peak_day), (Grade::G4, Some(4.0)));
        assert_eq!(c.resolved_day, Some(6.0));
        assert_eq!(c.duration_days, Some(5.0));
        assert_eq!(c.recurred_day, None);
    }

    #[test]
    fn same_day_grade_0_after_the_peak_is_not_strictly_later() {
        let c = course_summary(&pts(&[(2.0, 3), (2.0, 0), (3.0, 0)]));
        assert_eq!(c.peak_day, Some(2.0));
        assert_eq!(c.resolved_day, Some(3.0));
    }

    fn gap(domain: IcansDomain, reason: GapReason) -> ResolutionGap {
        ResolutionGap { domain, reason }
    }

    fn pt(day: f64, grade: u8, gaps: Vec<ResolutionGap>) -> CoursePoint {
        CoursePoint {
            day,
            grade: Grade::ALL[usize::from(grade)],
            gaps,
            not_assessed: Vec::new(),
        }
    }

    #[test]
    fn a_point_with_gaps_counts_for_peak_but_not_for_resolution() {
        let no_tool = vec![gap(IcansDomain::Tool, GapReason::NotAssessed)];
        let c = course_summary_of(&[
            pt(1.0, 3, no_tool.clone()),
            pt(2.0, 0, no_tool.clone()),
            pt(3.0, 0, vec![]),
        ]);
        assert_eq!((c.onset_day, c.peak_day), (Some(1.0), Some(1.0)));
        assert_eq!((c.improved_day, c.resolved_day), (Some(3.0), Some(3.0)));
        assert_eq!(c.passed_over.len(), 1);
        let c = course_summary_of(&[pt(1.0, 3, vec![]), pt(2.0, 0, vec![])]);
        assert_eq!(c.resolved_day, Some(2.0));
        assert!(c.passed_over.is_empty());
    }

    #[test]
    fn worsening_after_improvement_is_reported_once_before_resolution() {
        let c = course_summary(&pts(&[
            (14.0, 4),
            (15.0, 1),
            (16.0, 3),
            (17.0, 2),
            (18.0, 0),
        ]));
        assert_eq!(
            c.worsened_again,
            Some(GradeOnDay {
                day: 16.0,
                grade: Grade::G3
            })
        );
        assert_eq!(c.resolved_day, Some(18.0));
        // A rise after resolution is a recurrence, not a worsening of this episode.
        let c = course_summary(&pts(&[(14.0, 4), (15.0, 0), (16.0, 3)]));
        assert_eq!(c.worsened_again, None);
        assert_eq!(c.recurred_day, Some(16.0));
    }

    #[test]
    fn improvement_later_on_the_peak_day_counts_but_not_at_the_same_time() {
        // "Later in time than the peak assessment": 6 h after the peak on the same calendar day.
        let c = course_summary(&pts(&[(14.0, 3), (14.0, 1), (14.25, 1)]));
        assert_eq!(c.improved_day, Some(14.25));
    }

    // ---------- parts ----------

    #[test]
    fn lab_units_are_checked_per_analyte() {
        assert!(LabValue::new(1.0, Analyte::Crp, 340.0, LabUnit::MgPerL, None).is_ok());
        assert!(LabValue::new(1.0, Analyte::Crp, 34.0, LabUnit::MgPerDl, None).is_ok());
        assert_eq!(
            LabValue::new(1.0, Analyte::Ferritin, 1.0, LabUnit::MgPerL, None),
            Err(LabError::UnitNotForAnalyte {
                analyte: Analyte::Ferritin,
                unit: LabUnit::MgPerL
            })
        );
        assert!(LabValue::new(1.0, Analyte::Crp, -1.0, LabUnit::MgPerL, None).is_err());
    }

    /// The bounds of a plausible range (both inclusive).
    fn bounds(r: Range) -> (f64, f64) {
        match (r.min, r.max) {
            (Bound::Inclusive(lo), Bound::Inclusive(hi)) => (lo, hi),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_lab_value_is_accepted_at_its_plausible_bounds_and_refused_beyond() {
        for analyte in Analyte::ALL {
            for &unit in analyte.units() {
                let range = lab_plausible_range(analyte, unit).expect("a range per unit");
                let (lo, hi) = bounds(range);
                for ok in [lo, hi] {
                    assert!(
                        LabValue::new(1.0, analyte, ok, unit, None).is_ok(),
                        "{analyte:?} {unit:?} {ok}"
                    );
                }
                let above = hi * 1.000_001;
                assert_eq!(
                    LabValue::new(1.0, analyte, above, unit, None),
                    Err(LabError::Implausible {
                        analyte,
                        range,
                        got: above
                    }),
                    "{analyte:?} {unit:?}"
                );
                if lo > 0.0 {
                    let below = lo * 0.999_999;
                    assert!(matches!(
                        LabValue::new(1.0, analyte, below, unit, None),
                        Err(LabError::Implausible { .. })
                    ));
                }
            }
        }
    }

    #[test]
    fn hb_typed_in_g_per_l_as_if_g_per_dl_is_refused_and_1e308_never_accepted() {
        // "9" chosen as g/L is 0.9 g/dL: not a haemoglobin.
        assert!(matches!(
            LabValue::new(1.0, Analyte::Hemoglobin, 9.0, LabUnit::GPerL, None),
            Err(LabError::Implausible { .. })
        ));
        assert!(LabValue::new(1.0, Analyte::Hemoglobin, 90.0, LabUnit::GPerL, None).is_ok());
        for analyte in Analyte::ALL {
            for &unit in analyte.units() {
                assert!(LabValue::new(1.0, analyte, 1e308, unit, None).is_err());
            }
        }
        assert_eq!(lab_plausible_range(Analyte::Il6, LabUnit::GPerL), None);
    }

    #[test]
    fn kinetics_plausibility_bounds_are_inclusive() {
        assert!(KINETICS_DAY_PLAUSIBLE.contains(7_305.0));
        assert!(!KINETICS_DAY_PLAUSIBLE.contains(7_305.5));
        assert!(KINETICS_DAY_PLAUSIBLE.contains(0.0));
        assert!(!KINETICS_DAY_PLAUSIBLE.contains(-0.5));
        assert!(CAR_T_PER_UL_PLAUSIBLE.contains(1_000_000.0));
        assert!(!CAR_T_PER_UL_PLAUSIBLE.contains(1_000_001.0));
        assert!(CSF_WBC_PER_UL_PLAUSIBLE.contains(100_000.0));
        assert!(!CSF_WBC_PER_UL_PLAUSIBLE.contains(100_001.0));
        assert!(!CSF_RATIO_PLAUSIBLE.contains(0.0));
        assert!(CSF_RATIO_PLAUSIBLE.contains(1_000.0));
        assert!(!CSF_RATIO_PLAUSIBLE.contains(1_000.1));
    }

    #[test]
    fn csf_sample_needs_a_measurement_and_ranges() {
        assert_eq!(
            CsfSample::new(14.0, None, None, None, None),
            Err(CsfError::Empty)
        );
        assert!(CsfSample::new(14.0, Some(2.0), Some(31.6), Some(54.0), None).is_ok());
        assert_eq!(
            CsfSample::new(14.0, None, Some(100.1), None, None),
            Err(CsfError::CarTPercent(100.1))
        );
        assert_eq!(
            CsfSample::new(14.0, None, None, Some(0.0), None),
            Err(CsfError::Cd4Cd8Ratio(0.0))
        );
    }

    #[test]
    fn patient_age_0_to_120() {
        assert!(Patient::new("a".into(), Some(0.0)).is_ok());
        assert!(Patient::new("a".into(), Some(120.0)).is_ok());
        assert_eq!(Patient::new("a".into(), Some(120.5)), Err(120.5));
    }
}
