//! The case file `icans-calc/case@1`: [`parse_case`] (import, and the page's storage) and
//! [`case_to_json`] (export). The JS API's `evaluateCase` (in `src/api`) reads with it too.
//!
//! ```text
//! {
//!   schema: "icans-calc/case@1",                            // required, exactly this
//!   patient: { label: string, ageYears?: 0-120 },
//!   infusionDate?: "YYYY-MM-DD",                            // a real calendar date, 1900-2100
//!   notes?: string[],                                       // e.g. the example's assumptions
//!   assessments?: [{ day, icans?: <gradeIcans input>, crs?: <gradeCrs input>, note? }],
//!   medications?: [{ day, drug, mg, route, label?, note? }],  // label only for drug "other"
//!   cells?: { blood?: { total?, cd4?, cd8? },               // [day, cells/µL] pairs, as kinetics()
//!             csf?: [{ day, wbcPerUl?, carTPercentOfLeukocytes?, cd4Cd8Ratio?, note? }] },
//!   labs?: [{ day, analyte, value, unit, note? }],          // unit from the analyte's list
//!   baseline?: <hematotox input>,
//!   settings?: { aucMethod?: "linear" | "linUpLogDown", horizonsDays?: number[] }
//! }
//! ```
//! Every record of `assessments`, `medications`, `labs` and `cells.csf` may also carry `id?:
//! string` (1-64 characters, unique within its list): a stable name for the record so copies of
//! a case (two tabs, two devices) merge by record. It is written back as read; grading ignores it.
//! `day` is days since infusion, fractional for hours, finite, from -30 to 36,525. An absent list
//! is an empty list; the export always writes the lists. Blood samples are written sorted by day.
//! ICANS and CRS inputs are written back exactly as they were read.

use super::entry::{parse_day, parse_note};
use super::hematotox::{hematotox_to_json, parse_hematotox};
use super::icans::{parse_crs, parse_icans};
use super::kinetics::{METHODS, parse_horizons, parse_series_set};
use super::steroids::{medication_to_json, parse_medication};
use crate::case::{
    Analyte, Assessment, AssessmentError, Case, Cells, CrsEntry, CsfError, CsfSample, IcansEntry,
    LabError, LabUnit, LabValue, NON_NEGATIVE, PERCENT, Patient, RATIO, RECORD_ID_MAX_CHARS,
    RecordIds, SCHEMA, Settings, needs_patient_age,
};
use crate::day::{CASE_DAY_RANGE, CalendarDate, DateError};
use crate::display::grouped;
use crate::error::{InputError, Problem};
use crate::grading::icans::AGE_YEARS;
use crate::json::{self, Fields, Json};
use crate::kinetics::SeriesName;
use serde::{Serialize, Serializer};

const CASE_KEYS: [&str; 10] = [
    "schema",
    "patient",
    "infusionDate",
    "notes",
    "assessments",
    "medications",
    "cells",
    "labs",
    "baseline",
    "settings",
];
const PATIENT_KEYS: [&str; 2] = ["label", "ageYears"];
const ASSESSMENT_KEYS: [&str; 4] = ["day", "icans", "crs", "note"];
const CELLS_KEYS: [&str; 2] = ["blood", "csf"];
const CSF_KEYS: [&str; 5] = [
    "day",
    "wbcPerUl",
    "carTPercentOfLeukocytes",
    "cd4Cd8Ratio",
    "note",
];
const LAB_KEYS: [&str; 5] = ["day", "analyte", "value", "unit", "note"];
const SETTINGS_KEYS: [&str; 2] = ["aucMethod", "horizonsDays"];

pub const ANALYTES: [(&str, Analyte); 8] = [
    ("crp", Analyte::Crp),
    ("il6", Analyte::Il6),
    ("ferritin", Analyte::Ferritin),
    ("ldh", Analyte::Ldh),
    ("fibrinogen", Analyte::Fibrinogen),
    ("anc", Analyte::Anc),
    ("platelets", Analyte::Platelets),
    ("hemoglobin", Analyte::Hemoglobin),
];

