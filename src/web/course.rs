//! The course panel and the "record this assessment" card: committed assessments, medications
//! and labs in; the course in words, tables and the published comparison out.

use super::{app, assess, dom};
use crate::display::day_time;
use crate::view::RawForm;
use crate::view::course as view;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

pub fn bind(doc: &Document) -> Result<(), JsValue> {
    dom::set_html(doc, "course-root", &view::course_skeleton_html());
    let (med, lab) = app::with(|a| (a.workspace.med_entry.clone(), a.workspace.lab_entry.clone()));
    restore_entry(doc, "med-form", &med);
    let analyte = lab.get("lab-analyte").cloned().unwrap_or_default();
    dom::set_html(doc, "lab-unit-field", &view::lab_unit_select(&analyte));
    restore_entry(doc, "lab-form", &lab);

    dom::on_actions(doc, &["panel-course", "record-card"], |doc, action, el| {
        let index: Option<usize> = el.get_attribute("data-index").and_then(|i| i.parse().ok());
        on_action(doc, action, index);
    })?;

    // record-form's edits are handled with the assessment forms (web/assess.rs).
    dom::on_form_edits(doc, &["med-form", "lab-form"], |doc, event| {
        let target_name = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("name"))
            .unwrap_or_default();
        if target_name == "lab-analyte" {
            let analyte = collect(doc, "lab-form")
                .get("lab-analyte")
                .cloned()
                .unwrap_or_default();
            dom::set_html(doc, "lab-unit-field", &view::lab_unit_select(&analyte));
        }
        let med = collect(doc, "med-form");
        let lab = collect(doc, "lab-form");
        echo_entries(doc, &med, &lab);
        app::with(|a| {
            a.workspace.med_entry = med;
            a.workspace.lab_entry = lab;
        });
        app::save();
    })?;
    show_editing(doc);
    render(doc);
    Ok(())
}

/// Shows what each entry field was understood as, next to it.
fn echo_entries(doc: &Document, med: &RawForm, lab: &RawForm) {
    let (med_when, lab_when) = app::with(|a| {
        (
            view::when_echo(&a.workspace, med, "med"),
            view::when_echo(&a.workspace, lab, "lab"),
        )
    });
    dom::set_text(doc, "echo-med-when", &med_when);
    dom::set_text(doc, "echo-lab-when", &lab_when);
    dom::set_text(doc, "echo-med", &view::number_echo(med, "med-mg", "mg"));
    let unit = lab.get("lab-unit").cloned().unwrap_or_default();
    dom::set_text(doc, "echo-lab", &view::number_echo(lab, "lab-value", &unit));
}

fn collect(doc: &Document, id: &str) -> RawForm {
    let mut form = RawForm::new();
    dom::collect_form(doc, id, &mut form);
    form
}

fn restore_entry(doc: &Document, form_id: &str, form: &RawForm) {
    let Ok(nodes) = doc.query_selector_all(&format!("#{form_id} input, #{form_id} select")) else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(node) = nodes.item(i) else { continue };
        if let Ok(input) = node.clone().dyn_into::<HtmlInputElement>() {
            input.set_value(form.get(&input.name()).map(String::as_str).unwrap_or(""));
        } else if let Ok(select) = node.dyn_into::<HtmlSelectElement>() {
            select.set_value(form.get(&select.name()).map(String::as_str).unwrap_or(""));
        }
    }
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

fn set_issue(doc: &Document, slot: &str, message: &str) {
    dom::set_text(doc, &format!("err-{slot}"), message);
}

