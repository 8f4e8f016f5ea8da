//! Typed DOM lookups, small writes, the one event binder and the one way forms are written back.
//! Failures come back as `JsValue` errors, never panics.

use crate::chart::{self, Theme};
use crate::view::html::{Echo, esc};
use crate::view::report::CsvStyle;
use crate::view::{FieldIssue, RawForm};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement};

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

/// The value of the text field (input or textarea) with this id, or "".
pub fn value_of(doc: &Document, id: &str) -> String {
    let el = doc.get_element_by_id(id);
    let value = el.and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("value")).ok());
    value.and_then(|v| v.as_string()).unwrap_or_default()
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
    let el = doc
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = el.filter(|el| el.hidden() != hidden) {
        el.set_hidden(hidden);
    }
}

/// Every element matching `selector`.
pub fn all(doc: &Document, selector: &str) -> Vec<Element> {
    let Ok(nodes) = doc.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub fn set_attr(el: &Element, name: &str, on: bool) {
    put_attr(el, name, on.then_some("true"));
}

/// Sets the attribute `name` to `value`, or removes it (`None`).
pub fn put_attr(el: &Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => el.set_attribute(name, value),
        None => el.remove_attribute(name),
    };
}

/// A form's echoes and messages, slot by slot: `#echo-{slot}` says what was read (empty for
/// nothing); the message of `issues` at the slot, if any, goes in `#err-{slot}`, with
/// `aria-invalid` on the slot's text inputs and `has-error` on `#grp-{slot}`.
pub fn show_slots(
    doc: &Document,
    slots: &[&str],
    echoes: &[(&str, String)],
    issues: &[Option<&FieldIssue>],
) {
    for slot in slots {
        let echo = echoes.iter().find(|(s, _)| s == slot);
        set_text(doc, &format!("echo-{slot}"), echo.map_or("", |(_, t)| t));
        let issue = issues.iter().flatten().find(|i| i.slot == *slot);
        let message = issue.map_or("", |i| &i.message);
        set_text(doc, &format!("err-{slot}"), message);
        for el in all(doc, &format!("input[type=text][data-slot=\"{slot}\"]")) {
            set_attr(&el, "aria-invalid", !message.is_empty());
        }
        if let Some(group) = doc.get_element_by_id(&format!("grp-{slot}")) {
            let classes = group.class_list();
            let _ = classes.toggle_with_force("has-error", !message.is_empty());
        }
    }
}

/// A field's echo at `#echo-{slot}`, as it is typed: what was read, or why "Add" will refuse
/// it, in the error colour (`refused`) with `aria-invalid` on the inputs of `inputs` (a
/// selector) that hold text, so the field that is wrong is marked as it is typed, not only once
/// "Add" is pressed.
pub fn show_echo(doc: &Document, slot: &str, inputs: &str, echo: &Echo) {
    let refused = matches!(echo, Echo::Refused(_));
    let id = format!("echo-{slot}");
    set_text(doc, &id, echo.text());
    if let Some(el) = doc.get_element_by_id(&id) {
        let _ = el.class_list().toggle_with_force("refused", refused);
    }
    for el in all(doc, inputs) {
        let typed = el
            .dyn_ref::<HtmlInputElement>()
            .is_some_and(|i| !i.value().is_empty());
        let refused_by_add = !typed && el.has_attribute(REFUSED_BY_ADD);
        set_attr(&el, "aria-invalid", refused && typed || refused_by_add);
    }
}

/// Marks a field "Add" refused while it is empty or unchosen ("Enter the dose.", "Choose the
/// drug."): no echo shows it, so it stays marked, as its message stays, until the next "Add".
const REFUSED_BY_ADD: &str = "data-refused";

/// Marks the form field named `field` as the one "Add" refused.
pub fn mark_refused(doc: &Document, field: &str) {
    for el in all(doc, &format!("[name=\"{field}\"]")) {
        set_attr(&el, REFUSED_BY_ADD, true);
        set_attr(&el, "aria-invalid", true);
    }
}

