//! The Case & report panel: patient, saved cases, export and import, CSV, print, copy note;
//! and the storage banner.

use super::{app, assess, course, dom, kinetics};
use crate::view::html::esc;
use crate::view::report::{self, CsvStyle, ReportParts};
use crate::view::store::{self as store_view, QUARANTINE_PREFIX, StoredCase};
use crate::view::workspace::Workspace;
use crate::view::{RawForm, kinetics as kin_view};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlInputElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "case-root", &store_view::case_panel_html());
    restore_patient(doc);
    dom::on_actions(doc, &["panel-case", "storage-banner"], |doc, action, el| {
        let id = el.get_attribute("data-id");
        on_action(doc, action, id.as_deref());
    })?;

    // The Cohort tab opens a patient as a case through this event (panels never call each other).
    let on_open_case =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(|event: web_sys::CustomEvent| {
            if let (Some(doc), Some(text)) = (dom::document(), event.detail().as_string()) {
                import_text(&doc, &text);
            }
        });
    if let Some(w) = web_sys::window() {
        w.add_event_listener_with_callback(
            "icans-calc:open-case",
            on_open_case.as_ref().unchecked_ref(),
        )?;
    }
    on_open_case.forget();

    let on_patient = Closure::<dyn FnMut(Event)>::new(move |_event: Event| {
        let Some(doc) = dom::document() else { return };
        let mut form = RawForm::new();
        for (name, id) in [("label", "f-label"), ("infusionDate", "f-infusionDate")] {
            if let Ok(input) = dom::typed::<HtmlInputElement>(&doc, id) {
                form.insert(name.to_string(), input.value());
            }
        }
        app::with(|a| a.workspace.patient = form);
        render_patient_issue(&doc);
        course::render(&doc);
        app::save();
    });
    let patient = dom::by_id(doc, "patient-form")?;
    patient.add_event_listener_with_callback("input", on_patient.as_ref().unchecked_ref())?;
    patient.add_event_listener_with_callback("change", on_patient.as_ref().unchecked_ref())?;
    on_patient.forget();

    let on_file = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Refused before reading, so a huge file never freezes the page.
        if let Err(e) = store_view::check_file_size(file.size() as usize) {
            if let Some(doc) = dom::document() {
                dom::set_text(
                    &doc,
                    "io-status",
                    &format!("Not imported: {e}. The open case is unchanged."),
                );
            }
            input.set_value("");
            return;
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let reader_for_load = reader.clone();
        let on_load = Closure::once_into_js(move || {
            let text = reader_for_load
                .result()
                .ok()
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            if let Some(doc) = dom::document() {
                import_text(&doc, &text);
            }
        });
        reader.set_onload(Some(on_load.unchecked_ref()));
        let _ = reader.read_as_text(&file);
        input.set_value("");
    });
    dom::by_id(doc, "import-file")?
        .add_event_listener_with_callback("change", on_file.as_ref().unchecked_ref())?;
    on_file.forget();

    let on_before_print = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = dom::document() {
            build_report(&doc);
        }
    });
    if let Some(w) = web_sys::window() {
        w.add_event_listener_with_callback(
            "beforeprint",
            on_before_print.as_ref().unchecked_ref(),
        )?;
    }
    on_before_print.forget();
    render_list(doc);
    render_banner(doc);
    Ok(())
}

fn restore_patient(doc: &Document) {
    let form = app::with(|a| a.workspace.patient.clone());
    for (name, id) in [("label", "f-label"), ("infusionDate", "f-infusionDate")] {
        if let Ok(input) = dom::typed::<HtmlInputElement>(doc, id) {
            input.set_value(form.get(name).map(String::as_str).unwrap_or(""));
        }
    }
    render_patient_issue(doc);
}

