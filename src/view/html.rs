//! The page's HTML toolkit: escaping ([`esc`]: everything user-typed or computed goes through
//! it), one builder for form fields ([`TextField`], [`RadioGroup`], [`checkbox`], [`select`],
//! each with its error slot; [`input_field`] and [`select_field`] for inputs that share one) and
//! one for tables ([`table`], [`tr`], [`td`], [`th_row`]); the result card ([`card`]).

use super::FieldIssue;

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// What a field says beside it while the user types: what was read ("= 1,000 mg"; empty while
/// nothing is typed), or why "Add" will refuse it, which the page shows as the field's error
/// (in the error colour, the field marked `aria-invalid`), not as a reading.
#[derive(Debug, Clone, PartialEq)]
pub enum Echo {
    Read(String),
    Refused(String),
}

impl Echo {
    pub fn text(&self) -> &str {
        match self {
            Echo::Read(text) | Echo::Refused(text) => text,
        }
    }
}

/// A grade badge: the number in text (never colour alone), the colour class for a quick glance.
pub fn grade_badge(grade: u8, size_class: &str) -> String {
    format!("<span class=\"grade-badge g{grade} {size_class}\">Grade {grade}</span>")
}

/// The source line under a result: the source the core names, the app version, and that this is
/// decision support.
pub fn source_line(source: &str) -> String {
    format!(
        "<p class=\"source\">Source: {}. icans-calc {} \u{2014} decision support; verify against the table.</p>",
        esc(source),
        crate::APP_VERSION
    )
}

/// A result card: `article.result-card` (`class`: further classes, each after a space; `data`:
/// its data attributes, after a space), the badge, the title, the status paragraphs and the
/// body (HTML).
pub fn card(class: &str, data: &str, badge: &str, title: &str, status: &str, body: &str) -> String {
    format!(
        "<article class=\"result-card{class}\"{data}><header class=\"result-head\">{badge}<div><h3>{title}</h3>{status}</div></header>{body}</article>"
    )
}

/// The card in place of a result (`what`: "grade" or "score"; `class`: the card's own classes,
/// each followed by a space): the prompt when nothing is entered, with `tail` after it, or the
/// message and the slot it is at.
pub fn no_result_card(
    (what, class): (&str, &str),
    title: &str,
    issue: Option<&FieldIssue>,
    (prompt, tail): (&str, &str),
) -> String {
    let badge = format!("<span class=\"grade-badge big none\">No {what}</span>");
    let (state, data, status, text, tail) = match issue {
        None => ("empty", String::new(), "status", prompt.to_string(), tail),
        Some(FieldIssue { slot, message, .. }) => {
            let text = format!("No {what} until the marked field is corrected: {message}");
            let data = format!(" data-error-slot=\"{slot}\"");
            ("invalid", data, "status error", text, "")
        }
    };
    let status = format!("<p class=\"{status}\">{}</p>", esc(&text));
    let class = format!(" {class}{state}");
    let data = format!(" data-{what}=\"none\"{data}");
    card(&class, &data, &badge, title, &status, tail)
}

// ---------------------------------------------------------------------------------------------
// Fields
//
// Every form control of the page is built here, so that labels, error slots and the ARIA links
// between them are written one way. A field's *slot* names where its message goes: the element
// `#err-{slot}` (written by [`error_slot`]), the `#echo-{slot}` output that says what a number
// was read as, and the `data-slot="{slot}"` attribute of every input whose change should clear
// or re-check that message. Several inputs may share one slot (the ICE tasks, the temperature
// and its unit).

/// The element a field's message goes in (`#err-{slot}`).
pub fn error_slot(slot: &str) -> String {
    format!("<p id=\"err-{slot}\" class=\"field-error\"></p>")
}

/// A typed value: label (with its unit), a text input that takes a decimal comma or point, the
/// echo of what was understood and the error slot. Numbers are never `type=number` (see
/// [`crate::numbers`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct TextField<'a> {
    /// The input's `name`; its id is `f-{name}`.
    pub name: &'a str,
    pub slot: &'a str,
    /// Label text (escaped here).
    pub label: &'a str,
    /// Unit text after the label, e.g. " (years)" (escaped here); empty for none.
    pub unit: &'a str,
    pub placeholder: &'a str,
    /// Extra classes of the wrapping `div.field`, e.g. `"ht-field"`.
    pub class: &'a str,
    /// Extra attributes of the wrapping div, e.g. `data-variable="anc"` (HTML as given).
    pub attrs: &'a str,
    /// HTML placed right after the input, inside `div.ht-entry` (a unit choice beside the value).
    pub beside: Option<&'a str>,
    /// Ids described by the input before its echo and error slot (e.g. a fixed unit).
    pub described_by: &'a str,
}

