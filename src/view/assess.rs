//! The bedside assessment: the ICANS and CRS forms, how their values are read into the core's
//! own types ([`IcansAssessment`], [`CrsAssessment`]) and graded, and how results (or the reason
//! there is none) are shown.
//!
//! The form is read once, by [`read_assessment`]: each value is parsed, checked by the core's
//! constructors and ranges, and a problem is reported at the form field it concerns
//! ([`slots`]). What can be recorded is kept typed ([`AssessView::icans_entry`]); the core
//! writes the case file's form of it.

use super::html::{
    Choice, RadioGroup, TextField, card, checkbox, each, error_slot, esc, grade_badge,
    no_result_card, radio, source_line, table, td, th_row, tr,
};
use super::{FieldIssue, RawForm, capitalise, point, ticked, value};
use crate::case::{CrsEntry, IcansEntry};
use crate::display::day_time;
use crate::error::{Problem, Range};
use crate::grading::Grade;
use crate::grading::capd::{self, CapdAssessment, Frequency};
use crate::grading::crs::{
    self as crs, CrsAssessment, CrsResult, FEVER_FROM_C, Fever, FlowProblem, Hypotension, Oxygen,
    OxygenDevice, fever_edge,
};
use crate::grading::icans::{
    self as icans, AGE_YEARS, Consciousness, IcansAssessment, IcansDomain, IcansFindings,
    IcansInputError, IcansResult, IcpEdema, Motor, Seizure, Tool, ToolFinding,
};
use crate::grading::ice::{
    self, IceAssessment, IceItems, NAMING_MAX_POINTS, ORIENTATION_MAX_POINTS,
};
use crate::input::icans::{
    CONSCIOUSNESS, FEVER, HYPOTENSION, ICP_EDEMA, MOTOR, OXYGEN, SEIZURE, TOOLS,
};
use crate::input::record::LastRecorded;
use crate::numbers;
use crate::sources;

/// The value of the temperature-unit choice for °F (°C is the empty, default choice).
pub const FAHRENHEIT: &str = "F";

/// ICE items as form checkboxes: (name, label). Orientation 4 x 1 point, naming 3 x 1,
/// commands, writing, attention 1 each (Lee 2019, ICE table): one item per point, so a group's
/// length is its most points (the core's, for orientation and naming).
pub const ICE_ORIENTATION: [(&str, &str); ORIENTATION_MAX_POINTS as usize] = [
    ("ice-year", "Year"),
    ("ice-month", "Month"),
    ("ice-city", "City"),
    ("ice-hospital", "Hospital"),
];
pub const ICE_NAMING: [(&str, &str); NAMING_MAX_POINTS as usize] = [
    ("ice-name1", "Object 1 (e.g. clock)"),
    ("ice-name2", "Object 2 (e.g. pen)"),
    ("ice-name3", "Object 3 (e.g. button)"),
];
pub const ICE_ONE_POINT: [(&str, &str); 3] = [
    (
        "ice-commands",
        "Follows simple commands (e.g. \u{201c}show me 2 fingers\u{201d} or \u{201c}close your eyes and stick out your tongue\u{201d})",
    ),
    ("ice-writing", "Writes a standard sentence"),
    ("ice-attention", "Counts backwards from 100 by 10"),
];

/// An ICE item: its form name and label.
type IceItem = (&'static str, &'static str);

/// The ICE item groups as the form shows them: legend, the id of its running count, and its
/// items (its most points are its length).
const ICE_GROUPS: [(&str, &str, &[IceItem]); 3] = [
    ("Orientation", "pts-orientation", &ICE_ORIENTATION),
    ("Naming", "pts-naming", &ICE_NAMING),
    ("Commands, writing, attention", "pts-other", &ICE_ONE_POINT),
];

/// The error slots of the assessment forms, each an `#err-{slot}` element; for a radio group
/// also the form name of its value. A domain's slot is its API name ("tool": the tool chosen),
/// the tool's finding's is ICE's or CAPD's block.
pub fn slots() -> Vec<&'static str> {
    let tools = TOOLS.map(|(name, _)| name);
    let domains = IcansDomain::ALL.map(|d| d.api_name());
    let fields = ["age", "icans", "fever", "hypotension", "oxygen", "flow"];
    [&fields[..], &tools, &domains].concat()
}

// ---------------------------------------------------------------------------------------------
// Forms

fn grade_tag(g: Grade) -> String {
    format!("<b class=\"tag g{}\">G{}</b>", g.number(), g.number())
}

/// Radio choices from (value, label HTML).
fn choices(pairs: &[(&str, &str)]) -> Vec<Choice> {
    let choice = |&(value, label): &(&str, &str)| (value.to_string(), label.to_string());
    pairs.iter().map(choice).collect()
}

/// The empty choice, checked at first ("Not assessed", "Not entered").
fn muted(text: &str) -> Choice {
    let html = format!("<span class=\"muted\">{text}</span>");
    (String::new(), html)
}

/// "Not assessed", then each finding (API name, label, grade) with its grade tag; `finding(i)`
/// gives the i-th of the core's values (a closure, not a list: one copy of this in the wasm).
fn graded_choices(
    finding: &dyn Fn(usize) -> Option<(&'static str, &'static str, Grade)>,
) -> Vec<Choice> {
    let mut v = vec![muted("Not assessed")];
    let mut i = 0;
    while let Some((api, label, g)) = finding(i) {
        v.push((api.to_string(), format!("{} {}", esc(label), grade_tag(g))));
        i += 1;
    }
    v
}