fn render_patient_issue(doc: &Document) {
    let date = app::with(|a| {
        a.workspace
            .patient
            .get("infusionDate")
            .cloned()
            .unwrap_or_default()
    });
    let msg = if date.trim().is_empty() {
        String::new()
    } else {
        match crate::case::CalendarDate::parse(date.trim()) {
            Ok(_) => String::new(),
            Err(e) => format!("Infusion date: {e}"),
        }
    };
    dom::set_text(doc, "err-infusion", &msg);
}

/// The storage banner: unavailable storage, a failed save, or data set aside.
pub fn render_banner(doc: &Document) {
    let (available, failed, quarantined, other_tab, merged) = app::with(|a| {
        (
            a.store.available,
            a.store.failed.clone(),
            a.store.quarantined.clone(),
            a.store.other_tab,
            a.store.merged.clone(),
        )
    });
    let mut parts = Vec::new();
    if other_tab {
        parts.push("icans-calc is also open in another tab or window. What each saves is merged record by record, so neither overwrites the other.".to_string());
    }
    if let Some(html) = store_view::merge_banner_html(&merged) {
        parts.push(html);
    }
    if !available && failed.is_none() {
        parts.push("<strong>Nothing is saved in this browser</strong> (private browsing, or the page is embedded without storage). The calculator works; export the case to keep it.".to_string());
    }
    if let Some(f) = failed {
        parts.push(format!("<strong>Not saved:</strong> {}.", esc(&f)));
    }
    if !quarantined.is_empty() {
        parts.push(format!(
            "Saved data from an earlier visit could not be read; it was kept aside unchanged ({} item{}). <button type=\"button\" class=\"btn small\" data-action=\"download-unreadable\">Download it</button>",
            quarantined.len(),
            if quarantined.len() == 1 { "" } else { "s" }
        ));
    }
    dom::set_html(doc, "storage-banner", &parts.join(" "));
    dom::set_hidden(doc, "storage-banner", parts.is_empty());
}

fn render_list(doc: &Document) {
    let html = app::with(|a| {
        a.store
            .store
            .as_ref()
            .map(|s| store_view::case_list_html(s, a.store.renaming.as_deref()))
            .unwrap_or_default()
    });
    dom::set_html(doc, "case-list", &html);
}

/// Shows the open workspace in every panel (after switching, importing or loading the example).
pub fn render_all(doc: &Document) {
    let ws = app::with(|a| a.workspace.clone());
    assess::replace_form(doc, &ws.assess);
    kinetics::rebuild_grids(doc);
    kinetics::sync_controls(doc);
    kinetics::render(doc);
    super::baseline::refresh(doc);
    course::refresh(doc);
    restore_patient(doc);
    render_list(doc);
}