/// Reads (imports) a case, checking every field; errors name the full path
/// (`assessments[2].icans.ice.orientation: must be 0-4, got 5`).
pub fn parse_case(input: &Json) -> Result<Case, InputError> {
    let f = Fields::new(input, "", &CASE_KEYS)?;
    json::one_of(f.required("schema")?, &f.path_of("schema"), &[(SCHEMA, ())])?;
    let patient = parse_patient(f.required("patient")?, &f.path_of("patient"))?;
    let infusion_date = f
        .optional("infusionDate")
        .map(|v| parse_date(v, &f.path_of("infusionDate")))
        .transpose()?;
    let notes = list(&f, "notes", |v, p| json::text(v, p).map(str::to_string))?;
    let age = patient.age_years();
    let (assessments, assessment_ids) =
        list_with_ids(&f, "assessments", |v, p| parse_assessment(v, p, age))?;
    let (medications, medication_ids) = list_with_ids(&f, "medications", parse_medication)?;
    let (cells, csf_ids) = f
        .optional("cells")
        .map(|v| parse_cells(v, &f.path_of("cells")))
        .transpose()?
        .unwrap_or_default();
    let (labs, lab_ids) = list_with_ids(&f, "labs", parse_lab)?;
    let baseline = f
        .optional("baseline")
        .map(|v| parse_hematotox(v, &f.path_of("baseline")))
        .transpose()?;
    let settings = f
        .optional("settings")
        .map(|v| parse_settings(v, &f.path_of("settings")))
        .transpose()?
        .unwrap_or_default();
    Ok(Case {
        patient,
        infusion_date,
        notes,
        assessments,
        medications,
        cells,
        labs,
        baseline,
        settings,
        ids: RecordIds {
            assessments: assessment_ids,
            medications: medication_ids,
            labs: lab_ids,
            csf: csf_ids,
        },
    })
}

/// Takes the optional `id` off a record (checked: a string of 1-64 characters) and returns the
/// record without it, so each record's own parser sees only its own fields.
pub fn split_id(value: &Json, path: &str) -> Result<(Json, Option<String>), InputError> {
    let Json::Object(entries) = value else {
        return Ok((value.clone(), None));
    };
    let id_path = json::child(path, "id");
    let mut id = None;
    let mut rest = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        if k != "id" {
            rest.push((k.clone(), v.clone()));
            continue;
        }
        if id.is_some() {
            return Err(InputError::new(
                id_path,
                Problem::Rule("is given more than once"),
            ));
        }
        let text = json::text(v, &id_path)?;
        let chars = text.chars().count();
        if chars == 0 || chars > RECORD_ID_MAX_CHARS {
            return Err(InputError::new(
                id_path,
                Problem::Rule("a record id has 1 to 64 characters"),
            ));
        }
        id = Some(text.to_string());
    }
    Ok((Json::Object(rest), id))
}

/// A list of records that may carry ids: the records and their ids, in order. Two records of
/// one list may not share an id (a merge could not tell them apart).
fn list_with_ids<T>(
    f: &Fields<'_>,
    key: &str,
    item: impl Fn(&Json, &str) -> Result<T, InputError>,
) -> Result<(Vec<T>, Vec<Option<String>>), InputError> {
    let Some(value) = f.optional(key) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let path = f.path_of(key);
    let mut records = Vec::new();
    let mut ids: Vec<Option<String>> = Vec::new();
    for (i, v) in json::array(value, &path)?.iter().enumerate() {
        let p = json::index(&path, i);
        let (rest, id) = split_id(v, &p)?;
        if id.is_some() && ids.contains(&id) {
            return Err(InputError::new(
                json::child(&p, "id"),
                Problem::Rule("is the id of an earlier record in this list"),
            ));
        }
        records.push(item(&rest, &p)?);
        ids.push(id);
    }
    Ok((records, ids))
}

/// `record` with `"id"` as its first field when there is one.
fn with_id(record: Json, id: Option<&Option<String>>) -> Json {
    match (record, id) {
        (Json::Object(mut entries), Some(Some(id))) => {
            entries.insert(0, ("id".to_string(), Json::String(id.clone())));
            Json::Object(entries)
        }
        (record, _) => record,
    }
}

