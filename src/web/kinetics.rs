//! The kinetics panel: table cells, method and horizons in; results, cell messages and the
//! paste preview out (its buttons are dispatched by app.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::view::action::Action;
use crate::view::kinetics as view;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlInputElement, HtmlSelectElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    let panel = dom::targets(doc, &["panel-kinetics"])?;
    dom::on(&panel, &["input"], |event| {
        if let Some(action) = collect(&event) {
            state::dispatch(Msg::Do(action));
        }
    })?;
    // A changed column meaning in the paste preview reads the pasted text again.
    dom::on(&dom::targets(doc, &["paste-preview"])?, &["change"], |_| {
        let Some(doc) = dom::document() else { return };
        let selects = dom::all(&doc, "#paste-preview select[data-paste-col]").into_iter();
        let chosen = selects.filter_map(|e| e.dyn_into::<HtmlSelectElement>().ok());
        state::dispatch(Msg::PasteColumns(chosen.map(|s| s.value()).collect()));
    })
}

/// The edited cell, horizon or method.
pub fn collect(event: &Event) -> Option<Action> {
    let input = event.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let (value, grid) = (input.value(), input.get_attribute("data-grid"));
    let number = |name: &str| dom::attr_number(&input, name);
    match (grid.as_deref(), number("data-row"), number("data-col")) {
        (Some(grid @ ("kin" | "csf")), Some(row), Some(col)) => Some(Action::SetCell {
            csf: grid == "csf",
            row,
            col,
            value,
        }),
        _ if input.name() == "kin-method" => Some(Action::SetMethod(value)),
        _ => {
            let i = input.id().strip_prefix("kin-h")?.parse().ok()?;
            Some(Action::SetHorizon(i, value))
        }
    }
}

pub fn render(doc: &Document, a: &App) {
    let Some(v) = &a.kinetics else { return };
    let draft = &a.workspace.kinetics;
    for el in dom::all(doc, "#panel-kinetics .cell-error") {
        if el.text_content().is_some_and(|t| !t.is_empty()) {
            el.set_text_content(Some(""));
        }
    }
    for el in dom::all(doc, "#panel-kinetics input.cell[aria-invalid]") {
        dom::set_attr(&el, "aria-invalid", false);
    }
    // What a number cell was read as, in grey; a message in red replaces it.
    let echo = |kind: &str, r: usize, row: &[String]| {
        for (c, text) in row.iter().enumerate() {
            if let Some(echo) = view::echo(c, text) {
                show_cell(doc, kind, r, c, &echo, true);
            }
        }
    };
    for (r, row) in draft.rows.iter().enumerate() {
        echo("kin", r, row);
    }
    for (r, row) in draft.csf.iter().enumerate() {
        echo("csf", r, &row[..4]);
    }
    let kin = v.cell_issues.iter().map(|i| ("kin", i));
    for (kind, i) in kin.chain(v.csf_issues.iter().map(|i| ("csf", i))) {
        show_cell(doc, kind, i.row, i.col, &i.message, false);
    }
    for (i, text) in draft.horizons.iter().enumerate() {
        let issue = v.horizon_issues.iter().find(|(k, _)| *k == i);
        let message = issue.map_or("", |(_, m)| m.as_str());
        dom::set_text(doc, &format!("kin-h{i}-error"), message);
        let echo = view::horizon_echo(text);
        let echo = if message.is_empty() { &echo } else { "" };
        dom::set_text(doc, &format!("kin-h{i}-echo"), echo);
        if let Some(input) = doc.get_element_by_id(&format!("kin-h{i}")) {
            dom::set_attr(&input, "aria-invalid", !message.is_empty());
        }
    }
    if let Some(p) = &a.paste {
        dom::set_html(doc, "paste-preview", &view::paste_preview_html(p));
    }
    dom::set_html(doc, "kin-results", &view::results_html(v));
    let notes = crate::view::course::kinetics_notes_html(&a.workspace);
    dom::set_html(doc, "kin-notes", &notes);
}

/// A cell's message (`echo`: only what it was read as) at `{kind}-e-{row}-{col}`.
fn show_cell(doc: &Document, kind: &str, row: usize, col: usize, message: &str, echo: bool) {
    let id = format!("{kind}-e-{row}-{col}");
    dom::set_text(doc, &id, message);
    if let Some(el) = doc.get_element_by_id(&id) {
        let _ = el.class_list().toggle_with_force("echo-only", echo);
    }
    if !echo && let Some(cell) = doc.get_element_by_id(&format!("{kind}-{row}-{col}")) {
        dom::set_attr(&cell, "aria-invalid", true);
    }
}
