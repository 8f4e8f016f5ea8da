//! The baseline panel: CAR-HEMATOTOX (Rejeski 2021) from the five pre-lymphodepletion values.
//!
//! Each value is typed as the laboratory reports it, in a unit the user picks beside it. No unit
//! is ever assumed: ANC "1.2" is plausible both in ×10⁹/L and in /µL, CRP "5" both in mg/dL and
//! in mg/L, and the two readings score differently. The value is converted exactly to the API's
//! unit ([`crate::units`]), echoed in the score table's unit ("= 150,000 /µL"), checked by the
//! core ([`hematotox::check_plausible`]: a value outside the plausible range suggests a wrong
//! unit) and scored by it ([`crate::hematotox`]), whose cut-offs and band texts the card shows.

use super::assess::Outcome;
use super::html::{
    RadioGroup, TextField, card, error_slot, esc, no_result_card, source_line, table, td, th_row,
    tr,
};
use super::{FieldIssue, RawForm, point, value};
use crate::display::grouped;
use crate::hematotox::Measurement as M;
use crate::hematotox::{self, HematotoxInput, HematotoxResult, Risk, Variable};
use crate::input::hematotox::{Reported, ReportedUnit as FormUnit, table_unit};
use crate::numbers;
use crate::{sources, units};
use FormUnit::*;

/// A unit's label beside its radio button.
fn label_html(unit: FormUnit) -> &'static str {
    match unit {
        NgPerMl => "ng/mL (= µg/L)",
        other => other.text(),
    }
}

/// One of the five inputs: its variable, the form name (also its error slot; the unit radios
/// are `{slot}-unit`, offering [`FormUnit::offered`], none checked: no unit is assumed) and its
/// placeholder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaselineField {
    pub variable: Variable,
    pub slot: &'static str,
    placeholder: &'static str,
}

const fn field(variable: Variable, slot: &'static str, placeholder: &'static str) -> BaselineField {
    BaselineField {
        variable,
        slot,
        placeholder,
    }
}

/// The five inputs in table order.
pub static FIELDS: [BaselineField; 5] = [
    field(Variable::Platelets, "ht-platelets", "e.g. 150000"),
    field(Variable::Anc, "ht-anc", "e.g. 1200"),
    field(Variable::Hb, "ht-hb", "e.g. 9,5"),
    field(Variable::Crp, "ht-crp", "e.g. 30"),
    field(Variable::Ferritin, "ht-ferritin", "e.g. 650"),
];

/// The result card's title.
const TITLE: &str = "CAR-HEMATOTOX";

/// The slot for a problem that belongs to no single field (never expected from this form).
pub const GENERAL_SLOT: &str = "ht-all";

// ---------------------------------------------------------------------------------------------
// Form

/// The panel's form (inputs with `name`s that [`read_baseline`] understands).
pub fn baseline_form_html() -> String {
    let mut h = format!(
        "<h2 id=\"ht-form-title\">Values before lymphodepletion</h2><p class=\"note\" id=\"ht-timing\">Enter the values measured <strong>before lymphodepletion (about day \u{2212}5)</strong>, as in Rejeski 2021. Type each value as your laboratory reports it and choose its unit; no unit is assumed. What was understood is shown under the field in the unit of the score table.</p><p class=\"note\" id=\"ht-hb-factor\">Haemoglobin in mmol/L is converted with 1 mmol/L = {} g/dL (haemoglobin monomer, {} g/mol; {}).</p>",
        point(units::HB_G_PER_DL_PER_MMOL_PER_L),
        grouped(units::HB_MONOMER_G_PER_MOL),
        esc(units::HB_MOLAR_MASS_SOURCE)
    );
    for f in &FIELDS {
        let slot = f.slot;
        let (beside, described) = match FormUnit::offered(f.variable) {
            [only] => {
                let unit = label_html(*only);
                let s = format!("<span class=\"ht-fixed-unit\" id=\"unit-{slot}\">{unit}</span>");
                (s, format!("unit-{slot}"))
            }
            offered => {
                let choices: Vec<_> = offered
                    .iter()
                    .map(|u| (u.key().to_string(), label_html(*u).to_string()))
                    .collect();
                let group = RadioGroup {
                    name: &format!("{slot}-unit"),
                    slot,
                    legend: &format!("Unit of {}", f.variable.label()),
                    class: "compact ht-unit",
                    legend_class: "sr-only",
                    id: &format!("grp-{slot}"),
                }
                .open(&choices);
                (group + "</fieldset>", String::new())
            }
        };
        h += &TextField {
            name: slot,
            slot,
            label: f.variable.label(),
            placeholder: f.placeholder,
            class: "ht-field",
            attrs: &format!("data-variable=\"{}\"", f.variable.api_name()),
            beside: Some(&beside),
            described_by: &described,
            ..TextField::default()
        }
        .html();
    }
    h + &error_slot(GENERAL_SLOT)
}

// ---------------------------------------------------------------------------------------------
// Reading the form

/// One field: `Ok(None)` when nothing is typed, else the reading or a message at the field.
fn read_field(form: &RawForm, f: &BaselineField) -> Result<Option<Reported>, FieldIssue> {
    let text = value(form, f.slot);
    if text.is_empty() {
        return Ok(None);
    }
    let label = f.variable.label();
    let typed = numbers::parse_decimal(text).map_err(|e| {
        let message = format!("{label}: \u{201c}{text}\u{201d} is not read as a number: {e}");
        FieldIssue::new(f.slot, message)
    })?;
    let chosen = value(form, &format!("{}-unit", f.slot));
    let offered = FormUnit::offered(f.variable);
    let unit = match offered {
        [only] => *only,
        _ => *offered.iter().find(|u| u.key() == chosen).ok_or_else(|| {
            let names: Vec<_> = offered.iter().map(|u| u.text()).collect();
            let names = names.join(" or ");
            let message = format!("{label}: choose the unit ({names}); no unit is assumed.");
            FieldIssue::new(f.slot, message)
        })?,
    };
    Ok(Some(Reported::new(f.variable, typed, unit)))
}

