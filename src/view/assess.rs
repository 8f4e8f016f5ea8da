//! The bedside assessment: the ICANS and CRS forms, how their values are read into the core's
//! own types ([`IcansAssessment`], [`CrsAssessment`]) and graded, and how results (or the reason
//! there is none) are shown.
//!
//! The form is read once, by [`read_assessment`]: each value is parsed, checked by the core's
//! constructors and ranges, and a problem is reported at the form field it concerns
//! ([`AssessField`]). The JSON record of what was entered ([`AssessView::icans_input`]) is written
//! only for storage, from the typed values.

use super::html::{
    Choice, RadioGroup, TextField, checkbox, error_slot, esc, grade_badge, source_line, td, th_row,
    tr,
};
use super::record::Record;
use super::{FieldIssue, RawForm, capitalise, ticked, value};
use crate::case::Assessment;
use crate::error::{Bound, Problem, Range};
use crate::grading::Grade;
use crate::grading::capd::{self, CapdAssessment, Frequency};
use crate::grading::crs::{
    self as crs, CrsAssessment, CrsResult, FEVER_FROM_C, Fever, FlowProblem, Hypotension, Oxygen,
    OxygenDevice,
};
use crate::grading::icans::{
    self as icans, AGE_YEARS, Consciousness, ICE_FROM_AGE_YEARS, IcansAssessment, IcansDomain,
    IcansFindings, IcansInputError, IcansResult, IcpEdema, Motor, Seizure, Tool, ToolFinding,
};
use crate::grading::ice::{self, IceAssessment, IceItems};
use crate::json::Json;
use crate::numbers::{self, DecimalSeparator};
use crate::{sources, units};

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

/// The fields of the assessment forms that carry a message, each shown at its error slot
/// ([`SLOTS`], in the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessField {
    Age,
    Tool,
    Ice,
    Capd,
    Consciousness,
    Seizure,
    Motor,
    IcpEdema,
    /// The ICANS form as a whole.
    Icans,
    /// The fever choice and the temperature with its unit.
    Fever,
    Hypotension,
    Oxygen,
    Flow,
}

impl AssessField {
    /// The error slot (`#err-{slot}`); for a radio group also the form name of its value.
    pub fn slot(self) -> &'static str {
        // The variants are declared in the order of `SLOTS`.
        SLOTS.get(self as usize).copied().unwrap_or("icans")
    }

    /// The field holding an ICANS domain's finding (the tool's is ICE's or CAPD's block).
    fn of_domain(domain: IcansDomain, tool: Tool) -> AssessField {
        match (domain, tool) {
            (IcansDomain::Tool, Tool::Ice) => AssessField::Ice,
            (IcansDomain::Tool, Tool::Capd) => AssessField::Capd,
            (IcansDomain::Consciousness, _) => AssessField::Consciousness,
            (IcansDomain::Seizure, _) => AssessField::Seizure,
            (IcansDomain::Motor, _) => AssessField::Motor,
            (IcansDomain::IcpEdema, _) => AssessField::IcpEdema,
        }
    }

    fn issue(self, message: impl Into<String>) -> FieldIssue {
        FieldIssue::new(self.slot(), message)
    }
}

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

fn grade_tag(g: Grade) -> String {
    format!("<b class=\"tag g{}\">G{}</b>", g.number(), g.number())
}

fn not_assessed() -> Choice {
    (
        String::new(),
        "<span class=\"muted\">Not assessed</span>".to_string(),
    )
}

/// "Not assessed", then each finding (API name, label, grade) with its grade tag; `finding(i)`
/// gives the i-th of the core's values (a closure rather than a collected list: one copy of
/// this loop in the wasm).
fn graded_choices(
    finding: &dyn Fn(usize) -> Option<(&'static str, &'static str, Grade)>,
) -> Vec<Choice> {
    let mut v = vec![not_assessed()];
    let mut i = 0;
    while let Some((api, label, grade)) = finding(i) {
        v.push((
            api.to_string(),
            format!("{} {}", esc(label), grade_tag(grade)),
        ));
        i += 1;
    }
    v
}

fn group<'a>(name: &'a str, legend: &'a str, class: &'a str) -> RadioGroup<'a> {
    RadioGroup {
        name,
        slot: name,
        legend,
        class,
        ..RadioGroup::default()
    }
}

/// A domain's radio group, its "another cause" box and its error slot.
fn domain_group(field: AssessField, legend: &str, choices: &[Choice]) -> String {
    let slot = field.slot();
    format!(
        "{}{}{}</fieldset>",
        group(slot, legend, "").open(choices),
        checkbox(
            &format!("other-{slot}"),
            slot,
            "other-cause",
            "Attributable to another cause (e.g. sedating medication) \u{2014} shown, not graded"
        ),
        error_slot(slot)
    )
}

fn ice_box(name: &str, label: &str) -> String {
    checkbox(
        name,
        "ice",
        "opt check",
        &format!("{} <b class=\"pts\">+1</b>", esc(label)),
    )
}

/// A status group of the tool (ICE or CAPD): not assessed, performed, unarousable (grade 4).
fn tool_status(name: &str, slot: &str, legend: &str, performed: &str, unarousable: &str) -> String {
    RadioGroup {
        name,
        slot,
        legend,
        class: "compact",
        ..RadioGroup::default()
    }
    .closed(&[
        not_assessed(),
        ("performed".to_string(), performed.to_string()),
        (
            "unarousable".to_string(),
            format!(
                "{unarousable} {}",
                grade_tag(IceAssessment::Unarousable.grade())
            ),
        ),
    ])
}

