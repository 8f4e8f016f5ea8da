//! The kinetics panel: grid edits, paste, method and horizons in; results and cell errors out.

use super::{app, dom};
use crate::view::kinetics::{self as view, KineticsDraft};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlTextAreaElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    rebuild_grids(doc);
    sync_controls(doc);
    let panel = dom::by_id(doc, "panel-kinetics")?;
    let on_input = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(doc) = dom::document() else { return };
        if let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            on_input(&input);
            render(&doc);
            app::save();
        }
    });
    panel.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    on_input.forget();
    // A changed column meaning in the paste preview reads the pasted text again.
    let on_mapping = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(doc) = dom::document() else { return };
        let is_mapping = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|el| el.has_attribute("data-paste-col"));
        if !is_mapping {
            return;
        }
        let mut chosen = Vec::new();
        if let Ok(list) = doc.query_selector_all("#paste-preview select[data-paste-col]") {
            for i in 0..list.length() {
                if let Some(sel) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
                {
                    chosen.push(sel.value());
                }
            }
        }
        let html = app::with(|a| {
            let p = a.paste.as_ref()?;
            let again = view::reread_paste(p, &chosen);
            let html = view::paste_preview_html(&again);
            a.paste = Some(again);
            Some(html)
        });
        if let Some(html) = html {
            dom::set_html(&doc, "paste-preview", &html);
        }
    });
    dom::by_id(doc, "paste-preview")?
        .add_event_listener_with_callback("change", on_mapping.as_ref().unchecked_ref())?;
    on_mapping.forget();
    dom::on_actions(doc, &["panel-kinetics"], |doc, action, el| {
        let row: Option<usize> = el.get_attribute("data-row").and_then(|r| r.parse().ok());
        on_action(doc, action, row);
    })?;
    render(doc);
    Ok(())
}

fn on_input(input: &HtmlInputElement) {
    let value = input.value();
    let grid = input.get_attribute("data-grid");
    let row: Option<usize> = input.get_attribute("data-row").and_then(|r| r.parse().ok());
    let col: Option<usize> = input.get_attribute("data-col").and_then(|c| c.parse().ok());
    app::with(|a| {
        let k = &mut a.workspace.kinetics;
        match (grid.as_deref(), row, col) {
            (Some("kin"), Some(r), Some(c)) => {
                if let Some(cell) = k.rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                    *cell = value;
                }
            }
            (Some("csf"), Some(r), Some(c)) => {
                if let Some(cell) = k.csf.get_mut(r).and_then(|row| row.get_mut(c)) {
                    *cell = value;
                }
            }
            _ => match input.id().as_str() {
                "kin-h0" => k.horizons[0] = value,
                "kin-h1" => k.horizons[1] = value,
                "kin-h2" => k.horizons[2] = value,
                _ if input.name() == "kin-method" => k.method = value,
                _ => {}
            },
        }
    });
}

fn on_action(doc: &Document, action: &str, row: Option<usize>) {
    let mut focus: Option<String> = None;
    match action {
        "kin-add" => app::with(|a| {
            a.workspace.kinetics.rows.push(Default::default());
            focus = Some(format!("kin-{}-0", a.workspace.kinetics.rows.len() - 1));
        }),
        "kin-remove" => app::with(|a| {
            if let Some(r) = row {
                a.workspace.remove_count_row(r);
            }
        }),
        "csf-add" => app::with(|a| {
            a.workspace.kinetics.csf.push(Default::default());
            focus = Some(format!("csf-{}-0", a.workspace.kinetics.csf.len() - 1));
        }),
        "csf-remove" => app::with(|a| {
            if let Some(r) = row {
                a.workspace.remove_csf_row(r);
            }
        }),
        "paste-read" => {
            let text = dom::typed::<HtmlTextAreaElement>(doc, "kin-paste")
                .map(|t| t.value())
                .unwrap_or_default();
            let parsed = view::read_paste(&text);
            dom::set_html(doc, "paste-preview", &view::paste_preview_html(&parsed));
            app::with(|a| a.paste = Some(parsed));
            return;
        }
        "paste-replace" | "paste-append" => app::with(|a| {
            if let Some(p) = a.paste.take() {
                let rows = view::pasted_rows(&p);
                if action == "paste-replace" {
                    a.workspace.kinetics.rows = rows;
                    a.workspace.count_ids.clear();
                } else {
                    a.workspace.drop_blank_count_rows();
                    a.workspace.kinetics.rows.extend(rows);
                }
            }
        }),
        _ => return,
    }
    if action.starts_with("paste-") {
        dom::set_html(
            doc,
            "paste-preview",
            "<p class=\"status\">The pasted rows are now in the table above; check them there.</p>",
        );
        if let Ok(t) = dom::typed::<HtmlTextAreaElement>(doc, "kin-paste") {
            t.set_value("");
        }
    }
    rebuild_grids(doc);
    render(doc);
    app::save();
    if let Some(id) = focus
        && let Ok(el) = dom::typed::<web_sys::HtmlElement>(doc, &id)
    {
        let _ = el.focus();
    }
}

