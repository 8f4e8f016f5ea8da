//! The bedside assessment panel: the ICANS, CRS and "record" forms in; grades, echoes and
//! messages out, on every tap.

use super::dom;
use super::state::{self, App, Msg};
use crate::display::day_time;
use crate::grading::icans::Tool;
use crate::input::record::last_recorded;
use crate::view::action::{Action, Form};
use crate::view::assess as view;
use crate::view::{RawForm, course as course_view};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlInputElement};

const FORMS: [&str; 3] = ["icans-form", "crs-form", "record-form"];

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "icans-fields", &view::icans_form_html());
    dom::set_html(doc, "crs-fields", &view::crs_form_html());
    dom::set_html(doc, "record-card", &course_view::record_card_html());
    dom::on_form_edits(doc, &FORMS, |event| {
        if let Some(doc) = dom::document() {
            let form = collect(&doc, &event);
            state::dispatch(Msg::Do(Action::SetForm(Form::Assess, form)));
        }
    })?;
    dom::on(&dom::window_target(), &["resize"], |_| pin_below_bar())
}

/// Every named value of the three forms, after the choices the edit implies: ticking an ICE
/// item means ICE was performed, answering a CAPD item means CAPD was performed, typing a
/// temperature means "measured temperature".
pub fn collect(doc: &Document, event: &Event) -> RawForm {
    let input = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
    let mut form = dom::collect(doc, &FORMS);
    let Some(input) = input else { return form };
    let name = input.name();
    let typed = !input.value().trim().is_empty();
    let implied = match name.as_str() {
        "ice-status" | "capd-status" => None,
        n if n.starts_with("ice-") && input.checked() => Some(("ice-status", "performed")),
        n if n.starts_with("capd-") => Some(("capd-status", "performed")),
        // Only from "Not entered": beside a fever finding the temperature is refused at the
        // field instead (both shown, the user chooses), never switched or dropped unseen.
        "temperature" if typed && form.get("fever").is_none_or(String::is_empty) => {
            Some(("fever", "measured"))
        }
        _ => None,
    };
    // The implied radio is checked on the page and in what was collected.
    if let Some((radio, value)) = implied {
        form.insert(radio.to_string(), value.to_string());
        dom::fill(doc, &format!("input[name=\"{radio}\"]"), &form);
    }
    form
}

pub fn render(doc: &Document, a: &App) {
    let form = &a.workspace.assess;
    let v = view::read_assessment(form);
    dom::set_hidden(doc, "ice-block", v.tool != Tool::Ice);
    dom::set_hidden(doc, "capd-block", v.tool != Tool::Capd);
    dom::set_text(doc, "tool-note", &v.tool_note);
    if let Some(items) = doc.query_selector(".ice-items").ok().flatten() {
        // Ticked tasks are used only under "Performed"; otherwise they are shown as unused.
        let status = crate::view::value(form, "ice-status");
        let inactive =
            status == "unarousable" || (status.is_empty() && v.ice_points.iter().any(|p| *p > 0));
        let _ = items.class_list().toggle_with_force("inactive", inactive);
    }
    for (id, text) in view::running_totals(&v, form) {
        dom::set_text(doc, id, &text);
    }
    let outcomes = [v.icans.issue(), v.crs.issue()].into_iter();
    let issues: Vec<_> = outcomes.chain(v.unread.iter().map(Some)).collect();
    dom::show_slots(doc, &view::slots(), &v.echoes, &issues);
    let when = course_view::when_echo(&a.workspace, form, "when");
    dom::show_echo(doc, "when", "input[data-slot=\"when\"]", &when);
    // The points to check first: the result scrolls within itself on a wide screen.
    let icans = view::checks_html(&v.icans_checks) + &view::icans_result_html(&v.icans);
    dom::set_html(doc, "icans-result", &icans);
    dom::set_html(doc, "crs-result", &view::crs_result_html(&v.crs));
    // The top bar: the form's grades, or the last recorded ones as the course reads them now
    // (a record the age typed since has made unreadable no longer stands as the last grade).
    let ws = &a.workspace;
    let last = last_recorded(&ws.assessments, |r| ws.assessment_now(r));
    dom::set_html(doc, "summary", &view::summary_with_course_html(&v, &last));
    pin_below_bar();
    // Whether the form edits a recorded assessment.
    let editing = ws
        .editing
        .and_then(|i| ws.assessments.get(i)?.day())
        .map(day_time);
    if let Some(l) = &editing {
        let said = format!("Editing the recorded assessment of {l}. Save the changes or cancel.");
        dom::set_text(doc, "record-editing", &said);
    }
    let button = editing.as_ref().map_or("Add to course", |_| "Save changes");
    dom::set_text(doc, "record-button", button);
    dom::set_hidden(doc, "record-editing", editing.is_none());
    dom::set_hidden(doc, "record-cancel", editing.is_none());
}

/// The sticky result sits just below the sticky app bar, whose height depends on the width and
/// on the summary it holds: measured, not guessed (the stylesheet has a fallback).
///
/// Measured once per frame, in an animation-frame callback, and only while the Assess panel is
/// shown: reading a height right after the page changed forces the browser to lay out the whole
/// page there and then (about 16 ms with a long course), once more for every change.
fn pin_below_bar() {
    thread_local! {
        static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if PENDING.with(|p| p.replace(true)) {
        return;
    }
    let measure = Closure::once(|| {
        PENDING.with(|p| p.set(false));
        let Some(doc) = dom::document() else { return };
        let html = |e: Option<web_sys::Element>| e?.dyn_into::<web_sys::HtmlElement>().ok();
        let panel = html(doc.get_element_by_id("panel-assess")).filter(|p| !p.hidden());
        let bar = html(doc.query_selector("header.app-bar").ok().flatten());
        let (Some(panel), Some(bar)) = (panel, bar) else {
            return;
        };
        let gap_px = 8;
        let top = format!("{}px", bar.offset_height() + gap_px);
        let style = panel.style();
        if style.get_property_value("--assess-top").ok().as_deref() != Some(top.as_str()) {
            let _ = style.set_property("--assess-top", &top);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(measure.as_ref().unchecked_ref());
    }
    measure.forget();
}