/// Clears the marks of [`mark_refused`] in the slot `slot` (before "Add" checks again; the
/// caller shows the echoes again after, which mark a typed value they refuse).
pub fn unmark_refused(doc: &Document, slot: &str) {
    for el in all(doc, &format!("[data-slot=\"{slot}\"][{REFUSED_BY_ADD}]")) {
        set_attr(&el, REFUSED_BY_ADD, false);
        set_attr(&el, "aria-invalid", false);
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
        set_html(&doc, id, CRASHED);
    }
}

/// What each result area says after a crash.
const CRASHED: &str = "<p class=\"status error\">The calculator stopped. No result is shown. Reload the page; entries are kept in this browser.</p>";

/// Every named value of the forms with these ids, as the browser holds them (FormData): text
/// as typed, the checked radio's value, "on" for a ticked box.
pub fn collect(doc: &Document, form_ids: &[&str]) -> RawForm {
    let mut form = RawForm::new();
    for id in form_ids {
        let form_el = typed::<web_sys::HtmlFormElement>(doc, id).ok();
        let data = form_el.and_then(|el| web_sys::FormData::new_with_form(&el).ok());
        let Some(Ok(Some(entries))) = data.map(|d| js_sys::try_iter(&d)) else {
            continue;
        };
        for pair in entries.flatten() {
            let pair: js_sys::Array = pair.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                form.insert(k, v);
            }
        }
    }
    form
}

/// Writes `form` back into the named fields `selector` finds: text as saved (empty when not
/// saved), the radio whose value is saved ("" = the "not entered" radio), ticked boxes. The one
/// way a form is written back from state (when the case changes, never while typing).
///
/// Returns the saved choices no radio or option offers (a draft edited by hand or kept from
/// another version), as (field name, field's label, saved value): such a field is left empty,
/// and the caller says so rather than letting the form read as a choice nobody made.
pub fn fill(doc: &Document, selector: &str, form: &RawForm) -> Vec<(String, String, String)> {
    let mut offered: Vec<(String, bool, Element)> = Vec::new();
    for el in all(doc, selector) {
        let Some(name) = el.get_attribute("name") else {
            continue;
        };
        let saved = form.get(&name).map(String::as_str).unwrap_or("");
        let matched = if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let kind = input.type_();
            match kind.as_str() {
                "radio" => input.set_checked(input.value() == saved),
                "checkbox" => input.set_checked(!saved.is_empty()),
                _ if input.value() != saved => input.set_value(saved),
                _ => {}
            }
            // A radio matches when it is the one checked; the other fields take any value.
            kind != "radio" || input.checked()
        } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.set_value(saved);
            select.value() == saved
        } else {
            true
        };
        match offered.iter_mut().find(|(n, _, _)| *n == name) {
            Some(group) => group.1 |= matched,
            None => offered.push((name, matched, el)),
        }
    }
    let mut unoffered = Vec::new();
    for (name, matched, el) in offered {
        let saved = form.get(&name).map(String::as_str).unwrap_or("");
        if !matched && !saved.is_empty() {
            unoffered.push((name, field_label(doc, &el), saved.to_string()));
        }
    }
    unoffered
}

/// What the person sees as a field's name: its group's legend, else its label.
fn field_label(doc: &Document, el: &Element) -> String {
    let legend = el.closest("fieldset").ok().flatten();
    let legend = legend.and_then(|f| f.query_selector("legend").ok().flatten());
    let label = el.get_attribute("id").and_then(|id| {
        doc.query_selector(&format!("label[for=\"{id}\"]"))
            .ok()
            .flatten()
    });
    let text = legend.or(label).and_then(|e| e.text_content());
    text.map(|t| t.trim().to_string()).unwrap_or_default()
}

/// The one event binder: `handler` runs on each of `events` at each target (for the page's
/// lifetime). `Fn`, not `FnMut`: a handler may cause the same event again (a download's
/// synthetic click inside a click).
pub fn on(
    targets: &[EventTarget],
    events: &[&str],
    handler: impl Fn(Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    for target in targets {
        for event in events {
            target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
        }
    }
    closure.forget();
    Ok(())
}

/// Runs `f` in a task of its own after `ms` milliseconds; at once when no timer can be set.
pub fn soon(ms: i32, f: fn()) {
    let callback = Closure::once_into_js(f);
    let set = web_sys::window().map(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
    });
    if !matches!(set, Some(Ok(_))) {
        f();
    }
}

