//! The handler of every [`Msg`] (state.rs queues them): applies the change through the pure,
//! host-tested `view::action::apply` / `view::store::apply_case`, saves (persist.rs) and renders
//! the panels it touched; forms are written back from the state only when the case or a form
//! changed other than by typing. Also the page's start and tabs.

use super::persist;
use super::state::{self, App, Msg, dispatch, read, with};
use super::{assess, baseline, casepanel, charts, cohort, course, dom, files, kinetics};
use crate::view::action::{Action, Outcome, apply};
use crate::view::course::evaluate_course;
use crate::view::kinetics as kin_view;
use crate::view::store::{CaseAction, CaseOutcome, STORE_KEY, StoredCase, apply_case};
use crate::view::workspace::Workspace;
use crate::view::{RawForm, cohort::Sort};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement};

// The panels a render pass covers.
const ASSESS: u8 = 1;
const BASELINE: u8 = 2;
const KINETICS: u8 = 4;
const COURSE: u8 = 8;
/// The course panel's entry forms only (echoes), not the whole course.
const ENTRIES: u8 = 16;
const CASE: u8 = 32;
const COHORT: u8 = 64;
const OPEN_CASE: u8 = ASSESS | BASELINE | KINETICS | COURSE | CASE;
/// Drawn whichever tab is shown: the top bar's grades (ASSESS) and the storage banner (CASE).
const ALWAYS: u8 = ASSESS | CASE;

/// Handles one message: applies it, saves, renders.
fn handle(msg: Msg) {
    let Some(doc) = dom::document() else { return };
    match msg {
        Msg::Do(action) => act(&doc, action),
        Msg::Click(action, el) => click(&doc, &action, &el),
        Msg::Import(text) => import(&doc, text),
        Msg::PasteColumns(chosen) => {
            with(|a| a.paste = a.paste.as_ref().map(|p| kin_view::reread_paste(p, &chosen)));
            render(&doc, KINETICS);
        }
        Msg::Cohort(loaded) => {
            with(|a| a.cohort = loaded);
            render(&doc, COHORT);
        }
        Msg::Flush => saved(&doc, save_now()),
        Msg::OtherTab => {
            with(|a| a.store.other_tab = true);
            saved(&doc, save_now());
        }
        Msg::Tab => {
            let mut parts = read(|a| a.stale);
            if show_panel(&doc) == "assess" {
                if default_when() {
                    read(|a| dom::fill(&doc, "#record-form [name]", &a.workspace.assess));
                }
                parts |= ASSESS;
            }
            if parts != 0 {
                render(&doc, parts);
            }
        }
        Msg::Redraw => render(&doc, KINETICS | COURSE),
        Msg::DrawHidden => draw(&doc, with(|a| std::mem::take(&mut a.stale))),
        Msg::Report => read(|a| files::report(&doc, a)),
    }
}

/// Applies `action` to the open case; renders the panels that show what it changed (forms
/// written back first when it replaced them), and saves.
fn act(doc: &Document, action: Action) {
    let (slots, status): (&[&str], _) = match action {
        Action::Record => (&["when"], Some("Not recorded: see the message above.")),
        Action::AddMedication => (&["med", "med-when"], None),
        Action::AddLab => (&["lab", "lab-when"], None),
        _ => (&[], None),
    };
    for slot in slots {
        dom::set_text(doc, &format!("err-{slot}"), "");
        dom::unmark_refused(doc, slot);
    }
    let before = read(|a| a.workspace.clone());
    let outcome = with(|a| apply(&mut a.workspace, action));
    let mut panels = 0;
    match &outcome {
        Outcome::Unchanged => return,
        Outcome::Refused(issue) => {
            dom::set_text(doc, &format!("err-{}", issue.slot), &issue.message);
            if let Some(field) = issue.field {
                dom::mark_refused(doc, field);
            }
            if let Some(s) = status {
                dom::set_text(doc, "record-status", s);
            }
            // The echoes again: each marks a typed value it refuses.
            return render(doc, ASSESS | ENTRIES);
        }
        Outcome::RecordedBesideChange(said) => {
            // Told as the merge tells a conflict (the banner, in the case panel), and here.
            let conflict = ("assessment", crate::view::store::Change::Conflict);
            with(|a| a.store.merged.changes.push(conflict));
            panels = CASE;
            dom::set_text(doc, "record-status", said);
        }
        Outcome::Recorded(said) => dom::set_text(doc, "record-status", said),
        Outcome::FormsReplaced | Outcome::Changed => {}
    }
    if outcome != Outcome::Changed {
        default_when();
    }
    panels |= read(|a| changed_panels(&before, &a.workspace));
    if let Some(said) = read(|a| a.workspace.infusion_change_note(&before)) {
        dom::set_text(doc, "infusion-note", &said);
    }
    if outcome != Outcome::Changed && write_forms(doc, panels) {
        panels |= CASE;
    }
    render(doc, panels);
    save_soon();
}