/// Opens `ws` as a new saved case named `name` (the current case is kept as it is).
fn open_new_case(doc: &Document, name: &str, ws: Workspace) {
    app::flush();
    app::with(|a| {
        let Some(store) = a.store.store.as_mut() else {
            return;
        };
        let id = app::new_id();
        let name = store.unique_name(name);
        store.cases.push(StoredCase {
            id: id.clone(),
            name,
            updated_at: app::now_iso(),
            workspace: ws.clone(),
        });
        store.current = id;
        a.workspace = ws;
    });
    app::flush();
    render_all(doc);
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

fn on_action(doc: &Document, action: &str, id: Option<&str>) {
    match action {
        "case-new" => {
            let name = app::with(|a| {
                a.store
                    .store
                    .as_ref()
                    .map(|s| s.next_case_name())
                    .unwrap_or_default()
            });
            open_new_case(doc, &name, Workspace::default());
            dom::set_text(
                doc,
                "case-status",
                &format!("Opened a new empty case, \u{201c}{name}\u{201d}."),
            );
        }
        "case-example" => match crate::example::example_case() {
            Ok(case) => {
                open_new_case(
                    doc,
                    "Published example (Front Immunol 2024)",
                    Workspace::from_case(&case),
                );
                dom::set_text(
                    doc,
                    "case-status",
                    "Loaded the published case as a new case (doi 10.3389/fimmu.2024.1380451). Its notes list every assumption; see the Course and Kinetics tabs.",
                );
            }
            Err(e) => dom::set_text(
                doc,
                "case-status",
                &format!("The example could not be loaded: {e}"),
            ),
        },
        "case-open" => {
            let Some(id) = id else { return };
            app::flush();
            app::with(|a| {
                let Some(store) = a.store.store.as_mut() else {
                    return;
                };
                if let Some(c) = store.cases.iter().find(|c| c.id == id) {
                    a.workspace = c.workspace.clone();
                    store.current = id.to_string();
                }
            });
            app::flush();
            render_all(doc);
            let name = current_name();
            dom::set_text(
                doc,
                "case-status",
                &format!("Opened \u{201c}{name}\u{201d}."),
            );
        }
        "case-rename" => {
            app::with(|a| a.store.renaming = id.map(str::to_string));
            render_list(doc);
            if let Ok(input) = dom::typed::<HtmlInputElement>(doc, "rename-input") {
                let _ = input.focus();
                input.select();
            }
        }
        "case-rename-save" => {
            let Some(id) = id else { return };
            let name = dom::typed::<HtmlInputElement>(doc, "rename-input")
                .map(|i| i.value())
                .unwrap_or_default();
            let name = name.trim().to_string();
            if name.is_empty() {
                dom::set_text(doc, "case-status", "A case needs a name.");
                return;
            }
            app::with(|a| {
                a.store.renaming = None;
                if let Some(c) = a
                    .store
                    .store
                    .as_mut()
                    .and_then(|s| s.cases.iter_mut().find(|c| c.id == id))
                {
                    c.name = name.clone();
                }
            });
            app::flush();
            render_list(doc);
            dom::set_text(
                doc,
                "case-status",
                &format!("Renamed to \u{201c}{name}\u{201d}."),
            );
        }
        "case-delete" => {
            let Some(id) = id else { return };
            let name = app::with(|a| {
                a.store
                    .store
                    .as_ref()
                    .and_then(|s| s.cases.iter().find(|c| c.id == id))
                    .map(|c| c.name.clone())
            });
            let Some(name) = name else { return };
            if !confirm(&format!(
                "Delete the case \u{201c}{name}\u{201d} from this browser? Export it first if you need it. This cannot be undone."
            )) {
                return;
            }
            let reopened = app::with(|a| {
                let store = a.store.store.as_mut()?;
                store.cases.retain(|c| c.id != id);
                if store.cases.is_empty() {
                    let fresh = crate::view::store::Store::fresh(app::new_id(), app::now_iso());
                    store.cases = fresh.cases;
                }
                if store.current == id {
                    let first = store.cases.first()?;
                    store.current = first.id.clone();
                    a.workspace = first.workspace.clone();
                    return Some(true);
                }
                Some(false)
            });
            app::flush();
            if reopened == Some(true) {
                render_all(doc);
            } else {
                render_list(doc);
            }
            dom::set_text(
                doc,
                "case-status",
                &format!("Deleted \u{201c}{name}\u{201d}."),
            );
        }
        "export-json" => export_json(doc),
        "export-kinetics-csv" | "export-course-csv" => {
            export_csv(doc, action == "export-kinetics-csv")
        }
        "print" => {
            build_report(doc);
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }
        "copy-note" => copy_note(doc),
        "download-unreadable" => download_unreadable(),
        "merge-dismiss" => {
            app::with(|a| a.store.merged = Default::default());
            render_banner(doc);
        }
        _ => {}
    }
}

fn current_name() -> String {
    app::with(|a| {
        a.store
            .store
            .as_ref()
            .and_then(|s| s.cases.iter().find(|c| c.id == s.current))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    })
}

fn today() -> String {
    app::now_iso().get(..10).unwrap_or("").to_string()
}

/// Offers `text` as a file download (stays on the device: a blob URL, no network).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    dom::download(name, mime, text)
}

