//! What the page shows, as pure functions from form values and results to HTML text.
//!
//! Nothing here touches the DOM: the wasm layer collects the form's `name -> value` pairs into a
//! [`RawForm`], calls these functions and puts the returned HTML into the page. That keeps every
//! rule about what is shown (which tool, which error at which field, what a result says)
//! testable on the host.

pub mod action;
pub mod assess;
pub mod baseline;
pub mod charts;
pub mod cohort;
pub mod course;
pub mod html;
pub mod kinetics;
pub mod limits;
pub mod report;
pub mod sentences;
pub mod store;
pub mod workspace;

use std::collections::BTreeMap;

/// A form's values as the browser holds them: text fields as typed, the checked value of each
/// radio group, `"on"` for each ticked checkbox. Absent names are empty or unticked.
pub type RawForm = BTreeMap<String, String>;

/// A message to show at one field (its error slot), and no result.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIssue {
    /// The error slot's name: the element `#err-{slot}` and the inputs with `data-slot="{slot}"`.
    pub slot: &'static str,
    pub message: String,
    /// The form field (its `name`) to mark as wrong, where one field is: an entry form's empty
    /// dose or unchosen drug ("Enter the dose.") has no echo of its own to show it.
    pub field: Option<&'static str>,
}

impl FieldIssue {
    pub fn new(slot: &'static str, message: impl Into<String>) -> Self {
        FieldIssue {
            slot,
            message: message.into(),
            field: None,
        }
    }

    /// The same issue, marking `field`.
    pub fn at(self, field: &'static str) -> Self {
        FieldIssue {
            field: Some(field),
            ..self
        }
    }
}

/// The first letter in upper case (a core message at the start of a sentence; the core's
/// messages begin with an ASCII letter or a quotation mark, so ASCII case is enough).
pub fn capitalise(s: &str) -> String {
    let (first, rest) = s.split_at(s.chars().next().map_or(0, char::len_utf8));
    first.to_ascii_uppercase() + rest
}

/// A number as the page echoes it: every digit kept, a decimal point
/// ([`crate::numbers::format_decimal`]).
pub fn point(x: f64) -> String {
    crate::numbers::format_decimal(x, crate::numbers::DecimalSeparator::Point)
}

/// Reads a form value, treating absent and empty alike.
pub fn value<'a>(form: &'a RawForm, name: &str) -> &'a str {
    form.get(name).map(|s| s.trim()).unwrap_or("")
}

pub fn ticked(form: &RawForm, name: &str) -> bool {
    !value(form, name).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_begins_with_a_capital() {
        assert_eq!(capitalise("day must be"), "Day must be");
        assert_eq!(capitalise(""), "");
    }
}
