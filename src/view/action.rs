//! Every change the page makes to the open case, as one pure function [`apply`]: the web
//! layer's dispatch (web/app.rs) turns each event into an [`Action`] and shows the [`Outcome`].
//! Host-tested here; the list of saved cases has its own in `store::apply_case`.

use super::assess::{AssessView, Outcome as AssessOutcome, read_assessment};
use super::workspace::{Workspace, remove_row};
use super::{FieldIssue, RawForm};
use crate::input::record::Record;

/// Which form of the open case an [`Action::SetForm`] replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Assess,
    Baseline,
    Patient,
    MedEntry,
    LabEntry,
}

/// One change to the open case, as the page asks for it (web/app.rs dispatches these).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A form as typed.
    SetForm(Form, RawForm),
    /// A kinetics table cell as typed (`csf`: the CSF table, else the blood counts).
    SetCell {
        csf: bool,
        row: usize,
        col: usize,
        value: String,
    },
    SetHorizon(usize, String),
    SetMethod(String),
    AddRow {
        csf: bool,
    },
    RemoveRow {
        csf: bool,
        row: usize,
    },
    /// Pasted rows: instead of the whole grid, or after its filled rows.
    Paste {
        rows: Vec<[String; 4]>,
        replace: bool,
    },
    /// Today's date and the clock time in the assessment's "when" fields, if none is entered
    /// (see `course::default_when`).
    DefaultWhen {
        today: String,
        time: String,
    },
    /// Records the assessment form (or saves the changes to the one being edited).
    Record,
    /// Shows a recorded assessment in the form for editing.
    EditAssessment(usize),
    /// Empties the assessment form (the age is kept) and stops editing.
    ClearAssessment,
    DeleteAssessment(usize),
    AddMedication,
    DeleteMedication(usize),
    AddLab,
    DeleteLab(usize),
}

/// What an [`Action`] did, for the page to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Unchanged,
    Changed,
    /// A form or table holds other values than typed: the page writes the forms back.
    FormsReplaced,
    /// Recorded (or the edit saved), with the sentence to show; the form is cleared.
    Recorded(String),
    /// The edit was saved beside the recorded assessment, which another tab changed while it
    /// was being edited: both versions are kept, with the sentence to show.
    RecordedBesideChange(String),
    /// Refused, with the message for the field.
    Refused(FieldIssue),
}

/// Empties `form` but for the fields named in `kept`.
fn keep_only(form: &mut RawForm, kept: &[&str]) {
    form.retain(|name, _| kept.contains(&name.as_str()));
}

fn cleared_assessment(ws: &mut Workspace) {
    keep_only(&mut ws.assess, &["age"]);
    // Saving or cancelling an edit gives the form back the patient's age ("": none).
    if let Some(age) = ws.age_before_edit.take().filter(|_| ws.editing.is_some()) {
        ws.assess.insert("age".to_string(), age);
        ws.assess.retain(|_, age| !age.is_empty());
    }
    (ws.editing, ws.editing_from) = (None, None);
}

/// What was typed, put in its place (`None`: a cell or horizon the grid does not have).
fn typed<T>(place: Option<&mut T>, value: T) -> Outcome {
    let Some(place) = place else {
        return Outcome::Unchanged;
    };
    *place = value;
    Outcome::Changed
}

