//! The browser store: several named cases, each a [`Workspace`], with a schema version so data
//! written by another version is recognised (and set aside, never overwritten, when unreadable).
//! Also the Case & report panel's HTML.

use super::html::esc;
use super::workspace::Workspace;
use serde::{Deserialize, Serialize};

pub const STORE_SCHEMA: &str = "icans-calc/store@1";
pub const STORE_KEY: &str = "icans-calc:store";
pub const QUARANTINE_PREFIX: &str = "icans-calc:unreadable:";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCase {
    pub id: String,
    pub name: String,
    /// ISO 8601 time of the last change, as the browser gives it.
    pub updated_at: String,
    pub workspace: Workspace,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    pub schema: String,
    pub app_version: String,
    pub current: String,
    pub cases: Vec<StoredCase>,
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
        }
    }

    /// Checks a store read back from the browser: known schema, at least one case, unique ids,
    /// and a current case that exists. Anything else is treated as unreadable.
    pub fn check(self) -> Result<Store, String> {
        if self.schema != STORE_SCHEMA {
            return Err(format!(
                "saved data has schema \u{201c}{}\u{201d}, this version reads {STORE_SCHEMA}",
                self.schema
            ));
        }
        if self.cases.is_empty() {
            return Err("saved data holds no case".to_string());
        }
        for (i, c) in self.cases.iter().enumerate() {
            if self.cases.iter().take(i).any(|o| o.id == c.id) {
                return Err(format!("two saved cases share the id {}", c.id));
            }
        }
        if !self.cases.iter().any(|c| c.id == self.current) {
            let first = self.cases.first().map(|c| c.id.clone()).unwrap_or_default();
            return Ok(Store {
                current: first,
                ..self
            });
        }
        Ok(self)
    }

    /// A name not yet used: `base`, then `base (2)`, `base (3)`...
    pub fn unique_name(&self, base: &str) -> String {
        let base = if base.trim().is_empty() {
            "Case"
        } else {
            base.trim()
        };
        if !self.cases.iter().any(|c| c.name == base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|name| !self.cases.iter().any(|c| &c.name == name))
            .unwrap_or_else(|| base.to_string())
    }

    /// The next "Case N" name.
    pub fn next_case_name(&self) -> String {
        (1..)
            .map(|n| format!("Case {n}"))
            .find(|name| !self.cases.iter().any(|c| &c.name == name))
            .unwrap_or_else(|| "Case".to_string())
    }
}

/// The store to write when this tab autosaves its open case: what is stored now (possibly
/// changed by another tab since this one read it) with only `ours` put in, so another tab's
/// other cases are never overwritten by this tab's older copy of them.
pub fn merge_open_case(stored: Store, ours: &StoredCase, current: &str) -> Store {
    let mut merged = stored;
    match merged.cases.iter_mut().find(|c| c.id == ours.id) {
        Some(slot) => *slot = ours.clone(),
        None => merged.cases.push(ours.clone()),
    }
    merged.current = current.to_string();
    merged.app_version = crate::APP_VERSION.to_string();
    merged
}

/// The Case & report panel's fixed parts.
pub fn case_panel_html() -> String {
    String::from(
        "<div class=\"case-grid\">\
         <section class=\"card\" aria-labelledby=\"patient-title\"><h2 id=\"patient-title\">Patient</h2>\
           <form id=\"patient-form\" novalidate autocomplete=\"off\">\
             <div class=\"field\"><label for=\"f-label\">Patient label <span class=\"unit\">(your own reference; no identifiers are needed)</span></label><input id=\"f-label\" name=\"label\" type=\"text\" class=\"wide\" autocomplete=\"off\"></div>\
             <div class=\"field\"><label for=\"f-infusionDate\">CAR-T infusion date (day 0) <span class=\"unit\">(optional; lets you enter dates instead of day numbers)</span></label><input id=\"f-infusionDate\" name=\"infusionDate\" type=\"date\" aria-describedby=\"err-infusion\"><p id=\"err-infusion\" class=\"field-error\"></p></div>\
           </form><p class=\"note\">The age is entered with the ICANS assessment (it chooses ICE or CAPD).</p></section>\
         <section class=\"card\" aria-labelledby=\"cases-title\"><h2 id=\"cases-title\">Saved cases <span class=\"sub\">(kept in this browser only)</span></h2>\
           <div id=\"case-list\"></div>\
           <div class=\"actions\"><button type=\"button\" class=\"btn\" data-action=\"case-new\">New empty case</button><button type=\"button\" class=\"btn\" data-action=\"case-example\">Load the published example</button></div>\
           <p id=\"case-status\" class=\"status\" role=\"status\"></p></section>\
         <section class=\"card\" aria-labelledby=\"io-title\"><h2 id=\"io-title\">Export and import</h2>\
           <p class=\"note\">Browser storage is not the medical record: export the case to keep it. The JSON file holds the whole case and can be imported again on any device.</p>\
           <div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"export-json\">Export case (JSON)</button>\
             <input type=\"file\" id=\"import-file\" accept=\"application/json,.json\" class=\"file-input\"><label class=\"btn file-btn\" for=\"import-file\">Import case (JSON)\u{2026}</label></div>\
           <fieldset class=\"seg compact\" id=\"grp-csv\"><legend>Spreadsheet (CSV) format</legend><div class=\"options\">\
             <label class=\"opt\"><input type=\"radio\" name=\"csv-style\" value=\"comma\" checked><span>Comma, decimal point</span></label>\
             <label class=\"opt\"><input type=\"radio\" name=\"csv-style\" value=\"semicolon\"><span>Semicolon, decimal comma (European spreadsheets)</span></label></div></fieldset>\
           <div class=\"actions\"><button type=\"button\" class=\"btn\" data-action=\"export-kinetics-csv\">Kinetics CSV</button><button type=\"button\" class=\"btn\" data-action=\"export-course-csv\">Course CSV</button></div>\
           <p id=\"io-status\" class=\"status\" role=\"status\"></p></section>\
         <section class=\"card\" aria-labelledby=\"report-title\"><h2 id=\"report-title\">Report</h2>\
           <p class=\"note\">The printed report (A4) holds the current grades with their basis, the course, graphs, kinetics and steroid tables, sources and the app version.</p>\
           <div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"print\">Print report</button><button type=\"button\" class=\"btn\" data-action=\"copy-note\">Copy summary for the record</button></div>\
           <div id=\"copy-fallback\" hidden><label for=\"copy-text\">Copying is not available here: select the text and copy it.</label><textarea id=\"copy-text\" rows=\"8\" readonly></textarea></div>\
           <p id=\"report-status\" class=\"status\" role=\"status\"></p></section>\
         </div>",
    )
}

