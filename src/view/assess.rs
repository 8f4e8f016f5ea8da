//! The bedside assessment: ICANS and CRS forms, how their values become API inputs, and how
//! results (or the reason there is none) are shown.

use super::html::{esc, grade_badge};
use super::{FieldIssue, RawForm, ticked, value};
use crate::api::icans::{CONSCIOUSNESS, FEVER, HYPOTENSION, ICP_EDEMA, MOTOR, OXYGEN, SEIZURE};
use crate::error::{Bound, InputError};
use crate::grading::Grade;
use crate::grading::capd::{self, Frequency};
use crate::grading::crs::{self as crs, CrsResult, FEVER_FROM_C, Fever, FlowProblem, Hypotension};
use crate::grading::icans::{
    AGE_YEARS, Consciousness, ICE_FROM_AGE_YEARS, IcansDomain, IcansResult, IcpEdema, Motor,
    Seizure, Tool,
};
use crate::grading::ice;
use crate::json::Json;
use crate::numbers::{self, DecimalSeparator};
use crate::{api, sources, units};

/// The value of the temperature-unit choice for °F (°C is the empty, default choice).
pub const FAHRENHEIT: &str = "F";

/// ICE items as form checkboxes: (name, label, domain). Orientation 4 x 1 point, naming 3 x 1,
/// commands, writing, attention 1 each (Lee 2019, ICE table).
pub const ICE_ORIENTATION: [(&str, &str); 4] = [
    ("ice-year", "Year"),
    ("ice-month", "Month"),
    ("ice-city", "City"),
    ("ice-hospital", "Hospital"),
];
pub const ICE_NAMING: [(&str, &str); 3] = [
    ("ice-name1", "Object 1 (e.g. clock)"),
    ("ice-name2", "Object 2 (e.g. pen)"),
    ("ice-name3", "Object 3 (e.g. button)"),
];
pub const ICE_ONE_POINT: [(&str, &str, &str); 3] = [
    (
        "ice-commands",
        "Following commands",
        "Follows simple commands (e.g. \u{201c}show me 2 fingers\u{201d} or \u{201c}close your eyes and stick out your tongue\u{201d})",
    ),
    ("ice-writing", "Writing", "Writes a standard sentence"),
    (
        "ice-attention",
        "Attention",
        "Counts backwards from 100 by 10",
    ),
];

/// The error slots of the assessment forms, each an `#err-{slot}` element.
pub const SLOTS: [&str; 13] = [
    "age",
    "tool",
    "ice",
    "capd",
    "consciousness",
    "seizure",
    "motor",
    "icpEdema",
    "icans",
    "fever",
    "hypotension",
    "oxygen",
    "flow",
];

// ---------------------------------------------------------------------------------------------
// Forms

fn radio_group(
    name: &str,
    legend: &str,
    options: &[(&str, String)],
    slot: &str,
    extra_class: &str,
) -> String {
    let mut h = format!(
        "<fieldset class=\"seg {extra_class}\" id=\"grp-{name}\" aria-describedby=\"err-{slot}\"><legend>{}</legend><div class=\"options\">",
        esc(legend)
    );
    for (value, label_html) in options {
        let checked = if value.is_empty() { " checked" } else { "" };
        h.push_str(&format!(
            "<label class=\"opt\"><input type=\"radio\" name=\"{name}\" value=\"{}\" data-slot=\"{slot}\"{checked}><span>{label_html}</span></label>",
            esc(value)
        ));
    }
    h.push_str("</div>");
    h
}

fn grade_tag(g: Grade) -> String {
    format!("<b class=\"tag g{}\">G{}</b>", g.number(), g.number())
}

fn text_field(name: &str, label: &str, unit: &str, slot: &str, hint: &str) -> String {
    format!(
        "<div class=\"field\"><label for=\"f-{name}\">{}<span class=\"unit\">{}</span></label>\
         <input id=\"f-{name}\" name=\"{name}\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" data-slot=\"{slot}\" aria-describedby=\"echo-{slot} err-{slot}\" placeholder=\"{}\">\
         <output id=\"echo-{slot}\" class=\"echo\"></output><p id=\"err-{slot}\" class=\"field-error\"></p></div>",
        esc(label),
        esc(unit),
        esc(hint)
    )
}

fn other_cause_box(domain: &str) -> String {
    format!(
        "<label class=\"other-cause\"><input type=\"checkbox\" name=\"other-{domain}\" data-slot=\"{domain}\"><span>Attributable to another cause (e.g. sedating medication) \u{2014} shown, not graded</span></label>\
         <p id=\"err-{domain}\" class=\"field-error\"></p></fieldset>"
    )
}

fn not_assessed() -> (&'static str, String) {
    ("", "<span class=\"muted\">Not assessed</span>".to_string())
}

/// The ICANS form: age and tool, ICE items, CAPD items, the four other domains.
pub fn icans_form_html() -> String {
    let mut h = String::new();
    h.push_str("<div class=\"age-tool\">");
    h.push_str(&text_field("age", "Age", " (years)", "age", "e.g. 39"));
    h.push_str(&radio_group(
        "tool",
        "Encephalopathy tool",
        &[
            ("", "Automatic by age".to_string()),
            ("ice", "ICE".to_string()),
            ("capd", "CAPD (child, or developmental delay)".to_string()),
        ],
        "tool",
        "compact",
    ));
    h.push_str("<p id=\"err-tool\" class=\"field-error\"></p></fieldset>");
    h.push_str("<p id=\"tool-note\" class=\"note\"></p></div>");

    // ICE
    h.push_str("<section id=\"ice-block\" class=\"tool-block\" aria-labelledby=\"ice-heading\">");
    h.push_str("<h3 id=\"ice-heading\">ICE score <output id=\"ice-total\" class=\"running\">not assessed</output></h3>");
    h.push_str(&radio_group(
        "ice-status",
        "ICE assessment",
        &[
            not_assessed(),
            ("performed", "Performed (patient awake)".to_string()),
            (
                "unarousable",
                format!(
                    "Unarousable \u{2014} cannot perform ICE (scores 0) {}",
                    grade_tag(Grade::G4)
                ),
            ),
        ],
        "ice",
        "compact",
    ));
    h.push_str(&format!(
        "</fieldset><p class=\"hint\">{}</p><div class=\"ice-items\">",
        esc(ice::STATUS_HINT)
    ));
    let (o, n) = (ice::ORIENTATION_MAX_POINTS, ice::NAMING_MAX_POINTS);
    let other = ICE_ONE_POINT.len();
    h.push_str(&format!("<fieldset class=\"items\"><legend>Orientation <output id=\"pts-orientation\">0/{o}</output></legend><div class=\"options\">"));
    for (name, label) in ICE_ORIENTATION {
        h.push_str(&ice_box(name, label));
    }
    h.push_str(&format!("</div></fieldset><fieldset class=\"items\"><legend>Naming <output id=\"pts-naming\">0/{n}</output></legend><div class=\"options\">"));
    for (name, label) in ICE_NAMING {
        h.push_str(&ice_box(name, label));
    }
    h.push_str(&format!("</div></fieldset><fieldset class=\"items\"><legend>Commands, writing, attention <output id=\"pts-other\">0/{other}</output></legend><div class=\"options\">"));
    for (name, _, label) in ICE_ONE_POINT {
        h.push_str(&ice_box(name, label));
    }
    h.push_str("</div></fieldset></div>");
    h.push_str(&format!(
        "<label class=\"opt check awake-zero\"><input type=\"checkbox\" name=\"ice-awake-zero\" data-slot=\"ice\"><span>{} {}</span></label>",
        esc(ice::AWAKE_ZERO_LABEL),
        grade_tag(Grade::G3)
    ));
    h.push_str("<p id=\"err-ice\" class=\"field-error\"></p></section>");

    // CAPD
    h.push_str(
        "<section id=\"capd-block\" class=\"tool-block\" aria-labelledby=\"capd-heading\" hidden>",
    );
    h.push_str("<h3 id=\"capd-heading\">CAPD <output id=\"capd-total\" class=\"running\">not assessed</output></h3>");
    h.push_str(&radio_group(
        "capd-status",
        "CAPD assessment",
        &[
            not_assessed(),
            ("performed", "Performed".to_string()),
            (
                "unarousable",
                format!(
                    "Unarousable \u{2014} cannot perform CAPD {}",
                    grade_tag(Grade::G4)
                ),
            ),
        ],
        "capd",
        "compact",
    ));
    h.push_str(&format!(
        "</fieldset><p class=\"hint\">{}</p><ol class=\"capd-items\">",
        esc(capd::SCORING_HINT)
    ));
    for (i, item) in capd::ITEMS.iter().enumerate() {
        let n = i + 1;
        h.push_str(&format!(
            "<li><fieldset class=\"seg capd-item\" aria-describedby=\"err-capd\"><legend>{n}. {}</legend><div class=\"options\">",
            esc(item.question)
        ));
        for f in Frequency::ALL {
            let pts = capd::item_points(item.scoring, f);
            h.push_str(&format!(
                "<label class=\"opt\"><input type=\"radio\" name=\"capd-{n}\" value=\"{}\" data-slot=\"capd\"><span>{} <b class=\"pts\">{pts}</b></span></label>",
                f.api_name(),
                f.label()
            ));
        }
        h.push_str("</div></fieldset></li>");
    }
    h.push_str("</ol><p id=\"err-capd\" class=\"field-error\"></p></section>");
    h.push_str(&other_cause_single("tool", "ICE / CAPD"));

    let opts = |rows: Vec<(&'static str, &'static str, Grade)>| -> Vec<(&'static str, String)> {
        let mut v = vec![not_assessed()];
        v.extend(
            rows.into_iter()
                .map(|(api, label, g)| (api, format!("{} {}", esc(label), grade_tag(g)))),
        );
        v
    };
    h.push_str(&radio_group(
        "consciousness",
        "Level of consciousness",
        &opts(
            CONSCIOUSNESS
                .iter()
                .map(|(a, c)| (*a, Consciousness::label(*c), c.grade()))
                .collect(),
        ),
        "consciousness",
        "",
    ));
    h.push_str(&other_cause_box("consciousness"));
    h.push_str(&radio_group(
        "seizure",
        "Seizure",
        &opts(
            SEIZURE
                .iter()
                .map(|(a, s)| (*a, Seizure::label(*s), s.grade()))
                .collect(),
        ),
        "seizure",
        "",
    ));
    h.push_str(&other_cause_box("seizure"));
    h.push_str(&radio_group(
        "motor",
        "Motor findings",
        &opts(
            MOTOR
                .iter()
                .map(|(a, m)| (*a, Motor::label(*m), m.grade()))
                .collect(),
        ),
        "motor",
        "",
    ));
    h.push_str(&other_cause_box("motor"));
    h.push_str(&radio_group(
        "icpEdema",
        "Raised intracranial pressure / cerebral edema",
        &opts(
            ICP_EDEMA
                .iter()
                .map(|(a, e)| (*a, IcpEdema::label(*e), e.grade()))
                .collect(),
        ),
        "icpEdema",
        "",
    ));
    h.push_str(&other_cause_box("icpEdema"));
    h.push_str("<p id=\"err-icans\" class=\"field-error\"></p>");
    h.push_str("<p class=\"hint\">Not ICANS features (Lee 2019): tremor and myoclonus (grade by CTCAE), intracranial haemorrhage with or without edema.</p>");
    h
}