/// The form as the core's input, as the case file records it (`baseline`): `Ok(None)` when
/// nothing was entered.
///
/// A value that is not a number, a value without its unit, a missing value (once any is typed)
/// and a value the core finds implausible each give a message at that field, never a score. An
/// implausible value is refused at once, before all five are in.
pub fn baseline_from_form(form: &RawForm) -> Result<Option<HematotoxInput>, FieldIssue> {
    let readings = FIELDS
        .iter()
        .map(|f| read_field(form, f))
        .collect::<Result<Vec<_>, _>>()?;
    if readings.iter().all(Option::is_none) {
        return Ok(None);
    }
    // Each value entered is checked on its own, in table order (as the core checks all five).
    for (f, r) in FIELDS.iter().zip(&readings) {
        let Some(r) = r else { continue };
        let hint = hematotox::unit_hint(f.variable);
        let implausible = |e| FieldIssue::new(f.slot, r.implausible(&e, hint));
        hematotox::check_plausible(r.measurement()).map_err(implausible)?;
    }
    let values: Vec<M> = readings
        .iter()
        .flatten()
        .map(Reported::measurement)
        .collect();
    let Some(input) = hematotox::input_of(&values) else {
        // Not all five are in: the message goes to the first one missing.
        let mut missing = FIELDS.iter().zip(&readings).filter(|(_, r)| r.is_none());
        let names: Vec<_> = missing.clone().map(|(f, _)| f.variable.label()).collect();
        let message = format!(
            "No score until all five values are entered; missing: {}.",
            names.join(", ")
        );
        let slot = missing.next().map_or(GENERAL_SLOT, |(f, _)| f.slot);
        return Err(FieldIssue::new(slot, message));
    };
    input
        .map(Some)
        .map_err(|e| FieldIssue::new(GENERAL_SLOT, e.hint))
}

/// The form values that show a baseline again, in the core's units (platelets and ANC per µL,
/// Hb in g/dL, CRP in the unit it was entered in, ferritin in ng/mL).
pub fn baseline_form(input: &HematotoxInput) -> RawForm {
    let mut form = RawForm::new();
    for (f, reported) in FIELDS.iter().zip(Reported::all_of(input)) {
        let (x, unit) = reported.as_typed();
        form.insert(f.slot.to_string(), point(x));
        if FormUnit::offered(f.variable).len() > 1 {
            form.insert(format!("{}-unit", f.slot), unit.key().to_string());
        }
    }
    form
}

/// Everything the baseline panel shows after a change.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineView {
    /// What each value was read as, by slot: "= 150,000 /µL".
    pub echoes: Vec<(&'static str, String)>,
    pub outcome: Outcome<HematotoxResult>,
}

/// Reads the form and scores it when it is complete and plausible.
pub fn read_baseline(form: &RawForm) -> BaselineView {
    let echo = |f: &'static BaselineField| Some((f.slot, read_field(form, f).ok()??.echo()));
    BaselineView {
        echoes: FIELDS.iter().filter_map(echo).collect(),
        outcome: Outcome::of(baseline_from_form(form), HematotoxInput::score),
    }
}

// ---------------------------------------------------------------------------------------------
// Result

/// Escapes a value or table cell and keeps each number with its unit and comparison sign on one
/// line (`<span class="nw">≥ 30 mg/L</span>`): on a phone, "1200 /" and "µL" must not be split.
pub fn keep_together(text: &str) -> String {
    let is_unit = |t: &str| FormUnit::ALL.iter().any(|u| u.text() == t);
    let signs = ["\u{2265}", "\u{2264}", ">", "<", "="];
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut sign_pending = false;
    for token in text.split(' ') {
        let bare = token.trim_end_matches([',', ')', ';', ':', '.']);
        match groups.last_mut() {
            Some(last) if sign_pending || is_unit(bare) => last.push(token),
            _ => groups.push(vec![token]),
        }
        sign_pending = signs.contains(&token.strip_prefix('(').unwrap_or(token));
    }
    let group = |g: &Vec<&str>| match g.as_slice() {
        [one] => esc(one),
        many => {
            let joined = many.join(" ");
            // A range ("75,000-175,000 /µL") may still break after its dash.
            let split = many.first().and_then(|t| t.rfind('-')).filter(|i| *i > 0);
            let (head, tail) = joined.split_at(split.map_or(0, |i| i + 1));
            format!("{}<span class=\"nw\">{}</span>", esc(head), esc(tail))
        }
    };
    groups.iter().map(group).collect::<Vec<_>>().join(" ")
}

/// The attributes and the mark of a cell of the score table that this patient's value is in.
const FIRED: (&str, &str) = (
    "class=\"fired\" ",
    "<span aria-hidden=\"true\">\u{2714} </span><span class=\"sr-only\">This patient: </span>",
);

