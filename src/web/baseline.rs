//! The baseline panel (CAR-HEMATOTOX): form in, score out. (Being written.)

use wasm_bindgen::prelude::*;
use web_sys::Document;

pub fn bind(_doc: &Document) -> Result<(), JsValue> {
    Ok(())
}