/// The choices of one of the core's graded findings, in the core's order.
macro_rules! graded {
    ($t:ty) => {
        graded_choices(&|i| {
            <$t>::ALL
                .get(i)
                .map(|t| (t.api_name(), t.label(), t.grade()))
        })
    };
}

/// A radio group whose messages go to `slot`, with `inside` (HTML) after its options.
fn seg(name: &str, slot: &str, legend: &str, class: &str, opts: &[Choice], inside: &str) -> String {
    let group = RadioGroup {
        name,
        slot,
        legend,
        class,
        ..RadioGroup::default()
    };
    format!("{}{inside}</fieldset>", group.open(opts))
}

/// A typed value with its label and unit, echo and error slot.
fn text_field(name: &str, slot: &str, label: &str, unit: &str, placeholder: &str) -> String {
    let field = TextField {
        name,
        slot,
        label,
        unit,
        placeholder,
        ..TextField::default()
    };
    field.html()
}

/// A tool's block (ICE or CAPD): heading with its running total, status, hint, items and
/// error slot. Only the tool in use is shown.
fn tool_block(tool: Tool, heading: &str, performed: &str, hint: &str, items: &str) -> String {
    let (t, name) = (tool.api_name(), tool.api_name().to_ascii_uppercase());
    let scores = if tool == Tool::Ice { " (scores 0)" } else { "" };
    let g4 = grade_tag(IceAssessment::Unarousable.grade());
    let unarousable = format!("Unarousable \u{2014} cannot perform {name}{scores} {g4}");
    let mut status = vec![muted("Not assessed")];
    status.push(("performed".to_string(), performed.to_string()));
    status.push(("unarousable".to_string(), unarousable));
    let (group, legend) = (format!("{t}-status"), format!("{name} assessment"));
    let status = seg(&group, t, &legend, "compact", &status, "");
    let hidden = if tool == Tool::Capd { " hidden" } else { "" };
    format!(
        "<section id=\"{t}-block\" class=\"tool-block\" aria-labelledby=\"{t}-heading\"{hidden}><h3 id=\"{t}-heading\">{heading} <output id=\"{t}-total\" class=\"running\">not assessed</output></h3>{status}<p class=\"hint\">{}</p>{items}{}</section>",
        esc(hint),
        error_slot(t)
    )
}

/// The ICANS form: age and tool, ICE items, CAPD items, the four other domains.
pub fn icans_form_html() -> String {
    let age = text_field("age", "age", "Age", " (years)", "e.g. 39");
    let capd = "CAPD (child, or developmental delay)";
    let tools = choices(&[("", "Automatic by age"), ("ice", "ICE"), ("capd", capd)]);
    let legend = "Encephalopathy tool";
    let error = error_slot("tool");
    let tool = seg("tool", "tool", legend, "compact", &tools, &error);
    let note = "<p id=\"tool-note\" class=\"note\"></p>";
    let mut h = format!("<div class=\"age-tool\">{age}{tool}{note}</div>");
    let mut ice = String::from("<div class=\"ice-items\">");
    for (legend, id, items) in ICE_GROUPS {
        let max = items.len();
        ice += &format!(
            "<fieldset class=\"items\"><legend>{legend} <output id=\"{id}\">0/{max}</output></legend><div class=\"options\">"
        );
        for (name, label) in items {
            let label = format!("{} <b class=\"pts\">+1</b>", esc(label));
            ice += &checkbox(name, "ice", "opt check", &label);
        }
        ice += "</div></fieldset>";
    }
    let awake_zero = format!("{} {}", esc(ice::AWAKE_ZERO_LABEL), grade_tag(Grade::G3));
    ice += "</div>";
    ice += &checkbox("ice-awake-zero", "ice", "opt check awake-zero", &awake_zero);
    let mut capd = String::from("<ol class=\"capd-items\">");
    for (n, item) in (1..).zip(capd::ITEMS) {
        capd += &format!(
            "<li><fieldset class=\"seg capd-item\" aria-describedby=\"err-capd\"><legend>{n}. {}</legend><div class=\"options\">",
            esc(item.question)
        );
        for f in Frequency::ALL {
            let pts = capd::item_points(item.scoring, f);
            let label = format!("{} <b class=\"pts\">{pts}</b>", f.label());
            capd += &radio(&format!("capd-{n}"), f.api_name(), "capd", "", &label);
        }
        capd += "</div></fieldset></li>";
    }
    capd += "</ol>";
    let performed = "Performed (patient awake)";
    h += &tool_block(Tool::Ice, "ICE score", performed, ice::STATUS_HINT, &ice);
    h += &tool_block(Tool::Capd, "CAPD", "Performed", capd::SCORING_HINT, &capd);
    let other = "ICE / CAPD result attributable to another cause \u{2014} shown, not graded";
    let other = checkbox("other-tool", "ice", "other-cause", other);
    h += &format!("<div class=\"other-tool\">{other}</div>");
    // Each domain's legend is the core's label (the result's table says the same).
    let domains = [
        (IcansDomain::Consciousness, graded!(Consciousness)),
        (IcansDomain::Seizure, graded!(Seizure)),
        (IcansDomain::Motor, graded!(Motor)),
        (IcansDomain::IcpEdema, graded!(IcpEdema)),
    ];
    let other =
        "Attributable to another cause (e.g. sedating medication) \u{2014} shown, not graded";
    for (domain, opts) in &domains {
        let (slot, legend) = (domain.api_name(), domain.label(Tool::Ice));
        let inside =
            checkbox(&format!("other-{slot}"), slot, "other-cause", other) + &error_slot(slot);
        h += &seg(slot, slot, legend, "", opts, &inside);
    }
    h + &error_slot("icans")
        + "<p class=\"hint\">Not ICANS features (Lee 2019): tremor and myoclonus (grade by CTCAE), intracranial haemorrhage with or without edema.</p>"
}