/// The full score table, this patient's cells marked; each row header gives the row's unit,
/// the cells give the numbers (narrow screens).
fn cutoff_table(r: &HematotoxResult) -> String {
    let points = |p: usize| format!("{p} point{}", if p == 1 { "" } else { "s" });
    let head = ["Variable".to_string(), points(0), points(1), points(2)];
    let crp_in_mg_per_l = r.values.crp_unit_entered == "mg/L";
    let mut rows = Vec::new();
    for f in &FIELDS {
        let variable = f.variable;
        let fired = r.findings.iter().find(|x| x.variable == variable);
        let unit = match variable {
            Variable::Crp if crp_in_mg_per_l => "mg/L",
            _ => table_unit(variable).text(),
        };
        let label = esc(variable.short_label());
        let label = format!("{label} <span class=\"nw\">({})</span>", esc(unit));
        let mut cells = vec![th_row(&label)];
        let row = hematotox::table_row(variable, crp_in_mg_per_l);
        for (points, cell) in row.iter().enumerate() {
            let Some(c) = cell else {
                cells.push(td("class=\"na-cell\"", "\u{2014}"));
                continue;
            };
            let band = keep_together(c.band.strip_suffix(&format!(" {unit}")).unwrap_or(c.band));
            let marked = fired.is_some_and(|x| x.points == c.points);
            let (class, mark) = if marked { FIRED } else { ("", "") };
            let attrs = format!("{class}data-points=\"{points}\"");
            cells.push(td(&attrs, &format!("{mark}{band}")));
        }
        let attrs = format!("data-variable=\"{}\"", variable.api_name());
        rows.push(tr(&attrs, &cells));
    }
    table(
        "class=\"astct cutoffs\"",
        "CAR-HEMATOTOX score table (Rejeski 2021), this patient\u{2019}s cells marked \u{2714}",
        &head.each_ref().map(String::as_str),
        &rows,
        None,
    )
}

/// The result card: score and risk, points per variable with the band that fired, the full
/// table with the fired cells marked, the rule, the source and the app version; or the reason
/// there is no score.
pub fn baseline_result_html(outcome: &Outcome<HematotoxResult>) -> String {
    let Outcome::Graded(r) = outcome else {
        let prompt = "No value entered yet. Enter all five values measured before lymphodepletion (about day \u{2212}5), each with its unit.";
        let source = format!(
            "{}; cut-offs and boundaries as stated with the result",
            sources::REJESKI_2021
        );
        let (kind, source) = (("score", "ht-card "), source_line(&source));
        return no_result_card(kind, TITLE, outcome.issue(), (prompt, &source));
    };
    graded_card(r)
}

