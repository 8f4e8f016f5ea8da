//! What leaves the page: CSV files (units in the headers, UTF-8 BOM), the plain-text note for
//! the medical record, and the printable A4 report.

use super::assess::{self, AssessView, Outcome};
use super::course::{self, CourseEvaluation};
use super::html::{each, esc};
use super::kinetics::{self as kin, KineticsView};
use super::workspace::Workspace;
use crate::display::date;
use crate::input::csv;
use crate::kinetics::KINETICS_SOURCE;
use crate::narrative::{plain_course, plain_kinetics};
use crate::sources::{self, CASE_REPORT, LEE_2019, REJESKI_2021, STEROID_EQUIVALENCE, TRAUBE_2014};

// The CSV files are written by the core ([`crate::input::csv`]) with the shared formatter
// ([`crate::display`]); the names stay here for the other exports of the page (the cohort's).
pub use crate::display::CsvStyle;
pub(crate) use crate::display::{CSV_BOM as BOM, csv_row as row};

/// Blood CAR-T counts by day and the CSF samples below them ([`csv::kinetics_csv`]).
pub fn kinetics_csv(ws: &Workspace, style: CsvStyle) -> Result<String, String> {
    let v = kin::read_kinetics(&ws.kinetics);
    if v.has_issues() {
        return Err("the kinetics table has cells that need correcting".to_string());
    }
    let counts = v.analysis.map(|a| a.input.counts_by_day());
    Ok(csv::kinetics_csv(
        style,
        &counts.unwrap_or_default(),
        &ws.kinetics.csf,
    ))
}

/// The course the page computed, as the core writes it ([`csv::course_csv`]).
pub fn course_csv(ws: &Workspace, c: &CourseEvaluation, style: CsvStyle) -> String {
    let (r, csf) = (&c.result, &ws.kinetics.csf);
    csv::course_csv(style, r, &c.assessments, &c.medications, &c.labs, csf)
}

/// The patient's label, if one was given.
fn patient_label(ws: &Workspace) -> Option<&str> {
    Some(super::value(&ws.patient, "label")).filter(|s| !s.is_empty())
}

/// The plain-text summary for the medical record (one tap to copy).
pub fn record_note(
    ws: &Workspace,
    current: &AssessView,
    course: Option<&CourseEvaluation>,
    kinetics: &KineticsView,
) -> String {
    let label = patient_label(ws).map_or(String::new(), |l| format!(" \u{2014} {l}"));
    let infusion = ws.infusion_date().map(date);
    let infusion = infusion.map_or(String::new(), |d| format!(" (CAR-T infusion {d}, day 0)"));
    let mut lines = vec![format!("icans-calc summary{label}{infusion}")];
    if !matches!(current.icans, Outcome::Empty) || !matches!(current.crs, Outcome::Empty) {
        let now = assess::record_text(current);
        let said: Vec<&str> = now.lines().filter(|l| !l.starts_with("Source:")).collect();
        lines.push(format!("Current assessment: {}", said.join(" ")));
    }
    if let Some(c) = course {
        lines.push(plain_course(&c.result));
        lines.extend(course::rejected_entries_text(&c.rejected));
    }
    let analysis = kinetics.analysis.as_ref();
    lines.extend(analysis.and_then(|a| plain_kinetics(&a.result)));
    lines.extend(kinetics_not_computed(kinetics).map(|why| format!("CAR-T kinetics: {why}")));
    // As in the printed report: the case's own notes go with its figures (the published
    // example's say why its AUCs differ from the paper's, SPEC §5).
    lines.extend(ws.notes.iter().map(|n| format!("Note on this case: {n}")));
    let (grades, version) = (sources::LEE_2019_SHORT, crate::APP_VERSION);
    lines.push(format!(
        "Grading: ASTCT 2019 ({grades}). Calculated with icans-calc {version}; decision support only, verify against the source tables."
    ));
    lines.join("\n")
}

