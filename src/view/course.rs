//! The clinical course: recording assessments, the medication log with the steroid ledger, lab
//! values, the course in words and tables, and the published comparison.

use super::assess::{AssessView, Outcome};
use super::html::{esc, grade_badge};
use super::workspace::Workspace;
use super::{FieldIssue, RawForm, value};
use crate::case::{
    Analyte, CaseResult, CourseSummary, GapReason, IntrathecalRow, PassedOver, ResolutionGap,
};
use crate::display::day_time;
use crate::display::result as format_result;
use crate::grading::Grade;
use crate::grading::icans::{IcansDomain, Tool};
use crate::json::Json;
use crate::numbers::{self, NumberError};
use crate::published::{TABLE_1, TABLE_1_ABBREVIATIONS, TABLE_1_NOTE, TABLE_1_TITLE};
use crate::steroids::SteroidLedger;
use crate::{api, sources};

fn issue(slot: &'static str, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        slot,
        message: message.into(),
    }
}

/// A number as shown (noise-free, thousands grouped): one formatter for the whole page.
fn fmt(x: f64) -> String {
    crate::display::grouped(x)
}

fn obj_get<'a>(value: &'a Json, key: &str) -> Option<&'a Json> {
    value.get(key)
}

fn num(value: &Json, key: &str) -> Option<f64> {
    value.number_at(key)
}

fn word<'a>(value: &'a Json, key: &str) -> Option<&'a str> {
    value.text_at(key)
}

/// The `day` of a recorded entry (assessment, medication, lab).
pub fn day_of(entry: &Json) -> Option<f64> {
    num(entry, "day")
}

/// The day of an entry form (`{prefix}-day`, `{prefix}-time`, `{prefix}-date`): a calendar date
/// when the infusion date is known, else a day number; plus an optional time of day.
pub fn entry_day(
    ws: &Workspace,
    form: &RawForm,
    prefix: &str,
    slot: &'static str,
) -> Result<Option<f64>, FieldIssue> {
    let key = |k: &str| format!("{prefix}-{k}");
    let mut when = RawForm::new();
    for k in ["day", "time", "date"] {
        when.insert(format!("when-{k}"), value(form, &key(k)).to_string());
    }
    if !value(form, &key("day")).is_empty() && !value(form, &key("date")).is_empty() {
        return Err(issue(
            slot,
            "give the day since infusion or the date, not both",
        ));
    }
    super::workspace::when_day(ws, &when).map_err(|m| issue(slot, capitalise(&m)))
}

/// A number the entry form needs: a message at `slot` when empty or unreadable.
fn required_number(
    form: &RawForm,
    key: &str,
    slot: &'static str,
    what: &str,
) -> Result<f64, FieldIssue> {
    match numbers::parse_decimal(value(form, key)) {
        Ok(x) => Ok(x),
        Err(NumberError::Empty) => Err(issue(slot, format!("Enter the {what}."))),
        Err(e) => Err(issue(
            slot,
            capitalise(&format!("{what} \u{201c}{}\u{201d}: {e}", value(form, key))),
        )),
    }
}

/// What an entry's time was understood as ("= day +14 01:00"); empty until it reads.
pub fn when_echo(ws: &Workspace, form: &RawForm, prefix: &str) -> String {
    match entry_day(ws, form, prefix, "when") {
        Ok(Some(day)) => format!("= {}", day_time(day)),
        Ok(None) | Err(_) => String::new(),
    }
}