fn graded_card(r: &HematotoxResult) -> String {
    let (colour, risk_words) = match r.risk {
        Risk::Low => ("g0", "Low risk"),
        Risk::High => ("g3", "High risk"),
    };
    let risk = r.risk.api_name();
    let (score, high) = (r.score, hematotox::HIGH_RISK_FROM_SCORE);
    let status = format!(
        "<p class=\"ht-risk risk-{risk}\"><strong>{risk_words}</strong></p><p class=\"status\">Score {score} out of {}; 0\u{2013}{} is low risk, \u{2265} {high} is high risk.</p>",
        hematotox::MAX_SCORE,
        high - 1,
    );
    let mut rows = Vec::new();
    for f in &r.findings {
        let mut value = format!("{} {}", grouped(f.value), f.unit);
        if f.variable == Variable::Crp && f.unit == "mg/L" {
            value += &format!(" (= {} mg/dL)", grouped(r.values.crp_mg_per_dl));
        }
        let (variable, points) = (f.variable.api_name(), f.points);
        let cells = [
            th_row(&esc(f.variable.short_label())),
            td("", &keep_together(&value)),
            td("", &keep_together(f.band)),
            td("", &points.to_string()),
        ];
        let attrs = format!("data-variable=\"{variable}\" data-points=\"{points}\"");
        rows.push(tr(&attrs, &cells));
    }
    let total = format!(
        "<tr><th scope=\"row\" colspan=\"3\">Total (CAR-HEMATOTOX score)</th><td data-total=\"{score}\">{score}</td></tr>"
    );
    let mut h = table(
        "class=\"domains ht-points\"",
        "Points per variable",
        &["Variable", "Value", "Table cell", "Points"],
        &rows,
        Some(&total),
    );
    let paragraph =
        |class: &str, text: &str| format!("<p class=\"{class}\">{}</p>", keep_together(text));
    for n in hematotox::boundary_notes(&r.values) {
        h += &paragraph("status warn", &n);
    }
    h += &cutoff_table(r);
    h += &paragraph("rule", hematotox::RULE);
    for n in &r.notes {
        h += &paragraph("note", n);
    }
    h += &paragraph("note ht-caveat", hematotox::CUTOFF_CAVEAT);
    h += &paragraph("note basis", &format!("For the record: {}", r.basis));
    h += &source_line(r.source);
    let badge = format!("<span class=\"grade-badge big {colour} ht-score\">Score {score}</span>");
    let data = format!(" data-score=\"{score}\" data-risk=\"{risk}\"");
    card(" ht-card ht-result", &data, &badge, TITLE, &status, &h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;

    /// [`baseline_form`] of a case's `baseline` as the case file writes it; empty when the core
    /// does not read it.
    fn baseline_form_from_json(input: &Json) -> RawForm {
        crate::input::hematotox::parse_hematotox(input, "")
            .map(|i| baseline_form(&i))
            .unwrap_or_default()
    }

    fn form(pairs: &[(&str, &str)]) -> RawForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// All five at 0 points, each with its unit: platelets 200,000 /µL, ANC 3000 /µL, Hb 13 g/dL,
    /// CRP 5 mg/L, ferritin 300 ng/mL.
    fn normal() -> RawForm {
        form(&[
            ("ht-platelets", "200000"),
            ("ht-platelets-unit", "per-ul"),
            ("ht-anc", "3000"),
            ("ht-anc-unit", "per-ul"),
            ("ht-hb", "13"),
            ("ht-hb-unit", "g-dl"),
            ("ht-crp", "5"),
            ("ht-crp-unit", "mg-l"),
            ("ht-ferritin", "300"),
        ])
    }

    fn with(changes: &[(&str, &str)]) -> RawForm {
        let mut f = normal();
        for (k, v) in changes {
            f.insert(k.to_string(), v.to_string());
        }
        f
    }

    fn scored(f: &RawForm) -> HematotoxResult {
        match read_baseline(f).outcome {
            Outcome::Graded(r) => r,
            other => panic!("expected a score, got {other:?}"),
        }
    }

    fn invalid(f: &RawForm) -> FieldIssue {
        match read_baseline(f).outcome {
            Outcome::Invalid(i) => i,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    fn number(json: &Json, key: &str) -> f64 {
        match json {
            Json::Object(entries) => match entries.iter().find(|(k, _)| k == key) {
                Some((_, Json::Number(x))) => *x,
                other => panic!("{key}: {other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    /// The text a reader sees: tags dropped, entities decoded.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match (c, in_tag) {
                ('<', _) => in_tag = true,
                ('>', true) => in_tag = false,
                (_, true) => {}
                (c, false) => out.push(c),
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    fn json_of(f: &RawForm) -> Json {
        crate::input::hematotox::hematotox_to_json(&baseline_from_form(f).unwrap().unwrap())
    }

    // ---------- empty and incomplete ----------

    #[test]
    fn all_five_empty_is_no_input_not_an_error() {
        assert_eq!(baseline_from_form(&RawForm::new()), Ok(None));
        assert_eq!(read_baseline(&RawForm::new()).outcome, Outcome::Empty);
    }

    #[test]
    fn units_chosen_without_values_is_still_empty() {
        let f = form(&[
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-crp-unit", "mg-dl"),
            ("ht-ferritin", "  "),
        ]);
        assert_eq!(baseline_from_form(&f), Ok(None));
    }

    #[test]
    fn partly_filled_names_what_is_missing_at_the_first_missing_field() {
        let f = form(&[
            ("ht-platelets", "150000"),
            ("ht-platelets-unit", "per-ul"),
            ("ht-hb", "9,5"),
            ("ht-hb-unit", "g-dl"),
        ]);
        let i = baseline_from_form(&f).unwrap_err();
        assert_eq!(i.slot, "ht-anc");
        assert_eq!(
            i.message,
            "No score until all five values are entered; missing: Absolute neutrophil count (ANC), C-reactive protein (CRP), Ferritin."
        );
        assert!(matches!(read_baseline(&f).outcome, Outcome::Invalid(_)));
    }

    #[test]
    fn a_value_without_its_unit_is_not_scored() {
        let mut f = normal();
        f.remove("ht-anc-unit");
        let i = invalid(&f);
        assert_eq!(i.slot, "ht-anc");
        assert!(
            i.message.contains("choose the unit (/µL or ×10⁹/L)"),
            "{}",
            i.message
        );
        let mut f = normal();
        f.insert("ht-crp-unit".into(), "mmol".into());
        assert_eq!(invalid(&f).slot, "ht-crp");
    }

    #[test]
    fn a_bad_number_is_refused_at_its_field() {
        let i = invalid(&with(&[("ht-platelets", "150.000,5")]));
        assert_eq!(i.slot, "ht-platelets");
        assert!(
            i.message.contains("is not read as a number"),
            "{}",
            i.message
        );
        let i = invalid(&with(&[("ht-ferritin", "1 200")]));
        assert_eq!(i.slot, "ht-ferritin");
        // A bad number is reported even when other values are missing.
        let i = invalid(&form(&[("ht-hb", "abc")]));
        assert_eq!(i.slot, "ht-hb");
    }

    // ---------- units ----------

    #[test]
    fn decimal_comma_and_exact_unit_conversion() {
        let j = json_of(&with(&[
            ("ht-platelets", "16,1"),
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-anc", "1,2010"),
            ("ht-anc-unit", "e9-per-l"),
            ("ht-hb", "91"),
            ("ht-hb-unit", "g-l"),
        ]));
        assert_eq!(number(&j, "plateletsPerUl"), 16_100.0);
        assert_eq!(number(&j, "ancPerUl"), 1_201.0);
        assert_eq!(number(&j, "hbGPerDl"), 9.1);
        assert_eq!(number(&j, "crpMgPerL"), 5.0);
        assert_eq!(number(&j, "ferritinNgPerMl"), 300.0);
    }

    #[test]
    fn crp_goes_to_the_api_in_the_unit_entered() {
        let j = json_of(&with(&[("ht-crp", "3,5"), ("ht-crp-unit", "mg-dl")]));
        assert_eq!(number(&j, "crpMgPerDl"), 3.5);
        let Json::Object(entries) = &j else { panic!() };
        assert!(!entries.iter().any(|(k, _)| k == "crpMgPerL"));
    }

    #[test]
    fn echoes_show_the_value_in_the_table_unit() {
        let v = read_baseline(&with(&[
            ("ht-platelets", "150"),
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-anc", "1,5"),
            ("ht-anc-unit", "e9-per-l"),
            ("ht-hb", "90"),
            ("ht-hb-unit", "g-l"),
            ("ht-crp", "30"),
            ("ht-crp-unit", "mg-l"),
        ]));
        let echo = |slot: &str| {
            v.echoes
                .iter()
                .find(|(s, _)| *s == slot)
                .map(|(_, t)| t.clone())
                .unwrap()
        };
        assert_eq!(echo("ht-platelets"), "= 150 ×10⁹/L = 150\u{202f}000 /µL");
        assert_eq!(echo("ht-anc"), "= 1.5 ×10⁹/L = 1500 /µL");
        assert_eq!(echo("ht-hb"), "= 90 g/L = 9 g/dL");
        assert_eq!(echo("ht-crp"), "= 30 mg/L = 3 mg/dL");
        assert_eq!(echo("ht-ferritin"), "= 300 ng/mL");
        let v = read_baseline(&normal());
        assert!(
            v.echoes
                .contains(&("ht-platelets", "= 200\u{202f}000 /µL".to_string()))
        );
    }

    #[test]
    fn echo_is_shown_even_while_another_field_is_wrong() {
        let v = read_baseline(&form(&[
            ("ht-platelets", "150000"),
            ("ht-platelets-unit", "per-ul"),
        ]));
        assert_eq!(
            v.echoes,
            vec![("ht-platelets", "= 150\u{202f}000 /µL".to_string())]
        );
        assert!(matches!(v.outcome, Outcome::Invalid(_)));
    }

    // ---------- both sides of each cut-off, through the form ----------

    fn points(changes: &[(&str, &str)], variable: Variable) -> u8 {
        let r = scored(&with(changes));
        r.findings
            .iter()
            .find(|f| f.variable == variable)
            .map(|f| f.points)
            .unwrap()
    }

    fn platelets(text: &str, unit: &str) -> u8 {
        points(
            &[("ht-platelets", text), ("ht-platelets-unit", unit)],
            Variable::Platelets,
        )
    }

    #[test]
    fn platelets_175_e9_per_l_is_175000_per_ul_and_1_point() {
        let j = json_of(&with(&[
            ("ht-platelets", "175"),
            ("ht-platelets-unit", "e9-per-l"),
        ]));
        assert_eq!(number(&j, "plateletsPerUl"), 175_000.0);
        assert_eq!(platelets("175", "e9-per-l"), 1);
    }

    #[test]
    fn platelets_175_001_e9_per_l_is_175001_per_ul_and_0_points() {
        let j = json_of(&with(&[
            ("ht-platelets", "175,0010"),
            ("ht-platelets-unit", "e9-per-l"),
        ]));
        assert_eq!(number(&j, "plateletsPerUl"), 175_001.0);
        assert_eq!(platelets("175.0010", "e9-per-l"), 0);
        assert_eq!(platelets("175,0010", "e9-per-l"), 0);
        // Three decimals after a non-zero whole part could be a thousands group: refused.
        let i = invalid(&with(&[
            ("ht-platelets", "175,001"),
            ("ht-platelets-unit", "e9-per-l"),
        ]));
        assert!(i.message.contains("175001 or 175,0010?"), "{}", i.message);
    }

    #[test]
    fn platelets_per_ul_both_sides_of_175000_and_75000() {
        assert_eq!(platelets("175001", "per-ul"), 0);
        assert_eq!(platelets("175000", "per-ul"), 1);
        assert_eq!(platelets("75000", "per-ul"), 1);
        assert_eq!(platelets("74999", "per-ul"), 2);
    }

    #[test]
    fn platelets_75_e9_per_l_is_1_point_and_74_999_is_2() {
        assert_eq!(platelets("75", "e9-per-l"), 1);
        assert_eq!(platelets("74,9990", "e9-per-l"), 2);
    }

    #[test]
    fn anc_1200_is_1_point_and_1201_is_0_in_both_units() {
        let anc = |t: &str, u: &str| points(&[("ht-anc", t), ("ht-anc-unit", u)], Variable::Anc);
        assert_eq!(anc("1200", "per-ul"), 1);
        assert_eq!(anc("1201", "per-ul"), 0);
        assert_eq!(anc("1,2", "e9-per-l"), 1);
        assert_eq!(anc("1,2010", "e9-per-l"), 0);
        assert_eq!(anc("0", "per-ul"), 1);
    }

    #[test]
    fn hb_in_mmol_per_l_is_converted_with_the_monomer_factor_and_echoed() {
        let f = with(&[("ht-hb", "8,5"), ("ht-hb-unit", "mmol-l")]);
        assert_eq!(number(&json_of(&f), "hbGPerDl"), 13.697325);
        let v = read_baseline(&f);
        assert!(
            v.echoes.contains(&(
                "ht-hb",
                "= 8.5 mmol/L × 1.61145 = 13.697325 g/dL".to_string()
            )),
            "{:?}",
            v.echoes
        );
        let hb = |t: &str| points(&[("ht-hb", t), ("ht-hb-unit", "mmol-l")], Variable::Hb);
        // 5.585 mmol/L = 8.99994825 g/dL (<= 9.0: 1 point); 5.5851 = 9.000109395 (0 points).
        assert_eq!(hb("5,5850"), 1);
        assert_eq!(hb("5,5851"), 0);
        // 20 mmol/L = 32.229 g/dL: implausible, with the value as entered and converted.
        let i = invalid(&with(&[("ht-hb", "20"), ("ht-hb-unit", "mmol-l")]));
        assert_eq!(i.slot, "ht-hb");
        assert!(
            i.message.contains("(20 mmol/L = 32.229 g/dL)"),
            "{}",
            i.message
        );
        assert!(i.message.contains("5.585 mmol/L"), "{}", i.message);
    }

    #[test]
    fn an_implausible_value_is_refused_at_its_field_before_the_others_are_entered() {
        let i = invalid(&form(&[
            ("ht-platelets", "1e308"),
            ("ht-platelets-unit", "per-ul"),
        ]));
        assert_eq!(i.slot, "ht-platelets");
        assert!(i.message.contains("1e308"), "{}", i.message);
        assert!(!i.message.contains("all five"), "{}", i.message);
        // A plausible value alone still waits for the other four.
        let w = invalid(&form(&[
            ("ht-platelets", "150000"),
            ("ht-platelets-unit", "per-ul"),
        ]));
        assert!(w.message.contains("all five"), "{}", w.message);
    }

    #[test]
    fn the_form_cites_the_haemoglobin_factor_and_its_source() {
        let h = baseline_form_html();
        assert!(h.contains("1 mmol/L = 1.61145 g/dL (haemoglobin monomer, 16\u{202f}114.5 g/mol; International Council for Standardization in Haematology (ICSH)"), "{h}");
        assert!(h.contains("value=\"mmol-l\""));
        assert!(!h.contains("SPEC"));
    }

    #[test]
    fn each_unit_choice_is_named_after_its_value_as_the_form_labels_it() {
        let h = baseline_form_html();
        assert!(
            h.contains("<legend class=\"sr-only\">Unit of C-reactive protein (CRP)</legend>"),
            "{h}"
        );
        assert!(!h.contains("c-reactive protein (crp)"));
    }

    #[test]
    fn hb_90_g_per_l_is_1_point_and_91_is_0() {
        let hb = |t: &str, u: &str| points(&[("ht-hb", t), ("ht-hb-unit", u)], Variable::Hb);
        assert_eq!(hb("90", "g-l"), 1);
        assert_eq!(hb("91", "g-l"), 0);
        assert_eq!(hb("90,1", "g-l"), 0);
        assert_eq!(hb("9", "g-dl"), 1);
        assert_eq!(hb("9,0", "g-dl"), 1);
        assert_eq!(hb("9,01", "g-dl"), 0);
    }

    #[test]
    fn crp_30_mg_per_l_is_1_point_and_29_9_is_0() {
        let crp = |t: &str, u: &str| points(&[("ht-crp", t), ("ht-crp-unit", u)], Variable::Crp);
        assert_eq!(crp("30", "mg-l"), 1);
        assert_eq!(crp("29,9", "mg-l"), 0);
        assert_eq!(crp("3", "mg-dl"), 1);
        assert_eq!(crp("2,99", "mg-dl"), 0);
    }

    #[test]
    fn ferritin_649_650_2000_2001() {
        let fer = |t: &str| points(&[("ht-ferritin", t)], Variable::Ferritin);
        assert_eq!(fer("649"), 0);
        assert_eq!(fer("650"), 1);
        assert_eq!(fer("2000"), 1);
        assert_eq!(fer("2001"), 2);
    }

    #[test]
    fn score_1_is_low_and_2_is_high() {
        let r = scored(&with(&[("ht-crp", "30")]));
        assert_eq!((r.score, r.risk), (1, Risk::Low));
        let r = scored(&with(&[("ht-crp", "30"), ("ht-hb", "9")]));
        assert_eq!((r.score, r.risk), (2, Risk::High));
        assert_eq!(scored(&normal()).score, 0);
    }

    #[test]
    fn worst_values_score_7() {
        let r = scored(&form(&[
            ("ht-platelets", "50"),
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-anc", "0,5"),
            ("ht-anc-unit", "e9-per-l"),
            ("ht-hb", "80"),
            ("ht-hb-unit", "g-l"),
            ("ht-crp", "34"),
            ("ht-crp-unit", "mg-dl"),
            ("ht-ferritin", "5000"),
        ]));
        assert_eq!((r.score, r.risk), (7, Risk::High));
    }

    // ---------- implausible values: the API's message at the field ----------

    #[test]
    fn platelets_in_e9_per_l_typed_as_per_ul_are_implausible() {
        let i = invalid(&with(&[("ht-platelets", "150")]));
        assert_eq!(i.slot, "ht-platelets");
        assert_eq!(
            i.message,
            "Platelet count must be 1000-2000000 /µL, got 150; is the unit right? 150 ×10⁹/L is 150\u{202f}000 /µL; check the unit chosen beside the value."
        );
    }

    #[test]
    fn hb_in_g_per_l_typed_as_g_per_dl_is_implausible() {
        let i = invalid(&with(&[("ht-hb", "90")]));
        assert_eq!(i.slot, "ht-hb");
        assert!(
            i.message
                .starts_with("Haemoglobin must be 2-25 g/dL, got 90; is the unit right?"),
            "{}",
            i.message
        );
    }

    #[test]
    fn a_converted_implausible_value_shows_what_was_entered() {
        let i = invalid(&with(&[("ht-hb", "9"), ("ht-hb-unit", "g-l")]));
        assert_eq!(i.slot, "ht-hb");
        assert!(
            i.message
                .starts_with("Haemoglobin (9 g/L = 0.9 g/dL) must be 2-25 g/dL, got 0.9;"),
            "{}",
            i.message
        );
    }

    #[test]
    fn crp_range_depends_on_the_unit() {
        let i = invalid(&with(&[("ht-crp", "150"), ("ht-crp-unit", "mg-dl")]));
        assert_eq!(i.slot, "ht-crp");
        assert!(
            i.message.contains("must be 0-100 mg/dL, got 150"),
            "{}",
            i.message
        );
        assert!(
            !i.message.contains("crpMg"),
            "no JSON keys in the form: {}",
            i.message
        );
        assert!(matches!(
            read_baseline(&with(&[("ht-crp", "150"), ("ht-crp-unit", "mg-l")])).outcome,
            Outcome::Graded(_)
        ));
    }

    #[test]
    fn negative_and_huge_values_are_refused() {
        assert_eq!(invalid(&with(&[("ht-anc", "-5")])).slot, "ht-anc");
        assert_eq!(
            invalid(&with(&[("ht-ferritin", "200001")])).slot,
            "ht-ferritin"
        );
        let i = invalid(&with(&[("ht-anc", "150"), ("ht-anc-unit", "e9-per-l")]));
        assert!(
            i.message.starts_with(
                "Absolute neutrophil count (ANC) (150 ×10⁹/L = 150000 /µL) must be 0-100000 /µL, got 150000;"
            ),
            "{}",
            i.message
        );
    }

    // ---------- round trips ----------

    #[test]
    fn a_cases_baseline_shows_again_in_the_form_and_reads_back_the_same() {
        for crp in [("crpMgPerDl", 3.4), ("crpMgPerL", 29.9)] {
            let input = Json::object(vec![
                ("plateletsPerUl", Json::Number(74_999.0)),
                ("ancPerUl", Json::Number(1_200.0)),
                ("hbGPerDl", Json::Number(9.1)),
                (crp.0, Json::Number(crp.1)),
                ("ferritinNgPerMl", Json::Number(2_000.5)),
            ]);
            let f = baseline_form_from_json(&input);
            assert_eq!(f.get("ht-platelets-unit").unwrap(), "per-ul");
            assert_eq!(f.get("ht-hb").unwrap(), "9.1");
            assert_eq!(json_of(&f), input);
        }
    }

    #[test]
    fn form_in_other_units_round_trips_through_the_api_units() {
        let typed = with(&[
            ("ht-platelets", "175,0010"),
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-anc", "0,35"),
            ("ht-anc-unit", "e9-per-l"),
            ("ht-hb", "87"),
            ("ht-hb-unit", "g-l"),
            ("ht-crp", "12,5"),
            ("ht-crp-unit", "mg-l"),
        ]);
        let j = json_of(&typed);
        let shown = baseline_form_from_json(&j);
        assert_eq!(shown.get("ht-platelets").unwrap(), "175001");
        assert_eq!(shown.get("ht-anc").unwrap(), "350");
        assert_eq!(shown.get("ht-hb").unwrap(), "8.7");
        assert_eq!(shown.get("ht-hb-unit").unwrap(), "g-dl");
        assert_eq!(shown.get("ht-crp-unit").unwrap(), "mg-l");
        assert_eq!(json_of(&shown), j);
        assert_eq!(scored(&shown), scored(&typed));
    }

    #[test]
    fn every_platelet_count_in_tenths_round_trips() {
        for tenths in (10..20_000_u32).step_by(7) {
            let typed = format!("{}", f64::from(tenths) / 10.0);
            let j = json_of(&with(&[
                ("ht-platelets", &typed),
                ("ht-platelets-unit", "e9-per-l"),
            ]));
            assert_eq!(number(&j, "plateletsPerUl"), f64::from(tenths) * 100.0);
            assert_eq!(json_of(&baseline_form_from_json(&j)), j);
        }
    }

    #[test]
    fn from_json_ignores_what_it_does_not_know() {
        assert_eq!(baseline_form_from_json(&Json::Null), RawForm::new());
        let f = baseline_form_from_json(&Json::object(vec![
            ("plateletsPerUl", Json::String("many".into())),
            ("colour", Json::Number(1.0)),
        ]));
        assert_eq!(f, RawForm::new());
    }

    // ---------- form and result HTML ----------

    #[test]
    fn form_has_text_fields_with_decimal_keyboard_and_unit_radios() {
        let h = baseline_form_html();
        assert!(!h.contains("type=\"number\""));
        for f in &FIELDS {
            assert!(h.contains(&format!(
                "id=\"f-{}\" name=\"{}\" type=\"text\" inputmode=\"decimal\"",
                f.slot, f.slot
            )));
            assert!(h.contains(&format!("id=\"err-{}\"", f.slot)));
            assert!(h.contains(&format!("id=\"echo-{}\"", f.slot)));
            let units = FormUnit::offered(f.variable);
            for u in units.iter().filter(|_| units.len() > 1) {
                assert!(h.contains(&format!("name=\"{}-unit\" value=\"{}\"", f.slot, u.key())));
            }
        }
        assert!(!h.contains(" checked"), "no unit is pre-selected");
        assert!(h.contains("before lymphodepletion (about day \u{2212}5)"));
        assert!(h.contains("Rejeski 2021"));
        assert!(h.contains(&format!("id=\"err-{GENERAL_SLOT}\"")));
    }

    #[test]
    fn table_rows_are_the_spec_cut_offs() {
        let cells = |v, mg_l| {
            hematotox::table_row(v, mg_l)
                .iter()
                .map(|c| c.map(|s| s.band))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            cells(Variable::Platelets, false),
            [
                Some("> 175\u{202f}000 /µL"),
                Some("75\u{202f}000-175\u{202f}000 /µL"),
                Some("< 75\u{202f}000 /µL")
            ]
        );
        assert_eq!(
            cells(Variable::Anc, false),
            [Some("> 1200 /µL"), Some("\u{2264} 1200 /µL"), None]
        );
        assert_eq!(
            cells(Variable::Hb, false),
            [Some("> 9.0 g/dL"), Some("\u{2264} 9.0 g/dL"), None]
        );
        assert_eq!(
            cells(Variable::Crp, false),
            [Some("< 3.0 mg/dL"), Some("\u{2265} 3.0 mg/dL"), None]
        );
        assert_eq!(
            cells(Variable::Crp, true),
            [
                Some("< 30 mg/L, i.e. < 3.0 mg/dL"),
                Some("\u{2265} 30 mg/L, i.e. \u{2265} 3.0 mg/dL"),
                None
            ]
        );
        assert_eq!(
            cells(Variable::Ferritin, false),
            [
                Some("< 650 ng/mL"),
                Some("650-2000 ng/mL"),
                Some("> 2000 ng/mL")
            ]
        );
    }

    #[test]
    fn result_card_shows_score_risk_points_table_rule_and_source() {
        let v = read_baseline(&with(&[
            ("ht-platelets", "100"),
            ("ht-platelets-unit", "e9-per-l"),
            ("ht-crp", "30"),
        ]));
        let h = baseline_result_html(&v.outcome);
        assert!(h.contains("data-score=\"2\" data-risk=\"high\""));
        assert!(h.contains(">Score 2<"));
        assert!(h.contains("<strong>High risk</strong>"));
        assert!(h.contains("<tr data-variable=\"platelets\" data-points=\"1\"><th scope=\"row\">Platelets</th><td><span class=\"nw\">100\u{202f}000 /µL</span></td><td>75\u{202f}000-<span class=\"nw\">175\u{202f}000 /µL</span></td><td>1</td></tr>"));
        assert!(h.contains(
            "<td><span class=\"nw\">30 mg/L</span> <span class=\"nw\">(= 3 mg/dL)</span></td>"
        ));
        assert!(h.contains("data-total=\"2\""));
        // Fired cells, one per row, marked with a symbol and words (not colour alone).
        assert_eq!(h.matches("class=\"fired\"").count(), 5);
        assert!(h.contains("<td class=\"fired\" data-points=\"1\"><span aria-hidden=\"true\">\u{2714} </span><span class=\"sr-only\">This patient: </span>75\u{202f}000-175\u{202f}000</td>"));
        assert!(h.contains(
            "<th scope=\"row\">Platelets <span class=\"nw\">(/µL)</span></th><td data-points=\"0\"><span class=\"nw\">&gt; 175\u{202f}000</span></td>"
        ));
        // CRP entered in mg/L: its row is in mg/L and keeps the mg/dL equivalent with its unit.
        assert!(h.contains("<th scope=\"row\">CRP <span class=\"nw\">(mg/L)</span></th><td data-points=\"0\"><span class=\"nw\">&lt; 30 mg/L,</span> i.e. <span class=\"nw\">&lt; 3.0 mg/dL</span></td>"));
        assert!(h.contains("<span class=\"nw\">\u{2265} 30 mg/L,</span> i.e. <span class=\"nw\">\u{2265} 3.0 mg/dL</span>"));
        assert!(plain(&h).contains("For the record: CAR-HEMATOTOX 2: high risk"));
        // CRP in mg/dL: the row is in mg/dL and its cells give the numbers.
        let h = baseline_result_html(
            &read_baseline(&with(&[("ht-crp", "3"), ("ht-crp-unit", "mg-dl")])).outcome,
        );
        assert!(h.contains("<th scope=\"row\">CRP <span class=\"nw\">(mg/dL)</span></th><td data-points=\"0\"><span class=\"nw\">&lt; 3.0</span></td><td class=\"fired\" data-points=\"1\">"));
        let text = plain(&h);
        assert!(text.contains("0\u{2013}1 low risk, \u{2265} 2 high risk"));
        assert!(text.contains("ANC exactly 1200 /µL scores 1 (\u{2264} 1200)"));
        assert!(text.contains("The cut-offs are this calculator\u{2019}s stated ones"));
        assert!(!text.contains("SPEC"));
        assert!(text.contains("not verified against the paper"));
        assert!(text.contains("Rejeski K et al. CAR-HEMATOTOX. Blood 2021;138(24):2499-2513"));
        assert!(text.contains(crate::APP_VERSION));
        assert!(text.contains("before lymphodepletion"));
    }

    #[test]
    fn low_risk_is_said_in_words() {
        let h = baseline_result_html(&read_baseline(&normal()).outcome);
        assert!(h.contains("data-score=\"0\" data-risk=\"low\""));
        assert!(h.contains("<strong>Low risk</strong>"));
    }

    #[test]
    fn a_value_exactly_at_a_disputed_cut_off_is_pointed_out() {
        let h = baseline_result_html(
            &read_baseline(&with(&[("ht-anc", "1,2"), ("ht-anc-unit", "e9-per-l")])).outcome,
        );
        assert!(plain(&h).contains("ANC is exactly at the cut-off (1200 /µL): scored 1 point"));
        let h = baseline_result_html(&read_baseline(&normal()).outcome);
        assert!(!h.contains("exactly at the cut-off"));
    }

    #[test]
    fn invalid_and_empty_cards_show_no_score() {
        let h = baseline_result_html(&read_baseline(&with(&[("ht-platelets", "150")])).outcome);
        assert!(h.contains("data-score=\"none\""));
        assert!(h.contains("data-error-slot=\"ht-platelets\""));
        assert!(h.contains("No score"));
        assert!(!h.contains("Score 0") && !h.contains("risk\""));
        let h = baseline_result_html(&Outcome::Empty);
        assert!(h.contains("data-score=\"none\""));
        assert!(h.contains("No value entered yet"));
    }

    #[test]
    fn numbers_stay_with_their_units_and_signs() {
        assert_eq!(
            keep_together("\u{2264} 1200 /µL"),
            "<span class=\"nw\">\u{2264} 1200 /µL</span>"
        );
        assert_eq!(
            keep_together("650-2000 ng/mL"),
            "650-<span class=\"nw\">2000 ng/mL</span>"
        );
        assert_eq!(
            keep_together("-12,345 /µL"),
            "<span class=\"nw\">-12,345 /µL</span>"
        );
        assert_eq!(
            keep_together("a < b & c"),
            "a <span class=\"nw\">&lt; b</span> &amp; c"
        );
        assert_eq!(keep_together("9.5"), "9.5");
        assert_eq!(
            keep_together("0 (> 9.0 g/dL);"),
            "0 <span class=\"nw\">(&gt; 9.0 g/dL);</span>"
        );
    }

    #[test]
    fn grouping_matches_the_table() {
        assert_eq!(grouped(1200.0), "1200");
        assert_eq!(grouped(175_000.0), "175\u{202f}000");
    }
}
