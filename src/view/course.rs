//! The clinical course: recording assessments, the medication log with the steroid ledger, lab
//! values, the course in words and tables, and the published comparison.
//!
//! Stored records are read once into the core's own types ([`evaluate_course`]); new entries
//! are checked by the core's constructors ([`Medication::new`], [`LabValue::new`]), whose typed
//! errors are worded here once for the form. Fields and tables are built by [`super::html`].

use super::assess::{AssessView, FAHRENHEIT, ICE_NAMING, ICE_ONE_POINT, ICE_ORIENTATION};
use super::html::{self, Echo, esc, grade_badge, td, th_row, tr};
pub use super::sentences::summary_html;
use super::workspace::Workspace;
use super::{FieldIssue, RawForm, capitalise, value};
use crate::case::{Analyte, Assessment, CaseResult, CrsEntry, LabError, LabUnit, LabValue};
use crate::case::{lab_plausible_for_some_marker, lab_plausible_range};
use crate::display::{day_as_typed, day_time, fahrenheit_as_typed, grouped, plural, result};
use crate::error::{Bound, Problem, Range};
use crate::grading::Grade;
use crate::grading::capd::CapdAssessment;
use crate::grading::crs::Fever;
use crate::grading::icans::ToolFinding;
use crate::grading::ice::IceAssessment;
use crate::input::case::lab_error;
use crate::input::record::{self, RefusedAt, as_read, by_day};
use crate::input::steroids::{LABEL_ONLY_FOR_OTHER, medication_error};
use crate::input::when::day_since_infusion;
use crate::narrative::unconverted_dose_words;
use crate::narrative::{intrathecal_steroid_sentence, score_after_grade, this_patient_row};
use crate::numbers::{self, NumberError};
use crate::published::{TABLE_1, TABLE_1_ABBREVIATIONS, TABLE_1_NOTE};
use crate::published::{TABLE_1_COLUMNS, TABLE_1_TITLE};
use crate::steroids::{CHECK_ABOVE_MP_EQ_MG, DOSE_MG, Drug, DrugKind, Medication, MedicationError};
use crate::steroids::{Route, Steroid, SteroidLedger, max_single_dose_mg};

/// The attributes of a text input, and of one that takes a number with a decimal comma or point.
const TEXT: &str = "type=\"text\" autocomplete=\"off\"";
const DECIMAL: &str = "type=\"text\" inputmode=\"decimal\" autocomplete=\"off\"";

/// The label of an optional note.
const NOTE: &str = "Note <span class=\"unit\">(optional)</span>";
/// The fields of when an entry was made (after the form's prefix), their labels and inputs.
const WHEN: [(&str, &str, &str); 3] = [
    ("day", "Day since infusion", DAY_NUMBER),
    ("date", DATE, "type=\"date\""),
    ("time", TIME, "type=\"time\""),
];
const DAY_NUMBER: &str =
    "type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" placeholder=\"e.g. 14\"";
const DATE: &str = "or date <span class=\"unit\">(needs the infusion date)</span>";
const TIME: &str = "Time <span class=\"unit\">(optional)</span>";

// ---------------------------------------------------------------------------------------------
// Reading the entry forms

/// The day of an entry form (`{prefix}-day`, `{prefix}-time`, `{prefix}-date`): a calendar date
/// when the infusion date is known, else a day number; plus an optional time of day.
pub fn entry_day(
    ws: &Workspace,
    form: &RawForm,
    prefix: &str,
    slot: &'static str,
) -> Result<Option<f64>, FieldIssue> {
    let [day, date, time] = ["day", "date", "time"].map(|k| value(form, &format!("{prefix}-{k}")));
    if !day.is_empty() && !date.is_empty() {
        let both = "Give the day since infusion or the date, not both";
        return Err(FieldIssue::new(slot, both));
    }
    let read = day_since_infusion(ws.infusion_date(), day, date, time);
    read.map_err(|e| FieldIssue::new(slot, capitalise(&e.to_string())))
}

/// The first checks of an entry form (`key`: `when`, `med`, `lab`): room for one more in its
/// list (`room`: how many it holds of what; said at `key`), then when it was made, said at
/// `slot` ("Enter when {what} ...", when empty).
fn entry_start(
    ws: &Workspace,
    form: &RawForm,
    (key, slot): (&'static str, &'static str),
    room: Option<(usize, &str)>,
    what: &str,
) -> Result<f64, FieldIssue> {
    if let Some((n, noun)) = room {
        super::store::room_for_one_more(n, noun).map_err(|m| FieldIssue::new(key, m))?;
    }
    let missing = format!("Enter when {what} (day since infusion, or the date).");
    let day_field = match key {
        "med" => "med-day",
        "lab" => "lab-day",
        _ => "when-day",
    };
    entry_day(ws, form, key, slot)?.ok_or_else(|| FieldIssue::new(slot, missing).at(day_field))
}

/// The option of `options` whose API name was chosen in the form.
fn chosen<T: Copy>(options: &[T], api_name: fn(T) -> &'static str, typed: &str) -> Option<T> {
    options.iter().find(|&&o| api_name(o) == typed).copied()
}

/// A number the entry form needs, or what to say when it is empty or unreadable.
fn required_number(form: &RawForm, key: &str, what: &str) -> Result<f64, String> {
    let typed = value(form, key);
    numbers::parse_decimal(typed).map_err(|e| match e {
        NumberError::Empty => format!("Enter the {what}."),
        e => capitalise(&format!("{what} \u{201c}{typed}\u{201d}: {e}")),
    })
}

/// An optional text field, `None` when empty.
fn note(form: &RawForm, key: &str) -> Option<String> {
    Some(value(form, key).to_string()).filter(|n| !n.is_empty())
}

/// What an entry's time was understood as ("= day +14 01:00"), or at once why "Add" will refuse
/// it ("Day “1,000”: 1000 or 1,0? ..."), as the number fields' echoes say it; empty while
/// nothing is typed.
pub fn when_echo(ws: &Workspace, form: &RawForm, prefix: &str) -> Echo {
    match entry_day(ws, form, prefix, "when") {
        Ok(day) => Echo::Read(day.map_or(String::new(), |day| format!("= {}", day_time(day)))),
        Err(problem) => Echo::Refused(problem.message),
    }
}

/// What a number field was read as, with its unit ("= 1,000 mg"), or at once why "Add" will
/// refuse it, so the problem shows while typing, not only on "Add": not read as a number
/// ("1,000" could be a thousand or one), or outside the core's `range` for it ("must be more
/// than 0 and at most 2000 mg, got 1e308"), in the words of the Assess fields. Empty while the
/// field is.
fn number_echo(form: &RawForm, key: &str, unit: &str, range: Range) -> Echo {
    let text = value(form, key);
    match numbers::parse_decimal(text) {
        Ok(got) if !(got.is_finite() && range.contains(got)) => {
            Echo::Refused(Problem::OutOfRange { range, got }.to_string())
        }
        Ok(x) => Echo::Read(format!("= {} {unit}", grouped(x)).trim_end().to_string()),
        Err(NumberError::Empty) => Echo::Read(String::new()),
        Err(e) => Echo::Refused(format!(
            "\u{201c}{text}\u{201d} is not read as a number: {e}"
        )),
    }
}

/// The dose field's echo: a dose [`Medication::new`] refuses ("-5", "1e308") is said at once
/// with its range (more than 0 mg, at most the drug's plausible single dose), never echoed as
/// if it were read.
pub fn dose_echo(form: &RawForm) -> Echo {
    let max = Bound::Inclusive(max_single_dose_mg(&entry_drug(form).1));
    number_echo(form, "med-mg", "mg", Range { max, ..DOSE_MG })
}

/// The lab value field's echo in the unit chosen: a value [`LabValue::new`] refuses is said at
/// once with its range (the plausible range of the marker in the unit chosen; until both are
/// chosen, the values some marker may have: a value no marker may have is said at once).
pub fn lab_value_echo(form: &RawForm) -> Echo {
    let analyte = chosen(&Analyte::ALL, Analyte::api_name, value(form, "lab-analyte"));
    let unit = value(form, "lab-unit");
    let chosen_unit = |a: Analyte| chosen(a.units(), LabUnit::api_name, unit);
    let plausible = analyte.and_then(|a| lab_plausible_range(a, chosen_unit(a)?));
    let any_marker = lab_plausible_for_some_marker;
    number_echo(
        form,
        "lab-value",
        unit,
        plausible.unwrap_or_else(any_marker),
    )
}

/// When an entry was made: the day since infusion, or the date, and an optional time, sharing
/// one echo and error slot.
fn when_fields(prefix: &str, slot: &str, legend: &str) -> String {
    let mut inputs = String::new();
    for (k, label, attrs) in WHEN {
        inputs += &html::input_field(&format!("{prefix}-{k}"), label, attrs, slot);
    }
    let echo = html::echo_and_error(slot);
    format!(
        "<fieldset class=\"when\" aria-describedby=\"err-{slot}\"><legend>{legend}</legend><div class=\"when-fields\">{inputs}</div>{echo}</fieldset>"
    )
}

