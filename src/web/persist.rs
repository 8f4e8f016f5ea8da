//! Keeping the cases in this browser: localStorage (one JSON store), the three-way merge with
//! what other tabs saved, unreadable data set aside, the open case per tab (sessionStorage).
//! Never renders: it says what happened, `app::dispatch` shows it.

use super::dom::now_iso;
use crate::view::store::{
    MergeReport, QUARANTINE_PREFIX, STORE_KEY, Store, merge_with_stored, store_from_json,
};
use crate::view::workspace::Workspace;
use wasm_bindgen::prelude::*;

/// Where the cases are kept and what happened when they were read and written.
#[derive(Default, Clone)]
pub struct StoreState {
    /// False when the browser refuses storage (private mode, sandboxed frame): the calculator
    /// works, a banner says nothing is kept.
    pub available: bool,
    /// All cases; the open one's workspace is `App::workspace` (copied back on save).
    pub store: Option<Store>,
    /// Keys under which unreadable data was set aside.
    pub quarantined: Vec<String>,
    /// A save is scheduled (debounce).
    pub pending: bool,
    /// The last save failed (e.g. storage full).
    pub failed: Option<String>,
    /// Another tab or window of the calculator wrote to the store during this visit.
    pub other_tab: bool,
    /// The store as this tab last read or wrote it: the common ancestor of a three-way merge
    /// with what another tab saved since.
    pub base: Option<Store>,
    /// What the last merges took from another tab's saves, for the banner.
    pub merged: MergeReport,
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

/// A random 32-bit number (ids only; nothing clinical depends on it).
fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

pub fn new_id() -> String {
    format!("c{}", js_sys::Date::now() as u64) + &format!("{:04}", random_u32() % 10_000)
}

/// A record id: random enough that two tabs never make the same one.
pub fn new_record_id() -> String {
    let random = |_| format!("{:08x}", random_u32());
    format!("r{}", (0..2).map(random).collect::<String>())
}

pub fn fresh_store() -> Store {
    Store::fresh(new_id(), now_iso())
}

fn to_json_text<T: serde::Serialize>(value: &T) -> Option<String> {
    let js = super::exports::to_js(value).ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

fn read_store(text: &str) -> Result<Store, String> {
    crate::json::parse_text(text)
        .map_err(|_| "saved data is not valid JSON".to_string())
        .and_then(|v| {
            store_from_json(&v).map_err(|e| format!("saved data has an unknown shape ({e})"))
        })
        .and_then(Store::check)
}

/// Reads the store at start. Unreadable data is copied aside under its own key (never
/// overwritten) and a fresh store is started; the banner offers the copy for download.
pub fn load() -> (StoreState, Workspace) {
    let mut state = StoreState::default();
    let Some(storage) = storage() else {
        state.store = Some(fresh_store());
        return (state, Workspace::default());
    };
    state.quarantined = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .collect();
    let raw = storage.get_item(STORE_KEY).ok().flatten();
    let mut store = match raw.as_deref().map(read_store) {
        None => fresh_store(),
        Some(Ok(store)) => store,
        Some(Err(reason)) => {
            let key = format!("{QUARANTINE_PREFIX}{}", now_iso());
            if storage
                .set_item(&key, raw.as_deref().unwrap_or(""))
                .is_err()
            {
                // Could not set it aside: keep it where it is and do not save over it.
                state.failed = Some(format!(
                    "{reason}; it could not be set aside, so nothing will be saved this session"
                ));
                state.store = Some(fresh_store());
                return (state, Workspace::default());
            }
            // Kept aside under its own key: the store key is free for this session's saves
            // (which otherwise refuse to write over data they cannot read).
            let _ = storage.remove_item(STORE_KEY);
            state.quarantined.push(key);
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "icans-calc: {reason}; kept aside"
            )));
            fresh_store()
        }
    };
    // Each tab remembers which case it had open (sessionStorage is per tab), so a reload does
    // not jump to the case another tab opened last.
    if let Some(id) = tab_current()
        && store.cases.iter().any(|c| c.id == id)
    {
        store.current = id;
    }
    // Records saved by a version without ids get theirs now (derived from the case id and the
    // record's place, so two tabs upgrading the same data at once agree); the first sync stores
    // them.
    store.assign_missing_ids();
    let workspace = store.current_workspace();
    state.available = true;
    state.base = Some(store.clone());
    state.store = Some(store);
    (state, workspace)
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

/// Saves: reads what is stored, merges this tab's changes into it record by record (see
/// `merge_with_stored`), takes the merged case as the open workspace, and writes it. Refuses
/// to overwrite stored data it cannot read. Writes nothing when the merge equals what is stored
/// (so two tabs answering each other's `storage` events come to rest). Returns whether the
/// open workspace changed (another tab's changes came in).
pub fn sync(state: &mut StoreState, ws: &mut Workspace) -> bool {
    state.pending = false;
    ws.assign_ids(&mut new_record_id);
    let Some(store) = state.store.as_mut() else {
        return false;
    };
    let current = store.current.clone();
    if let Some(c) = store.cases.iter_mut().find(|c| c.id == current)
        && c.workspace != *ws
    {
        c.workspace = ws.clone();
        c.updated_at = now_iso();
    }
    store.app_version = crate::APP_VERSION.to_string();
    let ours = store.clone();
    if !state.available {
        remember_tab_current(&ours.current);
        return false;
    }
    let stored_text = storage().and_then(|s| s.get_item(STORE_KEY).ok().flatten());
    let stored = stored_text
        .as_deref()
        .map(|t| read_store(t).map_err(|e| e.trim_start_matches("saved data ").to_string()));
    let merged = merge_with_stored(
        state.base.as_ref(),
        ours,
        stored,
        &mut new_record_id,
        fresh_store(),
    );
    let merged = match merged {
        Err(reason) => {
            state.failed = Some(reason);
            return false;
        }
        Ok((merged, report)) => {
            state.merged.changes.extend(report.changes);
            merged
        }
    };
    let shown = merged.current_workspace();
    let shown_changed = shown != *ws;
    *ws = shown;
    state.store = Some(merged.clone());
    remember_tab_current(&merged.current);
    let text = to_json_text(&merged);
    if text.is_some() && text == stored_text {
        state.base = Some(merged);
        state.failed = None;
        return shown_changed;
    }
    state.failed = match (text, storage()) {
        (Some(text), Some(s)) => s
            .set_item(STORE_KEY, &text)
            .err()
            .map(|e| refusal_reason(&e)),
        (None, _) => Some("the case could not be written as JSON: export it to keep it".into()),
        (_, None) => Some("storage is no longer available: export the case to keep it".to_string()),
    };
    if state.failed.is_none() {
        state.base = Some(merged);
    }
    shown_changed
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

/// Whether a `storage` event is about the store.
pub fn is_store_key(key: Option<String>) -> bool {
    key.as_deref() == Some(STORE_KEY)
}

/// The data set aside as unreadable: (file name, text) per key.
pub fn unreadable_files(keys: &[String]) -> Vec<(String, String)> {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    keys.iter()
        .filter_map(|k| {
            let text = storage.as_ref()?.get_item(k).ok().flatten()?;
            let stamp: String = k
                .trim_start_matches(QUARANTINE_PREFIX)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            Some((format!("icans-calc-unreadable-{stamp}.json"), text))
        })
        .collect()
}
