//! The baseline panel (CAR-HEMATOTOX): form in, score out, on every keystroke and tap.

use super::dom;
use crate::view::RawForm;
use crate::view::baseline::{self as view, SLOTS};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlInputElement};

const FORM: &str = "baseline-form";

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "baseline-fields", &view::baseline_form_html());
    let saved = super::app::with(|a| a.workspace.baseline.clone());
    restore(doc, &saved);
    dom::on_form_edits(doc, &[FORM], |doc, _event| {
        let form = collect(doc);
        super::app::with(|a| a.workspace.baseline = form);
        render(doc);
        super::app::save();
    })?;
    render(doc);
    Ok(())
}

/// Every named value of the baseline form, as typed.
pub fn collect(doc: &Document) -> RawForm {
    let mut form = RawForm::new();
    dom::collect_form(doc, FORM, &mut form);
    form
}

/// Puts saved values back into the form: text as typed, the checked unit of each value.
pub fn restore(doc: &Document, form: &RawForm) {
    let Ok(nodes) = doc.query_selector_all(&format!("#{FORM} input[name]")) else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(input) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        let saved = form.get(&input.name()).map(String::as_str).unwrap_or("");
        match input.type_().as_str() {
            "radio" => input.set_checked(!saved.is_empty() && input.value() == saved),
            "checkbox" => input.set_checked(!saved.is_empty()),
            _ => input.set_value(saved),
        }
    }
}

/// Reads the stored form, shows echoes, messages at the fields and the result card.
pub fn render(doc: &Document) {
    let form = super::app::with(|a| a.workspace.baseline.clone());
    let v = view::read_baseline(&form);
    for f in &view::FIELDS {
        let echo = v
            .echoes
            .iter()
            .find(|(s, _)| *s == f.slot)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        dom::set_text(doc, &format!("echo-{}", f.slot), echo);
    }
    let issue = v.issue();
    for slot in SLOTS {
        let message = issue
            .filter(|i| i.slot == slot)
            .map(|i| i.message.as_str())
            .unwrap_or("");
        dom::set_text(doc, &format!("err-{slot}"), message);
        mark_invalid(doc, slot, !message.is_empty());
    }
    dom::set_html(
        doc,
        "baseline-result",
        &view::baseline_result_html(&v.outcome),
    );
}

fn mark_invalid(doc: &Document, slot: &str, invalid: bool) {
    if let Some(el) = doc.get_element_by_id(&format!("f-{slot}")) {
        let _ = if invalid {
            el.set_attribute("aria-invalid", "true")
        } else {
            el.remove_attribute("aria-invalid")
        };
    }
    if let Some(group) = doc.get_element_by_id(&format!("grp-{slot}")) {
        let _ = group.class_list().toggle_with_force("has-error", invalid);
    }
}

/// Shows the open workspace's baseline form and score (after switching cases).
pub fn refresh(doc: &Document) {
    let form = super::app::with(|a| a.workspace.baseline.clone());
    // Clear first: restore only sets the fields the saved form names.
    if let Ok(nodes) = doc.query_selector_all("#baseline-form input") {
        for i in 0..nodes.length() {
            if let Some(input) = nodes
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(n).ok())
            {
                match input.type_().as_str() {
                    "radio" | "checkbox" => input.set_checked(false),
                    _ => input.set_value(""),
                }
            }
        }
    }
    restore(doc, &form);
    render(doc);
}

/// The baseline result for the printed report, when a score was computed.
pub fn report_html(ws: &crate::view::workspace::Workspace) -> Option<String> {
    let v = view::read_baseline(&ws.baseline);
    match &v.outcome {
        crate::view::assess::Outcome::Graded(_) => Some(view::baseline_result_html(&v.outcome)),
        crate::view::assess::Outcome::Empty | crate::view::assess::Outcome::Invalid(_) => None,
    }
}