/// The elements with these ids, as event targets.
pub fn targets(doc: &Document, ids: &[&str]) -> Result<Vec<EventTarget>, JsValue> {
    ids.iter().map(|id| Ok(by_id(doc, id)?.into())).collect()
}

pub fn window_target() -> Vec<EventTarget> {
    web_sys::window().map(Into::into).into_iter().collect()
}

/// The `[data-action]` element an event happened in, with its action's name.
pub fn clicked_action(event: &Event) -> Option<(String, Element)> {
    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    let el = target.and_then(|e| e.closest("[data-action]").ok().flatten())?;
    Some((el.get_attribute("data-action").unwrap_or_default(), el))
}

/// Calls `handler(action, element)` for clicks on any `[data-action]` inside the elements with
/// these ids.
pub fn on_actions(
    doc: &Document,
    root_ids: &[&str],
    handler: fn(&str, &Element),
) -> Result<(), JsValue> {
    on(&targets(doc, root_ids)?, &["click"], move |event| {
        if let Some((action, el)) = clicked_action(&event) {
            handler(&action, &el);
        }
    })
}

/// Calls `handler(event)` on every edit (input and change) inside the forms with these ids, and
/// keeps Enter from submitting them (nothing is ever sent anywhere).
pub fn on_form_edits(
    doc: &Document,
    form_ids: &[&str],
    handler: impl Fn(Event) + 'static,
) -> Result<(), JsValue> {
    let forms = targets(doc, form_ids)?;
    on(&forms, &["input", "change"], handler)?;
    on(&forms, &["submit"], |event| event.prevent_default())
}

/// A number attribute of an element (`data-index`, `data-row`).
pub fn attr_number(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name).and_then(|v| v.parse().ok())
}

pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today as YYYY-MM-DD (UTC, for file names).
pub fn today() -> String {
    now_iso().chars().take(10).collect()
}

