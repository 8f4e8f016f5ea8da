//! What leaves the page: CSV files (units in the headers, UTF-8 BOM), the plain-text note for
//! the medical record, and the printable A4 report.

use super::assess::{self, AssessView, Outcome};
use super::course::{self, CourseEvaluation};
use super::html::esc;
use super::kinetics::{self as kin, KineticsView};
use super::workspace::Workspace;
use crate::case::LabValue;
use crate::display::{day_time, result};
use crate::numbers;
use crate::sources;
use crate::steroids::{Drug, Medication};

/// CSV dialect: comma with decimal point (RFC 4180), or semicolon with decimal comma (what
/// spreadsheet programs in most of Europe and Russia open directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    CommaPoint,
    SemicolonComma,
}

impl CsvStyle {
    fn sep(self) -> char {
        match self {
            CsvStyle::CommaPoint => ',',
            CsvStyle::SemicolonComma => ';',
        }
    }

    /// Noise-free (15 significant digits, [`crate::display::number`]) and never grouped, so a
    /// spreadsheet reads it as one number.
    pub(crate) fn number(self, x: f64) -> String {
        let text = crate::display::number(x);
        match self {
            CsvStyle::CommaPoint => text,
            CsvStyle::SemicolonComma => text.replace('.', ","),
        }
    }
}