impl TextField<'_> {
    pub fn html(&self) -> String {
        let (name, slot) = (self.name, self.slot);
        let (class, attrs) = (opt(" ", self.class, ""), opt(" ", self.attrs, ""));
        let unit = opt("<span class=\"unit\">", &esc(self.unit), "</span>");
        let described = format!("{} echo-{slot} err-{slot}", self.described_by);
        let input = format!(
            "<input id=\"f-{name}\" name=\"{name}\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" data-slot=\"{slot}\" aria-describedby=\"{}\" placeholder=\"{}\">",
            described.trim_start(),
            esc(self.placeholder)
        );
        // With a unit choice beside it, the echo names its input (the choice is not it).
        let echo_for = opt(" for=\"f-", self.beside.map_or("", |_| name), "\"");
        let input = match self.beside {
            Some(b) => format!("<div class=\"ht-entry\">{input}{b}</div>"),
            None => input,
        };
        format!(
            "<div class=\"field{class}\"{attrs}><label for=\"f-{name}\">{}{unit}</label>{input}<output id=\"echo-{slot}\" class=\"echo\"{echo_for}></output>{}</div>",
            esc(self.label),
            error_slot(slot)
        )
    }
}

/// `before`, `s` and `after` together, or nothing when `s` is empty (an optional attribute,
/// class or unit).
fn opt(before: &str, s: &str, after: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    format!("{before}{s}{after}")
}

/// One radio button of a group: its value and its label (HTML).
pub type Choice = (String, String);

/// A radio group: `fieldset.seg` with a legend and one `label.opt` per choice. The option whose
/// value is empty ("Not assessed", "°C") is checked at first. The fieldset is left open so that
/// a caller can put a related input and the error slot inside it, then closes it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RadioGroup<'a> {
    pub name: &'a str,
    pub slot: &'a str,
    /// Legend text (escaped here).
    pub legend: &'a str,
    /// Extra classes of the fieldset, e.g. `"compact"`.
    pub class: &'a str,
    /// The legend's class (`"sr-only"` when the label beside says it already); empty for none.
    pub legend_class: &'a str,
    /// The fieldset's id; `grp-{name}` when empty.
    pub id: &'a str,
}

impl RadioGroup<'_> {
    pub fn open(&self, choices: &[Choice]) -> String {
        let id = match self.id {
            "" => format!("grp-{}", self.name),
            id => id.to_string(),
        };
        let legend_class = opt(" class=\"", self.legend_class, "\"");
        let mut h = format!(
            "<fieldset class=\"seg {}\" id=\"{id}\" aria-describedby=\"err-{}\"><legend{legend_class}>{}</legend><div class=\"options\">",
            self.class,
            self.slot,
            esc(self.legend)
        );
        for (value, label) in choices {
            let checked = if value.is_empty() { " checked" } else { "" };
            h += &radio(self.name, value, self.slot, checked, label);
        }
        h + "</div>"
    }
}

/// One radio button in its label (`extra` goes after `data-slot`, e.g. `" checked"`).
pub fn radio(name: &str, value: &str, slot: &str, extra: &str, label_html: &str) -> String {
    format!(
        "<label class=\"opt\"><input type=\"radio\" name=\"{name}\" value=\"{}\" data-slot=\"{slot}\"{extra}><span>{label_html}</span></label>",
        esc(value)
    )
}

/// A checkbox in its label: `class` of the label (`"opt check"`, `"other-cause"`), label HTML.
pub fn checkbox(name: &str, slot: &str, class: &str, label_html: &str) -> String {
    format!(
        "<label class=\"{class}\"><input type=\"checkbox\" name=\"{name}\" data-slot=\"{slot}\"><span>{label_html}</span></label>"
    )
}

