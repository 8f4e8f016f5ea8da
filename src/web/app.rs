//! Page-wide state: what the user typed in every panel, kept as typed, saved on every change.

use super::dom;
use crate::view::paste::PasteResult;
use crate::view::store::{MergeReport, QUARANTINE_PREFIX, STORE_KEY, Store, merge_stores};
pub use crate::view::workspace::Workspace;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Document;

/// Where the cases are kept and what happened when they were read.
#[derive(Default)]
pub struct StoreState {
    /// False when the browser refuses storage (private mode, sandboxed frame): the calculator
    /// works, a banner says nothing is kept.
    pub available: bool,
    /// All cases; the open one's workspace is `App::workspace` (copied back on save).
    pub store: Option<Store>,
    /// Keys under which unreadable data was set aside this session.
    pub quarantined: Vec<String>,
    /// A save is scheduled (debounce).
    pub pending: bool,
    /// The last save failed (e.g. storage full).
    pub failed: Option<String>,
    /// The case whose name is being edited in the case list.
    pub renaming: Option<String>,
    /// Another tab or window of the calculator wrote to the store during this visit.
    pub other_tab: bool,
    /// The store as this tab last read or wrote it: the common ancestor of a three-way merge
    /// with what another tab saved since.
    pub base: Option<Store>,
    /// What the last merges took from another tab's saves, for the banner.
    pub merged: MergeReport,
}

#[derive(Default)]
pub struct App {
    pub workspace: Workspace,
    /// The last pasted block, waiting for "replace" or "add".
    pub paste: Option<PasteResult>,
    pub store: StoreState,
}

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
}

/// Runs `f` with the app state. Callers never hold it across DOM events.
pub fn with<R>(f: impl FnOnce(&mut App) -> R) -> R {
    APP.with(|a| f(&mut a.borrow_mut()))
}

fn storage() -> Option<web_sys::Storage> {
    // Reading `localStorage` itself throws in sandboxed frames; `local_storage()` maps that to Err.
    let s = web_sys::window().and_then(|w| w.local_storage().ok().flatten())?;
    // Some browsers hand out a storage object that refuses every write (private mode).
    let probe = "icans-calc:probe";
    s.set_item(probe, "1").ok()?;
    let _ = s.remove_item(probe);
    Some(s)
}

pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

pub fn new_id() -> String {
    format!("c{}", js_sys::Date::now() as u64)
        + &format!("{:04}", (js_sys::Math::random() * 10_000.0) as u32)
}

/// A record id: random enough that two tabs never make the same one.
pub fn new_record_id() -> String {
    let random = |_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_296.0) as u64);
    format!("r{}", (0..2).map(random).collect::<String>())
}

fn to_json_text<T: serde::Serialize>(value: &T) -> Option<String> {
    let js = super::exports::to_js(value).ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

/// Reads the store at start. Unreadable data is copied aside under its own key (never
/// overwritten) and a fresh store is started; the banner offers the copy for download.
pub fn load() {
    let Some(storage) = storage() else {
        with(|a| {
            a.store.available = false;
            a.store.store = Some(Store::fresh(new_id(), now_iso()));
        });
        return;
    };
    let raw = storage.get_item(STORE_KEY).ok().flatten();
    let parsed: Result<Option<Store>, String> = match &raw {
        None => Ok(None),
        Some(text) => js_sys::JSON::parse(text)
            .map_err(|_| "saved data is not valid JSON".to_string())
            .and_then(|v| {
                serde_wasm_bindgen::from_value::<Store>(v)
                    .map_err(|e| format!("saved data has an unknown shape ({e})"))
            })
            .and_then(Store::check)
            .map(Some),
    };
    let mut quarantined = existing_quarantine(&storage);
    let store = match (parsed, raw) {
        (Ok(Some(store)), _) => store,
        (Ok(None), _) => Store::fresh(new_id(), now_iso()),
        (Err(reason), Some(text)) => {
            let key = format!("{QUARANTINE_PREFIX}{}", now_iso());
            if storage.set_item(&key, &text).is_err() {
                // Could not set it aside: keep it where it is and do not save over it.
                with(|a| {
                    a.store.available = false;
                    a.store.failed = Some(format!(
                        "{reason}; it could not be set aside, so nothing will be saved this session"
                    ));
                    a.store.store = Some(Store::fresh(new_id(), now_iso()));
                });
                return;
            }
            // Kept aside under its own key: the store key is free for this session's saves
            // (which otherwise refuse to write over data they cannot read).
            let _ = storage.remove_item(STORE_KEY);
            quarantined.push(key);
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "icans-calc: {reason}; kept aside"
            )));
            Store::fresh(new_id(), now_iso())
        }
        (Err(_), None) => Store::fresh(new_id(), now_iso()),
    };
    // Each tab remembers which case it had open (sessionStorage is per tab), so a reload does
    // not jump to the case another tab opened last.
    let mut store = store;
    if let Some(id) = tab_current()
        && store.cases.iter().any(|c| c.id == id)
    {
        store.current = id;
    }
    // Records saved by a version without ids get theirs now; the write below stores them, so
    // every tab opened later sees the same ids.
    // The ids are derived from the case id and the record's place, so two tabs upgrading the
    // same stored data at once give the same records the same ids (and never duplicate them).
    store.assign_missing_ids();
    let workspace = store
        .cases
        .iter()
        .find(|c| c.id == store.current)
        .map(|c| c.workspace.clone())
        .unwrap_or_default();
    with(|a| {
        a.workspace = workspace;
        a.store.available = true;
        a.store.base = Some(store.clone());
        a.store.store = Some(store);
        a.store.quarantined = quarantined;
    });
    flush();
}

