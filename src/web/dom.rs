//! Typed DOM lookups and small writes. Failures come back as `JsValue` errors, never panics.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

pub fn by_id(doc: &Document, id: &str) -> Result<Element, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no element #{id}")))
}

pub fn typed<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    by_id(doc, id)?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the expected element type")))
}

pub fn set_text(doc: &Document, id: &str, text: &str) {
    if let Some(el) = doc.get_element_by_id(id)
        && el.text_content().as_deref() != Some(text)
    {
        el.set_text_content(Some(text));
    }
}

/// Replaces an element's content only when it changed, so focus and scroll stay put.
pub fn set_html(doc: &Document, id: &str, html: &str) {
    if let Some(el) = doc.get_element_by_id(id)
        && el.inner_html() != html
    {
        el.set_inner_html(html);
    }
}

pub fn set_hidden(doc: &Document, id: &str, hidden: bool) {
    if let Some(el) = doc
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        && el.hidden() != hidden
    {
        el.set_hidden(hidden);
    }
}

/// The panic hook's visible half: a clinician must never read a stale result after a crash.
pub fn show_crash() {
    let Some(doc) = document() else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-crashed", "1");
    }
    set_hidden(&doc, "crash", false);
    for id in [
        "icans-result",
        "crs-result",
        "summary",
        "baseline-result",
        "kin-results",
        "course-summary",
    ] {
        set_html(
            &doc,
            id,
            "<p class=\"status error\">The calculator stopped. No result is shown. Reload the page; entries are kept in this browser.</p>",
        );
    }
}