/// The device's date and time in the assessment's "when" fields when none is entered; true when
/// they were filled in (the caller writes the form back: `act` and `show_case` through
/// `write_forms`, as the assessment changed).
fn default_when() -> bool {
    let now = js_sys::Date::new_0();
    let (year, month, day) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    let today = format!("{year:04}-{month:02}-{day:02}");
    let time = format!("{:02}:{:02}", now.get_hours(), now.get_minutes());
    let action = Action::DefaultWhen { today, time };
    with(|a| apply(&mut a.workspace, action)) == Outcome::FormsReplaced
}

/// Writes the forms of `panels` back from the state (when the case or a form changed other
/// than by typing: open, import, record, edit a recorded assessment, table rows). True when a
/// saved choice could not be shown (the storage banner then says which).
fn write_forms(doc: &Document, panels: u8) -> bool {
    with(|a| {
        let ws = &a.workspace;
        if panels & (COURSE | ENTRIES) != 0 {
            let analyte = ws.lab_entry.get("lab-analyte").map_or("", String::as_str);
            let unit = crate::view::course::lab_unit_select(analyte);
            dom::set_html(doc, "lab-unit-field", &unit);
        }
        if panels & KINETICS != 0 {
            dom::set_html(doc, "kin-grid-wrap", &kin_view::grid_html(&ws.kinetics));
            dom::set_html(doc, "csf-grid-wrap", &kin_view::csf_grid_html(&ws.kinetics));
            for (i, h) in ws.kinetics.horizons.iter().enumerate() {
                if let Ok(input) = dom::typed::<HtmlInputElement>(doc, &format!("kin-h{i}")) {
                    input.set_value(h);
                }
            }
        }
        // Never chosen: the linear rule, the one the form marks as the default.
        let method = Some(ws.kinetics.method.as_str()).filter(|m| !m.is_empty());
        let method: RawForm = [("kin-method".into(), method.unwrap_or("linear").into())].into();
        let assess_fields = "#icans-form [name], #crs-form [name], #record-form [name]";
        // Told until another case is opened (it says what happened when the draft was shown).
        if panels == OPEN_CASE {
            a.unoffered.clear();
        }
        let mut found = false;
        for (part, selector, form) in [
            (ASSESS, assess_fields, &ws.assess),
            (BASELINE, "#baseline-form [name]", &ws.baseline),
            (COURSE | ENTRIES, "#med-form [name]", &ws.med_entry),
            (COURSE | ENTRIES, "#lab-form [name]", &ws.lab_entry),
            (CASE, "#patient-form [name]", &ws.patient),
            (KINETICS, "input[name=kin-method]", &method),
        ] {
            if panels & part != 0 {
                for note in dom::fill(doc, selector, form) {
                    found = true;
                    if !a.unoffered.contains(&note) {
                        a.unoffered.push(note);
                    }
                }
            }
        }
        found
    })
}

/// Renders `panels` from the state: at once what the shown tab (and the top bar) draws; the
/// hidden tabs' parts in a task of their own just after (`Msg::DrawHidden`), or when their tab
/// is shown first. The first load and an edit on one tab never wait on the other tabs' tables
/// and graphs, and every tab is up to date a moment later.
fn render(doc: &Document, panels: u8) {
    let (now, schedule) = with(|a| {
        let now = panels & (a.shown | ALWAYS);
        let stale = (a.stale | panels) & !now;
        let schedule = a.stale == 0 && stale != 0;
        a.stale = stale;
        (now, schedule)
    });
    if schedule {
        dom::soon(0, || dispatch(Msg::DrawHidden));
    }
    draw(doc, now);
}