/// Why the report and the note have no kinetics although counts were entered: a table with
/// cells to correct is never analysed, and a report must not look as if none were entered.
fn kinetics_not_computed(k: &KineticsView) -> Option<String> {
    let n = k.cell_issues.len() + k.horizon_issues.len();
    (k.analysis.is_none() && n > 0).then(|| {
        let cells = crate::display::plural(n, " entry", " entries");
        let need = crate::display::plural(n, "needs", "need");
        format!("not computed: {n}{cells} of the Kinetics tab {need} correcting; nothing is reported from the counts until then.")
    })
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
    let figure = |svg| format!("<figure class=\"report-chart\">{svg}</figure>");
    svg.as_ref().map(figure).unwrap_or_default()
}

/// The A4 report: identification, current grades with their basis, the course, steroids,
/// kinetics, baseline, sources and version. It holds no controls.
pub fn report_html(p: &ReportParts<'_>) -> String {
    let label = esc(patient_label(p.ws).unwrap_or("(no patient label)"));
    let infusion = p.ws.infusion_date().map(date);
    let infusion = infusion.map(|d| esc(&format!("CAR-T infusion {d} (day 0) \u{b7} ")));
    let (printed, version) = (esc(&p.printed_at), crate::APP_VERSION);
    let infusion = infusion.unwrap_or_default();
    let mut h = format!(
        "<header class=\"report-head\"><h1>icans-calc report \u{2014} {label}</h1><p>{infusion}Printed {printed} \u{b7} icans-calc {version} \u{b7} Decision support: every grade below shows the rule and source it was derived from; verify against the cited tables.</p></header>"
    );
    let mut section = |title: &str, body: &str| {
        h.push_str(&format!(
            "<section class=\"report-section\"><h2>{title}</h2>{body}</section>"
        ));
    };
    if !matches!(p.current.icans, Outcome::Empty) || !matches!(p.current.crs, Outcome::Empty) {
        let icans = assess::icans_result_html(&p.current.icans);
        let crs = assess::crs_result_html(&p.current.crs);
        let pair = format!("<div class=\"report-pair\">{icans}{crs}</div>");
        section("Current assessment", &pair);
    }
    if let Some(c) = p.course {
        let r = &c.result;
        let rejected = course::rejected_entries_text(&c.rejected).map(|t| esc(&t));
        let rejected =
            rejected.map(|t| format!("<p class=\"callout\" id=\"report-rejected\">{t}</p>"));
        let body = rejected.unwrap_or_default()
            + &course::summary_html(r)
            + &figure(&p.course_chart_svg)
            + &course::assessment_list_html(c, p.ws.editing);
        section("Course", &body);
        let meds = course::steroid_summary_html(&r.steroids)
            + &course::medication_list_html(c)
            + &course::steroid_table_html(&r.steroids);
        section("Medications and steroid exposure", &meds);
    }
    if p.kinetics.analysis.is_some() {
        let body = figure(&p.kinetics_chart_svg) + &kin::results_html(p.kinetics);
        section("CAR-T expansion kinetics", &body);
    } else if let Some(why) = kinetics_not_computed(p.kinetics) {
        section("CAR-T expansion kinetics", &format!("<p>{}</p>", esc(&why)));
    }
    if let Some(b) = &p.baseline_html {
        section("Baseline risk (CAR-HEMATOTOX)", b);
    }
    if let Some(c) = p.course.filter(|c| !c.labs.is_empty()) {
        let body = figure(&p.labs_chart_svg) + &course::lab_list_html(c);
        section("Lab markers", &body);
    }
    if !p.ws.notes.is_empty() {
        let notes = format!("<ul>{}</ul>", each("<li>", &p.ws.notes, "</li>"));
        section("Notes on this case", &notes);
    }
    let kinetics = format!("Kinetics: {KINETICS_SOURCE}");
    let cited = [
        LEE_2019,
        TRAUBE_2014,
        REJESKI_2021,
        STEROID_EQUIVALENCE,
        &kinetics,
        CASE_REPORT,
    ];
    let cited = each("<li>", &cited.map(String::from), "</li>");
    h.push_str(&format!(
        "<section class=\"report-section report-sources\"><h2>Sources</h2><ul>{cited}</ul><p>icans-calc {version} supports, and does not replace, clinical judgement.</p></section>"
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
        let c = course::evaluate_course(&ws);
        let csv = course_csv(&ws, &c, CsvStyle::CommaPoint);
        assert!(csv.contains("ICANS grade (0-4, ASTCT 2019)"));
        assert!(csv.contains(",day +14 01:00,4,0,,no,"));
        assert!(csv.contains("Cumulative systemic dexamethasone-equivalent (mg)"));
        assert!(csv.lines().any(|l| l.ends_with(",96")), "{csv}");
    }

    #[test]
    fn a_note_with_a_formula_is_neutralised_in_the_course_csv() {
        let mut ws = example_ws();
        if let Some(Ok(m)) = ws.medications.get_mut(0).map(|r| &mut r.entry) {
            *m = m.clone().with_note(Some("=1+2".into()));
        }
        if let Some(row) = ws.kinetics.csf.get_mut(0) {
            row[4] = "@SUM(A1)".into();
        }
        let c = course::evaluate_course(&ws);
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
        ws.labs.push(crate::input::record::Record::read(
            &crate::json::Json::object(vec![
                ("day", crate::json::Json::Number(2.0)),
                ("analyte", crate::json::Json::String("crp".into())),
                ("value", crate::json::Json::Number(12.5)),
                ("unit", crate::json::Json::String("mg/L".into())),
            ]),
            None,
        ));
        let c = course::evaluate_course(&ws);
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
    fn a_kinetics_table_with_cells_to_correct_is_said_in_the_report_and_the_note() {
        let mut ws = example_ws();
        if let Some(row) = ws.kinetics.rows.get_mut(1) {
            row[1] = "5000,5,5".to_string();
        }
        let k = kin::read_kinetics(&ws.kinetics);
        assert!(k.analysis.is_none());
        let current = assess::read_assessment(&ws.assess);
        let note = record_note(&ws, &current, None, &k);
        let said = "CAR-T kinetics: not computed: 1 entry of the Kinetics tab needs correcting; nothing is reported from the counts until then.";
        assert!(note.contains(said), "{note}");
        let html = report_html(&ReportParts {
            ws: &ws,
            current: &current,
            course: None,
            kinetics: &k,
            baseline_html: None,
            course_chart_svg: None,
            kinetics_chart_svg: None,
            labs_chart_svg: None,
            printed_at: "2026-12-02 10:00".to_string(),
        });
        assert!(html.contains("CAR-T expansion kinetics"), "{html}");
        assert!(
            html.contains("not computed: 1 entry of the Kinetics tab needs correcting"),
            "{html}"
        );
    }

    #[test]
    fn record_note_names_grades_course_and_version() {
        let ws = example_ws();
        let r = course::evaluate_course(&ws);
        let k = kin::read_kinetics(&ws.kinetics);
        let current = assess::read_assessment(&ws.assess);
        let note = record_note(&ws, &current, Some(&r), &k);
        assert!(note.contains("peak grade 4"));
        assert!(note.contains("96 mg dexamethasone-equivalent"));
        assert!(note.contains("Cmax 77.7 cells/µL on day +14"));
        assert!(note.contains(crate::APP_VERSION));
        // The example's AUCs go with why they differ from the published ones (SPEC §5).
        let caveat = format!("Note on this case: {}", crate::example::AUC_DIFFERENCE_NOTE);
        assert!(note.contains(&caveat), "{note}");
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
        ws.medications
            .retain(|m| !matches!(&m.entry, Ok(m) if m.route() == crate::steroids::Route::It));
        // The example's own notes speak of its intrathecal doses; only the computed lines count.
        ws.notes.clear();
        let r = course::evaluate_course(&ws);
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
        let r = course::evaluate_course(&ws);
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