/// An optional list field: absent (or null) is empty; each item read with `item`.
fn list<T>(
    f: &Fields<'_>,
    key: &str,
    item: impl Fn(&Json, &str) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    let Some(value) = f.optional(key) else {
        return Ok(Vec::new());
    };
    let path = f.path_of(key);
    json::array(value, &path)?
        .iter()
        .enumerate()
        .map(|(i, v)| item(v, &json::index(&path, i)))
        .collect()
}

fn parse_patient(value: &Json, path: &str) -> Result<Patient, InputError> {
    let f = Fields::new(value, path, &PATIENT_KEYS)?;
    let label = json::text(f.required("label")?, &f.path_of("label"))?.to_string();
    let age_years = f
        .optional("ageYears")
        .map(|v| json::number_in(v, &f.path_of("ageYears"), AGE_YEARS))
        .transpose()?;
    Patient::new(label, age_years).map_err(|got| {
        InputError::new(
            f.path_of("ageYears"),
            Problem::OutOfRange {
                range: AGE_YEARS,
                got,
            },
        )
    })
}

fn parse_date(value: &Json, path: &str) -> Result<CalendarDate, InputError> {
    let text = json::text(value, path)?;
    CalendarDate::parse(text).map_err(|e| {
        let expected = match e {
            DateError::Format => "a date written YYYY-MM-DD, e.g. 2024-03-14",
            DateError::Year => "a date from 1900-01-01 to 2100-12-31",
            DateError::NotACalendarDate => {
                "a real calendar date written YYYY-MM-DD (month 01-12, a day that month has)"
            }
        };
        InputError::new(
            path,
            Problem::WrongType {
                expected,
                got: value.describe(),
            },
        )
    })
}

/// One `assessments[]` record (without its id). An ICANS input that gives neither `ageYears`
/// nor `tool` is graded with `patient_age_years`.
pub fn parse_assessment(
    value: &Json,
    path: &str,
    patient_age_years: Option<f64>,
) -> Result<Assessment, InputError> {
    let f = Fields::new(value, path, &ASSESSMENT_KEYS)?;
    let day = parse_day(f.required("day")?, &f.path_of("day"))?;
    let icans = match f.optional("icans") {
        None => None,
        Some(input) => {
            let p = f.path_of("icans");
            let (assessment, from_patient) = match (patient_age_years, input) {
                (Some(age), Json::Object(entries)) if needs_patient_age(input) => {
                    // Same keys with the patient's age added (a null ageYears is replaced), so
                    // errors keep their paths; the stored input stays as written.
                    let mut with_age: Vec<(String, Json)> = entries
                        .iter()
                        .filter(|(k, _)| k != "ageYears")
                        .cloned()
                        .collect();
                    with_age.push(("ageYears".to_string(), Json::Number(age)));
                    (parse_icans(&Json::Object(with_age), &p)?, true)
                }
                (Some(_), _) | (None, _) => (parse_icans(input, &p)?, false),
            };
            Some(IcansEntry::new(input.clone(), assessment, from_patient))
        }
    };
    let crs = match f.optional("crs") {
        None => None,
        Some(input) => Some(CrsEntry::new(
            input.clone(),
            parse_crs(input, &f.path_of("crs"))?,
        )),
    };
    let note = parse_note(&f)?;
    Assessment::new(day, icans, crs, note).map_err(|e| match e {
        AssessmentError::Day(got) => InputError::new(
            f.path_of("day"),
            Problem::OutOfRange {
                range: CASE_DAY_RANGE,
                got,
            },
        ),
        AssessmentError::Empty => InputError::new(
            path,
            Problem::Rule("an assessment needs an icans or a crs input (or both)"),
        ),
    })
}

fn parse_cells(value: &Json, path: &str) -> Result<(Cells, Vec<Option<String>>), InputError> {
    let f = Fields::new(value, path, &CELLS_KEYS)?;
    let blood = f
        .optional("blood")
        .map(|v| parse_series_set(v, &f.path_of("blood")))
        .transpose()?;
    let (csf, ids) = list_with_ids(&f, "csf", parse_csf)?;
    Ok((Cells { blood, csf }, ids))
}

