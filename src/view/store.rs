//! The browser store: several named cases, each a [`Workspace`], with a schema version so data
//! written by another version is recognised (and set aside, never overwritten, when unreadable);
//! the three-way merge with what another tab saved; the actions on the list of cases; the limits
//! of an import. Also the Case & report panel's HTML.

use super::html::esc;
use super::workspace::Workspace;
use crate::display::plural;
use crate::input::record::read_records;
use crate::input::stored::{field, fixed_texts, list, rows, text, texts, wrong};
use crate::json::Json;
pub use crate::merge::{Change, MergeReport};
use crate::merge::{Merger, Sides, tombstones};
use serde::Serialize;
use std::collections::BTreeMap;

pub const STORE_SCHEMA: &str = "icans-calc/store@1";
pub const STORE_KEY: &str = "icans-calc:store";
pub const QUARANTINE_PREFIX: &str = "icans-calc:unreadable:";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCase {
    pub id: String,
    pub name: String,
    /// ISO 8601 time of the last change, as the browser gives it.
    pub updated_at: String,
    pub workspace: Workspace,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    pub schema: String,
    pub app_version: String,
    pub current: String,
    pub cases: Vec<StoredCase>,
    /// Ids of deleted cases (tombstones, see [`Merger::by_id`](crate::merge::Merger::by_id)).
    pub deleted_cases: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Reading the saved store

/// Reads the saved store from its JSON value, field by field as `Store`'s `Serialize` wrote it:
/// unknown keys are passed over, a missing field that has a default takes it, and a value of
/// any other type makes the whole store unreadable (it is then set aside, never overwritten).
/// Written by hand so that serde's reading side is not shipped in the wasm (BENCHMARKS.md,
/// "Where the bytes go").
pub fn store_from_json(v: &Json) -> Result<Store, String> {
    let cases = list(v, "cases")?.ok_or("cases: missing")?;
    let cases = cases.iter().map(stored_case).collect::<Result<_, _>>()?;
    Ok(Store {
        schema: text(v, "schema")?,
        app_version: text(v, "appVersion")?,
        current: text(v, "current")?,
        cases,
        deleted_cases: texts(v, "deletedCases")?.unwrap_or_default(),
    })
}

fn stored_case(v: &Json) -> Result<StoredCase, String> {
    Ok(StoredCase {
        id: text(v, "id")?,
        name: text(v, "name")?,
        updated_at: text(v, "updatedAt")?,
        workspace: workspace_from_json(field(v, "workspace")?.ok_or("workspace: missing")?)?,
    })
}

fn workspace_from_json(v: &Json) -> Result<Workspace, String> {
    let mut ws = Workspace::default();
    let forms = [
        ("patient", &mut ws.patient),
        ("assess", &mut ws.assess),
        ("baseline", &mut ws.baseline),
        ("medEntry", &mut ws.med_entry),
        ("labEntry", &mut ws.lab_entry),
    ];
    for (key, into) in forms {
        let Some(form) = field(v, key)? else { continue };
        let Json::Object(entries) = form else {
            return Err(wrong(key, "an object", form));
        };
        for (name, value) in entries {
            let Json::String(s) = value else {
                return Err(wrong(key, "text values", value));
            };
            into.insert(name.clone(), s.clone());
        }
    }
    ws.editing = match field(v, "editing")? {
        None | Some(Json::Null) => None,
        Some(Json::Number(n)) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n) => {
            Some(*n as usize)
        }
        Some(other) => return Err(wrong("editing", "a whole number", other)),
    };
    ws.age_before_edit = match field(v, "ageBeforeEdit")? {
        None | Some(Json::Null) => None,
        Some(Json::String(age)) => Some(age.clone()),
        Some(other) => return Err(wrong("ageBeforeEdit", "text", other)),
    };
    // Read after the assessment form: an assessment may take the patient's age from it.
    let age = ws.course_age_years();
    ws.assessments = read_records(list(v, "assessments")?.unwrap_or_default(), age);
    ws.medications = read_records(list(v, "medications")?.unwrap_or_default(), age);
    ws.labs = read_records(list(v, "labs")?.unwrap_or_default(), age);
    ws.notes = texts(v, "notes")?.unwrap_or_default();
    ws.count_ids = texts(v, "countIds")?.unwrap_or_default();
    ws.csf_ids = texts(v, "csfIds")?.unwrap_or_default();
    ws.deleted = texts(v, "deleted")?.unwrap_or_default();
    if let Some(k) = field(v, "kinetics")? {
        let draft = &mut ws.kinetics;
        match field(k, "method")? {
            None => {}
            Some(Json::String(s)) => draft.method = s.clone(),
            Some(other) => return Err(wrong("kinetics.method", "text", other)),
        }
        if let Some(rows) = rows(k, "rows")? {
            draft.rows = rows;
        }
        draft.csf = rows(k, "csf")?.unwrap_or_default();
        if let Some(h) = field(k, "horizons")? {
            draft.horizons = fixed_texts(h, "kinetics.horizons")?;
        }
    }
    Ok(ws)
}

impl Store {
    /// A store with one empty case.
    pub fn fresh(id: String, now: String) -> Store {
        Store {
            schema: STORE_SCHEMA.to_string(),
            app_version: crate::APP_VERSION.to_string(),
            current: id.clone(),
            cases: vec![StoredCase {
                id,
                name: "Case 1".to_string(),
                updated_at: now,
                workspace: Workspace::default(),
            }],
            deleted_cases: Vec::new(),
        }
    }

    /// Checks a store read back from the browser: known schema, at least one case, unique ids,
    /// and a current case that exists. Anything else is treated as unreadable.
    pub fn check(mut self) -> Result<Store, String> {
        if self.schema != STORE_SCHEMA {
            let version = self.schema.strip_prefix("icans-calc/store@");
            return Err(match version.and_then(|v| v.parse::<u32>().ok()) {
                Some(v) if v > 1 => format!(
                    "saved data was made by a newer version of icans-calc (schema {}); this version reads {STORE_SCHEMA}",
                    self.schema
                ),
                _ => format!(
                    "saved data has schema \u{201c}{}\u{201d}, this version reads {STORE_SCHEMA}",
                    self.schema
                ),
            });
        }
        let Some(first) = self.cases.first().map(|c| c.id.clone()) else {
            return Err("saved data holds no case".to_string());
        };
        for (i, c) in self.cases.iter().enumerate() {
            if self.cases.iter().take(i).any(|o| o.id == c.id) {
                return Err(format!("two saved cases share the id {}", c.id));
            }
        }
        if self.name_of(&self.current).is_none() {
            self.current = first;
        }
        Ok(self)
    }

