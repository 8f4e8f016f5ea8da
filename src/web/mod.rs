//! The browser layer (wasm32 only): exports the JS API, binds the page's panels to one state
//! and one dispatch (app.rs), keeps the cases (persist.rs). It holds no clinical logic; every
//! rule lives in the core and is host-tested.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod app;
mod assess;
mod baseline;
mod casepanel;
mod charts;
mod cohort;
mod course;
mod dom;
pub mod exports;
mod files;
mod kinetics;
mod persist;
mod state;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated (Trunk page, single-file page, ES-module embedders and
/// wasm-bindgen tests alike). Binds the page only when the calculator's markup is present.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        dom::show_crash();
        app::flush_after_panic();
    }));
    if let Some(doc) = dom::document()
        && doc.get_element_by_id("icans-form").is_some()
    {
        app::start(&doc)?;
        let version = format!("icans-calc {}", crate::APP_VERSION);
        dom::set_text(&doc, "app-version", &version);
    }
    exports::publish_global()
}
