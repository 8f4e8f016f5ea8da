//! The page's one state and its messages: panels read the [`App`] to render and send a [`Msg`]
//! for every change through [`dispatch`]; app.rs handles each (apply, save, render). Shared
//! ground: it names no panel, so no panel depends on another or on app.rs.

use super::persist::StoreState;
use crate::input::paste::PasteResult;
use crate::view::action::Action;
use crate::view::cohort::{Cohort, Sort};
use crate::view::course::CourseEvaluation;
use crate::view::kinetics::KineticsView;
use crate::view::workspace::Workspace;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use web_sys::Element;

#[derive(Default)]
pub struct App {
    /// The open case.
    pub workspace: Workspace,
    /// The saved cases and what happened to them.
    pub store: StoreState,
    /// The last pasted block, waiting for "replace" or "add".
    pub paste: Option<PasteResult>,
    /// The case whose name is being edited in the case list.
    pub renaming: Option<String>,
    /// Saved choices the forms do not offer, as (field name, label, saved value), told in the
    /// storage banner until that field is written back again.
    pub unoffered: Vec<(String, String, String)>,
    /// The Cohort tab's patients (in memory only, never saved).
    pub cohort: Option<CohortView>,
    /// Derived for this render pass, for the panels it renders (None: not rendered now).
    pub course: Option<CourseEvaluation>,
    pub kinetics: Option<KineticsView>,
    /// The parts of a render pass the shown tab draws, and those changed while hidden (drawn
    /// when their tab is shown).
    pub shown: u8,
    pub stale: u8,
}

/// A loaded cohort and how its table is shown.
pub struct CohortView {
    /// Which load this is (the panel redraws its graphs only when this, the sort, the width
    /// or the theme changed: paging through 10,000 patients must not redraw 10,000 curves).
    pub serial: u32,
    pub cohort: Cohort,
    pub sort: Option<Sort>,
    pub page: usize,
}

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
}

pub fn with<R>(f: impl FnOnce(&mut App) -> R) -> R {
    APP.with(|a| f(&mut a.borrow_mut()))
}

/// Reads the state (event handlers that only look, e.g. for a confirmation's wording).
pub fn read<R>(f: impl FnOnce(&App) -> R) -> R {
    APP.with(|a| f(&a.borrow()))
}

/// Every change the page can make.
pub enum Msg {
    Do(Action),
    /// A `[data-action]` button was clicked.
    Click(String, Element),
    /// A case file's text, or why the file was refused before it was read.
    Import(Result<String, String>),
    PasteColumns(Vec<String>),
    /// A cohort was loaded (or cleared).
    Cohort(Option<CohortView>),
    /// Save now (the debounce ran out, the page is hidden or left).
    Flush,
    /// Another tab saved.
    OtherTab,
    /// The URL hash changed.
    Tab,
    /// The theme or the orientation changed: graphs again.
    Redraw,
    /// Draw what changed on the hidden tabs.
    DrawHidden,
    /// The browser is about to print.
    Report,
}

thread_local! {
    /// Messages sent while one is handled (e.g. an event fired by a DOM call in a handler):
    /// handled after it, in order, so no handler ever meets the state half-changed.
    static QUEUE: RefCell<VecDeque<Msg>> = RefCell::default();
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// app.rs's handler, set once at start.
    static HANDLER: Cell<Option<fn(Msg)>> = const { Cell::new(None) };
}

pub fn set_handler(handler: fn(Msg)) {
    HANDLER.with(|h| h.set(Some(handler)));
}

/// Sends `msg` to app.rs: handled now, or after the message being handled.
pub fn dispatch(msg: Msg) {
    QUEUE.with(|q| q.borrow_mut().push_back(msg));
    let Some(handler) = HANDLER.with(Cell::get) else {
        return;
    };
    if BUSY.with(|b| b.replace(true)) {
        return;
    }
    while let Some(msg) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        handler(msg);
    }
    BUSY.with(|b| b.set(false));
}

/// Reads the state unless it is being changed (the panic hook's last save).
pub fn try_read<R>(f: impl FnOnce(&App) -> R) -> Option<R> {
    APP.with(|a| a.try_borrow().ok().map(|a| f(&a)))
}