/// The CRS form: fever or temperature, hypotension, oxygen device and flow.
pub fn crs_form_html() -> String {
    let mut fever = vec![muted("Not entered")];
    let measured = Fever::MeasuredC(FEVER_FROM_C);
    for f in Fever::FINDINGS.iter().chain(&[measured]) {
        fever.push((f.api_name().to_string(), esc(f.option_label())));
    }
    let unit = choices(&[("", "\u{b0}C"), (FAHRENHEIT, "\u{b0}F")]);
    let (legend, class) = ("Temperature unit", "compact unit-choice");
    let unit = seg("temp-unit", "fever", legend, class, &unit, "");
    let (label, typed) = (" (in the unit chosen above)", "e.g. 38,4 or 101,1");
    let temperature = text_field("temperature", "fever", "Temperature", label, typed);
    let (c, f) = fever_edge();
    let fever_inside = format!(
        "{unit}{temperature}<p class=\"hint\">Fever is {c} \u{b0}C ({f} \u{b0}F) or more. The unit is never guessed from the number: choose \u{b0}F for a reading in Fahrenheit.</p>"
    );
    let mut oxygen = vec![muted("Not assessed")];
    for d in OxygenDevice::ALL {
        let label = format!("{} \u{2014} {}", esc(d.label()), esc(&d.grade_cell()));
        oxygen.push((d.api_name().to_string(), label));
    }
    let needed = "needed for nasal cannula";
    let flow =
        text_field("flow", "flow", "Oxygen flow", " (L/min)", needed) + &error_slot("oxygen");
    let legend = "Oxygen support (hypoxia)";
    let (hy, hypotension) = ("hypotension", graded!(Hypotension));
    let rule = format!("<p class=\"hint\">{}</p>", esc(&crs::oxygen_rule()));
    seg("fever", "fever", "Fever", "", &fever, &fever_inside)
        + &seg(hy, hy, "Hypotension", "", &hypotension, &error_slot(hy))
        + &seg("oxygen", "oxygen", legend, "", &oxygen, &flow)
        + &rule
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
    /// The same outcome, the result in brief (grade, whether complete, basis).
    fn brief(&self, graded: fn(&R) -> (Grade, bool, &str)) -> Brief<'_> {
        match self {
            Outcome::Graded(r) => Outcome::Graded(graded(r)),
            Outcome::Invalid(i) => Outcome::Invalid(i.clone()),
            Outcome::Empty => Outcome::Empty,
        }
    }

    /// The message of a form that cannot be graded.
    pub fn issue(&self) -> Option<&FieldIssue> {
        match self {
            Outcome::Invalid(i) => Some(i),
            Outcome::Empty | Outcome::Graded(_) => None,
        }
    }

    /// The outcome of reading one form: nothing entered, a message, or the value graded.
    pub(super) fn of<T>(read: Read<T>, grade: impl FnOnce(&T) -> R) -> Self {
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
    /// ICE points ticked per group of [`ICE_GROUPS`] (orientation, naming, the one-point
    /// tasks), counted as the items are tapped (shown even before a grade is possible).
    pub ice_points: [u8; 3],
    pub capd_total: Option<u8>,
    pub capd_answered: usize,
    /// Echo of each number understood, by slot: "= 38.5 °C".
    pub echoes: Echoes,
    /// What was entered, as the course records it, when it can be graded.
    pub icans_entry: Option<IcansEntry>,
    pub crs_entry: Option<CrsEntry>,
    pub icans: Outcome<IcansResult>,
    pub crs: Outcome<CrsResult>,
    /// Shown beside the ICANS result: a tool not yet complete, findings that contradict each
    /// other (graded as entered).
    pub icans_checks: Vec<String>,
    /// Every number field that cannot be read as a number, each at its own field: the outcomes
    /// above stop at their first problem, and a second bad number (a temperature and an oxygen
    /// flow) would otherwise show only once the first is corrected.
    pub unread: Vec<FieldIssue>,
}

impl AssessView {
    /// Both grades as the top bar and the record text say them.
    pub fn grades(&self) -> [(&'static str, Brief<'_>); 2] {
        let icans = self.icans.brief(|r| (r.grade, r.complete, &r.basis));
        let crs = self.crs.brief(|r| (r.grade, r.complete, &r.basis));
        [("ICANS", icans), ("CRS", crs)]
    }
}

/// A grade in brief, for the top bar and the record text: the grade, whether complete, and the
/// basis.
pub type Brief<'a> = Outcome<(Grade, bool, &'a str)>;