/// What a number field was understood as, with its unit ("= 112.5 mg/L"); empty until it reads.
pub fn number_echo(form: &RawForm, key: &str, unit: &str) -> String {
    match numbers::parse_decimal(value(form, key)) {
        Ok(x) => format!("= {} {unit}", fmt(x)).trim_end().to_string(),
        Err(_) => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn when_fields(prefix: &str, slot: &str, legend: &str) -> String {
    format!(
        "<fieldset class=\"when\" aria-describedby=\"err-{slot}\"><legend>{}</legend><div class=\"when-fields\">\
         <div class=\"field\"><label for=\"f-{prefix}-day\">Day since infusion</label><input id=\"f-{prefix}-day\" name=\"{prefix}-day\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" placeholder=\"e.g. 14\" data-slot=\"{slot}\"></div>\
         <div class=\"field\"><label for=\"f-{prefix}-date\">or date <span class=\"unit\">(needs the infusion date)</span></label><input id=\"f-{prefix}-date\" name=\"{prefix}-date\" type=\"date\" data-slot=\"{slot}\"></div>\
         <div class=\"field\"><label for=\"f-{prefix}-time\">Time <span class=\"unit\">(optional)</span></label><input id=\"f-{prefix}-time\" name=\"{prefix}-time\" type=\"time\" data-slot=\"{slot}\"></div>\
         </div><output id=\"echo-{slot}\" class=\"echo\"></output><p id=\"err-{slot}\" class=\"field-error\"></p></fieldset>",
        esc(legend)
    )
}

// ---------------------------------------------------------------------------------------------
// Recording the bedside assessment

/// The "record this assessment" card under the assessment forms.
pub fn record_card_html() -> String {
    format!(
        "<form id=\"record-form\" class=\"card record-card\" novalidate autocomplete=\"off\" aria-labelledby=\"record-title\"><h2 id=\"record-title\">Record this assessment in the course</h2>\
         <p id=\"record-editing\" class=\"note\" hidden></p>{}\
         <div class=\"field\"><label for=\"f-when-note\">Note <span class=\"unit\">(optional)</span></label><input id=\"f-when-note\" name=\"when-note\" type=\"text\" autocomplete=\"off\" class=\"wide\"></div>\
         <div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"record\" id=\"record-button\">Add to course</button>\
         <button type=\"button\" class=\"btn\" data-action=\"record-cancel\" id=\"record-cancel\" hidden>Cancel editing</button>\
         <button type=\"button\" class=\"btn\" data-action=\"assess-clear\">Clear the form</button></div>\
         <p id=\"record-status\" class=\"status\" role=\"status\"></p></form>",
        when_fields("when", "when", "When was this assessment?")
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
    let untouched = ["when-day", "when-date", "when-time"]
        .iter()
        .all(|k| value(form, k).is_empty());
    (untouched && ws.infusion_date().is_some()).then(|| {
        [
            ("when-date", today.to_string()),
            ("when-time", time_hhmm.to_string()),
        ]
    })
}

/// The case-file assessment `{day, icans?, crs?, note?}` for the current forms.
pub fn record_assessment(
    ws: &Workspace,
    form: &RawForm,
    view: &AssessView,
) -> Result<Json, FieldIssue> {
    if ws.editing.is_none() {
        super::store::room_for_one_more(ws.assessments.len(), "assessments")
            .map_err(|m| issue("when", m))?;
    }
    let day = entry_day(ws, form, "when", "when")?.ok_or_else(|| {
        issue(
            "when",
            "Enter when the assessment was made (day since infusion, or the date).",
        )
    })?;
    let mut fields = vec![("day", Json::Number(day))];
    match (&view.icans, &view.icans_input) {
        (Outcome::Invalid(i), _) => {
            return Err(issue(
                "when",
                format!("ICANS cannot be recorded yet: {}", i.message),
            ));
        }
        (Outcome::Graded(_), Some(input)) => fields.push(("icans", input.clone())),
        (Outcome::Graded(_), None) | (Outcome::Empty, _) => {}
    }
    match (&view.crs, &view.crs_input) {
        (Outcome::Invalid(i), _) => {
            return Err(issue(
                "when",
                format!("CRS cannot be recorded yet: {}", i.message),
            ));
        }
        (Outcome::Graded(_), Some(input)) => fields.push(("crs", input.clone())),
        (Outcome::Graded(_), None) | (Outcome::Empty, _) => {}
    }
    if fields.len() == 1 {
        return Err(issue(
            "when",
            "Nothing to record: enter an ICANS or a CRS finding first.",
        ));
    }
    let note = value(form, "when-note");
    if !note.is_empty() {
        fields.push(("note", Json::String(note.to_string())));
    }
    Ok(Json::object(fields))
}

/// The form values that show a recorded assessment again (for editing). ICE items are ticked
/// in order (the case file keeps the points per item, not which question was answered).
pub fn form_from_assessment(assessment: &Json) -> RawForm {
    let mut f = RawForm::new();
    let mut set = |k: &str, v: &str| {
        f.insert(k.to_string(), v.to_string());
    };
    if let Some(day) = num(assessment, "day") {
        // Whole day plus a clock time when the fraction is a whole minute (as entered).
        let minutes = day * 1440.0;
        if (minutes - minutes.round()).abs() < 1e-6 && day >= 0.0 {
            let m = minutes.round() as i64;
            set("when-day", &(m / 1440).to_string());
            if m % 1440 != 0 {
                set(
                    "when-time",
                    &format!("{:02}:{:02}", (m % 1440) / 60, m % 60),
                );
            }
        } else {
            set("when-day", &fmt(day));
        }
    }
    if let Some(note) = word(assessment, "note") {
        set("when-note", note);
    }
    if let Some(icans) = obj_get(assessment, "icans") {
        if let Some(age) = num(icans, "ageYears") {
            set("age", &fmt(age));
        }
        if let Some(tool) = word(icans, "tool") {
            set("tool", tool);
        }
        match obj_get(icans, "ice") {
            Some(Json::String(s)) if s == "unarousable" => set("ice-status", "unarousable"),
            Some(ice @ Json::Object(_)) => {
                set("ice-status", "performed");
                let n = |k: &str| num(ice, k).unwrap_or(0.0) as usize;
                for (name, _) in super::assess::ICE_ORIENTATION.iter().take(n("orientation")) {
                    set(name, "on");
                }
                for (name, _) in super::assess::ICE_NAMING.iter().take(n("naming")) {
                    set(name, "on");
                }
                for (item, (name, _, _)) in ["commands", "writing", "attention"]
                    .iter()
                    .zip(super::assess::ICE_ONE_POINT)
                {
                    if n(item) == 1 {
                        set(name, "on");
                    }
                }
            }
            Some(_) | None => {}
        }
        match obj_get(icans, "capd") {
            Some(Json::String(s)) if s == "unarousable" => set("capd-status", "unarousable"),
            Some(Json::Array(items)) => {
                set("capd-status", "performed");
                for (i, item) in items.iter().enumerate() {
                    if let Json::String(w) = item {
                        set(&format!("capd-{}", i + 1), w);
                    }
                }
            }
            Some(_) | None => {}
        }
        for key in ["consciousness", "seizure", "motor", "icpEdema"] {
            if let Some(w) = word(icans, key) {
                set(key, w);
            }
        }
        if let Some(Json::Array(items)) = obj_get(icans, "otherCause") {
            for item in items {
                if let Json::String(d) = item {
                    set(&format!("other-{d}"), "on");
                }
            }
        }
    }
    if let Some(crs) = obj_get(assessment, "crs") {
        if let Some(fever) = word(crs, "fever") {
            set("fever", fever);
        }
        if let Some(t) = num(crs, "temperatureC") {
            set("fever", "measured");
            set("temperature", &fmt(t));
            if let Some(f) = fahrenheit_as_typed(t) {
                set("temp-unit", super::assess::FAHRENHEIT);
                set("temperature", &f);
            }
        }
        for key in ["hypotension", "oxygen"] {
            if let Some(w) = word(crs, key) {
                set(key, w);
            }
        }
        if let Some(flow) = num(crs, "oxygenLitersPerMin") {
            set("flow", &fmt(flow));
        }
    }
    f
}

/// A recorded temperature that was typed in °F (the case file keeps °C): a value with more than
/// two decimals in °C that is exactly the conversion of a °F reading with at most two decimals
/// is shown again as that reading, so editing shows what was typed and re-saving gives the same
/// value (101.3 °F was stored as 38.5 °C and stays °C; 100.3 °F, stored as 37.944... °C, shows
/// as 100.3 °F).
fn fahrenheit_as_typed(t_c: f64) -> Option<String> {
    let c_text = fmt(t_c);
    let c_decimals = c_text.split_once('.').map_or(0, |(_, d)| d.len());
    if c_decimals <= 2 {
        return None;
    }
    let f_text = numbers::format_trimmed(crate::units::fahrenheit_from_celsius(t_c), 2);
    let f = f_text.parse::<f64>().ok()?;
    (crate::units::celsius_from_fahrenheit(f) == t_c).then_some(f_text)
}

// ---------------------------------------------------------------------------------------------
// Medications and labs

const DRUG_OPTIONS: [(&str, &str); 11] = [
    ("dexamethasone", "Dexamethasone"),
    ("methylprednisolone", "Methylprednisolone"),
    ("prednisone", "Prednisone"),
    ("prednisolone", "Prednisolone"),
    ("hydrocortisone", "Hydrocortisone"),
    ("tocilizumab", "Tocilizumab"),
    ("siltuximab", "Siltuximab"),
    ("anakinra", "Anakinra"),
    ("methotrexate", "Methotrexate"),
    ("cytarabine", "Cytarabine"),
    ("other", "Other (name it)"),
];

const ROUTE_OPTIONS: [(&str, &str); 5] = [
    ("iv", "IV"),
    ("po", "By mouth (PO)"),
    ("im", "IM"),
    ("sc", "SC"),
    ("it", "Intrathecal (IT)"),
];

fn select(name: &str, label: &str, options: &[(&str, &str)], slot: &str) -> String {
    let mut h = format!(
        "<div class=\"field\"><label for=\"f-{name}\">{}</label><select id=\"f-{name}\" name=\"{name}\" data-slot=\"{slot}\"><option value=\"\">Choose\u{2026}</option>",
        esc(label)
    );
    for (v, l) in options {
        h.push_str(&format!("<option value=\"{v}\">{}</option>", esc(l)));
    }
    h.push_str("</select></div>");
    h
}

fn text_input(name: &str, label: &str, unit: &str, decimal: bool, slot: &str) -> String {
    format!(
        "<div class=\"field\"><label for=\"f-{name}\">{}<span class=\"unit\">{}</span></label><input id=\"f-{name}\" name=\"{name}\" type=\"text\"{} autocomplete=\"off\" data-slot=\"{slot}\"></div>",
        esc(label),
        esc(unit),
        if decimal {
            " inputmode=\"decimal\""
        } else {
            ""
        }
    )
}

pub fn medication_form_html() -> String {
    let mut h = String::from(
        "<form id=\"med-form\" class=\"entry-form\" novalidate autocomplete=\"off\" aria-labelledby=\"med-title\"><h3 id=\"med-title\">Add a medication</h3>",
    );
    h.push_str(&when_fields("med", "med-when", "When was it given?"));
    h.push_str("<div class=\"entry-fields\">");
    h.push_str(&select("med-drug", "Drug", &DRUG_OPTIONS, "med"));
    h.push_str(&text_input(
        "med-label",
        "Name",
        " (for \u{201c}other\u{201d})",
        false,
        "med",
    ));
    h.push_str(&text_input("med-mg", "Dose", " (mg)", true, "med"));
    h.push_str(&select("med-route", "Route", &ROUTE_OPTIONS, "med"));
    h.push_str(&text_input("med-note", "Note", " (optional)", false, "med"));
    h.push_str("</div><output id=\"echo-med\" class=\"echo\"></output><p id=\"err-med\" class=\"field-error\"></p>");
    h.push_str("<div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"med-add\">Add medication</button></div></form>");
    h
}

/// The case-file medication for the entry form, checked by the same reader as an import.
pub fn read_medication_entry(ws: &Workspace, form: &RawForm) -> Result<Json, FieldIssue> {
    super::store::room_for_one_more(ws.medications.len(), "medications")
        .map_err(|m| issue("med", m))?;
    let day = entry_day(ws, form, "med", "med-when")?.ok_or_else(|| {
        issue(
            "med-when",
            "Enter when it was given (day since infusion, or the date).",
        )
    })?;
    let drug = value(form, "med-drug");
    if drug.is_empty() {
        return Err(issue("med", "Choose the drug."));
    }
    let mg = required_number(form, "med-mg", "med", "dose in mg")?;
    let route = value(form, "med-route");
    if route.is_empty() {
        return Err(issue(
            "med",
            "Choose the route (IV, by mouth, IM, SC or intrathecal).",
        ));
    }
    let mut fields = vec![
        ("day", Json::Number(day)),
        ("drug", Json::String(drug.to_string())),
        ("mg", Json::Number(mg)),
        ("route", Json::String(route.to_string())),
    ];
    let label = value(form, "med-label");
    if drug == "other" || !label.is_empty() {
        fields.push(("label", Json::String(label.to_string())));
    }
    let note = value(form, "med-note");
    if !note.is_empty() {
        fields.push(("note", Json::String(note.to_string())));
    }
    let json = Json::object(fields);
    api::steroids::parse_medication(&json, "").map_err(|e| {
        // The API's message in the form's words: "Dose must be ...", "Name “Solu-Medrol”
        // names methylprednisolone ...: choose methylprednisolone as the drug ...".
        let field = match e.field.as_str() {
            "mg" => "Dose".to_string(),
            "label" => format!("Name \u{201c}{label}\u{201d}"),
            "day" => "Day".to_string(),
            "route" => "Route".to_string(),
            "drug" => "Drug".to_string(),
            "note" => "Note".to_string(),
            other => capitalise(other),
        };
        let problem = e.problem.to_string();
        issue("med", format!("{field} {}.", problem.trim_end_matches('.')))
    })?;
    Ok(json)
}

pub fn lab_form_html(analyte: &str) -> String {
    let mut h = String::from(
        "<form id=\"lab-form\" class=\"entry-form\" novalidate autocomplete=\"off\" aria-labelledby=\"lab-title\"><h3 id=\"lab-title\">Add a lab value</h3>",
    );
    h.push_str(&when_fields("lab", "lab-when", "When was it taken?"));
    h.push_str("<div class=\"entry-fields\">");
    let analytes: Vec<(&str, &str)> = Analyte::ALL
        .iter()
        .map(|a| (a.api_name(), a.label()))
        .collect();
    h.push_str(&select("lab-analyte", "Marker", &analytes, "lab"));
    h.push_str(&text_input("lab-value", "Value", "", true, "lab"));
    h.push_str(&format!(
        "<div class=\"field\" id=\"lab-unit-field\">{}</div>",
        lab_unit_select(analyte)
    ));
    h.push_str(&text_input("lab-note", "Note", " (optional)", false, "lab"));
    h.push_str("</div><output id=\"echo-lab\" class=\"echo\"></output><p id=\"err-lab\" class=\"field-error\"></p>");
    h.push_str("<div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"lab-add\">Add lab value</button></div></form>");
    h
}

/// The unit choice for an analyte (only the units the case file accepts for it).
pub fn lab_unit_select(analyte: &str) -> String {
    let units: Vec<&str> = Analyte::ALL
        .iter()
        .find(|a| a.api_name() == analyte)
        .map(|a| a.units().iter().map(|u| u.api_name()).collect())
        .unwrap_or_default();
    let mut h = String::from(
        "<label for=\"f-lab-unit\">Unit</label><select id=\"f-lab-unit\" name=\"lab-unit\" data-slot=\"lab\">",
    );
    if units.is_empty() {
        h.push_str("<option value=\"\">Choose the marker first</option>");
    }
    for u in units {
        h.push_str(&format!("<option value=\"{}\">{}</option>", esc(u), esc(u)));
    }
    h.push_str("</select>");
    h
}

pub fn read_lab_entry(ws: &Workspace, form: &RawForm) -> Result<Json, FieldIssue> {
    super::store::room_for_one_more(ws.labs.len(), "lab values").map_err(|m| issue("lab", m))?;
    let day = entry_day(ws, form, "lab", "lab-when")?.ok_or_else(|| {
        issue(
            "lab-when",
            "Enter when it was taken (day since infusion, or the date).",
        )
    })?;
    let analyte = value(form, "lab-analyte");
    if analyte.is_empty() {
        return Err(issue("lab", "Choose the marker."));
    }
    let v = required_number(form, "lab-value", "lab", "value")?;
    let mut fields = vec![
        ("day", Json::Number(day)),
        ("analyte", Json::String(analyte.to_string())),
        ("value", Json::Number(v)),
        ("unit", Json::String(value(form, "lab-unit").to_string())),
    ];
    let note = value(form, "lab-note");
    if !note.is_empty() {
        fields.push(("note", Json::String(note.to_string())));
    }
    let json = Json::object(fields);
    let case = Json::object(vec![
        ("schema", Json::String(crate::case::SCHEMA.to_string())),
        (
            "patient",
            Json::object(vec![("label", Json::String(String::new()))]),
        ),
        ("labs", Json::Array(vec![json.clone()])),
    ]);
    api::parse_case(&case).map_err(|e| {
        issue(
            "lab",
            capitalise(e.to_string().trim_start_matches("labs[0].")),
        )
    })?;
    Ok(json)
}

// ---------------------------------------------------------------------------------------------
// Evaluating what is stored, entry by entry

/// Which list a stored entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryList {
    Assessment,
    Medication,
    Lab,
}

impl EntryList {
    fn noun(self) -> &'static str {
        match self {
            EntryList::Assessment => "assessment",
            EntryList::Medication => "medication",
            EntryList::Lab => "lab value",
        }
    }

    /// The page action that deletes an entry of this list.
    fn delete_action(self) -> &'static str {
        match self {
            EntryList::Assessment => "assessment-delete",
            EntryList::Medication => "med-delete",
            EntryList::Lab => "lab-delete",
        }
    }

    fn api_key(self) -> &'static str {
        match self {
            EntryList::Assessment => "assessments",
            EntryList::Medication => "medications",
            EntryList::Lab => "labs",
        }
    }
}

