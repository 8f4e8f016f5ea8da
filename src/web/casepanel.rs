//! The Case & report panel: the patient form, the saved cases, import; and the storage banner
//! (its buttons are dispatched by app.rs, its files are written by files.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::input::case::check_file_size;
use crate::view::RawForm;
use crate::view::action::{Action, Form};
use crate::view::html::esc;
use crate::view::store as store_view;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlInputElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::on_form_edits(doc, &["patient-form"], |_| {
        if let Some(doc) = dom::document() {
            state::dispatch(Msg::Do(Action::SetForm(Form::Patient, collect(&doc))));
        }
    })?;
    dom::on(&dom::window_target(), &["beforeprint"], |_| {
        state::dispatch(Msg::Report)
    })?;
    let import_file = dom::targets(doc, &["import-file"])?;
    dom::on(&import_file, &["change"], |event| {
        let target = event.target();
        if let Some(input) = target.and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(&file);
            }
            input.set_value("");
        }
    })
}

/// Reads a chosen case file and imports it. Refused before reading when too large, so a huge
/// file never freezes the page.
fn read_file(file: &web_sys::File) {
    if let Err(e) = check_file_size(file.size() as usize, store_view::MAX_FILE_BYTES) {
        return state::dispatch(Msg::Import(Err(e)));
    }
    let on_read = Closure::once(|text: JsValue| {
        state::dispatch(Msg::Import(Ok(text.as_string().unwrap_or_default())));
    });
    let _ = file.text().then(&on_read);
    on_read.forget();
}

/// The patient form as typed.
pub fn collect(doc: &Document) -> RawForm {
    dom::collect(doc, &["patient-form"])
}

/// The infusion date's message, the list of saved cases and the storage banner.
pub fn render(doc: &Document, a: &App) {
    let date = crate::view::value(&a.workspace.patient, "infusionDate");
    let msg = match crate::case::CalendarDate::parse(date) {
        Err(e) if !date.is_empty() => format!("Infusion date: {e}"),
        _ => String::new(),
    };
    dom::set_text(doc, "err-infusion", &msg);
    let s = &a.store;
    if let Some(store) = &s.store {
        let list = store_view::case_list_html(store, a.renaming.as_deref());
        dom::set_html(doc, "case-list", &list);
    }
    let mut parts = Vec::new();
    if s.other_tab {
        parts.push("icans-calc is also open in another tab or window. What each saves is merged record by record, so neither overwrites the other.".to_string());
    }
    parts.extend(store_view::merge_banner_html(&s.merged));
    match &s.failed {
        Some(f) => parts.push(format!("<strong>Not saved:</strong> {}.", esc(f))),
        None if !s.available => parts.push("<strong>Nothing is saved in this browser</strong> (private browsing, or the page is embedded without storage). The calculator works; export the case to keep it.".to_string()),
        None => {}
    }
    for (_, label, saved) in &a.unoffered {
        parts.push(format!(
            "A saved choice could not be shown: \u{201c}{}\u{201d} for {} is not one of its choices, so the field was left empty. Choose again.",
            esc(saved),
            esc(label)
        ));
    }
    let n = s.quarantined.len();
    if n > 0 {
        let items = if n == 1 { "" } else { "s" };
        parts.push(format!(
            "Saved data from an earlier visit could not be read; it was kept aside unchanged ({n} item{items}). <button type=\"button\" class=\"btn small\" data-action=\"download-unreadable\">Download it</button> <span id=\"unreadable-status\"></span>"
        ));
    }
    dom::set_html(doc, "storage-banner", &parts.join(" "));
    dom::set_hidden(doc, "storage-banner", parts.is_empty());
}
