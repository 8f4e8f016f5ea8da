//! The workspace: everything entered for one case, as the page holds it.
//!
//! Committed records (assessments, medications, labs) are held in the core's own types, each with
//! its id ([`Record`]); the JSON of the case file is written only when the workspace is saved or
//! exported. Fields still being typed (the assessment form, the kinetics grid, the baseline form,
//! the entry forms) are kept exactly as typed, so nothing is lost even when it is not valid yet.
//! [`Workspace::to_case_json`] builds the SPEC `Case` from both (refusing with a message per
//! panel when a draft is invalid), and [`Workspace::from_case`] goes back.

use super::kinetics::KineticsDraft;
use super::{RawForm, limits::MAX_RECORDS_PER_LIST, point as fmt, value as get};
use crate::case::{Assessment, CalendarDate, Case, Cells, LabValue, Patient, RecordIds, Settings};
use crate::error::{InputError, Problem};
use crate::input::grid;
use crate::input::record::{self, Record, Refused, StoredEntry, accepted, ids, with_ids};
use crate::json::Json;
use crate::numbers::{self, NumberError};
use crate::steroids::Medication;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// `label`, `infusionDate` (YYYY-MM-DD) as typed.
    pub patient: RawForm,
    /// The assessment form (ICANS + CRS fields, age, and when: `when-day`, `when-time`,
    /// `when-date`, `when-note`).
    pub assess: RawForm,
    /// Index of the committed assessment being edited in the form, if any.
    pub editing: Option<usize>,
    /// That assessment as it was when the edit began: if another tab changes it meanwhile,
    /// saving the edit keeps both versions instead of overwriting the other tab's change.
    /// (Not saved: after a reload the edit saves over the record, as it did before.)
    #[serde(skip)]
    pub editing_from: Option<Record<Assessment>>,
    /// The age in the form when the edit began ("" for none): the form shows the record's own
    /// age while it is edited, and the patient's age comes back when the edit ends. Saved with
    /// the edit in progress, so an edit interrupted by a reload still ends with the patient's
    /// age, not the edited record's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_before_edit: Option<String>,
    /// Committed assessments, medications and labs, in the order entered.
    pub assessments: Vec<Record<Assessment>>,
    pub medications: Vec<Record<Medication>>,
    pub labs: Vec<Record<LabValue>>,
    /// Case notes (e.g. the example's stated assumptions).
    pub notes: Vec<String>,
    pub kinetics: KineticsDraft,
    /// The CAR-HEMATOTOX form as typed.
    pub baseline: RawForm,
    /// The medication and lab entry forms as typed.
    pub med_entry: RawForm,
    pub lab_entry: RawForm,
    /// Stable ids of the kinetics grid rows and the CSF rows, parallel to `kinetics.rows` and
    /// `kinetics.csf` (records in `assessments`, `medications`, `labs` carry theirs inside).
    pub count_ids: Vec<String>,
    pub csf_ids: Vec<String>,
    /// Ids of deleted records (tombstones), so a merge with another tab's save tells a deletion
    /// from a record that save had not seen.
    pub deleted: Vec<String>,
}

/// What to correct before a case can be exported, tab by tab ("kinetics tab: ..."; joined).
pub fn to_correct_text(issues: &[PanelIssue]) -> String {
    let each: Vec<String> = (issues.iter())
        .map(|i| format!("{} tab: {}", i.panel, i.message))
        .collect();
    each.join("; ")
}

/// Why the workspace cannot become a case file right now, by panel.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelIssue {
    /// `assess`, `kinetics`, `baseline`, `case`.
    pub panel: &'static str,
    pub message: String,
}

/// Removes row `r` of a kinetics table (blood counts or CSF) with its id from the parallel ids.
pub fn remove_row<R>(rows: &mut Vec<R>, ids: &mut Vec<String>, r: usize) {
    if r < rows.len() {
        rows.remove(r);
        if r < ids.len() {
            ids.remove(r);
        }
    }
}