/// What each typed number was read as, by slot.
type Echoes = Vec<(&'static str, String)>;

/// A form value read: nothing entered (`Ok(None)`), the value, or a message at its field.
type Read<T> = Result<Option<T>, FieldIssue>;

/// A typed number: `Ok(None)` when empty, else (as typed, value), or a message at `field`.
fn typed_number<'a>(form: &'a RawForm, slot: &'static str, name: &str) -> Read<(&'a str, f64)> {
    let text = value(form, name);
    let read = (!text.is_empty()).then(|| numbers::parse_decimal(text).map(|x| (text, x)));
    let not_read = format!("\u{201c}{text}\u{201d} is not read as a number");
    read.transpose()
        .map_err(|e| FieldIssue::new(slot, format!("{not_read}: {e}")))
}

/// A typed number field, echoed in `range`'s unit. The range is checked by [`in_range`] once
/// the form can be graded; an impossible value is not echoed back as if it were read
/// ("= 1e308 years"): the echo says the range at once.
fn number_field(form: &RawForm, slot: &'static str, range: Range, out: &mut Echoes) -> Read<f64> {
    let read = typed_number(form, slot, slot)?;
    if let Some((_, x)) = read {
        let echo = if range.contains(x) {
            format!("= {}{}", point(x), range.unit)
        } else {
            Problem::OutOfRange { range, got: x }.to_string()
        };
        out.push((slot, echo));
    }
    Ok(read.map(|(_, x)| x))
}

/// A value outside the core's range, refused at its field ("Age must be 0-120 years, got 130").
fn in_range(x: Option<f64>, slot: &'static str, label: &str, r: Range) -> Result<(), FieldIssue> {
    let Some(got) = x.filter(|x| !r.contains(*x)) else {
        return Ok(());
    };
    let problem = Problem::OutOfRange { range: r, got };
    Err(FieldIssue::new(slot, format!("{label} {problem}")))
}

/// A radio group's choice among the core's values, named as the case file names them
/// (`table`): `Ok(None)` when nothing is chosen.
fn choice<T: Copy>(form: &RawForm, slot: &'static str, table: &[(&'static str, T)]) -> Read<T> {
    let v = value(form, slot);
    if v.is_empty() {
        return Ok(None);
    }
    if let Some((_, t)) = table.iter().find(|(name, _)| *name == v) {
        return Ok(Some(*t));
    }
    let (got, allowed) = (v.to_string(), table.iter().map(|(n, _)| *n).collect());
    let problem = Problem::UnknownValue { got, allowed };
    Err(FieldIssue::new(slot, capitalise(&problem.to_string())))
}

/// Reads both forms (ICANS and CRS fields share one `RawForm`) and grades what can be graded.
pub fn read_assessment(form: &RawForm) -> AssessView {
    let mut echoes = Vec::new();
    let age = number_field(form, "age", AGE_YEARS, &mut echoes);
    let mut unread: Vec<FieldIssue> = age.as_ref().err().into_iter().cloned().collect();
    let chosen = choice(form, "tool", &TOOLS).ok().flatten();
    let age_years = age.as_ref().ok().copied().flatten();
    let tool = Tool::select(age_years.filter(|a| AGE_YEARS.contains(*a)), chosen);
    let ice_points =
        ICE_GROUPS.map(|(_, _, items)| items.iter().filter(|(n, _)| ticked(form, n)).count() as u8);
    let capd_answer = |n: usize| {
        let answer = value(form, &format!("capd-{n}"));
        Frequency::ALL.into_iter().find(|f| f.api_name() == answer)
    };
    let capd_answers: Vec<_> = (1..=capd::ITEMS.len()).map(capd_answer).collect();
    let mut icans_checks = Vec::new();
    let icans_read = age.and_then(|age| {
        let tool_finding = read_tool(form, tool, ice_points, &capd_answers, &mut icans_checks)?;
        read_icans(form, (tool, chosen, age), tool_finding)
    });
    let icans = Outcome::of(icans_read.clone(), |e| e.assessment().grade());
    if let Outcome::Graded(r) = &icans {
        icans_checks.extend(icans::inconsistencies(r));
    }
    let crs_read = read_crs(form, &mut echoes, &mut unread);
    AssessView {
        tool,
        tool_note: Tool::selection_note(chosen, age_years),
        ice_points,
        capd_total: CapdAssessment::scored(&capd_answers).and_then(|a| a.total()),
        capd_answered: capd_answers.iter().flatten().count(),
        echoes,
        icans_entry: icans_read.ok().flatten(),
        crs: Outcome::of(crs_read.clone(), CrsAssessment::grade),
        crs_entry: crs_read.ok().flatten().map(CrsEntry::entered),
        icans,
        icans_checks,
        unread,
    }
}

