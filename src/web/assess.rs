//! The bedside assessment panel: forms in, grades out, on every tap.

use super::dom;
use crate::grading::icans::Tool;
use crate::view::RawForm;
use crate::view::assess::{self as view, SLOTS};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlInputElement};

const FORMS: [&str; 3] = ["icans-form", "crs-form", "record-form"];

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "icans-fields", &view::icans_form_html());
    dom::set_html(doc, "crs-fields", &view::crs_form_html());
    dom::set_html(doc, "record-card", &crate::view::course::record_card_html());
    let saved = super::app::with(|a| a.workspace.assess.clone());
    restore(doc, &saved);
    dom::on_form_edits(doc, &FORMS, |doc, event| {
        apply_implied_choices(doc, event);
        render(doc);
        super::app::save();
    })?;
    // The infusion date may be entered on the Case tab: coming back to Assess fills the default
    // assessment time then (never while the user edits the "when" fields).
    let on_hash = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = dom::document() {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if matches!(hash.as_str(), "" | "#" | "#assess") {
                fill_default_when(&doc);
                render(&doc);
            }
        }
    });
    let on_resize = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = dom::document() {
            pin_below_bar(&doc);
        }
    });
    if let Some(w) = web_sys::window() {
        w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref())?;
        w.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref())?;
    }
    on_hash.forget();
    on_resize.forget();
    fill_default_when(doc);
    render(doc);
    Ok(())
}

/// Puts today's date and the clock time into the record card's "when" fields when the infusion
/// date is known and the user has entered none of day, date, time (see `default_when`).
fn fill_default_when(doc: &Document) {
    let now = js_sys::Date::new_0();
    let today = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    let time = format!("{:02}:{:02}", now.get_hours(), now.get_minutes());
    let form = collect(doc);
    let fill =
        super::app::with(|a| crate::view::course::default_when(&a.workspace, &form, &today, &time));
    for (name, value) in fill.into_iter().flatten() {
        if let Ok(Some(el)) = doc.query_selector(&format!("#record-form [name=\"{name}\"]"))
            && let Ok(input) = el.dyn_into::<HtmlInputElement>()
        {
            input.set_value(&value);
        }
    }
}

/// Every named value of both assessment forms.
pub fn collect(doc: &Document) -> RawForm {
    let mut form = RawForm::new();
    for id in FORMS {
        dom::collect_form(doc, id, &mut form);
    }
    form
}

fn check_radio(doc: &Document, name: &str, value: &str) {
    let selector = format!("input[type=radio][name=\"{name}\"][value=\"{value}\"]");
    if let Ok(Some(el)) = doc.query_selector(&selector)
        && let Ok(input) = el.dyn_into::<HtmlInputElement>()
    {
        input.set_checked(true);
    }
}