fn parse_csf(value: &Json, path: &str) -> Result<CsfSample, InputError> {
    let f = Fields::new(value, path, &CSF_KEYS)?;
    let day = parse_day(f.required("day")?, &f.path_of("day"))?;
    let optional_in = |key: &str, range| {
        f.optional(key)
            .map(|v| json::number_in(v, &f.path_of(key), range))
            .transpose()
    };
    let wbc = optional_in("wbcPerUl", NON_NEGATIVE)?;
    let percent = optional_in("carTPercentOfLeukocytes", PERCENT)?;
    let ratio = optional_in("cd4Cd8Ratio", RATIO)?;
    let note = parse_note(&f)?;
    CsfSample::new(day, wbc, percent, ratio, note).map_err(|e| {
        let (key, range, got) = match e {
            CsfError::Empty => {
                return InputError::new(
                    path,
                    Problem::Rule(
                        "a CSF sample needs at least one of wbcPerUl, carTPercentOfLeukocytes, cd4Cd8Ratio",
                    ),
                );
            }
            // Unreachable after the range checks above; mapped rather than unwrapped.
            CsfError::Day(got) => ("day", CASE_DAY_RANGE, got),
            CsfError::WbcPerUl(got) => ("wbcPerUl", NON_NEGATIVE, got),
            CsfError::CarTPercent(got) => ("carTPercentOfLeukocytes", PERCENT, got),
            CsfError::Cd4Cd8Ratio(got) => ("cd4Cd8Ratio", RATIO, got),
        };
        InputError::new(f.path_of(key), Problem::OutOfRange { range, got })
    })
}

