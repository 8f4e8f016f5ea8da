//! A patient's case: timed ICANS/CRS assessments, medications, CAR-T counts, lab values and the
//! baseline score, and its evaluation over time (`evaluateCase` of SPEC §3).
//!
//! Time is one number, `day`: days since the CAR-T infusion (day 0), fractional for hours
//! (day 14 + 6 h = 14.25), negative before the infusion (lymphodepletion, down to day -30). There
//! is no separate time-of-day field: one instant has one spelling, so an export cannot hold two
//! disagreeing times, and every list sorts by the same number.
//!
//! Values are kept as entered (lab values with their unit, medications in mg of the drug given);
//! conversions happen only in results and are labelled there. A [`Case`] is built by
//! [`crate::api::parse_case`], which checks every field, and is written back by
//! [`crate::api::case_to_json`] so that export then import gives the identical case.

use crate::api::icans::AGE_YEARS;
use crate::api::kinetics::{KineticsInput, KineticsResult, SeriesName};
use crate::error::{Bound, Range};
use crate::grading::Grade;
use crate::grading::crs::{CrsAssessment, CrsResult};
use crate::grading::icans::{IcansAssessment, IcansResult};
use crate::hematotox::{HematotoxInput, HematotoxResult};
use crate::json::Json;
use crate::kinetics::{AucMethod, HorizonDays, Series};
use crate::steroids::{self, Drug, Medication, Route, SteroidLedger};
use serde::Serialize;
use std::fmt;

/// The only schema this version reads and writes.
pub const SCHEMA: &str = "icans-calc/case@1";

/// Days of assessments, medications, CSF samples and lab values: from day -30 (lymphodepletion
/// and baseline work-up are before day 0; SPEC §3) to day 36,525 (100 years, a plausibility
/// limit that also keeps every time difference finite).
pub const CASE_DAY_RANGE: Range = Range {
    min: Bound::Inclusive(-30.0),
    max: Bound::Inclusive(36_525.0),
    unit: " days",
};

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

/// Seconds per day, for time differences (see [`days_between`]).
const SECONDS_PER_DAY: f64 = 86_400.0;

/// `later - earlier` in days, to the nearest second.
///
/// Fractional days cannot hold most hours exactly in binary (1 h = 0.041666… day), so a plain
/// difference of "day 14 + 33 h" and "day 14 + 1 h" is 1.3333333333333339 days, not 4/3. Rounding
/// the difference to whole seconds (far finer than any bedside record) removes that noise:
/// 32 h comes out as 32, 20 min as the double nearest 1/3 h.
pub fn days_between(earlier: f64, later: f64) -> f64 {
    ((later - earlier) * SECONDS_PER_DAY).round() / SECONDS_PER_DAY
}

/// `later - earlier` in hours, to the nearest second (see [`days_between`]).
pub fn hours_between(earlier: f64, later: f64) -> f64 {
    ((later - earlier) * SECONDS_PER_DAY).round() / 3_600.0
}

// ---------------------------------------------------------------------------------------------
// Calendar date
// ---------------------------------------------------------------------------------------------

/// A real Gregorian calendar date written `YYYY-MM-DD`, years 1900-2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date text was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not ten characters `DDDD-DD-DD`.
    Format,
    /// Year outside 1900-2100.
    Year,
    /// Month 0 or above 12, or a day that month does not have (2023-02-29).
    NotACalendarDate,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DateError::Format => "write the date as YYYY-MM-DD, e.g. 2024-03-14",
            DateError::Year => "the year must be from 1900 to 2100",
            DateError::NotACalendarDate => "this day does not exist in the calendar",
        })
    }
}

pub const FIRST_YEAR: u16 = 1900;
pub const LAST_YEAR: u16 = 2100;

impl CalendarDate {
    /// Reads exactly `YYYY-MM-DD` (ISO 8601 calendar date, no time, no zone).
    ///
    /// # Examples
    /// ```
    /// use icans_calc::case::{CalendarDate, DateError};
    /// assert!(CalendarDate::parse("2024-02-29").is_ok());
    /// assert_eq!(CalendarDate::parse("2023-02-29"), Err(DateError::NotACalendarDate));
    /// assert_eq!(CalendarDate::parse("2024-2-9"), Err(DateError::Format));
    /// ```
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = bytes.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                Some(part.iter().fold(0_u16, |n, b| n * 10 + u16::from(b - b'0')))
            } else {
                None
            }
        };
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(DateError::Format);
        }
        let (Some(year), Some(month), Some(day)) =
            (digits_at(0..4), digits_at(5..7), digits_at(8..10))
        else {
            return Err(DateError::Format);
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(DateError::Year);
        }
        // Two digits each, so below 100 and the conversions are exact.
        let (month, day) = (month as u8, day as u8);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(DateError::NotACalendarDate);
        }
        Ok(CalendarDate { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March so February's length is last.
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Calendar days from `self` to `other` (positive when `other` is later): the day number of a
    /// date when `self` is the infusion date. Counting calendar dates, not milliseconds, keeps
    /// the count right across daylight-saving changes.
    pub fn days_until(self, other: CalendarDate) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }
}