/// The ICE or CAPD finding, from the status chosen: ticked tasks under "Not assessed" are kept
/// but not used, and "Performed" with nothing ticked is ICE 0 only once the user confirms an
/// awake patient scored 0 (an empty form is not a score).
fn read_tool(
    form: &RawForm,
    tool: Tool,
    points: [u8; 3],
    capd_answers: &[Option<Frequency>],
    checks: &mut Vec<String>,
) -> Read<ToolFinding> {
    let status = value(form, &format!("{}-status", tool.api_name()));
    let awake_zero = ticked(form, "ice-awake-zero");
    Ok(match (tool, status, points.iter().sum(), awake_zero) {
        (Tool::Ice, "unarousable", _, _) => Some(ToolFinding::Ice(IceAssessment::Unarousable)),
        (Tool::Capd, "unarousable", _, _) => Some(ToolFinding::Capd(CapdAssessment::Unarousable)),
        (Tool::Ice, "performed", 1.., true) => {
            return Err(FieldIssue::new("ice", ice::AWAKE_ZERO_WITH_POINTS));
        }
        (Tool::Ice, "performed", 0, false) => {
            checks.push(ice::AWAKE_ZERO_PENDING.to_string());
            None
        }
        (Tool::Ice, "performed", _, _) => {
            let task = |i: usize| ICE_ONE_POINT.get(i).is_some_and(|(n, _)| ticked(form, n));
            let [orientation, naming, _] = points;
            let items = IceItems::new(orientation, naming, task(0), task(1), task(2));
            let items = items.map_err(|e| FieldIssue::new("ice", capitalise(&e.to_string())))?;
            Some(ToolFinding::Ice(IceAssessment::Scored(items)))
        }
        (Tool::Capd, "performed", _, _) => {
            let answers = CapdAssessment::all_answered(capd_answers);
            let answers = answers.map_err(|m| FieldIssue::new("capd", m))?;
            Some(ToolFinding::Capd(answers))
        }
        _ => None,
    })
}

/// The ICANS form as the core's assessment, as the course records it; `Ok(None)` when nothing
/// is entered.
fn read_icans(
    form: &RawForm,
    (tool, chosen, age): (Tool, Option<Tool>, Option<f64>),
    tool_finding: Option<ToolFinding>,
) -> Read<IcansEntry> {
    let other = |d: &IcansDomain| ticked(form, &format!("other-{}", d.api_name()));
    let f = IcansFindings {
        tool_finding,
        consciousness: choice(form, "consciousness", &CONSCIOUSNESS)?,
        seizure: choice(form, "seizure", &SEIZURE)?,
        motor: choice(form, "motor", &MOTOR)?,
        icp_edema: choice(form, "icpEdema", &ICP_EDEMA)?,
        other_cause: IcansDomain::ALL.into_iter().filter(other).collect(),
    };
    let said = "Marked as attributable to another cause but not assessed: enter the finding, or untick the box.";
    let unassessed = |d: IcansDomain| {
        let slot = match d {
            IcansDomain::Tool => tool.api_name(),
            other => other.api_name(),
        };
        FieldIssue::new(slot, said)
    };
    let assessment = match IcansAssessment::new(tool, f.clone()) {
        Ok(a) => a,
        Err(IcansInputError::NothingAssessed) => match f.other_cause.first() {
            Some(d) => return Err(unassessed(*d)),
            None => return Ok(None),
        },
        Err(IcansInputError::OtherCauseNotAssessed(d)) => return Err(unassessed(d)),
        Err(e) => return Err(FieldIssue::new("icans", capitalise(&e.to_string()))),
    };
    in_range(age, "age", "Age", AGE_YEARS)?;
    Ok(Some(IcansEntry::entered(age, chosen, assessment)))
}

/// The CRS form as the core's assessment; `Ok(None)` when nothing is entered.
/// The CRS assessment; `unread` gets each of its number fields that cannot be read as a number
/// (the result stops at its first problem, the fields are all marked).
fn read_crs(
    form: &RawForm,
    echoes: &mut Echoes,
    unread: &mut Vec<FieldIssue>,
) -> Read<CrsAssessment> {
    // The temperature in °C with its echo: as typed, or converted from °F when °F is chosen; the
    // core checks the range after conversion, and says it in the unit typed.
    let fahrenheit = value(form, "temp-unit") == FAHRENHEIT;
    let typed_temperature = typed_number(form, "fever", "temperature");
    unread.extend(typed_temperature.as_ref().err().cloned());
    let temperature = typed_temperature.and_then(|read| {
        let read = read.map(|(text, typed)| crs::typed_temperature(text, typed, fahrenheit));
        read.transpose().map_err(|m| FieldIssue::new("fever", m))
    });
    if let Ok(Some((_, echo))) = &temperature {
        echoes.push(("fever", echo.clone()));
    }
    let flow = number_field(form, "flow", crs::OXYGEN_L_PER_MIN, echoes);
    unread.extend(flow.as_ref().err().cloned());
    let typed = value(form, "temperature");
    let finding = choice(form, "fever", &FEVER);
    let fever = match (finding, value(form, "fever")) {
        // A temperature typed beside a fever finding is never dropped unseen (masked fever):
        // neither is used until the user chooses one. It is quoted as the echo shows it
        // ("101,3 °F = 38.5 °C", "38.5 °C"), else as typed.
        (Ok(Some(f)), _) if !typed.is_empty() => {
            let echo = temperature.as_ref().ok().and_then(Option::as_ref);
            let shown = echo.map_or(typed, |(_, echo)| echo.trim_start_matches("= "));
            let said = crs::temperature_with_fever_choice(f, shown);
            return Err(FieldIssue::new("fever", said));
        }
        (Ok(Some(f)), _) => Some(f),
        (_, chosen @ ("measured" | "")) => match temperature? {
            Some((t, _)) => Some(Fever::MeasuredC(t)),
            None if chosen == "measured" => {
                let (c, f) = fever_edge();
                let said = format!(
                    "Enter the measured temperature ({c} \u{b0}C or {f} \u{b0}F or more is fever)."
                );
                return Err(FieldIssue::new("fever", said));
            }
            None => None,
        },
        (read, _) => read?,
    };
    let hypotension = choice(form, "hypotension", &HYPOTENSION)?;
    let device = choice(form, "oxygen", &OXYGEN)?;
    let flow = flow?;
    if let (Some(f), Some(problem)) = (flow, FlowProblem::check(device)) {
        let flow = format!("{} L/min", point(f));
        return Err(FieldIssue::new("flow", problem.message(&flow)));
    }
    let fever = match (fever, hypotension, device) {
        (Some(fever), _, _) => fever,
        (None, None, None) => return Ok(None),
        (None, _, _) => {
            // The form's words, not the API's field names.
            let said = "Enter the measured temperature, or choose whether fever is present, absent or masked: the CRS grade depends on fever.";
            return Err(FieldIssue::new("fever", said));
        }
    };
    in_range(flow, "flow", "Oxygen flow", crs::OXYGEN_L_PER_MIN)?;
    let oxygen = device.map(|d| Oxygen::new(d, flow)).transpose();
    let oxygen = oxygen.map_err(|e| FieldIssue::new("flow", format!("Oxygen flow {e}")))?;
    Ok(Some(CrsAssessment {
        fever,
        hypotension,
        oxygen,
    }))
}

