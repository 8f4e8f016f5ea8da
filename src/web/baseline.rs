//! The baseline panel (CAR-HEMATOTOX): form in, score out, on every keystroke and tap.

use super::dom;
use super::state::{self, App, Msg};
use crate::view::RawForm;
use crate::view::action::{Action, Form};
use crate::view::baseline::{self as view, FIELDS, GENERAL_SLOT};
use wasm_bindgen::prelude::*;
use web_sys::Document;

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "baseline-fields", &view::baseline_form_html());
    dom::on_form_edits(doc, &["baseline-form"], |_| {
        if let Some(doc) = dom::document() {
            state::dispatch(Msg::Do(Action::SetForm(Form::Baseline, collect(&doc))));
        }
    })
}

/// Every named value of the baseline form, as typed.
pub fn collect(doc: &Document) -> RawForm {
    dom::collect(doc, &["baseline-form"])
}

/// Echoes, messages at the fields and the result card, from the stored form.
pub fn render(doc: &Document, a: &App) {
    let v = view::read_baseline(&a.workspace.baseline);
    let mut slots: Vec<&str> = FIELDS.iter().map(|f| f.slot).collect();
    slots.push(GENERAL_SLOT);
    dom::show_slots(doc, &slots, &v.echoes, &[v.outcome.issue()]);
    let html = view::baseline_result_html(&v.outcome);
    dom::set_html(doc, "baseline-result", &html);
}