/// One `labs[]` record (without its id).
pub fn parse_lab(value: &Json, path: &str) -> Result<LabValue, InputError> {
    let f = Fields::new(value, path, &LAB_KEYS)?;
    let day = parse_day(f.required("day")?, &f.path_of("day"))?;
    let analyte = json::one_of(f.required("analyte")?, &f.path_of("analyte"), &ANALYTES)?;
    let value_number = json::number_in(f.required("value")?, &f.path_of("value"), NON_NEGATIVE)?;
    let units: Vec<(&'static str, LabUnit)> =
        analyte.units().iter().map(|u| (u.api_name(), *u)).collect();
    let unit = json::one_of(f.required("unit")?, &f.path_of("unit"), &units)?;
    let note = parse_note(&f)?;
    let checked = LabValue::new(day, analyte, value_number, unit, note);
    checked.map_err(|e| lab_error(e, &|key| f.path_of(key)))
}

/// A lab value the core refuses ([`LabValue::new`]) as an input error at its field: `path_of`
/// gives the path of `day`, `value` or `unit` (the entry form takes the bare name).
pub fn lab_error(e: LabError, path_of: &dyn Fn(&str) -> String) -> InputError {
    let (key, problem) = match e {
        // Unreachable in the reader after its checks; mapped rather than unwrapped.
        LabError::Day(got) => (
            "day",
            Problem::OutOfRange {
                range: CASE_DAY_RANGE,
                got,
            },
        ),
        LabError::Value(got) => (
            "value",
            Problem::OutOfRange {
                range: NON_NEGATIVE,
                got,
            },
        ),
        LabError::Implausible {
            analyte,
            range,
            got,
        } => {
            let hint = crate::case::lab_unit_hint(analyte);
            ("value", Problem::Implausible { range, got, hint })
        }
        LabError::UnitNotForAnalyte { .. } => {
            ("unit", Problem::Rule("is not a unit of this analyte"))
        }
    };
    InputError::new(path_of(key), problem)
}

fn parse_settings(value: &Json, path: &str) -> Result<Settings, InputError> {
    let f = Fields::new(value, path, &SETTINGS_KEYS)?;
    Ok(Settings {
        auc_method: f
            .optional("aucMethod")
            .map(|v| json::one_of(v, &f.path_of("aucMethod"), &METHODS))
            .transpose()?,
        horizons_days: f
            .optional("horizonsDays")
            .map(|v| parse_horizons(v, &f.path_of("horizonsDays")))
            .transpose()?,
    })
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

fn text(s: &str) -> Json {
    Json::String(s.to_string())
}

fn optional_note(entries: &mut Vec<(&str, Json)>, note: Option<&str>) {
    if let Some(n) = note {
        entries.push(("note", text(n)));
    }
}

/// Writes (exports) a case in the format [`parse_case`] reads: `parse_case(&case_to_json(&c))`
/// gives back `c`.
pub fn case_to_json(c: &Case) -> Json {
    let mut patient = vec![("label", text(c.patient.label()))];
    if let Some(age) = c.patient.age_years() {
        patient.push(("ageYears", Json::Number(age)));
    }
    let mut root = vec![("schema", text(SCHEMA)), ("patient", Json::object(patient))];
    if let Some(date) = c.infusion_date {
        root.push(("infusionDate", Json::String(date.to_string())));
    }
    root.push((
        "notes",
        Json::Array(c.notes.iter().map(|n| text(n)).collect()),
    ));
    root.push((
        "assessments",
        Json::Array(
            c.assessments
                .iter()
                .enumerate()
                .map(|(i, a)| with_id(assessment_to_json(a), c.ids.assessments.get(i)))
                .collect(),
        ),
    ));
    root.push((
        "medications",
        Json::Array(
            c.medications
                .iter()
                .enumerate()
                .map(|(i, m)| with_id(medication_to_json(m), c.ids.medications.get(i)))
                .collect(),
        ),
    ));
    root.push(("cells", cells_to_json(&c.cells, &c.ids.csf)));
    root.push((
        "labs",
        Json::Array(
            c.labs
                .iter()
                .enumerate()
                .map(|(i, l)| with_id(lab_to_json(l), c.ids.labs.get(i)))
                .collect(),
        ),
    ));
    if let Some(b) = &c.baseline {
        root.push(("baseline", hematotox_to_json(b)));
    }
    let mut settings = Vec::new();
    if let Some(m) = c.settings.auc_method {
        settings.push(("aucMethod", text(m.api_name())));
    }
    if let Some(h) = &c.settings.horizons_days {
        settings.push((
            "horizonsDays",
            Json::Array(h.iter().map(|d| Json::Number(d.days())).collect()),
        ));
    }
    root.push(("settings", Json::object(settings)));
    Json::object(root)
}

/// One `assessments[]` record as [`parse_assessment`] reads it (without an id).
pub fn assessment_to_json(a: &Assessment) -> Json {
    let mut entries = vec![("day", Json::Number(a.day()))];
    if let Some(i) = a.icans() {
        entries.push(("icans", i.input().clone()));
    }
    if let Some(c) = a.crs() {
        entries.push(("crs", c.input().clone()));
    }
    optional_note(&mut entries, a.note());
    Json::object(entries)
}

fn cells_to_json(cells: &Cells, csf_ids: &[Option<String>]) -> Json {
    let mut entries = Vec::new();
    if let Some(blood) = &cells.blood {
        let series: Vec<(&str, Json)> = blood
            .iter()
            .map(|(name, s)| {
                let pairs = s
                    .samples()
                    .iter()
                    .map(|&(d, v)| Json::Array(vec![Json::Number(d), Json::Number(v)]))
                    .collect();
                (SeriesName::api_name(*name), Json::Array(pairs))
            })
            .collect();
        entries.push(("blood", Json::object(series)));
    }
    let csf = cells
        .csf
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut e = vec![("day", Json::Number(s.day()))];
            if let Some(x) = s.wbc_per_ul() {
                e.push(("wbcPerUl", Json::Number(x)));
            }
            if let Some(x) = s.car_t_percent_of_leukocytes() {
                e.push(("carTPercentOfLeukocytes", Json::Number(x)));
            }
            if let Some(x) = s.cd4_cd8_ratio() {
                e.push(("cd4Cd8Ratio", Json::Number(x)));
            }
            optional_note(&mut e, s.note());
            with_id(Json::object(e), csf_ids.get(i))
        })
        .collect();
    entries.push(("csf", Json::Array(csf)));
    Json::object(entries)
}

pub fn lab_to_json(l: &LabValue) -> Json {
    let mut entries = vec![
        ("day", Json::Number(l.day())),
        ("analyte", text(l.analyte().api_name())),
        ("value", Json::Number(l.value())),
        ("unit", text(l.unit().api_name())),
    ];
    optional_note(&mut entries, l.note());
    Json::object(entries)
}