/// A stored entry the case file would refuse, with why (it is left out of the course).
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedEntry {
    pub list: EntryList,
    /// Position in the workspace's list (for delete).
    pub index: usize,
    pub day: Option<f64>,
    pub message: String,
}

/// The course computed from every stored entry the core accepts, and the ones it refused.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseEvaluation {
    pub result: CaseResult,
    pub rejected: Vec<RejectedEntry>,
}

/// Evaluates the stored course entry by entry: an entry the core rejects (stored by an older
/// version, or edited outside the page) is listed with its reason and left out, and the rest of
/// the course is still computed. Indices in the result (`inputIndex`) refer to the workspace's
/// own lists, so edit and delete act on the right entry.
///
/// Errs only if entries accepted one by one are refused together (the case file has no
/// cross-entry rule today, so this is a guard, not an expected path).
pub fn evaluate_course(ws: &Workspace) -> Result<CourseEvaluation, crate::error::InputError> {
    // Nearly always every entry is valid: one read of the whole course then, and the entry-by-
    // entry reading (one read per entry) only to find the ones that are not.
    let whole = Workspace {
        patient: ws.patient.clone(),
        assess: ws.assess.clone(),
        assessments: ws.assessments.clone(),
        medications: ws.medications.clone(),
        labs: ws.labs.clone(),
        ..Workspace::default()
    };
    if let Ok(case) = whole.course_case() {
        return Ok(CourseEvaluation {
            result: crate::case::evaluate(&case),
            rejected: Vec::new(),
        });
    }
    let lists: [(EntryList, &Vec<Json>); 3] = [
        (EntryList::Assessment, &ws.assessments),
        (EntryList::Medication, &ws.medications),
        (EntryList::Lab, &ws.labs),
    ];
    let mut rejected = Vec::new();
    let mut kept: [Vec<usize>; 3] = Default::default();
    for ((list, entries), kept_here) in lists.iter().zip(kept.iter_mut()) {
        for (index, entry) in entries.iter().enumerate() {
            let mut alone = Workspace {
                patient: ws.patient.clone(),
                assess: ws.assess.clone(),
                ..Workspace::default()
            };
            match list {
                EntryList::Assessment => alone.assessments = vec![entry.clone()],
                EntryList::Medication => alone.medications = vec![entry.clone()],
                EntryList::Lab => alone.labs = vec![entry.clone()],
            }
            match alone.course_case() {
                Ok(_) => kept_here.push(index),
                Err(e) => {
                    // The field's own name ("day", "mg"), not the file's path to it.
                    let prefix = format!("{}[0]", list.api_key());
                    let path = e
                        .field
                        .strip_prefix(&prefix)
                        .unwrap_or(&e.field)
                        .trim_start_matches('.');
                    let field = path.rsplit('.').next().unwrap_or(path);
                    rejected.push(RejectedEntry {
                        list: *list,
                        index,
                        day: day_of(entry),
                        message: if field.is_empty() {
                            capitalise(&e.problem.to_string())
                        } else {
                            capitalise(&format!("{field} {}", e.problem))
                        },
                    });
                }
            }
        }
    }
    let pick = |entries: &[Json], idx: &[usize]| -> Vec<Json> {
        idx.iter()
            .filter_map(|&i| entries.get(i).cloned())
            .collect()
    };
    let [kept_assessments, kept_medications, kept_labs] = kept;
    let valid = Workspace {
        patient: ws.patient.clone(),
        assess: ws.assess.clone(),
        assessments: pick(&ws.assessments, &kept_assessments),
        medications: pick(&ws.medications, &kept_medications),
        labs: pick(&ws.labs, &kept_labs),
        ..Workspace::default()
    };
    let case = valid.course_case()?;
    let mut result = crate::case::evaluate(&case);
    for a in &mut result.assessments {
        a.input_index = kept_assessments
            .get(a.input_index)
            .copied()
            .unwrap_or(a.input_index);
    }
    for d in &mut result.steroids.per_dose {
        d.input_index = kept_medications
            .get(d.input_index)
            .copied()
            .unwrap_or(d.input_index);
    }
    Ok(CourseEvaluation { result, rejected })
}