// ---------------------------------------------------------------------------------------------
// Results

/// One row of a result's domain table: the finding and its sub-grade (`None`: not assessed).
/// `class` marks the row that sets the grade (`driver`) or is excluded (other cause).
fn domain_row(api: &str, label: &str, finding: Option<(&str, Grade)>, class: &str) -> String {
    let mark = match class {
        "excluded" => " <span class=\"mark\">excluded: other cause</span>",
        "driver" => " <span class=\"mark\">\u{25c0} sets the grade</span>",
        _ => "",
    };
    let (finding, sub) = match finding {
        Some((f, g)) => (format!("{}{mark}", esc(f)), g.number().to_string()),
        None => ("not assessed".to_string(), "\u{2014}".to_string()),
    };
    let cells = [th_row(&esc(label)), td("", &finding), td("", &sub)];
    tr(&format!("class=\"{class}\" data-domain=\"{api}\""), &cells)
}

/// The result card of either grade: badge and status (`warn`: incomplete), the basis, the
/// domain table, the notes, then `extra` (the reference table) and the source line.
fn result_card(
    (title, what): (&str, &str),
    (grade, complete, basis): (Grade, bool, &str),
    (status, warn): (&str, bool),
    rows: &[String],
    (notes, extra, source): (&[String], &str, &str),
) -> String {
    let g = grade.number();
    let caption = format!("{title} {}s and sub-grades", crate::text::fold_case(what));
    let head = [what, "Finding (table cell)", "Sub-grade"];
    let table = table("class=\"domains\"", &caption, &head, rows, None);
    let warn = if warn { " warn" } else { "" };
    let status = format!("<p class=\"status{warn}\">{}</p>", esc(status));
    let (basis, notes) = (esc(basis), each("<p class=\"note\">", notes, "</p>"));
    let body = format!(
        "<p class=\"basis\">{basis}</p>{table}{notes}{extra}{}",
        source_line(source)
    );
    let data = format!(" data-grade=\"{g}\" data-complete=\"{complete}\"");
    card("", &data, &grade_badge(g, "big"), title, &status, &body)
}

/// The ICANS result card.
pub fn icans_result_html(outcome: &Outcome<IcansResult>) -> String {
    let Outcome::Graded(r) = outcome else {
        let prompt =
            "No ICANS finding entered yet. Score ICE (or CAPD) or choose a finding in any domain.";
        return no_result_card(("grade", ""), "ICANS", outcome.issue(), (prompt, ""));
    };
    let status = r.status();
    let mut rows = Vec::new();
    for domain in IcansDomain::ALL {
        let d = r.domains.iter().find(|d| d.domain == domain);
        let class = match d {
            None => "missing",
            Some(d) if d.excluded => "excluded",
            Some(_) if r.drivers.contains(&domain) => "driver",
            Some(_) => "",
        };
        let finding = d.map(|d| (d.finding.as_str(), d.grade));
        let label = domain.label(r.tool);
        rows.push(domain_row(domain.api_name(), label, finding, class));
    }
    let extra = icans_reference_table(r);
    let tail = (&r.notes[..], extra.as_str(), r.source);
    let brief = (r.grade, r.complete, r.basis.as_str());
    let status = (status.as_str(), !r.complete);
    result_card(("ICANS", "Domain"), brief, status, &rows, tail)
}

/// The CRS result card.
pub fn crs_result_html(outcome: &Outcome<CrsResult>) -> String {
    let Outcome::Graded(r) = outcome else {
        let prompt = "No CRS finding entered yet. Start with fever (or a measured temperature).";
        return no_result_card(("grade", ""), "CRS", outcome.issue(), (prompt, ""));
    };
    let no_crs = r.grade == Grade::G0;
    let status = r.status();
    let mut rows = Vec::new();
    for d in &r.domains {
        let driver = r.drivers.contains(&d.domain);
        let class = if driver { "driver" } else { "" };
        let (finding, label) = (Some((d.finding.as_str(), d.grade)), d.domain.label());
        rows.push(domain_row(d.domain.api_name(), label, finding, class));
    }
    for p in &r.missing {
        rows.push(domain_row(p.api_name(), p.label(), None, "missing"));
    }
    let tail = (&r.notes[..], "", r.source);
    let brief = (r.grade, r.complete, r.basis.as_str());
    let status = (status.as_str(), !(r.complete || no_crs));
    result_card(("CRS", "Parameter"), brief, status, &rows, tail)
}