fn remove_at<T>(list: &mut Vec<T>, i: usize) -> Outcome {
    if i < list.len() {
        list.remove(i);
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

fn grades_text(v: &AssessView) -> String {
    let mut grades = Vec::new();
    for (title, outcome) in v.grades() {
        if let AssessOutcome::Graded((grade, _, _)) = outcome {
            grades.push(format!("{title} grade {grade}"));
        }
    }
    grades.join(", ")
}

/// Applies `action` to the open case.
pub fn apply(ws: &mut Workspace, action: Action) -> Outcome {
    change(ws, action).unwrap_or_else(Outcome::Refused)
}

/// [`apply`], with a refusal as the error.
fn change(ws: &mut Workspace, action: Action) -> Result<Outcome, FieldIssue> {
    // Typing changes nothing but what was typed; every other change the page shows by writing
    // the forms back (an action that records or deletes says what it did instead).
    let k = &mut ws.kinetics;
    match action {
        Action::SetForm(form, values) => {
            let form = match form {
                Form::Assess => &mut ws.assess,
                Form::Baseline => &mut ws.baseline,
                Form::Patient => &mut ws.patient,
                Form::MedEntry => &mut ws.med_entry,
                Form::LabEntry => &mut ws.lab_entry,
            };
            return Ok(typed(Some(form), values));
        }
        Action::SetCell {
            csf,
            row,
            col,
            value,
        } => {
            let cell = if csf {
                k.csf.get_mut(row).and_then(|r| r.get_mut(col))
            } else {
                k.rows.get_mut(row).and_then(|r| r.get_mut(col))
            };
            return Ok(typed(cell, value));
        }
        Action::SetHorizon(i, value) => return Ok(typed(k.horizons.get_mut(i), value)),
        Action::SetMethod(m) => return Ok(typed(Some(&mut k.method), m)),
        Action::AddRow { csf: true } => k.csf.push(Default::default()),
        Action::AddRow { csf: false } => k.rows.push(Default::default()),
        Action::RemoveRow { csf: true, row } => remove_row(&mut k.csf, &mut ws.csf_ids, row),
        Action::RemoveRow { csf: false, row } => remove_row(&mut k.rows, &mut ws.count_ids, row),
        Action::Paste {
            rows,
            replace: true,
        } => (ws.kinetics.rows, ws.count_ids) = (rows, Vec::new()),
        Action::Paste { rows, .. } => {
            ws.drop_blank_count_rows();
            ws.kinetics.rows.extend(rows);
        }
        Action::DefaultWhen { today, time } => {
            let Some(fill) = super::course::default_when(ws, &ws.assess, &today, &time) else {
                return Ok(Outcome::Unchanged);
            };
            for (name, value) in fill {
                ws.assess.insert(name.to_string(), value);
            }
        }
        Action::Record => {
            let v = read_assessment(&ws.assess);
            let assessment = super::course::record_assessment(ws, &ws.assess, &v)?;
            let when = crate::display::day_time(assessment.day());
            let grades = grades_text(&v);
            let from = ws.editing_from.take();
            let editing = ws.editing.and_then(|i| ws.assessments.get_mut(i));
            let outcome = match editing {
                // Changed in another tab since the edit began: both versions are kept.
                Some(slot) if from.is_some_and(|f| f.stored() != slot.stored()) => {
                    ws.assessments.push(Record::new(assessment));
                    Outcome::RecordedBesideChange(format!(
                        "Saved {when} as a second assessment: {grades}. The recorded one was changed in another tab while you edited it, so both versions are kept; delete the one you do not want (Course tab)."
                    ))
                }
                Some(slot) => {
                    // The edited record keeps its id (a merge sees an edit, not a new record).
                    slot.entry = Ok(assessment);
                    Outcome::Recorded(format!(
                        "Saved the changes to {when}: {grades}. See the Course tab."
                    ))
                }
                None => {
                    ws.assessments.push(Record::new(assessment));
                    Outcome::Recorded(format!("Recorded {when}: {grades}. See the Course tab."))
                }
            };
            cleared_assessment(ws);
            return Ok(outcome);
        }
        Action::EditAssessment(i) => {
            // As the course lists it (a record refused until the age was typed reads now), or as
            // recorded when the age typed since leaves it unreadable; one the core refuses even
            // so is listed apart, with no edit button.
            let record = ws.assessments.get(i).cloned();
            let Some(Ok(assessment)) = record.as_ref().map(|r| ws.assessment_to_edit(r)) else {
                return Ok(Outcome::Unchanged);
            };
            // The age field is the patient's (clearing the form keeps it, and a record made
            // without an age is read at it): a record without its own age leaves it as typed,
            // or editing would erase the patient's age and change how the course reads.
            let patient_age = ws.assess.get("age").cloned();
            if ws.editing.is_none() {
                ws.age_before_edit = Some(patient_age.clone().unwrap_or_default());
            }
            ws.assess = super::course::form_from_assessment(&assessment);
            if let Some(age) = patient_age.filter(|_| !ws.assess.contains_key("age")) {
                ws.assess.insert("age".to_string(), age);
            }
            ws.editing_from = record;
            ws.editing = Some(i);
        }
        Action::ClearAssessment => cleared_assessment(ws),
        Action::DeleteAssessment(i) => {
            // Deleting the record being edited ends the edit as cancelling does (the form
            // cleared, the patient's age back): its values must not become a new record by
            // the next "Add to course" (the page says so).
            let edited = ws.editing == Some(i);
            match ws.editing {
                Some(e) if e == i => cleared_assessment(ws),
                Some(e) if e > i => ws.editing = Some(e - 1),
                _ => {}
            }
            let removed = remove_at(&mut ws.assessments, i);
            return Ok(match removed {
                Outcome::Changed if edited => Outcome::FormsReplaced,
                other => other,
            });
        }
        Action::AddMedication => {
            let medication = super::course::read_medication_entry(ws, &ws.med_entry)?;
            ws.medications.push(Record::new(medication));
            ws.med_entry = RawForm::new();
        }
        Action::AddLab => {
            let lab = super::course::read_lab_entry(ws, &ws.lab_entry)?;
            ws.labs.push(Record::new(lab));
            // The marker and unit stay for the next value of the same series.
            keep_only(&mut ws.lab_entry, &["lab-analyte", "lab-unit"]);
        }
        Action::DeleteMedication(i) => return Ok(remove_at(&mut ws.medications, i)),
        Action::DeleteLab(i) => return Ok(remove_at(&mut ws.labs, i)),
    }
    Ok(Outcome::FormsReplaced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Assessment;
    use crate::grading::icans::Tool;
    use crate::input::record::StoredEntry;
    use crate::view::workspace::tests::form;

    fn recorded(pairs: &[(&str, &str)]) -> Workspace {
        let mut ws = Workspace::default();
        apply(&mut ws, Action::SetForm(Form::Assess, form(pairs)));
        assert!(matches!(
            apply(&mut ws, Action::Record),
            Outcome::Recorded(_)
        ));
        ws
    }

    #[test]
    fn an_ice_record_a_child_s_age_made_unreadable_can_be_edited_and_given_its_tool() {
        let ice = [
            ("consciousness", "awakensToVoice"),
            ("ice-status", "performed"),
            ("ice-year", "on"),
            ("when-day", "3"),
        ];
        let mut ws = recorded(&ice);
        ws.assess.insert("age".into(), "8".into());
        // Whether the one record left out of the course has an edit button.
        let editable = |ws: &Workspace| {
            let course = crate::view::course::evaluate_course(ws);
            assert_eq!(course.rejected.len(), 1);
            course.rejected[0].editable
        };
        // At 8 the CAPD applies: the record is left out of the course, with an edit button.
        assert!(editable(&ws));
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(0)),
            Outcome::FormsReplaced
        );
        assert_eq!(crate::view::value(&ws.assess, "ice-year"), "on");
        assert_eq!(crate::view::value(&ws.assess, "age"), "8");
        ws.assess.insert("tool".into(), "ice".into());
        assert!(matches!(
            apply(&mut ws, Action::Record),
            Outcome::Recorded(_)
        ));
        let course = crate::view::course::evaluate_course(&ws);
        assert!(course.rejected.is_empty());
        assert_eq!(course.result.assessments.len(), 1);
        // A record the core refuses even without the age gets no edit button.
        let stored = crate::json::parse_text(r#"{"day":"x"}"#).expect("json");
        ws.assessments
            .extend(crate::input::record::read_records(&[stored], None));
        assert!(!editable(&ws));
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(1)),
            Outcome::Unchanged
        );
    }

    #[test]
    fn recording_adds_the_assessment_clears_the_form_and_keeps_the_age() {
        let mut ws = Workspace::default();
        let typed = form(&[
            ("age", "60"),
            ("consciousness", "alert"),
            ("when-day", "14"),
        ]);
        apply(&mut ws, Action::SetForm(Form::Assess, typed));
        assert_eq!(
            apply(&mut ws, Action::Record),
            Outcome::Recorded("Recorded day +14: ICANS grade 0. See the Course tab.".into())
        );
        assert_eq!(ws.assessments.len(), 1);
        assert_eq!(ws.assess, form(&[("age", "60")]));
        // Nothing entered: refused at the "when" field, nothing recorded.
        let Outcome::Refused(issue) = apply(&mut ws, Action::Record) else {
            panic!("refused")
        };
        assert_eq!(issue.slot, "when");
        assert_eq!(ws.assessments.len(), 1);
    }

    #[test]
    fn an_assessment_recorded_before_the_age_was_typed_is_graded_at_the_age_typed_later() {
        // No age and no tool: recorded with ICE (the default). A child's age typed afterwards
        // chooses CAPD for it, now as after a reload of the saved case.
        let mut ws = Workspace::default();
        let typed = form(&[("consciousness", "awakensToVoice"), ("when-day", "3")]);
        apply(&mut ws, Action::SetForm(Form::Assess, typed));
        assert!(matches!(
            apply(&mut ws, Action::Record),
            Outcome::Recorded(_)
        ));
        let tool = |a: &Assessment| a.icans().map(|i| i.assessment().tool());
        let now = ws.assessment_now(&ws.assessments[0]).expect("readable");
        assert_eq!(tool(&now), Some(Tool::Ice));
        ws.assess.insert("age".into(), "8".into());
        let now = ws.assessment_now(&ws.assessments[0]).expect("readable");
        let reloaded = Assessment::from_json(&ws.assessments[0].stored(), Some(8.0));
        assert_eq!(tool(&now), Some(Tool::Capd));
        assert_eq!(Ok(now), reloaded);
    }

    #[test]
    fn an_assessment_is_edited_as_the_course_reads_it() {
        // CAPD answers without an age or a tool: refused (ICE by default) until a child's age
        // is typed; a refused record is listed apart with no edit button.
        let stored = r#"{"day": 5, "icans": {"capd": ["never", "never", "never", "never", "never", "never", "never", "often"]}}"#;
        let stored = crate::json::parse_text(stored).expect("json");
        let mut ws = Workspace::default();
        ws.assessments.push(Record::read(&stored, None));
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(0)),
            Outcome::Unchanged
        );
        ws.assess.insert("age".into(), "5".into());
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(0)),
            Outcome::FormsReplaced
        );
        assert_eq!(crate::view::value(&ws.assess, "capd-status"), "performed");
        assert_eq!(crate::view::value(&ws.assess, "capd-8"), "often");
        assert_eq!(crate::view::value(&ws.assess, "when-day"), "5");
        // The child's age stays in the form: without it the CAPD answers would read as ICE.
        assert_eq!(crate::view::value(&ws.assess, "age"), "5");
    }

    #[test]
    fn editing_a_record_without_an_age_keeps_the_patient_s_age_and_one_with_an_age_shows_it() {
        let mut ws = recorded(&[("consciousness", "alert"), ("when-day", "3")]);
        ws.assess.insert("age".into(), "40".into());
        apply(&mut ws, Action::EditAssessment(0));
        assert_eq!(crate::view::value(&ws.assess, "age"), "40");
        apply(&mut ws, Action::ClearAssessment);
        assert_eq!(
            crate::view::value(&ws.assess, "age"),
            "40",
            "cancel keeps it too"
        );
        // A record with an age of its own is edited with that age; the patient's age comes
        // back when the edit is cancelled or saved.
        let mut ws = recorded(&[("consciousness", "alert"), ("when-day", "4"), ("age", "39")]);
        ws.assess.insert("age".into(), "40".into());
        apply(&mut ws, Action::EditAssessment(0));
        assert_eq!(crate::view::value(&ws.assess, "age"), "39");
        apply(&mut ws, Action::ClearAssessment);
        assert_eq!(crate::view::value(&ws.assess, "age"), "40");
        apply(&mut ws, Action::EditAssessment(0));
        ws.assess
            .insert("consciousness".into(), "awakensToVoice".into());
        assert!(matches!(
            apply(&mut ws, Action::Record),
            Outcome::Recorded(_)
        ));
        assert_eq!(crate::view::value(&ws.assess, "age"), "40");
        let saved = crate::json::to_text(&ws.assessments[0].stored())
            .expect("json")
            .text;
        assert!(
            saved.contains("\"ageYears\":39"),
            "the record keeps its own age: {saved}"
        );
        // An edit that ends some other way (the record deleted) leaves nothing to restore later.
        apply(&mut ws, Action::EditAssessment(0));
        apply(&mut ws, Action::DeleteAssessment(0));
        ws.assess.insert("age".into(), "41".into());
        apply(&mut ws, Action::ClearAssessment);
        assert_eq!(crate::view::value(&ws.assess, "age"), "41");
    }

    #[test]
    fn editing_a_recorded_assessment_saves_over_it_under_the_same_id() {
        let mut ws = recorded(&[("consciousness", "alert"), ("when-day", "14")]);
        ws.assign_ids(&mut || "r1".to_string());
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(0)),
            Outcome::FormsReplaced
        );
        assert_eq!(ws.editing, Some(0));
        assert_eq!(crate::view::value(&ws.assess, "consciousness"), "alert");
        ws.assess
            .insert("consciousness".into(), "awakensToVoice".into());
        let Outcome::Recorded(said) = apply(&mut ws, Action::Record) else {
            panic!("recorded")
        };
        assert!(said.starts_with("Saved the changes to day +14"), "{said}");
        assert_eq!(ws.assessments.len(), 1);
        assert_eq!(ws.assessments[0].id, "r1");
        assert_eq!(ws.editing, None);
        assert_eq!(
            apply(&mut ws, Action::EditAssessment(5)),
            Outcome::Unchanged
        );
    }

    #[test]
    fn an_edit_of_an_assessment_another_tab_changed_meanwhile_keeps_both_versions() {
        let mut ws = recorded(&[("consciousness", "alert"), ("when-day", "14")]);
        ws.assign_ids(&mut || "r1".to_string());
        apply(&mut ws, Action::EditAssessment(0));
        // A save merges in another tab's change to the same record (a note).
        let mut theirs = ws.assessments[0].stored();
        if let crate::json::Json::Object(entries) = &mut theirs {
            entries.push((
                "note".into(),
                crate::json::Json::String("night team".into()),
            ));
        }
        ws.assessments[0] = Record {
            id: "r1".into(),
            ..Record::read(&theirs, None)
        };
        ws.assess
            .insert("consciousness".into(), "awakensToVoice".into());
        let Outcome::RecordedBesideChange(said) = apply(&mut ws, Action::Record) else {
            panic!("kept beside")
        };
        assert!(said.contains("both versions are kept"), "{said}");
        assert_eq!(ws.assessments.len(), 2);
        assert_eq!(
            ws.assessments[0].stored(),
            Record::<Assessment>::read(&theirs, None).stored()
        );
        assert_eq!((ws.editing, &ws.editing_from), (None, &None));
    }

    #[test]
    fn deleting_an_assessment_keeps_the_edit_on_its_record() {
        let mut ws = recorded(&[("consciousness", "alert"), ("when-day", "14")]);
        for day in ["15", "16"] {
            apply(
                &mut ws,
                Action::SetForm(
                    Form::Assess,
                    form(&[("consciousness", "alert"), ("when-day", day)]),
                ),
            );
            apply(&mut ws, Action::Record);
        }
        ws.editing = Some(2);
        assert_eq!(
            apply(&mut ws, Action::DeleteAssessment(0)),
            Outcome::Changed
        );
        assert_eq!(ws.editing, Some(1));
        // The record being edited: the edit ends, its values leave the form.
        assert_eq!(
            apply(&mut ws, Action::DeleteAssessment(1)),
            Outcome::FormsReplaced
        );
        assert_eq!(ws.editing, None);
        assert_eq!(crate::view::value(&ws.assess, "when-day"), "");
        assert_eq!(ws.assessments.len(), 1);
        assert_eq!(
            apply(&mut ws, Action::DeleteAssessment(3)),
            Outcome::Unchanged
        );
        assert_eq!(
            apply(&mut ws, Action::ClearAssessment),
            Outcome::FormsReplaced
        );
    }

    #[test]
    fn paste_replaces_the_grid_or_follows_its_filled_rows() {
        let row = |d: &str| [d.to_string(), "10".into(), String::new(), String::new()];
        let mut ws = Workspace::default();
        let blank_rows = ws.kinetics.rows.len();
        assert!(blank_rows > 0);
        ws.kinetics.rows[0] = row("1");
        let pasted = vec![row("7"), row("14")];
        let append = Action::Paste {
            rows: pasted.clone(),
            replace: false,
        };
        assert_eq!(apply(&mut ws, append), Outcome::FormsReplaced);
        assert_eq!(ws.kinetics.rows, vec![row("1"), row("7"), row("14")]);
        ws.assign_ids(&mut || "k".to_string());
        let replace = Action::Paste {
            rows: pasted.clone(),
            replace: true,
        };
        apply(&mut ws, replace);
        assert_eq!(ws.kinetics.rows, pasted);
        assert!(ws.count_ids.is_empty(), "replaced rows get new ids");
    }

    #[test]
    fn table_cells_rows_and_settings_change_only_what_exists() {
        let mut ws = Workspace::default();
        let cell = |row| Action::SetCell {
            csf: false,
            row,
            col: 1,
            value: "5".into(),
        };
        assert_eq!(apply(&mut ws, cell(0)), Outcome::Changed);
        assert_eq!(ws.kinetics.rows[0][1], "5");
        assert_eq!(apply(&mut ws, cell(99)), Outcome::Unchanged);
        assert_eq!(
            apply(&mut ws, Action::SetHorizon(3, "28".into())),
            Outcome::Unchanged
        );
        apply(&mut ws, Action::SetHorizon(2, "90".into()));
        assert_eq!(ws.kinetics.horizons[2], "90");
        apply(&mut ws, Action::AddRow { csf: true });
        assert_eq!(ws.kinetics.csf.len(), 1);
        apply(&mut ws, Action::RemoveRow { csf: true, row: 0 });
        assert!(ws.kinetics.csf.is_empty());
    }

    #[test]
    fn the_default_when_fills_only_an_untouched_form_once_the_infusion_date_is_known() {
        let mut ws = Workspace::default();
        let now = || Action::DefaultWhen {
            today: "2026-12-01".into(),
            time: "08:30".into(),
        };
        assert_eq!(apply(&mut ws, now()), Outcome::Unchanged);
        ws.patient
            .insert("infusionDate".into(), "2026-11-20".into());
        assert_eq!(apply(&mut ws, now()), Outcome::FormsReplaced);
        assert_eq!(crate::view::value(&ws.assess, "when-time"), "08:30");
        assert_eq!(apply(&mut ws, now()), Outcome::Unchanged);
    }

    #[test]
    fn adding_a_medication_or_lab_value_empties_its_form_or_says_why_not() {
        let mut ws = Workspace::default();
        let med = form(&[
            ("med-day", "3"),
            ("med-drug", "dexamethasone"),
            ("med-mg", "10"),
            ("med-route", "iv"),
        ]);
        apply(&mut ws, Action::SetForm(Form::MedEntry, med));
        assert_eq!(
            apply(&mut ws, Action::AddMedication),
            Outcome::FormsReplaced
        );
        assert_eq!(ws.medications.len(), 1);
        assert!(ws.med_entry.is_empty());
        assert!(matches!(
            apply(&mut ws, Action::AddMedication),
            Outcome::Refused(_)
        ));
        assert_eq!(
            apply(&mut ws, Action::DeleteMedication(0)),
            Outcome::Changed
        );
        assert_eq!(
            apply(&mut ws, Action::DeleteMedication(0)),
            Outcome::Unchanged
        );
        let lab = form(&[
            ("lab-day", "3"),
            ("lab-analyte", "hemoglobin"),
            ("lab-unit", "g/L"),
            ("lab-value", "90"),
        ]);
        apply(&mut ws, Action::SetForm(Form::LabEntry, lab));
        assert_eq!(apply(&mut ws, Action::AddLab), Outcome::FormsReplaced);
        // The marker and unit stay for the next value of the series.
        assert_eq!(
            ws.lab_entry,
            form(&[("lab-analyte", "hemoglobin"), ("lab-unit", "g/L")])
        );
        assert_eq!(apply(&mut ws, Action::DeleteLab(0)), Outcome::Changed);
    }
}
