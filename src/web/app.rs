//! Page-wide state: what the user typed in every panel, kept as typed, saved on every change.

use super::dom;
use crate::view::paste::PasteResult;
pub use crate::view::workspace::Workspace;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Document;

#[derive(Default)]
pub struct App {
    pub workspace: Workspace,
    /// The last pasted block, waiting for "replace" or "add".
    pub paste: Option<PasteResult>,
}

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
}

/// Runs `f` with the app state. Callers never hold it across DOM events.
pub fn with<R>(f: impl FnOnce(&mut App) -> R) -> R {
    APP.with(|a| f(&mut a.borrow_mut()))
}

const STORAGE_KEY: &str = "icans-calc:workspace";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Saves the workspace (called after every change).
pub fn save() {
    let Some(store) = storage() else { return };
    let json = with(|a| super::exports::to_js(&a.workspace));
    if let Ok(value) = json
        && let Ok(text) = js_sys::JSON::stringify(&value)
        && let Some(text) = text.as_string()
    {
        let _ = store.set_item(STORAGE_KEY, &text);
    }
}

/// Loads the saved workspace, if any.
pub fn load() -> Option<Workspace> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// Shows the panel named in the URL hash (default: the bedside assessment).
pub fn show_panel(doc: &Document) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let wanted = hash.trim_start_matches('#');
    let panels = ["assess", "course", "kinetics", "baseline", "case"];
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
