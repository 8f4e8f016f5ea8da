//! The kinetics panel: table cells, method and horizons in; results, cell messages and the
//! paste preview out (its buttons are dispatched by app.rs).

use super::dom;
use super::state::{self, App, Msg};
use crate::view::action::Action;
use crate::view::kinetics as view;
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
    let mut kin = Cells::new(draft.rows.len());
    let mut csf = Cells::new(draft.csf.len());
    ECHOES.with(|echoes| {
        let mut echoes = echoes.borrow_mut();
        let [kin_echoes, csf_echoes] = &mut *echoes;
        let kin_rows = draft.rows.iter().map(|row| &row[..]);
        kin_echoes.show(&mut kin, kin_rows);
        csf_echoes.show(&mut csf, draft.csf.iter().map(|row| &row[..4]));
    });
    for (cells, issues) in [(&mut kin, &v.cell_issues), (&mut csf, &v.csf_issues)] {
        for i in issues {
            let text = i.message.clone();
            cells.set(i.row, i.col, CellShown { text, echo: false });
        }
    }
    for (grid, cells) in [kin, csf].into_iter().enumerate() {
        show_cells(doc, grid, cells);
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
    show_results(doc, view::results_html(v));
    let notes = crate::view::course::kinetics_notes_html(&a.workspace);
    dom::set_html(doc, "kin-notes", &notes);
}

/// The two grids: (kind, the element the grid's table is written into).
/// Each grid cell's column, text and what it was read as, from the last render: an edit changes one
/// cell, and reading and re-writing all 800 numbers to echo them was a tenth of a redraw.
#[derive(Default)]
struct Echoes(Vec<(usize, String, Option<String>)>);

impl Echoes {
    /// Sets in `cells` the echo of every cell of `rows`, read anew only where its text changed.
    fn show<'a>(&mut self, cells: &mut Cells, rows: impl Iterator<Item = &'a [String]>) {
        let mut i = 0;
        for (r, row) in rows.enumerate() {
            for (c, text) in row.iter().enumerate() {
                match self.0.get_mut(i) {
                    Some(kept) if kept.0 == c && kept.1 == *text => {}
                    Some(kept) => *kept = (c, text.clone(), view::echo(c, text)),
                    None => self.0.push((c, text.clone(), view::echo(c, text))),
                }
                if let Some((_, _, Some(echo))) = self.0.get(i) {
                    let text = echo.clone();
                    cells.set(r, c, CellShown { text, echo: true });
                }
                i += 1;
            }
        }
        self.0.truncate(i);
    }
}

thread_local! {
    static ECHOES: RefCell<[Echoes; 2]> = RefCell::default();
}

const GRIDS: [(&str, &str); 2] = [("kin", "kin-grid-wrap"), ("csf", "csf-grid-wrap")];

/// What one cell's message slot shows (`{kind}-e-{row}-{col}`): a message, or (`echo`) only what
/// the cell was read as; a message also marks the cell's input invalid.
#[derive(Clone, Default, PartialEq)]
struct CellShown {
    text: String,
    echo: bool,
}

/// The most columns of a grid (the CSF grid's five).
const COLUMNS: usize = 5;

/// A grid's cells, row by row, [`COLUMNS`] to a row (a plain list: a map of cells cost 2 KB of
/// wasm).
#[derive(Default)]
struct Cells(Vec<CellShown>);

impl Cells {
    fn new(rows: usize) -> Cells {
        Cells(vec![CellShown::default(); rows * COLUMNS])
    }

    fn set(&mut self, row: usize, col: usize, shown: CellShown) {
        let cell = self.0.get_mut(row * COLUMNS + col);
        if let Some(cell) = cell.filter(|_| col < COLUMNS) {
            *cell = shown;
        }
    }
}

thread_local! {
    /// Each grid's cells as last shown, with the table they were shown in. A grid written anew
    /// (another case, a paste, a row added or removed) is a new table whose cells show nothing,
    /// so only the cells whose message changed are touched on an edit, not all 800 of a
    /// 200-day grid.
    static SHOWN: RefCell<[(Option<Element>, Cells); 2]> = RefCell::default();
}

/// Shows `wanted` in the `grid`-th of [`GRIDS`], touching only the cells whose message changed.
fn show_cells(doc: &Document, grid: usize, wanted: Cells) {
    let Some(&(kind, wrap)) = GRIDS.get(grid) else {
        return;
    };
    let table = doc
        .get_element_by_id(wrap)
        .and_then(|w| w.first_element_child());
    SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let Some((shown_in, before)) = shown.get_mut(grid) else {
            return;
        };
        let same_table = match (&*shown_in, &table) {
            (Some(a), Some(b)) => js_sys::Object::is(a, b),
            _ => false,
        };
        if !same_table {
            before.0.clear();
        }
        let empty = CellShown::default();
        for i in 0..before.0.len().max(wanted.0.len()) {
            let was = before.0.get(i).unwrap_or(&empty);
            let now = wanted.0.get(i).unwrap_or(&empty);
            if now != was {
                show_cell(doc, kind, (i / COLUMNS, i % COLUMNS), now, was);
            }
        }
        *shown_in = table;
        *before = wanted;
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
        el.set_text_content(Some(&now.text));
        let _ = el.class_list().toggle_with_force("echo-only", now.echo);
    }
    let invalid = |c: &CellShown| !c.text.is_empty() && !c.echo;
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