/// The ASTCT ICANS table (rows generated by the core) with the cells this assessment fired
/// marked, so the grade can be checked against the source at a glance.
fn icans_reference_table(r: &IcansResult) -> String {
    let grades = [Grade::G1, Grade::G2, Grade::G3, Grade::G4];
    let [g1, g2, g3, g4] = grades.map(|g| format!("Grade {}", g.number()));
    let head = ["Domain", &g1, &g2, &g3, &g4];
    let mut rows = Vec::new();
    for domain in IcansDomain::ALL {
        let fired = r.domains.iter().find(|d| d.domain == domain);
        let mut cells = vec![th_row(&esc(domain.label(r.tool)))];
        for (g, cell) in grades.into_iter().zip(domain.table_row(r.tool)) {
            let (attrs, mark) = match fired.filter(|d| d.grade == g) {
                Some(d) if d.excluded => ("class=\"fired excluded\"", "\u{2714} (excluded) "),
                Some(_) => ("class=\"fired\"", "\u{2714} "),
                None => ("", ""),
            };
            cells.push(td(attrs, &format!("{mark}{}", esc(&cell))));
        }
        rows.push(tr("", &cells));
    }
    let caption = "ASTCT ICANS consensus grading; fired cells marked \u{2714}";
    let table = table("class=\"astct\"", caption, &head, &rows, None);
    format!(
        "<details class=\"reference\"><summary>ASTCT ICANS table (Lee 2019) with the fired cells marked</summary>{table}<p class=\"source\">{}</p></details>",
        esc(icans::GRADE_RULE)
    )
}

// ---------------------------------------------------------------------------------------------
// Top bar, running totals, record text

/// The top bar: the grade of the form being filled; when the form holds nothing of one kind,
/// the last grade recorded in the course, with its day (so recording never blanks the bar).
pub fn summary_with_course_html(view: &AssessView, last: &LastRecorded) -> String {
    let mut h = String::new();
    for (title, outcome) in view.grades() {
        let t = crate::text::fold_case(title);
        let recorded = if title == "CRS" { last.crs } else { last.icans };
        let title = format!("<span class=\"sum-title\">{title}</span>");
        h += &match (outcome, recorded) {
            // The form being filled: said as not added, so it is never read as the course's.
            (Outcome::Graded((g, complete, _)), _) => {
                let (yes, no) = ("complete", "incomplete (at least)");
                let note = format!("{}, not added yet", if complete { yes } else { no });
                let badge = grade_badge(g.number(), "");
                format!(
                    "<a class=\"sum-item\" href=\"#{t}-result\" data-grade=\"{g}\">{title}{badge}<span class=\"sum-note\">{note}</span></a>"
                )
            }
            (Outcome::Invalid(_), _) => format!(
                "<a class=\"sum-item\" href=\"#{t}-result\">{title}<span class=\"grade-badge none\">No grade</span><span class=\"sum-note error\">check input</span></a>"
            ),
            (Outcome::Empty, Some((g, complete, day))) => {
                let (badge, day) = (grade_badge(g.number(), ""), esc(&day_time(day)));
                let incomplete = if complete {
                    ""
                } else {
                    ", incomplete (at least)"
                };
                format!(
                    "<a class=\"sum-item recorded\" href=\"#course\" data-grade=\"{g}\" data-source=\"course\">{title}{badge}<span class=\"sum-note\">recorded {day}{incomplete}</span></a>"
                )
            }
            (Outcome::Empty, None) if last.passed_over => format!(
                "<a class=\"sum-item\" href=\"#course\">{title}<span class=\"grade-badge none\">\u{2014}</span><span class=\"sum-note\">records left out: see Course</span></a>"
            ),
            (Outcome::Empty, None) => format!(
                "<a class=\"sum-item\" href=\"#{t}-result\">{title}<span class=\"grade-badge none\">\u{2014}</span><span class=\"sum-note\">not entered</span></a>"
            ),
        };
    }
    h
}

/// Beside the ICANS result: a tool not yet complete, and findings that contradict each other
/// (the grade takes them as entered). Empty when there is nothing to point out.
pub fn checks_html(checks: &[String]) -> String {
    if checks.is_empty() {
        return String::new();
    }
    let notes = each("<p class=\"check-note\">", checks, "</p>");
    format!("<div class=\"checks\" data-checks=\"icans\">{notes}</div>")
}