// ---------------------------------------------------------------------------------------------
// Recording the bedside assessment

/// The "record this assessment" card under the assessment forms.
pub fn record_card_html() -> String {
    let when = when_fields("when", "when", "When was this assessment?");
    let wide = "type=\"text\" autocomplete=\"off\" class=\"wide\"";
    let note = html::input_field("when-note", NOTE, wide, "");
    format!(
        "<form id=\"record-form\" class=\"card record-card\" novalidate autocomplete=\"off\" aria-labelledby=\"record-title\"><h2 id=\"record-title\">Record this assessment in the course</h2>\
         <p id=\"record-editing\" class=\"note\" hidden></p>{when}{note}\
         <div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"record\" id=\"record-button\">Add to course</button>\
         <button type=\"button\" class=\"btn\" data-action=\"record-cancel\" id=\"record-cancel\" hidden>Cancel editing</button>\
         <button type=\"button\" class=\"btn\" data-action=\"assess-clear\">Clear the form</button></div>\
         <p id=\"record-status\" class=\"status\" role=\"status\"></p></form>"
    )
}

/// The default time of the assessment being entered: today's date and the clock time (both
/// read from the device by the caller), once the infusion date is known and the user has not
/// entered a day, date or time. Shown in the fields, so it is visible and editable; the echo
/// then reads it as "day +N HH:MM".
pub fn default_when(
    ws: &Workspace,
    form: &RawForm,
    today: &str,
    time_hhmm: &str,
) -> Option<[(&'static str, String); 2]> {
    let typed = |k: &&str| !value(form, k).is_empty();
    let now = [("when-date", today.into()), ("when-time", time_hhmm.into())];
    let untouched = !["when-day", "when-date", "when-time"].iter().any(typed);
    ws.infusion_date().filter(|_| untouched).map(|_| now)
}

/// The assessment of the current forms, from what they graded (the core writes the case file's
/// form of it, kept as written for a lossless export).
pub fn record_assessment(
    ws: &Workspace,
    form: &RawForm,
    view: &AssessView,
) -> Result<Assessment, FieldIssue> {
    let at_when = |m: String| FieldIssue::new("when", m);
    let n = ws.assessments.len();
    let room = ws.editing.is_none().then_some((n, "assessments"));
    let day = entry_start(ws, form, ("when", "when"), room, "the assessment was made")?;
    // Why a finding cannot be recorded: its own message, at the "when" slot.
    for (name, issue) in [("ICANS", view.icans.issue()), ("CRS", view.crs.issue())] {
        if let Some(i) = issue {
            let why = format!("{name} cannot be recorded yet: {}", i.message);
            return Err(at_when(why));
        }
    }
    let (icans, crs) = (view.icans_entry.clone(), view.crs_entry.clone());
    // The day's range is checked by `entry_start` already: what is left is nothing graded.
    let recorded = Assessment::new(day, icans, crs, note(form, "when-note"));
    recorded.map_err(|e| at_when(e.to_string()))
}

/// The form values that show a recorded assessment again (for editing). ICE items are ticked
/// in order (the case file keeps the points per item, not which question was answered).
pub fn form_from_assessment(assessment: &Assessment) -> RawForm {
    let mut f = RawForm::new();
    let mut set = |k: &str, v: &str| {
        f.insert(k.to_string(), v.to_string());
    };
    let (day, time) = day_as_typed(assessment.day());
    set("when-day", &day);
    time.inspect(|t| set("when-time", t));
    assessment.note().inspect(|n| set("when-note", n));
    if let Some(entry) = assessment.icans() {
        // The answers' API names are the form's values.
        let i = entry.assessment().findings();
        entry.age_years().inspect(|x| set("age", &grouped(*x)));
        entry.chosen_tool().inspect(|t| set("tool", t.api_name()));
        i.consciousness
            .inspect(|x| set("consciousness", x.api_name()));
        i.seizure.inspect(|x| set("seizure", x.api_name()));
        i.motor.inspect(|x| set("motor", x.api_name()));
        i.icp_edema.inspect(|x| set("icpEdema", x.api_name()));
        match &i.tool_finding {
            Some(ToolFinding::Ice(IceAssessment::Scored(ice))) => {
                set("ice-status", "performed");
                // Each group's first items up to its points, and each one-point task done.
                let orientation = ICE_ORIENTATION.iter().take(ice.orientation().into());
                let naming = ICE_NAMING.iter().take(ice.naming().into());
                let done = [ice.commands(), ice.writing(), ice.attention()];
                let tasks = ICE_ONE_POINT
                    .iter()
                    .zip(done)
                    .filter_map(|(t, d)| d.then_some(t));
                for (name, _) in orientation.chain(naming).chain(tasks) {
                    set(name, "on");
                }
            }
            Some(ToolFinding::Capd(CapdAssessment::Scored(answers))) => {
                set("capd-status", "performed");
                for (n, answer) in (1..).zip(answers) {
                    set(&format!("capd-{n}"), answer.api_name());
                }
            }
            Some(unarousable) => set(
                &format!("{}-status", unarousable.tool().api_name()),
                "unarousable",
            ),
            None => {}
        }
        for d in &i.other_cause {
            set(&format!("other-{}", d.api_name()), "on");
        }
    }
    let Some(crs) = assessment.crs().map(CrsEntry::assessment) else {
        return f;
    };
    match crs.fever {
        Fever::MeasuredC(t) => {
            set("fever", "measured");
            let in_fahrenheit = fahrenheit_as_typed(t);
            if in_fahrenheit.is_some() {
                set("temp-unit", FAHRENHEIT);
            }
            set("temperature", &in_fahrenheit.unwrap_or_else(|| grouped(t)));
        }
        finding => set("fever", finding.api_name()),
    }
    crs.hypotension
        .inspect(|h| set("hypotension", h.api_name()));
    if let Some(o) = &crs.oxygen {
        set("oxygen", o.device().api_name());
        o.flow_l_per_min().inspect(|x| set("flow", &grouped(*x)));
    }
    f
}

// ---------------------------------------------------------------------------------------------
// Medications and labs

/// An entry form: its "when" fields (`when`: the legend), its fields, the echo and error slot
/// of `key`, and the add button.
fn entry_form(key: &str, [title, when, button]: [&str; 3], fields: &[String]) -> String {
    let when = when_fields(key, &format!("{key}-when"), when);
    let (fields, echo) = (fields.concat(), html::echo_and_error(key));
    format!(
        "<form id=\"{key}-form\" class=\"entry-form\" novalidate autocomplete=\"off\" aria-labelledby=\"{key}-title\"><h3 id=\"{key}-title\">{title}</h3>{when}\
         <div class=\"entry-fields\">{fields}</div>{echo}\
         <div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"{key}-add\">{button}</button></div></form>"
    )
}

pub fn medication_form_html() -> String {
    let drugs = DrugKind::ALL.map(|k| (k.api_name(), k.choice_label()));
    let routes = Route::ALL.map(|r| (r.api_name(), r.choice_label()));
    let name = "Name<span class=\"unit\"> (for \u{201c}other\u{201d})</span>";
    let dose = "Dose<span class=\"unit\"> (mg)</span>";
    let fields = [
        html::select_field("med-drug", "Drug", "med", &drugs),
        html::input_field("med-label", name, TEXT, "med"),
        html::input_field("med-mg", dose, DECIMAL, "med"),
        html::select_field("med-route", "Route", "med", &routes),
        html::input_field("med-note", NOTE, TEXT, "med"),
    ];
    let texts = ["Add a medication", "When was it given?", "Add medication"];
    entry_form("med", texts, &fields)
}

/// A medication's message in the form's words ("Dose must be ...", "Name “Solu-Medrol” names
/// methylprednisolone ..."): the core's own problem, at the field the form names.
fn medication_message(e: MedicationError, label: &str) -> String {
    let field = |key: &str| match key {
        "day" => "Day".to_string(),
        "mg" => "Dose".to_string(),
        _ => format!("Name \u{201c}{label}\u{201d}"),
    };
    let e = medication_error(e, &field);
    // One full stop, also after a hint that ends a sentence.
    let text = format!("{} {}", e.field, e.problem);
    let stop = if text.ends_with('.') { "" } else { "." };
    text + stop
}

/// The drug chosen in the medication form (`None`: not chosen yet) and the drug it names; while
/// none is chosen, "other" without a name (the widest single-dose ceiling of the core, so that
/// only a dose no drug may have is refused).
fn entry_drug(form: &RawForm) -> (Option<DrugKind>, Drug) {
    let kind = chosen(&DrugKind::ALL, DrugKind::api_name, value(form, "med-drug"));
    let label = kind.map_or("", |_| value(form, "med-label"));
    (kind, kind.unwrap_or(DrugKind::Other).drug(label))
}

/// The case-file medication for the entry form, checked by the core's [`Medication::new`].
pub fn read_medication_entry(ws: &Workspace, form: &RawForm) -> Result<Medication, FieldIssue> {
    let room = Some((ws.medications.len(), "medications"));
    let day = entry_start(ws, form, ("med", "med-when"), room, "it was given")?;
    let at_med = |m: &str, field| FieldIssue::new("med", m).at(field);
    let (kind, drug) = entry_drug(form);
    let kind = kind.ok_or_else(|| at_med("Choose the drug.", "med-drug"))?;
    let mg = required_number(form, "med-mg", "dose in mg").map_err(|m| at_med(&m, "med-mg"))?;
    let route = chosen(&Route::ALL, Route::api_name, value(form, "med-route"));
    let route = route.ok_or_else(|| {
        let choose = "Choose the route (IV, by mouth, IM, SC or intrathecal).";
        at_med(choose, "med-route")
    })?;
    let label = value(form, "med-label");
    let checked = Medication::new(day, drug, mg, route);
    // A name is only for "other"; a dose out of range is said first, as for an import.
    let named = kind != DrugKind::Other && !label.is_empty();
    if named && !matches!(checked, Err(MedicationError::Mg(_))) {
        let only = format!("Name \u{201c}{label}\u{201d} {LABEL_ONLY_FOR_OTHER}.");
        return Err(at_med(&only, "med-label"));
    }
    let m = checked.map_err(|e| {
        let field = match e {
            MedicationError::Day(_) => "med-day",
            MedicationError::Mg(_) | MedicationError::AboveCeiling { .. } => "med-mg",
            MedicationError::MissingLabel
            | MedicationError::LabelIsListedDrug(_)
            | MedicationError::LabelNamesTableSteroid(_)
            | MedicationError::LabelMayAbbreviateTableSteroid(_)
            | MedicationError::LabelMayMisspellTableSteroid(_) => "med-label",
        };
        at_med(&medication_message(e, label), field)
    })?;
    Ok(m.with_note(note(form, "med-note")))
}

pub fn lab_form_html(analyte: &str) -> String {
    let analytes = Analyte::ALL.map(|a| (a.api_name(), a.label()));
    let unit = lab_unit_select(analyte);
    let fields = [
        html::select_field("lab-analyte", "Marker", "lab", &analytes),
        html::input_field("lab-value", "Value", DECIMAL, "lab"),
        format!("<div class=\"field\" id=\"lab-unit-field\">{unit}</div>"),
        html::input_field("lab-note", NOTE, TEXT, "lab"),
    ];
    let texts = ["Add a lab value", "When was it taken?", "Add lab value"];
    entry_form("lab", texts, &fields)
}

/// The unit choice for an analyte (only the units the case file accepts for it).
pub fn lab_unit_select(analyte: &str) -> String {
    let units = chosen(&Analyte::ALL, Analyte::api_name, analyte).map_or(&[][..], Analyte::units);
    let mut options: Vec<_> = units.iter().map(|u| (u.api_name(), u.api_name())).collect();
    if options.is_empty() {
        options.push(("", "Choose the marker first"));
    }
    let attrs = "id=\"f-lab-unit\" name=\"lab-unit\" data-slot=\"lab\"";
    let select = html::select(attrs, &options, "");
    format!("<label for=\"f-lab-unit\">Unit</label>{select}")
}

/// The case-file lab value for the entry form, checked by the core's [`LabValue::new`].
pub fn read_lab_entry(ws: &Workspace, form: &RawForm) -> Result<LabValue, FieldIssue> {
    let room = Some((ws.labs.len(), "lab values"));
    let day = entry_start(ws, form, ("lab", "lab-when"), room, "it was taken")?;
    let at_lab = |m: String, field| FieldIssue::new("lab", m).at(field);
    let analyte = chosen(&Analyte::ALL, Analyte::api_name, value(form, "lab-analyte"))
        .ok_or_else(|| at_lab("Choose the marker.".into(), "lab-analyte"))?;
    let v = required_number(form, "lab-value", "value").map_err(|m| at_lab(m, "lab-value"))?;
    let (typed, units) = (value(form, "lab-unit"), analyte.units());
    let Some(unit) = chosen(units, LabUnit::api_name, typed) else {
        let allowed = units.iter().map(|u| u.api_name()).collect();
        let got = typed.to_string();
        let problem = Problem::UnknownValue { got, allowed };
        return Err(at_lab(format!("Unit: {problem}"), "lab-unit"));
    };
    let lab = LabValue::new(day, analyte, v, unit, note(form, "lab-note"));
    lab.map_err(|e| {
        let field = match e {
            LabError::Day(_) => "lab-day",
            LabError::UnitNotForAnalyte { .. } => "lab-unit",
            LabError::Value(_) | LabError::Implausible { .. } => "lab-value",
        };
        at_lab(
            capitalise(&lab_error(e, &str::to_string).to_string()),
            field,
        )
    })
}

// ---------------------------------------------------------------------------------------------
// The stored records, read once into the core's types

/// A stored entry the case file would refuse, with why (it is left out of the course).
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedEntry {
    /// Which list it is in: the list's noun and the page action that deletes one of its
    /// entries ([`evaluate_course`]).
    pub list: (&'static str, &'static str),
    /// Position in the workspace's list (for delete).
    pub index: usize,
    pub day: Option<f64>,
    pub message: String,
    /// An assessment that can be shown in the form to be corrected
    /// ([`Workspace::assessment_to_edit`]): it gets an edit button beside its delete button.
    pub editable: bool,
}

impl RejectedEntry {
    /// "assessment of day −31" (or "of no valid day").
    fn what(&self) -> String {
        let when = self.day.map_or_else(|| "no valid day".into(), day_time);
        format!("{} of {when}", self.list.0)
    }
}

/// The course computed from every stored entry the core accepts, the entries it accepted in
/// its own types (each with its position in the workspace's list), and the ones it refused.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseEvaluation {
    pub result: CaseResult,
    pub rejected: Vec<RejectedEntry>,
    pub assessments: Vec<(usize, Assessment)>,
    pub medications: Vec<(usize, Medication)>,
    pub labs: Vec<(usize, LabValue)>,
}

