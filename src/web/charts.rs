//! Graphs in the page: the pure core builds the chart data and draws SVG with plotters; this
//! sizes it to the screen, picks the light or dark theme and writes the text alternative.

use super::dom;
use super::state::{self, App, Msg};
use crate::chart;
use crate::view::charts as data;
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// The graphs' height range, in CSS px (each is 60-70% of its width within these).
const KINETICS_HEIGHT_PX: (f64, f64) = (300.0, 520.0);
const COURSE_HEIGHT_PX: (f64, f64) = (440.0, 640.0);

/// Redraws the graphs when the system switches between light and dark, or the screen turns.
pub fn bind() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let redraw = |_| state::dispatch(Msg::Redraw);
    if let Ok(Some(query)) = window.match_media("(prefers-color-scheme: dark)") {
        dom::on(&[query.into()], &["change"], redraw)?;
    }
    dom::on(&[window.into()], &["orientationchange"], redraw)
}

/// The kinetics graph and the course and lab graphs, for what this render pass derived.
pub fn render(doc: &Document, a: &App) {
    let (theme, w) = (dom::theme(), dom::chart_width_px());
    match a.kinetics.as_ref().map(data::kinetics_chart) {
        None => {}
        Some(None) => {
            let empty = "No graph yet: enter CAR-T counts in the table.";
            dom::no_chart(doc, "kin-chart", empty);
        }
        Some(Some(c)) => {
            let h = dom::chart_height_px(w, 60, KINETICS_HEIGHT_PX);
            let svg = chart::kinetics_svg(&c, &theme, w, h);
            dom::put_chart(doc, "kin-chart", svg, &chart::kinetics_summary_text(&c));
        }
    }
    let Some(eval) = &a.course else { return };
    let c = data::course_chart(&a.workspace, &eval.result);
    let h = dom::chart_height_px(w, 70, COURSE_HEIGHT_PX);
    let svg = chart::course_svg(&c, &theme, w, h);
    dom::put_chart(doc, "course-chart", svg, &chart::course_summary_text(&c));
    let labs = data::labs_chart(&a.workspace);
    if labs.series.is_empty() {
        return dom::no_chart(doc, "labs-chart", "No lab values yet.");
    }
    let h = (labs.series.len() as u32 * 170 + 60).min(1400);
    let svg = chart::labs_svg(&labs, &theme, w, h);
    dom::put_chart(doc, "labs-chart", svg, &chart::labs_summary_text(&labs));
}