fn on_action(doc: &Document, action: &str, index: Option<usize>) {
    match action {
        "record" => record(doc),
        "record-cancel" => {
            app::with(|a| a.workspace.editing = None);
            clear_assessment(doc);
            dom::set_text(
                doc,
                "record-status",
                "Editing cancelled; the recorded assessment is unchanged.",
            );
        }
        "assess-clear" => {
            clear_assessment(doc);
            dom::set_text(
                doc,
                "record-status",
                "The form is cleared (the age is kept).",
            );
        }
        "assessment-edit" => {
            let Some(i) = index else { return };
            let Some(json) = app::with(|a| a.workspace.assessments.get(i).cloned()) else {
                return;
            };
            app::with(|a| a.workspace.editing = Some(i));
            assess::replace_form(doc, &view::form_from_assessment(&json));
            dom::set_text(doc, "record-status", "");
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash("assess");
            }
        }
        "assessment-delete" => {
            let Some(i) = index else { return };
            let Some(entry) = app::with(|a| a.workspace.assessments.get(i).cloned()) else {
                return;
            };
            // An entry stored with an unreadable day can still be deleted.
            let what = view::day_of(&entry)
                .map(|d| format!("the assessment of {}", day_time(d)))
                .unwrap_or_else(|| "this assessment".to_string());
            if !confirm(&format!("Delete {what}? This cannot be undone.")) {
                return;
            }
            app::with(|a| {
                a.workspace.assessments.remove(i);
                a.workspace.editing = match a.workspace.editing {
                    Some(e) if e == i => None,
                    Some(e) if e > i => Some(e - 1),
                    other => other,
                };
            });
        }
        "med-add" => {
            let form = collect(doc, "med-form");
            let entry = app::with(|a| view::read_medication_entry(&a.workspace, &form));
            set_issue(doc, "med", "");
            set_issue(doc, "med-when", "");
            match entry {
                Ok(json) => {
                    app::with(|a| {
                        a.workspace.medications.push(json);
                        a.workspace.med_entry = RawForm::new();
                    });
                    restore_entry(doc, "med-form", &RawForm::new());
                }
                Err(i) => {
                    set_issue(doc, i.slot, &i.message);
                    return;
                }
            }
        }
        "med-delete" => {
            let Some(i) = index else { return };
            if !confirm("Delete this medication from the log?") {
                return;
            }
            app::with(|a| {
                if i < a.workspace.medications.len() {
                    a.workspace.medications.remove(i);
                }
            });
        }
        "lab-add" => {
            let form = collect(doc, "lab-form");
            let entry = app::with(|a| view::read_lab_entry(&a.workspace, &form));
            set_issue(doc, "lab", "");
            set_issue(doc, "lab-when", "");
            match entry {
                Ok(json) => {
                    // Keep the marker and unit for the next value of the same series.
                    let keep: RawForm = form
                        .iter()
                        .filter(|(k, _)| k.as_str() == "lab-analyte" || k.as_str() == "lab-unit")
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    app::with(|a| {
                        a.workspace.labs.push(json);
                        a.workspace.lab_entry = keep.clone();
                    });
                    restore_entry(doc, "lab-form", &keep);
                }
                Err(i) => {
                    set_issue(doc, i.slot, &i.message);
                    return;
                }
            }
        }
        "lab-delete" => {
            let Some(i) = index else { return };
            if !confirm("Delete this lab value?") {
                return;
            }
            app::with(|a| {
                if i < a.workspace.labs.len() {
                    a.workspace.labs.remove(i);
                }
            });
        }
        _ => return,
    }
    show_editing(doc);
    render(doc);
    app::save();
}

fn clear_assessment(doc: &Document) {
    let age = app::with(|a| a.workspace.assess.get("age").cloned());
    let mut form = RawForm::new();
    if let Some(age) = age {
        form.insert("age".into(), age);
    }
    app::with(|a| a.workspace.editing = None);
    assess::replace_form(doc, &form);
    show_editing(doc);
    app::save();
}