/// The list of saved cases with open, rename and delete.
pub fn case_list_html(store: &Store, renaming: Option<&str>) -> String {
    let mut h = String::from(
        "<table class=\"list\" id=\"case-table\"><caption class=\"sr-only\">Saved cases</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Last change</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>",
    );
    for c in &store.cases {
        let current = c.id == store.current;
        let name_cell = if renaming == Some(c.id.as_str()) {
            format!(
                "<label class=\"sr-only\" for=\"rename-input\">New name for {}</label><input id=\"rename-input\" type=\"text\" value=\"{}\" class=\"rename\"><button type=\"button\" class=\"btn small\" data-action=\"case-rename-save\" data-id=\"{}\">Save name</button>",
                esc(&c.name),
                esc(&c.name),
                esc(&c.id)
            )
        } else {
            format!(
                "{}{}",
                esc(&c.name),
                if current {
                    " <span class=\"mark\">open</span>"
                } else {
                    ""
                }
            )
        };
        let open = if current {
            String::new()
        } else {
            format!(
                "<button type=\"button\" class=\"btn small\" data-action=\"case-open\" data-id=\"{}\">Open</button>",
                esc(&c.id)
            )
        };
        h.push_str(&format!(
            "<tr data-id=\"{}\"{}><th scope=\"row\">{name_cell}</th><td>{}</td><td class=\"row-actions\">{open}<button type=\"button\" class=\"btn small\" data-action=\"case-rename\" data-id=\"{}\">Rename</button><button type=\"button\" class=\"icon-btn\" data-action=\"case-delete\" data-id=\"{}\" aria-label=\"Delete case {}\">\u{2715}</button></td></tr>",
            esc(&c.id),
            if current { " class=\"current\"" } else { "" },
            esc(&short_time(&c.updated_at)),
            esc(&c.id),
            esc(&c.id),
            esc(&c.name)
        ));
    }
    h.push_str("</tbody></table>");
    h
}

/// "2026-11-26 10:57" from an ISO time.
fn short_time(iso: &str) -> String {
    iso.get(..16)
        .map(|s| s.replace('T', " "))
        .unwrap_or_else(|| iso.to_string())
}

/// A file name for exports: letters, digits and dashes from the label, plus the date.
pub fn file_name(label: &str, date: &str, ext: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "case".to_string()
    } else {
        slug
    };
    format!("icans-calc-{slug}-{date}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn autosave_keeps_cases_another_tab_wrote() {
        // This tab read cases c0, c1; another tab then added c2 and changed c1.
        let mut stored = store(&["A", "B", "C"]);
        stored.cases[1].workspace.notes = vec!["edited in the other tab".into()];
        let mut ours = store(&["A"]).cases.remove(0);
        ours.workspace.notes = vec!["edited here".into()];
        let merged = merge_open_case(stored, &ours, "c0");
        assert_eq!(merged.cases.len(), 3);
        assert_eq!(
            merged.cases[0].workspace.notes,
            vec!["edited here".to_string()]
        );
        assert_eq!(
            merged.cases[1].workspace.notes,
            vec!["edited in the other tab".to_string()]
        );
        assert_eq!(merged.current, "c0");
    }

    #[test]
    fn autosave_adds_the_open_case_if_the_stored_copy_lacks_it() {
        let stored = store(&["A"]);
        let mut ours = store(&["A"]).cases.remove(0);
        ours.id = "new".into();
        let merged = merge_open_case(stored, &ours, "new");
        assert_eq!(
            merged
                .cases
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            vec!["c0", "new"]
        );
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Published case (Front Immunol 2024)", "2026-11-26", "json"),
            "icans-calc-published-case-front-immunol-2024-2026-11-26.json"
        );
        assert_eq!(
            file_name("", "2026-11-26", "csv"),
            "icans-calc-case-2026-11-26.csv"
        );
    }

    #[test]
    fn case_list_marks_the_open_case_and_offers_actions() {
        let html = case_list_html(&store(&["A", "B"]), None);
        assert!(html.contains("class=\"current\""));
        assert!(html.contains("data-action=\"case-open\" data-id=\"c1\""));
        assert!(!html.contains("data-action=\"case-open\" data-id=\"c0\""));
    }
}