/// The course of the stored entries: an entry the core refuses (stored by an older version, or
/// edited outside the page) is listed with its reason and left out, and the rest of the course
/// is still computed. Indices (`inputIndex`, and those of the records) refer to the
/// workspace's own lists, so edit and delete act on the right entry.
///
/// An assessment whose ICANS input leaves the tool to the patient's age is read again here with
/// the age as now typed (as is a refused one, which the age may have made readable), so the
/// course always follows the age in the form.
pub fn evaluate_course(ws: &Workspace) -> CourseEvaluation {
    let now = |r: &_| ws.assessment_now(r);
    let (assessments, refused_assessments) = record::split(&ws.assessments, now);
    let (medications, refused_medications) = record::split(&ws.medications, as_read);
    let (labs, refused_labs) = record::split(&ws.labs, as_read);
    let mut rejected = Vec::new();
    // Only an assessment can be opened in a form to be corrected.
    let assessment_editable = |i: usize| {
        let record = ws.assessments.get(i);
        record.is_some_and(|r| ws.assessment_to_edit(r).is_ok())
    };
    let never = |_: usize| false;
    let lists: [(_, _, &dyn Fn(usize) -> bool); 3] = [
        (
            ("assessment", "assessment-delete"),
            refused_assessments,
            &assessment_editable,
        ),
        (("medication", "med-delete"), refused_medications, &never),
        (("lab value", "lab-delete"), refused_labs, &never),
    ];
    for (list, refused, can_edit) in lists {
        for RefusedAt { index, day, why } in refused {
            let message = capitalise(&why);
            let editable = can_edit(index);
            rejected.push(RejectedEntry {
                list,
                index,
                day,
                message,
                editable,
            });
        }
    }
    let patient = ws.course_patient();
    let result = crate::case::evaluate_kept(patient, &assessments, &medications, &labs);
    CourseEvaluation {
        result,
        rejected,
        assessments,
        medications,
        labs,
    }
}

/// The stored entries left out of the course in one sentence (for the note and the printed
/// report), `None` when there are none.
pub fn rejected_entries_text(rejected: &[RejectedEntry]) -> Option<String> {
    let mut items = Vec::new();
    for r in rejected {
        items.push(format!("the {} ({})", r.what(), r.message));
    }
    let items = items.join("; ");
    (!items.is_empty())
        .then(|| format!("Left out of the course because they cannot be read: {items}."))
}

