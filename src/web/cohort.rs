//! The Cohort tab: files and pasted tables in, the cohort evaluated in chunks (the page stays
//! responsive and shows its progress), tables, graphs and exports out. The cohort lives only in
//! this page's memory: it is not autosaved, so closing the tab forgets it unless it was saved as
//! a file.

use super::{charts, dom};
use crate::view::cohort::{self as view, Cohort, CohortLoad, FoundCase, LoadIssue, Sort};
use crate::view::report::CsvStyle;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Milliseconds of work per chunk before the page gets the main thread back (well under a
/// 16 ms frame, so typing and scrolling stay smooth while a large cohort loads).
const CHUNK_MS: f64 = 8.0;

struct State {
    cohort: Cohort,
    sort: Option<Sort>,
    page: usize,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
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

fn on_action(doc: &Document, action: &str, el: &Element) {
    match action {
        "cohort-paste" => {
            let text = dom::typed::<web_sys::HtmlTextAreaElement>(doc, "cohort-paste")
                .map(|t| t.value())
                .unwrap_or_default();
            let (found, issues) = view::cases_from_long_table(&text);
            start_load(found, issues);
        }
        "cohort-clear" => {
            GENERATION.with(|g| *g.borrow_mut() += 1);
            STATE.with(|s| *s.borrow_mut() = None);
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
            dom::set_text(doc, "cohort-status", "The cohort was cleared.");
        }
        "cohort-sort" => {
            let column = attr_number(el, "data-column");
            STATE.with(|s| {
                if let Some(state) = s.borrow_mut().as_mut() {
                    state.sort = match (state.sort, column) {
                        (
                            Some(Sort {
                                column: c,
                                descending,
                            }),
                            Some(n),
                        ) if c == n => Some(Sort {
                            column: n,
                            descending: !descending,
                        }),
                        (_, Some(n)) => Some(Sort {
                            column: n,
                            descending: false,
                        }),
                        (current, None) => current,
                    };
                    state.page = 0;
                }
            });
            render(doc);
            if let Some(n) = column {
                focus(doc, &format!("#cohort-table [data-column=\"{n}\"]"));
            }
        }
        "cohort-page" => {
            let page = attr_number(el, "data-page").unwrap_or(0);
            STATE.with(|s| {
                if let Some(state) = s.borrow_mut().as_mut() {
                    state.page = page;
                }
            });
            render_patients(doc);
        }
        "cohort-open" => open_case(doc, attr_number(el, "data-index")),
        "cohort-csv-patients" | "cohort-csv-summary" | "cohort-json" => export(doc, action),
        _ => {}
    }
}

fn attr_number(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name).and_then(|v| v.parse().ok())
}

fn focus(doc: &Document, selector: &str) {
    if let Some(el) = doc
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
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
        promises.push(&f.text());
    }
    let names: Vec<String> = list.iter().map(web_sys::File::name).collect();
    let on_read = Closure::once(move |texts: JsValue| {
        let texts: js_sys::Array = texts.unchecked_into();
        let mut found: Vec<FoundCase> = Vec::new();
        let mut issues: Vec<LoadIssue> = Vec::new();
        for (name, text) in names.iter().zip(texts.iter()) {
            let text = text.as_string().unwrap_or_default();
            let looks_json =
                name.to_lowercase().ends_with(".json") || text.trim_start().starts_with(['{', '[']);
            if looks_json {
                let parsed = crate::json::parse_text(&text)
                    .map_err(|e| format!("not JSON (the file is damaged or not a case file: {e})"));
                match parsed.map(|json| view::cases_from_json(name, json)) {
                    Ok(Ok(cases)) => found.extend(cases),
                    Ok(Err(issue)) => issues.push(issue),
                    Err(reason) => issues.push(LoadIssue {
                        source: name.clone(),
                        reason,
                    }),
                }
            } else {
                let (cases, table_issues) = view::cases_from_long_table(&text);
                found.extend(cases.into_iter().map(|mut c| {
                    c.source = format!("{name}: {}", c.source);
                    c
                }));
                issues.extend(table_issues.into_iter().map(|mut i| {
                    i.source = format!("{name}: {}", i.source);
                    i
                }));
            }
        }
        start_load(found, issues);
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

/// Evaluates the cases in chunks of about [`CHUNK_MS`], with a progress bar, then renders.
fn start_load(found: Vec<FoundCase>, issues: Vec<LoadIssue>) {
    let generation = GENERATION.with(|g| {
        *g.borrow_mut() += 1;
        *g.borrow()
    });
    let total = found.len();
    let job = Rc::new(RefCell::new((CohortLoad::default(), found, issues, 0usize)));
    if let Some(doc) = dom::document() {
        dom::set_hidden(&doc, "cohort-progress", false);
        if let Ok(p) = dom::typed::<web_sys::HtmlProgressElement>(&doc, "cohort-progress") {
            p.set_max(total.max(1) as f64);
            p.set_value(0.0);
        }
    }
    step(job, generation, total);
}

type Job = Rc<RefCell<(CohortLoad, Vec<FoundCase>, Vec<LoadIssue>, usize)>>;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn step(job: Job, generation: u32, total: usize) {
    if GENERATION.with(|g| *g.borrow()) != generation {
        return;
    }
    let started = now_ms();
    let done = {
        let mut guard = job.borrow_mut();
        let (load, found, _, next) = &mut *guard;
        while *next < found.len() {
            if let Some(c) = found.get(*next) {
                load.add(c);
            }
            *next += 1;
            if now_ms() - started > CHUNK_MS {
                break;
            }
        }
        *next
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
    let (load, found, issues, _) = cell.into_inner();
    let cohort = load.finish(found, issues);
    let loaded = cohort.result.patients.len();
    let refused = cohort.result.rejected.len() + cohort.issues.len();
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            cohort,
            sort: None,
            page: 0,
        });
    });
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
    render(&doc);
}

