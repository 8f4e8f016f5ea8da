//! What the page hands out: case and cohort files, CSV, the printed report, the note for the
//! record, data set aside as unreadable. Reads the state, never changes it.

use super::dom;
use super::state::App;
use crate::chart::{self, Theme};
use crate::view::assess::AssessView;
use crate::view::course::{CourseEvaluation, evaluate_course};
use crate::view::kinetics::KineticsView;
use crate::view::report::{self, ReportParts};
use crate::view::store as store_view;
use crate::view::workspace::Workspace;
use crate::view::{charts as data, cohort as cohort_view};
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// Every CSV the page writes is UTF-8 (with a BOM, `display::CSV_BOM`), and says so.
const CSV_MIME: &str = "text/csv;charset=utf-8";

/// Exports the open case: `what` is "case" (its case file), "kinetics" or "course" (CSV).
pub fn export(doc: &Document, a: &App, what: &str) {
    let (ws, style) = (&a.workspace, dom::csv_style(doc));
    let text = match what {
        "kinetics" => report::kinetics_csv(ws, style).map_err(|e| format!("Not exported: {e}.")),
        "course" => Ok(report::course_csv(ws, &evaluate_course(ws), style)),
        _ => match ws.to_case_json() {
            Err(issues) => Err(format!(
                "Not exported. Correct first: {}.",
                crate::view::workspace::to_correct_text(&issues)
            )),
            Ok(json) => super::exports::to_pretty_json_text(&json)
                .ok_or_else(|| "Not exported: the case could not be written as JSON.".to_string()),
        },
    };
    let (ext, mime) = match what {
        "case" => ("json", "application/json"),
        _ => ("csv", CSV_MIME),
    };
    match text {
        Err(said) => dom::set_text(doc, "io-status", &said),
        Ok(text) => {
            let label = crate::view::value(&ws.patient, "label");
            let name = store_view::file_name(label, what, &dom::today(), ext);
            let said = dom::download_said("Exported", &name, mime, &text);
            dom::set_text(doc, "io-status", &said);
        }
    }
}

/// What the report and the note tell: the form's grades, the course, the kinetics.
fn read_all(ws: &Workspace) -> (AssessView, CourseEvaluation, KineticsView) {
    (
        crate::view::assess::read_assessment(&ws.assess),
        evaluate_course(ws),
        crate::view::kinetics::read_kinetics(&ws.kinetics),
    )
}

/// Fills the print-only report from the state (also on the browser's own print).
pub fn report(doc: &Document, a: &App) {
    let ws = &a.workspace;
    let (current, course, kin) = read_all(ws);
    let now = js_sys::Date::new_0();
    let (year, month, day) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    let (hour, minute) = (now.get_hours(), now.get_minutes());
    // Local time, written year-month-day so no reader takes 01/12 for 12 January.
    let printed_at = crate::display::date_time(year as i32, month, day, hour, minute);
    // Vector graphs, light theme, A4 width.
    let light = Theme::light();
    let r = &course.result;
    let course_chart_svg = (!r.assessments.is_empty() || !ws.medications.is_empty())
        .then(|| chart::course_svg(&data::course_chart(ws, r), &light, 720, 460).ok())
        .flatten();
    let kinetics_chart_svg =
        data::kinetics_chart(&kin).and_then(|c| chart::kinetics_svg(&c, &light, 720, 380).ok());
    let labs = data::labs_chart(ws);
    let labs_height = (labs.series.len() as u32 * 150 + 50).min(900);
    let labs_chart_svg = (!labs.series.is_empty())
        .then(|| chart::labs_svg(&labs, &light, 720, labs_height).ok())
        .flatten();
    let baseline = crate::view::baseline::read_baseline(&ws.baseline);
    let baseline_html = matches!(baseline.outcome, crate::view::assess::Outcome::Graded(_))
        .then(|| crate::view::baseline::baseline_result_html(&baseline.outcome));
    let html = report::report_html(&ReportParts {
        ws,
        current: &current,
        course: Some(&course),
        kinetics: &kin,
        baseline_html,
        course_chart_svg,
        kinetics_chart_svg,
        labs_chart_svg,
        printed_at,
    });
    dom::set_html(doc, "print-report", &html);
}

/// Copies the note for the record; where the clipboard is refused, shows it to select.
pub fn copy_note(a: &App) {
    let ws = &a.workspace;
    let (current, course, kin) = read_all(ws);
    let text = report::record_note(ws, &current, Some(&course), &kin);
    let shown = text.clone();
    let fallback = move || {
        let Some(doc) = dom::document() else { return };
        if let Ok(area) = dom::typed::<web_sys::HtmlTextAreaElement>(&doc, "copy-text") {
            area.set_value(&shown);
            dom::set_hidden(&doc, "copy-fallback", false);
            let _ = area.focus();
            area.select();
        }
        dom::set_text(
            &doc,
            "report-status",
            "Select the text below and copy it (Ctrl+C, or long-press on a tablet).",
        );
    };
    // `navigator.clipboard` is undefined outside a secure context (and where a browser lacks it).
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    let clipboard = clipboard.filter(|c| !c.is_undefined() && !c.is_null());
    let Some(promise) = clipboard.map(|c| c.write_text(&text)) else {
        return fallback();
    };
    let ok = Closure::once(|_: JsValue| {
        if let Some(doc) = dom::document() {
            dom::set_text(
                &doc,
                "report-status",
                "The summary is on the clipboard: paste it into the record.",
            );
            dom::set_hidden(&doc, "copy-fallback", true);
        }
    });
    let failed = Closure::once(move |_: JsValue| fallback());
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

/// Downloads the saved data set aside as unreadable, and says beside its button what was saved,
/// or that nothing could be (the browser refused, or another tab has removed it since).
pub fn download_unreadable(doc: &Document, a: &App) {
    let files = super::persist::unreadable_files(&a.store.quarantined);
    let said: Vec<_> = files
        .iter()
        .map(|(name, text)| dom::download_said("Saved", name, "application/json", text))
        .collect();
    let said = if said.is_empty() {
        "The data kept aside is no longer in this browser (another tab may have removed it)."
            .to_string()
    } else {
        said.join(" ")
    };
    dom::set_text(doc, "unreadable-status", &said);
}

pub fn export_cohort(doc: &Document, a: &App, action: &str) {
    let Some(c) = a.cohort.as_ref() else {
        return dom::set_text(doc, "cohort-status", "Load a cohort first.");
    };
    let (r, style) = (&c.cohort.result, dom::csv_style(doc));
    let csv = ("csv", CSV_MIME);
    let (what, (ext, mime), text) = match action {
        "cohort-csv-patients" => ("-patients", csv, cohort_view::patients_csv(r, style)),
        "cohort-csv-summary" => ("-summary", csv, cohort_view::summary_csv(r, style)),
        _ => {
            let json = cohort_view::cohort_json(&c.cohort);
            let text = super::exports::to_pretty_json_text(&json).unwrap_or_default();
            ("", ("json", "application/json"), text)
        }
    };
    let name = format!("icans-calc-cohort{what}-{}.{ext}", dom::today());
    let said = dom::download_said("Saved", &name, mime, &text);
    dom::set_text(doc, "cohort-status", &said);
}
