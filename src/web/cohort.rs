//! The Cohort tab: files and pasted tables in, the cohort evaluated in chunks (the page stays
//! responsive and shows its progress), tables, graphs and exports out. The cohort lives only in
//! this page's memory: it is not autosaved, so closing the tab forgets it unless it was saved as
//! a file.

use super::dom;
use super::state::{self, App, CohortView, Msg};
use crate::chart;
use crate::view::cohort::{self as view, CohortLoad, FoundCase, LoadIssue};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Milliseconds of work per chunk before the page gets the main thread back (well under a
/// 16 ms frame, so typing and scrolling stay smooth while a large cohort loads).
const CHUNK_MS: f64 = 8.0;

thread_local! {
    /// Bumped by every new load, so a load still running in chunks stops when a newer one starts.
    static GENERATION: RefCell<u32> = const { RefCell::new(0) };
}

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "cohort-root", &view::panel_html());
    dom::on_actions(doc, &["cohort-root"], on_action)?;
    let on_files = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        let files = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files());
        if let Some(files) = files {
            read_files(files);
        }
    });
    dom::by_id(doc, "cohort-files")?
        .add_event_listener_with_callback("change", on_files.as_ref().unchecked_ref())?;
    on_files.forget();
    let on_drag = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
    });
    let on_drop = Closure::<dyn FnMut(web_sys::DragEvent)>::new(|event: web_sys::DragEvent| {
        event.prevent_default();
        if let Some(files) = event.data_transfer().and_then(|d| d.files()) {
            read_files(files);
        }
    });
    let zone = dom::by_id(doc, "cohort-drop")?;
    zone.add_event_listener_with_callback("dragover", on_drag.as_ref().unchecked_ref())?;
    zone.add_event_listener_with_callback("drop", on_drop.as_ref().unchecked_ref())?;
    on_drag.forget();
    on_drop.forget();
    Ok(())
}

/// Loading and clearing (the table's buttons are dispatched by app.rs).
fn on_action(action: &str, _el: &Element) {
    let Some(doc) = dom::document() else { return };
    match action {
        "cohort-paste" => {
            let (found, issues) = view::cases_from_long_table(&dom::value_of(&doc, "cohort-paste"));
            start_load(found.into_iter().map(Pending::Ready).collect(), issues);
        }
        "cohort-clear" => {
            GENERATION.with(|g| *g.borrow_mut() += 1);
            state::dispatch(Msg::Cohort(None));
            dom::set_text(&doc, "cohort-status", "The cohort was cleared.");
        }
        _ => {}
    }
}

/// Reads every chosen or dropped file as text, then loads them together.
fn read_files(files: web_sys::FileList) {
    let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if list.is_empty() {
        return;
    }
    if let Some(doc) = dom::document() {
        dom::set_text(
            &doc,
            "cohort-status",
            &format!("Reading {} file(s)\u{2026}", list.len()),
        );
    }
    let promises = js_sys::Array::new();
    for f in &list {
        // The bytes, not `text()`: handing a 13 MB JavaScript string to the wasm converts it
        // character by character (about 140 ms in one task); bytes are copied at once.
        promises.push(&f.array_buffer());
    }
    let names: Vec<String> = list.iter().map(web_sys::File::name).collect();
    let on_read = Closure::once(move |texts: JsValue| {
        let texts: js_sys::Array = texts.unchecked_into();
        let mut pending: Vec<Pending> = Vec::new();
        let mut issues: Vec<LoadIssue> = Vec::new();
        for (name, text) in names.iter().zip(texts.iter()) {
            let text = utf8_text(js_sys::Uint8Array::new(&text).to_vec());
            let looks_json = crate::text::fold_case(name).ends_with(".json")
                || text.trim_start().starts_with(['{', '[']);
            if looks_json {
                // A list of many cases is read case by case between frames (see `step`).
                if let Some(cases) = split_into_cases(name, text.clone()) {
                    pending.extend(cases);
                    continue;
                }
                let parsed = crate::json::parse_text(&text)
                    .map_err(|e| format!("not JSON (the file is damaged or not a case file: {e})"));
                match parsed.map(|json| view::cases_from_json(name, json)) {
                    Ok(Ok(cases)) => pending.extend(cases.into_iter().map(Pending::Ready)),
                    Ok(Err(issue)) => issues.push(issue),
                    Err(reason) => issues.push(LoadIssue {
                        source: name.clone(),
                        reason,
                    }),
                }
            } else {
                let (cases, table_issues) = view::cases_from_long_table(&text);
                pending.extend(cases.into_iter().map(|mut c| {
                    c.source = format!("{name}: {}", c.source);
                    Pending::Ready(c)
                }));
                issues.extend(table_issues.into_iter().map(|mut i| {
                    i.source = format!("{name}: {}", i.source);
                    i
                }));
            }
        }
        start_load(pending, issues);
    });
    let on_fail = Closure::once(|_: JsValue| {
        if let Some(doc) = dom::document() {
            dom::set_text(
                &doc,
                "cohort-status",
                "The browser could not read the files; nothing was loaded.",
            );
        }
    });
    let _ = js_sys::Promise::all(&promises).then2(&on_read, &on_fail);
    on_read.forget();
    on_fail.forget();
}