/// The stored entries left out of the course in one sentence (for the note and the printed
/// report), `None` when there are none.
pub fn rejected_entries_text(rejected: &[RejectedEntry]) -> Option<String> {
    if rejected.is_empty() {
        return None;
    }
    let items: Vec<String> = rejected
        .iter()
        .map(|r| {
            let when = r.day.map(day_time).unwrap_or_else(|| "no valid day".into());
            format!("the {} of {when} ({})", r.list.noun(), r.message)
        })
        .collect();
    Some(format!(
        "Left out of the course because they cannot be read: {}.",
        items.join("; ")
    ))
}

/// The stored entries left out of the course, each with its reason and a delete button; empty
/// when there are none.
pub fn rejected_entries_html(rejected: &[RejectedEntry]) -> String {
    if rejected.is_empty() {
        return String::new();
    }
    let mut h = String::from(
        "<div class=\"callout\" id=\"rejected-entries\" role=\"alert\"><p><strong>Left out of the course:</strong> these stored entries cannot be read; the course below is computed without them. Delete them, or record them again with a valid value.</p><ul>",
    );
    for r in rejected {
        let when = r.day.map(day_time).unwrap_or_else(|| "no valid day".into());
        h.push_str(&format!(
            "<li data-list=\"{}\" data-index=\"{}\">The {} of {}: {} <button type=\"button\" class=\"btn small\" data-action=\"{}\" data-index=\"{}\" aria-label=\"Delete the {} of {}\">Delete</button></li>",
            r.list.noun(),
            r.index,
            r.list.noun(),
            esc(&when),
            esc(&r.message),
            r.list.delete_action(),
            r.index,
            r.list.noun(),
            esc(&when),
        ));
    }
    h.push_str("</ul></div>");
    h
}

// ---------------------------------------------------------------------------------------------
// The course panel

/// The panel's fixed parts (entry forms) and the regions re-rendered on each change.
pub fn course_skeleton_html() -> String {
    format!(
        "<section class=\"card\" aria-labelledby=\"course-sum-title\"><h2 id=\"course-sum-title\">Course summary</h2><div id=\"course-summary\" role=\"status\"></div></section>\
         <div id=\"case-notes\"></div>\
         <figure class=\"card chart-card\"><div id=\"course-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"course-chart-caption\"></div><figcaption id=\"course-chart-caption\"></figcaption></figure>\
         <section class=\"card\" aria-labelledby=\"assessments-title\"><h2 id=\"assessments-title\">Assessments</h2><div id=\"assessment-list\"></div></section>\
         <section class=\"card\" aria-labelledby=\"meds-title\"><h2 id=\"meds-title\">Medications and steroid exposure</h2><div id=\"steroid-summary\"></div><div id=\"med-list\"></div>{}<div id=\"steroid-table\"></div></section>\
         <section class=\"card\" aria-labelledby=\"labs-title\"><h2 id=\"labs-title\">Lab markers</h2><figure class=\"chart-card\"><div id=\"labs-chart\" class=\"chart\" role=\"img\" aria-labelledby=\"labs-chart-caption\"></div><figcaption id=\"labs-chart-caption\"></figcaption></figure><div id=\"lab-list\"></div>{}</section>\
         <section class=\"card\" aria-labelledby=\"comparison-title\"><h2 id=\"comparison-title\">Published comparison</h2><div id=\"comparison\"></div></section>",
        medication_form_html(),
        lab_form_html("")
    )
}

/// A number of days for sentences ("1 day", "1.38 days").
fn days_text(d: f64) -> String {
    let text = numbers::format_trimmed(d, 2);
    if text == "1" {
        "1 day".to_string()
    } else {
        format!("{text} days")
    }
}

/// Hours between two fractional days, for sentences ("31 h").
fn hours(from: f64, to: f64) -> String {
    crate::display::hours(crate::case::hours_between(from, to))
}