/// Draws `panels` (derived results computed once for the pass).
fn draw(doc: &Document, panels: u8) {
    with(|a| {
        a.course = (panels & COURSE != 0).then(|| evaluate_course(&a.workspace));
        a.kinetics =
            (panels & KINETICS != 0).then(|| kin_view::read_kinetics(&a.workspace.kinetics));
    });
    read(|a| {
        for (part, render) in RENDERS {
            if panels & part != 0 {
                render(doc, a);
            }
        }
    });
}

type Render = fn(&Document, &App);

/// Every panel's render, with the parts it shows, in the order a pass runs them. The charts
/// follow every pass that covers some part.
const RENDERS: [(u8, Render); 7] = [
    (ASSESS, assess::render),
    (BASELINE, baseline::render),
    (KINETICS, kinetics::render),
    (COURSE | ENTRIES, course::render),
    (u8::MAX, charts::render),
    (CASE, casepanel::render),
    (COHORT, cohort::render),
];

/// Shows the open case in every panel (after opening, importing, or another tab's changes).
fn show_case(doc: &Document) {
    dom::set_text(doc, "infusion-note", "");
    default_when();
    saved(doc, OPEN_CASE);
}

// ---------------------------------------------------------------------------------------------
// Buttons
// ---------------------------------------------------------------------------------------------