/// A case serializes as its export ([`case_to_json`]).
impl Serialize for Case {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        case_to_json(self).serialize(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Before reading a case file

/// "1.4 MB" / "820 kB": a file size as a person reads it.
pub fn size_text(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} kB", bytes.div_ceil(1_000))
    }
}

/// Refuses a case file larger than `max_bytes` (the page's limit), with both sizes.
pub fn check_file_size(bytes: usize, max_bytes: usize) -> Result<(), String> {
    if bytes > max_bytes {
        return Err(format!(
            "the file is {}; the limit is {} per case file",
            size_text(bytes),
            size_text(max_bytes)
        ));
    }
    Ok(())
}

/// Checks a case file before it is read: a schema from a newer version is named as such, and
/// no list may hold more than `max_per_list` records (the message gives the numbers).
pub fn check_import(json: &Json, max_per_list: usize) -> Result<(), String> {
    let version =
        |schema: &str| -> Option<u32> { schema.strip_prefix("icans-calc/case@")?.parse().ok() };
    if let Some(schema) = json.text_at("schema")
        && let (Some(theirs), Some(ours)) = (version(schema), version(SCHEMA))
        && theirs > ours
    {
        return Err(format!(
            "made by a newer version of icans-calc (schema {schema}); this version reads {}. Open it with the newer version",
            SCHEMA
        ));
    }
    let lists: [(&str, &[&str]); 7] = [
        ("assessments", &["assessments"]),
        ("medications", &["medications"]),
        ("lab values", &["labs"]),
        ("CSF samples", &["cells", "csf"]),
        ("total CAR-T samples", &["cells", "blood", "total"]),
        ("CD4+ CAR-T samples", &["cells", "blood", "cd4"]),
        ("CD8+ CAR-T samples", &["cells", "blood", "cd8"]),
    ];
    for (what, path) in lists {
        if let Some(Json::Array(items)) = path.iter().try_fold(json, |v, key| v.get(key))
            && items.len() > max_per_list
        {
            return Err(format!(
                "the file holds {} {what}; the limit is {} per list",
                grouped(items.len() as f64),
                grouped(max_per_list as f64)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod record_id_tests {
    use super::*;

    // ANALYTES holds the wire names a second time: they must be the core's, in its order.
    #[test]
    fn analyte_table_is_the_cores_names_in_its_order() {
        assert_eq!(ANALYTES, Analyte::ALL.map(|a| (a.api_name(), a)));
    }

    fn read(text: &str) -> Result<Case, String> {
        let json: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
        parse_case(&json).map_err(|e| e.to_string())
    }

    const WITH_IDS: &str = r#"{"schema":"icans-calc/case@1","patient":{"label":"t"},
        "assessments":[{"id":"a1","day":1,"crs":{"fever":"present","hypotension":"none","oxygen":"none"}}],
        "medications":[{"id":"m1","day":1,"drug":"dexamethasone","mg":10,"route":"iv"},{"day":2,"drug":"dexamethasone","mg":10,"route":"iv"}],
        "cells":{"csf":[{"id":"s1","day":10,"wbcPerUl":5}]},
        "labs":[{"id":"l1","day":1,"analyte":"crp","value":12,"unit":"mg/L"}]}"#;

    #[test]
    fn record_ids_are_read_and_written_back_in_place() {
        let case = read(WITH_IDS).expect("reads");
        assert_eq!(case.ids.assessments, vec![Some("a1".to_string())]);
        assert_eq!(case.ids.medications, vec![Some("m1".to_string()), None]);
        assert_eq!(case.ids.csf, vec![Some("s1".to_string())]);
        assert_eq!(case.ids.labs, vec![Some("l1".to_string())]);
        let out = case_to_json(&case);
        let meds = out.get("medications");
        let Some(Json::Array(meds)) = meds else {
            panic!("no medications")
        };
        assert_eq!(meds[0].text_at("id"), Some("m1"));
        assert_eq!(meds[1].text_at("id"), None);
        assert_eq!(parse_case(&out).map(|c| c == case), Ok(true));
    }

    #[test]
    fn a_file_without_ids_still_reads() {
        let case = read(&WITH_IDS.replace("\"id\":\"m1\",", "")).expect("reads");
        assert_eq!(case.ids.medications, vec![None, None]);
    }

    #[test]
    fn bad_or_repeated_record_ids_are_refused_with_their_path() {
        let e = read(&WITH_IDS.replace("\"id\":\"l1\"", "\"id\":7")).expect_err("number id");
        assert!(e.starts_with("labs[0].id"), "{e}");
        let e = read(&WITH_IDS.replace("\"id\":\"l1\"", "\"id\":\"\"")).expect_err("empty id");
        assert!(e.starts_with("labs[0].id"), "{e}");
        let twice = WITH_IDS.replace("{\"day\":2,", "{\"id\":\"m1\",\"day\":2,");
        let e = read(&twice).expect_err("repeated id");
        assert!(e.starts_with("medications[1].id"), "{e}");
    }

    // The case file's reader feeds the course: its ICANS results decide what can show resolution.
    #[test]
    fn resolution_gaps_need_ice_or_capd_and_consciousness_graded() {
        use crate::case::{GapReason, ResolutionGap, resolution_gaps};
        use crate::grading::icans::IcansDomain;
        let gap = |domain, reason| ResolutionGap { domain, reason };
        let icans_result = |json: &str| {
            let input: Json = serde_json::from_str(json).expect("json");
            crate::input::icans::parse_icans(&input, "")
                .expect("valid")
                .grade()
        };
        let full = icans_result(
            r#"{"ice": {"orientation": 4, "naming": 3, "commands": 1, "writing": 1, "attention": 1}, "consciousness": "alert"}"#,
        );
        assert_eq!(resolution_gaps(&full), vec![]);
        let ice_only = icans_result(
            r#"{"ice": {"orientation": 4, "naming": 3, "commands": 1, "writing": 1, "attention": 1}}"#,
        );
        assert_eq!(
            resolution_gaps(&ice_only),
            vec![gap(IcansDomain::Consciousness, GapReason::NotAssessed)]
        );
        let consciousness_only = icans_result(r#"{"consciousness": "alert"}"#);
        assert_eq!(
            resolution_gaps(&consciousness_only),
            vec![gap(IcansDomain::Tool, GapReason::NotAssessed)]
        );
        let sedated = icans_result(
            r#"{"ice": "unarousable", "consciousness": "unarousable", "otherCause": ["consciousness"]}"#,
        );
        assert_eq!(
            resolution_gaps(&sedated),
            vec![gap(IcansDomain::Consciousness, GapReason::OtherCause)]
        );
    }

    #[test]
    fn implausible_lab_value_message_gives_the_range_and_the_unit_hint() {
        let e = read(
            r#"{"schema":"icans-calc/case@1","patient":{"label":"x"},
            "labs":[{"day":1,"analyte":"hemoglobin","value":9,"unit":"g/L"}]}"#,
        )
        .expect_err("9 g/L");
        assert_eq!(
            e,
            "labs[0].value: must be 20-250 g/L, got 9; is the unit right? 9.0 g/dL is 90 g/L; check the unit chosen."
        );
    }

    #[test]
    fn imports_over_a_limit_or_from_a_newer_version_are_refused_with_the_numbers() {
        let meds = |n: usize| {
            Json::object(vec![
                ("schema", Json::String("icans-calc/case@1".into())),
                ("medications", Json::Array(vec![Json::Null; n])),
            ])
        };
        assert_eq!(check_import(&meds(200), 200), Ok(()));
        assert_eq!(
            check_import(&meds(201), 200),
            Err("the file holds 201 medications; the limit is 200 per list".to_string())
        );
        let newer = Json::object(vec![("schema", Json::String("icans-calc/case@2".into()))]);
        assert_eq!(
            check_import(&newer, 200).map_err(|e| e
                .starts_with("made by a newer version of icans-calc (schema icans-calc/case@2)")),
            Err(true)
        );
        assert_eq!(check_file_size(1_000_000, 1_000_000), Ok(()));
        assert_eq!(
            check_file_size(5_200_000, 1_000_000),
            Err("the file is 5.2 MB; the limit is 1.0 MB per case file".to_string())
        );
    }
}