impl Workspace {
    /// Gives every record without an id a fresh one from `fresh_id` (ids are generated once and
    /// then kept: through saving, export and import). Returns whether anything changed.
    pub fn assign_ids(&mut self, fresh_id: &mut dyn FnMut() -> String) -> bool {
        fn ids<T: StoredEntry>(list: &mut [Record<T>]) -> impl Iterator<Item = &mut String> {
            list.iter_mut().filter(|r| r.holds_id()).map(|r| &mut r.id)
        }
        // A new id is never one the workspace already uses (ids derived from the case id and a
        // count, given to records stored without one, could repeat those of an earlier pass;
        // a repeated id would make a deleted record look present and bring it back).
        // Searched in a list (only when an id is given, which is rare): a set of its own type
        // cost 3.7 KB of wasm.
        let mut taken = self.record_ids();
        let mut unused_id = || record::unused_id(&mut taken, fresh_id);
        let missing = ids(&mut self.assessments).chain(ids(&mut self.medications));
        let missing = missing.chain(ids(&mut self.labs));
        let mut changed = false;
        for id in missing.filter(|id| id.is_empty()) {
            *id = unused_id();
            changed = true;
        }
        for (ids, len) in [
            (&mut self.count_ids, self.kinetics.rows.len()),
            (&mut self.csf_ids, self.kinetics.csf.len()),
        ] {
            if ids.len() != len {
                changed = true;
                ids.truncate(len);
                while ids.len() < len {
                    ids.push(unused_id());
                }
            }
        }
        changed
    }

    /// The ids of every record (assessments, medications, labs, count rows, CSF rows); a record
    /// that cannot hold an id is known by what it holds ([`Record::merge_key`]).
    pub fn record_ids(&self) -> Vec<String> {
        let ids = self.assessments.iter().map(Record::merge_key);
        let ids = ids.chain(self.medications.iter().map(Record::merge_key));
        let ids = ids.chain(self.labs.iter().map(Record::merge_key));
        let ids = ids.chain(self.count_ids.iter().chain(&self.csf_ids).cloned());
        ids.filter(|id| !id.is_empty()).collect()
    }

    /// Drops the blank rows of the kinetics grid, with their ids.
    pub fn drop_blank_count_rows(&mut self) {
        let blank = |row: &[String; 4]| row.iter().all(|c| c.trim().is_empty());
        for r in (0..self.kinetics.rows.len()).rev() {
            if self.kinetics.rows.get(r).is_some_and(blank) {
                remove_row(&mut self.kinetics.rows, &mut self.count_ids, r);
            }
        }
    }