/// The stored entries left out of the course, each with its reason and a delete button; empty
/// when there are none.
pub fn rejected_entries_html(rejected: &[RejectedEntry]) -> String {
    if rejected.is_empty() {
        return String::new();
    }
    let mut items = String::new();
    for r in rejected {
        let ((list, action), index, what) = (r.list, r.index, esc(&r.what()));
        let (the, message) = (capitalise(&format!("the {what}")), esc(&r.message));
        let edit = if r.editable {
            format!(
                "<button type=\"button\" class=\"btn small\" data-action=\"assessment-edit\" data-index=\"{index}\" aria-label=\"Edit the {what}\">Edit</button> "
            )
        } else {
            String::new()
        };
        items.push_str(&format!(
            "<li data-list=\"{list}\" data-index=\"{index}\">{the}: {message} {edit}<button type=\"button\" class=\"btn small\" data-action=\"{action}\" data-index=\"{index}\" aria-label=\"Delete the {what}\">Delete</button></li>"
        ));
    }
    let what_to_do = if rejected.iter().any(|r| r.editable) {
        "Correct them (Edit), delete them, or record them again with a valid value."
    } else {
        "Delete them, or record them again with a valid value."
    };
    format!(
        "<div class=\"callout\" id=\"rejected-entries\" role=\"alert\"><p><strong>Left out of the course:</strong> these stored entries cannot be read; the course below is computed without them. {what_to_do}</p><ul>{items}</ul></div>"
    )
}

// ---------------------------------------------------------------------------------------------
// The course panel

/// The panel's fixed parts (entry forms) and the regions re-rendered on each change.
pub fn course_skeleton_html() -> String {
    let (meds, labs) = (medication_form_html(), lab_form_html(""));
    format!(
        "<section class=\"card\" aria-labelledby=\"course-sum-title\"><h2 id=\"course-sum-title\">Course summary</h2><div id=\"course-summary\" role=\"status\"></div></section>\
         <div id=\"case-notes\"></div>\
         <figure class=\"card chart-card\"><div id=\"course-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"course-chart-caption\"></div><figcaption id=\"course-chart-caption\"></figcaption></figure>\
         <section class=\"card\" aria-labelledby=\"assessments-title\"><h2 id=\"assessments-title\">Assessments</h2><div id=\"assessment-list\"></div></section>\
         <section class=\"card\" aria-labelledby=\"meds-title\"><h2 id=\"meds-title\">Medications and steroid exposure</h2><div id=\"steroid-summary\"></div><div id=\"med-list\"></div>{meds}<div id=\"steroid-table\"></div></section>\
         <section class=\"card\" aria-labelledby=\"labs-title\"><h2 id=\"labs-title\">Lab markers</h2><figure class=\"chart-card\"><div id=\"labs-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"labs-chart-caption\"></div><figcaption id=\"labs-chart-caption\"></figcaption></figure><div id=\"lab-list\"></div>{labs}</section>\
         <section class=\"card\" aria-labelledby=\"comparison-title\"><h2 id=\"comparison-title\">Published comparison</h2><div id=\"comparison\"></div></section>"
    )
}

/// A table of the course ([`html::table`], `class="list"`) in its scrolling box: a list of
/// entries with a last column of actions (its buttons reach it by keyboard), or a reference
/// table, then focusable itself (`tabindex`) so that it can be scrolled by keyboard.
fn list_table(id: &str, caption: &str, head: &[&str], rows: &[String], actions: bool) -> String {
    let mut head = head.to_vec();
    if actions {
        head.push("<span class=\"sr-only\">Actions</span>");
    }
    let attrs = format!("class=\"list\" id=\"{id}\"");
    let table = html::table(&attrs, caption, &head, rows, None);
    let tab = if actions { "" } else { " tabindex=\"0\"" };
    format!("<div class=\"table-scroll\"{tab}>{table}</div>")
}

/// The delete button of a listed entry ("Delete Dexamethasone on day +14").
fn delete_button(action: &str, index: usize, what: &str) -> String {
    let what = esc(what);
    format!(
        "<button type=\"button\" class=\"icon-btn\" data-action=\"{action}\" data-index=\"{index}\" aria-label=\"Delete {what}\">\u{2715}</button>"
    )
}

/// A row of a list of entries: its attributes, the time (its header cell), its data cells
/// and its actions.
fn entry_row(attrs: &str, when: &str, cells: &[String], actions: &str) -> String {
    let mut all = vec![th_row(&esc(when))];
    all.extend_from_slice(cells);
    all.push(td("class=\"row-actions\"", actions));
    tr(attrs, &all)
}

/// A list of entries, or what to say when it is empty.
fn entry_list(id: &str, caption: &str, head: &[&str], rows: &[String], empty: &str) -> String {
    match rows {
        [] => format!("<p class=\"muted\">{empty}</p>"),
        _ => list_table(id, caption, head, rows, true),
    }
}

const MUTED_DASH: &str = "<span class=\"muted\">\u{2014}</span>";
/// The class of the row of the assessment being edited.
const EDITING: &str = " class=\"editing\"";
/// What the medication list says of a dose that is not in the steroid total.
const UNCONVERTED: &str =
    "<strong class=\"unconverted\">corticosteroid not converted, not in the total</strong>";
const NOT_A_STEROID: &str = "<span class=\"muted\">not a steroid</span>";
const NOT_SYSTEMIC: &str = " <span class=\"mark\">IT \u{2014} not systemic</span>";
const INTRATHECAL: &str = " <span class=\"mark\">intrathecal</span>";

/// A grade's badge, the detail after it, and "(incomplete)" when some findings were missing.
fn badge(grade: Grade, detail: &str, complete: bool) -> String {
    let incomplete = if complete { "" } else { INCOMPLETE };
    grade_badge(grade.number(), "") + detail + incomplete
}

const INCOMPLETE: &str = " <span class=\"muted\">(incomplete)</span>";

/// The recorded assessments with their grades, newest last, with edit and delete.
pub fn assessment_list_html(c: &CourseEvaluation, editing: Option<usize>) -> String {
    let mut rows = Vec::new();
    for a in &c.result.assessments {
        let (i, when) = (a.input_index, day_time(a.day));
        let icans = a.icans.as_ref().map_or(MUTED_DASH.to_string(), |g| {
            badge(g.grade, &esc(&score_after_grade(g)), g.complete)
        });
        let crs = a.crs.as_ref().map_or(MUTED_DASH.to_string(), |g| {
            badge(g.grade, "", g.complete || g.grade == Grade::G0)
        });
        let delete = delete_button("assessment-delete", i, &format!("the assessment of {when}"));
        let actions = format!(
            "<button type=\"button\" class=\"btn small\" data-action=\"assessment-edit\" data-index=\"{i}\" aria-label=\"Edit the assessment of {}\">Edit</button>{delete}",
            esc(&when)
        );
        let note = record::note_at(&c.assessments, i);
        let note = td("class=\"note-col\"", &esc(note));
        let cells = [td("", &icans), td("", &crs), note];
        let class = if editing == Some(i) { EDITING } else { "" };
        let attrs = format!("data-index=\"{i}\"{class}");
        rows.push(entry_row(&attrs, &when, &cells, &actions));
    }
    let head = ["When", "ICANS", "CRS", "Note"];
    let caption = "Recorded assessments in time order";
    let empty = "No assessment recorded yet. Grade one on the Assess tab and press \u{201c}Add to course\u{201d}.";
    entry_list("assessment-table", caption, &head, &rows, empty)
}

/// The medication log with each steroid dose's dexamethasone equivalent and running total.
pub fn medication_list_html(c: &CourseEvaluation) -> String {
    let (ledger, above) = (&c.result.steroids, grouped(CHECK_ABOVE_MP_EQ_MG));
    let small = |note: &str| format!("<br><span class=\"basis-small\">{}</span>", esc(note));
    let mut rows = Vec::new();
    for (i, m) in by_day(&c.medications, Medication::day) {
        let name = m.drug().listed_name();
        let dose_row = ledger.dose_of(*i);
        let unconverted = ledger.unconverted.iter().any(|u| u.input_index == *i);
        let is_it = m.route() == Route::It;
        // A systemic dose's running total; an intrathecal one is marked as not in it.
        let (kind, dex, total) = match dose_row {
            Some(d) if d.systemic => ("steroid", "", Some(d.cumulative_systemic_dex_eq_mg)),
            Some(_) => ("steroid", NOT_SYSTEMIC, None),
            None if unconverted => ("unconverted-steroid", UNCONVERTED, None),
            None if is_it => ("intrathecal", NOT_A_STEROID, None),
            None => ("other", NOT_A_STEROID, None),
        };
        let total = total.map_or(String::new(), |t| result(t) + " mg");
        let dex = dose_row.map_or(String::new(), |d| format!("{} mg", result(d.dex_eq_mg))) + dex;
        let mut dose = format!("{} mg", grouped(m.mg()));
        if let Some(d) = dose_row.filter(|d| d.check_dose) {
            let mp = result(d.methylprednisolone_eq_mg);
            dose += &format!(
                "<br><span class=\"basis-small check-dose\"><strong>Check this dose:</strong> {mp} mg methylprednisolone-equivalent, above {above} mg</span>"
            );
        }
        let mark = if is_it { INTRATHECAL } else { "" };
        let drug = esc(name) + mark + &m.note().map(small).unwrap_or_default();
        let when = day_time(m.day());
        let delete = delete_button("med-delete", *i, &format!("{name} on {when}"));
        let route = m.route().api_name().to_ascii_uppercase();
        let cells = [drug, dose, route, dex, total].map(|c| td("", &c));
        let attrs = format!("data-index=\"{i}\" data-kind=\"{kind}\"");
        rows.push(entry_row(&attrs, &when, &cells, &delete));
    }
    let head = ["When", "Drug", "Dose", "Route", "Dex-eq", "Systemic total"];
    let caption = "Medications in time order (steroids converted to dexamethasone-equivalent mg)";
    let empty = "No medication recorded.";
    entry_list("med-table", caption, &head, &rows, empty)
}