fn record(doc: &Document) {
    let form = assess::collect(doc);
    let view_now = crate::view::assess::read_assessment(&form);
    let result = app::with(|a| view::record_assessment(&a.workspace, &form, &view_now));
    set_issue(doc, "when", "");
    match result {
        Err(i) => {
            set_issue(doc, i.slot, &i.message);
            dom::set_text(doc, "record-status", "Not recorded: see the message above.");
        }
        Ok(json) => {
            let day = view::day_of(&json);
            let replaced = app::with(|a| {
                let editing = a.workspace.editing.take();
                match editing.and_then(|i| a.workspace.assessments.get_mut(i)) {
                    Some(slot) => {
                        // The edited record keeps its id (a merge sees an edit, not a new record).
                        *slot = match slot.text_at("id") {
                            Some(id) => crate::view::store::set_record_id(json, id),
                            None => json,
                        };
                        true
                    }
                    None => {
                        a.workspace.assessments.push(json);
                        false
                    }
                }
            });
            let grades = grades_text(&view_now);
            clear_assessment(doc);
            let when = day.map(day_time).unwrap_or_default();
            dom::set_text(
                doc,
                "record-status",
                &format!(
                    "{} {when}: {grades}. See the Course tab.",
                    if replaced {
                        "Saved the changes to"
                    } else {
                        "Recorded"
                    }
                ),
            );
            render(doc);
        }
    }
}

fn grades_text(v: &crate::view::assess::AssessView) -> String {
    use crate::view::assess::Outcome;
    let mut parts = Vec::new();
    if let Outcome::Graded(r) = &v.icans {
        parts.push(format!("ICANS grade {}", r.grade));
    }
    if let Outcome::Graded(r) = &v.crs {
        parts.push(format!("CRS grade {}", r.grade));
    }
    parts.join(", ")
}

/// Shows whether the form edits a recorded assessment.
fn show_editing(doc: &Document) {
    let editing = app::with(|a| {
        a.workspace
            .editing
            .and_then(|i| a.workspace.assessments.get(i).cloned())
    });
    let label = editing.as_ref().and_then(view::day_of).map(day_time);
    match label {
        Some(l) => {
            dom::set_text(
                doc,
                "record-editing",
                &format!("Editing the recorded assessment of {l}. Save the changes or cancel."),
            );
            dom::set_hidden(doc, "record-editing", false);
            dom::set_text(doc, "record-button", "Save changes");
            dom::set_hidden(doc, "record-cancel", false);
        }
        None => {
            dom::set_hidden(doc, "record-editing", true);
            dom::set_text(doc, "record-button", "Add to course");
            dom::set_hidden(doc, "record-cancel", true);
        }
    }
}

/// Shows the open workspace's entry forms and course (after switching cases).
pub fn refresh(doc: &Document) {
    let (med, lab) = app::with(|a| (a.workspace.med_entry.clone(), a.workspace.lab_entry.clone()));
    restore_entry(doc, "med-form", &med);
    let analyte = lab.get("lab-analyte").cloned().unwrap_or_default();
    dom::set_html(doc, "lab-unit-field", &view::lab_unit_select(&analyte));
    restore_entry(doc, "lab-form", &lab);
    show_editing(doc);
    render(doc);
}

/// Re-renders every derived region of the course panel.
pub fn render(doc: &Document) {
    // The top bar shows the last recorded grades when the form is empty: keep it in step with
    // the course (record, delete, import).
    assess::render_summary(doc);
    let ws = app::with(|a| a.workspace.clone());
    dom::set_html(doc, "case-notes", &view::case_notes_html(&ws));
    match view::evaluate_course(&ws) {
        Ok(eval) => {
            let r = &eval.result;
            dom::set_html(
                doc,
                "course-summary",
                &format!(
                    "{}{}",
                    view::rejected_entries_html(&eval.rejected),
                    view::summary_html(r)
                ),
            );
            dom::set_html(
                doc,
                "assessment-list",
                &view::assessment_list_html(&eval, ws.editing),
            );
            dom::set_html(
                doc,
                "steroid-summary",
                &view::steroid_summary_html(&r.steroids),
            );
            dom::set_html(doc, "med-list", &view::medication_list_html(&eval));
            dom::set_html(doc, "steroid-table", &view::steroid_table_html(&r.steroids));
            dom::set_html(doc, "lab-list", &view::lab_list_html(&eval));
            dom::set_html(doc, "comparison", &view::comparison_html(r));
            super::charts::course(doc, &ws, r);
        }
        Err(e) => {
            dom::set_html(
                doc,
                "course-summary",
                &format!(
                    "<p class=\"status error\">The course cannot be computed: {}</p>",
                    crate::view::html::esc(&e.to_string())
                ),
            );
        }
    }
}
