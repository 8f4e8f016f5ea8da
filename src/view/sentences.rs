//! The course in words on the page and in the printed report: each statement of
//! [`crate::narrative`] as a line of HTML, the same words the note for the medical record gives.

use super::html::esc;
use crate::case::{COURSE_RULES, CaseResult};
use crate::narrative::{Sentence, course_lines};
use crate::sources::LEE_2019_SHORT;

/// A line of the course summary on the page and in the printed report (`data-course`: what it
/// is about).
pub fn line_html(s: &Sentence) -> String {
    let (about, text) = (s.about, esc(&s.text));
    format!("<p class=\"course-line\" data-course=\"{about}\">{text}</p>")
}

/// The course in words on the page, with the rules and sources it was derived from.
pub fn summary_html(r: &CaseResult) -> String {
    let lines: String = course_lines(r).iter().map(line_html).collect();
    let (rules, grades) = (esc(COURSE_RULES), esc(LEE_2019_SHORT));
    let version = crate::APP_VERSION;
    lines + &format!("<p class=\"source\">{rules} Grades: {grades}. icans-calc {version}.</p>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::narrative::plain_course;

    #[test]
    fn a_sentence_says_the_same_in_html_and_in_text() {
        let s = Sentence {
            about: "steroids",
            text: "Total: 4 mg <dex>".into(),
        };
        assert_eq!(s.text, "Total: 4 mg <dex>");
        assert_eq!(
            line_html(&s),
            "<p class=\"course-line\" data-course=\"steroids\">Total: 4 mg &lt;dex&gt;</p>"
        );
    }

    #[test]
    fn the_page_and_the_note_give_the_same_course_lines() {
        let case = crate::example::example_case().expect("example");
        let r = crate::case::evaluate(&case);
        let html = summary_html(&r);
        let text = plain_course(&r);
        for line in course_lines(&r) {
            assert!(html.contains(&line_html(&line)), "{html}");
            assert!(text.contains(&line.text), "{text}");
        }
        assert_eq!(course_lines(&r).len(), 5);
    }
}