fn render(doc: &Document) {
    STATE.with(|s| {
        let guard = s.borrow();
        let Some(state) = guard.as_ref() else { return };
        dom::set_html(doc, "cohort-issues", &view::issues_html(&state.cohort));
        dom::set_html(
            doc,
            "cohort-summary",
            &view::summary_html(&state.cohort.result),
        );
        dom::set_html(
            doc,
            "cohort-compare",
            &view::compare_html(&state.cohort.result),
        );
        let order = view::sorted_order(&state.cohort.result.patients, state.sort);
        charts::cohort(doc, &state.cohort, &order);
    });
    render_patients(doc);
}

fn render_patients(doc: &Document) {
    STATE.with(|s| {
        if let Some(state) = s.borrow().as_ref() {
            dom::set_html(
                doc,
                "cohort-patients",
                &view::patients_html(&state.cohort.result, state.sort, state.page),
            );
        }
    });
}

/// Opens one patient as a new case (the Case tab imports it as it would a file).
fn open_case(doc: &Document, index: Option<usize>) {
    let case = STATE.with(|s| {
        s.borrow()
            .as_ref()
            .and_then(|state| index.and_then(|i| state.cohort.cases.get(i).map(|c| c.case.clone())))
    });
    let Some(case) = case else { return };
    let text = super::exports::to_js(&case)
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| s.as_string());
    let Some(text) = text else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&text));
    if let (Some(w), Ok(event)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict("icans-calc:open-case", &init),
    ) {
        let _ = w.dispatch_event(&event);
        let _ = w.location().set_hash("case");
    }
    dom::set_text(
        doc,
        "cohort-status",
        "Opened as a new case on the Case tab.",
    );
}

fn csv_style(doc: &Document) -> CsvStyle {
    let semicolon = doc
        .query_selector("input[name=csv-style][value=semicolon]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked());
    if semicolon {
        CsvStyle::SemicolonComma
    } else {
        CsvStyle::CommaPoint
    }
}

fn export(doc: &Document, action: &str) {
    let style = csv_style(doc);
    let date = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect::<String>();
    let file = STATE.with(|s| {
        s.borrow().as_ref().map(|state| match action {
            "cohort-csv-patients" => (
                format!("icans-calc-cohort-patients-{date}.csv"),
                "text/csv",
                view::patients_csv(&state.cohort.result, style),
            ),
            "cohort-csv-summary" => (
                format!("icans-calc-cohort-summary-{date}.csv"),
                "text/csv",
                view::summary_csv(&state.cohort.result, style),
            ),
            _ => (
                format!("icans-calc-cohort-{date}.json"),
                "application/json",
                super::exports::to_pretty_json_text(&view::cohort_json(&state.cohort))
                    .unwrap_or_default(),
            ),
        })
    });
    let Some((name, mime, text)) = file else {
        dom::set_text(doc, "cohort-status", "Load a cohort first.");
        return;
    };
    match dom::download(&name, mime, &text) {
        Ok(()) => dom::set_text(doc, "cohort-status", &format!("Saved {name}.")),
        Err(_) => dom::set_text(doc, "cohort-status", "The browser refused the download."),
    }
}
