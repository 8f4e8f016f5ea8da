//! The course panel: the medication and lab entry forms in; the course in words, tables and
//! the published comparison out (its buttons are dispatched by app.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::view::action::{Action, Form};
use crate::view::course as view;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, EventTarget};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "course-root", &view::course_skeleton_html());
    dom::on_form_edits(doc, &["med-form", "lab-form"], |event| {
        if let Some(doc) = dom::document() {
            state::dispatch(Msg::Do(collect(&doc, &event)));
        }
    })
}

/// The edited entry form, read once. A new lab marker brings its own unit choice first.
pub fn collect(doc: &Document, event: &Event) -> Action {
    let element = |t: Option<EventTarget>| t.and_then(|t| t.dyn_into::<Element>().ok());
    if element(event.current_target()).is_some_and(|form| form.id() == "med-form") {
        return Action::SetForm(Form::MedEntry, dom::collect(doc, &["med-form"]));
    }
    let name = element(event.target()).and_then(|e| e.get_attribute("name"));
    if name.as_deref() == Some("lab-analyte") {
        let analyte = dom::value_of(doc, "f-lab-analyte");
        dom::set_html(doc, "lab-unit-field", &view::lab_unit_select(&analyte));
    }
    Action::SetForm(Form::LabEntry, dom::collect(doc, &["lab-form"]))
}

/// The entry forms' echoes; the course when this pass evaluated it.
pub fn render(doc: &Document, a: &App) {
    let ws = &a.workspace;
    let (med, lab) = (&ws.med_entry, &ws.lab_entry);
    for (prefix, form) in [("med", med), ("lab", lab)] {
        let slot = format!("{prefix}-when");
        let inputs = format!("input[data-slot=\"{slot}\"]");
        dom::show_echo(doc, &slot, &inputs, &view::when_echo(ws, form, prefix));
    }
    dom::show_echo(doc, "med", "#f-med-mg", &view::dose_echo(med));
    dom::show_echo(doc, "lab", "#f-lab-value", &view::lab_value_echo(lab));
    let Some(eval) = &a.course else { return };
    let (r, ledger) = (&eval.result, &eval.result.steroids);
    let summary = view::rejected_entries_html(&eval.rejected) + &view::summary_html(r);
    let list = view::assessment_list_html(eval, ws.editing);
    dom::set_html(doc, "case-notes", &view::case_notes_html(ws));
    dom::set_html(doc, "course-summary", &summary);
    dom::set_html(doc, "assessment-list", &list);
    dom::set_html(doc, "steroid-summary", &view::steroid_summary_html(ledger));
    dom::set_html(doc, "med-list", &view::medication_list_html(eval));
    dom::set_html(doc, "steroid-table", &view::steroid_table_html(ledger));
    dom::set_html(doc, "lab-list", &view::lab_list_html(eval));
    dom::set_html(doc, "comparison", &view::comparison_html(r));
}
