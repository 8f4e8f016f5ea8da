//! Three-way merge of two copies of the same records by id (two browser tabs that saved the
//! same store): what the common ancestor, this copy and the other copy hold decides, record by
//! record, what is kept; a true conflict keeps both versions and is reported, so nothing entered
//! is lost. Generic over the record's type, with the merge of a list of the core's records
//! ([`Merger::records`], compared in their stored form); the page's store (`view::store`)
//! applies it to its cases, records and forms.

use crate::display::plural;
use crate::input::record::{Record, StoredEntry};

/// What a merge took from the other tab's save, for the banner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeReport {
    /// One line per record kind and change, e.g. (`"medication"`, `Change::Added`).
    pub changes: Vec<(&'static str, Change)>,
}

/// How a record of the other tab's save entered the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Added in the other tab.
    Added,
    /// Edited in the other tab (not here).
    Edited,
    /// Deleted in the other tab (not edited here).
    Deleted,
    /// Edited in both tabs differently, or edited in one and deleted in the other: both versions
    /// (or the edited one) are kept for the user to choose.
    Conflict,
}

impl MergeReport {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn conflicts(&self) -> usize {
        self.count(|(_, c)| *c == Change::Conflict)
    }

    fn count(&self, counted: impl Fn(&(&str, Change)) -> bool) -> usize {
        self.changes.iter().filter(|x| counted(x)).count()
    }

    /// "1 assessment added, 2 medications changed" (conflicts are told separately).
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let verbs = [
            (Change::Added, "added"),
            (Change::Edited, "changed"),
            (Change::Deleted, "deleted"),
        ];
        for (change, verb) in verbs {
            let mut told: Vec<&str> = Vec::new();
            for &(kind, _) in self.changes.iter().filter(|(_, c)| *c == change) {
                if !told.contains(&kind) {
                    told.push(kind);
                    let n = self.count(|x| *x == (kind, change));
                    // "case details" is plural already.
                    let ending = match kind {
                        "case details" => "",
                        _ => plural(n, "", "s"),
                    };
                    parts.push(format!("{n} {kind}{ending} {verb}"));
                }
            }
        }
        parts.join(", ")
    }
}

/// The ids deleted anywhere: this side's tombstones, the other side's, and every id of the
/// common ancestor no longer here (deleted in this tab since).
pub fn tombstones<'a>(
    ours: &[String],
    theirs: &'a [String],
    base_ids: impl Iterator<Item = &'a str>,
    here: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut deleted = ours.to_vec();
    let gone = base_ids.filter(|id| !here(id));
    for id in theirs.iter().map(String::as_str).chain(gone) {
        if !deleted.iter().any(|d| d == id) {
            deleted.push(id.to_string());
        }
    }
    deleted
}

/// One list as the common ancestor, this tab and the other tab's save hold it, by id.
pub type Lists<'a, T> = [&'a [(String, T)]; 3];

/// One record as the common ancestor (if it had it), this tab and the other tab's save hold it.
pub type Sides<'a, T> = (Option<&'a T>, &'a T, &'a T);

/// What a record held by both sides becomes: `None` keeps both versions (a conflict).
pub type Both<T> = fn(&mut Merger, &'static str, Sides<T>) -> Option<T>;

/// The state of one merge: where fresh ids come from, and what was taken.
pub struct Merger<'a> {
    pub fresh_id: &'a mut dyn FnMut() -> String,
    pub report: MergeReport,
}

