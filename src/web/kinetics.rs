//! The kinetics panel: table cells, method and horizons in; results, cell messages and the
//! paste preview out (its buttons are dispatched by app.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::view::action::Action;
use crate::view::kinetics::{self as view, CellIssue};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlSelectElement};

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
    // What a number cell was read as, in grey; a message in red replaces it.
    let kin: Vec<&[String]> = draft.rows.iter().map(|row| &row[..]).collect();
    let csf: Vec<&[String]> = draft.csf.iter().map(|row| &row[..4]).collect();
    show_cells(doc, 0, &kin, &v.cell_issues);
    show_cells(doc, 1, &csf, &v.csf_issues);
    for (i, text) in draft.horizons.iter().enumerate() {
        let issue = v.horizon_issues.iter().find(|(k, _)| *k == i);
        let message = issue.map_or(String::new(), |(_, problem)| problem.to_string());
        dom::set_text(doc, &format!("kin-h{i}-error"), &message);
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
    show_results(doc, view::results_html(v));
    let notes = crate::view::course::kinetics_notes_html(&a.workspace);
    dom::set_html(doc, "kin-notes", &notes);
}

/// The two grids: (kind, the element the grid's table is written into).
const GRIDS: [(&str, &str); 2] = [("kin", "kin-grid-wrap"), ("csf", "csf-grid-wrap")];

/// What one cell's message slot shows (`{kind}-e-{row}-{col}`): a message, or (`true`) only what
/// the cell was read as; a message also marks the cell's input invalid.
type CellShown = (String, bool);

/// One grid cell as last rendered: its text and what it was read as (read anew only when the
/// text changed: reading and re-writing all 800 numbers to echo them was a tenth of a redraw),
/// and what its message slot shows.
#[derive(Default)]
struct Cell {
    text: String,
    echo: Option<String>,
    shown: CellShown,
}

/// The most columns of a grid (the CSF grid's five): cell (row, col) is at `row * COLUMNS + col`
/// (a plain list: a map of cells cost 2 KB of wasm).
const COLUMNS: usize = 5;

thread_local! {
    /// Each grid's cells as last shown, with the table they were shown in. A grid written anew
    /// (another case, a paste, a row added or removed) is a new table whose cells show nothing,
    /// so only the cells whose message changed are touched on an edit, not all 800 of a
    /// 200-day grid.
    static SHOWN: RefCell<[(Option<Element>, Vec<Cell>); 2]> = RefCell::default();
}

/// Shows in the `grid`-th of [`GRIDS`] what each number cell of `rows` was read as, or its
/// message in `issues`, touching only the cells whose message changed.
fn show_cells(doc: &Document, grid: usize, rows: &[&[String]], issues: &[CellIssue]) {
    let Some(&(kind, wrap)) = GRIDS.get(grid) else {
        return;
    };
    let table = doc
        .get_element_by_id(wrap)
        .and_then(|w| w.first_element_child());
    SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let Some((shown_in, cells)) = shown.get_mut(grid) else {
            return;
        };
        let same_table =
            matches!((&*shown_in, &table), (Some(a), Some(b)) if js_sys::Object::is(a, b));
        let n = rows.len() * COLUMNS;
        cells.resize_with(cells.len().max(n), Cell::default);
        let empty = CellShown::default();
        for (i, cell) in cells.iter_mut().enumerate() {
            let (row, col) = (i / COLUMNS, i % COLUMNS);
            let text = rows.get(row).and_then(|cells| cells.get(col));
            if let Some(text) = text.filter(|t| cell.text != **t) {
                (cell.text, cell.echo) = (text.clone(), view::echo(col, text));
            }
            // The last message at the cell wins over what it was read as.
            let at = |x: &&CellIssue| (x.row, x.col) == (row, col) && row < rows.len();
            let now = match (issues.iter().rfind(at), &cell.echo) {
                (Some(issue), _) => (issue.problem.to_string(), false),
                (None, Some(echo)) if text.is_some() => (echo.clone(), true),
                _ => CellShown::default(),
            };
            let was = if same_table { &cell.shown } else { &empty };
            if now != *was {
                show_cell(doc, kind, (row, col), &now, was);
            }
            cell.shown = now;
        }
        cells.truncate(n);
        *shown_in = table;
    });
}

/// Changes a cell from what it showed (`was`) to `now`.
fn show_cell(
    doc: &Document,
    kind: &str,
    (row, col): (usize, usize),
    now: &CellShown,
    was: &CellShown,
) {
    if let Some(el) = doc.get_element_by_id(&format!("{kind}-e-{row}-{col}")) {
        el.set_text_content(Some(&now.0));
        let _ = el.class_list().toggle_with_force("echo-only", now.1);
    }
    let invalid = |(text, echo): &CellShown| !text.is_empty() && !echo;
    if invalid(now) != invalid(was)
        && let Some(cell) = doc.get_element_by_id(&format!("{kind}-{row}-{col}"))
    {
        dom::set_attr(&cell, "aria-invalid", invalid(now));
    }
}

thread_local! {
    /// The results text last written, and where (a table written anew starts from nothing).
    static RESULTS: RefCell<(Option<Element>, String)> = RefCell::default();
}

/// Writes the results, replacing only the rows that changed when the tables keep their shape:
/// an edited count changes a few of the 200 ratio rows and metric cells, and reparsing the whole
/// 10 KB on every keystroke was the largest part of a redraw.
fn show_results(doc: &Document, html: String) {
    let Some(container) = doc.get_element_by_id("kin-results") else {
        return;
    };
    RESULTS.with(|written| {
        let mut written = written.borrow_mut();
        let same_place = (written.0.as_ref()).is_some_and(|c| js_sys::Object::is(c, &container));
        if same_place && written.1 == html {
            return;
        }
        if !(same_place && replace_changed_rows(&container, &written.1, &html)) {
            container.set_inner_html(&html);
        }
        *written = (Some(container), html);
    });
}

/// Replaces the rows of `old` (as written in `container`) that differ in `new`; false, with
/// nothing changed, unless everything between the rows is the same and the rows are those
/// written.
fn replace_changed_rows(container: &Element, old: &str, new: &str) -> bool {
    let ((old_head, old_rows), (new_head, new_rows)) =
        (view::cut_at_rows(old), view::cut_at_rows(new));
    let same_frame = old_head == new_head
        && old_rows.len() == new_rows.len()
        && (old_rows.iter().zip(&new_rows)).all(|((_, a), (_, b))| a == b);
    let Ok(rows) = container.query_selector_all("tr") else {
        return false;
    };
    if !same_frame || rows.length() as usize != old_rows.len() {
        return false;
    }
    for (i, ((was, _), (now, _))) in old_rows.iter().zip(&new_rows).enumerate() {
        let row = rows
            .item(i as u32)
            .and_then(|r| r.dyn_into::<Element>().ok());
        if let Some(row) = row.filter(|_| was != now) {
            row.set_outer_html(now);
        }
    }
    true
}