/// A domain as the clinician names it ("ICE/CAPD score", "level of consciousness").
fn domain_words(d: IcansDomain) -> String {
    match d {
        IcansDomain::Tool => "ICE/CAPD score".to_string(),
        IcansDomain::Consciousness
        | IcansDomain::Seizure
        | IcansDomain::Motor
        | IcansDomain::IcpEdema => {
            let label = d.label(Tool::Ice);
            let mut c = label.chars();
            match c.next() {
                // "Raised ICP / ..." keeps nothing shouted but its abbreviation.
                Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

fn domain_list(domains: &[IcansDomain]) -> String {
    domains
        .iter()
        .map(|&d| domain_words(d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why an assessment could not show resolution: "ICE/CAPD score not assessed; level of
/// consciousness attributed to another cause".
pub fn gaps_text(gaps: &[ResolutionGap]) -> String {
    gaps.iter()
        .map(|g| {
            let why = match g.reason {
                GapReason::NotAssessed => "not assessed",
                GapReason::OtherCause => "attributed to another cause",
            };
            format!("{} {why}", domain_words(g.domain))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rule an assessment must meet to show improvement or resolution, in words.
const RESOLUTION_RULE: &str = "an assessment shows improvement or resolution only when the ICE/CAPD score and the level of consciousness were both assessed and neither was attributed to another cause";

/// The sentence on assessments passed over for improvement/resolution (with the rule when
/// `with_rule`), empty when none.
pub fn passed_over_sentence(passed: &[PassedOver], what: &str, with_rule: bool) -> String {
    if passed.is_empty() {
        return String::new();
    }
    let items: Vec<String> = passed
        .iter()
        .map(|p| {
            format!(
                "{} (grade {}; {})",
                day_time(p.day),
                p.grade,
                gaps_text(&p.gaps)
            )
        })
        .collect();
    if with_rule {
        format!(
            " Passed over for {what}: {}; {RESOLUTION_RULE}.",
            items.join(", ")
        )
    } else {
        format!(" Passed over for {what}: {}.", items.join(", "))
    }
}

/// " (not assessed there: seizure, motor findings)" for the assessment a figure came from.
fn not_assessed_note(domains: &[IcansDomain]) -> String {
    if domains.is_empty() {
        String::new()
    } else {
        format!(" (not assessed then: {})", domain_list(domains))
    }
}

/// The course of one toxicity in sentences: onset, peak, improvement and resolution (with the
/// domains not assessed in the assessment used), a worsening before resolution, the duration,
/// assessments passed over, a recurrence, the latest grade.
pub fn course_sentences(name: &str, c: &CourseSummary) -> String {
    if c.assessments == 0 {
        return format!("No {name} assessment recorded.");
    }
    if c.peak_grade == Grade::G0 {
        return if c.assessments == 1 {
            format!("No {name}: the one assessment graded 0.")
        } else {
            format!("No {name}: all {} assessments graded 0.", c.assessments)
        };
    }
    let mut parts = Vec::new();
    if let Some(onset) = c.onset_day {
        parts.push(format!("onset on {}", day_time(onset)));
    }
    if let Some(peak) = c.peak_day {
        parts.push(format!("peak grade {} on {}", c.peak_grade, day_time(peak)));
    }
    let improved = |i: f64| {
        format!(
            "grade \u{2264} 1 on {}{}",
            day_time(i),
            not_assessed_note(&c.improved_not_assessed)
        )
    };
    let resolved = |r: f64| {
        format!(
            "grade 0 on {}{}",
            day_time(r),
            not_assessed_note(&c.resolved_not_assessed)
        )
    };
    let worsened = c.worsened_again.map(|w| {
        format!(
            "worsened again to grade {} on {} {}",
            w.grade,
            day_time(w.day),
            if c.resolved_day.is_some() {
                "before resolving"
            } else {
                "and has not resolved since"
            }
        )
    });
    match (c.improved_day, c.resolved_day) {
        (Some(i), Some(r)) if i == r => {
            parts.extend(worsened);
            parts.push(resolved(r));
        }
        (Some(i), Some(r)) => {
            let worse_after_improving = c.worsened_again.is_some_and(|w| w.day > i);
            if !worse_after_improving {
                parts.extend(worsened.clone());
            }
            parts.push(improved(i));
            if worse_after_improving {
                parts.extend(worsened);
            }
            parts.push(resolved(r));
        }
        (Some(i), None) => {
            parts.push(format!("{}, not yet 0", improved(i)));
            parts.extend(worsened);
        }
        (None, Some(r)) => {
            parts.extend(worsened);
            parts.push(resolved(r));
        }
        (None, None) => {
            parts.extend(worsened);
            parts.push("not improved yet".to_string());
        }
    }
    let mut s = format!("{name}: {}.", parts.join("; "));
    if let (Some(d), Some(onset), Some(res)) = (c.duration_days, c.onset_day, c.resolved_day) {
        s.push_str(&format!(
            " Duration {} ({}){}.",
            days_text(d),
            hours(onset, res),
            if c.worsened_again.is_some() {
                ", including the worsening"
            } else {
                ""
            }
        ));
    }
    s.push_str(&passed_over_sentence(&c.passed_over, "resolution", true));
    if let Some(r) = c.recurred_day {
        s.push_str(&format!(
            " It recurred on {} (a later episode).",
            day_time(r)
        ));
    }
    if let (Some(day), Some(g)) = (c.last_day, c.last_grade)
        && c.resolved_day.is_none_or(|r| day > r)
    {
        s.push_str(&format!(" Latest: grade {g} on {}.", day_time(day)));
    }
    s
}

fn drug_title(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The doses of one intrathecal treatment as given: "methotrexate 15 mg, cytarabine 40 mg".
fn doses_as_given(doses: &[crate::case::IntrathecalDose]) -> String {
    doses
        .iter()
        .map(|d| format!("{} {} mg", d.drug, fmt(d.mg)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a response time was seen: "by the next assessment, 6 h later" when it is the first ICANS
/// assessment after the dose, else "by the assessment 30 h later".
pub fn seen_by(hours_to: f64, it: &IntrathecalRow) -> String {
    let h = crate::display::hours(hours_to);
    if it.hours_to_next_assessment == Some(hours_to) {
        format!("by the next assessment, {h} later")
    } else {
        format!("by the assessment {h} later")
    }
}

/// One intrathecal treatment and the response after it, in a sentence.
pub fn intrathecal_sentence(it: &IntrathecalRow) -> String {
    let head = format!(
        "Intrathecal {} on {}",
        doses_as_given(&it.doses),
        day_time(it.day)
    );
    if !it.icans_active {
        let before = match it.icans_at_dose {
            Some(g) => format!(
                "the latest ICANS assessment at or before it, {}, graded {}",
                day_time(g.day),
                g.grade
            ),
            None => "no ICANS assessment at or before it".to_string(),
        };
        return format!(
            "{head}: given without active ICANS ({before}); no response time is measured."
        );
    }
    let grade_at = it
        .icans_at_dose
        .map(|g| format!(" (ICANS grade {} at the dose)", g.grade))
        .unwrap_or_default();
    let resp = |h: Option<f64>, what: &str| match h {
        Some(x) => format!("{what} {}", seen_by(x, it)),
        None => format!("{what} not (yet) seen"),
    };
    let mut s = format!(
        "{head}{grade_at}: {}; {}. Times are upper bounds: when the response was seen at an assessment.",
        resp(it.hours_to_grade1_or_less, "ICANS grade \u{2264} 1"),
        resp(it.hours_to_grade0, "grade 0")
    );
    // The rule is stated once, with the course it applies to.
    s.push_str(&passed_over_sentence(
        &it.passed_over,
        "the response",
        false,
    ));
    s
}

/// The intrathecal drugs over the course, in mg of each drug as given, summed per drug in the
/// order first given: "Intrathecal dexamethasone 4 mg, methotrexate 15 mg, cytarabine 40 mg;
/// not part of the systemic total." `None` when none was given.
pub fn intrathecal_amounts_sentence(r: &CaseResult) -> Option<String> {
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for d in r.intrathecal.iter().flat_map(|it| it.doses.iter()) {
        match totals.iter_mut().find(|(name, _)| *name == d.drug) {
            Some((_, mg)) => *mg += d.mg,
            None => totals.push((&d.drug, d.mg)),
        }
    }
    if totals.is_empty() {
        return None;
    }
    let list: Vec<String> = totals
        .iter()
        .map(|(name, mg)| format!("{name} {} mg", fmt(*mg)))
        .collect();
    Some(format!(
        "Intrathecal {}; not part of the systemic total.",
        list.join(", ")
    ))
}

/// The systemic steroid total in a sentence.
fn systemic_sentence(r: &CaseResult) -> String {
    format!(
        "Cumulative systemic corticosteroid: {} mg dexamethasone-equivalent.",
        format_result(r.steroids.systemic_dex_eq_mg)
    )
}

/// The course in words: ICANS, CRS, each intrathecal treatment's response, steroid total.
pub fn summary_html(r: &CaseResult) -> String {
    let mut h = String::new();
    h.push_str(&format!(
        "<p class=\"course-line\" data-course=\"icans\">{}</p>",
        esc(&course_sentences("ICANS", &r.course.icans))
    ));
    h.push_str(&format!(
        "<p class=\"course-line\" data-course=\"crs\">{}</p>",
        esc(&course_sentences("CRS", &r.course.crs))
    ));
    for it in &r.intrathecal {
        h.push_str(&format!(
            "<p class=\"course-line\" data-course=\"intrathecal\">{}</p>",
            esc(&intrathecal_sentence(it))
        ));
    }
    h.push_str(&format!(
        "<p class=\"course-line\" data-course=\"steroids\">{}</p>",
        esc(&systemic_sentence(r))
    ));
    if let Some(it) = intrathecal_amounts_sentence(r) {
        h.push_str(&format!(
            "<p class=\"course-line\" data-course=\"intrathecal-amounts\">{}</p>",
            esc(&it)
        ));
    }
    h.push_str(&format!(
        "<p class=\"source\">{} Grades: {}. icans-calc {}.</p>",
        esc(crate::case::COURSE_RULES),
        esc(sources::LEE_2019_SHORT),
        crate::APP_VERSION
    ));
    h
}

/// The course in plain sentences (for the note copied into the medical record), with the
/// steroid total and the intrathecal amounts as given.
pub fn plain_course(r: &CaseResult) -> String {
    let mut lines = Vec::new();
    if !r.assessments.is_empty() {
        lines.push(course_sentences("ICANS", &r.course.icans));
        lines.push(course_sentences("CRS", &r.course.crs));
    }
    lines.extend(r.intrathecal.iter().map(intrathecal_sentence));
    lines.push(systemic_sentence(r));
    lines.extend(intrathecal_amounts_sentence(r));
    lines.join(" ")
}

/// The recorded assessments with their grades, newest last, with edit and delete.
pub fn assessment_list_html(r: &CaseResult, ws: &Workspace) -> String {
    if r.assessments.is_empty() {
        return "<p class=\"muted\">No assessment recorded yet. Grade one on the Assess tab and press \u{201c}Add to course\u{201d}.</p>".to_string();
    }
    let mut h = String::from(
        "<div class=\"table-scroll\"><table class=\"list\" id=\"assessment-table\"><caption>Recorded assessments in time order</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">ICANS</th><th scope=\"col\">CRS</th><th scope=\"col\">Note</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>",
    );
    for a in &r.assessments {
        let icans = match &a.icans {
            Some(g) => {
                // The tool domain at grade 4 means ICE/CAPD could not be performed (unarousable).
                let not_performable = g.domains.iter().any(|d| {
                    d.domain == crate::grading::icans::IcansDomain::Tool && d.grade == Grade::G4
                });
                let detail = match (g.ice_total, g.capd_total, not_performable) {
                    (_, _, true) => " ICE/CAPD not performable".to_string(),
                    (Some(i), _, false) => format!(" ICE {i}"),
                    (None, Some(c), false) => format!(" CAPD {c}"),
                    (None, None, false) => String::new(),
                };
                format!(
                    "{}{}{}",
                    grade_badge(g.grade.number(), ""),
                    esc(&detail),
                    if g.complete {
                        ""
                    } else {
                        " <span class=\"muted\">(incomplete)</span>"
                    }
                )
            }
            None => "<span class=\"muted\">\u{2014}</span>".to_string(),
        };
        let crs = match &a.crs {
            Some(g) => format!(
                "{}{}",
                grade_badge(g.grade.number(), ""),
                if g.complete || g.grade == Grade::G0 {
                    ""
                } else {
                    " <span class=\"muted\">(incomplete)</span>"
                }
            ),
            None => "<span class=\"muted\">\u{2014}</span>".to_string(),
        };
        let note = ws
            .assessments
            .get(a.input_index)
            .and_then(|j| word(j, "note"))
            .unwrap_or("");
        let editing = ws.editing == Some(a.input_index);
        h.push_str(&format!(
            "<tr data-index=\"{}\"{}><th scope=\"row\">{}</th><td>{icans}</td><td>{crs}</td><td class=\"note-col\">{}</td><td class=\"row-actions\"><button type=\"button\" class=\"btn small\" data-action=\"assessment-edit\" data-index=\"{}\" aria-label=\"Edit the assessment of {}\">Edit</button><button type=\"button\" class=\"icon-btn\" data-action=\"assessment-delete\" data-index=\"{}\" aria-label=\"Delete the assessment of {}\">\u{2715}</button></td></tr>",
            a.input_index,
            if editing { " class=\"editing\"" } else { "" },
            esc(&day_time(a.day)),
            esc(note),
            a.input_index,
            esc(&day_time(a.day)),
            a.input_index,
            esc(&day_time(a.day)),
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// The medication log with each steroid dose's dexamethasone equivalent and running total.
pub fn medication_list_html(ws: &Workspace, ledger: &SteroidLedger) -> String {
    if ws.medications.is_empty() {
        return "<p class=\"muted\">No medication recorded.</p>".to_string();
    }
    let mut order: Vec<usize> = (0..ws.medications.len()).collect();
    order.sort_by(|a, b| {
        let d = |i: usize| {
            ws.medications
                .get(i)
                .and_then(|m| num(m, "day"))
                .unwrap_or(0.0)
        };
        d(*a).total_cmp(&d(*b))
    });
    let mut h = String::from(
        "<div class=\"table-scroll\"><table class=\"list\" id=\"med-table\"><caption>Medications in time order (steroids converted to dexamethasone-equivalent mg)</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Drug</th><th scope=\"col\">Dose</th><th scope=\"col\">Route</th><th scope=\"col\">Dex-eq</th><th scope=\"col\">Systemic total</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>",
    );
    for i in order {
        let Some(m) = ws.medications.get(i) else {
            continue;
        };
        let drug = word(m, "drug").unwrap_or("");
        let name = if drug == "other" {
            word(m, "label").unwrap_or("other").to_string()
        } else {
            drug_title(drug)
        };
        let route = word(m, "route").unwrap_or("");
        let dose_row = ledger.per_dose.iter().find(|d| d.input_index == i);
        let unconverted = ledger.unconverted.iter().find(|u| u.input_index == i);
        let (dex, total) = match dose_row {
            Some(d) if d.systemic => (
                format!("{} mg", format_result(d.dex_eq_mg)),
                format!("{} mg", format_result(d.cumulative_systemic_dex_eq_mg)),
            ),
            Some(d) => (
                format!(
                    "{} mg <span class=\"mark\">IT \u{2014} not systemic</span>",
                    format_result(d.dex_eq_mg)
                ),
                String::new(),
            ),
            None if unconverted.is_some() => (
                "<strong class=\"unconverted\">corticosteroid not converted, not in the total</strong>"
                    .to_string(),
                String::new(),
            ),
            None => (
                "<span class=\"muted\">not a steroid</span>".to_string(),
                String::new(),
            ),
        };
        let check = match dose_row {
            Some(d) if d.check_dose => format!(
                "<br><span class=\"basis-small check-dose\"><strong>Check this dose:</strong> {} mg methylprednisolone-equivalent, above {} mg</span>",
                format_result(d.methylprednisolone_eq_mg),
                fmt(crate::steroids::CHECK_ABOVE_MP_EQ_MG)
            ),
            Some(_) | None => String::new(),
        };
        let is_it = route == "it";
        let kind = if dose_row.is_some() {
            "steroid"
        } else if unconverted.is_some() {
            "unconverted-steroid"
        } else if is_it {
            "intrathecal"
        } else {
            "other"
        };
        let note = word(m, "note")
            .map(|n| format!("<br><span class=\"basis-small\">{}</span>", esc(n)))
            .unwrap_or_default();
        h.push_str(&format!(
            "<tr data-index=\"{i}\" data-kind=\"{kind}\"><th scope=\"row\">{}</th><td>{}{}{note}</td><td>{} mg{check}</td><td>{}</td><td>{dex}</td><td>{total}</td><td class=\"row-actions\"><button type=\"button\" class=\"icon-btn\" data-action=\"med-delete\" data-index=\"{i}\" aria-label=\"Delete {} on {}\">\u{2715}</button></td></tr>",
            esc(&day_time(num(m, "day").unwrap_or(0.0))),
            esc(&name),
            if is_it { " <span class=\"mark\">intrathecal</span>" } else { "" },
            fmt(num(m, "mg").unwrap_or(0.0)),
            esc(&route.to_uppercase()),
            esc(&name),
            esc(&day_time(num(m, "day").unwrap_or(0.0))),
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// Intrathecal steroids in mg of each drug as given ("Intrathecal steroid: dexamethasone 4 mg;
/// not part of the systemic total. "), empty when none was given.
fn intrathecal_steroid_text(ledger: &SteroidLedger) -> String {
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for d in ledger.per_dose.iter().filter(|d| !d.systemic) {
        match totals.iter_mut().find(|(name, _)| *name == d.drug) {
            Some((_, mg)) => *mg += d.mg,
            None => totals.push((d.drug, d.mg)),
        }
    }
    if totals.is_empty() {
        return String::new();
    }
    let list: Vec<String> = totals
        .iter()
        .map(|(name, mg)| format!("{name} {} mg", fmt(*mg)))
        .collect();
    format!(
        "Intrathecal steroid: {}; not part of the systemic total. ",
        list.join(", ")
    )
}

pub fn steroid_summary_html(ledger: &SteroidLedger) -> String {
    let mut h = format!(
        "<p class=\"big-number\" data-systemic-mg=\"{}\">Cumulative systemic steroid: <strong>{} mg</strong> dexamethasone-equivalent</p><p class=\"note\">{}{} non-steroid medication{} not converted.</p>",
        ledger.systemic_dex_eq_mg,
        format_result(ledger.systemic_dex_eq_mg),
        esc(&intrathecal_steroid_text(ledger)),
        ledger.ignored,
        if ledger.ignored == 1 { "" } else { "s" }
    );
    // A corticosteroid without a factor is shown beside the total, never dropped unseen.
    if !ledger.unconverted.is_empty() {
        let items: Vec<String> = ledger
            .unconverted
            .iter()
            .map(|u| {
                format!(
                    "<li>{} {} mg {} ({})</li>",
                    esc(&u.label),
                    fmt(u.mg),
                    esc(u.route.label()),
                    esc(&day_time(u.day))
                )
            })
            .collect();
        h.push_str(&format!(
            "<div class=\"note unconverted\" id=\"steroid-unconverted\"><p><strong>Not converted, not in the total:</strong> {} corticosteroid dose{} with no factor in the equivalence table. Add {} to the cumulative exposure by your own judgement.</p><ul>{}</ul></div>",
            ledger.unconverted.len(),
            if ledger.unconverted.len() == 1 { "" } else { "s" },
            if ledger.unconverted.len() == 1 { "it" } else { "them" },
            items.concat()
        ));
    }
    let checks = ledger.per_dose.iter().filter(|d| d.check_dose).count();
    if checks > 0 {
        h.push_str(&format!(
            "<p class=\"note check-dose\" id=\"steroid-check\"><strong>Check:</strong> {checks} single dose{} above {} mg methylprednisolone-equivalent (marked in the list). The dose is counted as entered.</p>",
            if checks == 1 { "" } else { "s" },
            fmt(crate::steroids::CHECK_ABOVE_MP_EQ_MG)
        ));
    }
    h
}

/// The conversion table with its source, shown on screen (SPEC §1 row 5).
pub fn steroid_table_html(ledger: &SteroidLedger) -> String {
    let mut h = String::from(
        "<details class=\"reference\" open><summary>Dexamethasone-equivalence table used</summary><div class=\"table-scroll\" tabindex=\"0\"><table class=\"list\" id=\"steroid-factors\"><caption>Anti-inflammatory equivalent doses</caption><thead><tr><th scope=\"col\">Drug</th><th scope=\"col\">Equivalent to 0.75 mg dexamethasone</th><th scope=\"col\">Factor to dexamethasone mg</th></tr></thead><tbody>",
    );
    for row in &ledger.table {
        h.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{} mg</td><td>\u{d7} {}</td></tr>",
            esc(row.label),
            fmt(row.equivalent_mg),
            fmt(row.dex_eq_factor)
        ));
    }
    h.push_str(&format!(
        "</tbody></table></div><p class=\"note\">A corticosteroid without a row here (betamethasone, budesonide, triamcinolone, fludrocortisone, cortisone, deflazacort, \u{2026}) is recorded under \u{201c}Other\u{201d} and shown as not converted, not in the total. A single dose above {} mg methylprednisolone-equivalent is marked for a check.</p><p class=\"source\">{} Source: {}.</p></details>",
        fmt(crate::steroids::CHECK_ABOVE_MP_EQ_MG),
        esc(&ledger.basis),
        esc(ledger.source)
    ));
    h
}

pub fn lab_list_html(ws: &Workspace) -> String {
    if ws.labs.is_empty() {
        return "<p class=\"muted\">No lab value recorded.</p>".to_string();
    }
    let mut order: Vec<usize> = (0..ws.labs.len()).collect();
    order.sort_by(|a, b| {
        let d = |i: usize| ws.labs.get(i).and_then(|m| num(m, "day")).unwrap_or(0.0);
        d(*a).total_cmp(&d(*b))
    });
    let mut h = String::from(
        "<div class=\"table-scroll\"><table class=\"list\" id=\"lab-table\"><caption>Lab values in time order (unit as entered)</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Marker</th><th scope=\"col\">Value</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>",
    );
    for i in order {
        let Some(l) = ws.labs.get(i) else { continue };
        let analyte = word(l, "analyte").unwrap_or("");
        let label = Analyte::ALL
            .iter()
            .find(|a| a.api_name() == analyte)
            .map(|a| a.label())
            .unwrap_or(analyte);
        h.push_str(&format!(
            "<tr data-index=\"{i}\"><th scope=\"row\">{}</th><td>{}</td><td>{} {}</td><td class=\"row-actions\"><button type=\"button\" class=\"icon-btn\" data-action=\"lab-delete\" data-index=\"{i}\" aria-label=\"Delete {} on {}\">\u{2715}</button></td></tr>",
            esc(&day_time(num(l, "day").unwrap_or(0.0))),
            esc(label),
            fmt(num(l, "value").unwrap_or(0.0)),
            esc(word(l, "unit").unwrap_or("")),
            esc(label),
            esc(&day_time(num(l, "day").unwrap_or(0.0))),
        ));
    }
    h.push_str("</tbody></table></div>");
    h
}

/// This patient's time to resolution for the comparison, and what it is measured from.
///
/// From the first intrathecal treatment given with active ICANS when a grade 0 was seen after
/// it (an upper bound: the assessment at which it was seen), else from ICANS onset to the first
/// assessment at grade 0 that can show it.
pub fn this_patient_resolution(r: &CaseResult) -> (String, String) {
    let icans = &r.course.icans;
    let treated = r
        .intrathecal
        .iter()
        .find(|it| it.icans_active && it.hours_to_grade0.is_some());
    match (treated, icans.duration_days) {
        (Some(it), _) => (
            format!(
                "grade 0 {} (an upper bound: when it was seen)",
                it.hours_to_grade0
                    .map(|h| seen_by(h, it))
                    .unwrap_or_default()
            ),
            format!(
                "The intrathecal treatment on {} (given with ICANS grade {}).",
                day_time(it.day),
                it.icans_at_dose.map_or(Grade::G0, |g| g.grade)
            ),
        ),
        (None, Some(d)) => (
            days_text(d),
            "ICANS onset (first grade \u{2265} 1) to the first assessment at grade 0.".to_string(),
        ),
        (None, None) if icans.peak_grade > Grade::G0 => {
            ("not resolved yet".to_string(), "\u{2014}".to_string())
        }
        (None, None) => ("no ICANS".to_string(), "\u{2014}".to_string()),
    }
}

/// Table 1 of the case report beside this patient's figures, each time with what it is measured
/// from.
pub fn comparison_html(r: &CaseResult) -> String {
    let icans = &r.course.icans;
    let (resolution, measured_from) = this_patient_resolution(r);
    // The treatment the resolution is measured from, else the first intrathecal treatment.
    let shown_it = r
        .intrathecal
        .iter()
        .find(|it| it.icans_active && it.hours_to_grade0.is_some())
        .or(r.intrathecal.first());
    let treatment = match shown_it {
        Some(it) => format!("IT {}", doses_as_given(&it.doses)),
        None => "no intrathecal treatment recorded".to_string(),
    };
    let mut h = format!(
        "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"list\" id=\"comparison-table\"><caption>{}</caption><thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Treatment</th><th scope=\"col\">n</th><th scope=\"col\">Response</th><th scope=\"col\">Median time to resolution</th><th scope=\"col\">Measured from</th><th scope=\"col\">Median cumulative steroid dose</th></tr></thead><tbody>",
        esc(TABLE_1_TITLE)
    );
    h.push_str(&format!(
        "<tr class=\"this-patient\"><th scope=\"row\">This patient (computed here)</th><td>{}</td><td>1</td><td>peak ICANS grade {}</td><td>{}</td><td>{}</td><td>{} mg dexamethasone-equivalent</td></tr>",
        esc(&treatment),
        icans.peak_grade,
        esc(&resolution),
        esc(&measured_from),
        format_result(r.steroids.systemic_dex_eq_mg)
    ));
    for row in TABLE_1 {
        let notes = if row.notes.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"basis-small\">{}</span>",
                esc(&row.notes.join(" "))
            )
        };
        h.push_str(&format!(
            "<tr><th scope=\"row\">{}{notes}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(row.series),
            esc(row.treatment),
            row.n,
            esc(row.response_rate),
            esc(row.median_time_to_resolution),
            esc(row.measured_from),
            esc(row.median_cumulative_steroid_dose)
        ));
    }
    h.push_str(&format!(
        "</tbody></table></div><p class=\"source\">{} {} Source: {}.</p>",
        esc(TABLE_1_ABBREVIATIONS),
        esc(TABLE_1_NOTE),
        esc(sources::CASE_REPORT)
    ));
    h
}

pub fn case_notes_html(ws: &Workspace) -> String {
    if ws.notes.is_empty() {
        return String::new();
    }
    let mut h = String::from(
        "<details class=\"card notes-card\" open><summary>Notes on this case (sources and assumptions)</summary><ul>",
    );
    for n in &ws.notes {
        h.push_str(&format!("<li>{}</li>", esc(n)));
    }
    h.push_str("</ul></details>");
    h
}

/// Notes about the kinetics (e.g. why the example's AUCs differ from the published ones), shown
/// beside the kinetics results.
pub fn kinetics_notes_html(ws: &Workspace) -> String {
    let notes: Vec<&String> = ws.notes.iter().filter(|n| n.contains("AUC")).collect();
    if notes.is_empty() {
        return String::new();
    }
    let mut h = String::from("<aside class=\"callout\" aria-label=\"Notes on these kinetics\">");
    for n in notes {
        h.push_str(&format!("<p>{}</p>", esc(n)));
    }
    h.push_str("</aside>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ws.medications = (0..super::super::store::MAX_RECORDS_PER_LIST)
            .map(|i| dose(i as f64 * 0.1))
            .collect();
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
        assert_eq!(num(&a, "day"), Some(14.0 + 1.0 / 24.0));
        assert!(obj_get(&a, "icans").is_some() && obj_get(&a, "crs").is_some());
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
        assert_eq!(v2.icans_input, v.icans_input);
        assert_eq!(v2.crs_input, v.crs_input);
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
        assert_eq!(comma.ok().and_then(|j| num(&j, "day")), Some(14.5));
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
            let j = read_medication_entry(&ws, &f).expect("valid");
            ws.medications.push(j);
        }
        let meds =
            api::steroids::parse_medications(&Json::Array(ws.medications.clone()), "").unwrap();
        let ledger = crate::steroids::ledger(&meds);
        let summary = steroid_summary_html(&ledger);
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
        let list = medication_list_html(&ws, &ledger);
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
            "= day +14 01:00"
        );
        assert_eq!(when_echo(&ws, &form(&[("med-day", "1,2,3")]), "med"), "");
        assert_eq!(
            number_echo(&form(&[("lab-value", "112,5")]), "lab-value", "mg/L"),
            "= 112.5 mg/L"
        );
        assert_eq!(
            number_echo(&form(&[("lab-value", "")]), "lab-value", "mg/L"),
            ""
        );
    }

    fn point(
        day: f64,
        grade: u8,
        gaps: Vec<ResolutionGap>,
        missing: Vec<IcansDomain>,
    ) -> crate::case::CoursePoint {
        crate::case::CoursePoint {
            day,
            grade: Grade::ALL[usize::from(grade)],
            gaps,
            not_assessed: missing,
        }
    }

    fn summary(points: &[crate::case::CoursePoint]) -> CourseSummary {
        crate::case::course_summary_of(points)
    }

    #[test]
    fn course_sentence_names_what_the_resolving_assessment_did_not_assess() {
        let c = summary(&[
            point(14.0, 3, vec![], vec![]),
            point(
                16.0,
                0,
                vec![],
                vec![IcansDomain::Seizure, IcansDomain::Motor],
            ),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("grade 0 on day +16 (not assessed then: seizure, motor findings)"),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 3, vec![], vec![]),
            point(16.0, 0, vec![], vec![]),
        ]);
        assert!(!course_sentences("ICANS", &c).contains("not assessed"));
    }

    #[test]
    fn course_sentence_says_which_assessment_was_passed_over_and_why() {
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(
                15.0,
                0,
                vec![ResolutionGap {
                    domain: IcansDomain::Consciousness,
                    reason: GapReason::OtherCause,
                }],
                vec![],
            ),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(s.contains("not improved yet"), "{s}");
        assert!(
            s.contains("Passed over for resolution: day +15 (grade 0; level of consciousness attributed to another cause)"),
            "{s}"
        );
        assert!(s.contains("Latest: grade 0 on day +15."), "{s}");
    }

    #[test]
    fn course_sentence_says_the_episode_worsened_again_before_resolving() {
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(15.0, 1, vec![], vec![]),
            point(16.0, 3, vec![], vec![]),
            point(18.0, 0, vec![], vec![]),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("grade \u{2264} 1 on day +15; worsened again to grade 3 on day +16 before resolving; grade 0 on day +18."),
            "{s}"
        );
        assert!(
            s.contains("Duration 4 days (96 h), including the worsening."),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(15.0, 1, vec![], vec![]),
            point(16.0, 3, vec![], vec![]),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("worsened again to grade 3 on day +16 and has not resolved since"),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(18.0, 0, vec![], vec![]),
        ]);
        assert!(!course_sentences("ICANS", &c).contains("worsened"));
    }

    fn it_row(
        active: bool,
        to1: Option<f64>,
        to0: Option<f64>,
        next: Option<f64>,
    ) -> IntrathecalRow {
        IntrathecalRow {
            day: 14.0 + 1.0 / 24.0,
            drugs: vec!["methotrexate".into(), "cytarabine".into()],
            doses: vec![
                crate::case::IntrathecalDose {
                    drug: "methotrexate".into(),
                    mg: 15.0,
                },
                crate::case::IntrathecalDose {
                    drug: "cytarabine".into(),
                    mg: 40.0,
                },
            ],
            hours_to_grade1_or_less: to1,
            hours_to_grade0: to0,
            icans_at_dose: Some(crate::case::GradeOnDay {
                day: 14.0,
                grade: if active { Grade::G4 } else { Grade::G0 },
            }),
            icans_active: active,
            hours_to_next_assessment: next,
            passed_over: vec![],
        }
    }

    #[test]
    fn intrathecal_sentence_gives_the_time_it_was_seen_as_an_upper_bound() {
        let s = intrathecal_sentence(&it_row(true, Some(6.0), Some(32.0), Some(6.0)));
        assert!(
            s.starts_with("Intrathecal methotrexate 15 mg, cytarabine 40 mg on day +14 01:00 (ICANS grade 4 at the dose): ICANS grade \u{2264} 1 by the next assessment, 6 h later; grade 0 by the assessment 32 h later."),
            "{s}"
        );
        assert!(s.contains("upper bounds"), "{s}");
        let s = intrathecal_sentence(&it_row(true, None, None, None));
        assert!(s.contains("grade 0 not (yet) seen"), "{s}");
        let mut row = it_row(true, None, Some(23.0), Some(6.0));
        row.passed_over = vec![PassedOver {
            day: 14.0 + 7.0 / 24.0,
            grade: Grade::G0,
            gaps: vec![ResolutionGap {
                domain: IcansDomain::Tool,
                reason: GapReason::NotAssessed,
            }],
        }];
        let s = intrathecal_sentence(&row);
        assert!(s.contains("grade 0 by the assessment 23 h later"), "{s}");
        assert!(
            s.ends_with(" Passed over for the response: day +14 07:00 (grade 0; ICE/CAPD score not assessed)."),
            "{s}"
        );
    }

    #[test]
    fn intrathecal_sentence_without_active_icans_measures_nothing() {
        let s = intrathecal_sentence(&it_row(false, None, None, Some(120.0)));
        assert_eq!(
            s,
            "Intrathecal methotrexate 15 mg, cytarabine 40 mg on day +14 01:00: given without active ICANS (the latest ICANS assessment at or before it, day +14, graded 0); no response time is measured."
        );
        let mut row = it_row(false, None, None, None);
        row.icans_at_dose = None;
        assert!(intrathecal_sentence(&row).contains("(no ICANS assessment at or before it)"));
    }

    #[test]
    fn intrathecal_amounts_are_mg_of_each_drug_and_absent_when_none() {
        let case = crate::example::example_case().expect("example");
        let mut r = crate::case::evaluate(&case);
        assert_eq!(
            intrathecal_amounts_sentence(&r).as_deref(),
            Some(
                "Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg; not part of the systemic total."
            )
        );
        r.intrathecal.clear();
        assert_eq!(intrathecal_amounts_sentence(&r), None);
        assert!(
            !plain_course(&r).contains("ntrathecal"),
            "{}",
            plain_course(&r)
        );
    }

    #[test]
    fn a_stored_entry_the_core_rejects_is_listed_and_the_rest_is_computed() {
        let mut ws = Workspace::from_case(&crate::example::example_case().expect("example"));
        let n = ws.assessments.len();
        // Stored by an older version: day -31 (before the case's first day) and 36,526.
        ws.assessments.insert(
            1,
            crate::json::Json::object(vec![
                ("day", crate::json::Json::Number(-31.0)),
                (
                    "icans",
                    crate::json::Json::object(vec![(
                        "consciousness",
                        crate::json::Json::String("alert".into()),
                    )]),
                ),
            ]),
        );
        ws.medications.push(crate::json::Json::object(vec![
            ("day", crate::json::Json::Number(36_526.0)),
            ("drug", crate::json::Json::String("dexamethasone".into())),
            ("mg", crate::json::Json::Number(4.0)),
            ("route", crate::json::Json::String("iv".into())),
        ]));
        let eval = evaluate_course(&ws).expect("evaluated");
        assert_eq!(eval.rejected.len(), 2);
        assert_eq!(
            (eval.rejected[0].list, eval.rejected[0].index),
            (EntryList::Assessment, 1)
        );
        assert_eq!(
            eval.rejected[0].message,
            "Day must be from -30 to 36525 days, got -31"
        );
        assert_eq!(eval.rejected[1].list, EntryList::Medication);
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
        let eval = evaluate_course(&clean).expect("evaluated");
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
        crate::case::evaluate(&crate::api::parse_case(&json).expect("case"))
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
        assert_eq!(when_echo(&ws, &f, "when"), "= day +14 09:30");
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
        assert_eq!(read_assessment(&back).crs_input, v.crs_input);
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