fn radio_value(doc: &Document, name: &str) -> String {
    doc.query_selector(&format!("input[type=radio][name=\"{name}\"]:checked"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Choices the user has made implicitly: ticking an ICE item means ICE was performed, answering
/// a CAPD item means CAPD was performed, typing a temperature means "measured temperature".
fn apply_implied_choices(doc: &Document, event: &Event) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let name = input.name();
    let is_ice_item = name.starts_with("ice-") && name != "ice-status";
    let is_capd_item = name.starts_with("capd-") && name != "capd-status";
    if is_ice_item && input.checked() && radio_value(doc, "ice-status") != "performed" {
        check_radio(doc, "ice-status", "performed");
    }
    if is_capd_item && radio_value(doc, "capd-status") != "performed" {
        check_radio(doc, "capd-status", "performed");
    }
    // Only from "Not entered": beside a fever finding the temperature is refused at the field
    // instead (both shown, the user chooses), never switched or dropped unseen.
    if name == "temperature"
        && !input.value().trim().is_empty()
        && radio_value(doc, "fever").is_empty()
    {
        check_radio(doc, "fever", "measured");
    }
}

/// Empties the assessment forms (radios back to "not assessed"), then shows `form`.
pub fn replace_form(doc: &Document, form: &RawForm) {
    for id in FORMS {
        let Ok(nodes) = doc.query_selector_all(&format!("#{id} input")) else {
            continue;
        };
        for i in 0..nodes.length() {
            let Some(input) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            match input.type_().as_str() {
                "radio" => input.set_checked(input.value().is_empty()),
                "checkbox" => input.set_checked(false),
                _ => input.set_value(""),
            }
        }
    }
    restore(doc, form);
    fill_default_when(doc);
    render(doc);
}

/// Puts saved values back into the forms: text as typed, the checked radio, ticked boxes.
pub fn restore(doc: &Document, form: &RawForm) {
    for (name, value) in form {
        let selector = FORMS
            .map(|id| format!("#{id} [name=\"{name}\"]"))
            .join(", ");
        let Ok(nodes) = doc.query_selector_all(&selector) else {
            continue;
        };
        for i in 0..nodes.length() {
            let Some(input) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            match input.type_().as_str() {
                "radio" => input.set_checked(input.value() == *value),
                "checkbox" => input.set_checked(!value.is_empty()),
                _ => input.set_value(value),
            }
        }
    }
}

pub fn render(doc: &Document) {
    let form = collect(doc);
    super::app::with(|a| a.workspace.assess = form.clone());
    let v = view::read_assessment(&form);
    dom::set_hidden(doc, "ice-block", v.tool != Tool::Ice);
    dom::set_hidden(doc, "capd-block", v.tool != Tool::Capd);
    dom::set_text(doc, "tool-note", &v.tool_note);
    if let Some(items) = doc.query_selector(".ice-items").ok().flatten() {
        // Ticked tasks are used only under "Performed"; otherwise they are shown as unused.
        let status = crate::view::value(&form, "ice-status");
        let inactive = status == "unarousable" || (status.is_empty() && v.ice_points.total() > 0);
        let _ = items.class_list().toggle_with_force("inactive", inactive);
    }
    for (id, text) in view::running_totals(&v, &form) {
        dom::set_text(doc, id, &text);
    }
    for slot in ["age", "fever", "flow"] {
        let echo = v
            .echoes
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        dom::set_text(doc, &format!("echo-{slot}"), echo);
    }
    let issues: Vec<_> = [&v.icans_issue(), &v.crs_issue()]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    for slot in SLOTS {
        let message = issues
            .iter()
            .find(|i| i.slot == slot)
            .map(|i| i.message.as_str())
            .unwrap_or("");
        dom::set_text(doc, &format!("err-{slot}"), message);
        mark_invalid(doc, slot, !message.is_empty());
    }
    let when = super::app::with(|a| crate::view::course::when_echo(&a.workspace, &form, "when"));
    dom::set_text(doc, "echo-when", &when);
    dom::set_html(
        doc,
        "icans-result",
        &format!(
            "{}{}",
            // The points to check first: the result scrolls within itself on a wide screen.
            view::checks_html(&v.icans_checks),
            view::icans_result_html(&v.icans)
        ),
    );
    dom::set_html(doc, "crs-result", &view::crs_result_html(&v.crs));
    render_summary_of(doc, &v);
}

/// The top bar: the form's grades, or the last recorded ones (after "Add to course", a delete
/// or an import).
pub fn render_summary(doc: &Document) {
    let form = collect(doc);
    render_summary_of(doc, &view::read_assessment(&form));
}

fn render_summary_of(doc: &Document, v: &view::AssessView) {
    let html = super::app::with(|a| view::summary_with_course_html(v, &a.workspace.assessments));
    dom::set_html(doc, "summary", &html);
    pin_below_bar(doc);
}

/// The sticky result sits just below the sticky app bar, whose height depends on the width and
/// on the summary it holds: measured, not guessed (the stylesheet has a fallback).
///
/// Measured once per frame, in an animation-frame callback, and only while the Assess panel is
/// shown: reading a height right after the page changed forces the browser to lay out the whole
/// page there and then (about 16 ms with a long course), once more for every change.
fn pin_below_bar(_doc: &Document) {
    thread_local! {
        static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if PENDING.with(|p| p.replace(true)) {
        return;
    }
    let measure = Closure::once(|| {
        PENDING.with(|p| p.set(false));
        if let Some(doc) = dom::document() {
            measure_bar(&doc);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(measure.as_ref().unchecked_ref());
    }
    measure.forget();
}

fn measure_bar(doc: &Document) {
    let Some(panel) = doc
        .get_element_by_id("panel-assess")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|p| !p.hidden())
    else {
        return;
    };
    let Some(bar) = doc
        .query_selector("header.app-bar")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let gap_px = 8;
    let top = format!("{}px", bar.offset_height() + gap_px);
    let style = panel.style();
    if style.get_property_value("--assess-top").ok().as_deref() != Some(top.as_str()) {
        let _ = style.set_property("--assess-top", &top);
    }
}

fn mark_invalid(doc: &Document, slot: &str, invalid: bool) {
    let Ok(nodes) = doc.query_selector_all(&format!("input[type=text][data-slot=\"{slot}\"]"))
    else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = if invalid {
                el.set_attribute("aria-invalid", "true")
            } else {
                el.remove_attribute("aria-invalid")
            };
        }
    }
    if let Some(group) = doc.get_element_by_id(&format!("grp-{slot}")) {
        let _ = group.class_list().toggle_with_force("has-error", invalid);
    }
}
