//! The kinetics panel: table cells, method and horizons in; results, cell messages and the
//! paste preview out (its buttons are dispatched by app.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::view::action::Action;
use crate::view::kinetics as view;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlInputElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::on(
        &dom::targets(doc, &["panel-kinetics"])?,
        &["input"],
        |event| {
            if let Some(action) = collect(&event) {
                state::dispatch(Msg::Do(action));
            }
        },
    )?;
    // A changed column meaning in the paste preview reads the pasted text again.
    dom::on(&dom::targets(doc, &["paste-preview"])?, &["change"], |_| {
        let Some(doc) = dom::document() else { return };
        let chosen = dom::all(&doc, "#paste-preview select[data-paste-col]")
            .into_iter()
            .filter_map(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .collect();
        state::dispatch(Msg::PasteColumns(chosen));
    })
}

/// The edited cell, horizon or method.
pub fn collect(event: &Event) -> Option<Action> {
    let input = event.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let value = input.value();
    let number = |name: &str| dom::attr_number(&input, name);
    match (
        input.get_attribute("data-grid").as_deref(),
        number("data-row"),
        number("data-col"),
    ) {
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
    // What a cell was read as, in grey; a message in red replaces it.
    let csf_echoes = draft.csf.iter().enumerate().flat_map(|(r, row)| {
        row.iter().take(4).enumerate().filter_map(move |(c, text)| {
            let echo = if c == 0 {
                view::day_cell_echo(text)
            } else {
                view::cell_echo(text)
            };
            Some(("csf", r, c, echo?))
        })
    });
    let kin_echoes = v
        .cell_echoes
        .iter()
        .map(|e| ("kin", e.row, e.col, e.message.clone()));
    for (kind, r, c, echo) in kin_echoes.chain(csf_echoes) {
        show_cell(doc, kind, r, c, &echo, true);
    }
    let issues =
        (v.cell_issues.iter().map(|i| ("kin", i))).chain(v.csf_issues.iter().map(|i| ("csf", i)));
    for (kind, issue) in issues {
        show_cell(doc, kind, issue.row, issue.col, &issue.message, false);
    }
    for i in 0..3 {
        let issue = v.horizon_issues.iter().find(|(k, _)| *k == i);
        let msg = issue.map_or("", |(_, m)| m.as_str());
        dom::set_text(doc, &format!("kin-h{i}-error"), msg);
        let echo = match draft.horizons.get(i) {
            Some(t) if msg.is_empty() => view::horizon_echo(t),
            _ => String::new(),
        };
        dom::set_text(doc, &format!("kin-h{i}-echo"), &echo);
        if let Some(input) = doc.get_element_by_id(&format!("kin-h{i}")) {
            dom::set_attr(&input, "aria-invalid", !msg.is_empty());
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
