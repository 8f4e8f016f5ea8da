//! The baseline panel (CAR-HEMATOTOX): form in, score out. (Being written.)

use wasm_bindgen::prelude::*;
use web_sys::Document;

pub fn bind(_doc: &Document) -> Result<(), JsValue> {
    Ok(())
}

/// Shows the open workspace's baseline form and score (after switching cases).
pub fn refresh(_doc: &Document) {}

/// The baseline result for the printed report, when a score can be computed.
pub fn report_html(_ws: &crate::view::workspace::Workspace) -> Option<String> {
    None
}