pub fn rebuild_grids(doc: &Document) {
    let (grid, csf) = app::with(|a| {
        (
            view::grid_html(&a.workspace.kinetics),
            view::csf_grid_html(&a.workspace.kinetics),
        )
    });
    dom::set_html(doc, "kin-grid-wrap", &grid);
    dom::set_html(doc, "csf-grid-wrap", &csf);
}

/// Puts the method and horizons of the draft into their controls (after a restore).
pub fn sync_controls(doc: &Document) {
    let k: KineticsDraft = app::with(|a| a.workspace.kinetics.clone());
    for (i, h) in k.horizons.iter().enumerate() {
        if let Ok(input) = dom::typed::<HtmlInputElement>(doc, &format!("kin-h{i}")) {
            input.set_value(h);
        }
    }
    let selector = format!(
        "input[name=kin-method][value=\"{}\"]",
        if k.method == "linUpLogDown" {
            "linUpLogDown"
        } else {
            "linear"
        }
    );
    if let Ok(Some(el)) = doc.query_selector(&selector)
        && let Ok(input) = el.dyn_into::<HtmlInputElement>()
    {
        input.set_checked(true);
    }
}

pub fn render(doc: &Document) {
    let draft = app::with(|a| a.workspace.kinetics.clone());
    let v = view::read_kinetics(&draft);
    clear_cell_errors(doc);
    for echo in &v.cell_echoes {
        dom::set_text(
            doc,
            &format!("kin-e-{}-{}", echo.row, echo.col),
            &echo.message,
        );
        if let Some(el) = doc.get_element_by_id(&format!("kin-e-{}-{}", echo.row, echo.col)) {
            let _ = el.class_list().add_1("echo-only");
        }
    }
    for issue in &v.cell_issues {
        if let Some(el) = doc.get_element_by_id(&format!("kin-e-{}-{}", issue.row, issue.col)) {
            let _ = el.class_list().remove_1("echo-only");
        }
        mark_cell(doc, "kin", issue.row, issue.col, &issue.message);
    }
    for (r, row) in draft.csf.iter().enumerate() {
        for (c, text) in row.iter().take(4).enumerate() {
            let echo = if c == 0 {
                view::day_cell_echo(text)
            } else {
                view::cell_echo(text)
            };
            if let Some(echo) = echo {
                let id = format!("csf-e-{r}-{c}");
                dom::set_text(doc, &id, &echo);
                if let Some(el) = doc.get_element_by_id(&id) {
                    let _ = el.class_list().add_1("echo-only");
                }
            }
        }
    }
    for issue in &v.csf_issues {
        if let Some(el) = doc.get_element_by_id(&format!("csf-e-{}-{}", issue.row, issue.col)) {
            let _ = el.class_list().remove_1("echo-only");
        }
        mark_cell(doc, "csf", issue.row, issue.col, &issue.message);
    }
    for i in 0..3 {
        let msg = v
            .horizon_issues
            .iter()
            .find(|(k, _)| *k == i)
            .map(|(_, m)| m.as_str())
            .unwrap_or("");
        dom::set_text(doc, &format!("kin-h{i}-error"), msg);
        let echo = draft
            .horizons
            .get(i)
            .map(|t| view::horizon_echo(t))
            .unwrap_or_default();
        dom::set_text(
            doc,
            &format!("kin-h{i}-echo"),
            if msg.is_empty() { &echo } else { "" },
        );
        if let Ok(input) = dom::typed::<Element>(doc, &format!("kin-h{i}")) {
            let _ = if msg.is_empty() {
                input.remove_attribute("aria-invalid")
            } else {
                input.set_attribute("aria-invalid", "true")
            };
        }
    }
    dom::set_html(doc, "kin-results", &view::results_html(&v));
    super::charts::kinetics(doc, &v);
    let notes = app::with(|a| crate::view::course::kinetics_notes_html(&a.workspace));
    dom::set_html(doc, "kin-notes", &notes);
}

fn clear_cell_errors(doc: &Document) {
    if let Ok(nodes) = doc.query_selector_all("#panel-kinetics .cell-error") {
        for i in 0..nodes.length() {
            if let Some(n) = nodes.item(i)
                && n.text_content().is_some_and(|t| !t.is_empty())
            {
                n.set_text_content(Some(""));
            }
        }
    }
    if let Ok(nodes) = doc.query_selector_all("#panel-kinetics input.cell[aria-invalid]") {
        for i in 0..nodes.length() {
            if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.remove_attribute("aria-invalid");
            }
        }
    }
}

fn mark_cell(doc: &Document, kind: &str, row: usize, col: usize, message: &str) {
    dom::set_text(doc, &format!("{kind}-e-{row}-{col}"), message);
    if let Some(el) = doc.get_element_by_id(&format!("{kind}-{row}-{col}")) {
        let _ = el.set_attribute("aria-invalid", "true");
    }
}