fn click(doc: &Document, action: &str, el: &Element) {
    let index = dom::attr_number(el, "data-index");
    let id = el.get_attribute("data-id").unwrap_or_default();
    let record_status = |text: &str| dom::set_text(doc, "record-status", text);
    let case_status = |text: &str| dom::set_text(doc, "case-status", text);
    match action {
        "record" => act(doc, Action::Record),
        "record-cancel" | "assess-clear" => {
            act(doc, Action::ClearAssessment);
            record_status(match action {
                "record-cancel" => "Editing cancelled; the recorded assessment is unchanged.",
                _ => "The form is cleared (the age is kept).",
            });
        }
        "assessment-edit" => {
            let Some(i) = index else { return };
            act(doc, Action::EditAssessment(i));
            record_status("");
            let _ = web_sys::window().map(|w| w.location().set_hash("assess"));
        }
        "assessment-delete" => {
            let Some(i) = index else { return };
            // An entry stored with an unreadable day can still be deleted.
            let day = read(|a| a.workspace.assessments.get(i).and_then(|r| r.day()));
            let when = |d| format!("the assessment of {}", crate::display::day_time(d));
            let what = day.map_or("this assessment".to_string(), when);
            if dom::confirm(&format!("Delete {what}? This cannot be undone.")) {
                let edited = read(|a| a.workspace.editing == Some(i));
                act(doc, Action::DeleteAssessment(i));
                if edited {
                    record_status("The assessment being edited was deleted; the form is cleared.");
                }
            }
        }
        "med-delete" | "lab-delete" => {
            let Some(i) = index else { return };
            let (delete, question) = match action {
                "med-delete" => (
                    Action::DeleteMedication(i),
                    "Delete this medication from the log?",
                ),
                _ => (Action::DeleteLab(i), "Delete this lab value?"),
            };
            if dom::confirm(question) {
                act(doc, delete);
            }
        }
        "med-add" => act(doc, Action::AddMedication),
        "lab-add" => act(doc, Action::AddLab),
        "kin-add" | "csf-add" => {
            let csf = action == "csf-add";
            act(doc, Action::AddRow { csf });
            let (grid, rows) = match csf {
                true => ("csf", read(|a| a.workspace.kinetics.csf.len())),
                false => ("kin", read(|a| a.workspace.kinetics.rows.len())),
            };
            dom::focus(doc, &format!("#{grid}-{}-0", rows.saturating_sub(1)));
        }
        "kin-remove" | "csf-remove" => {
            let csf = action == "csf-remove";
            if let Some(row) = dom::attr_number(el, "data-row") {
                act(doc, Action::RemoveRow { csf, row });
            }
        }
        "paste-read" => {
            let pasted = kin_view::read_paste(&dom::value_of(doc, "kin-paste"));
            with(|a| a.paste = Some(pasted));
            render(doc, KINETICS);
        }
        "paste-replace" | "paste-append" => {
            let Some(p) = with(|a| a.paste.take()) else {
                return;
            };
            let (rows, replace) = (kin_view::pasted_rows(&p), action == "paste-replace");
            act(doc, Action::Paste { rows, replace });
            dom::set_html(
                doc,
                "paste-preview",
                "<p class=\"status\">The pasted rows are now in the table above; check them there.</p>",
            );
            if let Ok(t) = dom::typed::<web_sys::HtmlTextAreaElement>(doc, "kin-paste") {
                t.set_value("");
            }
        }
        "case-new" => {
            let name = read(|a| a.store.store.as_ref().map(|s| s.next_case_name()));
            let outcome = add_case(doc, name.unwrap_or_default(), Workspace::default());
            say_case(doc, outcome, "Opened a new empty case,");
        }
        "case-example" => match crate::example::example_case() {
            Ok(case) => {
                let name = "Published example (Front Immunol 2024)".to_string();
                add_case(doc, name, Workspace::from_case(&case));
                case_status(
                    "Loaded the published case as a new case (doi 10.3389/fimmu.2024.1380451). Its notes list every assumption; see the Course and Kinetics tabs.",
                );
            }
            Err(e) => case_status(&format!("The example could not be loaded: {e}")),
        },
        "case-open" => say_case(doc, case_action(doc, CaseAction::Open(id)), "Opened"),
        "case-rename" => {
            with(|a| a.renaming = Some(id));
            render(doc, CASE);
            if let Ok(input) = dom::typed::<HtmlInputElement>(doc, "rename-input") {
                let _ = input.focus();
                input.select();
            }
        }
        "case-rename-save" => {
            let name = dom::value_of(doc, "rename-input");
            say_case(doc, case_action(doc, CaseAction::Rename { id, name }), "");
        }
        "case-delete" => {
            let Some(name) = read(|a| a.store.store.as_ref().and_then(|s| s.name_of(&id))) else {
                return;
            };
            if !dom::confirm(&format!(
                "Delete the case \u{201c}{name}\u{201d} from this browser? Export it first if you need it. This cannot be undone."
            )) {
                return;
            }
            let fresh = persist::fresh_store();
            say_case(doc, case_action(doc, CaseAction::Delete { id, fresh }), "");
        }
        "merge-dismiss" => {
            with(|a| a.store.merged = Default::default());
            render(doc, CASE);
        }
        "export-json" => {
            // Records added since the last save get their ids now, so the file has them.
            with(|a| a.workspace.assign_ids(&mut persist::new_record_id));
            read(|a| files::export(doc, a, "case"));
        }
        "export-kinetics-csv" => read(|a| files::export(doc, a, "kinetics")),
        "export-course-csv" => read(|a| files::export(doc, a, "course")),
        "print" => {
            read(|a| files::report(doc, a));
            let _ = web_sys::window().map(|w| w.print());
        }
        "copy-note" => read(files::copy_note),
        "download-unreadable" => read(|a| files::download_unreadable(doc, a)),
        "cohort-page" => {
            let page = dom::attr_number(el, "data-page").unwrap_or(0);
            with(|a| a.cohort.iter_mut().for_each(|c| c.page = page));
            render(doc, COHORT);
        }
        "cohort-sort" => {
            let Some(column) = dom::attr_number(el, "data-column") else {
                return;
            };
            with(|a| {
                if let Some(c) = a.cohort.as_mut() {
                    let descending = c.sort.is_some_and(|s| s.column == column && !s.descending);
                    (c.sort, c.page) = (Some(Sort { column, descending }), 0);
                }
            });
            render(doc, COHORT);
            dom::focus(doc, &format!("#cohort-table [data-column=\"{column}\"]"));
        }
        "cohort-open" => {
            // One patient of the cohort opens as a new case, imported as a file would be (the
            // case is taken out first: the import changes the state).
            let case = read(|a| Some(a.cohort.as_ref()?.cohort.cases.get(index?)?.case.clone()));
            let Some(Ok(text)) = case.map(|c| crate::json::to_text(&c)) else {
                return;
            };
            import(doc, Ok(text.text));
            let _ = web_sys::window().map(|w| w.location().set_hash("case"));
            dom::set_text(
                doc,
                "cohort-status",
                "Opened as a new case on the Case tab.",
            );
        }
        "cohort-csv-patients" | "cohort-csv-summary" | "cohort-json" => {
            read(|a| files::export_cohort(doc, a, action));
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Cases: open, add, import
// ---------------------------------------------------------------------------------------------

/// Saves, applies `action` to the saved cases, saves again and shows what changed.
fn case_action(doc: &Document, action: CaseAction) -> CaseOutcome {
    let mut changed = save_now();
    let outcome = with(|a| match a.store.store.as_mut() {
        Some(store) => apply_case(store, &mut a.workspace, action),
        None => CaseOutcome::Unchanged,
    });
    changed |= save_now();
    if let CaseOutcome::Renamed(_) = outcome {
        with(|a| a.renaming = None);
    }
    match outcome {
        CaseOutcome::Opened(_) | CaseOutcome::Deleted { reopened: true, .. } => show_case(doc),
        _ => saved(doc, changed),
    }
    outcome
}

/// Says in the case panel what a case action did (`opened`: how an opened case is told).
fn say_case(doc: &Document, outcome: CaseOutcome, opened: &str) {
    let said = match outcome {
        CaseOutcome::Opened(name) => format!("{opened} \u{201c}{name}\u{201d}."),
        CaseOutcome::Renamed(name) => format!("Renamed to \u{201c}{name}\u{201d}."),
        CaseOutcome::Deleted { name, .. } => format!("Deleted \u{201c}{name}\u{201d}."),
        CaseOutcome::Refused(why) => why.to_string(),
        CaseOutcome::Unchanged => return,
    };
    dom::set_text(doc, "case-status", &said);
}

fn add_case(doc: &Document, name: String, workspace: Workspace) -> CaseOutcome {
    let (id, updated_at) = (persist::new_id(), dom::now_iso());
    let case = StoredCase {
        id,
        name,
        updated_at,
        workspace,
    };
    case_action(doc, CaseAction::Add(Box::new(case)))
}

/// Import: the whole file is checked first; on any error (or a file refused before it was read)
/// the open case is left untouched.
fn import(doc: &Document, text: Result<String, String>) {
    let case = match text.and_then(|text| super::exports::read_case_file(&text)) {
        Ok(case) => case,
        Err(e) => {
            let said = format!("Not imported: {e}. The open case is unchanged.");
            return dom::set_text(doc, "io-status", &said);
        }
    };
    let label = Some(case.patient.label().trim()).filter(|l| !l.is_empty());
    let name = label.unwrap_or("Imported case").to_string();
    let before = read(|a| (a.store.store.clone(), a.workspace.clone()));
    let outcome = add_case(doc, name, Workspace::from_case(&case));
    let said = match (with(|a| a.store.failed.take()), outcome) {
        (Some(reason), _) => {
            // Not kept: back to what is saved (the failed write changed nothing stored).
            with(|a| (a.store.store, a.workspace) = before);
            show_case(doc);
            format!(
                "Not imported: {reason}. Your saved cases are unchanged and the open case is as it was."
            )
        }
        (None, CaseOutcome::Opened(name)) => {
            // A file may hold what the API accepts and this page does not (a count above the
            // kinetics table's plausible range): said now, not first at the export.
            let to_correct = read(|a| a.workspace.to_case_json().err());
            let correct = to_correct.map_or(String::new(), |issues| {
                let list = crate::view::workspace::to_correct_text(&issues);
                format!(" Before it can be exported, correct: {list}.")
            });
            format!("Imported as a new case, \u{201c}{name}\u{201d}.{correct}")
        }
        (None, _) => String::new(),
    };
    dom::set_text(doc, "io-status", &said);
}

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

/// Saves now; returns the panels another tab's changes (merged in) touched.
fn save_now() -> u8 {
    with(|a| {
        a.workspace.assign_ids(&mut persist::new_record_id);
        let before = a.workspace.clone();
        persist::sync(&mut a.store, &mut a.workspace);
        changed_panels(&before, &a.workspace)
    })
}

/// The panels that show what differs between two versions of the open case.
fn changed_panels(before: &Workspace, after: &Workspace) -> u8 {
    let (b, a) = (before, after);
    let parts = [
        (b.assess != a.assess, ASSESS),
        // The course lists the assessment being edited as such.
        (
            b.editing != a.editing || b.assessments != a.assessments,
            ASSESS | COURSE,
        ),
        // The age typed with the assessment is the course's patient age: when it changes, the
        // records that leave the tool to it are graded again.
        (b.course_age_years() != a.course_age_years(), COURSE),
        (
            b.medications != a.medications || b.labs != a.labs,
            ASSESS | COURSE,
        ),
        // A draft entry shows only its echoes: the course is drawn from the records.
        (
            b.med_entry != a.med_entry || b.lab_entry != a.lab_entry,
            ENTRIES,
        ),
        (b.notes != a.notes, COURSE | KINETICS),
        (b.kinetics != a.kinetics, KINETICS),
        (b.baseline != a.baseline, BASELINE),
        (b.patient != a.patient, CASE | ASSESS | COURSE),
    ];
    let differing = parts.iter().filter(|(differs, _)| *differs);
    differing.fold(0, |p, (_, part)| p | part)
}

/// After a save: what another tab's changes touched is written back and shown; the banner.
fn saved(doc: &Document, changed: u8) {
    write_forms(doc, changed);
    render(doc, changed | CASE);
}

/// Milliseconds between the last change and the save (reliability_ux.md: <= 300 ms).
const SAVE_DEBOUNCE_MS: i32 = 250;

/// Schedules a save after a short pause in typing (debounced), so every change is kept.
fn save_soon() {
    if with(|a| std::mem::replace(&mut a.store.pending, true)) {
        return;
    }
    dom::soon(SAVE_DEBOUNCE_MS, || dispatch(Msg::Flush));
}

/// Best-effort save from the panic hook, from a copy of the state (skipped while it is being
/// changed).
pub fn flush_after_panic() {
    let copy = state::try_read(|a| (a.store.clone(), a.workspace.clone()));
    if let Some((mut store, mut ws)) = copy {
        persist::sync(&mut store, &mut ws);
    }
}

// ---------------------------------------------------------------------------------------------
// Start, tabs
// ---------------------------------------------------------------------------------------------

/// Reads the saved cases, binds every panel and the page's own events, shows the open case.
pub fn start(doc: &Document) -> Result<(), JsValue> {
    state::set_handler(handle);
    let (store, workspace) = persist::load();
    with(|a| (a.store, a.workspace) = (store, workspace));
    save_now();
    assess::bind(doc)?;
    kinetics::bind(doc)?;
    baseline::bind(doc)?;
    course::bind(doc)?;
    casepanel::bind(doc)?;
    cohort::bind(doc)?;
    charts::bind()?;
    dom::on(&[doc.clone().into()], &["click"], |event| {
        if let Some((action, el)) = dom::clicked_action(&event) {
            dispatch(Msg::Click(action, el));
        }
    })?;
    let window = dom::window_target();
    // Saved at once when the page is hidden or left (mobile browsers may not fire unload).
    dom::on(&[doc.clone().into()], &["visibilitychange"], |_| {
        let hidden = dom::document()
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            dispatch(Msg::Flush);
        }
    })?;
    dom::on(&window, &["pagehide", "icans-calc:before-update"], |_| {
        dispatch(Msg::Flush)
    })?;
    // The browser's `storage` event fires only in the other tabs of the page.
    dom::on(&window, &["storage"], |event| {
        let key = event
            .dyn_ref::<web_sys::StorageEvent>()
            .and_then(|e| e.key());
        if key.as_deref() == Some(STORE_KEY) {
            dispatch(Msg::OtherTab);
        }
    })?;
    dom::on(&window, &["hashchange"], |_| dispatch(Msg::Tab))?;
    show_panel(doc);
    show_case(doc);
    Ok(())
}

/// Each tab and the parts of a render pass it shows.
const PANELS: [(&str, u8); 6] = [
    ("assess", ASSESS),
    ("course", COURSE | ENTRIES),
    ("kinetics", KINETICS),
    ("baseline", BASELINE),
    ("case", CASE),
    ("cohort", COHORT),
];

/// Shows the panel named in the URL hash (default: the bedside assessment) and marks its tab;
/// returns its name.
fn show_panel(doc: &Document) -> &'static str {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    let wanted = hash.unwrap_or_default();
    let found = PANELS
        .into_iter()
        .find(|(p, _)| *p == wanted.trim_start_matches('#'));
    let (current, shown) = found.unwrap_or(PANELS[0]);
    with(|a| a.shown = shown);
    for (p, _) in PANELS {
        dom::set_hidden(doc, &format!("panel-{p}"), p != current);
    }
    for el in dom::all(doc, "a[data-tab]") {
        let is_current = el.get_attribute("data-tab").as_deref() == Some(current);
        dom::put_attr(&el, "aria-current", is_current.then_some("page"));
    }
    current
}