/// A select: `attrs` of the element (HTML as given), options as (value, text), the selected one.
pub fn select(attrs: &str, options: &[(&str, &str)], selected: &str) -> String {
    let mut h = format!("<select {attrs}>");
    for (value, text) in options {
        let sel = if *value == selected { " selected" } else { "" };
        let (value, text) = (esc(value), esc(text));
        h += &format!("<option value=\"{value}\"{sel}>{text}</option>");
    }
    h + "</select>"
}

/// The echo (what a value was read as) and the error slot of `slot`, for a group of inputs that
/// share them (the "when" of an entry, the course's entry forms).
pub fn echo_and_error(slot: &str) -> String {
    let error = error_slot(slot);
    format!("<output id=\"echo-{slot}\" class=\"echo\"></output>{error}")
}

/// A labelled input in a `div.field` without an echo or error slot of its own (its group has
/// them, [`echo_and_error`]): `label_html` as given, `attrs` of the input after its id and name
/// (`type="date"`); `data-slot="{slot}"` unless `slot` is empty.
pub fn input_field(name: &str, label_html: &str, attrs: &str, slot: &str) -> String {
    let slot = opt(" data-slot=\"", slot, "\"");
    format!(
        "<div class=\"field\"><label for=\"f-{name}\">{label_html}</label><input id=\"f-{name}\" name=\"{name}\" {attrs}{slot}></div>"
    )
}

/// A labelled [`select`] in a `div.field`, like [`input_field`], whose first option
/// "Choose…" (value "") asks for a choice.
pub fn select_field(name: &str, label: &str, slot: &str, options: &[(&str, &str)]) -> String {
    let mut all = vec![("", "Choose\u{2026}")];
    all.extend_from_slice(options);
    let attrs = format!("id=\"f-{name}\" name=\"{name}\" data-slot=\"{slot}\"");
    format!(
        "<div class=\"field\"><label for=\"f-{name}\">{}</label>{}</div>",
        esc(label),
        select(&attrs, &all, "")
    )
}