/// A file's bytes as text, read as `File.text()` would: UTF-8, a leading byte-order mark
/// dropped, anything not UTF-8 replaced by U+FFFD (which the readers then refuse by name).
fn utf8_text(bytes: Vec<u8>) -> String {
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// A case still to be read: read already, or its text in a large file (read in `step`).
enum Pending {
    Ready(FoundCase),
    InFile {
        text: Rc<String>,
        at: std::ops::Range<usize>,
        source: String,
    },
}

/// The cases of a list of case files or of a cohort file, each left as its text: a 13 MB file
/// is then read a few cases at a time instead of in one long task. `None` for anything else (a
/// single case, a damaged file, a newer schema), which is read whole and reported as before.
fn split_into_cases(name: &str, text: String) -> Option<Vec<Pending>> {
    let split = crate::json::split_list(&text, "cases")?;
    let wrapper = crate::json::parse_text(&split.wrapper).ok()?;
    // The wrapper without its cases must read as a list or cohort with none, else it is not one.
    if !view::cases_from_json(name, wrapper).is_ok_and(|cases| cases.is_empty()) {
        return None;
    }
    let text = Rc::new(text);
    let cases = split.elements.into_iter().enumerate();
    Some(
        cases
            .map(|(i, at)| Pending::InFile {
                text: Rc::clone(&text),
                at,
                source: view::case_in_file(name, i),
            })
            .collect(),
    )
}

/// Reads a pending case: the case, or why it cannot be read.
fn read_pending(item: Pending) -> Result<FoundCase, LoadIssue> {
    match item {
        Pending::Ready(found) => Ok(found),
        Pending::InFile { text, at, source } => match text.get(at).map(crate::json::parse_text) {
            Some(Ok(case)) => Ok(FoundCase { source, case }),
            Some(Err(e)) => Err(LoadIssue {
                source,
                reason: format!("not JSON (the case is damaged: {e})"),
            }),
            None => Err(LoadIssue {
                source,
                reason: "not JSON (the case is damaged)".to_string(),
            }),
        },
    }
}

/// Reads and evaluates the cases in chunks of about [`CHUNK_MS`], with a progress bar, then
/// renders.
fn start_load(pending: Vec<Pending>, issues: Vec<LoadIssue>) {
    let generation = GENERATION.with(|g| {
        *g.borrow_mut() += 1;
        *g.borrow()
    });
    let total = pending.len();
    let job = Rc::new(RefCell::new(Job {
        load: CohortLoad::default(),
        // Reversed, so the next case is popped from the end.
        pending: pending.into_iter().rev().collect(),
        found: Vec::with_capacity(total),
        issues,
    }));
    if let Some(doc) = dom::document() {
        dom::set_hidden(&doc, "cohort-progress", false);
        if let Ok(p) = dom::typed::<web_sys::HtmlProgressElement>(&doc, "cohort-progress") {
            p.set_max(total.max(1) as f64);
            p.set_value(0.0);
        }
    }
    step(job, generation, total);
}

struct Job {
    load: CohortLoad,
    pending: Vec<Pending>,
    found: Vec<FoundCase>,
    issues: Vec<LoadIssue>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn step(job: Rc<RefCell<Job>>, generation: u32, total: usize) {
    if GENERATION.with(|g| *g.borrow()) != generation {
        return;
    }
    let started = now_ms();
    let done = {
        let mut guard = job.borrow_mut();
        let job = &mut *guard;
        while let Some(item) = job.pending.pop() {
            match read_pending(item) {
                Ok(found) => {
                    job.load.add(&found);
                    job.found.push(found);
                }
                Err(issue) => job.issues.push(issue),
            }
            if now_ms() - started > CHUNK_MS {
                break;
            }
        }
        total - job.pending.len()
    };
    let Some(doc) = dom::document() else { return };
    if let Ok(p) = dom::typed::<web_sys::HtmlProgressElement>(&doc, "cohort-progress") {
        p.set_value(done as f64);
    }
    if done < total {
        dom::set_text(
            &doc,
            "cohort-status",
            &format!("Evaluating patients: {done} of {total}\u{2026}"),
        );
        let next = Closure::once(move || step(job, generation, total));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(next.as_ref().unchecked_ref());
        }
        next.forget();
        return;
    }
    let Ok(cell) = Rc::try_unwrap(job) else {
        return;
    };
    let Job {
        load,
        found,
        issues,
        ..
    } = cell.into_inner();
    let cohort = load.finish(found, issues);
    let loaded = cohort.result.patients.len();
    let refused = cohort.result.rejected.len() + cohort.issues.len();
    dom::set_hidden(&doc, "cohort-progress", true);
    dom::set_text(
        &doc,
        "cohort-status",
        &format!(
            "Loaded {loaded} patient(s){}.",
            if refused > 0 {
                format!("; {refused} item(s) could not be loaded (listed below)")
            } else {
                String::new()
            }
        ),
    );
    LOADS.set(LOADS.get().wrapping_add(1));
    state::dispatch(Msg::Cohort(Some(CohortView {
        serial: LOADS.get(),
        cohort,
        sort: None,
        page: 0,
    })));
}

/// The cohort's tables and graphs (empty when none is loaded).
/// What the cohort's graphs were last drawn from.
#[derive(PartialEq)]
struct GraphsKey {
    serial: u32,
    sort: Option<crate::view::cohort::Sort>,
    width_px: u32,
    dark: bool,
}

thread_local! {
    /// The panel's own memory of its drawing (not page state: nothing else reads it).
    static DRAWN: std::cell::RefCell<Option<GraphsKey>> = const { std::cell::RefCell::new(None) };
    static LOADS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

pub fn render(doc: &Document, a: &App) {
    let Some(c) = &a.cohort else {
        DRAWN.with(|d| *d.borrow_mut() = None);
        for id in [
            "cohort-issues",
            "cohort-summary",
            "cohort-compare",
            "cohort-patients",
            "cohort-curves",
            "cohort-swimmer",
        ] {
            dom::set_html(doc, id, "");
        }
        dom::set_text(doc, "cohort-curves-caption", "");
        dom::set_text(doc, "cohort-swimmer-caption", "");
        return;
    };
    dom::set_html(doc, "cohort-issues", &view::issues_html(&c.cohort));
    dom::set_html(doc, "cohort-summary", &view::summary_html(&c.cohort.result));
    dom::set_html(doc, "cohort-compare", &view::compare_html(&c.cohort.result));
    let patients = view::patients_html(&c.cohort.result, c.sort, c.page);
    dom::set_html(doc, "cohort-patients", &patients);
    // Expansion curves with the median, and the swimmer plot of ICANS courses in the table's
    // order: drawn again only when what they show changed (not on a page of the table).
    let (theme, w) = (dom::theme(), dom::chart_width_px());
    let key = GraphsKey {
        serial: c.serial,
        sort: c.sort,
        width_px: w,
        dark: theme != crate::chart::Theme::light(),
    };
    if DRAWN.with(|d| d.borrow().as_ref() == Some(&key)) {
        return;
    }
    DRAWN.with(|d| *d.borrow_mut() = Some(key));
    let curves = view::curves(&c.cohort);
    let svg = chart::cohort_curves_svg(&curves, &theme, w, 420);
    dom::put_chart(
        doc,
        "cohort-curves",
        svg,
        &chart::cohort_curves_text(&curves),
    );
    dom::set_html(doc, "cohort-median", &view::median_table_html(&curves));
    let order = view::sorted_order(&c.cohort.result.patients, c.sort);
    let lanes = view::lanes_in_order(&c.cohort, &order);
    let shown = lanes.len().clamp(1, chart::MAX_LANES);
    let height = (140 + 18 * shown as u32).clamp(200, 900);
    let svg = chart::swimmer_svg(&lanes, &theme, w, height);
    dom::put_chart(doc, "cohort-swimmer", svg, &chart::swimmer_text(&lanes));
}