impl Merger<'_> {
    pub fn note(&mut self, kind: &'static str, change: Change) {
        self.report.changes.push((kind, change));
    }

    /// Three-way merge of one list of records by id: `base` is the list as this tab last read
    /// or wrote it, `ours` as this tab has it now, `theirs` as stored now (another tab may have
    /// saved since). `deleted` holds the ids deleted anywhere (tombstones: this tab's deletions
    /// since `base` and every tab's earlier ones), so a record missing from one side because a
    /// save raced with another is never mistaken for a deletion.
    ///
    /// Additions from both sides are kept, and a deletion wins over no change on the other
    /// side; a record both sides hold is decided by `both` ([`pick`] for records, a merge of
    /// the two for cases). A true conflict (edited differently on both sides, or edited on one
    /// side and deleted on the other) loses nothing: both versions (or the edited one) are kept
    /// (under a fresh id where the id is taken or deleted) and the report says so, so the user
    /// decides. Order: ours first as it stands, then what only the other tab has.
    pub fn by_id<T: Clone + PartialEq>(
        &mut self,
        kind: &'static str,
        [base, ours, theirs]: Lists<T>,
        deleted: &[String],
        both: Both<T>,
    ) -> Vec<(String, T)> {
        // A search from the end of the list (a later duplicate id wins, as the id -> position
        // map built from the list did), not a map: its code is the same for every `T`, and the
        // `BTreeMap<&str, usize>` it replaces was a B-tree instance of its own (about 3.5 KB of
        // wasm). Lists are the page's (at most `MAX_RECORDS_PER_LIST` records, or the stored
        // cases), and the tombstones below are searched the same way.
        fn index<'l, T>(list: &'l [(String, T)]) -> impl Fn(&str) -> Option<&'l T> {
            move |id| list.iter().rev().find(|(i, _)| i == id).map(|(_, v)| v)
        }
        let (base_of, ours_of, theirs_of) = (index(base), index(ours), index(theirs));
        let tombstone = |id: &String| deleted.contains(id);
        let mut out: Vec<(String, T)> = Vec::with_capacity(ours.len().max(theirs.len()));
        for (id, o) in ours {
            let b = base_of(id);
            match theirs_of(id) {
                Some(t) => match both(self, kind, (b, o, t)) {
                    Some(kept) => out.push((id.clone(), kept)),
                    None => {
                        self.note(kind, Change::Conflict);
                        out.push((id.clone(), o.clone()));
                        out.push(((self.fresh_id)(), (*t).clone()));
                    }
                },
                // Added here, or missing from the stored copy without having been deleted (a
                // save that raced with ours): kept.
                None if !tombstone(id) => out.push((id.clone(), o.clone())),
                // Deleted in the other tab and not touched here: deleted.
                None if b == Some(o) => self.note(kind, Change::Deleted),
                // Deleted in the other tab, edited here: our edit is kept (under a fresh id, as
                // a deleted id never comes back), and said.
                None => {
                    self.note(kind, Change::Conflict);
                    out.push(((self.fresh_id)(), o.clone()));
                }
            }
        }
        for (id, t) in theirs.iter().filter(|(id, _)| ours_of(id).is_none()) {
            if !tombstone(id) {
                // Added in the other tab (or, never deleted, missing here): kept.
                self.note(kind, Change::Added);
                out.push((id.clone(), t.clone()));
            } else if base_of(id).is_some_and(|b| b != t) {
                // Deleted here, edited there: their edit is kept (under a fresh id), and said.
                // (Deleted, and unchanged there since or never seen here: stays deleted.)
                self.note(kind, Change::Conflict);
                out.push(((self.fresh_id)(), t.clone()));
            }
        }
        out
    }

    /// One list held as (id, value) on each side, a record both sides hold decided by [`pick`].
    pub fn list<T: Clone + PartialEq>(
        &mut self,
        kind: &'static str,
        lists: [Vec<(String, T)>; 3],
        deleted: &[String],
    ) -> Vec<(String, T)> {
        self.by_id(kind, lists.each_ref().map(Vec::as_slice), deleted, pick)
    }

    /// One list of records, merged in their stored form (so that two tabs compare what they
    /// would save) and read back with the patient's age.
    pub fn records<T: StoredEntry>(
        &mut self,
        kind: &'static str,
        sides: [&[Record<T>]; 3],
        deleted: &[String],
        age: Option<f64>,
    ) -> Vec<Record<T>> {
        let stored =
            |list: &[Record<T>]| list.iter().map(|r| (r.merge_key(), r.stored())).collect();
        let read_back = |(key, stored): (String, crate::json::Json)| {
            let mut r = Record::read(&stored, age);
            if r.holds_id() {
                r.id = key;
            }
            r
        };
        let merged = self.list(kind, sides.map(stored), deleted);
        merged.into_iter().map(read_back).collect()
    }

    /// One value without an id (a form, a setting): an edit on one side wins over no change on
    /// the other; when both changed it, this tab's (the one the user is looking at) is kept.
    pub fn value<T: Clone + PartialEq>(&mut self, kind: &'static str, [b, o, t]: [&T; 3]) -> T {
        if o == b && t != b {
            self.note(kind, Change::Edited);
            t.clone()
        } else {
            o.clone()
        }
    }
}

/// A record both sides hold: ours when the other tab's copy is unchanged or equal, theirs when
/// only the other tab changed it, else a conflict (changed on both sides, or added on both with
/// one id).
pub fn pick<T: Clone + PartialEq>(
    m: &mut Merger,
    kind: &'static str,
    sides: Sides<T>,
) -> Option<T> {
    let (base, ours, theirs) = sides;
    match base {
        _ if theirs == ours => Some(ours.clone()),
        Some(b) if theirs == b => Some(ours.clone()),
        Some(b) if ours == b => {
            m.note(kind, Change::Edited);
            Some(theirs.clone())
        }
        _ => None,
    }
}