const TAB_CURRENT_KEY: &str = "icans-calc:open-case";

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn tab_current() -> Option<String> {
    session()?.get_item(TAB_CURRENT_KEY).ok().flatten()
}

fn remember_tab_current(id: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(TAB_CURRENT_KEY, id);
    }
}

fn existing_quarantine(storage: &web_sys::Storage) -> Vec<String> {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect()
}

/// Saves now (after an action on the list of cases: new, open, rename, delete, import).
pub fn flush() {
    sync();
}

/// Autosave (see [`sync`]).
pub fn flush_open_case() {
    sync();
}

/// Reads what is stored, merges this tab's changes into it record by record (three-way, with
/// the store as this tab last saw it as the ancestor, so another tab's additions, edits and
/// deletions since are kept), shows the merged case, and writes it. Refuses to overwrite
/// stored data it cannot read. Writes nothing when the merge equals what is stored (so two tabs
/// answering each other's `storage` events come to rest).
pub fn sync() {
    let ours = with(|a| {
        a.store.pending = false;
        a.workspace.assign_ids(&mut new_record_id);
        let ws = a.workspace.clone();
        let store = a.store.store.as_mut()?;
        let current = store.current.clone();
        if let Some(c) = store.cases.iter_mut().find(|c| c.id == current)
            && c.workspace != ws
        {
            c.workspace = ws;
            c.updated_at = now_iso();
        }
        store.app_version = crate::APP_VERSION.to_string();
        Some(store.clone())
    });
    let Some(ours) = ours else { return };
    let available = with(|a| a.store.available);
    if !available {
        remember_tab_current(&ours.current);
        return;
    }
    let stored_text = storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten());
    let stored: Option<Result<Store, String>> = stored_text.as_ref().map(|text| {
        js_sys::JSON::parse(text)
            .map_err(|_| "not JSON".to_string())
            .and_then(|v| serde_wasm_bindgen::from_value::<Store>(v).map_err(|e| e.to_string()))
            .and_then(Store::check)
            .map(|mut theirs| {
                theirs.assign_missing_ids();
                theirs
            })
    });
    let merged = match stored {
        None => ours,
        Some(Err(reason)) => {
            with(|a| {
                a.store.failed = Some(format!(
                    "the saved data was changed by another tab or version and cannot be read ({reason}); not saving over it: export the case to keep it"
                ));
            });
            if let Some(doc) = dom::document() {
                super::casepanel::render_banner(&doc);
            }
            return;
        }
        Some(Ok(theirs)) => {
            let mut base = with(|a| a.store.base.clone()).unwrap_or_else(|| theirs.clone());
            base.assign_missing_ids();
            let (mut merged, report) = merge_stores(&base, &ours, &theirs, &mut new_record_id);
            if merged.cases.is_empty() {
                merged = Store::fresh(new_id(), now_iso());
            }
            if !report.is_empty() {
                with(|a| a.store.merged.changes.extend(report.changes));
            }
            merged
        }
    };
    let shown_changed = with(|a| {
        let ws = merged
            .cases
            .iter()
            .find(|c| c.id == merged.current)
            .map(|c| c.workspace.clone())
            .unwrap_or_default();
        let changed = ws != a.workspace;
        a.workspace = ws;
        a.store.store = Some(merged.clone());
        changed
    });
    if shown_changed && let Some(doc) = dom::document() {
        super::casepanel::render_all(&doc);
    }
    let text = to_json_text(&merged);
    if text.is_some() && text == stored_text {
        with(|a| {
            a.store.base = Some(merged.clone());
            a.store.failed = None;
        });
        remember_tab_current(&merged.current);
        if let Some(doc) = dom::document() {
            super::casepanel::render_banner(&doc);
        }
        return;
    }
    if write_store(&merged) {
        with(|a| a.store.base = Some(merged));
    }
}