/// The ICANS form: age and tool, ICE items, CAPD items, the four other domains.
pub fn icans_form_html() -> String {
    let mut h = String::from("<div class=\"age-tool\">");
    h.push_str(
        &TextField {
            name: "age",
            slot: "age",
            label: "Age",
            unit: " (years)",
            placeholder: "e.g. 39",
            ..TextField::default()
        }
        .html(),
    );
    h.push_str(&group("tool", "Encephalopathy tool", "compact").open(&[
        (String::new(), "Automatic by age".to_string()),
        ("ice".to_string(), "ICE".to_string()),
        (
            "capd".to_string(),
            "CAPD (child, or developmental delay)".to_string(),
        ),
    ]));
    h.push_str(&error_slot("tool"));
    h.push_str("</fieldset><p id=\"tool-note\" class=\"note\"></p></div>");

    // ICE
    h.push_str("<section id=\"ice-block\" class=\"tool-block\" aria-labelledby=\"ice-heading\"><h3 id=\"ice-heading\">ICE score <output id=\"ice-total\" class=\"running\">not assessed</output></h3>");
    h.push_str(&tool_status(
        "ice-status",
        "ice",
        "ICE assessment",
        "Performed (patient awake)",
        "Unarousable \u{2014} cannot perform ICE (scores 0)",
    ));
    h.push_str(&format!(
        "<p class=\"hint\">{}</p><div class=\"ice-items\">",
        esc(ice::STATUS_HINT)
    ));
    let one_point: Vec<(&str, &str)> = ICE_ONE_POINT.iter().map(|(n, _, l)| (*n, *l)).collect();
    let items = [
        (
            "Orientation",
            "pts-orientation",
            &ICE_ORIENTATION[..],
            usize::from(ice::ORIENTATION_MAX_POINTS),
        ),
        (
            "Naming",
            "pts-naming",
            &ICE_NAMING[..],
            usize::from(ice::NAMING_MAX_POINTS),
        ),
        (
            "Commands, writing, attention",
            "pts-other",
            &one_point[..],
            ICE_ONE_POINT.len(),
        ),
    ];
    for (legend, id, boxes, max) in items {
        h.push_str(&format!("<fieldset class=\"items\"><legend>{legend} <output id=\"{id}\">0/{max}</output></legend><div class=\"options\">"));
        for (name, label) in boxes {
            h.push_str(&ice_box(name, label));
        }
        h.push_str("</div></fieldset>");
    }
    h.push_str("</div>");
    h.push_str(&checkbox(
        "ice-awake-zero",
        "ice",
        "opt check awake-zero",
        &format!("{} {}", esc(ice::AWAKE_ZERO_LABEL), grade_tag(Grade::G3)),
    ));
    h.push_str(&error_slot("ice"));
    h.push_str("</section>");

    // CAPD
    h.push_str("<section id=\"capd-block\" class=\"tool-block\" aria-labelledby=\"capd-heading\" hidden><h3 id=\"capd-heading\">CAPD <output id=\"capd-total\" class=\"running\">not assessed</output></h3>");
    h.push_str(&tool_status(
        "capd-status",
        "capd",
        "CAPD assessment",
        "Performed",
        "Unarousable \u{2014} cannot perform CAPD",
    ));
    h.push_str(&format!(
        "<p class=\"hint\">{}</p><ol class=\"capd-items\">",
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
            let label = format!("{} <b class=\"pts\">{pts}</b>", f.label());
            h.push_str(&super::html::radio(
                &format!("capd-{n}"),
                f.api_name(),
                "capd",
                "",
                &label,
            ));
        }
        h.push_str("</div></fieldset></li>");
    }
    h.push_str("</ol>");
    h.push_str(&error_slot("capd"));
    h.push_str("</section><div class=\"other-tool\">");
    h.push_str(&checkbox(
        "other-tool",
        "ice",
        "other-cause",
        "ICE / CAPD result attributable to another cause \u{2014} shown, not graded",
    ));
    h.push_str("</div>");

    h.push_str(&domain_group(
        AssessField::Consciousness,
        "Level of consciousness",
        &graded_choices(&|i| {
            Consciousness::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        }),
    ));
    h.push_str(&domain_group(
        AssessField::Seizure,
        "Seizure",
        &graded_choices(&|i| {
            Seizure::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        }),
    ));
    h.push_str(&domain_group(
        AssessField::Motor,
        "Motor findings",
        &graded_choices(&|i| {
            Motor::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        }),
    ));
    h.push_str(&domain_group(
        AssessField::IcpEdema,
        "Raised intracranial pressure / cerebral edema",
        &graded_choices(&|i| {
            IcpEdema::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        }),
    ));
    h.push_str(&error_slot("icans"));
    h.push_str("<p class=\"hint\">Not ICANS features (Lee 2019): tremor and myoclonus (grade by CTCAE), intracranial haemorrhage with or without edema.</p>");
    h
}

/// The fever edge in both units, as the form says it: ("38.0", "100.4").
fn fever_edge() -> (String, String) {
    (
        numbers::format_fixed(FEVER_FROM_C, 1),
        numbers::format_fixed(units::fahrenheit_from_celsius(FEVER_FROM_C), 1),
    )
}

