//! Keeping the cases in this browser: localStorage (one JSON store), the three-way merge with
//! what other tabs saved, unreadable data set aside, the open case per tab (sessionStorage).
//! Never renders: it says what happened, `app::dispatch` shows it.

use super::dom::now_iso;
use crate::view::store::{
    MergeReport, QUARANTINE_PREFIX, STORE_KEY, Store, keep_own_drafts, merge_with_stored,
    store_from_json,
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

fn local() -> Option<web_sys::Storage> {
    // Reading `localStorage` itself throws in sandboxed frames; `local_storage()` maps that to Err.
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Local storage that takes writes: some browsers hand out one that refuses every write
/// (private mode). Probed once, at start.
fn storage() -> Option<web_sys::Storage> {
    let s = local()?;
    s.set_item("icans-calc:probe", "1").ok()?;
    let _ = s.remove_item("icans-calc:probe");
    Some(s)
}

/// A random 32-bit number (ids only; nothing clinical depends on it).
fn random_u32() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

pub fn new_id() -> String {
    let (now_ms, random) = (js_sys::Date::now() as u64, random_u32() % 10_000);
    format!("c{now_ms}{random:04}")
}

/// A record id: random enough that two tabs never make the same one.
pub fn new_record_id() -> String {
    format!("r{:08x}{:08x}", random_u32(), random_u32())
}

pub fn fresh_store() -> Store {
    Store::fresh(new_id(), now_iso())
}

fn read_store(text: &str) -> Result<Store, String> {
    let v = crate::json::parse_text(text).map_err(|_| "saved data is not valid JSON")?;
    let store =
        store_from_json(&v).map_err(|e| format!("saved data has an unknown shape ({e})"))?;
    store.check()
}

/// Reads the store at start. Unreadable data is copied aside under its own key (never
/// overwritten) and a fresh store is started; the banner offers the copy for download.
pub fn load() -> (StoreState, Workspace) {
    let mut state = StoreState {
        store: Some(fresh_store()),
        ..StoreState::default()
    };
    let Some(storage) = storage() else {
        return (state, Workspace::default());
    };
    let keys = (0..storage.length().unwrap_or(0)).filter_map(|i| storage.key(i).ok().flatten());
    state.quarantined = keys.filter(|k| k.starts_with(QUARANTINE_PREFIX)).collect();
    let raw = storage.get_item(STORE_KEY).ok().flatten();
    let mut store = match raw.as_deref().map(read_store) {
        None => fresh_store(),
        Some(Ok(store)) => store,
        Some(Err(reason)) => {
            let key = format!("{QUARANTINE_PREFIX}{}", now_iso());
            let set_aside = storage.set_item(&key, raw.as_deref().unwrap_or(""));
            if set_aside.is_err() {
                // Could not set it aside: keep it where it is and do not save over it.
                state.failed = Some(format!(
                    "{reason}; it could not be set aside, so nothing will be saved this session"
                ));
                return (state, Workspace::default());
            }
            // Kept aside under its own key: the store key is free for this session's saves
            // (which otherwise refuse to write over data they cannot read).
            let _ = storage.remove_item(STORE_KEY);
            state.quarantined.push(key);
            let said = format!("icans-calc: {reason}; kept aside");
            web_sys::console::warn_1(&JsValue::from_str(&said));
            fresh_store()
        }
    };
    // Each tab remembers which case it had open (sessionStorage is per tab), so a reload does
    // not jump to the case another tab opened last.
    if let Some(id) = session().and_then(|s| s.get_item(TAB_CURRENT_KEY).ok().flatten())
        && store.name_of(&id).is_some()
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

/// Saves: reads what is stored, merges this tab's changes into it record by record (see
/// `merge_with_stored`), takes the merged case as the open workspace, and writes it. Refuses
/// to overwrite stored data it cannot read. Writes nothing when the merge equals what is stored
/// (so two tabs answering each other's `storage` events come to rest). The caller compares
/// the open workspace before and after (another tab's changes came in).
pub fn sync(state: &mut StoreState, ws: &mut Workspace) {
    state.pending = false;
    ws.assign_ids(&mut new_record_id);
    let Some(store) = state.store.as_mut() else {
        return;
    };
    if let Some(c) = store.cases.iter_mut().find(|c| c.id == store.current)
        && c.workspace != *ws
    {
        (c.workspace, c.updated_at) = (ws.clone(), now_iso());
    }
    store.app_version = crate::APP_VERSION.to_string();
    let ours = store.clone();
    let remember = |id: &str| session().map(|s| s.set_item(TAB_CURRENT_KEY, id));
    if !state.available {
        remember(&ours.current);
        return;
    }
    // Not `storage()`: its probe is a write (two `storage` events in every other tab, each
    // save) and fails when the storage is full, which the refused write below says better.
    let stored_text = local().and_then(|s| s.get_item(STORE_KEY).ok().flatten());
    let stored = stored_text
        .as_deref()
        .map(|t| read_store(t).map_err(|e| e.trim_start_matches("saved data ").to_string()));
    let base = state.base.as_ref();
    let (merged, report) =
        match merge_with_stored(base, ours, stored, &mut new_record_id, fresh_store()) {
            Err(reason) => {
                state.failed = Some(reason);
                return;
            }
            Ok(merged) => merged,
        };
    state.merged.changes.extend(report.changes);
    remember(&merged.current);
    // Written by the JSON writer the JS API uses, without building the object in JavaScript
    // first (issue 11): the JSON JSON.stringify gave (a number may be spelled differently, e.g.
    // 1e-7 as 0.0000001, and reads back as the same number). Stored as merged; this tab then
    // keeps its own forms being typed.
    let text = crate::json::to_text(&merged).ok().map(|t| t.text);
    let (own, with_own_drafts) = keep_own_drafts(merged, ws);
    *ws = own;
    state.store = Some(with_own_drafts.clone());
    state.failed = match text {
        Some(text) if Some(&text) == stored_text.as_ref() => None,
        Some(text) => match local() {
            Some(s) => s
                .set_item(STORE_KEY, &text)
                .err()
                .map(|e| refusal_reason(&e)),
            None => Some("storage is no longer available: export the case to keep it".into()),
        },
        None => Some("the case could not be written as JSON: export it to keep it".into()),
    };
    if state.failed.is_none() {
        state.base = Some(with_own_drafts);
    }
}

/// Why the browser refused a write, in the user's words.
fn refusal_reason(e: &JsValue) -> String {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name")).ok();
    match name.and_then(|n| n.as_string()).as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => "the browser's storage for this page is full: export the case to keep it, or delete saved cases you have exported".to_string(),
        _ => "the browser refused to save: export the case to keep it".to_string(),
    }
}

/// The data set aside as unreadable: (file name, text) per key.
pub fn unreadable_files(keys: &[String]) -> Vec<(String, String)> {
    let storage = local();
    let file = |k: &String| {
        let text = storage.as_ref()?.get_item(k).ok().flatten()?;
        let stamp = k.trim_start_matches(QUARANTINE_PREFIX).chars();
        let stamp: String = stamp.filter(|c| c.is_ascii_alphanumeric()).collect();
        Some((format!("icans-calc-unreadable-{stamp}.json"), text))
    };
    keys.iter().filter_map(file).collect()
}