pub fn steroid_summary_html(ledger: &SteroidLedger) -> String {
    let intrathecal = intrathecal_steroid_sentence(ledger).map_or(String::new(), |s| esc(&s) + " ");
    let (mg, ignored) = (ledger.systemic_dex_eq_mg, ledger.ignored);
    let (total, s) = (result(mg), plural(ignored, "", "s"));
    let mut h = format!(
        "<p class=\"big-number\" data-systemic-mg=\"{mg}\">Cumulative systemic steroid: <strong>{total} mg</strong> dexamethasone-equivalent</p><p class=\"note\">{intrathecal}{ignored} non-steroid medication{s} not converted.</p>"
    );
    // A corticosteroid without a factor is shown beside the total, never dropped unseen.
    let n = ledger.unconverted.len();
    if n > 0 {
        let mut items = String::new();
        for u in &ledger.unconverted {
            items.push_str(&format!("<li>{}</li>", esc(&unconverted_dose_words(u))));
        }
        let (s, them) = (plural(n, "", "s"), plural(n, "it", "them"));
        h.push_str(&format!(
            "<div class=\"note unconverted\" id=\"steroid-unconverted\"><p><strong>Not converted, not in the total:</strong> {n} corticosteroid dose{s} with no factor in the equivalence table. Add {them} to the cumulative exposure by your own judgement.</p><ul>{items}</ul></div>"
        ));
    }
    let checks = ledger.per_dose.iter().filter(|d| d.check_dose).count();
    if checks > 0 {
        let (s, above) = (plural(checks, "", "s"), grouped(CHECK_ABOVE_MP_EQ_MG));
        h.push_str(&format!(
            "<p class=\"note check-dose\" id=\"steroid-check\"><strong>Check:</strong> {checks} single dose{s} above {above} mg methylprednisolone-equivalent (marked in the list). The dose is counted as entered.</p>"
        ));
    }
    h
}

/// The conversion table with its source, shown on screen (SPEC §1 row 5).
pub fn steroid_table_html(ledger: &SteroidLedger) -> String {
    let mut rows = Vec::new();
    for row in &ledger.table {
        let mg = format!("{} mg", grouped(row.equivalent_mg));
        let factor = format!("\u{d7} {}", grouped(row.dex_eq_factor));
        let cells = [th_row(&esc(row.label)), td("", &mg), td("", &factor)];
        rows.push(tr("", &cells));
    }
    let dex_mg = grouped(Steroid::Dexamethasone.equivalent_mg());
    let equivalent = format!("Equivalent to {dex_mg} mg dexamethasone");
    let head = ["Drug", equivalent.as_str(), "Factor to dexamethasone mg"];
    let caption = "Anti-inflammatory equivalent doses";
    let table = list_table("steroid-factors", caption, &head, &rows, false);
    let (above, basis) = (grouped(CHECK_ABOVE_MP_EQ_MG), esc(&ledger.basis));
    let source = esc(ledger.source);
    format!(
        "<details class=\"reference\" open><summary>Dexamethasone-equivalence table used</summary>{table}<p class=\"note\">A corticosteroid without a row here (betamethasone, budesonide, triamcinolone, fludrocortisone, cortisone, deflazacort, \u{2026}) is recorded under \u{201c}Other\u{201d} and shown as not converted, not in the total. A single dose above {above} mg methylprednisolone-equivalent is marked for a check.</p><p class=\"source\">{basis} Source: {source}.</p></details>"
    )
}

/// The lab values in day order, unit as entered, with delete.
pub fn lab_list_html(c: &CourseEvaluation) -> String {
    let mut rows = Vec::new();
    for (i, l) in by_day(&c.labs, LabValue::day) {
        let (label, when) = (l.analyte().label(), day_time(l.day()));
        let value = format!("{} {}", grouped(l.value()), l.unit().api_name());
        let delete = delete_button("lab-delete", *i, &format!("{label} on {when}"));
        let cells = [td("", &esc(label)), td("", &esc(&value))];
        let attrs = format!("data-index=\"{i}\"");
        rows.push(entry_row(&attrs, &when, &cells, &delete));
    }
    let (head, empty) = (["When", "Marker", "Value"], "No lab value recorded.");
    let caption = "Lab values in time order (unit as entered)";
    entry_list("lab-table", caption, &head, &rows, empty)
}

/// Table 1 of the case report beside this patient's figures, each time with what it is measured
/// from.
pub fn comparison_html(r: &CaseResult) -> String {
    let row = |attrs: &str, series: String, cells: [String; 6]| {
        let cells = html::each("<td>", &cells, "</td>");
        tr(attrs, &[th_row(&series), cells])
    };
    let series = "This patient (computed here)".to_string();
    let mut rows = vec![row("class=\"this-patient\"", series, this_patient_row(r))];
    for t in TABLE_1 {
        let (mut series, notes) = (esc(t.series), esc(&t.notes.join(" ")));
        if !notes.is_empty() {
            series.push_str(&format!("<br><span class=\"basis-small\">{notes}</span>"));
        }
        rows.push(row("", series, t.cells()));
    }
    let (id, title) = ("comparison-table", esc(TABLE_1_TITLE));
    let table = list_table(id, &title, &TABLE_1_COLUMNS, &rows, false);
    let (abbreviations, note) = (esc(TABLE_1_ABBREVIATIONS), esc(TABLE_1_NOTE));
    let source = esc(crate::sources::CASE_REPORT);
    format!("{table}<p class=\"source\">{abbreviations} {note} Source: {source}.</p>")
}

pub fn case_notes_html(ws: &Workspace) -> String {
    if ws.notes.is_empty() {
        return String::new();
    }
    let notes = html::each("<li>", &ws.notes, "</li>");
    format!(
        "<details class=\"card notes-card\" open><summary>Notes on this case (sources and assumptions)</summary><ul>{notes}</ul></details>"
    )
}