    /// The patient's age as typed in the assessment form, if it reads as a number.
    pub fn age_years(&self) -> Result<Option<f64>, NumberError> {
        match numbers::parse_decimal(get(&self.assess, "age")) {
            Ok(a) => Ok(Some(a)),
            Err(NumberError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn infusion_date(&self) -> Option<CalendarDate> {
        CalendarDate::parse(get(&self.patient, "infusionDate")).ok()
    }

    /// What changing the infusion date did to the entries, when it moved from one date to
    /// another with entries recorded: each keeps its day since infusion (the case's time axis),
    /// so an entry typed by its date now stands on another date. Said, not silently done.
    pub fn infusion_change_note(&self, before: &Workspace) -> Option<String> {
        let (from, to) = (before.infusion_date()?, self.infusion_date()?);
        let shift_days = from.days_until(to);
        let entries = self.assessments.len() + self.medications.len() + self.labs.len();
        if shift_days == 0 || entries == 0 {
            return None;
        }
        let n = shift_days.unsigned_abs();
        let way = if shift_days > 0 { "later" } else { "earlier" };
        let days = if n == 1 { " day" } else { " days" };
        let each = crate::display::plural(entries, " entry keeps its", " entries keep their");
        Some(format!(
            "The infusion date moved {n}{days} {way} ({from} \u{2192} {to}). The {entries}{each} day since infusion, so each now falls {n}{days} {way} on the calendar; if any was entered by its date, check it on the Course tab."
        ))
    }

    /// The SPEC `Case` of this workspace in its file form (export), or why it cannot be written
    /// yet, by panel. The file is read back by the case reader before it is offered, so an
    /// export always imports.
    pub fn to_case_json(&self) -> Result<Json, Vec<PanelIssue>> {
        let mut issues = Vec::new();
        let mut issue = |panel, message| issues.push(PanelIssue { panel, message });
        let age = self.age_years().unwrap_or_else(|e| {
            issue("assess", format!("the age is not read as a number: {e}"));
            None
        });
        let date = get(&self.patient, "infusionDate");
        let infusion_date = (!date.is_empty())
            .then(|| CalendarDate::parse(date))
            .transpose()
            .unwrap_or_else(|e| {
                issue("case", format!("infusion date: {e}"));
                None
            });
        let k = &self.kinetics;
        let blood = grid::read_blood(&k.rows, &k.horizons, &k.method, MAX_RECORDS_PER_LIST);
        let (csf, csf_issues) = grid::read_csf(&k.csf);
        if blood.is_err() || !csf_issues.is_empty() {
            let cells = "the kinetics tables have cells that need correcting (marked in red)";
            issue("kinetics", cells.to_string());
        }
        let baseline = super::baseline::baseline_from_form(&self.baseline).unwrap_or_else(|i| {
            issue("baseline", i.message);
            None
        });
        if !issues.is_empty() {
            return Err(issues);
        }
        let refused = |e: InputError| {
            let (panel, message) = ("case", e.to_string());
            vec![PanelIssue { panel, message }]
        };
        let label = get(&self.patient, "label").to_string();
        let patient = Patient::new(label, age).map_err(|got| {
            let problem = Problem::OutOfRange {
                range: crate::grading::icans::AGE_YEARS,
                got,
            };
            refused(InputError::new("patient.ageYears", problem))
        })?;
        let assessments: Vec<Record<Assessment>> = (self.assessments.iter())
            .map(|r| Record {
                id: r.id.clone(),
                entry: self.assessment_now(r).map_err(|error| Refused {
                    stored: r.stored(),
                    error,
                }),
            })
            .collect();
        let blood = blood.ok().flatten();
        let case = Case {
            patient,
            infusion_date,
            notes: self.notes.clone(),
            assessments: accepted(&assessments, "assessments").map_err(refused)?,
            medications: accepted(&self.medications, "medications").map_err(refused)?,
            cells: Cells {
                blood: blood.as_ref().map(|b| b.series.clone()),
                csf: csf.iter().map(|(_, s)| s.clone()).collect(),
            },
            labs: accepted(&self.labs, "labs").map_err(refused)?,
            baseline,
            settings: Settings {
                auc_method: blood.as_ref().map(|b| b.method),
                horizons_days: blood.map(|b| b.horizons),
            },
            ids: RecordIds {
                assessments: ids(&assessments),
                medications: ids(&self.medications),
                labs: ids(&self.labs),
                csf: csf
                    .iter()
                    .map(|(row, _)| self.csf_ids.get(*row).cloned())
                    .collect(),
            },
        };
        let json = crate::input::case::case_to_json(&case);
        crate::input::case::parse_case(&json).map_err(refused)?;
        Ok(json)
    }

    /// An assessment as it reads with the age now typed: one whose ICANS input leaves the tool to
    /// the patient's age (whether an age was known when it was recorded or not), or refused
    /// (which the age may have made readable), is read again, as the saved case will be read.
    pub fn assessment_now(&self, r: &Record<Assessment>) -> Result<Assessment, InputError> {
        let by_age = |a: &Assessment| a.icans().is_some_and(|i| i.leaves_tool_to_patient_age());
        match &r.entry {
            Ok(a) if !by_age(a) => Ok(a.clone()),
            Ok(_) | Err(_) => Assessment::from_json(&r.stored(), self.course_age_years()),
        }
    }

    /// An assessment to show in the form for editing: as it reads now ([`Self::assessment_now`]),
    /// or, when the age now typed makes it unreadable (an ICE record made before a child's age
    /// was typed now needs the CAPD), as it was recorded, without the age, so that the tool can
    /// be chosen for it (the form then reads it at the age typed, and saving records the choice).
    pub fn assessment_to_edit(&self, r: &Record<Assessment>) -> Result<Assessment, InputError> {
        self.assessment_now(r)
            .or_else(|refused| Assessment::from_json(&r.stored(), None).map_err(|_| refused))
    }

    /// The patient's age for the course: the form's age when it reads as an age, else none.
    pub fn course_age_years(&self) -> Option<f64> {
        let age = self.age_years().ok().flatten();
        age.filter(|a| crate::grading::icans::AGE_YEARS.contains(*a))
    }

    /// The patient as the course knows them (the label and the age from the forms).
    pub fn course_patient(&self) -> Patient {
        let label = get(&self.patient, "label").to_string();
        // `course_age_years` is within the range `Patient::new` checks.
        Patient::new(label.clone(), self.course_age_years())
            .unwrap_or_else(|_| Patient::without_age(label))
    }

    /// A workspace showing `case` (import, "load example"). Drafts get the case's values.
    pub fn from_case(case: &Case) -> Workspace {
        let mut ws = Workspace::default();
        ws.patient
            .insert("label".into(), case.patient.label().to_string());
        if let Some(d) = case.infusion_date {
            ws.patient.insert("infusionDate".into(), d.to_string());
        }
        if let Some(age) = case.patient.age_years() {
            ws.assess.insert("age".into(), fmt(age));
        }
        ws.notes = case.notes.clone();
        ws.assessments = with_ids(&case.assessments, &case.ids.assessments);
        ws.medications = with_ids(&case.medications, &case.ids.medications);
        ws.labs = with_ids(&case.labs, &case.ids.labs);
        let blood = case.cells.blood.clone().unwrap_or_default();
        ws.kinetics.rows = grid::blood_rows(blood);
        if ws.kinetics.rows.is_empty() {
            ws.kinetics.rows = KineticsDraft::default().rows;
        }
        ws.csf_ids = (0..case.cells.csf.len())
            .map(|i| case.ids.csf.get(i).cloned().flatten().unwrap_or_default())
            .collect();
        if ws.csf_ids.iter().any(String::is_empty) {
            // Ids are all or nothing here; missing ones are generated by `assign_ids`.
            ws.csf_ids.clear();
        }
        ws.kinetics.csf = case.cells.csf.iter().map(grid::csf_row).collect();
        if let Some(m) = case.settings.auc_method {
            ws.kinetics.method = m.api_name().to_string();
        }
        if let Some(h) = &case.settings.horizons_days {
            let horizon = |i: usize| h.get(i).map(|hz| fmt(hz.days())).unwrap_or_default();
            ws.kinetics.horizons = std::array::from_fn(horizon);
        }
        if let Some(b) = &case.baseline {
            ws.baseline = super::baseline::baseline_form(b);
        }
        ws
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::numbers::{day_cell_text, read_day_cell};

    /// A form from name-value pairs (also for the action tests).
    pub(crate) fn form(pairs: &[(&str, &str)]) -> RawForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn day_cells_read_a_day_and_a_time_and_write_back_exactly() {
        let example_csf_day = 14.0 + 1.0 / 24.0;
        assert_eq!(day_cell_text(example_csf_day), "14 01:00");
        assert_eq!(read_day_cell("14 01:00"), Ok(example_csf_day));
        assert_eq!(read_day_cell("14,5"), Ok(14.5));
        assert_eq!(read_day_cell("-1 12:00"), Ok(-0.5));
        assert_eq!(day_cell_text(-0.5), "-1 12:00");
        assert_eq!(day_cell_text(14.0), "14");
        // Not a whole minute: the exact decimal, so nothing is lost.
        assert_eq!(day_cell_text(14.123456789), "14.123456789");
        assert!(read_day_cell("14 25:00").is_err());
        assert!(read_day_cell("14.5 01:00").is_err());
        assert!(read_day_cell("14 1:5").is_err());
        for day in [
            0.0,
            7.0,
            14.0 + 7.5 / 24.0,
            15.375,
            28.0 + 20.0 / 1440.0,
            -3.25,
        ] {
            assert_eq!(read_day_cell(&day_cell_text(day)), Ok(day), "{day}");
        }
    }

    #[test]
    fn moving_the_infusion_date_says_that_the_entries_keep_their_days() {
        let mut before = Workspace::from_case(&crate::example::example_case().expect("example"));
        before
            .patient
            .insert("infusionDate".into(), "2026-11-01".into());
        let mut after = before.clone();
        after
            .patient
            .insert("infusionDate".into(), "2026-10-25".into());
        let entries = before.assessments.len() + before.medications.len() + before.labs.len();
        let said = after.infusion_change_note(&before).expect("said");
        assert!(
            said.starts_with(
                "The infusion date moved 7 days earlier (2026-11-01 \u{2192} 2026-10-25)."
            ),
            "{said}"
        );
        assert!(
            said.contains(&format!(
                "The {entries} entries keep their day since infusion"
            )),
            "{said}"
        );
        after
            .patient
            .insert("infusionDate".into(), "2026-11-02".into());
        let said = after.infusion_change_note(&before).expect("said");
        assert!(said.contains("moved 1 day later"), "{said}");
        // Nothing to say: the same date, a date set or cleared, or no entries.
        assert_eq!(before.infusion_change_note(&before), None);
        let mut unset = before.clone();
        unset.patient.remove("infusionDate");
        assert_eq!(before.infusion_change_note(&unset), None);
        assert_eq!(unset.infusion_change_note(&before), None);
        let (mut empty_before, mut empty_after) = (Workspace::default(), Workspace::default());
        empty_before
            .patient
            .insert("infusionDate".into(), "2026-11-01".into());
        empty_after
            .patient
            .insert("infusionDate".into(), "2026-10-25".into());
        assert_eq!(empty_after.infusion_change_note(&empty_before), None);
    }

    #[test]
    fn empty_workspace_is_a_valid_case() {
        let json = Workspace::default().to_case_json().expect("valid");
        let case = crate::input::case::parse_case(&json).expect("parses");
        assert!(case.assessments.is_empty());
    }

    #[test]
    fn example_case_round_trips_through_the_workspace() {
        let case = crate::example::example_case().expect("example");
        let ws = Workspace::from_case(&case);
        let json = ws.to_case_json().expect("valid");
        let back = crate::input::case::parse_case(&json).expect("parses");
        assert_eq!(
            crate::input::case::case_to_json(&back),
            crate::input::case::case_to_json(&case)
        );
    }

    #[test]
    fn invalid_kinetics_grid_blocks_the_case_with_a_panel_message() {
        let mut ws = Workspace::default();
        ws.kinetics.rows = vec![["7".into(), "-1".into(), String::new(), String::new()]];
        let issues = ws.to_case_json().expect_err("invalid");
        assert_eq!(issues[0].panel, "kinetics");
    }

    #[test]
    fn an_import_without_ids_gets_fresh_ones_and_ids_survive_export_and_import() {
        let case = crate::example::example_case().expect("example");
        let mut ws = Workspace::from_case(&case);
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("r{n}")
        };
        assert!(ws.assign_ids(&mut fresh));
        assert!(!ws.assign_ids(&mut fresh), "ids are generated once");
        assert!(ws.medications.iter().all(|m| !m.id.is_empty()));
        assert_eq!(ws.count_ids.len(), ws.kinetics.rows.len());
        ws.kinetics.csf.push([
            "10".into(),
            "5".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        ws.assign_ids(&mut fresh);
        let json = ws.to_case_json().expect("valid");
        let back = Workspace::from_case(&crate::input::case::parse_case(&json).expect("parses"));
        assert_eq!(back.medications, ws.medications);
        assert_eq!(back.assessments, ws.assessments);
        assert_eq!(back.labs, ws.labs);
        // The CSF rows come back in day order, each with its own id (the new day-10 row was
        // typed below the day-14 one).
        let by_row = |w: &Workspace| {
            let mut pairs: Vec<(String, String)> = (w.kinetics.csf.iter())
                .zip(&w.csf_ids)
                .map(|(row, id)| (row[0].clone(), id.clone()))
                .collect();
            pairs.sort();
            pairs
        };
        assert_eq!(by_row(&back), by_row(&ws));
        assert_ne!(back.csf_ids, ws.csf_ids, "the rows were reordered by day");
    }

    #[test]
    fn a_stored_record_that_cannot_hold_an_id_is_never_doubled_by_a_merge() {
        use crate::view::store::{Store, StoredCase, merge_stores};
        let stored_lab = |text: &str| crate::json::parse_text(text).expect("json");
        // Stored data edited by hand: a lab value that is not an object, and one without an id.
        let mut stored = Store::fresh("c0".into(), String::new());
        stored.cases = vec![StoredCase {
            id: "c0".into(),
            name: "A".into(),
            updated_at: String::new(),
            workspace: Workspace {
                labs: crate::input::record::tests::records(vec![
                    stored_lab(r#"{"day":2,"analyte":"crp","value":10,"unit":"mg/L"}"#),
                    stored_lab("17"),
                ]),
                ..Workspace::default()
            },
        }];
        let mut ours = stored.clone();
        ours.assign_missing_ids();
        assert!(
            ours.cases[0].workspace.labs[1].id.is_empty(),
            "17 cannot carry an id"
        );
        // What this tab wrote, read back by the next save (the id of 17 could not be kept).
        let mut theirs = crate::view::store::store_from_json(
            &crate::json::parse_text(&serde_json::to_string(&ours).expect("json")).expect("json"),
        )
        .expect("reads");
        theirs.assign_missing_ids();
        let mut counter = 0;
        let (merged, report) = merge_stores(&ours, &ours, &theirs, &mut || {
            counter += 1;
            format!("fresh{counter}")
        });
        assert_eq!(merged.cases[0].workspace.labs.len(), 2);
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn a_record_deleted_after_an_upgrade_stays_deleted() {
        use crate::view::store::{Store, merge_with_stored, store_from_json};
        // Stored by hand into a case whose grid rows already have derived ids: the two
        // assessments without an id must not get the ids of those rows.
        let text = r#"{"schema":"icans-calc/store@1","appVersion":"x","current":"c0","cases":[
            {"id":"c0","name":"A","updatedAt":"","workspace":{
            "assessments":[{"id":"r1","day":3,"icans":{"ice":"unarousable"}},
              {"day":6,"icans":{"ice":"unarousable"},"extra":true},
              {"day":-31,"icans":{"consciousness":"alert"}}],
            "kinetics":{"rows":[["","","",""],["","","",""],["","","",""]]},
            "countIds":["c0-1","c0-2","c0-3"]}}]}"#;
        let read = |t: &str| store_from_json(&crate::json::parse_text(t).expect("json"));
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("fresh{n}")
        };
        // The page's load and first save, then the deletion of the record of day 6 and a save.
        let mut loaded = read(text).expect("reads");
        loaded.assign_missing_ids();
        let ws = &loaded.cases[0].workspace;
        let ids = [&ws.assessments[1].id, &ws.assessments[2].id];
        assert!(ids.iter().all(|id| !ws.count_ids.contains(id)), "{ids:?}");
        assert_ne!(ids[0], ids[1]);
        let empty = || Store::fresh("z".into(), String::new());
        let first = merge_with_stored(
            Some(&loaded),
            loaded.clone(),
            Some(read(text)),
            &mut fresh,
            empty(),
        );
        let (saved, _) = first.expect("merges");
        let written = serde_json::to_string(&saved).expect("json");
        let mut ours = saved.clone();
        ours.cases[0].workspace.assessments.remove(1);
        let second = merge_with_stored(
            Some(&saved),
            ours,
            Some(read(&written)),
            &mut fresh,
            empty(),
        );
        let (merged, report) = second.expect("merges");
        let days: Vec<Option<f64>> = merged.cases[0]
            .workspace
            .assessments
            .iter()
            .map(|r| r.day())
            .collect();
        assert_eq!(days, [Some(3.0), Some(-31.0)]);
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn a_stored_value_that_is_not_a_record_can_be_deleted() {
        use crate::view::store::{Store, merge_with_stored, store_from_json};
        // Edited by hand: a lab "value" 17 that cannot hold an id. Deleting it must stick, or
        // the case could never be exported again (an unreadable record blocks the export).
        let text = r#"{"schema":"icans-calc/store@1","appVersion":"x","current":"c0","cases":[
            {"id":"c0","name":"A","updatedAt":"","workspace":{"labs":[17]}}]}"#;
        let read = |t: &str| store_from_json(&crate::json::parse_text(t).expect("json"));
        let mut fresh = || "fresh".to_string();
        let empty = || Store::fresh("z".into(), String::new());
        let mut loaded = read(text).expect("reads");
        loaded.assign_missing_ids();
        let mut ours = loaded.clone();
        ours.cases[0].workspace.labs.clear();
        let merged = merge_with_stored(Some(&loaded), ours, Some(read(text)), &mut fresh, empty());
        let (merged, report) = merged.expect("merges");
        assert!(merged.cases[0].workspace.labs.is_empty());
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn removing_a_grid_row_removes_its_id() {
        let mut ws = Workspace::default();
        let mut n = 0;
        ws.assign_ids(&mut || {
            n += 1;
            format!("k{n}")
        });
        ws.kinetics.rows[2][0] = "7".into();
        remove_row(&mut ws.kinetics.rows, &mut ws.count_ids, 0);
        assert_eq!(ws.count_ids, vec!["k2".to_string(), "k3".to_string()]);
        ws.drop_blank_count_rows();
        assert_eq!(ws.count_ids, vec!["k3".to_string()]);
        assert_eq!(ws.kinetics.rows.len(), 1);
    }

    #[test]
    fn dropping_blank_rows_keeps_each_filled_row_with_its_own_id_when_ids_run_short() {
        let mut ws = Workspace::default();
        let row = |day: &str| [day.to_string(), "1".into(), String::new(), String::new()];
        ws.kinetics.rows = vec![row(""), row("3"), row(""), row("7"), row("9")];
        ws.kinetics.rows[0] = Default::default();
        ws.kinetics.rows[2] = Default::default();
        ws.count_ids = ["a", "b", "c", "d"].map(String::from).to_vec();
        ws.drop_blank_count_rows();
        assert_eq!(ws.kinetics.rows, vec![row("3"), row("7"), row("9")]);
        assert_eq!(ws.count_ids, ["b", "d"].map(String::from).to_vec());
    }
}