/// Running-total texts: (element id, text).
pub fn running_totals(view: &AssessView, form: &RawForm) -> Vec<(&'static str, String)> {
    let ice_status = value(form, "ice-status");
    let confirmed = ticked(form, "ice-awake-zero");
    let (max, g4) = (ice::MAX_TOTAL, Grade::G4.number());
    let ice_text = match (ice_status, view.ice_points.iter().sum(), confirmed) {
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
    let mut totals = vec![("ice-total", ice_text)];
    for ((_, id, items), n) in ICE_GROUPS.into_iter().zip(view.ice_points) {
        totals.push((id, format!("{n}/{}", items.len())));
    }
    totals.push(("capd-total", capd_text));
    totals
}

/// The plain-text line for the medical record (copy button), e.g.
/// "ICANS grade 3 (ASTCT 2019): set by ICE score (ICE 2/10 ...). CRS grade 0 ...".
pub fn record_text(view: &AssessView) -> String {
    let mut lines = Vec::new();
    for (title, outcome) in view.grades() {
        lines.push(match outcome {
            Outcome::Graded((g, complete, basis)) => {
                let incomplete = if complete { "" } else { ", incomplete" };
                format!("{title} grade {g} (ASTCT 2019{incomplete}): {basis}")
            }
            Outcome::Invalid(_) => format!("{title}: not graded (input incomplete or invalid)"),
            Outcome::Empty => continue,
        });
    }
    let (source, version) = (sources::LEE_2019_SHORT, crate::APP_VERSION);
    lines.push(format!(
        "Source: {source}. icans-calc {version} (decision support, not a substitute for clinical judgement)."
    ));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Assessment;
    use crate::input::record::{Record, as_read, last_recorded};
    use crate::json::Json;

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
    fn every_number_that_cannot_be_read_is_said_at_its_field_at_once() {
        let mut form = RawForm::new();
        for (name, typed) in [("age", "4O"), ("temperature", "38,5,1"), ("flow", "6 L")] {
            form.insert(name.into(), typed.into());
        }
        form.insert("oxygen".into(), "nasalCannula".into());
        let v = read_assessment(&form);
        let slots: Vec<&str> = v.unread.iter().map(|i| i.slot).collect();
        assert_eq!(slots, ["age", "fever", "flow"]);
        // The CRS outcome stops at its first problem, the temperature; the flow is still said.
        assert_eq!(v.crs.issue().map(|i| i.slot), Some("fever"));
        assert!(
            v.unread[2]
                .message
                .starts_with("\u{201c}6 L\u{201d} is not read as a number")
        );
        form.insert("flow".into(), "6".into());
        assert_eq!(read_assessment(&form).unread.len(), 2);
    }

    #[test]
    fn every_field_has_its_slot() {
        // A domain's message goes to the slot named as the domain, the tool's to its block.
        for d in IcansDomain::ALL
            .into_iter()
            .filter(|d| *d != IcansDomain::Tool)
        {
            assert!(slots().contains(&d.api_name()), "{d:?}");
        }
        for t in [Tool::Ice, Tool::Capd] {
            assert!(slots().contains(&t.api_name()), "{t:?}");
        }
        let forms = icans_form_html() + &crs_form_html();
        for slot in slots() {
            assert!(forms.contains(&format!("id=\"err-{slot}\"")), "{slot}");
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
            v.icans_entry
                .as_ref()
                .is_some_and(|e| e.input().get("ice").is_none())
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
            .chain(ICE_ONE_POINT.iter().map(|(n, _)| *n))
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
        let recorded = crate::input::record::tests::records(vec![
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
        let last = |records: &[Record<Assessment>]| last_recorded(records, as_read);
        assert_eq!(last(&recorded).icans, Some((Grade::G4, false, 15.0)));
        // On the same day, the later entry is the last recorded.
        let tie = |first: &str, second: &str| {
            let entry = |c: &str| {
                let icans = Json::object(vec![("consciousness", Json::String(c.into()))]);
                Json::object(vec![("day", Json::Number(15.0)), ("icans", icans)])
            };
            let records = crate::input::record::tests::records(vec![entry(first), entry(second)]);
            last(&records).icans
        };
        assert_eq!(tie("alert", "unarousable"), Some((Grade::G4, false, 15.0)));
        assert_eq!(tie("unarousable", "alert"), Some((Grade::G0, false, 15.0)));
        assert_eq!(last(&recorded).crs, Some((Grade::G1, false, 14.25)));
        let empty = read_assessment(&RawForm::new());
        let html = summary_with_course_html(&empty, &last(&recorded));
        // Incomplete records are said to be, as the course says them (SPEC §2).
        assert!(
            html.contains("recorded day +15, incomplete (at least)"),
            "{html}"
        );
        assert!(
            html.contains("recorded day +14 06:00, incomplete (at least)"),
            "{html}"
        );
        assert!(!html.contains("not entered"), "{html}");
        let nothing = LastRecorded::default();
        assert!(summary_with_course_html(&empty, &nothing).contains("not entered"));
        // The form being filled wins over the record.
        let filling = read_assessment(&form(&[("consciousness", "alert")]));
        let html = summary_with_course_html(&filling, &last(&recorded));
        assert!(html.contains("data-grade=\"0\""), "{html}");
        assert!(
            html.contains("incomplete (at least), not added yet"),
            "{html}"
        );
        assert!(html.contains("recorded day +14 06:00"), "{html}");
        // Records there are but none readable (left out at the age now typed): said so.
        let left_out = LastRecorded {
            passed_over: true,
            ..LastRecorded::default()
        };
        let html = summary_with_course_html(&empty, &left_out);
        assert!(html.contains("records left out: see Course"), "{html}");
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
        let Outcome::Invalid(FieldIssue { slot, message, .. }) = &v.crs else {
            panic!("asks for fever")
        };
        assert_eq!(*slot, "fever");
        // Said in the form's words, never the API's field names.
        assert!(message.contains("temperature") && message.contains("present, absent or masked"));
        assert!(!message.contains("temperatureC"), "{message}");
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
        // A value whose conversion overflows has no °C to show (never "inf °C").
        let i = crs_issue_of(&[("temperature", "1e308"), ("temp-unit", FAHRENHEIT)]);
        assert_eq!(
            i.message,
            "Temperature must be 77-113 °F (25-45 °C), got 1e308 °F."
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