fn other_cause_single(domain: &str, label: &str) -> String {
    format!(
        "<div class=\"other-tool\"><label class=\"other-cause\"><input type=\"checkbox\" name=\"other-{domain}\" data-slot=\"ice\"><span>{} result attributable to another cause \u{2014} shown, not graded</span></label></div>",
        esc(label)
    )
}

fn ice_box(name: &str, label: &str) -> String {
    format!(
        "<label class=\"opt check\"><input type=\"checkbox\" name=\"{name}\" data-slot=\"ice\"><span>{} <b class=\"pts\">+1</b></span></label>",
        esc(label)
    )
}

/// The CRS form: fever or temperature, hypotension, oxygen device and flow.
pub fn crs_form_html() -> String {
    let mut h = String::new();
    let mut fever_opts = vec![("", "<span class=\"muted\">Not entered</span>".to_string())];
    fever_opts.extend(FEVER.iter().map(|(a, f)| (*a, esc(f.option_label()))));
    fever_opts.push((
        "measured",
        esc(Fever::MeasuredC(FEVER_FROM_C).option_label()),
    ));
    h.push_str(&radio_group("fever", "Fever", &fever_opts, "fever", ""));
    h.push_str(&radio_group(
        "temp-unit",
        "Temperature unit",
        &[
            ("", "\u{b0}C".to_string()),
            (FAHRENHEIT, "\u{b0}F".to_string()),
        ],
        "fever",
        "compact unit-choice",
    ));
    h.push_str("</fieldset>");
    h.push_str(&text_field(
        "temperature",
        "Temperature",
        " (in the unit chosen above)",
        "fever",
        "e.g. 38,4 or 101,1",
    ));
    h.push_str(&format!(
        "<p class=\"hint\">Fever is {} \u{b0}C ({} \u{b0}F) or more. The unit is never guessed from the number: choose \u{b0}F for a reading in Fahrenheit.</p></fieldset>",
        numbers::format_fixed(FEVER_FROM_C, 1),
        numbers::format_fixed(units::fahrenheit_from_celsius(FEVER_FROM_C), 1)
    ));

    let mut hypo = vec![("", "<span class=\"muted\">Not assessed</span>".to_string())];
    hypo.extend(HYPOTENSION.iter().map(|(a, hyp)| {
        (
            *a,
            format!(
                "{} {}",
                esc(Hypotension::label(*hyp)),
                grade_tag(hyp.grade())
            ),
        )
    }));
    h.push_str(&radio_group(
        "hypotension",
        "Hypotension",
        &hypo,
        "hypotension",
        "",
    ));
    h.push_str("<p id=\"err-hypotension\" class=\"field-error\"></p></fieldset>");

    let mut oxy = vec![("", "<span class=\"muted\">Not assessed</span>".to_string())];
    oxy.extend(OXYGEN.iter().map(|(a, d)| {
        (
            *a,
            format!("{} \u{2014} {}", esc(d.label()), esc(&d.grade_cell())),
        )
    }));
    h.push_str(&radio_group(
        "oxygen",
        "Oxygen support (hypoxia)",
        &oxy,
        "oxygen",
        "",
    ));
    h.push_str(&text_field(
        "flow",
        "Oxygen flow",
        " (L/min)",
        "flow",
        "needed for nasal cannula",
    ));
    h.push_str("<p id=\"err-oxygen\" class=\"field-error\"></p></fieldset>");
    h.push_str(&format!(
        "<p class=\"hint\">{}</p>",
        esc(&crs::oxygen_rule())
    ));
    h
}

// ---------------------------------------------------------------------------------------------
// Reading the forms

/// What the page shows for one of the two grades.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<R> {
    /// Nothing entered yet: a prompt, no grade, no error.
    Empty,
    /// Something entered is wrong or incomplete: a message at the field, no grade.
    Invalid(FieldIssue),
    Graded(R),
}

/// Everything the assessment panel shows after a change.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessView {
    pub tool: Tool,
    pub tool_note: String,
    /// Running totals as the items are tapped (shown even before a grade is possible).
    pub ice_points: IcePoints,
    pub capd_total: Option<u8>,
    pub capd_answered: usize,
    /// Echo of each number understood, by slot: "= 38.5 °C".
    pub echoes: Vec<(&'static str, String)>,
    pub icans_input: Option<Json>,
    pub crs_input: Option<Json>,
    pub icans: Outcome<IcansResult>,
    pub crs: Outcome<CrsResult>,
    /// Shown beside the ICANS result: a tool not yet complete, findings that contradict each
    /// other (graded as entered).
    pub icans_checks: Vec<String>,
}

impl AssessView {
    pub fn icans_issue(&self) -> Option<FieldIssue> {
        match &self.icans {
            Outcome::Invalid(i) => Some(i.clone()),
            Outcome::Empty | Outcome::Graded(_) => None,
        }
    }