/// Each text escaped, between `open` and `close` (`<li>`, `</li>`: the items of a list).
pub fn each(open: &str, texts: &[String], close: &str) -> String {
    let mut h = String::new();
    for t in texts {
        h += &format!("{open}{}{close}", esc(t));
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Tables
//
// Tables are built as rows of cells. Cell contents are HTML: escape text with [`esc`] first.

/// A header cell of a row (`<th scope="row">`).
pub fn th_row(html: &str) -> String {
    format!("<th scope=\"row\">{html}</th>")
}

/// A data cell; `attrs` like `class="fired" data-points="1"` (empty for none).
pub fn td(attrs: &str, html: &str) -> String {
    format!("<td{}>{html}</td>", opt(" ", attrs, ""))
}

/// A row; `attrs` like `class="driver" data-domain="tool"` (empty for none).
pub fn tr(attrs: &str, cells: &[String]) -> String {
    format!("<tr{}>{}</tr>", opt(" ", attrs, ""), cells.concat())
}

/// A table: `attrs` of the element (`class="domains" id="x"`), caption HTML, the column headers
/// (HTML, each `<th scope="col">`), the body rows (from [`tr`]) and an optional footer row.
/// Rows are passed as a slice (not an iterator) so that this is one copy in the wasm.
pub fn table(
    attrs: &str,
    caption: &str,
    head: &[&str],
    rows: &[String],
    foot: Option<&str>,
) -> String {
    let mut cols = String::new();
    for c in head {
        cols += &format!("<th scope=\"col\">{c}</th>");
    }
    let (rows, foot) = (
        rows.concat(),
        opt("<tfoot>", foot.unwrap_or(""), "</tfoot>"),
    );
    format!(
        "<table {attrs}><caption>{caption}</caption><thead><tr>{cols}</tr></thead><tbody>{rows}</tbody>{foot}</table>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn a_text_field_links_its_label_echo_and_error_slot() {
        let h = TextField {
            name: "age",
            slot: "age",
            label: "Age",
            unit: " (years)",
            placeholder: "e.g. 39",
            ..TextField::default()
        }
        .html();
        assert_eq!(
            h,
            "<div class=\"field\"><label for=\"f-age\">Age<span class=\"unit\"> (years)</span></label><input id=\"f-age\" name=\"age\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" data-slot=\"age\" aria-describedby=\"echo-age err-age\" placeholder=\"e.g. 39\"><output id=\"echo-age\" class=\"echo\"></output><p id=\"err-age\" class=\"field-error\"></p></div>"
        );
    }

    #[test]
    fn a_radio_group_checks_the_empty_choice_and_points_at_its_error_slot() {
        let choices = [
            (String::new(), "Not assessed".to_string()),
            ("x".to_string(), "<b>X</b>".to_string()),
        ];
        let g = RadioGroup {
            name: "seizure",
            slot: "seizure",
            legend: "Seizure",
            ..RadioGroup::default()
        };
        let h = format!("{}</fieldset>", g.open(&choices));
        assert!(h.starts_with("<fieldset class=\"seg \" id=\"grp-seizure\" aria-describedby=\"err-seizure\"><legend>Seizure</legend>"));
        assert!(h.contains(
            "name=\"seizure\" value=\"\" data-slot=\"seizure\" checked><span>Not assessed</span>"
        ));
        assert!(h.contains("value=\"x\" data-slot=\"seizure\"><span><b>X</b></span>"));
        assert!(h.ends_with("</div></fieldset>"));
    }

    #[test]
    fn a_table_has_caption_header_body_and_optional_footer() {
        let rows = [tr("class=\"driver\"", &[th_row("A"), td("", "1")])];
        let h = table(
            "class=\"t\"",
            "Cap",
            &["Name", "Value"],
            &rows,
            Some("<tr><td>f</td></tr>"),
        );
        assert_eq!(
            h,
            "<table class=\"t\"><caption>Cap</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Value</th></tr></thead><tbody><tr class=\"driver\"><th scope=\"row\">A</th><td>1</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>"
        );
        assert_eq!(
            select("id=\"s\"", &[("", "none"), ("a", "A & B")], "a"),
            "<select id=\"s\"><option value=\"\">none</option><option value=\"a\" selected>A &amp; B</option></select>"
        );
    }

    #[test]
    fn fields_that_share_a_slot_have_labels_and_no_slot_of_their_own() {
        assert_eq!(
            input_field("med-mg", "Dose", "type=\"text\"", "med"),
            "<div class=\"field\"><label for=\"f-med-mg\">Dose</label><input id=\"f-med-mg\" name=\"med-mg\" type=\"text\" data-slot=\"med\"></div>"
        );
        assert!(!input_field("note", "Note", "type=\"text\"", "").contains("data-slot"));
        let s = select_field("med-drug", "Drug", "med", &[("a", "A & B")]);
        assert!(s.starts_with("<div class=\"field\"><label for=\"f-med-drug\">Drug</label><select id=\"f-med-drug\" name=\"med-drug\" data-slot=\"med\"><option value=\"\" selected>Choose\u{2026}</option>"));
        assert!(s.ends_with("<option value=\"a\">A &amp; B</option></select></div>"));
        assert_eq!(
            echo_and_error("med"),
            "<output id=\"echo-med\" class=\"echo\"></output><p id=\"err-med\" class=\"field-error\"></p>"
        );
    }

    #[test]
    fn a_card_without_a_result_prompts_or_points_at_the_field() {
        let empty = no_result_card(
            ("score", "ht-card "),
            "T",
            None,
            ("Enter <all>", "<p>s</p>"),
        );
        assert_eq!(
            empty,
            "<article class=\"result-card ht-card empty\" data-score=\"none\"><header class=\"result-head\"><span class=\"grade-badge big none\">No score</span><div><h3>T</h3><p class=\"status\">Enter &lt;all&gt;</p></div></header><p>s</p></article>"
        );
        let issue = FieldIssue::new("age", "Age must be 0-120");
        let invalid = no_result_card(("grade", ""), "ICANS", Some(&issue), ("p", "<p>s</p>"));
        assert_eq!(
            invalid,
            "<article class=\"result-card invalid\" data-grade=\"none\" data-error-slot=\"age\"><header class=\"result-head\"><span class=\"grade-badge big none\">No grade</span><div><h3>ICANS</h3><p class=\"status error\">No grade until the marked field is corrected: Age must be 0-120</p></div></header></article>"
        );
    }

    #[test]
    fn badge_carries_the_grade_as_text() {
        assert!(grade_badge(3, "big").contains(">Grade 3<"));
    }
}