/// Writes the store; false (and the banner says why) when the browser refused.
fn write_store(store: &Store) -> bool {
    remember_tab_current(&store.current);
    let available = with(|a| a.store.available);
    if !available {
        return false;
    }
    let Some(text) = to_json_text(store) else {
        return false;
    };
    let failed = match storage().map(|s| s.set_item(STORE_KEY, &text)) {
        Some(Ok(())) => None,
        Some(Err(e)) => Some(refusal_reason(&e)),
        None => Some("storage is no longer available: export the case to keep it".to_string()),
    };
    let ok = failed.is_none();
    with(|a| a.store.failed = failed);
    if let Some(doc) = dom::document() {
        super::casepanel::render_banner(&doc);
    }
    ok
}

/// Why the browser refused a write, in the user's words.
fn refusal_reason(e: &JsValue) -> String {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        "the browser's storage for this page is full: export the case to keep it, or delete saved cases you have exported".to_string()
    } else {
        "the browser refused to save: export the case to keep it".to_string()
    }
}

/// Whether the last write failed (an import checks this before saying it succeeded).
pub fn last_write_failed() -> Option<String> {
    with(|a| a.store.failed.clone())
}

/// Notes writes by another tab or window (the browser's `storage` event fires only there).
pub fn bind_other_tabs() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let on_storage =
        Closure::<dyn FnMut(web_sys::StorageEvent)>::new(|e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(STORE_KEY) {
                with(|a| a.store.other_tab = true);
                // Take in what the other tab saved now (merged with anything typed here).
                sync();
                if let Some(doc) = dom::document() {
                    super::casepanel::render_banner(&doc);
                }
            }
        });
    window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref())?;
    on_storage.forget();
    Ok(())
}

/// Best-effort save from the panic hook: skipped if the state is borrowed at the moment.
pub fn flush_after_panic() {
    let ok = APP.with(|a| a.try_borrow_mut().is_ok());
    if ok {
        flush_open_case();
    }
}

/// Schedules a save after a short pause in typing (debounced), so every change is kept.
pub fn save() {
    let already = with(|a| std::mem::replace(&mut a.store.pending, true));
    if already {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(flush_open_case);
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            SAVE_DEBOUNCE_MS,
        )
        .is_err()
    {
        flush();
    }
}

/// Milliseconds between the last change and the save (reliability_ux.md: <= 300 ms).
const SAVE_DEBOUNCE_MS: i32 = 250;

/// Saves at once when the page is hidden or left (mobile browsers may not fire unload).
pub fn bind_lifecycle() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let on_hide = Closure::<dyn FnMut()>::new(|| {
        let hidden = dom::document()
            .map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
            .unwrap_or(true);
        if hidden {
            flush_open_case();
        }
    });
    if let Some(doc) = window.document() {
        doc.add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref())?;
    }
    on_hide.forget();
    let on_leave = Closure::<dyn FnMut()>::new(flush_open_case);
    for event in ["pagehide", "icans-calc:before-update"] {
        window.add_event_listener_with_callback(event, on_leave.as_ref().unchecked_ref())?;
    }
    on_leave.forget();
    Ok(())
}

/// Shows the panel named in the URL hash (default: the bedside assessment).
pub fn show_panel(doc: &Document) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let wanted = hash.trim_start_matches('#');
    let panels = ["assess", "course", "kinetics", "baseline", "case", "cohort"];
    let current = if panels.contains(&wanted) {
        wanted
    } else {
        "assess"
    };
    for p in panels {
        dom::set_hidden(doc, &format!("panel-{p}"), p != current);
    }
    if let Ok(tabs) = doc.query_selector_all("a[data-tab]") {
        for i in 0..tabs.length() {
            if let Some(el) = tabs
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let is_current = el.get_attribute("data-tab").as_deref() == Some(current);
                let _ = if is_current {
                    el.set_attribute("aria-current", "page")
                } else {
                    el.remove_attribute("aria-current")
                };
            }
        }
    }
}

pub fn bind_tabs(doc: &Document) -> Result<(), JsValue> {
    let on_hash = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = dom::document() {
            show_panel(&doc);
        }
    });
    if let Some(w) = web_sys::window() {
        w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref())?;
    }
    on_hash.forget();
    show_panel(doc);
    Ok(())
}