    pub fn crs_issue(&self) -> Option<FieldIssue> {
        match &self.crs {
            Outcome::Invalid(i) => Some(i.clone()),
            Outcome::Empty | Outcome::Graded(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IcePoints {
    pub orientation: u8,
    pub naming: u8,
    pub other: u8,
}

impl IcePoints {
    pub fn total(&self) -> u8 {
        self.orientation + self.naming + self.other
    }
}

fn issue(slot: &'static str, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        slot,
        message: message.into(),
    }
}

/// A typed number field: `Ok(None)` when empty, the value, or a message at the field.
fn number_field(
    form: &RawForm,
    name: &str,
    slot: &'static str,
    unit: &str,
    echoes: &mut Vec<(&'static str, String)>,
) -> Result<Option<f64>, FieldIssue> {
    let text = value(form, name);
    if text.is_empty() {
        return Ok(None);
    }
    match numbers::parse_decimal(text) {
        Ok(x) => {
            echoes.push((
                slot,
                format!(
                    "= {}{unit}",
                    numbers::format_decimal(x, DecimalSeparator::Point)
                ),
            ));
            Ok(Some(x))
        }
        Err(e) => Err(issue(
            slot,
            format!("\u{201c}{text}\u{201d} is not read as a number: {e}"),
        )),
    }
}

/// Maps an API error path to the form's error slot.
fn slot_for(error: &InputError, crs: bool) -> &'static str {
    let root = error.field.split(['.', '[']).next().unwrap_or("");
    match (crs, root) {
        (false, "ageYears") => "age",
        (false, "tool") => "tool",
        (false, "ice") => "ice",
        (false, "capd") => "capd",
        (false, "consciousness") => "consciousness",
        (false, "seizure") => "seizure",
        (false, "motor") => "motor",
        (false, "icpEdema") => "icpEdema",
        (false, _) => "icans",
        (true, "temperatureC") | (true, "fever") => "fever",
        (true, "hypotension") => "hypotension",
        (true, "oxygen") => "oxygen",
        (true, "oxygenLitersPerMin") => "flow",
        (true, _) => "fever",
    }
}

/// Turns the API's message into one for the form: the API names JSON fields, the form has labels.
fn form_message(error: &InputError) -> String {
    let text = error.problem.to_string();
    let label = match error.field.as_str() {
        "ageYears" => "Age",
        "temperatureC" => "Temperature",
        "oxygenLitersPerMin" => "Oxygen flow",
        _ => "",
    };
    if label.is_empty() {
        capitalise(&text)
    } else {
        format!("{label} {text}")
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Reads both forms (ICANS and CRS fields share one `RawForm`) and grades what can be graded.
pub fn read_assessment(form: &RawForm) -> AssessView {
    let mut echoes = Vec::new();
    let age = number_field(form, "age", "age", " years", &mut echoes);
    let chosen = match value(form, "tool") {
        "ice" => Some(Tool::Ice),
        "capd" => Some(Tool::Capd),
        _ => None,
    };
    let age_years = age.as_ref().ok().copied().flatten();
    let tool = Tool::select(age_years.filter(|a| AGE_YEARS.contains(*a)), chosen);
    let from = ICE_FROM_AGE_YEARS;
    let tool_note = match (chosen, age_years) {
        (Some(Tool::Capd), _) => {
            "Using CAPD (chosen: child, or developmental delay at any age).".to_string()
        }
        (Some(Tool::Ice), Some(a)) if a < from => {
            format!("Using ICE (chosen for a child under {from} who can do it).")
        }
        (Some(Tool::Ice), _) => "Using ICE (chosen).".to_string(),
        (None, Some(a)) if a < from => {
            format!("Using CAPD: age under {from} (ICE applies from age {from}).")
        }
        (None, Some(_)) => format!("Using ICE: age {from} or over."),
        (None, None) => {
            format!("Using ICE (no age entered; ICE applies from age {from}, CAPD below).")
        }
    };

    let ice_points = IcePoints {
        orientation: ICE_ORIENTATION
            .iter()
            .filter(|(n, _)| ticked(form, n))
            .count() as u8,
        naming: ICE_NAMING.iter().filter(|(n, _)| ticked(form, n)).count() as u8,
        other: ICE_ONE_POINT
            .iter()
            .filter(|(n, _, _)| ticked(form, n))
            .count() as u8,
    };
    let capd_answers: Vec<Option<Frequency>> = (1..=capd::ITEMS.len())
        .map(|n| {
            Frequency::ALL
                .into_iter()
                .find(|f| f.api_name() == value(form, &format!("capd-{n}")))
        })
        .collect();
    let capd_answered = capd_answers.iter().filter(|a| a.is_some()).count();
    let capd_total = if capd_answered == capd::ITEMS.len() {
        let answers: Vec<Frequency> = capd_answers.iter().flatten().copied().collect();
        let mut arr = [Frequency::Never; 8];
        arr.copy_from_slice(&answers);
        capd::CapdAssessment::Scored(arr).total()
    } else {
        None
    };

    let mut icans_checks = Vec::new();
    let icans_input = icans_json(
        form,
        tool,
        chosen,
        age,
        ice_points,
        &capd_answers,
        &mut icans_checks,
    );
    let (icans_input, icans) = match icans_input {
        Err(i) => (None, Outcome::Invalid(i)),
        Ok(None) => (None, Outcome::Empty),
        Ok(Some(json)) => {
            let outcome = match api::grade_icans(&json) {
                Ok(r) => {
                    icans_checks.extend(crate::grading::icans::inconsistencies(&r));
                    Outcome::Graded(r)
                }
                Err(e) => Outcome::Invalid(issue(slot_for(&e, false), form_message(&e))),
            };
            (Some(json), outcome)
        }
    };
    let crs_input = crs_json(form, &mut echoes);
    let (crs_input, crs) = match crs_input {
        Err(i) => (None, Outcome::Invalid(i)),
        Ok(None) => (None, Outcome::Empty),
        Ok(Some(json)) => {
            let outcome = match api::grade_crs(&json) {
                Ok(r) => Outcome::Graded(r),
                Err(e) => Outcome::Invalid(issue(slot_for(&e, true), form_message(&e))),
            };
            (Some(json), outcome)
        }
    };
    AssessView {
        tool,
        tool_note,
        ice_points,
        capd_total,
        capd_answered,
        echoes,
        icans_input,
        crs_input,
        icans,
        crs,
        icans_checks,
    }
}

fn icans_json(
    form: &RawForm,
    tool: Tool,
    chosen: Option<Tool>,
    age: Result<Option<f64>, FieldIssue>,
    ice: IcePoints,
    capd_answers: &[Option<Frequency>],
    checks: &mut Vec<String>,
) -> Result<Option<Json>, FieldIssue> {
    let age = age?;
    let mut fields: Vec<(&str, Json)> = Vec::new();
    if let Some(a) = age {
        fields.push(("ageYears", Json::Number(a)));
    }
    if let Some(t) = chosen {
        fields.push(("tool", Json::String(t.api_name().into())));
    }
    let mut assessed: Vec<&str> = Vec::new();
    match tool {
        Tool::Ice => {
            // Graded only from the status chosen: ticked tasks under "Not assessed" are kept
            // but not used, and "Performed" with nothing ticked is ICE 0 only once the user
            // confirms an awake patient scored 0 (an empty form is not a score).
            let awake_zero = ticked(form, "ice-awake-zero");
            match (value(form, "ice-status"), ice.total(), awake_zero) {
                ("unarousable", _, _) => {
                    fields.push(("ice", Json::String("unarousable".into())));
                    assessed.push("tool");
                }
                ("performed", 1..=u8::MAX, true) => {
                    return Err(issue("ice", ice::AWAKE_ZERO_WITH_POINTS));
                }
                ("performed", 0, false) => checks.push(ice::AWAKE_ZERO_PENDING.to_string()),
                ("performed", _, _) => {
                    let one = |n: &str| Json::Number(if ticked(form, n) { 1.0 } else { 0.0 });
                    fields.push((
                        "ice",
                        Json::object(vec![
                            ("orientation", Json::Number(f64::from(ice.orientation))),
                            ("naming", Json::Number(f64::from(ice.naming))),
                            ("commands", one("ice-commands")),
                            ("writing", one("ice-writing")),
                            ("attention", one("ice-attention")),
                        ]),
                    ));
                    assessed.push("tool");
                }
                (_, _, _) => {}
            }
        }
        Tool::Capd => {
            let answered = capd_answers.iter().filter(|a| a.is_some()).count();
            match (value(form, "capd-status"), answered) {
                ("unarousable", _) => {
                    fields.push(("capd", Json::String("unarousable".into())));
                    assessed.push("tool");
                }
                ("performed", _) => {
                    let missing: Vec<String> = capd_answers
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.is_none())
                        .map(|(i, _)| (i + 1).to_string())
                        .collect();
                    if !missing.is_empty() {
                        return Err(issue(
                            "capd",
                            format!(
                                "Answer all {} CAPD items (not answered: {}); no grade until then.",
                                capd::ITEMS.len(),
                                missing.join(", ")
                            ),
                        ));
                    }
                    fields.push((
                        "capd",
                        Json::Array(
                            capd_answers
                                .iter()
                                .flatten()
                                .map(|f| Json::String(f.api_name().into()))
                                .collect(),
                        ),
                    ));
                    assessed.push("tool");
                }
                (_, _) => {}
            }
        }
    }
    for (name, api_key) in [
        ("consciousness", "consciousness"),
        ("seizure", "seizure"),
        ("motor", "motor"),
        ("icpEdema", "icpEdema"),
    ] {
        let v = value(form, name);
        if !v.is_empty() {
            fields.push((api_key, Json::String(v.to_string())));
            assessed.push(api_key);
        }
    }
    let mut other = Vec::new();
    for (domain, slot) in [
        ("tool", "ice"),
        ("consciousness", "consciousness"),
        ("seizure", "seizure"),
        ("motor", "motor"),
        ("icpEdema", "icpEdema"),
    ] {
        if ticked(form, &format!("other-{domain}")) {
            if !assessed.contains(&domain) {
                let slot = if domain == "tool" && tool == Tool::Capd {
                    "capd"
                } else {
                    slot
                };
                return Err(issue(
                    slot,
                    "Marked as attributable to another cause but not assessed: enter the finding, or untick the box.",
                ));
            }
            other.push(Json::String(domain.into()));
        }
    }
    if !other.is_empty() {
        fields.push(("otherCause", Json::Array(other)));
    }
    if assessed.is_empty() {
        return Ok(None);
    }
    Ok(Some(Json::object(fields)))
}

/// The temperature field in °C: as typed, or converted from °F when °F is chosen. The range
/// check (`TEMPERATURE_C`) applies after conversion, with the range shown in the unit typed.
fn temperature_c(
    form: &RawForm,
    echoes: &mut Vec<(&'static str, String)>,
) -> Result<Option<f64>, FieldIssue> {
    let text = value(form, "temperature");
    if text.is_empty() {
        return Ok(None);
    }
    let typed = numbers::parse_decimal(text).map_err(|e| {
        issue(
            "fever",
            format!("\u{201c}{text}\u{201d} is not read as a number: {e}"),
        )
    })?;
    let range = crs::TEMPERATURE_C;
    let edge = |b: Bound| match b {
        Bound::Inclusive(x) | Bound::Exclusive(x) => Some(x),
        Bound::Unbounded => None,
    };
    let (low_c, high_c) = (edge(range.min), edge(range.max));
    if value(form, "temp-unit") == FAHRENHEIT {
        let t_c = units::celsius_from_fahrenheit(typed);
        let shown_c = crs::temperature_text_c(t_c);
        let same = shown_c.parse::<f64>().is_ok_and(|x| x == t_c);
        let typed_f = format!(
            "{} \u{b0}F",
            numbers::format_decimal(typed, DecimalSeparator::Point)
        );
        let conversion = format!(
            "{text} \u{b0}F {} {shown_c} \u{b0}C",
            if same { "=" } else { "\u{2248}" }
        );
        if !range.contains(t_c) {
            let f = |c: Option<f64>| {
                c.map(|c| numbers::format_trimmed(units::fahrenheit_from_celsius(c), 1))
                    .unwrap_or_default()
            };
            let c = |c: Option<f64>| c.map(|c| numbers::format_trimmed(c, 1)).unwrap_or_default();
            return Err(issue(
                "fever",
                format!(
                    "Temperature must be {}-{} \u{b0}F ({}-{} \u{b0}C), got {typed_f} ({conversion}).",
                    f(low_c),
                    f(high_c),
                    c(low_c),
                    c(high_c)
                ),
            ));
        }
        echoes.push(("fever", conversion));
        Ok(Some(t_c))
    } else {
        if !range.contains(typed) {
            return Err(issue(
                "fever",
                format!(
                    "Temperature must be {}-{} \u{b0}C, got {} \u{b0}C. If this reading is in Fahrenheit, choose \u{b0}F.",
                    low_c
                        .map(|c| numbers::format_trimmed(c, 1))
                        .unwrap_or_default(),
                    high_c
                        .map(|c| numbers::format_trimmed(c, 1))
                        .unwrap_or_default(),
                    numbers::format_decimal(typed, DecimalSeparator::Point)
                ),
            ));
        }
        echoes.push((
            "fever",
            format!(
                "= {} \u{b0}C",
                numbers::format_decimal(typed, DecimalSeparator::Point)
            ),
        ));
        Ok(Some(typed))
    }
}

fn crs_json(
    form: &RawForm,
    echoes: &mut Vec<(&'static str, String)>,
) -> Result<Option<Json>, FieldIssue> {
    let temperature = temperature_c(form, echoes);
    let flow = number_field(form, "flow", "flow", " L/min", echoes);
    let mut fields: Vec<(&str, Json)> = Vec::new();
    let fever = value(form, "fever");
    let finding = FEVER.iter().find(|(a, _)| *a == fever).map(|(_, f)| *f);
    match (finding, fever) {
        (Some(f), _) => {
            // A temperature typed beside a fever finding is never dropped unseen (issue: masked
            // fever): neither is used until the user chooses one.
            if !value(form, "temperature").is_empty() {
                // As the echo shows it ("101,3 °F = 38.5 °C", "38.5 °C"), else as typed.
                let shown = match (
                    &temperature,
                    echoes.iter().find(|(slot, _)| *slot == "fever"),
                ) {
                    (Ok(Some(_)), Some((_, echo))) => echo.trim_start_matches("= ").to_string(),
                    _ => value(form, "temperature").to_string(),
                };
                return Err(issue(
                    "fever",
                    crs::temperature_with_fever_choice(f, &shown),
                ));
            }
            fields.push(("fever", Json::String(fever.into())));
        }
        (None, "measured" | "") => match temperature? {
            Some(t) => fields.push(("temperatureC", Json::Number(t))),
            None if fever == "measured" => {
                return Err(issue(
                    "fever",
                    format!(
                        "Enter the measured temperature ({} \u{b0}C or {} \u{b0}F or more is fever).",
                        numbers::format_fixed(FEVER_FROM_C, 1),
                        numbers::format_fixed(units::fahrenheit_from_celsius(FEVER_FROM_C), 1)
                    ),
                ));
            }
            None => {}
        },
        (None, _) => {}
    }
    let hypotension = value(form, "hypotension");
    if !hypotension.is_empty() {
        fields.push(("hypotension", Json::String(hypotension.into())));
    }
    let oxygen = value(form, "oxygen");
    let device = OXYGEN.iter().find(|(a, _)| *a == oxygen).map(|(_, d)| *d);
    let flow = flow?;
    if let Some(f) = flow
        && let Some(problem) = FlowProblem::check(device)
    {
        let shown = format!(
            "{} L/min",
            numbers::format_decimal(f, DecimalSeparator::Point)
        );
        return Err(issue("flow", problem.message(&shown)));
    }
    if !oxygen.is_empty() {
        fields.push(("oxygen", Json::String(oxygen.into())));
        if let Some(f) = flow {
            fields.push(("oxygenLitersPerMin", Json::Number(f)));
        }
    }
    if fields.is_empty() {
        return Ok(None);
    }
    Ok(Some(Json::object(fields)))
}

// ---------------------------------------------------------------------------------------------
// Results

/// The ICANS result card.
pub fn icans_result_html(outcome: &Outcome<IcansResult>) -> String {
    match outcome {
        Outcome::Empty => empty_card(
            "ICANS",
            "No ICANS finding entered yet. Score ICE (or CAPD) or choose a finding in any domain.",
        ),
        Outcome::Invalid(i) => invalid_card("ICANS", i),
        Outcome::Graded(r) => {
            let g = r.grade.number();
            let status = if r.complete {
                "All five domains assessed".to_string()
            } else {
                format!(
                    "Incomplete \u{2014} at least grade {g}; not assessed: {}",
                    r.missing
                        .iter()
                        .map(|d| d.label(r.tool))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let mut h = format!(
                "<article class=\"result-card\" data-grade=\"{g}\" data-complete=\"{}\"><header class=\"result-head\">{}<div><h3>ICANS</h3><p class=\"status{}\">{}</p></div></header>",
                r.complete,
                grade_badge(g, "big"),
                if r.complete { "" } else { " warn" },
                esc(&status)
            );
            h.push_str(&format!("<p class=\"basis\">{}</p>", esc(&r.basis)));
            h.push_str("<table class=\"domains\"><caption>ICANS domains and sub-grades</caption><thead><tr><th scope=\"col\">Domain</th><th scope=\"col\">Finding (table cell)</th><th scope=\"col\">Sub-grade</th></tr></thead><tbody>");
            for domain in IcansDomain::ALL {
                let label = domain.label(r.tool);
                match r.domains.iter().find(|d| d.domain == domain) {
                    Some(d) => {
                        let (class, mark) = if d.excluded {
                            ("excluded", " <span class=\"mark\">excluded: other cause</span>")
                        } else if r.drivers.contains(&domain) {
                            ("driver", " <span class=\"mark\">\u{25c0} sets the grade</span>")
                        } else {
                            ("", "")
                        };
                        h.push_str(&format!(
                            "<tr class=\"{class}\" data-domain=\"{}\"><th scope=\"row\">{}</th><td>{}{mark}</td><td>{}</td></tr>",
                            domain.api_name(),
                            esc(label),
                            esc(&d.finding),
                            d.grade.number()
                        ));
                    }
                    None => h.push_str(&format!(
                        "<tr class=\"missing\" data-domain=\"{}\"><th scope=\"row\">{}</th><td>not assessed</td><td>\u{2014}</td></tr>",
                        domain.api_name(),
                        esc(label)
                    )),
                }
            }
            h.push_str("</tbody></table>");
            for n in &r.notes {
                h.push_str(&format!("<p class=\"note\">{}</p>", esc(n)));
            }
            h.push_str(&icans_reference_table(r));
            h.push_str(&source_line(&r.source));
            h.push_str("</article>");
            h
        }
    }
}

/// The CRS result card.
pub fn crs_result_html(outcome: &Outcome<CrsResult>) -> String {
    match outcome {
        Outcome::Empty => empty_card(
            "CRS",
            "No CRS finding entered yet. Start with fever (or a measured temperature).",
        ),
        Outcome::Invalid(i) => invalid_card("CRS", i),
        Outcome::Graded(r) => {
            let g = r.grade.number();
            let status = if r.complete {
                "Fever, hypotension and oxygen assessed".to_string()
            } else if g == 0 {
                "No fever: no CRS".to_string()
            } else {
                format!(
                    "Incomplete \u{2014} at least grade {g}; not assessed: {}",
                    r.missing
                        .iter()
                        .map(|p| p.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let mut h = format!(
                "<article class=\"result-card\" data-grade=\"{g}\" data-complete=\"{}\"><header class=\"result-head\">{}<div><h3>CRS</h3><p class=\"status{}\">{}</p></div></header>",
                r.complete,
                grade_badge(g, "big"),
                if r.complete || g == 0 { "" } else { " warn" },
                esc(&status)
            );
            h.push_str(&format!("<p class=\"basis\">{}</p>", esc(&r.basis)));
            h.push_str("<table class=\"domains\"><caption>CRS parameters and sub-grades</caption><thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">Finding (table cell)</th><th scope=\"col\">Sub-grade</th></tr></thead><tbody>");
            for d in &r.domains {
                let (class, mark) = if r.drivers.contains(&d.domain) {
                    (
                        "driver",
                        " <span class=\"mark\">\u{25c0} sets the grade</span>",
                    )
                } else {
                    ("", "")
                };
                h.push_str(&format!(
                    "<tr class=\"{class}\" data-domain=\"{}\"><th scope=\"row\">{}</th><td>{}{mark}</td><td>{}</td></tr>",
                    d.domain.api_name(),
                    esc(d.domain.label()),
                    esc(&d.finding),
                    d.grade.number()
                ));
            }
            for p in &r.missing {
                h.push_str(&format!(
                    "<tr class=\"missing\" data-domain=\"{}\"><th scope=\"row\">{}</th><td>not assessed</td><td>\u{2014}</td></tr>",
                    p.api_name(),
                    esc(p.label())
                ));
            }
            h.push_str("</tbody></table>");
            for n in &r.notes {
                h.push_str(&format!("<p class=\"note\">{}</p>", esc(n)));
            }
            h.push_str(&source_line(&r.source));
            h.push_str("</article>");
            h
        }
    }
}

fn empty_card(title: &str, prompt: &str) -> String {
    format!(
        "<article class=\"result-card empty\" data-grade=\"none\"><header class=\"result-head\"><span class=\"grade-badge big none\">No grade</span><div><h3>{title}</h3><p class=\"status\">{}</p></div></header></article>",
        esc(prompt)
    )
}

fn invalid_card(title: &str, i: &FieldIssue) -> String {
    format!(
        "<article class=\"result-card invalid\" data-grade=\"none\" data-error-slot=\"{}\"><header class=\"result-head\"><span class=\"grade-badge big none\">No grade</span><div><h3>{title}</h3><p class=\"status error\">No grade until the marked field is corrected: {}</p></div></header></article>",
        i.slot,
        esc(&i.message)
    )
}

fn source_line(source: &str) -> String {
    format!(
        "<p class=\"source\">Source: {}. icans-calc {} \u{2014} decision support; verify against the table.</p>",
        esc(source),
        crate::APP_VERSION
    )
}

/// The ASTCT ICANS table with the cells this assessment fired highlighted, so the grade can be
/// checked against the source at a glance.
fn icans_reference_table(r: &IcansResult) -> String {
    let mut h = String::from(
        "<details class=\"reference\"><summary>ASTCT ICANS table (Lee 2019) with the fired cells marked</summary><table class=\"astct\"><caption>ASTCT ICANS consensus grading; fired cells marked \u{2714}</caption><thead><tr><th scope=\"col\">Domain</th>",
    );
    for g in &Grade::ALL[1..] {
        h.push_str(&format!("<th scope=\"col\">Grade {}</th>", g.number()));
    }
    h.push_str("</tr></thead><tbody>");
    for domain in IcansDomain::ALL {
        let fired = r
            .domains
            .iter()
            .find(|d| d.domain == domain)
            .map(|d| (d.grade, d.excluded));
        h.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            esc(domain.label(r.tool))
        ));
        for (g, cell) in Grade::ALL[1..].iter().zip(domain.table_row(r.tool)) {
            let (class, mark) = match fired {
                Some((f, false)) if f == *g => (" class=\"fired\"", "\u{2714} "),
                Some((f, true)) if f == *g => (" class=\"fired excluded\"", "\u{2714} (excluded) "),
                _ => ("", ""),
            };
            h.push_str(&format!("<td{class}>{mark}{}</td>", esc(&cell)));
        }
        h.push_str("</tr>");
    }
    h.push_str(&format!(
        "</tbody></table><p class=\"source\">{}</p></details>",
        esc(crate::grading::icans::GRADE_RULE)
    ));
    h
}

/// The compact always-visible summary of both grades (sticky bar), from the form only.
pub fn summary_html(view: &AssessView) -> String {
    summary_with_course_html(view, &[])
}

/// The latest recorded grade of one kind: (grade, day), from the assessment with the latest day
/// that holds it (the later entry on a tie). Entries the core refuses are passed over.
pub fn last_recorded(assessments: &[Json], crs: bool) -> Option<(Grade, f64)> {
    let mut best: Option<(Grade, f64)> = None;
    for a in assessments {
        let Some(day) = a.number_at("day") else {
            continue;
        };
        let grade = match (crs, a.get(if crs { "crs" } else { "icans" })) {
            (false, Some(input)) => api::grade_icans(input).ok().map(|r| r.grade),
            (true, Some(input)) => api::grade_crs(input).ok().map(|r| r.grade),
            (_, None) => None,
        };
        if let Some(g) = grade
            && best.is_none_or(|(_, d)| day >= d)
        {
            best = Some((g, day));
        }
    }
    best
}

/// The top bar: the grade of the form being filled; when the form holds nothing of one kind,
/// the last grade recorded in the course, with its day (so recording never blanks the bar).
pub fn summary_with_course_html(view: &AssessView, assessments: &[Json]) -> String {
    fn item(title: &str, grade: Option<(u8, bool)>, invalid: bool) -> String {
        let target = title.to_lowercase();
        match (grade, invalid) {
            (_, true) => format!(
                "<a class=\"sum-item\" href=\"#{target}-result\"><span class=\"sum-title\">{title}</span><span class=\"grade-badge none\">No grade</span><span class=\"sum-note error\">check input</span></a>"
            ),
            (None, false) => format!(
                "<a class=\"sum-item\" href=\"#{target}-result\"><span class=\"sum-title\">{title}</span><span class=\"grade-badge none\">\u{2014}</span><span class=\"sum-note\">not entered</span></a>"
            ),
            (Some((g, complete)), false) => format!(
                "<a class=\"sum-item\" href=\"#{target}-result\" data-grade=\"{g}\"><span class=\"sum-title\">{title}</span>{}<span class=\"sum-note\">{}</span></a>",
                grade_badge(g, ""),
                if complete {
                    "complete"
                } else {
                    "incomplete (at least)"
                }
            ),
        }
    }
    fn recorded(title: &str, grade: Grade, day: f64) -> String {
        let g = grade.number();
        format!(
            "<a class=\"sum-item recorded\" href=\"#course\" data-grade=\"{g}\" data-source=\"course\"><span class=\"sum-title\">{title}</span>{}<span class=\"sum-note\">recorded {}</span></a>",
            grade_badge(g, ""),
            esc(&crate::display::day_time(day))
        )
    }
    let icans = match (&view.icans, last_recorded(assessments, false)) {
        (Outcome::Graded(r), _) => item("ICANS", Some((r.grade.number(), r.complete)), false),
        (Outcome::Invalid(_), _) => item("ICANS", None, true),
        (Outcome::Empty, Some((g, day))) => recorded("ICANS", g, day),
        (Outcome::Empty, None) => item("ICANS", None, false),
    };
    let crs = match (&view.crs, last_recorded(assessments, true)) {
        (Outcome::Graded(r), _) => item("CRS", Some((r.grade.number(), r.complete)), false),
        (Outcome::Invalid(_), _) => item("CRS", None, true),
        (Outcome::Empty, Some((g, day))) => recorded("CRS", g, day),
        (Outcome::Empty, None) => item("CRS", None, false),
    };
    format!("{icans}{crs}")
}

/// Beside the ICANS result: a tool not yet complete, and findings that contradict each other
/// (the grade takes them as entered). Empty when there is nothing to point out.
pub fn checks_html(checks: &[String]) -> String {
    if checks.is_empty() {
        return String::new();
    }
    let mut h = String::from("<div class=\"checks\" data-checks=\"icans\">");
    for c in checks {
        h.push_str(&format!("<p class=\"check-note\">{}</p>", esc(c)));
    }
    h.push_str("</div>");
    h
}

/// Running-total texts: (element id, text).
pub fn running_totals(view: &AssessView, form: &RawForm) -> Vec<(&'static str, String)> {
    let ice_status = value(form, "ice-status");
    let confirmed = ticked(form, "ice-awake-zero");
    let (max, g4) = (ice::MAX_TOTAL, Grade::G4.number());
    let ice_text = match (ice_status, view.ice_points.total(), confirmed) {
        ("unarousable", _, _) => format!("0/{max} \u{2014} unarousable (grade {g4})"),
        ("performed", 0, true) => format!("0/{max} \u{2014} awake, confirmed"),
        ("performed", 0, false) => format!("0/{max} \u{2014} not yet complete"),
        ("performed", t, _) => format!("{t}/{max}"),
        (_, 0, _) => "not assessed".to_string(),
        (_, _, _) => "not assessed (ticked tasks not used)".to_string(),
    };
    let capd_status = value(form, "capd-status");
    let capd_text = match (capd_status, view.capd_total, view.capd_answered) {
        ("unarousable", _, _) => format!("unarousable (grade {g4})"),
        ("performed", Some(t), _) => format!("{t}/{}", capd::MAX_TOTAL),
        ("performed", None, n) => format!("{n} of {} items answered", capd::ITEMS.len()),
        (_, _, 0) => "not assessed".to_string(),
        (_, _, _) => "not assessed (answers kept, not used)".to_string(),
    };
    vec![
        ("ice-total", ice_text),
        (
            "pts-orientation",
            format!(
                "{}/{}",
                view.ice_points.orientation,
                ice::ORIENTATION_MAX_POINTS
            ),
        ),
        (
            "pts-naming",
            format!("{}/{}", view.ice_points.naming, ice::NAMING_MAX_POINTS),
        ),
        (
            "pts-other",
            format!("{}/{}", view.ice_points.other, ICE_ONE_POINT.len()),
        ),
        ("capd-total", capd_text),
    ]
}

/// The plain-text line for the medical record (copy button), e.g.
/// "ICANS grade 3 (ASTCT 2019): set by ICE score (ICE 2/10 ...). CRS grade 0 ...".
pub fn record_text(view: &AssessView) -> String {
    let mut lines = Vec::new();
    match &view.icans {
        Outcome::Graded(r) => lines.push(format!(
            "ICANS grade {} (ASTCT 2019{}): {}",
            r.grade,
            if r.complete { "" } else { ", incomplete" },
            r.basis
        )),
        Outcome::Invalid(_) => {
            lines.push("ICANS: not graded (input incomplete or invalid)".to_string())
        }
        Outcome::Empty => {}
    }
    match &view.crs {
        Outcome::Graded(r) => lines.push(format!(
            "CRS grade {} (ASTCT 2019{}): {}",
            r.grade,
            if r.complete { "" } else { ", incomplete" },
            r.basis
        )),
        Outcome::Invalid(_) => {
            lines.push("CRS: not graded (input incomplete or invalid)".to_string())
        }
        Outcome::Empty => {}
    }
    lines.push(format!(
        "Source: {}. icans-calc {} (decision support, not a substitute for clinical judgement).",
        sources::LEE_2019_SHORT,
        crate::APP_VERSION
    ));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> RawForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn graded_icans(v: &AssessView) -> &IcansResult {
        match &v.icans {
            Outcome::Graded(r) => r,
            other => panic!("expected an ICANS grade, got {other:?}"),
        }
    }

    #[test]
    fn empty_form_shows_prompts_not_errors() {
        let v = read_assessment(&RawForm::new());
        assert_eq!(v.icans, Outcome::Empty);
        assert_eq!(v.crs, Outcome::Empty);
        assert_eq!(v.tool, Tool::Ice);
    }

    #[test]
    fn ice_items_grade_only_when_ice_is_performed() {
        let v = read_assessment(&form(&[
            ("ice-status", "performed"),
            ("ice-year", "on"),
            ("ice-month", "on"),
        ]));
        let r = graded_icans(&v);
        assert_eq!((r.grade, r.ice_total), (Grade::G3, Some(2)));
        assert!(!r.complete);
    }

    // Issue 9 item 11: "Not assessed" after ticking tasks grades without the tool.
    #[test]
    fn not_assessed_after_ticking_grades_without_ice() {
        let ticked = [
            ("ice-year", "on"),
            ("ice-month", "on"),
            ("ice-city", "on"),
            ("consciousness", "awakensToVoice"),
        ];
        let v = read_assessment(&form(&ticked));
        let r = graded_icans(&v);
        assert_eq!((r.grade, r.ice_total), (Grade::G2, None));
        assert!(r.missing.contains(&IcansDomain::Tool));
        assert!(
            v.icans_input
                .as_ref()
                .is_some_and(|j| j.get("ice").is_none())
        );
        let totals = running_totals(&v, &form(&ticked));
        assert!(totals.contains(&(
            "ice-total",
            "not assessed (ticked tasks not used)".to_string()
        )));
        let mut performed = ticked.to_vec();
        performed.push(("ice-status", "performed"));
        let v = read_assessment(&form(&performed));
        assert_eq!(graded_icans(&v).ice_total, Some(3));
    }

    #[test]
    fn capd_answers_under_not_assessed_are_not_used() {
        let answers: Vec<(String, String)> = (1..=8)
            .map(|n| (format!("capd-{n}"), "never".to_string()))
            .collect();
        let mut f: RawForm = answers.iter().cloned().collect();
        f.insert("age".into(), "8".into());
        f.insert("consciousness".into(), "alert".into());
        let v = read_assessment(&f);
        let r = graded_icans(&v);
        assert_eq!(r.capd_total, None);
        assert!(r.missing.contains(&IcansDomain::Tool));
        f.insert("capd-status".into(), "performed".into());
        let v = read_assessment(&f);
        assert!(graded_icans(&v).capd_total.is_some());
    }

    // "Performed" with nothing ticked is not a score: ICE 0 (awake, grade 3) only once confirmed.
    #[test]
    fn performed_with_no_items_waits_for_the_awake_zero_confirmation() {
        let v = read_assessment(&form(&[("ice-status", "performed")]));
        assert_eq!(v.icans, Outcome::Empty);
        assert_eq!(v.icans_checks, vec![ice::AWAKE_ZERO_PENDING.to_string()]);
        let f = form(&[("ice-status", "performed"), ("consciousness", "alert")]);
        let v = read_assessment(&f);
        let r = graded_icans(&v);
        assert_eq!(r.grade, Grade::G0);
        assert!(r.missing.contains(&IcansDomain::Tool));
        assert!(
            running_totals(&v, &f)
                .contains(&("ice-total", "0/10 \u{2014} not yet complete".to_string()))
        );
        let v = read_assessment(&form(&[
            ("ice-status", "performed"),
            ("ice-awake-zero", "on"),
        ]));
        let r = graded_icans(&v);
        assert_eq!((r.grade, r.ice_total), (Grade::G3, Some(0)));
        assert!(v.icans_checks.is_empty());
        let v = read_assessment(&form(&[
            ("ice-status", "performed"),
            ("ice-awake-zero", "on"),
            ("ice-year", "on"),
        ]));
        assert!(matches!(
            v.icans,
            Outcome::Invalid(FieldIssue { slot: "ice", .. })
        ));
    }

    #[test]
    fn contradictions_are_pointed_out_and_still_graded() {
        let all: Vec<(String, String)> = ICE_ORIENTATION
            .iter()
            .map(|(n, _)| *n)
            .chain(ICE_NAMING.iter().map(|(n, _)| *n))
            .chain(ICE_ONE_POINT.iter().map(|(n, _, _)| *n))
            .map(|n| (n.to_string(), "on".to_string()))
            .chain([
                ("ice-status".to_string(), "performed".to_string()),
                ("consciousness".to_string(), "unarousable".to_string()),
            ])
            .collect();
        let v = read_assessment(&all.into_iter().collect());
        assert_eq!(graded_icans(&v).grade, Grade::G4);
        assert_eq!(v.icans_checks.len(), 1);
        assert!(v.icans_checks[0].contains("ICE was scored in an awake patient (ICE 10/10"));
        let v = read_assessment(&form(&[
            ("ice-status", "unarousable"),
            ("consciousness", "alert"),
        ]));
        assert_eq!(graded_icans(&v).grade, Grade::G4);
        assert!(v.icans_checks[0].contains("ICE is marked \u{201c}unarousable\u{201d}"));
        let html = checks_html(&v.icans_checks);
        assert!(html.contains("class=\"check-note\""));
        // Consistent pairs say nothing.
        let v = read_assessment(&form(&[
            ("ice-status", "unarousable"),
            ("consciousness", "unarousable"),
        ]));
        assert!(v.icans_checks.is_empty());
        assert_eq!(checks_html(&v.icans_checks), "");
    }

    #[test]
    fn top_bar_shows_the_last_recorded_grade_when_the_form_is_empty() {
        let recorded = vec![
            Json::object(vec![
                ("day", Json::Number(15.0)),
                (
                    "icans",
                    Json::object(vec![("ice", Json::String("unarousable".into()))]),
                ),
            ]),
            Json::object(vec![
                ("day", Json::Number(14.25)),
                (
                    "icans",
                    Json::object(vec![("consciousness", Json::String("alert".into()))]),
                ),
                (
                    "crs",
                    Json::object(vec![("fever", Json::String("present".into()))]),
                ),
            ]),
        ];
        assert_eq!(last_recorded(&recorded, false), Some((Grade::G4, 15.0)));
        assert_eq!(last_recorded(&recorded, true), Some((Grade::G1, 14.25)));
        let empty = read_assessment(&RawForm::new());
        let html = summary_with_course_html(&empty, &recorded);
        assert!(html.contains("recorded day +15"), "{html}");
        assert!(html.contains("recorded day +14 06:00"), "{html}");
        assert!(!html.contains("not entered"), "{html}");
        assert!(summary_html(&empty).contains("not entered"));
        // The form being filled wins over the record.
        let filling = read_assessment(&form(&[("consciousness", "alert")]));
        let html = summary_with_course_html(&filling, &recorded);
        assert!(html.contains("data-grade=\"0\""), "{html}");
        assert!(html.contains("recorded day +14 06:00"), "{html}");
    }

    #[test]
    fn age_under_12_switches_to_capd_and_requires_all_items() {
        let v = read_assessment(&form(&[
            ("age", "8"),
            ("capd-status", "performed"),
            ("capd-1", "never"),
        ]));
        assert_eq!(v.tool, Tool::Capd);
        match v.icans {
            Outcome::Invalid(i) => {
                assert_eq!(i.slot, "capd");
                assert!(i.message.contains("2, 3, 4, 5, 6, 7, 8"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ice_items_are_kept_but_not_sent_when_capd_is_in_use() {
        let v = read_assessment(&form(&[
            ("age", "8"),
            ("ice-year", "on"),
            ("consciousness", "alert"),
        ]));
        assert_eq!(v.tool, Tool::Capd);
        let r = graded_icans(&v);
        assert_eq!(r.grade, Grade::G0);
        assert!(r.missing.contains(&IcansDomain::Tool));
    }

    #[test]
    fn decimal_comma_age_and_bad_numbers_show_at_the_field() {
        let v = read_assessment(&form(&[("age", "11,5"), ("seizure", "none")]));
        assert_eq!(v.tool, Tool::Capd);
        assert!(v.echoes.contains(&("age", "= 11.5 years".to_string())));
        let v = read_assessment(&form(&[("age", "1,2,3"), ("seizure", "none")]));
        assert!(matches!(
            v.icans,
            Outcome::Invalid(FieldIssue { slot: "age", .. })
        ));
        let v = read_assessment(&form(&[("age", "130"), ("seizure", "none")]));
        match v.icans {
            Outcome::Invalid(i) => assert_eq!(
                (i.slot, i.message.as_str()),
                ("age", "Age must be 0-120 years, got 130")
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_cause_on_an_unassessed_domain_is_flagged_at_that_domain() {
        let v = read_assessment(&form(&[
            ("other-seizure", "on"),
            ("consciousness", "alert"),
        ]));
        assert!(matches!(
            v.icans,
            Outcome::Invalid(FieldIssue {
                slot: "seizure",
                ..
            })
        ));
    }

    #[test]
    fn crs_temperature_with_decimal_comma() {
        let v = read_assessment(&form(&[
            ("temperature", "38,0"),
            ("hypotension", "noVasopressors"),
        ]));
        match v.crs {
            Outcome::Graded(r) => assert_eq!(r.grade, Grade::G2),
            other => panic!("{other:?}"),
        }
        let v = read_assessment(&form(&[("temperature", "100,4"), ("hypotension", "none")]));
        match v.crs {
            Outcome::Invalid(i) => {
                assert_eq!(i.slot, "fever");
                assert!(
                    i.message
                        .starts_with("Temperature must be 25-45 °C, got 100.4"),
                    "{}",
                    i.message
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn crs_nasal_cannula_without_flow_asks_for_it() {
        let v = read_assessment(&form(&[("fever", "present"), ("oxygen", "nasalCannula")]));
        assert!(matches!(
            v.crs,
            Outcome::Invalid(FieldIssue { slot: "flow", .. })
        ));
        let v = read_assessment(&form(&[
            ("fever", "present"),
            ("oxygen", "nasalCannula"),
            ("flow", "6"),
        ]));
        assert!(matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G2));
    }

    #[test]
    fn hypotension_without_fever_asks_for_fever() {
        let v = read_assessment(&form(&[("hypotension", "oneVasopressor")]));
        assert!(matches!(
            v.crs,
            Outcome::Invalid(FieldIssue { slot: "fever", .. })
        ));
    }

    #[test]
    fn invalid_card_shows_no_grade_number() {
        let v = read_assessment(&form(&[
            ("age", "abc"),
            ("seizure", "prolongedOrRepetitive"),
        ]));
        let html = icans_result_html(&v.icans);
        assert!(html.contains("No grade"));
        assert!(!html.contains("Grade 4"));
    }

    #[test]
    fn result_card_marks_driver_and_missing_rows_and_cites_the_source() {
        let v = read_assessment(&form(&[
            ("ice-status", "performed"),
            ("ice-year", "on"),
            ("ice-month", "on"),
            ("consciousness", "alert"),
        ]));
        let html = icans_result_html(&v.icans);
        assert!(html.contains("Grade 3"));
        assert!(html.contains("class=\"driver\" data-domain=\"tool\""));
        assert!(html.contains("class=\"missing\" data-domain=\"seizure\""));
        assert!(html.contains("Lee DW"));
        assert!(html.contains(crate::APP_VERSION));
    }

    #[test]
    fn forms_contain_every_option_with_its_grade() {
        let html = icans_form_html();
        for (api, _) in CONSCIOUSNESS {
            assert!(html.contains(&format!("name=\"consciousness\" value=\"{api}\"")));
        }
        assert!(html.contains("Awakens only to tactile stimulus <b class=\"tag g3\">G3</b>"));
        let crs = crs_form_html();
        for (api, _) in OXYGEN {
            assert!(crs.contains(&format!("name=\"oxygen\" value=\"{api}\"")));
        }
    }

    #[test]
    fn record_text_names_grade_basis_and_source() {
        let v = read_assessment(&form(&[("ice-status", "unarousable"), ("fever", "absent")]));
        let text = record_text(&v);
        assert!(text.contains("ICANS grade 4"));
        assert!(text.contains("CRS grade 0"));
        assert!(text.contains("Lee DW"));
    }
    fn crs_issue_of(pairs: &[(&str, &str)]) -> FieldIssue {
        match read_assessment(&form(pairs)).crs {
            Outcome::Invalid(i) => i,
            other => panic!("expected a CRS message, got {other:?}"),
        }
    }

    // Issue 9 item 4: the masked option says fever was present first, in the form and basis.
    #[test]
    fn masked_fever_option_and_basis_say_fever_was_present_first() {
        let html = crs_form_html();
        assert!(html.contains(
            "name=\"fever\" value=\"masked\" data-slot=\"fever\"><span>Fever was present, then masked by antipyretic or anti-cytokine therapy"
        ));
        let v = read_assessment(&form(&[
            ("fever", "masked"),
            ("hypotension", "oneVasopressor"),
        ]));
        match v.crs {
            Outcome::Graded(r) => {
                assert_eq!(r.grade, Grade::G3);
                assert!(r.basis.contains(
                    "fever that was present, then masked by antipyretic or anti-cytokine therapy"
                ));
            }
            other => panic!("{other:?}"),
        }
    }

    // A temperature typed while a fever finding is chosen is refused at the field, never ignored.
    #[test]
    fn temperature_typed_with_absent_or_masked_is_refused_at_the_field() {
        for choice in ["absent", "masked", "present"] {
            let i = crs_issue_of(&[
                ("fever", choice),
                ("temperature", "38,5"),
                ("hypotension", "none"),
            ]);
            assert_eq!(i.slot, "fever");
            assert!(
                i.message
                    .starts_with("A temperature of 38.5 °C is typed while"),
                "{}",
                i.message
            );
            assert!(i.message.contains("Measured temperature"), "{}", i.message);
        }
        // Measured, or no choice at all, grades from the temperature.
        for choice in ["measured", ""] {
            let v = read_assessment(&form(&[
                ("fever", choice),
                ("temperature", "38,5"),
                ("hypotension", "none"),
            ]));
            assert!(
                matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G1),
                "{choice}"
            );
        }
        // Without a temperature the finding is used as chosen.
        let v = read_assessment(&form(&[("fever", "absent"), ("hypotension", "none")]));
        assert!(matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G0));
    }

    #[test]
    fn oxygen_flow_without_a_device_or_with_no_oxygen_gets_a_message() {
        let i = crs_issue_of(&[("fever", "present"), ("flow", "4")]);
        assert_eq!(i.slot, "flow");
        assert!(
            i.message
                .starts_with("An oxygen flow of 4 L/min is typed but no oxygen device is chosen")
        );
        let i = crs_issue_of(&[("fever", "present"), ("oxygen", "none"), ("flow", "4")]);
        assert_eq!(i.slot, "flow");
        assert!(i.message.contains("No supplemental oxygen"));
        // A facemask keeps the flow as a record and says it is not graded.
        let v = read_assessment(&form(&[
            ("fever", "present"),
            ("oxygen", "facemask"),
            ("flow", "4"),
        ]));
        match v.crs {
            Outcome::Graded(r) => {
                assert_eq!(r.grade, Grade::G3);
                let html = crs_result_html(&Outcome::Graded(r));
                assert!(
                    html.contains("does not change the grade: Facemask is graded by the device")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    // Issue 9 item 7: the unit is the one chosen; °F is converted exactly and echoed.
    #[test]
    fn fahrenheit_is_converted_echoed_and_range_checked_after_conversion() {
        let v = read_assessment(&form(&[
            ("temperature", "101,3"),
            ("temp-unit", FAHRENHEIT),
            ("hypotension", "none"),
        ]));
        assert!(
            v.echoes
                .contains(&("fever", "101,3 °F = 38.5 °C".to_string())),
            "{:?}",
            v.echoes
        );
        assert!(matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G1));
        // 100.4 °F is exactly the 38.0 °C edge; 100.3 °F is below it.
        let v = read_assessment(&form(&[
            ("temperature", "100.4"),
            ("temp-unit", FAHRENHEIT),
            ("hypotension", "none"),
        ]));
        assert!(matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G1));
        let v = read_assessment(&form(&[
            ("temperature", "100.3"),
            ("temp-unit", FAHRENHEIT),
            ("hypotension", "none"),
        ]));
        assert!(matches!(v.crs, Outcome::Graded(ref r) if r.grade == Grade::G0));
        assert!(
            v.echoes
                .contains(&("fever", "100.3 °F \u{2248} 37.9 °C".to_string())),
            "{:?}",
            v.echoes
        );
        // The range applies after conversion, shown in both units.
        let i = crs_issue_of(&[("temperature", "38,5"), ("temp-unit", FAHRENHEIT)]);
        assert_eq!(i.slot, "fever");
        assert!(
            i.message
                .starts_with("Temperature must be 77-113 °F (25-45 °C), got 38.5 °F"),
            "{}",
            i.message
        );
        // The same digits in °C are never read as °F.
        let i = crs_issue_of(&[("temperature", "101,3")]);
        assert!(
            i.message
                .contains("If this reading is in Fahrenheit, choose °F"),
            "{}",
            i.message
        );
        let v = read_assessment(&form(&[("temperature", "38,5"), ("hypotension", "none")]));
        assert!(v.echoes.contains(&("fever", "= 38.5 °C".to_string())));
    }

    #[test]
    fn the_fever_edge_shown_comes_from_the_core_constant() {
        let html = crs_form_html();
        let edge = numbers::format_fixed(FEVER_FROM_C, 1);
        assert!(html.contains(&format!("Fever is {edge} \u{b0}C (100.4 \u{b0}F) or more")));
        assert!(html.contains("name=\"temp-unit\" value=\"F\""));
    }
}