/// Whether a cell reads as a plain number (digits, one decimal mark, an optional leading minus
/// and exponent): a spreadsheet takes it as a value, never as a formula.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix('-').unwrap_or(e))),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once(['.', ',']) {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// OWASP CSV injection: a text cell beginning with `=`, `+`, `-`, `@`, tab or carriage return
/// would be run as a formula by spreadsheet programs; a leading apostrophe makes it text.
/// Numbers (a negative day) are values, not formulas, and are left as they are.
fn neutralise(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

pub(crate) const BOM: &str = "\u{feff}";

fn field(style: CsvStyle, text: &str) -> String {
    let text = &neutralise(text);
    if text.contains(style.sep())
        || text.contains('"')
        || text.contains('\n')
        || text.contains('\r')
    {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub(crate) fn row(style: CsvStyle, cells: &[String]) -> String {
    let sep = style.sep().to_string();
    cells
        .iter()
        .map(|c| field(style, c))
        .collect::<Vec<_>>()
        .join(&sep)
        + "\r\n"
}

/// The CSV header cells.
fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Blood CAR-T counts by day (one row per day, empty where a series was not measured) and the
/// CSF samples below them.
pub fn kinetics_csv(ws: &Workspace, style: CsvStyle) -> Result<String, String> {
    let v = kin::read_kinetics(&ws.kinetics);
    if v.has_issues() {
        return Err("the kinetics table has cells that need correcting".to_string());
    }
    let mut out = String::from(BOM);
    out.push_str(&row(
        style,
        &header(&[
            "Day (days after infusion)",
            "Total CAR-T (cells/µL)",
            "CD4+ CAR-T (cells/µL)",
            "CD8+ CAR-T (cells/µL)",
        ]),
    ));
    let mut rows: Vec<(f64, [Option<f64>; 3])> = Vec::new();
    for (name, series) in v.analysis.iter().flat_map(|a| &a.input.series) {
        let k = crate::kinetics::SeriesName::ALL
            .iter()
            .position(|n| n == name)
            .unwrap_or(0);
        for &(day, count) in series.samples() {
            if !rows.iter().any(|(d, _)| *d == day) {
                rows.push((day, [None; 3]));
            }
            let slot = rows
                .iter_mut()
                .find(|(d, _)| *d == day)
                .and_then(|(_, counts)| counts.get_mut(k));
            if let Some(slot) = slot {
                *slot = Some(count);
            }
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (day, counts) in rows {
        let mut cells = vec![style.number(day)];
        for count in counts {
            cells.push(count.map(|x| style.number(x)).unwrap_or_default());
        }
        out.push_str(&row(style, &cells));
    }
    csf_rows(&mut out, ws, style, CsfColumns::Numbers);
    Ok(out)
}

/// The records of a list in day order (entries of the same day in the order entered).
fn by_day<T>(records: &[(usize, T)], day: impl Fn(&T) -> f64) -> Vec<&T> {
    let mut sorted: Vec<&T> = records.iter().map(|(_, r)| r).collect();
    sorted.sort_by(|a, b| day(a).total_cmp(&day(b)));
    sorted
}

/// The course: one row per recorded assessment (grades and scores), then the medications with
/// their dexamethasone equivalents, the lab values and the CSF samples.
pub fn course_csv(ws: &Workspace, c: &CourseEvaluation, style: CsvStyle) -> String {
    let r = &c.result;
    let mut out = String::from(BOM);
    out.push_str(&row(
        style,
        &header(&[
            "Day (days after infusion)",
            "When",
            "ICANS grade (0-4, ASTCT 2019)",
            "ICE score (0-10)",
            "CAPD score (0-32)",
            "ICANS complete",
            "CRS grade (0-4, ASTCT 2019)",
            "CRS complete",
            "Note",
        ]),
    ));
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let text = |x: Option<String>| x.unwrap_or_default();
    for a in &r.assessments {
        let note = c
            .assessments
            .iter()
            .find(|(i, _)| *i == a.input_index)
            .and_then(|(_, a)| a.note());
        let icans = a.icans.as_ref();
        let crs = a.crs.as_ref();
        out.push_str(&row(
            style,
            &[
                style.number(a.day),
                day_time(a.day),
                text(icans.map(|i| i.grade.to_string())),
                text(icans.and_then(|i| i.ice_total).map(|t| t.to_string())),
                text(icans.and_then(|i| i.capd_total).map(|t| t.to_string())),
                text(icans.map(|i| yes_no(i.complete))),
                text(crs.map(|c| c.grade.to_string())),
                text(crs.map(|c| yes_no(c.complete))),
                note.unwrap_or_default().to_string(),
            ],
        ));
    }
    if !c.medications.is_empty() {
        out.push_str("\r\n");
        out.push_str(&row(
            style,
            &header(&[
                "Medication day (days after infusion)",
                "When",
                "Drug",
                "Dose (mg)",
                "Route",
                "Dexamethasone-equivalent (mg)",
                "Cumulative systemic dexamethasone-equivalent (mg)",
            ]),
        ));
        let mut meds: Vec<&(usize, Medication)> = c.medications.iter().collect();
        meds.sort_by(|a, b| a.1.day().total_cmp(&b.1.day()));
        for (i, m) in meds {
            let dose = r.steroids.per_dose.iter().find(|d| d.input_index == *i);
            let drug = match m.drug() {
                Drug::Other { label } => label.clone(),
                listed => listed.api_name().to_string(),
            };
            out.push_str(&row(
                style,
                &[
                    style.number(m.day()),
                    day_time(m.day()),
                    drug,
                    style.number(m.mg()),
                    m.route().api_name().to_string(),
                    text(dose.map(|d| style.number(d.dex_eq_mg))),
                    text(
                        dose.filter(|d| d.systemic)
                            .map(|d| style.number(d.cumulative_systemic_dex_eq_mg)),
                    ),
                ],
            ));
        }
    }
    lab_rows(&mut out, c, style);
    csf_rows(&mut out, ws, style, CsfColumns::WithWhen);
    out
}

/// The lab values in day order (after the medications of the course CSV).
fn lab_rows(out: &mut String, c: &CourseEvaluation, style: CsvStyle) {
    if c.labs.is_empty() {
        return;
    }
    out.push_str("\r\n");
    out.push_str(&row(
        style,
        &header(&[
            "Lab day (days after infusion)",
            "When",
            "Analyte",
            "Value",
            "Unit",
            "Note",
        ]),
    ));
    for l in by_day(&c.labs, LabValue::day) {
        out.push_str(&row(
            style,
            &[
                style.number(l.day()),
                day_time(l.day()),
                l.analyte().label().to_string(),
                style.number(l.value()),
                l.unit().api_name().to_string(),
                l.note().unwrap_or_default().to_string(),
            ],
        ));
    }
}

/// Which columns the CSF block has: the kinetics CSV keeps numbers only (so it can be pasted
/// back); the course CSV adds the day as read ("day +14 01:00") like its other records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CsfColumns {
    Numbers,
    WithWhen,
}

/// The CSF samples below the other rows, after a blank line, with their own header.
fn csf_rows(out: &mut String, ws: &Workspace, style: CsvStyle, columns: CsfColumns) {
    let (csf, _) = kin::read_csf(&ws.kinetics.csf);
    if csf.is_empty() {
        return;
    }
    let with_when = columns == CsfColumns::WithWhen;
    out.push_str("\r\n");
    let mut cells = vec!["CSF day (days after infusion)"];
    if with_when {
        cells.push("When");
    }
    cells.extend([
        "CSF WBC (cells/µL)",
        "CSF CAR-T (% of leukocytes)",
        "CSF CD4+/CD8+ ratio",
        "Note",
    ]);
    out.push_str(&row(style, &header(&cells)));
    let o = |x: Option<f64>| x.map(|v| style.number(v)).unwrap_or_default();
    for s in csf {
        let mut cells = vec![style.number(s.day)];
        if with_when {
            cells.push(day_time(s.day));
        }
        cells.extend([
            o(s.wbc_per_ul),
            o(s.car_t_percent),
            o(s.cd4_cd8_ratio),
            s.note.unwrap_or_default(),
        ]);
        out.push_str(&row(style, &cells));
    }
}

/// The plain-text summary for the medical record (one tap to copy).
pub fn record_note(
    ws: &Workspace,
    current: &AssessView,
    course: Option<&CourseEvaluation>,
    kinetics: &KineticsView,
) -> String {
    let mut lines = Vec::new();
    let label = ws
        .patient
        .get("label")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    lines.push(format!(
        "icans-calc summary{}{}",
        label.map(|l| format!(" \u{2014} {l}")).unwrap_or_default(),
        ws.infusion_date()
            .map(|d| format!(" (CAR-T infusion {}, day 0)", crate::display::date(d)))
            .unwrap_or_default()
    ));
    let now = assess::record_text(current);
    if matches!(current.icans, Outcome::Graded(_) | Outcome::Invalid(_))
        || matches!(current.crs, Outcome::Graded(_) | Outcome::Invalid(_))
    {
        lines.push(format!(
            "Current assessment: {}",
            now.lines()
                .filter(|l| !l.starts_with("Source:"))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    if let Some(c) = course {
        lines.push(course::plain_course(&c.result));
        lines.extend(course::rejected_entries_text(&c.rejected));
    }
    if let Some(a) = &kinetics.analysis
        && let Some(t) = &a.result.series.total
    {
        let auc = t
            .auc
            .iter()
            .map(|x| match x.value {
                Some(v) => format!(
                    "AUC0-{} {} cells/µL×day",
                    numbers::format_trimmed(x.to_day, 2),
                    result(v)
                ),
                None => format!(
                    "AUC0-{} not computable",
                    numbers::format_trimmed(x.to_day, 2)
                ),
            })
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(format!(
            "CAR-T (total, blood): Cmax {} cells/µL{}; {auc} ({}).",
            result(t.cmax),
            t.tmax
                .map(|d| format!(" on {}", day_time(d)))
                .unwrap_or_default(),
            a.result.method
        ));
    }
    lines.push(format!(
        "Grading: ASTCT 2019 ({}). Calculated with icans-calc {}; decision support only, verify against the source tables.",
        sources::LEE_2019_SHORT,
        crate::APP_VERSION
    ));
    lines.join("\n")
}

/// Everything the printable report needs, prepared by the caller.
pub struct ReportParts<'a> {
    pub ws: &'a Workspace,
    pub current: &'a AssessView,
    pub course: Option<&'a CourseEvaluation>,
    pub kinetics: &'a KineticsView,
    /// The baseline panel's result HTML, if a score was computed.
    pub baseline_html: Option<String>,
    pub course_chart_svg: Option<String>,
    pub kinetics_chart_svg: Option<String>,
    pub labs_chart_svg: Option<String>,
    /// Local date and time of printing, unambiguous ([`crate::display::date_time`]: "2026-12-01 14:05").
    pub printed_at: String,
}

/// A chart of the report, when there is one.
fn figure(svg: &Option<String>) -> String {
    svg.as_ref()
        .map(|svg| format!("<figure class=\"report-chart\">{svg}</figure>"))
        .unwrap_or_default()
}

/// The A4 report: identification, current grades with their basis, the course, steroids,
/// kinetics, baseline, sources and version. It holds no controls.
pub fn report_html(p: &ReportParts<'_>) -> String {
    let label =
        p.ws.patient
            .get("label")
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .unwrap_or("(no patient label)");
    let infusion =
        p.ws.infusion_date()
            .map(|d| format!("CAR-T infusion {} (day 0) \u{b7} ", crate::display::date(d)))
            .unwrap_or_default();
    let mut h = format!(
        "<header class=\"report-head\"><h1>icans-calc report \u{2014} {}</h1><p>{}Printed {} \u{b7} icans-calc {} \u{b7} Decision support: every grade below shows the rule and source it was derived from; verify against the cited tables.</p></header>",
        esc(label),
        esc(&infusion),
        esc(&p.printed_at),
        crate::APP_VERSION
    );
    let graded_now =
        !matches!(p.current.icans, Outcome::Empty) || !matches!(p.current.crs, Outcome::Empty);
    if graded_now {
        h.push_str("<section class=\"report-section\"><h2>Current assessment</h2><div class=\"report-pair\">");
        h.push_str(&assess::icans_result_html(&p.current.icans));
        h.push_str(&assess::crs_result_html(&p.current.crs));
        h.push_str("</div></section>");
    }
    if let Some(c) = p.course {
        let r = &c.result;
        h.push_str("<section class=\"report-section\"><h2>Course</h2>");
        if let Some(text) = course::rejected_entries_text(&c.rejected) {
            h.push_str(&format!(
                "<p class=\"callout\" id=\"report-rejected\">{}</p>",
                esc(&text)
            ));
        }
        h.push_str(&course::summary_html(r));
        h.push_str(&figure(&p.course_chart_svg));
        h.push_str(&course::assessment_list_html(c, p.ws.editing));
        h.push_str(
            "</section><section class=\"report-section\"><h2>Medications and steroid exposure</h2>",
        );
        h.push_str(&course::steroid_summary_html(&r.steroids));
        h.push_str(&course::medication_list_html(c));
        h.push_str(&course::steroid_table_html(&r.steroids));
        h.push_str("</section>");
    }
    if p.kinetics.analysis.is_some() {
        h.push_str("<section class=\"report-section\"><h2>CAR-T expansion kinetics</h2>");
        h.push_str(&figure(&p.kinetics_chart_svg));
        h.push_str(&kin::results_html(p.kinetics));
        h.push_str("</section>");
    }
    if let Some(b) = &p.baseline_html {
        h.push_str(&format!(
            "<section class=\"report-section\"><h2>Baseline risk (CAR-HEMATOTOX)</h2>{b}</section>"
        ));
    }
    if let Some(c) = p.course.filter(|c| !c.labs.is_empty()) {
        h.push_str("<section class=\"report-section\"><h2>Lab markers</h2>");
        h.push_str(&figure(&p.labs_chart_svg));
        h.push_str(&course::lab_list_html(c));
        h.push_str("</section>");
    }
    if !p.ws.notes.is_empty() {
        h.push_str("<section class=\"report-section\"><h2>Notes on this case</h2><ul>");
        h.push_str(&course::list_items(&p.ws.notes));
        h.push_str("</ul></section>");
    }
    h.push_str(&format!(
        "<section class=\"report-section report-sources\"><h2>Sources</h2><ul><li>{}</li><li>{}</li><li>{}</li><li>{}</li><li>Kinetics: {}</li><li>{}</li></ul><p>icans-calc {} supports, and does not replace, clinical judgement.</p></section>",
        esc(sources::LEE_2019),
        esc(sources::TRAUBE_2014),
        esc(sources::REJESKI_2021),
        esc(sources::STEROID_EQUIVALENCE),
        esc(crate::kinetics::KINETICS_SOURCE),
        esc(sources::CASE_REPORT),
        crate::APP_VERSION
    ));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example_ws() -> Workspace {
        Workspace::from_case(&crate::example::example_case().expect("example"))
    }

    #[test]
    fn kinetics_csv_has_bom_units_and_both_styles() {
        let ws = example_ws();
        let csv = kinetics_csv(&ws, CsvStyle::CommaPoint).expect("csv");
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("Total CAR-T (cells/µL)"));
        assert!(csv.contains("14,77.7,,\r\n"));
        let eu = kinetics_csv(&ws, CsvStyle::SemicolonComma).expect("csv");
        assert!(eu.contains("14;77,7;;\r\n"));
        assert!(eu.contains("CSF CAR-T (% of leukocytes)"));
    }

    #[test]
    fn course_csv_lists_grades_and_steroid_totals() {
        let ws = example_ws();
        let c = course::evaluate_course(&ws).expect("course");
        let csv = course_csv(&ws, &c, CsvStyle::CommaPoint);
        assert!(csv.contains("ICANS grade (0-4, ASTCT 2019)"));
        assert!(csv.contains(",day +14 01:00,4,0,,no,"));
        assert!(csv.contains("Cumulative systemic dexamethasone-equivalent (mg)"));
        assert!(csv.lines().any(|l| l.ends_with(",96")), "{csv}");
    }

    #[test]
    fn csv_numbers_have_no_float_noise_and_no_grouping() {
        assert_eq!(
            CsvStyle::CommaPoint.number(14.041666666666666),
            "14.0416666666667"
        );
        assert_eq!(CsvStyle::SemicolonComma.number(0.1 + 0.2), "0,3");
        assert_eq!(CsvStyle::CommaPoint.number(175_000.0), "175000");
    }

    #[test]
    fn csv_fields_with_separators_or_quotes_are_quoted() {
        assert_eq!(field(CsvStyle::CommaPoint, "a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(field(CsvStyle::SemicolonComma, "a, b"), "a, b");
    }

    #[test]
    fn text_cells_that_a_spreadsheet_would_run_are_neutralised() {
        for risky in [
            "=1+2",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            let cell = field(CsvStyle::CommaPoint, risky);
            assert!(
                cell.starts_with('\'') || cell.starts_with("\"'"),
                "{risky:?} -> {cell:?}"
            );
        }
        // Numbers stay numbers (a day before infusion), plain text stays as typed.
        assert_eq!(field(CsvStyle::CommaPoint, "-5"), "-5");
        assert_eq!(field(CsvStyle::SemicolonComma, "-0,5"), "-0,5");
        assert_eq!(field(CsvStyle::CommaPoint, "1e-3"), "1e-3");
        assert_eq!(field(CsvStyle::CommaPoint, "note"), "note");
    }

    #[test]
    fn a_note_with_a_formula_is_neutralised_in_the_course_csv() {
        let mut ws = example_ws();
        if let Some(crate::json::Json::Object(entries)) = ws.medications.get_mut(0) {
            entries.retain(|(k, _)| k != "note");
            entries.push(("note".into(), crate::json::Json::String("=1+2".into())));
        }
        if let Some(row) = ws.kinetics.csf.get_mut(0) {
            row[4] = "@SUM(A1)".into();
        }
        let c = course::evaluate_course(&ws).expect("course");
        let csv = course_csv(&ws, &c, CsvStyle::CommaPoint);
        for line in csv.lines() {
            for cell in line.split(',') {
                assert!(
                    !cell.starts_with(['=', '+', '@']) && !cell.starts_with("-2"),
                    "{cell} in {line}"
                );
            }
        }
        let kin = kinetics_csv(&ws, CsvStyle::CommaPoint).expect("csv");
        assert!(kin.contains(",'@SUM(A1)"), "{kin}");
    }

    #[test]
    fn numbers_are_written_without_float_noise() {
        assert_eq!(CsvStyle::CommaPoint.number(1.2487499999999998), "1.24875");
        assert_eq!(CsvStyle::SemicolonComma.number(0.1 + 0.2), "0,3");
        assert_eq!(CsvStyle::CommaPoint.number(896.3499999999999), "896.35");
        assert_eq!(CsvStyle::CommaPoint.number(-5.0), "-5");
        assert_eq!(
            CsvStyle::CommaPoint.number(14.0 + 1.0 / 24.0),
            "14.0416666666667"
        );
        let mut ws = example_ws();
        ws.kinetics.rows = vec![[
            "14".into(),
            "1.2487499999999998".into(),
            String::new(),
            String::new(),
        ]];
        let csv = kinetics_csv(&ws, CsvStyle::CommaPoint).expect("csv");
        assert!(csv.contains("14,1.24875,,"), "{csv}");
        assert!(!csv.contains("99999"));
    }

    #[test]
    fn the_course_csv_holds_labs_and_csf_samples() {
        let mut ws = example_ws();
        ws.labs.push(crate::json::Json::object(vec![
            ("day", crate::json::Json::Number(2.0)),
            ("analyte", crate::json::Json::String("crp".into())),
            ("value", crate::json::Json::Number(12.5)),
            ("unit", crate::json::Json::String("mg/L".into())),
        ]));
        let c = course::evaluate_course(&ws).expect("course");
        let csv = course_csv(&ws, &c, CsvStyle::CommaPoint);
        assert!(
            csv.contains("Lab day (days after infusion),When,Analyte,Value,Unit,Note\r\n2,day +2,")
        );
        assert!(csv.contains(",12.5,mg/L,"), "{csv}");
        assert!(csv.contains("CSF day (days after infusion),When,CSF WBC"));
        assert_eq!(
            csv.matches("\r\n\r\n").count(),
            3,
            "medications, labs and CSF each follow a blank line"
        );
        // The kinetics CSV has the same CSF block with numbers only, so it can be pasted back.
        let kinetics = kinetics_csv(&ws, CsvStyle::CommaPoint).expect("kinetics csv");
        assert!(
            kinetics.contains("\r\n\r\nCSF day (days after infusion),CSF WBC (cells/µL),"),
            "{kinetics}"
        );
        assert!(!kinetics.contains(",When,"));
    }

    #[test]
    fn record_note_names_grades_course_and_version() {
        let ws = example_ws();
        let r = course::evaluate_course(&ws).expect("course");
        let k = kin::read_kinetics(&ws.kinetics);
        let current = assess::read_assessment(&ws.assess);
        let note = record_note(&ws, &current, Some(&r), &k);
        assert!(note.contains("peak grade 4"));
        assert!(note.contains("96 mg dexamethasone-equivalent"));
        assert!(note.contains("Cmax 77.7 cells/µL on day +14"));
        assert!(note.contains(crate::APP_VERSION));
        // The intrathecal response as an upper bound, the amounts as given, no dex-equivalent.
        assert!(
            note.contains("grade 0 by the assessment 32 h later"),
            "{note}"
        );
        assert!(note.contains("Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg; not part of the systemic total."), "{note}");
        assert!(!note.contains("counted apart"), "{note}");
    }

    #[test]
    fn record_note_has_no_intrathecal_line_without_intrathecal_treatment() {
        let mut ws = example_ws();
        ws.medications.retain(|m| m.text_at("route") != Some("it"));
        let r = course::evaluate_course(&ws).expect("course");
        let k = kin::read_kinetics(&ws.kinetics);
        let current = assess::read_assessment(&ws.assess);
        let note = record_note(&ws, &current, Some(&r), &k);
        assert!(!note.contains("ntrathecal"), "{note}");
        assert!(
            note.contains("Cumulative systemic corticosteroid"),
            "{note}"
        );
    }

    #[test]
    fn report_and_note_give_the_infusion_date_unambiguously() {
        let mut ws = example_ws();
        ws.patient
            .insert("infusionDate".into(), "2026-12-01".into());
        let k = kin::read_kinetics(&ws.kinetics);
        let current = assess::read_assessment(&ws.assess);
        let note = record_note(&ws, &current, None, &k);
        assert!(
            note.contains("(CAR-T infusion 2026-12-01, day 0)"),
            "{note}"
        );
        let html = report_html(&ReportParts {
            ws: &ws,
            current: &current,
            course: None,
            kinetics: &k,
            baseline_html: None,
            course_chart_svg: None,
            kinetics_chart_svg: None,
            labs_chart_svg: None,
            printed_at: crate::display::date_time(2026, 12, 2, 9, 5),
        });
        assert!(html.contains("CAR-T infusion 2026-12-01 (day 0)"), "{html}");
        assert!(html.contains("Printed 2026-12-02 09:05"), "{html}");
    }

    #[test]
    fn report_has_the_sections_and_no_inputs() {
        let ws = example_ws();
        let r = course::evaluate_course(&ws).expect("course");
        let k = kin::read_kinetics(&ws.kinetics);
        let current = assess::read_assessment(&ws.assess);
        let html = report_html(&ReportParts {
            ws: &ws,
            current: &current,
            course: Some(&r),
            kinetics: &k,
            baseline_html: None,
            course_chart_svg: None,
            kinetics_chart_svg: None,
            labs_chart_svg: None,
            printed_at: "2026-11-26 10:00".into(),
        });
        for part in [
            "Course",
            "Medications and steroid exposure",
            "CAR-T expansion kinetics",
            "Sources",
            "Lee DW",
        ] {
            assert!(html.contains(part), "{part}");
        }
        assert!(!html.contains("<input"));
    }
}