/// The CRS form: fever or temperature, hypotension, oxygen device and flow.
pub fn crs_form_html() -> String {
    let mut fever = vec![(
        String::new(),
        "<span class=\"muted\">Not entered</span>".to_string(),
    )];
    fever.extend(
        Fever::FINDINGS
            .iter()
            .chain(&[Fever::MeasuredC(FEVER_FROM_C)])
            .map(|f| (f.api_name().to_string(), esc(f.option_label()))),
    );
    let mut h = group("fever", "Fever", "").open(&fever);
    h.push_str(
        &RadioGroup {
            name: "temp-unit",
            slot: "fever",
            legend: "Temperature unit",
            class: "compact unit-choice",
            ..RadioGroup::default()
        }
        .closed(&[
            (String::new(), "\u{b0}C".to_string()),
            (FAHRENHEIT.to_string(), "\u{b0}F".to_string()),
        ]),
    );
    h.push_str(
        &TextField {
            name: "temperature",
            slot: "fever",
            label: "Temperature",
            unit: " (in the unit chosen above)",
            placeholder: "e.g. 38,4 or 101,1",
            ..TextField::default()
        }
        .html(),
    );
    let (c, f) = fever_edge();
    h.push_str(&format!(
        "<p class=\"hint\">Fever is {c} \u{b0}C ({f} \u{b0}F) or more. The unit is never guessed from the number: choose \u{b0}F for a reading in Fahrenheit.</p></fieldset>"
    ));
    h.push_str(
        &group("hypotension", "Hypotension", "").open(&graded_choices(&|i| {
            Hypotension::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        })),
    );
    h.push_str(&error_slot("hypotension"));
    h.push_str("</fieldset>");
    let mut oxygen = vec![not_assessed()];
    oxygen.extend(OxygenDevice::ALL.iter().map(|d| {
        (
            d.api_name().to_string(),
            format!("{} \u{2014} {}", esc(d.label()), esc(&d.grade_cell())),
        )
    }));
    h.push_str(&group("oxygen", "Oxygen support (hypoxia)", "").open(&oxygen));
    h.push_str(
        &TextField {
            name: "flow",
            slot: "flow",
            label: "Oxygen flow",
            unit: " (L/min)",
            placeholder: "needed for nasal cannula",
            ..TextField::default()
        }
        .html(),
    );
    h.push_str(&error_slot("oxygen"));
    h.push_str("</fieldset>");
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

impl<R> Outcome<R> {
    fn issue(&self) -> Option<FieldIssue> {
        match self {
            Outcome::Invalid(i) => Some(i.clone()),
            Outcome::Empty | Outcome::Graded(_) => None,
        }
    }

    /// The outcome of reading one form: nothing entered, a message, or the value graded.
    pub(super) fn of<T>(read: Result<Option<T>, FieldIssue>, grade: impl FnOnce(&T) -> R) -> Self {
        match read {
            Err(i) => Outcome::Invalid(i),
            Ok(None) => Outcome::Empty,
            Ok(Some(t)) => Outcome::Graded(grade(&t)),
        }
    }
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
    /// What was entered, as the case file records it (`gradeIcans` / `gradeCrs` input), when it
    /// can be graded.
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
        self.icans.issue()
    }

    pub fn crs_issue(&self) -> Option<FieldIssue> {
        self.crs.issue()
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

/// "“1,2,3” is not read as a number: ..." at the field.
fn not_a_number(field: AssessField, text: &str, e: &numbers::NumberError) -> FieldIssue {
    field.issue(format!(
        "\u{201c}{text}\u{201d} is not read as a number: {e}"
    ))
}

fn point(x: f64) -> String {
    numbers::format_decimal(x, DecimalSeparator::Point)
}

/// A typed number field: `Ok(None)` when empty, the value (echoed in `range`'s unit), or a
/// message at the field. The range is checked by [`in_range`] once the form can be graded.
fn number_field(
    form: &RawForm,
    field: AssessField,
    range: Range,
    echoes: &mut Vec<(&'static str, String)>,
) -> Result<Option<f64>, FieldIssue> {
    let text = value(form, field.slot());
    if text.is_empty() {
        return Ok(None);
    }
    let x = numbers::parse_decimal(text).map_err(|e| not_a_number(field, text, &e))?;
    // An impossible value is not echoed back as if it were read ("= 1e308 years"): the echo
    // says the range at once, before any finding makes it an error of the grade.
    let echo = if range.contains(x) {
        format!("= {}{}", point(x), range.unit)
    } else {
        Problem::OutOfRange { range, got: x }.to_string()
    };
    echoes.push((field.slot(), echo));
    Ok(Some(x))
}

/// A value outside the core's range, refused at its field ("Age must be 0-120 years, got 130").
fn in_range(
    x: Option<f64>,
    field: AssessField,
    label: &str,
    range: Range,
) -> Result<(), FieldIssue> {
    match x {
        Some(got) if !range.contains(got) => {
            Err(field.issue(format!("{label} {}", Problem::OutOfRange { range, got })))
        }
        Some(_) | None => Ok(()),
    }
}

/// A radio group's choice among the core's values (`all`, named by `api`): `Ok(None)` when
/// nothing is chosen.
fn choice<T: Copy>(
    form: &RawForm,
    field: AssessField,
    all: &[T],
    api: fn(T) -> &'static str,
) -> Result<Option<T>, FieldIssue> {
    let names: Vec<&'static str> = all.iter().map(|t| api(*t)).collect();
    Ok(choice_index(form, field, names)?.and_then(|i| all.get(i).copied()))
}

/// The position of the chosen value among `names` (not generic: one copy in the wasm).
fn choice_index(
    form: &RawForm,
    field: AssessField,
    names: Vec<&'static str>,
) -> Result<Option<usize>, FieldIssue> {
    let v = value(form, field.slot());
    if v.is_empty() {
        return Ok(None);
    }
    match names.iter().position(|n| *n == v) {
        Some(i) => Ok(Some(i)),
        None => Err(field.issue(capitalise(
            &Problem::UnknownValue {
                got: v.to_string(),
                allowed: names,
            }
            .to_string(),
        ))),
    }
}

/// The tool note under the age: which tool is in use and why.
fn tool_note(chosen: Option<Tool>, age_years: Option<f64>) -> String {
    let from = ICE_FROM_AGE_YEARS;
    match (chosen, age_years) {
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
    }
}

/// Reads both forms (ICANS and CRS fields share one `RawForm`) and grades what can be graded.
pub fn read_assessment(form: &RawForm) -> AssessView {
    let mut echoes = Vec::new();
    let age = number_field(form, AssessField::Age, AGE_YEARS, &mut echoes);
    let chosen = choice(
        form,
        AssessField::Tool,
        &[Tool::Ice, Tool::Capd],
        Tool::api_name,
    )
    .ok()
    .flatten();
    let age_years = age.as_ref().ok().copied().flatten();
    let tool = Tool::select(age_years.filter(|a| AGE_YEARS.contains(*a)), chosen);
    let n_ticked =
        |names: &mut dyn Iterator<Item = &str>| names.filter(|n| ticked(form, n)).count() as u8;
    let ice_points = IcePoints {
        orientation: n_ticked(&mut ICE_ORIENTATION.iter().map(|(n, _)| *n)),
        naming: n_ticked(&mut ICE_NAMING.iter().map(|(n, _)| *n)),
        other: n_ticked(&mut ICE_ONE_POINT.iter().map(|(n, _, _)| *n)),
    };
    let capd_answers: Vec<Option<Frequency>> = (1..=capd::ITEMS.len())
        .map(|n| {
            Frequency::ALL
                .into_iter()
                .find(|f| f.api_name() == value(form, &format!("capd-{n}")))
        })
        .collect();
    let capd_scored: Option<[Frequency; capd::ITEMS.len()]> = capd_answers
        .iter()
        .copied()
        .collect::<Option<Vec<_>>>()
        .and_then(|v| v.try_into().ok());
    let mut icans_checks = Vec::new();
    let icans_read = read_icans(
        form,
        tool,
        chosen,
        age,
        ice_points,
        (&capd_answers, capd_scored),
        &mut icans_checks,
    );
    let icans = Outcome::of(icans_read.clone(), |(a, _)| a.grade());
    if let Outcome::Graded(r) = &icans {
        icans_checks.extend(icans::inconsistencies(r));
    }
    let crs_read = read_crs(form, &mut echoes);
    AssessView {
        tool,
        tool_note: tool_note(chosen, age_years),
        ice_points,
        capd_total: capd_scored.and_then(|a| CapdAssessment::Scored(a).total()),
        capd_answered: capd_answers.iter().flatten().count(),
        echoes,
        icans_input: icans_read.ok().flatten().map(|(_, json)| json),
        crs: Outcome::of(crs_read.clone(), |(a, _)| a.grade()),
        crs_input: crs_read.ok().flatten().map(|(_, json)| json),
        icans,
        icans_checks,
    }
}

/// The ICE or CAPD finding, from the status chosen: ticked tasks under "Not assessed" are kept
/// but not used, and "Performed" with nothing ticked is ICE 0 only once the user confirms an
/// awake patient scored 0 (an empty form is not a score).
fn read_tool(
    form: &RawForm,
    tool: Tool,
    ice_points: IcePoints,
    (capd_answers, capd_scored): (&[Option<Frequency>], Option<[Frequency; 8]>),
    checks: &mut Vec<String>,
) -> Result<Option<ToolFinding>, FieldIssue> {
    match tool {
        Tool::Ice => {
            let awake_zero = ticked(form, "ice-awake-zero");
            match (value(form, "ice-status"), ice_points.total(), awake_zero) {
                ("unarousable", _, _) => Ok(Some(ToolFinding::Ice(IceAssessment::Unarousable))),
                ("performed", 1..=u8::MAX, true) => {
                    Err(AssessField::Ice.issue(ice::AWAKE_ZERO_WITH_POINTS))
                }
                ("performed", 0, false) => {
                    checks.push(ice::AWAKE_ZERO_PENDING.to_string());
                    Ok(None)
                }
                ("performed", _, _) => IceItems::new(
                    ice_points.orientation,
                    ice_points.naming,
                    ticked(form, "ice-commands"),
                    ticked(form, "ice-writing"),
                    ticked(form, "ice-attention"),
                )
                .map(|items| Some(ToolFinding::Ice(IceAssessment::Scored(items))))
                .map_err(|e| AssessField::Ice.issue(capitalise(&e.to_string()))),
                (_, _, _) => Ok(None),
            }
        }
        Tool::Capd => match (value(form, "capd-status"), capd_scored) {
            ("unarousable", _) => Ok(Some(ToolFinding::Capd(CapdAssessment::Unarousable))),
            ("performed", Some(answers)) => {
                Ok(Some(ToolFinding::Capd(CapdAssessment::Scored(answers))))
            }
            ("performed", None) => {
                let missing: Vec<String> = capd_answers
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.is_none())
                    .map(|(i, _)| (i + 1).to_string())
                    .collect();
                Err(AssessField::Capd.issue(format!(
                    "Answer all {} CAPD items (not answered: {}); no grade until then.",
                    capd::ITEMS.len(),
                    missing.join(", ")
                )))
            }
            (_, _) => Ok(None),
        },
    }
}

/// The ICANS form as the core's assessment, with its record; `Ok(None)` when nothing is entered.
fn read_icans(
    form: &RawForm,
    tool: Tool,
    chosen: Option<Tool>,
    age: Result<Option<f64>, FieldIssue>,
    ice_points: IcePoints,
    capd: (&[Option<Frequency>], Option<[Frequency; 8]>),
    checks: &mut Vec<String>,
) -> Result<Option<(IcansAssessment, Json)>, FieldIssue> {
    let age = age?;
    let findings = IcansFindings {
        tool_finding: read_tool(form, tool, ice_points, capd, checks)?,
        consciousness: choice(
            form,
            AssessField::Consciousness,
            &Consciousness::ALL,
            Consciousness::api_name,
        )?,
        seizure: choice(form, AssessField::Seizure, &Seizure::ALL, Seizure::api_name)?,
        motor: choice(form, AssessField::Motor, &Motor::ALL, Motor::api_name)?,
        icp_edema: choice(
            form,
            AssessField::IcpEdema,
            &IcpEdema::ALL,
            IcpEdema::api_name,
        )?,
        other_cause: IcansDomain::ALL
            .into_iter()
            .filter(|d| ticked(form, &format!("other-{}", d.api_name())))
            .collect(),
    };
    let unassessed = |d: IcansDomain| {
        AssessField::of_domain(d, tool).issue(
            "Marked as attributable to another cause but not assessed: enter the finding, or untick the box.",
        )
    };
    match IcansAssessment::new(tool, findings.clone()) {
        Ok(a) => {
            in_range(age, AssessField::Age, "Age", AGE_YEARS)?;
            Ok(Some((a, icans_record(age, chosen, &findings))))
        }
        Err(IcansInputError::NothingAssessed) => match findings.other_cause.first() {
            Some(d) => Err(unassessed(*d)),
            None => Ok(None),
        },
        Err(IcansInputError::OtherCauseNotAssessed(d)) => Err(unassessed(d)),
        Err(e) => Err(AssessField::Icans.issue(capitalise(&e.to_string()))),
    }
}

/// The case file's record of an ICANS assessment (the `gradeIcans` input).
fn icans_record(age: Option<f64>, chosen: Option<Tool>, f: &IcansFindings) -> Json {
    let text = |s: &str| Json::String(s.to_string());
    let mut fields: Vec<(&str, Json)> = Vec::new();
    if let Some(a) = age {
        fields.push(("ageYears", Json::Number(a)));
    }
    if let Some(t) = chosen {
        fields.push(("tool", text(t.api_name())));
    }
    match &f.tool_finding {
        Some(ToolFinding::Ice(IceAssessment::Unarousable)) => {
            fields.push(("ice", text("unarousable")))
        }
        Some(ToolFinding::Ice(IceAssessment::Scored(items))) => {
            let n = |x: u8| Json::Number(f64::from(x));
            fields.push((
                "ice",
                Json::object(vec![
                    ("orientation", n(items.orientation())),
                    ("naming", n(items.naming())),
                    ("commands", n(u8::from(items.commands()))),
                    ("writing", n(u8::from(items.writing()))),
                    ("attention", n(u8::from(items.attention()))),
                ]),
            ));
        }
        Some(ToolFinding::Capd(CapdAssessment::Unarousable)) => {
            fields.push(("capd", text("unarousable")))
        }
        Some(ToolFinding::Capd(CapdAssessment::Scored(answers))) => fields.push((
            "capd",
            Json::Array(answers.iter().map(|a| text(a.api_name())).collect()),
        )),
        None => {}
    }
    let domains = [
        (
            "consciousness",
            f.consciousness.map(Consciousness::api_name),
        ),
        ("seizure", f.seizure.map(Seizure::api_name)),
        ("motor", f.motor.map(Motor::api_name)),
        ("icpEdema", f.icp_edema.map(IcpEdema::api_name)),
    ];
    fields.extend(domains.into_iter().filter_map(|(k, v)| Some((k, text(v?)))));
    if !f.other_cause.is_empty() {
        fields.push((
            "otherCause",
            Json::Array(f.other_cause.iter().map(|d| text(d.api_name())).collect()),
        ));
    }
    Json::object(fields)
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
    let typed =
        numbers::parse_decimal(text).map_err(|e| not_a_number(AssessField::Fever, text, &e))?;
    let range = crs::TEMPERATURE_C;
    let c = |x: f64| numbers::format_trimmed(x, 1);
    let f = |x: f64| numbers::format_trimmed(units::fahrenheit_from_celsius(x), 1);
    let edge = |b: Bound| match b {
        Bound::Inclusive(x) | Bound::Exclusive(x) => x,
        Bound::Unbounded => f64::NAN,
    };
    let (low, high) = (edge(range.min), edge(range.max));
    let fahrenheit = value(form, "temp-unit") == FAHRENHEIT;
    let (t_c, echo) = if fahrenheit {
        let t_c = units::celsius_from_fahrenheit(typed);
        let shown_c = crs::temperature_text_c(t_c);
        let same = shown_c.parse::<f64>().is_ok_and(|x| x == t_c);
        let conversion = format!(
            "{text} \u{b0}F {} {shown_c} \u{b0}C",
            if same { "=" } else { "\u{2248}" }
        );
        (t_c, conversion)
    } else {
        (typed, format!("= {} \u{b0}C", point(typed)))
    };
    if !range.contains(t_c) {
        return Err(AssessField::Fever.issue(if fahrenheit {
            format!(
                "Temperature must be {}-{} \u{b0}F ({}-{} \u{b0}C), got {} \u{b0}F ({echo}).",
                f(low),
                f(high),
                c(low),
                c(high),
                point(typed)
            )
        } else {
            format!(
                "Temperature must be {}-{} \u{b0}C, got {} \u{b0}C. If this reading is in Fahrenheit, choose \u{b0}F.",
                c(low),
                c(high),
                point(typed)
            )
        }));
    }
    echoes.push(("fever", echo));
    Ok(Some(t_c))
}

/// The CRS form as the core's assessment, with its record; `Ok(None)` when nothing is entered.
fn read_crs(
    form: &RawForm,
    echoes: &mut Vec<(&'static str, String)>,
) -> Result<Option<(CrsAssessment, Json)>, FieldIssue> {
    let temperature = temperature_c(form, echoes);
    let flow = number_field(form, AssessField::Flow, crs::OXYGEN_L_PER_MIN, echoes);
    let finding = choice(form, AssessField::Fever, &Fever::FINDINGS, Fever::api_name);
    let typed = value(form, "temperature");
    let fever = match (finding, value(form, "fever")) {
        // A temperature typed beside a fever finding is never dropped unseen (masked fever):
        // neither is used until the user chooses one.
        (Ok(Some(f)), _) if !typed.is_empty() => {
            // As the echo shows it ("101,3 °F = 38.5 °C", "38.5 °C"), else as typed.
            let shown = match (&temperature, echoes.iter().find(|(s, _)| *s == "fever")) {
                (Ok(Some(_)), Some((_, echo))) => echo.trim_start_matches("= ").to_string(),
                _ => typed.to_string(),
            };
            return Err(AssessField::Fever.issue(crs::temperature_with_fever_choice(f, &shown)));
        }
        (Ok(Some(f)), _) => Some(f),
        (_, "measured" | "") => match temperature? {
            Some(t) => Some(Fever::MeasuredC(t)),
            None if value(form, "fever") == "measured" => {
                let (c, f) = fever_edge();
                return Err(AssessField::Fever.issue(format!(
                    "Enter the measured temperature ({c} \u{b0}C or {f} \u{b0}F or more is fever)."
                )));
            }
            None => None,
        },
        (Err(i), _) => return Err(i),
        (Ok(None), _) => None,
    };
    let hypotension = choice(
        form,
        AssessField::Hypotension,
        &Hypotension::ALL,
        Hypotension::api_name,
    )?;
    let device = choice(
        form,
        AssessField::Oxygen,
        &OxygenDevice::ALL,
        OxygenDevice::api_name,
    )?;
    let flow = flow?;
    if let Some(f) = flow
        && let Some(problem) = FlowProblem::check(device)
    {
        return Err(AssessField::Flow.issue(problem.message(&format!("{} L/min", point(f)))));
    }
    let Some(fever) = fever else {
        if hypotension.is_none() && device.is_none() {
            return Ok(None);
        }
        return Err(AssessField::Fever.issue(capitalise(
            &Problem::OneOfRequired {
                first: "fever",
                second: "temperatureC",
            }
            .to_string(),
        )));
    };
    in_range(
        flow,
        AssessField::Flow,
        "Oxygen flow",
        crs::OXYGEN_L_PER_MIN,
    )?;
    let oxygen = device
        .map(|d| Oxygen::new(d, flow))
        .transpose()
        .map_err(|e| AssessField::Flow.issue(format!("Oxygen flow {e}")))?;
    let mut fields: Vec<(&str, Json)> = vec![match fever {
        Fever::MeasuredC(t) => ("temperatureC", Json::Number(t)),
        f => ("fever", Json::String(f.api_name().to_string())),
    }];
    if let Some(h) = hypotension {
        fields.push(("hypotension", Json::String(h.api_name().to_string())));
    }
    if let Some(d) = device {
        fields.push(("oxygen", Json::String(d.api_name().to_string())));
        if let Some(f) = flow {
            fields.push(("oxygenLitersPerMin", Json::Number(f)));
        }
    }
    let assessment = CrsAssessment {
        fever,
        hypotension,
        oxygen,
    };
    Ok(Some((assessment, Json::object(fields))))
}

// ---------------------------------------------------------------------------------------------
// Results

/// One row of a result's domain table: which domain, its label, the finding and sub-grade (or
/// not assessed), and whether it sets the grade or is excluded (other cause).
struct DomainRow<'a> {
    api_name: &'static str,
    label: &'a str,
    /// (finding, sub-grade); `None` when not assessed.
    finding: Option<(&'a str, Grade)>,
    driver: bool,
    excluded: bool,
}

/// A graded result card: badge and status, basis, the domain table, notes, then `extra` (the
/// reference table) and the source line.
struct Card<'a> {
    title: &'a str,
    grade: Grade,
    complete: bool,
    status: String,
    warn: bool,
    basis: &'a str,
    rows: Vec<DomainRow<'a>>,
    notes: &'a [String],
    extra: String,
    source: &'a str,
}

fn result_card(card: Card) -> String {
    let Card {
        title,
        grade,
        complete,
        status,
        warn,
        basis,
        rows,
        notes,
        extra,
        source,
    } = card;
    let g = grade.number();
    let (what, caption) = if title == "ICANS" {
        ("Domain", "ICANS domains and sub-grades")
    } else {
        ("Parameter", "CRS parameters and sub-grades")
    };
    let mut body = Vec::new();
    for r in &rows {
        let (class, finding, sub) = match r.finding {
            Some((finding, sub)) => {
                let (class, mark) = if r.excluded {
                    (
                        "excluded",
                        " <span class=\"mark\">excluded: other cause</span>",
                    )
                } else if r.driver {
                    (
                        "driver",
                        " <span class=\"mark\">\u{25c0} sets the grade</span>",
                    )
                } else {
                    ("", "")
                };
                (
                    class,
                    format!("{}{mark}", esc(finding)),
                    sub.number().to_string(),
                )
            }
            None => (
                "missing",
                "not assessed".to_string(),
                "\u{2014}".to_string(),
            ),
        };
        body.push(tr(
            &format!("class=\"{class}\" data-domain=\"{}\"", r.api_name),
            &[th_row(&esc(r.label)), td("", &finding), td("", &sub)],
        ));
    }
    let mut h = format!(
        "<article class=\"result-card\" data-grade=\"{g}\" data-complete=\"{complete}\"><header class=\"result-head\">{}<div><h3>{title}</h3><p class=\"status{}\">{}</p></div></header><p class=\"basis\">{}</p>",
        grade_badge(g, "big"),
        if warn { " warn" } else { "" },
        esc(&status),
        esc(basis)
    );
    h.push_str(&super::html::table(
        "class=\"domains\"",
        caption,
        &[what, "Finding (table cell)", "Sub-grade"],
        &body,
        None,
    ));
    for n in notes {
        h.push_str(&format!("<p class=\"note\">{}</p>", esc(n)));
    }
    h.push_str(&extra);
    h.push_str(&source_line(source));
    h.push_str("</article>");
    h
}

fn incomplete(grade: Grade, missing: &[&str]) -> String {
    format!(
        "Incomplete \u{2014} at least grade {}; not assessed: {}",
        grade.number(),
        missing.join(", ")
    )
}

/// The ICANS result card.
pub fn icans_result_html(outcome: &Outcome<IcansResult>) -> String {
    let r = match outcome {
        Outcome::Empty => {
            return empty_card(
                "ICANS",
                "No ICANS finding entered yet. Score ICE (or CAPD) or choose a finding in any domain.",
            );
        }
        Outcome::Invalid(i) => return invalid_card("ICANS", i),
        Outcome::Graded(r) => r,
    };
    let status = if r.complete {
        "All five domains assessed".to_string()
    } else {
        let missing: Vec<&str> = r.missing.iter().map(|d| d.label(r.tool)).collect();
        incomplete(r.grade, &missing)
    };
    let mut rows = Vec::new();
    for domain in IcansDomain::ALL {
        let d = r.domains.iter().find(|d| d.domain == domain);
        rows.push(DomainRow {
            api_name: domain.api_name(),
            label: domain.label(r.tool),
            finding: d.map(|d| (d.finding.as_str(), d.grade)),
            driver: r.drivers.contains(&domain),
            excluded: d.is_some_and(|d| d.excluded),
        });
    }
    result_card(Card {
        title: "ICANS",
        grade: r.grade,
        complete: r.complete,
        status,
        warn: !r.complete,
        basis: &r.basis,
        rows,
        notes: &r.notes,
        extra: icans_reference_table(r),
        source: &r.source,
    })
}

/// The CRS result card.
pub fn crs_result_html(outcome: &Outcome<CrsResult>) -> String {
    let r = match outcome {
        Outcome::Empty => {
            return empty_card(
                "CRS",
                "No CRS finding entered yet. Start with fever (or a measured temperature).",
            );
        }
        Outcome::Invalid(i) => return invalid_card("CRS", i),
        Outcome::Graded(r) => r,
    };
    let no_crs = r.grade == Grade::G0;
    let status = if r.complete {
        "Fever, hypotension and oxygen assessed".to_string()
    } else if no_crs {
        "No fever: no CRS".to_string()
    } else {
        let missing: Vec<&str> = r.missing.iter().map(|p| p.label()).collect();
        incomplete(r.grade, &missing)
    };
    let mut rows = Vec::new();
    for d in &r.domains {
        rows.push(DomainRow {
            api_name: d.domain.api_name(),
            label: d.domain.label(),
            finding: Some((d.finding.as_str(), d.grade)),
            driver: r.drivers.contains(&d.domain),
            excluded: false,
        });
    }
    for p in &r.missing {
        rows.push(DomainRow {
            api_name: p.api_name(),
            label: p.label(),
            finding: None,
            driver: false,
            excluded: false,
        });
    }
    result_card(Card {
        title: "CRS",
        grade: r.grade,
        complete: r.complete,
        status,
        warn: !(r.complete || no_crs),
        basis: &r.basis,
        rows,
        notes: &r.notes,
        extra: String::new(),
        source: &r.source,
    })
}

fn no_grade_card(class: &str, extra: &str, title: &str, status_class: &str, text: &str) -> String {
    format!(
        "<article class=\"result-card {class}\" data-grade=\"none\"{extra}><header class=\"result-head\"><span class=\"grade-badge big none\">No grade</span><div><h3>{title}</h3><p class=\"{status_class}\">{}</p></div></header></article>",
        esc(text)
    )
}

fn empty_card(title: &str, prompt: &str) -> String {
    no_grade_card("empty", "", title, "status", prompt)
}

fn invalid_card(title: &str, i: &FieldIssue) -> String {
    no_grade_card(
        "invalid",
        &format!(" data-error-slot=\"{}\"", i.slot),
        title,
        "status error",
        &format!(
            "No grade until the marked field is corrected: {}",
            i.message
        ),
    )
}

/// The ASTCT ICANS table (rows generated by the core) with the cells this assessment fired
/// marked, so the grade can be checked against the source at a glance.
fn icans_reference_table(r: &IcansResult) -> String {
    let grades = [Grade::G1, Grade::G2, Grade::G3, Grade::G4];
    let mut head = vec!["Domain".to_string()];
    for g in grades {
        head.push(format!("Grade {}", g.number()));
    }
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for domain in IcansDomain::ALL {
        let fired = r.domains.iter().find(|d| d.domain == domain);
        let mut cells = vec![th_row(&esc(domain.label(r.tool)))];
        for (g, cell) in grades.iter().zip(domain.table_row(r.tool)) {
            let (attrs, mark) = match fired {
                Some(d) if d.grade == *g && d.excluded => {
                    ("class=\"fired excluded\"", "\u{2714} (excluded) ")
                }
                Some(d) if d.grade == *g => ("class=\"fired\"", "\u{2714} "),
                _ => ("", ""),
            };
            cells.push(td(attrs, &format!("{mark}{}", esc(&cell))));
        }
        rows.push(tr("", &cells));
    }
    format!(
        "<details class=\"reference\"><summary>ASTCT ICANS table (Lee 2019) with the fired cells marked</summary>{}<p class=\"source\">{}</p></details>",
        super::html::table(
            "class=\"astct\"",
            "ASTCT ICANS consensus grading; fired cells marked \u{2714}",
            &head,
            &rows,
            None
        ),
        esc(icans::GRADE_RULE)
    )
}

/// The compact always-visible summary of both grades (sticky bar), from the form only.
pub fn summary_html(view: &AssessView) -> String {
    summary_with_course_html(view, &[])
}

/// The latest recorded grade of one kind: (grade, day), from the assessment with the latest day
/// that holds it (the later entry on a tie). Entries the core refuses are passed over.
pub fn last_recorded(assessments: &[Record<Assessment>], crs: bool) -> Option<(Grade, f64)> {
    let mut best: Option<(Grade, f64)> = None;
    for a in assessments.iter().filter_map(|r| r.entry.as_ref().ok()) {
        let grade = match (crs, a.icans(), a.crs()) {
            (false, Some(i), _) => Some(i.assessment().grade().grade),
            (true, _, Some(c)) => Some(c.assessment().grade().grade),
            (false, None, _) | (true, _, None) => None,
        };
        if let Some(g) = grade
            && best.is_none_or(|(_, d)| a.day() >= d)
        {
            best = Some((g, a.day()));
        }
    }
    best
}

/// The top bar: the grade of the form being filled; when the form holds nothing of one kind,
/// the last grade recorded in the course, with its day (so recording never blanks the bar).
pub fn summary_with_course_html(view: &AssessView, assessments: &[Record<Assessment>]) -> String {
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
    fn every_field_has_its_slot() {
        assert_eq!(AssessField::Age.slot(), "age");
        assert_eq!(AssessField::IcpEdema.slot(), "icpEdema");
        assert_eq!(AssessField::Flow.slot(), "flow");
        assert_eq!(AssessField::Flow as usize, SLOTS.len() - 1);
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
        let recorded = crate::view::record::tests::records(vec![
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
        ]);
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
    fn an_impossible_age_is_not_echoed_as_read_even_before_any_finding() {
        for (typed, echo) in [
            ("1e308", "must be 0-120 years, got 1e308"),
            ("121", "must be 0-120 years, got 121"),
            ("120", "= 120 years"),
            ("-0", "= 0 years"),
        ] {
            let v = read_assessment(&form(&[("age", typed)]));
            assert!(
                v.echoes.contains(&("age", echo.to_string())),
                "{typed}: {:?}",
                v.echoes
            );
        }
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
        for api in Consciousness::ALL.map(Consciousness::api_name) {
            assert!(html.contains(&format!("name=\"consciousness\" value=\"{api}\"")));
        }
        assert!(html.contains("Awakens only to tactile stimulus <b class=\"tag g3\">G3</b>"));
        let crs = crs_form_html();
        for api in OxygenDevice::ALL.map(OxygenDevice::api_name) {
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