pub fn focus(doc: &Document, selector: &str) {
    let el = doc.query_selector(selector).ok().flatten();
    if let Some(el) = el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The CSV style chosen on the Case tab.
pub fn csv_style(doc: &Document) -> CsvStyle {
    let semicolon = "input[name=csv-style][value=semicolon]:checked";
    match doc.query_selector(semicolon).ok().flatten() {
        Some(_) => CsvStyle::SemicolonComma,
        None => CsvStyle::CommaPoint,
    }
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

/// Downloads and returns what to say: "{done} {name}.", or that the browser refused.
pub fn download_said(done: &str, name: &str, mime: &str, text: &str) -> String {
    match download(name, mime, text) {
        Ok(()) => format!("{done} {name}."),
        Err(_) => "The browser refused the download.".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Graphs: the core draws SVG; this picks the theme and size and writes the text alternative.
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// The dark-scheme query, made once: a `matchMedia` call on every redraw cost more than
    /// reading the answer.
    static DARK: Option<web_sys::MediaQueryList> = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
}

pub fn theme() -> Theme {
    let dark = DARK.with(|query| query.as_ref().is_some_and(|m| m.matches()));
    if dark { Theme::dark() } else { Theme::light() }
}

/// Chart width in CSS px: the content column's width (panels may be hidden, so the window's
/// width is the measure), clamped to what the charts are designed for.
pub fn chart_width_px() -> u32 {
    const UNKNOWN_WINDOW_PX: f64 = 800.0;
    const WIDEST_WINDOW_PX: f64 = 1280.0;
    const PAGE_MARGINS_PX: f64 = 64.0;
    const NARROWEST_CHART_PX: f64 = 320.0;
    const WIDEST_CHART_PX: f64 = 1200.0;
    let inner = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(UNKNOWN_WINDOW_PX);
    let width = inner.min(WIDEST_WINDOW_PX) - PAGE_MARGINS_PX;
    width.clamp(NARROWEST_CHART_PX, WIDEST_CHART_PX) as u32
}

/// A chart's height for its width: `percent` of the width, kept within `[min_px, max_px]`.
pub fn chart_height_px(width_px: u32, percent: u32, (min_px, max_px): (f64, f64)) -> u32 {
    (f64::from(width_px * percent / 100)).clamp(min_px, max_px) as u32
}

/// Puts a drawn graph and its caption in place; a graph that cannot be drawn says so (the
/// numbers stay in the tables).
pub fn put_chart(doc: &Document, id: &str, svg: Result<String, chart::ChartError>, caption: &str) {
    let (html, caption) = match svg {
        Ok(svg) => (svg, caption),
        Err(e) => (
            format!(
                "<p class=\"status error\">The graph could not be drawn: {}</p>",
                esc(&e.to_string())
            ),
            "No graph: see the message above; the numbers are in the table.",
        ),
    };
    put_svg(doc, id, html);
    set_text(doc, &format!("{id}-caption"), caption);
}

thread_local! {
    /// Each chart drawn: its `<svg>` element and the SVG text it was parsed from. Kept here, not
    /// on the element, so a redraw does not copy the previous 100 KB text back into the wasm.
    static DRAWN: RefCell<Vec<(Element, String)>> = const { RefCell::new(Vec::new()) };
}

/// Writes `html` (a chart's SVG, or the message in its place) into the element `id`. When the
/// element holds a chart drawn here and both are charts as `chart::svg_parts` reads them, only the
/// elements that differ are replaced (an edit moves a line and a marker or two of the 1,000-odd
/// elements of a 3 x 200-point chart), so the browser parses a few elements instead of the whole
/// SVG. The result is the DOM that writing `html` whole gives: the same elements in the same order
/// with the same newline text nodes between them (the `<svg>`'s child nodes are a newline, then
/// each element and the newline after it). Anything else is written whole. Every write into a
/// chart's container comes here and nothing else writes inside its `<svg>`, so the nodes of an
/// `<svg>` are still those parsed from the text kept for it.
fn put_svg(doc: &Document, id: &str, html: String) {
    let Some(container) = doc.get_element_by_id(id) else {
        return;
    };
    DRAWN.with(|drawn| {
        let mut drawn = drawn.borrow_mut();
        let shown = container.first_element_child();
        let at = shown.as_ref().and_then(|svg| {
            (drawn.iter()).position(|(element, _)| js_sys::Object::is(element, svg))
        });
        let patched = match (&shown, at.and_then(|i| drawn.get(i))) {
            (Some(svg), Some((_, source))) => patch_svg(svg, source, &html).is_some(),
            _ => false,
        };
        // Written whole without `set_html`'s read-back: the browser serialises `<polyline .../>`
        // as `<polyline ...></polyline>`, so a chart's text never equals its DOM and the 100 KB
        // read would be for nothing.
        if !patched {
            container.set_inner_html(&html);
        }
        if let Some(i) = at {
            drawn.swap_remove(i);
        }
        // Charts no longer in the page are forgotten (a container written anew).
        drawn.retain(|(element, _)| element.is_connected());
        if let Some(svg) = container.first_element_child() {
            drawn.push((svg, html));
        }
    });
}

/// Replaces in `svg`, parsed from `source`, the elements that differ from those of `new` (see
/// `chart::svg_edits`); `None` when they cannot be patched or the nodes are not those of `source`.
fn patch_svg(svg: &Element, source: &str, new: &str) -> Option<()> {
    let (elements, edits) = chart::svg_edits(source, new)?;
    let nodes = svg.child_nodes();
    if nodes.length() as usize != 2 * elements + 1 {
        return None;
    }
    for edit in edits {
        // Removes `count` elements from the `at`-th, each with its newline, and puts `run` there.
        let first = 2 * edit.at as u32 + 1;
        for _ in 0..2 * edit.count {
            svg.remove_child(&nodes.item(first)?).ok()?;
        }
        match nodes.item(first) {
            Some(next) => next
                .unchecked_into::<Element>()
                .insert_adjacent_html("beforebegin", edit.run),
            None => svg.insert_adjacent_html("beforeend", edit.run),
        }
        .ok()?;
    }
    Some(())
}

/// An empty graph with a caption saying why.
pub fn no_chart(doc: &Document, id: &str, caption: &str) {
    put_chart(doc, id, Ok(String::new()), caption);
}
