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

/// Every named value of one form, as the browser holds it (FormData): text as typed, the
/// checked radio's value, "on" for a ticked box.
pub fn collect_form(doc: &Document, id: &str, into: &mut crate::view::RawForm) {
    let Ok(el) = typed::<web_sys::HtmlFormElement>(doc, id) else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&el) else {
        return;
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return;
    };
    for pair in entries.flatten() {
        let pair: js_sys::Array = pair.unchecked_into();
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            into.insert(k, v);
        }
    }
}

/// Calls `handler(doc, action, element)` for clicks on any `[data-action]` inside the elements
/// with these ids (one listener per root, for the page's lifetime).
pub fn on_actions(
    doc: &Document,
    root_ids: &[&str],
    handler: fn(&Document, &str, &Element),
) -> Result<(), JsValue> {
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(doc) = document() else { return };
        let Some(el) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-action]").ok().flatten())
        else {
            return;
        };
        let action = el.get_attribute("data-action").unwrap_or_default();
        handler(&doc, &action, &el);
    });
    for id in root_ids {
        if let Some(root) = doc.get_element_by_id(id) {
            root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        }
    }
    on_click.forget();
    Ok(())
}

/// Calls `handler(doc, event)` on every edit (input and change) inside the forms with these ids,
/// and keeps Enter from submitting them (nothing is ever sent anywhere).
pub fn on_form_edits(
    doc: &Document,
    form_ids: &[&str],
    handler: fn(&Document, &web_sys::Event),
) -> Result<(), JsValue> {
    let on_edit = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(doc) = document() {
            handler(&doc, &event);
        }
    });
    let on_submit =
        Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| event.prevent_default());
    for id in form_ids {
        let form = by_id(doc, id)?;
        form.add_event_listener_with_callback("input", on_edit.as_ref().unchecked_ref())?;
        form.add_event_listener_with_callback("change", on_edit.as_ref().unchecked_ref())?;
        form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    }
    // The listeners live as long as the page.
    on_edit.forget();
    on_submit.forget();
    Ok(())
}

/// Offers `text` as a file download named `name` (nothing leaves the device: the browser saves
/// the file locally).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let doc = document().ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = doc.body() {
        body.append_child(&a)?;
        a.click();
        body.remove_child(&a)?;
    }
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}