/// Notes about the kinetics (e.g. why the example's AUCs differ from the published ones), shown
/// beside the kinetics results.
pub fn kinetics_notes_html(ws: &Workspace) -> String {
    let mut notes = String::new();
    for n in ws.notes.iter().filter(|n| n.contains("AUC")) {
        notes.push_str(&format!("<p>{}</p>", esc(n)));
    }
    if notes.is_empty() {
        return notes;
    }
    format!("<aside class=\"callout\" aria-label=\"Notes on these kinetics\">{notes}</aside>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::record::Record;
    use crate::json::Json;
    use crate::narrative::this_patient_resolution;

    #[test]
    fn a_full_list_refuses_one_more_entry_at_the_form() {
        let mut ws = Workspace::default();
        let dose = |day: f64| {
            Json::object(vec![
                ("day", Json::Number(day)),
                ("drug", Json::String("dexamethasone".into())),
                ("mg", Json::Number(10.0)),
                ("route", Json::String("iv".into())),
            ])
        };
        ws.medications = crate::input::record::tests::records(
            (0..super::super::store::MAX_RECORDS_PER_LIST)
                .map(|i| dose(i as f64 * 0.1))
                .collect(),
        );
        let form: RawForm = [
            ("med-when-day", "3"),
            ("med-drug", "dexamethasone"),
            ("med-mg", "10"),
            ("med-route", "iv"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let refused = read_medication_entry(&ws, &form)
            .map_err(|i| (i.slot, i.message.contains("already holds 200 medications")));
        assert_eq!(refused, Err(("med", true)));
        ws.medications.pop();
        // One below the limit, the limit is not what stops an entry.
        let below = read_medication_entry(&ws, &form).map_err(|i| i.message);
        assert!(
            below
                .as_ref()
                .map_or_else(|m| !m.contains("already holds"), |_| true),
            "{below:?}"
        );
    }
    use crate::view::assess::read_assessment;

    fn form(pairs: &[(&str, &str)]) -> RawForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_day_and_a_date_both_typed_are_refused_in_a_sentence() {
        let mut ws = Workspace::default();
        ws.patient
            .insert("infusionDate".into(), "2026-11-01".into());
        let f = form(&[("med-day", "3"), ("med-date", "2026-11-04")]);
        let issue = entry_day(&ws, &f, "med", "med").map_err(|i| i.message);
        assert_eq!(
            issue,
            Err("Give the day since infusion or the date, not both".to_string())
        );
    }

    #[test]
    fn recording_needs_a_time_and_a_graded_finding() {
        let ws = Workspace::default();
        let f = form(&[("ice-status", "unarousable")]);
        let v = read_assessment(&f);
        assert_eq!(
            record_assessment(&ws, &f, &v).map_err(|i| i.slot),
            Err("when")
        );
        let f = form(&[("when-day", "14"), ("when-time", "01:00")]);
        let v = read_assessment(&f);
        assert!(record_assessment(&ws, &f, &v).is_err());
        let f = form(&[
            ("when-day", "14"),
            ("when-time", "01:00"),
            ("ice-status", "unarousable"),
            ("fever", "absent"),
        ]);
        let v = read_assessment(&f);
        let a = record_assessment(&ws, &f, &v).expect("recorded");
        assert_eq!(a.day(), 14.0 + 1.0 / 24.0);
        assert!(a.icans().is_some() && a.crs().is_some());
    }

    #[test]
    fn an_invalid_finding_is_not_recorded() {
        let ws = Workspace::default();
        let f = form(&[
            ("when-day", "14"),
            ("ice-status", "unarousable"),
            ("temperature", "100"),
        ]);
        let v = read_assessment(&f);
        let err = record_assessment(&ws, &f, &v).expect_err("invalid");
        assert!(err.message.starts_with("CRS cannot be recorded yet"));
    }

    #[test]
    fn a_recorded_assessment_comes_back_into_the_form_unchanged() {
        let ws = Workspace::default();
        let f = form(&[
            ("when-day", "14"),
            ("age", "39"),
            ("ice-status", "performed"),
            ("ice-year", "on"),
            ("ice-month", "on"),
            ("ice-name1", "on"),
            ("ice-writing", "on"),
            ("consciousness", "awakensToVoice"),
            ("other-consciousness", "on"),
            ("temperature", "38,4"),
            ("oxygen", "nasalCannula"),
            ("flow", "2"),
            ("hypotension", "none"),
        ]);
        let v = read_assessment(&f);
        let a = record_assessment(&ws, &f, &v).expect("recorded");
        let back = form_from_assessment(&a);
        let v2 = read_assessment(&back);
        assert_eq!(v2.icans_entry, v.icans_entry);
        assert_eq!(v2.crs_entry, v.crs_entry);
        assert_eq!(record_assessment(&ws, &back, &v2), Ok(a));
    }

    #[test]
    fn medication_entry_is_checked_like_an_import() {
        let ws = Workspace::default();
        let ok = read_medication_entry(
            &ws,
            &form(&[
                ("med-day", "14"),
                ("med-drug", "dexamethasone"),
                ("med-mg", "20"),
                ("med-route", "iv"),
            ]),
        );
        assert!(ok.is_ok());
        let zero = read_medication_entry(
            &ws,
            &form(&[
                ("med-day", "14"),
                ("med-drug", "dexamethasone"),
                ("med-mg", "0"),
                ("med-route", "iv"),
            ]),
        );
        assert!(zero.expect_err("0 mg").message.contains("mg"));
        let other = read_medication_entry(
            &ws,
            &form(&[
                ("med-day", "14"),
                ("med-drug", "other"),
                ("med-mg", "5"),
                ("med-route", "po"),
            ]),
        );
        assert!(other.is_err(), "an 'other' drug needs its name");
        let comma = read_medication_entry(
            &ws,
            &form(&[
                ("med-day", "14,5"),
                ("med-drug", "methylprednisolone"),
                ("med-mg", "1000"),
                ("med-route", "iv"),
            ]),
        );
        assert_eq!(comma.ok().map(|m| m.day()), Some(14.5));
    }

    fn med_form(drug: &str, label: &str, mg: &str) -> RawForm {
        form(&[
            ("med-day", "3"),
            ("med-drug", drug),
            ("med-label", label),
            ("med-mg", mg),
            ("med-route", "iv"),
        ])
    }

    #[test]
    fn an_entry_refused_by_add_names_the_field_to_mark() {
        let ws = Workspace::default();
        let field_of = |f: RawForm| read_medication_entry(&ws, &f).expect_err("refused").field;
        let med = |drop: &str, set: (&str, &str)| {
            let mut f = med_form("methylprednisolone", "", "125");
            f.remove(drop);
            f.insert(set.0.to_string(), set.1.to_string());
            f
        };
        assert_eq!(field_of(med("med-day", ("med-note", ""))), Some("med-day"));
        assert_eq!(
            field_of(med("med-drug", ("med-note", ""))),
            Some("med-drug")
        );
        assert_eq!(field_of(med("med-mg", ("med-note", ""))), Some("med-mg"));
        assert_eq!(field_of(med("med-mg", ("med-mg", "0"))), Some("med-mg"));
        assert_eq!(field_of(med("med-mg", ("med-mg", "1e308"))), Some("med-mg"));
        assert_eq!(
            field_of(med("med-route", ("med-note", ""))),
            Some("med-route")
        );
        let other = med_form("other", "", "500");
        assert_eq!(field_of(other), Some("med-label"));
        let named = med_form("dexamethasone", "Decadron", "10");
        assert_eq!(field_of(named), Some("med-label"));
        let lab = |pairs: &[(&str, &str)]| read_lab_entry(&ws, &form(pairs)).expect_err("refused");
        let day = ("lab-day", "14");
        let (crp, value, unit) = (
            ("lab-analyte", "crp"),
            ("lab-value", "340"),
            ("lab-unit", "mg/L"),
        );
        assert_eq!(lab(&[crp, value, unit]).field, Some("lab-day"));
        assert_eq!(lab(&[day, value, unit]).field, Some("lab-analyte"));
        assert_eq!(lab(&[day, crp, unit]).field, Some("lab-value"));
        assert_eq!(
            lab(&[day, crp, ("lab-value", "1e308"), unit]).field,
            Some("lab-value")
        );
        assert_eq!(
            lab(&[day, crp, value, ("lab-unit", "g/L")]).field,
            Some("lab-unit")
        );
        // A list that is full is no one field's fault.
        let mut full = Workspace::default();
        let one = read_lab_entry(&full, &form(&[day, crp, value, unit])).expect("valid");
        let limit = crate::view::limits::MAX_RECORDS_PER_LIST;
        full.labs = (0..limit)
            .map(|_| record::Record::new(one.clone()))
            .collect();
        let refused = read_lab_entry(&full, &form(&[day, crp, value, unit])).expect_err("full");
        assert_eq!(refused.field, None, "{}", refused.message);
    }

    #[test]
    fn medication_entry_refuses_a_table_steroid_under_other_with_the_drug_to_choose() {
        let ws = Workspace::default();
        let e = read_medication_entry(&ws, &med_form("other", "Solu-Medrol", "125"))
            .expect_err("a brand of methylprednisolone");
        assert_eq!(e.slot, "med");
        assert_eq!(
            e.message,
            "Name \u{201c}Solu-Medrol\u{201d} names methylprednisolone (a brand or another spelling): choose methylprednisolone as the drug, so that the dose counts in the steroid total."
        );
        assert!(read_medication_entry(&ws, &med_form("other", "levetiracetam", "500")).is_ok());
    }

    #[test]
    fn medication_entry_refuses_an_ambiguous_or_implausible_dose_in_clinical_words() {
        let ws = Workspace::default();
        let e = read_medication_entry(&ws, &med_form("methylprednisolone", "", "1,000"))
            .expect_err("ambiguous");
        assert!(e.message.contains("1000 or 1,0?"), "{}", e.message);
        let e = read_medication_entry(&ws, &med_form("methylprednisolone", "", "6000"))
            .expect_err("above the ceiling");
        assert!(
            e.message.starts_with(
                "Dose must be more than 0 and at most 5000 mg, got 6000; is the unit right?"
            ),
            "{}",
            e.message
        );
        assert!(!e.message.contains("mg:"), "{}", e.message);
        assert!(read_medication_entry(&ws, &med_form("methylprednisolone", "", "1000")).is_ok());
        assert!(read_medication_entry(&ws, &med_form("methylprednisolone", "", "1,25")).is_ok());
    }

    #[test]
    fn unconverted_corticosteroid_and_checked_dose_are_shown_beside_the_total() {
        let mut ws = Workspace::default();
        let entries = [
            med_form("other", "betamethasone", "4"),
            med_form("dexamethasone", "", "1000"),
        ];
        for f in entries {
            let m = read_medication_entry(&ws, &f).expect("valid");
            ws.medications.push(Record::new(m));
        }
        let course = evaluate_course(&ws);
        let ledger = &course.result.steroids;
        let summary = steroid_summary_html(ledger);
        assert!(
            summary.contains("Not converted, not in the total:"),
            "{summary}"
        );
        assert!(
            summary.contains("<li>betamethasone 4 mg intravenous (day +3)</li>"),
            "{summary}"
        );
        assert!(
            summary.contains("<strong>1000 mg</strong> dexamethasone-equivalent"),
            "{summary}"
        );
        assert!(
            summary.contains("1 single dose above 1000 mg methylprednisolone-equivalent"),
            "{summary}"
        );
        let list = medication_list_html(&course);
        assert!(list.contains("data-kind=\"unconverted-steroid\""), "{list}");
        assert!(
            list.contains("corticosteroid not converted, not in the total"),
            "{list}"
        );
        assert!(!list.contains("not a steroid"), "{list}");
        assert!(
            list.contains(
                "<strong>Check this dose:</strong> 5333.3 mg methylprednisolone-equivalent, above 1000 mg"
            ),
            "{list}"
        );
    }

    #[test]
    fn lab_entry_checks_the_unit_for_the_marker() {
        let ws = Workspace::default();
        let ok = read_lab_entry(
            &ws,
            &form(&[
                ("lab-day", "14"),
                ("lab-analyte", "crp"),
                ("lab-value", "340"),
                ("lab-unit", "mg/L"),
            ]),
        );
        assert!(ok.is_ok(), "{ok:?}");
        let bad = read_lab_entry(
            &ws,
            &form(&[
                ("lab-day", "14"),
                ("lab-analyte", "crp"),
                ("lab-value", "340"),
                ("lab-unit", "g/L"),
            ]),
        );
        assert!(bad.is_err());
    }

    #[test]
    fn entries_echo_what_was_understood() {
        let ws = Workspace::default();
        assert_eq!(
            when_echo(
                &ws,
                &form(&[("med-day", "14"), ("med-time", "01:00")]),
                "med"
            ),
            Echo::Read("= day +14 01:00".into())
        );
        // A day that "Add" would refuse is said at once, as a bad dose is.
        // ... and shown as the field's error, not as what was read.
        let Echo::Refused(bad_day) = when_echo(&ws, &form(&[("med-day", "1,2,3")]), "med") else {
            panic!("a day of 1,2,3 is refused")
        };
        assert!(
            bad_day.starts_with("Day \u{201c}1,2,3\u{201d}: "),
            "{bad_day}"
        );
        assert_eq!(when_echo(&ws, &form(&[]), "med"), Echo::Read(String::new()));
        assert_eq!(
            lab_value_echo(&form(&[("lab-value", "112,5"), ("lab-unit", "mg/L")])),
            Echo::Read("= 112.5 mg/L".into())
        );
        assert_eq!(
            lab_value_echo(&form(&[("lab-value", "")])),
            Echo::Read(String::new())
        );
        let Echo::Refused(ambiguous) = dose_echo(&form(&[("med-mg", "1,000")])) else {
            panic!("a dose of 1,000 is refused")
        };
        assert!(
            ambiguous.starts_with("\u{201c}1,000\u{201d} is not read as a number"),
            "{ambiguous}"
        );
        let Echo::Refused(with_unit) = dose_echo(&form(&[("med-mg", "10 mg")])) else {
            panic!("a dose with its unit typed is refused")
        };
        assert!(with_unit.contains("is not read as a number"), "{with_unit}");
    }

    /// A dose or lab value the core will refuse is never echoed as if it were read ("= -5 mg",
    /// "= 1e308 mg"): the echo says at once the core's range for it, as the Assess fields do.
    #[test]
    fn a_value_outside_the_cores_range_is_said_at_once_not_echoed_as_read() {
        let ws = Workspace::default();
        let med = |drug: &str, mg: &str| {
            let f = [("med-day", "2"), ("med-drug", drug), ("med-mg", mg)];
            let add = read_medication_entry(&ws, &form(&[f[0], f[1], f[2], ("med-route", "iv")]));
            (dose_echo(&form(&f)), add.map_err(|e| e.message))
        };
        // Each dose "Add" refuses is said at once with the core's range, never echoed as read.
        for (drug, mg) in [
            ("", "-5"),
            ("", "0"),
            ("dexamethasone", "-5"),
            ("", "1e308"),
            ("dexamethasone", "1e308"),
            ("dexamethasone", "2001"),
        ] {
            let (Echo::Refused(echo), add) = med(drug, mg) else {
                panic!("{mg} is echoed as read")
            };
            assert!(echo.starts_with("must be more than 0"), "{mg}: {echo}");
            assert!(echo.ends_with(&format!("got {mg}")), "{mg}: {echo}");
            assert!(drug.is_empty() || add.is_err(), "{mg}: {add:?}");
        }
        // Above the drug's ceiling, "Add" says the same range (with a hint at the unit).
        let (Echo::Refused(echo), add) = med("dexamethasone", "2001") else {
            panic!("2001 mg of dexamethasone is echoed as read")
        };
        assert_eq!(echo, "must be more than 0 and at most 2000 mg, got 2001");
        assert!(add.is_err_and(|m| m.contains(&echo)), "{echo}");
        let max = crate::steroids::DEXAMETHASONE_MAX_MG;
        let echo = med("dexamethasone", &max.to_string()).0;
        assert_eq!(echo, Echo::Read(format!("= {} mg", grouped(max))));
        // Until a drug is chosen, only a dose no drug may have is refused.
        let other = crate::steroids::OTHER_MAX_MG;
        assert_eq!(
            med("", &other.to_string()).0,
            Echo::Read(format!("= {} mg", grouped(other)))
        );
        let lab = |analyte: &str, x: &str, unit: &str| {
            let f = [
                ("lab-analyte", analyte),
                ("lab-value", x),
                ("lab-unit", unit),
            ];
            let add = read_lab_entry(&ws, &form(&[f[0], f[1], f[2], ("lab-day", "2")]));
            (lab_value_echo(&form(&f)), add.map_err(|e| e.message))
        };
        let refused = |s: &str| Echo::Refused(s.into());
        // Before a marker is chosen: what no marker may have (below 0, above the largest
        // plausible maximum of any marker in any unit).
        let any = crate::case::lab_plausible_for_some_marker();
        let no_marker = |x: f64| refused(&Problem::OutOfRange { range: any, got: x }.to_string());
        assert_eq!(lab("", "-5", "").0, no_marker(-5.0));
        assert_eq!(lab("", "1e308", "").0, no_marker(1e308));
        assert_eq!(
            lab("", "150000", "").0,
            Echo::Read("= 150\u{202f}000".into())
        );
        let (Echo::Refused(echo), add) = lab("crp", "-5", "mg/L") else {
            panic!("-5 mg/L is echoed as read")
        };
        assert!(echo.starts_with("must be 0-") && add.is_err(), "{echo}");
        // Above the plausible range, "Add" says the same range (with a hint at the unit).
        let (Echo::Refused(echo), add) = lab("crp", "1e308", "mg/L") else {
            panic!("1e308 mg/L is echoed as read")
        };
        assert!(echo.starts_with("must be 0-"), "{echo}");
        assert!(add.is_err_and(|m| m.contains(&echo)), "{echo}");
        assert_eq!(
            lab("crp", "112,5", "mg/L").0,
            Echo::Read("= 112.5 mg/L".into())
        );
    }

    #[test]
    fn an_assessment_graded_at_the_patients_age_follows_the_age_typed_now() {
        // ICE answers without an age or a tool: read at age 30 (ICE), then the age is corrected
        // to 8 (CAPD), and back.
        let stored =
            crate::json::parse_text(r#"{"id":"a1","day":1,"icans":{"ice":"unarousable"}}"#)
                .expect("json");
        let mut ws = Workspace::default();
        ws.assess.insert("age".into(), "30".into());
        ws.assessments = vec![Record::read(&stored, Some(30.0))];
        let eval = evaluate_course(&ws);
        assert!(eval.rejected.is_empty());
        assert_eq!(eval.result.assessments.len(), 1);
        ws.assess.insert("age".into(), "8".into());
        let eval = evaluate_course(&ws);
        assert_eq!(
            eval.rejected.len(),
            1,
            "ICE answers at an age that uses CAPD"
        );
        assert!(eval.result.assessments.is_empty());
        // Stored while the age read 8, then corrected: it is read again and counted.
        ws.assessments = vec![Record::read(&stored, Some(8.0))];
        ws.assess.insert("age".into(), "30".into());
        let eval = evaluate_course(&ws);
        assert!(eval.rejected.is_empty());
        assert_eq!(eval.result.assessments.len(), 1);
    }

    #[test]
    fn a_stored_entry_the_core_rejects_is_listed_and_the_rest_is_computed() {
        let mut ws = Workspace::from_case(&crate::example::example_case().expect("example"));
        let n = ws.assessments.len();
        // Stored by an older version: day -31 (before the case's first day) and 36,526.
        ws.assessments.insert(
            1,
            Record::read(
                &crate::json::Json::object(vec![
                    ("day", crate::json::Json::Number(-31.0)),
                    (
                        "icans",
                        crate::json::Json::object(vec![(
                            "consciousness",
                            crate::json::Json::String("alert".into()),
                        )]),
                    ),
                ]),
                None,
            ),
        );
        ws.medications.push(Record::read(
            &crate::json::Json::object(vec![
                ("day", crate::json::Json::Number(36_526.0)),
                ("drug", crate::json::Json::String("dexamethasone".into())),
                ("mg", crate::json::Json::Number(4.0)),
                ("route", crate::json::Json::String("iv".into())),
            ]),
            None,
        ));
        let eval = evaluate_course(&ws);
        assert_eq!(eval.rejected.len(), 2);
        assert_eq!(
            (eval.rejected[0].list, eval.rejected[0].index),
            (("assessment", "assessment-delete"), 1)
        );
        assert_eq!(
            eval.rejected[0].message,
            "Day must be from -30 to 36525 days, got -31"
        );
        assert_eq!(eval.rejected[1].list, ("medication", "med-delete"));
        // The rest of the course is there, and indices point into the workspace's own lists.
        assert_eq!(eval.result.assessments.len(), n);
        assert!(eval.result.assessments.iter().all(|a| a.input_index != 1));
        assert_eq!(eval.result.course.icans.peak_grade, Grade::G4);
        assert_eq!(eval.result.steroids.systemic_dex_eq_mg, 96.0);
        assert_eq!(
            rejected_entries_text(&eval.rejected[..1]).as_deref(),
            Some(
                "Left out of the course because they cannot be read: the assessment of day \u{2212}31 (Day must be from -30 to 36525 days, got -31)."
            )
        );
        let html = rejected_entries_html(&eval.rejected);
        assert!(
            html.contains(
                "The assessment of day \u{2212}31: Day must be from -30 to 36525 days, got -31"
            ),
            "{html}"
        );
        assert!(
            html.contains("data-action=\"assessment-delete\" data-index=\"1\""),
            "{html}"
        );
        assert!(html.contains("data-action=\"med-delete\""), "{html}");
        // Nothing rejected: nothing listed.
        let clean = Workspace::from_case(&crate::example::example_case().expect("example"));
        let eval = evaluate_course(&clean);
        assert!(eval.rejected.is_empty());
        assert_eq!(rejected_entries_html(&eval.rejected), "");
        assert_eq!(rejected_entries_text(&eval.rejected), None);
    }

    #[test]
    fn every_entry_form_refuses_a_day_outside_the_case_range() {
        let ws = Workspace::default();
        let med = form(&[
            ("med-day", "-31"),
            ("med-drug", "dexamethasone"),
            ("med-mg", "4"),
            ("med-route", "iv"),
        ]);
        let err = read_medication_entry(&ws, &med).expect_err("refused");
        assert_eq!(err.slot, "med-when");
        assert!(
            err.message
                .contains("must be from -30 to 36525 days, got -31"),
            "{}",
            err.message
        );
        let lab = form(&[
            ("lab-day", "36526"),
            ("lab-analyte", "crp"),
            ("lab-value", "10"),
            ("lab-unit", "mg/L"),
        ]);
        assert_eq!(
            read_lab_entry(&ws, &lab).expect_err("refused").slot,
            "lab-when"
        );
        let rec = form(&[
            ("when-day", "-31"),
            ("consciousness", "alert"),
            ("ice-status", "unarousable"),
        ]);
        let v = read_assessment(&rec);
        let err = record_assessment(&ws, &rec, &v).expect_err("refused");
        assert_eq!(err.slot, "when");
        assert!(err.message.contains("got -31"), "{}", err.message);
        // The edge itself is accepted.
        let ok = form(&[
            ("med-day", "-30"),
            ("med-drug", "dexamethasone"),
            ("med-mg", "4"),
            ("med-route", "iv"),
        ]);
        assert!(read_medication_entry(&ws, &ok).is_ok());
    }

    fn evaluate_json(text: &str) -> CaseResult {
        let json: Json = serde_json::from_str(text).expect("json");
        crate::case::evaluate(&crate::input::case::parse_case(&json).expect("case"))
    }

    #[test]
    fn comparison_measures_from_the_intrathecal_treatment_given_with_active_icans() {
        let ice10 =
            r#"{"orientation": 4, "naming": 3, "commands": 1, "writing": 1, "attention": 1}"#;
        let case = format!(
            r#"{{"schema": "icans-calc/case@1", "patient": {{"label": "t"}},
               "assessments": [
                 {{"day": 1, "icans": {{"ice": {ice10}, "consciousness": "alert"}}}},
                 {{"day": 5, "icans": {{"ice": "unarousable", "consciousness": "unarousable"}}}},
                 {{"day": 6, "icans": {{"ice": {ice10}, "consciousness": "alert"}}}}],
               "medications": [
                 {{"day": 2, "drug": "methotrexate", "mg": 12, "route": "it"}},
                 {{"day": 5.5, "drug": "cytarabine", "mg": 40, "route": "it"}}]}}"#
        );
        let r = evaluate_json(&case);
        let (resolution, from) = this_patient_resolution(&r);
        assert_eq!(
            resolution,
            "grade 0 by the next assessment, 12 h later (an upper bound: when it was seen)"
        );
        assert_eq!(
            from,
            "The intrathecal treatment on day +5 12:00 (given with ICANS grade 4)."
        );
        assert!(comparison_html(&r).contains("IT cytarabine 40 mg"));
        // Prophylaxis only: measured from onset instead.
        let case = case.replace(
            r#""day": 5.5, "drug": "cytarabine""#,
            r#""day": 1.5, "drug": "cytarabine""#,
        );
        let (resolution, from) = this_patient_resolution(&evaluate_json(&case));
        assert_eq!(resolution, "1 day");
        assert!(from.starts_with("ICANS onset"), "{from}");
    }

    #[test]
    fn example_course_reads_like_the_case_report() {
        let case = crate::example::example_case().expect("example");
        let r = crate::case::evaluate(&case);
        let html = summary_html(&r);
        assert!(html.contains("peak grade 4 on day +14 01:00"), "{html}");
        assert!(
            html.contains("ICANS grade \u{2264} 1 by the assessment 32 h later"),
            "{html}"
        );
        assert!(
            html.contains("grade 0 by the assessment 32 h later"),
            "{html}"
        );
        assert!(html.contains("96 mg dexamethasone-equivalent"), "{html}");
        assert!(html.contains("Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg; not part of the systemic total."), "{html}");
        let cmp = comparison_html(&r);
        assert!(
            cmp.contains("grade 0 by the assessment 32 h later (an upper bound: when it was seen)"),
            "{cmp}"
        );
        assert!(
            cmp.contains("The intrathecal treatment on day +14 01:00 (given with ICANS grade 4).")
        );
        assert!(cmp.contains("Not stated in the case report"));
        assert!(cmp.contains("Strati"));
    }
    #[test]
    fn assessment_time_defaults_to_now_once_the_infusion_date_is_known() {
        let mut ws = Workspace::default();
        let empty = RawForm::new();
        assert_eq!(default_when(&ws, &empty, "2024-03-25", "09:30"), None);
        ws.patient
            .insert("infusionDate".into(), "2024-03-11".into());
        let filled = default_when(&ws, &empty, "2024-03-25", "09:30").expect("default");
        let f: RawForm = filled
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        assert_eq!(when_echo(&ws, &f, "when").text(), "= day +14 09:30");
        // Never over what the user typed.
        let typed = form(&[("when-day", "3")]);
        assert_eq!(default_when(&ws, &typed, "2024-03-25", "09:30"), None);
        let time_only = form(&[("when-time", "08:00")]);
        assert_eq!(default_when(&ws, &time_only, "2024-03-25", "09:30"), None);
    }
    #[test]
    fn a_temperature_typed_in_fahrenheit_comes_back_in_fahrenheit() {
        let ws = Workspace::default();
        let f = form(&[
            ("when-day", "3"),
            ("temperature", "100,3"),
            ("temp-unit", crate::view::assess::FAHRENHEIT),
            ("hypotension", "none"),
        ]);
        let v = read_assessment(&f);
        let a = record_assessment(&ws, &f, &v).expect("recorded");
        let back = form_from_assessment(&a);
        assert_eq!(back.get("temperature").map(String::as_str), Some("100.3"));
        assert_eq!(back.get("temp-unit").map(String::as_str), Some("F"));
        assert_eq!(read_assessment(&back).crs_entry, v.crs_entry);
        // A whole-tenth °C value (also 101.3 °F = 38.5 °C) stays in °C.
        let c = form(&[
            ("when-day", "3"),
            ("temperature", "38,5"),
            ("hypotension", "none"),
        ]);
        let a = record_assessment(&ws, &c, &read_assessment(&c)).expect("recorded");
        let back = form_from_assessment(&a);
        assert_eq!(back.get("temperature").map(String::as_str), Some("38.5"));
        assert_eq!(back.get("temp-unit"), None);
    }
}