/// Gregorian leap year: divisible by 4, except centuries not divisible by 400.
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month (1-12); 0 for a month outside 1-12.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        0 | 13.. => 0,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

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
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn age_years(&self) -> Option<f64> {
        self.age_years
    }
}

/// An ICANS input as the caller wrote it (kept for a lossless export) and as graded. Built only
/// by the case parser, so the two always agree.
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
    /// The `gradeIcans` input as written in the case.
    pub fn input(&self) -> &Json {
        &self.input
    }
    pub fn assessment(&self) -> &IcansAssessment {
        &self.assessment
    }
    pub fn age_from_patient(&self) -> bool {
        self.age_from_patient
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

/// Why a lab value was rejected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LabError {
    Day(f64),
    Value(f64),
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
    /// First assessment strictly after `peak_day` with grade <= 1.
    pub improved_day: Option<f64>,
    /// First assessment strictly after `peak_day` with grade 0.
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
}

/// Derives the course from `(day, grade)` points already sorted by day (ties in input order).
///
/// # Formula
/// ```text
/// onset    = first day with grade >= 1
/// peak     = max grade (0 if none); peakDay = first day with grade = peak (none if peak 0)
/// improved = first day > peakDay with grade <= 1;  resolved = first day > peakDay with grade 0
/// duration = resolved - onset;  recurred = first day > resolved with grade >= 1
/// ```
pub fn course_summary(points: &[(f64, Grade)]) -> CourseSummary {
    let onset_day = points
        .iter()
        .find(|(_, g)| *g >= Grade::G1)
        .map(|(d, _)| *d);
    let peak_grade = points.iter().map(|(_, g)| *g).max().unwrap_or(Grade::G0);
    let peak_day = if peak_grade == Grade::G0 {
        None
    } else {
        points
            .iter()
            .find(|(_, g)| *g == peak_grade)
            .map(|(d, _)| *d)
    };
    let first_after = |from: Option<f64>, wanted: &dyn Fn(Grade) -> bool| {
        from.and_then(|start| {
            points
                .iter()
                .find(|(d, g)| *d > start && wanted(*g))
                .map(|(d, _)| *d)
        })
    };
    let improved_day = first_after(peak_day, &|g| g <= Grade::G1);
    let resolved_day = first_after(peak_day, &|g| g == Grade::G0);
    let recurred_day = first_after(resolved_day, &|g| g >= Grade::G1);
    let duration_days = match (onset_day, resolved_day) {
        (Some(onset), Some(resolved)) => Some(days_between(onset, resolved)),
        (None, _) | (_, None) => None,
    };
    CourseSummary {
        onset_day,
        peak_grade,
        peak_day,
        improved_day,
        resolved_day,
        duration_days,
        recurred_day,
        last_day: points.last().map(|(d, _)| *d),
        last_grade: points.last().map(|(_, g)| *g),
        assessments: points.len(),
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

pub const COURSE_RULES: &str = "Assessments in day order (same day: order entered); each course uses only the assessments that graded it. Onset = first grade \u{2265} 1; peak = highest grade, peak day = first day it was reached; improved = first assessment strictly after the peak day with grade \u{2264} 1; resolved = first strictly after the peak day with grade 0; duration = resolved day - onset day; recurred = first grade \u{2265} 1 strictly after the resolved day (a later episode). Time differences are rounded to the nearest second.";

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
    /// Hours to the first ICANS assessment strictly later with grade <= 1, else null.
    pub hours_to_grade1_or_less: Option<f64>,
    /// Hours to the first ICANS assessment strictly later with grade 0, else null.
    pub hours_to_grade0: Option<f64>,
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

fn drug_name(drug: &Drug) -> String {
    match drug {
        Drug::Other { label } => label.clone(),
        Drug::Steroid(_) | Drug::NonSteroid(_) => drug.api_name().to_string(),
    }
}

/// Evaluates a case: grades every assessment, derives the courses, sums the steroids, runs the
/// kinetics and the baseline score, and measures the response to each intrathecal treatment.
pub fn evaluate(case: &Case) -> CaseResult {
    let mut order: Vec<usize> = (0..case.assessments.len()).collect();
    // Stable sort: same-day assessments keep the order entered.
    order.sort_by(|&a, &b| {
        let day = |i: usize| case.assessments.get(i).map_or(0.0, Assessment::day);
        day(a).total_cmp(&day(b))
    });
    let assessments: Vec<AssessmentResult> = order
        .iter()
        .filter_map(|&i| case.assessments.get(i).map(|a| (i, a)))
        .map(|(i, a)| AssessmentResult {
            day: a.day,
            input_index: i,
            icans: a.icans.as_ref().map(|e| e.assessment.grade()),
            crs: a.crs.as_ref().map(|e| e.assessment.grade()),
            icans_age_from_patient: a.icans.as_ref().is_some_and(|e| e.age_from_patient),
        })
        .collect();
    let icans_points: Vec<(f64, Grade)> = assessments
        .iter()
        .filter_map(|a| a.icans.as_ref().map(|r| (a.day, r.grade)))
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
        crate::api::kinetics::run(&input).0
    });

    CaseResult {
        intrathecal: intrathecal_rows(&case.medications, &icans_points),
        course: Course {
            icans: course_summary(&icans_points),
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

/// Groups intrathecal medications by day (exactly equal days) and measures the time to the first
/// later ICANS assessment at grade <= 1 and at grade 0. `icans` is sorted by day.
pub fn intrathecal_rows(medications: &[Medication], icans: &[(f64, Grade)]) -> Vec<IntrathecalRow> {
    let mut it: Vec<&Medication> = medications
        .iter()
        .filter(|m| m.route() == Route::It)
        .collect();
    it.sort_by(|a, b| a.day().total_cmp(&b.day()));
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
                let hours_to = |wanted: &dyn Fn(Grade) -> bool| {
                    icans
                        .iter()
                        .find(|(d, g)| *d > day && wanted(*g))
                        .map(|(d, _)| hours_between(day, *d))
                };
                rows.push(IntrathecalRow {
                    day,
                    drugs: vec![dose.drug.clone()],
                    doses: vec![dose],
                    hours_to_grade1_or_less: hours_to(&|g| g <= Grade::G1),
                    hours_to_grade0: hours_to(&|g| g == Grade::G0),
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(f64, u8)]) -> Vec<(f64, Grade)> {
        v.iter()
            .map(|&(d, g)| (d, Grade::ALL[usize::from(g)]))
            .collect()
    }

    // ---------- time differences ----------

    #[test]
    fn hours_from_fractional_days_come_out_whole() {
        let it = 14.0 + 1.0 / 24.0;
        // The plain difference is 32.000000000000014.
        assert_ne!((14.0 + 33.0 / 24.0 - it) * 24.0, 32.0);
        assert_eq!(hours_between(it, 14.0 + 33.0 / 24.0), 32.0);
        assert_eq!(hours_between(it, 14.0 + 7.0 / 24.0), 6.0);
        assert_eq!(hours_between(14.0, 14.25), 6.0);
        assert_eq!(hours_between(14.0, 14.0 + 20.0 / 1440.0), 1.0 / 3.0);
        assert_eq!(
            days_between(14.0 + 1.0 / 24.0, 14.0 + 33.0 / 24.0),
            4.0 / 3.0
        );
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

    // ---------- dates ----------

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(CalendarDate::parse("2024-02-29").is_ok());
        assert!(CalendarDate::parse("2000-02-29").is_ok());
        assert_eq!(
            CalendarDate::parse("1900-02-29"),
            Err(DateError::NotACalendarDate)
        );
        assert_eq!(
            CalendarDate::parse("2023-02-29"),
            Err(DateError::NotACalendarDate)
        );
    }

    #[test]
    fn month_and_day_edges() {
        assert!(CalendarDate::parse("2024-01-31").is_ok());
        assert!(CalendarDate::parse("2024-12-31").is_ok());
        for bad in [
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-06-31",
        ] {
            assert_eq!(
                CalendarDate::parse(bad),
                Err(DateError::NotACalendarDate),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_yyyy_mm_dd_is_read() {
        for bad in [
            "2024-3-14",
            "14.03.2024",
            "2024/03/14",
            "2024-03-14T00:00",
            " 2024-03-14",
            "２０２４-03-14",
            "",
            "+024-03-14",
        ] {
            assert_eq!(CalendarDate::parse(bad), Err(DateError::Format), "{bad}");
        }
        assert_eq!(CalendarDate::parse("1899-12-31"), Err(DateError::Year));
        assert_eq!(CalendarDate::parse("2101-01-01"), Err(DateError::Year));
    }

    #[test]
    fn date_writes_back_as_read() {
        let d = CalendarDate::parse("2024-03-04").expect("date");
        assert_eq!(d.to_string(), "2024-03-04");
        assert_eq!((d.year(), d.month(), d.day()), (2024, 3, 4));
    }

    #[test]
    fn day_numbers_count_calendar_days() {
        let d = |s: &str| CalendarDate::parse(s).expect("date");
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
        assert_eq!(d("2023-02-28").days_until(d("2023-03-01")), 1);
        assert_eq!(d("2024-03-01").days_until(d("2024-02-15")), -15);
        // Across the EU daylight-saving change (2024-03-31): still 14 days.
        assert_eq!(d("2024-03-20").days_until(d("2024-04-03")), 14);
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
