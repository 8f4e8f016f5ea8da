//! Minimal HTML text helpers: everything user-typed or computed goes through [`esc`].

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

/// A grade badge: the number in text (never colour alone), the colour class for a quick glance.
pub fn grade_badge(grade: u8, size_class: &str) -> String {
    format!("<span class=\"grade-badge g{grade} {size_class}\">Grade {grade}</span>")
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
    fn badge_carries_the_grade_as_text() {
        assert!(grade_badge(3, "big").contains(">Grade 3<"));
    }
}