    /// The first of `names` no case has (the names go on for ever, so one is found).
    fn first_free(&self, mut names: impl Iterator<Item = String>) -> String {
        let free = names.find(|name| !self.cases.iter().any(|c| &c.name == name));
        free.unwrap_or_default()
    }

    /// A name not yet used: `base`, then `base (2)`, `base (3)`...
    pub fn unique_name(&self, base: &str) -> String {
        let base = base.trim();
        let base = if base.is_empty() { "Case" } else { base };
        let numbered = (2..).map(|n| format!("{base} ({n})"));
        self.first_free(std::iter::once(base.to_string()).chain(numbered))
    }

    /// The next "Case N" name.
    pub fn next_case_name(&self) -> String {
        self.first_free((1..).map(|n| format!("Case {n}")))
    }

    /// The workspace of the open case (empty when there is none).
    pub fn current_workspace(&self) -> Workspace {
        let open = self.case(&self.current);
        open.map(|c| c.workspace.clone()).unwrap_or_default()
    }

    pub fn case(&self, id: &str) -> Option<&StoredCase> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn name_of(&self, id: &str) -> Option<String> {
        self.case(id).map(|c| c.name.clone())
    }

    /// Records stored without an id (by a version before record ids, or edited outside the page)
    /// get one derived from their case's id and their place among the records without one, so
    /// every copy of the same stored data (this tab's, another tab's, the copy last read) gives
    /// the same record the same id, and a merge never sees one record as two.
    pub fn assign_missing_ids(&mut self) {
        for c in &mut self.cases {
            let mut n = 0_u32;
            let prefix = format!("{}-", c.id);
            c.workspace.assign_ids(&mut || {
                n += 1;
                format!("{prefix}{n}")
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Merging what two tabs saved (the generic three-way merge by id is `crate::merge`)

/// Three-way merge of one case's workspace, record by record (see [`Merger::by_id`]). The
/// forms still being typed ([`Drafts`]) are stored as the tab that typed last left them: the
/// other tab's when only it changed them since the common ancestor. They never enter this tab's
/// own forms ([`keep_own_drafts`]).
fn merge_workspaces(m: &mut Merger, sides: [&Workspace; 3]) -> Workspace {
    let [base, ours, theirs] = sides;
    let base_ids = base.record_ids();
    // Every id of the ancestor is looked up here, on every save: in a map, not a list (a search
    // of a list of every record for each was 10 ms natively with every list full). Inserted one
    // by one: `collect` into a set compiles a sort of its own (about 6 KB of wasm). A map to
    // (empty) text rather than a set: its code is the forms' (`RawForm`), linked anyway.
    let mut ours_ids: BTreeMap<String, String> = BTreeMap::new();
    for id in ours.record_ids() {
        ours_ids.insert(id, String::new());
    }
    let here = |id: &str| ours_ids.contains_key(id);
    let ids = base_ids.iter().map(String::as_str);
    let deleted = tombstones(&ours.deleted, &theirs.deleted, ids, here);
    let age = ours.course_age_years();
    let mut ws = ours.clone();
    let d = &deleted;
    ws.assessments = m.records("assessment", sides.map(|w| &w.assessments[..]), d, age);
    ws.medications = m.records("medication", sides.map(|w| &w.medications[..]), d, age);
    ws.labs = m.records("lab value", sides.map(|w| &w.labs[..]), d, age);
    let counts = sides.map(|w| grid(&w.count_ids, &w.kinetics.rows));
    (ws.count_ids, ws.kinetics.rows) = m.list("count row", counts, d).into_iter().unzip();
    let csf = sides.map(|w| grid(&w.csf_ids, &w.kinetics.csf));
    (ws.csf_ids, ws.kinetics.csf) = m.list("CSF sample", csf, d).into_iter().unzip();
    ws.patient = m.value("case details", sides.map(|w| &w.patient));
    ws.notes = m.value("case details", sides.map(|w| &w.notes));
    ws.baseline = m.value("baseline form", sides.map(|w| &w.baseline));
    ws.kinetics.method = m.value("kinetics setting", sides.map(|w| &w.kinetics.method));
    ws.kinetics.horizons = m.value("kinetics setting", sides.map(|w| &w.kinetics.horizons));
    ws.deleted = deleted;
    let [base_drafts, our_drafts, their_drafts] = sides.map(Drafts::of);
    let typed_here = our_drafts != base_drafts;
    let stored = if typed_here { our_drafts } else { their_drafts };
    stored.put(&mut ws);
    ws
}

/// The forms still being typed in a tab, not yet records: the assessment form with the edit it
/// belongs to (by the record's id, so that it names the same record after a merge) and the age
/// to restore after it, the medication and lab value forms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drafts {
    assess: crate::view::RawForm,
    editing_id: Option<String>,
    age_before_edit: Option<String>,
    editing_from: Option<crate::input::record::Record<crate::case::Assessment>>,
    med_entry: crate::view::RawForm,
    lab_entry: crate::view::RawForm,
}

impl Drafts {
    pub fn of(ws: &Workspace) -> Drafts {
        let edited = ws.editing.and_then(|i| ws.assessments.get(i));
        Drafts {
            assess: ws.assess.clone(),
            editing_id: edited.map(|r| r.id.clone()).filter(|id| !id.is_empty()),
            age_before_edit: ws.age_before_edit.clone(),
            editing_from: ws.editing_from.clone(),
            med_entry: ws.med_entry.clone(),
            lab_entry: ws.lab_entry.clone(),
        }
    }

    pub fn put(self, ws: &mut Workspace) {
        let id = self.editing_id;
        ws.editing = id.and_then(|id| ws.assessments.iter().position(|r| r.id == id));
        (ws.assess, ws.age_before_edit) = (self.assess, self.age_before_edit);
        ws.editing_from = self.editing_from;
        (ws.med_entry, ws.lab_entry) = (self.med_entry, self.lab_entry);
    }
}

/// After a merge: this tab's workspace is the merged one with its own forms being typed, never
/// another tab's (two tabs typing two assessments must not mix them, nor an edit begun in one
/// be saved from the other); the ancestor of the next merge holds them too, so that an untouched
/// form here never writes over what the other tab typed. Returns (this tab's workspace, base).
pub fn keep_own_drafts(merged: Store, live: &Workspace) -> (Workspace, Store) {
    let mut base = merged;
    let own = Drafts::of(live);
    let mut ws = base.current_workspace();
    own.clone().put(&mut ws);
    let current = base.current.clone();
    if let Some(c) = base.cases.iter_mut().find(|c| c.id == current) {
        own.put(&mut c.workspace);
    }
    (ws, base)
}

/// Grid rows (kinetics counts, CSF samples) keyed by their parallel ids.
fn grid<R: Clone>(ids: &[String], rows: &[R]) -> Vec<(String, R)> {
    ids.iter().cloned().zip(rows.iter().cloned()).collect()
}

/// A case both sides hold: its workspace merged record by record, its name as a value.
fn merge_case(m: &mut Merger, _: &'static str, sides: Sides<StoredCase>) -> Option<StoredCase> {
    let (base, ours, theirs) = sides;
    let empty = Workspace::default();
    let base_ws = base.map_or(&empty, |b| &b.workspace);
    let workspace = merge_workspaces(m, [base_ws, &ours.workspace, &theirs.workspace]);
    let base_name = base.map_or(&theirs.name, |b| &b.name);
    Some(StoredCase {
        id: ours.id.clone(),
        name: m.value("case name", [base_name, &ours.name, &theirs.name]),
        updated_at: ours.updated_at.clone().max(theirs.updated_at.clone()),
        workspace,
    })
}

/// Three-way merge of the whole store: cases by id (a case changed on both sides has its
/// workspace merged record by record), this tab's open case and order first.
pub fn merge_stores(
    base: &Store,
    ours: &Store,
    theirs: &Store,
    fresh_id: &mut dyn FnMut() -> String,
) -> (Store, MergeReport) {
    let ids = base.cases.iter().map(|c| c.id.as_str());
    let here = |id: &str| ours.name_of(id).is_some();
    let deleted = tombstones(&ours.deleted_cases, &theirs.deleted_cases, ids, here);
    let keyed = [base, ours, theirs].map(|s| {
        let cases = s.cases.iter().map(|c| (c.id.clone(), c.clone()));
        cases.collect::<Vec<_>>()
    });
    let mut m = Merger {
        fresh_id,
        report: MergeReport::default(),
    };
    let lists = keyed.each_ref().map(Vec::as_slice);
    let merged = m.by_id("case", lists, &deleted, merge_case);
    let cases: Vec<StoredCase> = merged
        .into_iter()
        .map(|(id, c)| StoredCase { id, ..c })
        .collect();
    let current = match cases.iter().any(|c| c.id == ours.current) {
        true => ours.current.clone(),
        false => cases.first().map(|c| c.id.clone()).unwrap_or_default(),
    };
    let store = Store {
        schema: STORE_SCHEMA.to_string(),
        app_version: crate::APP_VERSION.to_string(),
        current,
        cases,
        deleted_cases: deleted,
    };
    (store, m.report)
}

/// This tab's store merged into what is stored now (three-way, `base` = the store as this tab
/// last read or wrote it; see [`merge_stores`]). `stored`: nothing stored, or what is stored
/// read back (or why it cannot be read: then nothing is saved over it, Err). `fresh` replaces a
/// merge that kept no case.
pub fn merge_with_stored(
    base: Option<&Store>,
    ours: Store,
    stored: Option<Result<Store, String>>,
    fresh_id: &mut dyn FnMut() -> String,
    fresh: Store,
) -> Result<(Store, MergeReport), String> {
    let mut theirs = match stored {
        None => return Ok((ours, MergeReport::default())),
        Some(Err(reason)) => {
            return Err(format!(
                "the saved data was changed by another tab or version and cannot be read ({reason}); not saving over it: export the case to keep it"
            ));
        }
        Some(Ok(theirs)) => theirs,
    };
    theirs.assign_missing_ids();
    let mut base = base.cloned().unwrap_or_else(|| theirs.clone());
    base.assign_missing_ids();
    let (merged, report) = merge_stores(&base, &ours, &theirs, fresh_id);
    let kept_a_case = !merged.cases.is_empty();
    Ok((if kept_a_case { merged } else { fresh }, report))
}

// ---------------------------------------------------------------------------------------------
// Actions on the list of cases

/// One change to the list of saved cases (web/app.rs dispatches these).
#[derive(Debug, Clone, PartialEq)]
pub enum CaseAction {
    /// Opens a new case (its name made unique).
    Add(Box<StoredCase>),
    Open(String),
    Rename {
        id: String,
        name: String,
    },
    /// Deletes a case; `fresh` takes the place of the last one.
    Delete {
        id: String,
        fresh: Store,
    },
}

/// What a [`CaseAction`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseOutcome {
    Unchanged,
    /// Another case is open now (its workspace is in the open workspace), named so.
    Opened(String),
    Renamed(String),
    /// Deleted the case of this name; `reopened`: it was the open one, the first case is open now.
    Deleted {
        name: String,
        reopened: bool,
    },
    Refused(&'static str),
}

/// Applies `action` to the store; `open` is the open case's workspace (the page's copy).
pub fn apply_case(store: &mut Store, open: &mut Workspace, action: CaseAction) -> CaseOutcome {
    match action {
        CaseAction::Add(case) => {
            let name = store.unique_name(&case.name);
            (store.current, *open) = (case.id.clone(), case.workspace.clone());
            let opened = CaseOutcome::Opened(name.clone());
            store.cases.push(StoredCase { name, ..*case });
            opened
        }
        CaseAction::Open(id) => match store.cases.iter().find(|c| c.id == id) {
            Some(c) => {
                (*open, store.current) = (c.workspace.clone(), id);
                CaseOutcome::Opened(c.name.clone())
            }
            None => CaseOutcome::Unchanged,
        },
        CaseAction::Rename { id, name } => match store.cases.iter_mut().find(|c| c.id == id) {
            _ if name.trim().is_empty() => CaseOutcome::Refused("A case needs a name."),
            Some(c) => {
                c.name = name.trim().to_string();
                CaseOutcome::Renamed(c.name.clone())
            }
            None => CaseOutcome::Unchanged,
        },
        CaseAction::Delete { id, fresh } => {
            let Some(name) = store.name_of(&id) else {
                return CaseOutcome::Unchanged;
            };
            store.cases.retain(|c| c.id != id);
            if store.cases.is_empty() {
                store.cases = fresh.cases;
            }
            let reopened = store.current == id;
            if reopened && let Some(first) = store.cases.first() {
                store.current = first.id.clone();
                *open = first.workspace.clone();
            }
            CaseOutcome::Deleted { name, reopened }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Limits

pub use super::limits::{MAX_FILE_BYTES, MAX_RECORDS_PER_LIST};

/// Refuses one more record in a list that already holds [`MAX_RECORDS_PER_LIST`] (the forms'
/// add buttons, as an import refuses a longer list): `what` is the list's plural noun.
pub fn room_for_one_more(count: usize, what: &str) -> Result<(), String> {
    if count >= MAX_RECORDS_PER_LIST {
        return Err(format!(
            "This case already holds {} {what}, the most one case keeps (so that every tap stays quick). Export this case and continue in a new one.",
            crate::display::grouped(count as f64)
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// HTML

/// The banner's account of a merge with another tab's save, or nothing when nothing was taken.
pub fn merge_banner_html(report: &MergeReport) -> Option<String> {
    if report.is_empty() {
        return None;
    }
    let mut h = String::from("<span id=\"merge-note\">");
    let summary = report.summary();
    if !summary.is_empty() {
        h += &format!("Merged with what another tab saved: {}.", esc(&summary));
    }
    let n = report.conflicts();
    if n > 0 {
        let were = plural(n, " was", "s were");
        h += &format!(
            " <strong>{n} record{were} changed in both tabs</strong> (or changed in one and deleted in the other): both versions are kept in the lists; delete the one you do not want."
        );
    }
    h += "</span> <button type=\"button\" class=\"btn small\" data-action=\"merge-dismiss\">Dismiss</button>";
    Some(h)
}

/// The list of saved cases with open, rename and delete.
pub fn case_list_html(store: &Store, renaming: Option<&str>) -> String {
    let mut h = String::from(
        "<table class=\"list\" id=\"case-table\"><caption class=\"sr-only\">Saved cases</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Last change</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>",
    );
    let button = |action: &str, id: &str, text: &str| {
        format!(
            "<button type=\"button\" class=\"btn small\" data-action=\"{action}\" data-id=\"{id}\">{text}</button>"
        )
    };
    for c in &store.cases {
        let (id, name) = (esc(&c.id), esc(&c.name));
        let current = c.id == store.current;
        let name_cell = match renaming == Some(c.id.as_str()) {
            true => format!(
                "<label class=\"sr-only\" for=\"rename-input\">New name for {name}</label><input id=\"rename-input\" type=\"text\" value=\"{name}\" class=\"rename\">{}",
                button("case-rename-save", &id, "Save name")
            ),
            false if current => format!("{name} <span class=\"mark\">open</span>"),
            false => name.clone(),
        };
        let (class, open) = match current {
            true => (" class=\"current\"", String::new()),
            false => ("", button("case-open", &id, "Open")),
        };
        // "2026-11-26 10:57" from the ISO time.
        let time = c.updated_at.get(..16).map(|s| s.replace('T', " "));
        h += &format!(
            "<tr data-id=\"{id}\"{class}><th scope=\"row\">{name_cell}</th><td>{}</td><td class=\"row-actions\">{open}{}<button type=\"button\" class=\"icon-btn\" data-action=\"case-delete\" data-id=\"{id}\" aria-label=\"Delete case {name}\">\u{2715}</button></td></tr>",
            esc(time.as_deref().unwrap_or(&c.updated_at)),
            button("case-rename", &id, "Rename")
        );
    }
    h + "</tbody></table>"
}

/// A file name for exports: letters, digits and dashes from the case label, what the file holds
/// (`case`, `kinetics`, `course`) and the ISO date (YYYY-MM-DD: never read as another date).
pub fn file_name(label: &str, what: &str, date: &str, ext: &str) -> String {
    let lower = label.to_ascii_lowercase();
    let words = lower.split(|c: char| !c.is_ascii_alphanumeric());
    let words: Vec<&str> = words.filter(|p| !p.is_empty()).take(6).collect();
    let slug = words.join("-");
    let slug = if slug.is_empty() { "case" } else { &slug };
    format!("icans-calc-{slug}-{what}-{date}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::record::{Record, StoredEntry};

    fn store(names: &[&str]) -> Store {
        let mut s = Store::fresh("a".into(), "2026-11-26T10:00:00Z".into());
        s.cases = names
            .iter()
            .enumerate()
            .map(|(i, n)| StoredCase {
                id: format!("c{i}"),
                name: n.to_string(),
                updated_at: String::new(),
                workspace: Workspace::default(),
            })
            .collect();
        s.current = "c0".into();
        s
    }

    /// A store with something in every workspace field, as the page saves it.
    fn full_store() -> Store {
        let mut s = store(&["Example", "Empty"]);
        let case = crate::example::example_case().expect("example");
        let ws = &mut s.cases[0].workspace;
        *ws = Workspace::from_case(&case);
        ws.editing = Some(2);
        ws.age_before_edit = Some("40".into());
        ws.assess.insert("age".into(), "1,000".into());
        ws.med_entry.insert("med-mg".into(), "4".into());
        ws.lab_entry.insert("lab-value".into(), "12".into());
        ws.kinetics
            .csf
            .push(["14".into(), "3".into(), "".into(), "".into(), "tap".into()]);
        ws.kinetics.horizons[2] = "60".into();
        ws.count_ids = vec!["r1".into(), "r2".into()];
        ws.deleted = vec!["r9".into()];
        s.deleted_cases = vec!["c7".into()];
        s
    }

    fn read(text: &str) -> Result<Store, String> {
        let value = crate::json::parse_text(text).map_err(|e| e.to_string())?;
        store_from_json(&value)
    }

    #[test]
    fn the_saved_store_reads_back_identically() {
        let s = full_store();
        let text = serde_json::to_string(&s).expect("json");
        assert_eq!(read(&text), Ok(s));
    }

    #[test]
    fn missing_fields_take_their_defaults_and_unknown_keys_are_passed_over() {
        let text = r#"{"schema":"icans-calc/store@1","appVersion":"0.1.0","current":"a",
            "cases":[{"id":"a","name":"n","updatedAt":"t","workspace":{"kinetics":{"method":"log"}},
            "unknownKey":1}],"later":true}"#;
        let ours = read(text).expect("reads");
        assert!(ours.deleted_cases.is_empty());
        let mut expected = Workspace::default();
        expected.kinetics.method = "log".into();
        assert_eq!(ours.cases[0].workspace, expected);
        assert_eq!(ours.cases[0].workspace.kinetics.horizons[0], "28");
        assert_eq!(ours.cases[0].workspace.kinetics.method, "log");
    }

    #[test]
    fn a_store_of_another_shape_is_unreadable() {
        let good = serde_json::to_value(full_store()).expect("json");
        let broken: [(&str, serde_json::Value); 9] = [
            ("/cases", serde_json::json!({})),
            ("/cases/0/id", serde_json::json!(3)),
            (
                "/cases/0/workspace/patient",
                serde_json::json!({"label": 1}),
            ),
            ("/cases/0/workspace/editing", serde_json::json!(1.5)),
            ("/cases/0/workspace/ageBeforeEdit", serde_json::json!(40)),
            (
                "/cases/0/workspace/kinetics/rows",
                serde_json::json!([["1", "2", "3"]]),
            ),
            (
                "/cases/0/workspace/kinetics/horizons",
                serde_json::json!(["28", "90"]),
            ),
            ("/cases/0/workspace/assessments", serde_json::json!({})),
            ("/deletedCases", serde_json::json!([1])),
        ];
        for (at, value) in broken {
            let mut v = good.clone();
            *v.pointer_mut(at).expect(at) = value;
            let text = v.to_string();
            assert!(read(&text).is_err(), "{at} read");
        }
        let mut v = good.clone();
        v.as_object_mut().expect("object").remove("schema");
        assert!(read(&v.to_string()).is_err());
    }

    #[test]
    fn unknown_schema_is_unreadable() {
        let mut s = store(&["A"]);
        s.schema = "icans-calc/store@9".into();
        assert!(s.check().is_err());
    }

    #[test]
    fn empty_or_duplicate_stores_are_unreadable_and_a_missing_current_falls_back() {
        assert!(store(&[]).check().is_err());
        let mut s = store(&["A", "B"]);
        s.cases[1].id = "c0".into();
        assert!(s.check().is_err());
        let mut s = store(&["A", "B"]);
        s.current = "gone".into();
        assert_eq!(s.check().map(|s| s.current), Ok("c0".to_string()));
    }

    #[test]
    fn names_are_made_unique() {
        let s = store(&["Case 1", "Example", "Example (2)"]);
        assert_eq!(s.unique_name("Example"), "Example (3)");
        assert_eq!(s.unique_name("New"), "New");
        assert_eq!(s.next_case_name(), "Case 2");
    }

    fn med(id: &str, drug: &str, mg: f64) -> Record<crate::steroids::Medication> {
        record(vec![
            ("id", Json::String(id.into())),
            ("day", Json::Number(3.0)),
            ("drug", Json::String(drug.into())),
            ("mg", Json::Number(mg)),
            ("route", Json::String("iv".into())),
        ])
    }

    fn record<T: StoredEntry>(fields: Vec<(&str, Json)>) -> Record<T> {
        Record::read(&Json::object(fields), None)
    }

    fn assessment(id: &str, day: f64) -> Record<crate::case::Assessment> {
        record(vec![
            ("id", Json::String(id.into())),
            ("day", Json::Number(day)),
            (
                "crs",
                Json::object(vec![
                    ("temperatureC", Json::Number(38.5)),
                    ("hypotension", Json::String("none".into())),
                    ("hypoxia", Json::String("none".into())),
                ]),
            ),
        ])
    }

    fn counter() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("fresh{n}")
        }
    }

    /// One tab: what it last read or wrote (`base`) and what it shows (`local`).
    struct Tab {
        base: Store,
        local: Store,
    }

    impl Tab {
        fn open(stored: &Store) -> Tab {
            Tab {
                base: stored.clone(),
                local: stored.clone(),
            }
        }
        fn ws(&mut self) -> &mut Workspace {
            &mut self.local.cases[0].workspace
        }
        /// What the page does on autosave: merge with what is stored, write, show the result.
        fn save(&mut self, stored: &mut Store, fresh: &mut dyn FnMut() -> String) -> MergeReport {
            let (merged, report) = merge_stores(&self.base, &self.local, stored, fresh);
            *stored = merged.clone();
            let live = self.local.current_workspace();
            let (ws, base) = keep_own_drafts(merged, &live);
            self.base = base.clone();
            self.local = base;
            let current = self.local.current.clone();
            if let Some(c) = self.local.cases.iter_mut().find(|c| c.id == current) {
                c.workspace = ws;
            }
            report
        }
    }

    #[test]
    fn a_stored_record_without_an_id_is_one_record_in_every_copy() {
        // Stored data edited outside the page (or written before ids): one assessment has no id.
        let mut stored = store(&["A"]);
        let mut legacy = assessment("x", 2.0);
        legacy.id.clear();
        stored.cases[0].workspace.assessments = vec![assessment("a1", 1.0), legacy];
        // This tab upgrades what it read; the copy in storage (and the one last read) does not
        // know about it yet.
        let mut ours = stored.clone();
        ours.assign_missing_ids();
        let mut theirs = stored.clone();
        theirs.assign_missing_ids();
        let mut base = stored.clone();
        base.assign_missing_ids();
        let (merged, report) = merge_stores(&base, &ours, &theirs, &mut counter());
        let ids: Vec<&str> = merged.cases[0]
            .workspace
            .assessments
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["a1", "c0-1"]);
        assert_eq!(report.conflicts(), 0);
        // Without the upgrade on every copy the legacy record would come back a second time.
        let (doubled, _) = merge_stores(&stored, &ours, &stored, &mut counter());
        assert_eq!(doubled.cases[0].workspace.assessments.len(), 3);
    }

    #[test]
    fn two_tabs_assessment_then_dexamethasone_then_prednisone_keeps_all_three() {
        // The issue's steps: tab A records an assessment, tab B (already open) adds
        // dexamethasone, tab A adds prednisone; a fresh tab must show all three.
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a.ws().assessments.push(assessment("a1", 1.0));
        tab_a.save(&mut stored, &mut fresh);
        tab_b
            .ws()
            .medications
            .push(med("m1", "dexamethasone", 10.0));
        let report_b = tab_b.save(&mut stored, &mut fresh);
        assert_eq!(report_b.summary(), "1 assessment added");
        tab_a.ws().medications.push(med("m2", "prednisone", 100.0));
        let report_a = tab_a.save(&mut stored, &mut fresh);
        assert_eq!(report_a.summary(), "1 medication added");
        let fresh_tab = Tab::open(&stored);
        let ws = &fresh_tab.local.cases[0].workspace;
        assert_eq!(ws.assessments, vec![assessment("a1", 1.0)]);
        assert_eq!(
            ws.medications,
            vec![
                med("m2", "prednisone", 100.0),
                med("m1", "dexamethasone", 10.0)
            ]
        );
        assert_eq!(report_a.conflicts() + report_b.conflicts(), 0);
    }

    #[test]
    fn an_edit_in_one_tab_and_a_deletion_in_the_other_are_both_kept() {
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        stored.cases[0].workspace.medications = vec![
            med("m1", "dexamethasone", 10.0),
            med("m2", "prednisone", 100.0),
        ];
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a.ws().medications[0] = med("m1", "dexamethasone", 20.0);
        tab_a.save(&mut stored, &mut fresh);
        tab_b.ws().medications.remove(1);
        let report = tab_b.save(&mut stored, &mut fresh);
        assert_eq!(
            stored.cases[0].workspace.medications,
            vec![med("m1", "dexamethasone", 20.0)]
        );
        assert_eq!(report.summary(), "1 medication changed");
        // And a deletion made in the other tab is kept as a deletion here.
        let report = tab_a.save(&mut stored, &mut fresh);
        assert_eq!(report.summary(), "1 medication deleted");
        assert_eq!(tab_a.local.cases[0].workspace.medications.len(), 1);
    }

    #[test]
    fn the_same_record_edited_in_both_tabs_keeps_both_versions_and_asks() {
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        stored.cases[0].workspace.medications = vec![med("m1", "dexamethasone", 10.0)];
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a.ws().medications[0] = med("m1", "dexamethasone", 20.0);
        tab_a.save(&mut stored, &mut fresh);
        tab_b.ws().medications[0] = med("m1", "dexamethasone", 40.0);
        let report = tab_b.save(&mut stored, &mut fresh);
        assert_eq!(report.conflicts(), 1);
        assert_eq!(
            stored.cases[0].workspace.medications,
            vec![
                med("m1", "dexamethasone", 40.0),
                med("fresh1", "dexamethasone", 20.0)
            ]
        );
        let banner = merge_banner_html(&report).expect("banner");
        assert!(
            banner.contains("1 record was changed in both tabs"),
            "{banner}"
        );
    }

    #[test]
    fn an_edit_wins_over_a_deletion_in_the_other_tab_and_is_reported() {
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        stored.cases[0].workspace.medications = vec![med("m1", "dexamethasone", 10.0)];
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a.ws().medications.clear();
        tab_a.save(&mut stored, &mut fresh);
        tab_b.ws().medications[0] = med("m1", "dexamethasone", 12.0);
        let report = tab_b.save(&mut stored, &mut fresh);
        assert_eq!(report.conflicts(), 1);
        // Kept under a fresh id: a deleted id never comes back.
        assert_eq!(
            stored.cases[0].workspace.medications,
            vec![med("fresh1", "dexamethasone", 12.0)]
        );
        assert_eq!(stored.cases[0].workspace.deleted, vec!["m1".to_string()]);
    }

    #[test]
    fn a_record_missing_from_a_racing_save_is_not_a_deletion() {
        // Tab B saved a prednisone dose; tab A, which had read the store just before, wrote its
        // older copy over it (two tabs write to browser storage without a lock). B's next save
        // must restore the dose, not take its absence for a deletion.
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        let stale = stored.clone();
        let mut tab_b = Tab::open(&stored);
        tab_b.ws().medications.push(med("m2", "prednisone", 100.0));
        tab_b.save(&mut stored, &mut fresh);
        stored = stale;
        let report = tab_b.save(&mut stored, &mut fresh);
        assert_eq!(
            stored.cases[0].workspace.medications,
            vec![med("m2", "prednisone", 100.0)]
        );
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn count_rows_and_csf_rows_merge_by_id_and_the_edited_assessment_stays_selected() {
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        {
            let ws = &mut stored.cases[0].workspace;
            ws.kinetics.rows = vec![["7".into(), "10".into(), String::new(), String::new()]];
            ws.count_ids = vec!["k1".into()];
            ws.assessments = vec![assessment("a1", 1.0), assessment("a2", 2.0)];
        }
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a
            .ws()
            .kinetics
            .rows
            .push(["14".into(), "80".into(), String::new(), String::new()]);
        tab_a.ws().count_ids.push("k2".into());
        tab_a.ws().kinetics.csf.push([
            "10".into(),
            "5".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        tab_a.ws().csf_ids.push("s1".into());
        tab_a.ws().assessments.remove(0);
        tab_a.save(&mut stored, &mut fresh);
        tab_b.ws().kinetics.rows[0][1] = "12".into();
        tab_b.ws().editing = Some(1);
        tab_b.save(&mut stored, &mut fresh);
        let ws = &tab_b.local.cases[0].workspace;
        assert_eq!(ws.count_ids, vec!["k1".to_string(), "k2".to_string()]);
        assert_eq!(ws.kinetics.rows[0][1], "12");
        assert_eq!(ws.kinetics.rows[1][0], "14");
        assert_eq!(ws.csf_ids, vec!["s1".to_string()]);
        assert_eq!(ws.assessments, vec![assessment("a2", 2.0)]);
        assert_eq!(ws.editing, Some(0), "still editing a2");
    }

    #[test]
    fn a_form_typed_in_one_tab_is_kept_for_a_reload_and_never_enters_the_other_tab() {
        let mut fresh = counter();
        let mut stored = store(&["A"]);
        stored.cases[0].workspace.assessments = vec![assessment("a1", 1.0), assessment("a2", 2.0)];
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        let typed =
            |form: &crate::view::RawForm, key: &str| form.get(key).cloned().unwrap_or_default();
        // Tab A types an assessment and a dose it has not added yet, and saves.
        tab_a.ws().assess.insert("age".into(), "39".into());
        tab_a.ws().med_entry.insert("med-mg".into(), "10".into());
        tab_a.save(&mut stored, &mut fresh);
        // Tab B, whose forms are untouched, saves (as it does on the other tab's save), twice.
        let report = tab_b.save(&mut stored, &mut fresh);
        tab_b.save(&mut stored, &mut fresh);
        // A reload of tab A reads its forms as typed; tab B's own forms stay empty, unreported.
        let reloaded = stored.cases[0].workspace.clone();
        assert_eq!(typed(&reloaded.assess, "age"), "39");
        assert_eq!(typed(&reloaded.med_entry, "med-mg"), "10");
        assert!(tab_b.ws().assess.is_empty() && tab_b.ws().med_entry.is_empty());
        assert!(report.summary().is_empty(), "{}", report.summary());
        // An edit begun in tab A is stored with its record, also where tab B deleted another;
        // tab B is not put into the edit.
        tab_a.ws().editing = Some(1);
        tab_a.ws().age_before_edit = Some("39".into());
        tab_a.ws().assess.insert("age".into(), "38".into());
        tab_a.save(&mut stored, &mut fresh);
        tab_b.ws().assessments.remove(0);
        tab_b.save(&mut stored, &mut fresh);
        let reloaded = &stored.cases[0].workspace;
        assert_eq!(reloaded.assessments, vec![assessment("a2", 2.0)]);
        assert_eq!(reloaded.editing, Some(0), "still editing a2");
        assert_eq!(reloaded.age_before_edit.as_deref(), Some("39"));
        assert_eq!(typed(&reloaded.assess, "age"), "38");
        assert_eq!(tab_b.ws().editing, None);
        // Tab B types its own assessment: stored as the last typed; tab A keeps its own.
        tab_b
            .ws()
            .assess
            .insert("consciousness".into(), "alert".into());
        tab_b.save(&mut stored, &mut fresh);
        tab_a.save(&mut stored, &mut fresh);
        assert_eq!(
            typed(&stored.cases[0].workspace.assess, "consciousness"),
            "alert"
        );
        assert_eq!(typed(&tab_a.ws().assess, "consciousness"), "");
        assert_eq!(typed(&tab_a.ws().assess, "age"), "38");
        assert_eq!(tab_a.ws().editing, Some(0));
        assert_eq!(typed(&tab_b.ws().assess, "age"), "");
    }

    #[test]
    fn cases_added_renamed_or_deleted_in_another_tab_are_kept() {
        let mut fresh = counter();
        let mut stored = store(&["A", "B"]);
        let mut tab_a = Tab::open(&stored);
        let mut tab_b = Tab::open(&stored);
        tab_a.local.cases[1].name = "B renamed".into();
        tab_a.save(&mut stored, &mut fresh);
        tab_b.local.cases.push(StoredCase {
            id: "c9".into(),
            name: "New".into(),
            updated_at: String::new(),
            workspace: Workspace::default(),
        });
        tab_b.save(&mut stored, &mut fresh);
        let names: Vec<&str> = stored.cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["A", "B renamed", "New"]);
        tab_a.local.cases.retain(|c| c.id != "c9");
        let _ = tab_a.save(&mut stored, &mut fresh);
        // Tab A had not yet seen c9 when it saved; it only deletes what it deletes itself.
        assert_eq!(stored.cases.len(), 3);
    }

    #[test]
    fn a_case_missing_from_a_racing_save_is_kept_and_a_deleted_case_stays_deleted() {
        let mut fresh = counter();
        let mut stored = store(&["A", "B"]);
        let stale = stored.clone();
        let mut tab = Tab::open(&stored);
        tab.local.cases.push(StoredCase {
            id: "c9".into(),
            name: "New".into(),
            updated_at: String::new(),
            workspace: Workspace::default(),
        });
        tab.save(&mut stored, &mut fresh);
        stored = stale;
        tab.save(&mut stored, &mut fresh);
        assert_eq!(stored.cases.len(), 3, "the raced-away case is back");
        let mut other = Tab::open(&stored);
        tab.local.cases.retain(|c| c.id != "c1");
        tab.save(&mut stored, &mut fresh);
        assert_eq!(stored.deleted_cases, vec!["c1".to_string()]);
        other.save(&mut stored, &mut fresh);
        assert!(!stored.cases.iter().any(|c| c.id == "c1"), "deletion kept");
    }

    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod interleaved {
        use super::super::*;
        use crate::merge::pick;
        use proptest::prelude::*;

        type List = Vec<(String, u32)>;

        #[derive(Debug, Clone)]
        enum Op {
            Add,
            Edit(usize),
            Delete(usize),
        }

        fn op() -> impl Strategy<Value = (bool, Op)> {
            (
                any::<bool>(),
                prop_oneof![
                    Just(Op::Add),
                    (0usize..8).prop_map(Op::Edit),
                    (0usize..8).prop_map(Op::Delete)
                ],
            )
        }

        proptest! {
            /// Two tabs take turns changing one list and saving (each merges with what the other
            /// saved): every value written is still stored at the end unless the tab that
            /// replaced or deleted it had seen it; a tab's own last write to a record is stored
            /// under that record's id.
            #[test]
            fn interleaved_edits_from_two_tabs_lose_nothing(ops in prop::collection::vec(op(), 1..40)) {
                let mut next_value = 0u32;
                let mut next_id = 0u32;
                let mut fresh = || { next_id += 1; format!("x{next_id}") };
                let mut stored: List = Vec::new();
                // Per tab: base (last synced) and local.
                let mut tabs: [(List, List); 2] = Default::default();
                let mut written: Vec<u32> = Vec::new();
                let mut superseded: Vec<u32> = Vec::new();
                let mut tombstones: Vec<String> = Vec::new();
                for (which, op) in ops {
                    let tab = &mut tabs[usize::from(which)];
                    // The tab's local equals its base before each change (it saved after the last).
                    match op {
                        Op::Add => {
                            next_value += 1;
                            written.push(next_value);
                            tab.1.push((format!("a{next_value}"), next_value));
                        }
                        Op::Edit(i) => {
                            if let Some(slot) = tab.1.get_mut(i) {
                                superseded.push(slot.1);
                                next_value += 1;
                                written.push(next_value);
                                slot.1 = next_value;
                            }
                        }
                        Op::Delete(i) => {
                            if i < tab.1.len() {
                                superseded.push(tab.1.remove(i).1);
                            }
                        }
                    }
                    for (id, _) in &tab.0 {
                        if !tab.1.iter().any(|(i, _)| i == id) && !tombstones.contains(id) {
                            tombstones.push(id.clone());
                        }
                    }
                    let mut m = Merger { fresh_id: &mut fresh, report: MergeReport::default() };
                    let merged = m.by_id("record", [&tab.0, &tab.1, &stored], &tombstones, pick);
                    stored = merged.clone();
                    *tab = (merged.clone(), merged);
                }
                for v in &written {
                    prop_assert!(
                        superseded.contains(v) || stored.iter().any(|(_, x)| x == v),
                        "value {} lost; stored {:?}", v, stored
                    );
                }
                let mut ids: Vec<&String> = stored.iter().map(|(i, _)| i).collect();
                ids.sort();
                ids.dedup();
                prop_assert_eq!(ids.len(), stored.len(), "ids stay unique");
            }
        }
    }

    #[test]
    fn one_more_record_is_refused_at_the_limit_with_the_numbers() {
        assert_eq!(crate::display::grouped(24_000.0), "24\u{202f}000");
        assert!(room_for_one_more(199, "medications").is_ok());
        assert_eq!(
            room_for_one_more(200, "medications")
                .map_err(|e| e.contains("already holds 200 medications")),
            Err(true)
        );
    }

    #[test]
    fn a_store_from_a_newer_version_says_so() {
        let mut s = store(&["A"]);
        s.schema = "icans-calc/store@2".into();
        assert_eq!(
            s.check()
                .map_err(|e| e.contains("made by a newer version of icans-calc")),
            Err(true)
        );
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name(
                "Published case (Front Immunol 2024)",
                "case",
                "2026-11-26",
                "json"
            ),
            "icans-calc-published-case-front-immunol-2024-case-2026-11-26.json"
        );
        assert_eq!(
            file_name("", "course", "2026-11-26", "csv"),
            "icans-calc-case-course-2026-11-26.csv"
        );
        // A long label never cuts off what the file holds.
        assert_eq!(
            file_name("a b c d e f g h", "kinetics", "2026-12-01", "csv"),
            "icans-calc-a-b-c-d-e-f-kinetics-2026-12-01.csv"
        );
    }

    #[test]
    fn case_list_marks_the_open_case_and_offers_actions() {
        let html = case_list_html(&store(&["A", "B"]), None);
        assert!(html.contains("class=\"current\""));
        assert!(html.contains("data-action=\"case-open\" data-id=\"c1\""));
        assert!(!html.contains("data-action=\"case-open\" data-id=\"c0\""));
    }

    fn with_note(mut ws: Workspace, note: &str) -> Workspace {
        ws.notes.push(note.to_string());
        ws
    }

    #[test]
    fn a_new_case_gets_a_unique_name_and_is_opened() {
        let mut s = store(&["Case 1"]);
        let mut open = Workspace::default();
        let add = CaseAction::Add(Box::new(StoredCase {
            id: "n".into(),
            updated_at: "t".into(),
            name: "Case 1".into(),
            workspace: with_note(Workspace::default(), "new"),
        }));
        assert_eq!(
            apply_case(&mut s, &mut open, add),
            CaseOutcome::Opened("Case 1 (2)".into())
        );
        assert_eq!(s.current, "n");
        assert_eq!(open.notes, vec!["new".to_string()]);
        assert_eq!(s.current_workspace(), open);
    }

    #[test]
    fn opening_a_case_shows_its_workspace() {
        let mut s = store(&["A", "B"]);
        s.cases[1].workspace = with_note(Workspace::default(), "b");
        let mut open = Workspace::default();
        assert_eq!(
            apply_case(&mut s, &mut open, CaseAction::Open("c1".into())),
            CaseOutcome::Opened("B".into())
        );
        assert_eq!((s.current.as_str(), open.notes.len()), ("c1", 1));
        let gone = CaseAction::Open("gone".into());
        assert_eq!(apply_case(&mut s, &mut open, gone), CaseOutcome::Unchanged);
    }

    #[test]
    fn a_case_is_renamed_only_to_a_name() {
        let mut s = store(&["A"]);
        let mut open = Workspace::default();
        let rename = |name: &str| CaseAction::Rename {
            id: "c0".into(),
            name: name.into(),
        };
        assert_eq!(
            apply_case(&mut s, &mut open, rename("  ")),
            CaseOutcome::Refused("A case needs a name.")
        );
        assert_eq!(
            apply_case(&mut s, &mut open, rename(" Ward 3 ")),
            CaseOutcome::Renamed("Ward 3".into())
        );
        assert_eq!(s.cases[0].name, "Ward 3");
    }

    #[test]
    fn deleting_the_open_case_reopens_the_first_and_the_last_leaves_an_empty_one() {
        let mut s = store(&["A", "B"]);
        s.cases[1].workspace = with_note(Workspace::default(), "b");
        let mut open = Workspace::default();
        let fresh = || Store::fresh("f".into(), "t".into());
        let delete = |id: &str| CaseAction::Delete {
            id: id.into(),
            fresh: fresh(),
        };
        assert_eq!(
            apply_case(&mut s, &mut open, delete("c0")),
            CaseOutcome::Deleted {
                name: "A".into(),
                reopened: true
            }
        );
        assert_eq!((s.current.as_str(), open.notes.len()), ("c1", 1));
        assert_eq!(
            apply_case(&mut s, &mut open, delete("c1")),
            CaseOutcome::Deleted {
                name: "B".into(),
                reopened: true
            }
        );
        assert_eq!(s.cases.len(), 1);
        assert_eq!((s.current.as_str(), &open), ("f", &Workspace::default()));
        assert_eq!(
            apply_case(&mut s, &mut open, delete("x")),
            CaseOutcome::Unchanged
        );
    }

    #[test]
    fn a_save_merges_with_what_another_tab_stored_and_never_over_unreadable_data() {
        let base = store(&["A"]);
        let mut ours = base.clone();
        ours.cases[0].workspace.notes.push("ours".into());
        let mut theirs = base.clone();
        theirs.cases.push(StoredCase {
            id: "t".into(),
            name: "Theirs".into(),
            updated_at: String::new(),
            workspace: Workspace::default(),
        });
        let mut n = 0;
        let mut fresh_id = || {
            n += 1;
            format!("f{n}")
        };
        let fresh = Store::fresh("f".into(), "t".into());
        // Nothing stored yet: ours as it is.
        let (merged, report) = merge_with_stored(
            Some(&base),
            ours.clone(),
            None,
            &mut fresh_id,
            fresh.clone(),
        )
        .expect("merged");
        assert_eq!((merged, report.is_empty()), (ours.clone(), true));
        let (merged, report) = merge_with_stored(
            Some(&base),
            ours.clone(),
            Some(Ok(theirs)),
            &mut fresh_id,
            fresh.clone(),
        )
        .expect("merged");
        assert_eq!(merged.cases.len(), 2);
        assert_eq!(merged.cases[0].workspace.notes, vec!["ours".to_string()]);
        assert_eq!(report.changes, vec![("case", Change::Added)]);
        let unreadable = Some(Err("is not valid JSON".to_string()));
        let refused = merge_with_stored(Some(&base), ours, unreadable, &mut fresh_id, fresh);
        assert!(refused.is_err_and(|e| e.contains("not saving over it")));
    }
}