fn export_json(doc: &Document) {
    let (result, label) = app::with(|a| {
        // Records added since the last save get their ids now, so the file has them.
        a.workspace.assign_ids(&mut app::new_record_id);
        (
            a.workspace.to_case_json(),
            a.workspace
                .patient
                .get("label")
                .cloned()
                .unwrap_or_default(),
        )
    });
    match result {
        Err(issues) => {
            let list: Vec<String> = issues
                .iter()
                .map(|i| format!("{} tab: {}", i.panel, i.message))
                .collect();
            dom::set_text(
                doc,
                "io-status",
                &format!("Not exported. Correct first: {}.", list.join("; ")),
            );
        }
        Ok(json) => {
            let text = super::exports::to_pretty_json_text(&json);
            let Some(text) = text else {
                dom::set_text(
                    doc,
                    "io-status",
                    "Not exported: the case could not be written as JSON.",
                );
                return;
            };
            let name = store_view::file_name(&label, "case", &today(), "json");
            match download(&name, "application/json", &text) {
                Ok(()) => dom::set_text(doc, "io-status", &format!("Exported {name}.")),
                Err(_) => dom::set_text(doc, "io-status", "The browser refused the download."),
            }
        }
    }
}

fn csv_style(doc: &Document) -> CsvStyle {
    let semicolon = doc
        .query_selector("input[name=csv-style][value=semicolon]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked());
    if semicolon {
        CsvStyle::SemicolonComma
    } else {
        CsvStyle::CommaPoint
    }
}

fn export_csv(doc: &Document, kinetics: bool) {
    let style = csv_style(doc);
    let ws = app::with(|a| a.workspace.clone());
    let label = ws.patient.get("label").cloned().unwrap_or_default();
    let text = if kinetics {
        report::kinetics_csv(&ws, style)
    } else {
        crate::view::course::evaluate_course(&ws)
            .map(|e| report::course_csv(&ws, &e, style))
            .map_err(|e| e.to_string())
    };
    match text {
        Err(e) => dom::set_text(doc, "io-status", &format!("Not exported: {e}.")),
        Ok(text) => {
            let name = store_view::file_name(
                &label,
                if kinetics { "kinetics" } else { "course" },
                &today(),
                "csv",
            );
            match download(&name, "text/csv;charset=utf-8", &text) {
                Ok(()) => dom::set_text(doc, "io-status", &format!("Exported {name}.")),
                Err(_) => dom::set_text(doc, "io-status", "The browser refused the download."),
            }
        }
    }
}

/// Import: validates the whole file first; on any error the open case is left untouched.
pub fn import_text(doc: &Document, text: &str) {
    let parsed = store_view::check_file_size(text.len())
        .and_then(|()| js_sys::JSON::parse(text).map_err(|_| "the file is not JSON".to_string()))
        .and_then(|v| super::exports::to_json(&v, "", 0).map_err(|e| e.to_string()))
        .and_then(|json| store_view::check_import(&json).map(|()| json))
        .and_then(|json| crate::api::parse_case(&json).map_err(|e| e.to_string()));
    match parsed {
        Err(e) => {
            dom::set_text(
                doc,
                "io-status",
                &format!("Not imported: {e}. The open case is unchanged."),
            );
        }
        Ok(case) => {
            let name = if case.patient.label().trim().is_empty() {
                "Imported case".to_string()
            } else {
                case.patient.label().to_string()
            };
            let before = app::with(|a| (a.store.store.clone(), a.workspace.clone()));
            open_new_case(doc, &name, Workspace::from_case(&case));
            if let Some(reason) = app::last_write_failed() {
                // Not kept: go back to what is saved (the failed write changed nothing stored).
                app::with(|a| {
                    (a.store.store, a.workspace) = before;
                    a.store.failed = None;
                });
                render_all(doc);
                render_banner(doc);
                dom::set_text(
                    doc,
                    "io-status",
                    &format!(
                        "Not imported: {reason}. Your saved cases are unchanged and the open case is as it was."
                    ),
                );
                return;
            }
            dom::set_text(
                doc,
                "io-status",
                &format!(
                    "Imported as a new case, \u{201c}{}\u{201d}.",
                    current_name()
                ),
            );
        }
    }
}

/// Fills the print-only report from the current state (also on the browser's own print).
fn build_report(doc: &Document) {
    let ws = app::with(|a| a.workspace.clone());
    let current = crate::view::assess::read_assessment(&ws.assess);
    let course = crate::view::course::evaluate_course(&ws).ok();
    let kin = kin_view::read_kinetics(&ws.kinetics);
    let now = js_sys::Date::new_0();
    // Local time, written year-month-day so no reader takes 01/12 for 12 January.
    let printed_at = crate::display::date_time(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes(),
    );
    let charts = super::charts::report_svgs(&ws, course.as_ref().map(|c| &c.result), &kin);
    let html = report::report_html(&ReportParts {
        ws: &ws,
        current: &current,
        course: course.as_ref(),
        kinetics: &kin,
        baseline_html: super::baseline::report_html(&ws),
        course_chart_svg: charts.course,
        kinetics_chart_svg: charts.kinetics,
        labs_chart_svg: charts.labs,
        printed_at,
    });
    dom::set_html(doc, "print-report", &html);
}

fn copy_note(doc: &Document) {
    let ws = app::with(|a| a.workspace.clone());
    let current = crate::view::assess::read_assessment(&ws.assess);
    let course = crate::view::course::evaluate_course(&ws).ok();
    let kin = kin_view::read_kinetics(&ws.kinetics);
    let text = report::record_note(&ws, &current, course.as_ref(), &kin);
    let fallback = {
        let text = text.clone();
        move || {
            if let Some(doc) = dom::document() {
                if let Ok(area) = dom::typed::<web_sys::HtmlTextAreaElement>(&doc, "copy-text") {
                    area.set_value(&text);
                    dom::set_hidden(&doc, "copy-fallback", false);
                    let _ = area.focus();
                    area.select();
                }
                dom::set_text(
                    &doc,
                    "report-status",
                    "Select the text below and copy it (Ctrl+C, or long-press on a tablet).",
                );
            }
        }
    };
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        let f = js_sys::Reflect::get(c, &JsValue::from_str("writeText")).ok()?;
        let f: js_sys::Function = f.dyn_into().ok()?;
        f.call1(c, &JsValue::from_str(&text))
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    match write {
        None => fallback(),
        Some(promise) => {
            let ok = Closure::once(|_: JsValue| {
                if let Some(doc) = dom::document() {
                    dom::set_text(
                        &doc,
                        "report-status",
                        "The summary is on the clipboard: paste it into the record.",
                    );
                    dom::set_hidden(&doc, "copy-fallback", true);
                }
            });
            let failed = Closure::once(move |_: JsValue| fallback());
            let _ = promise.then2(&ok, &failed);
            ok.forget();
            failed.forget();
        }
    }
    let _ = doc;
}

fn download_unreadable() {
    let items: Vec<(String, String)> = {
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        let keys = app::with(|a| a.store.quarantined.clone());
        keys.iter()
            .filter_map(|k| {
                storage
                    .as_ref()
                    .and_then(|s| s.get_item(k).ok().flatten())
                    .map(|v| (k.clone(), v))
            })
            .collect()
    };
    for (key, text) in items {
        let stamp: String = key
            .trim_start_matches(QUARANTINE_PREFIX)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let _ = download(
            &format!("icans-calc-unreadable-{stamp}.json"),
            "application/json",
            &text,
        );
    }
}
