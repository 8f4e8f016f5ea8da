//! Graphs in the page: the pure core builds the chart data and draws SVG with plotters; this
//! sizes it to the screen, picks the light or dark theme and writes the text alternative.

use super::dom;
use crate::case::CaseResult;
use crate::chart::{self, Theme};
use crate::view::charts as data;
use crate::view::html::esc;
use crate::view::kinetics::KineticsView;
use crate::view::workspace::Workspace;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Document;

fn dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn theme() -> Theme {
    if dark() {
        Theme::dark()
    } else {
        Theme::light()
    }
}

/// Chart width in CSS px: the content column's width (panels may be hidden, so the window's
/// width is the measure), clamped to what the charts are designed for.
fn width_px() -> u32 {
    let inner = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    ((inner.min(1280.0) - 64.0).clamp(320.0, 1200.0)) as u32
}

fn put(
    doc: &Document,
    id: &str,
    caption_id: &str,
    svg: Result<String, chart::ChartError>,
    caption: &str,
) {
    match svg {
        Ok(svg) => {
            dom::set_html(doc, id, &svg);
            dom::set_text(doc, caption_id, caption);
        }
        Err(e) => {
            // A graph that cannot be drawn says so; the numbers stay in the tables.
            dom::set_html(
                doc,
                id,
                &format!(
                    "<p class=\"status error\">The graph could not be drawn: {}</p>",
                    esc(&e.to_string())
                ),
            );
            dom::set_text(
                doc,
                caption_id,
                "No graph: see the message above; the numbers are in the table.",
            );
        }
    }
}

pub fn kinetics(doc: &Document, v: &KineticsView) {
    match data::kinetics_chart(v) {
        None => {
            dom::set_html(doc, "kin-chart", "");
            dom::set_text(
                doc,
                "kin-chart-caption",
                "No graph yet: enter CAR-T counts in the table.",
            );
        }
        Some(c) => {
            let w = width_px();
            let h = ((f64::from(w) * 0.6).clamp(300.0, 520.0)) as u32;
            let caption = chart::kinetics_summary_text(&c);
            put(
                doc,
                "kin-chart",
                "kin-chart-caption",
                chart::kinetics_svg(&c, &theme(), w, h),
                &caption,
            );
        }
    }
}

pub fn course(doc: &Document, ws: &Workspace, r: &CaseResult) {
    let c = data::course_chart(ws, r);
    let w = width_px();
    let h = ((f64::from(w) * 0.7).clamp(440.0, 640.0)) as u32;
    let caption = chart::course_summary_text(&c);
    put(
        doc,
        "course-chart",
        "course-chart-caption",
        chart::course_svg(&c, &theme(), w, h),
        &caption,
    );
    let labs = data::labs_chart(ws);
    if labs.series.is_empty() {
        dom::set_html(doc, "labs-chart", "");
        dom::set_text(doc, "labs-chart-caption", "No lab values yet.");
    } else {
        let h = (labs.series.len() as u32 * 170 + 60).min(1400);
        let caption = chart::labs_summary_text(&labs);
        put(
            doc,
            "labs-chart",
            "labs-chart-caption",
            chart::labs_svg(&labs, &theme(), w, h),
            &caption,
        );
    }
}

/// Vector graphs for the printed report (light theme, A4 width).
pub struct ReportCharts {
    pub course: Option<String>,
    pub kinetics: Option<String>,
    pub labs: Option<String>,
}

pub fn report_svgs(
    ws: &Workspace,
    course: Option<&CaseResult>,
    kinetics: &KineticsView,
) -> ReportCharts {
    let light = Theme::light();
    ReportCharts {
        course: course
            .filter(|r| !r.assessments.is_empty() || !ws.medications.is_empty())
            .and_then(|r| chart::course_svg(&data::course_chart(ws, r), &light, 720, 460).ok()),
        kinetics: data::kinetics_chart(kinetics)
            .and_then(|c| chart::kinetics_svg(&c, &light, 720, 380).ok()),
        labs: Some(data::labs_chart(ws))
            .filter(|l| !l.series.is_empty())
            .and_then(|l| {
                chart::labs_svg(&l, &light, 720, (l.series.len() as u32 * 150 + 50).min(900)).ok()
            }),
    }
}

/// Redraws the graphs when the system switches between light and dark, or the window resizes.
pub fn bind() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let redraw = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = dom::document() {
            super::kinetics::render(&doc);
            super::course::render(&doc);
        }
    });
    if let Ok(Some(query)) = window.match_media("(prefers-color-scheme: dark)") {
        query.add_event_listener_with_callback("change", redraw.as_ref().unchecked_ref())?;
    }
    window
        .add_event_listener_with_callback("orientationchange", redraw.as_ref().unchecked_ref())?;
    redraw.forget();
    Ok(())
}

/// The Cohort tab's two graphs: expansion curves with the median, and the swimmer plot of ICANS
/// courses in the table's order.
pub fn cohort(doc: &Document, cohort: &crate::view::cohort::Cohort, order: &[usize]) {
    let t = theme();
    let w = width_px();
    let curves = crate::view::cohort::curves(cohort);
    put(
        doc,
        "cohort-curves",
        "cohort-curves-caption",
        chart::cohort_curves_svg(&curves, &t, w, 420),
        &chart::cohort_curves_text(&curves),
    );
    dom::set_html(
        doc,
        "cohort-median",
        &crate::view::cohort::median_table_html(&curves),
    );
    let lanes = crate::view::cohort::lanes_in_order(cohort, order);
    let shown = lanes.len().clamp(1, chart::MAX_LANES);
    let height = (140 + 18 * shown as u32).clamp(200, 900);
    put(
        doc,
        "cohort-swimmer",
        "cohort-swimmer-caption",
        chart::swimmer_svg(&lanes, &t, w, height),
        &chart::swimmer_text(&lanes),
    );
}
