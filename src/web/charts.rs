//! Graphs: plotters draws SVG in the pure core; this puts it in the page with its text
//! alternative. (Chart drawing is being added; until then the captions say what is shown.)

use super::dom;
use crate::case::CaseResult;
use crate::view::workspace::Workspace;
use web_sys::Document;

pub fn course(doc: &Document, _ws: &Workspace, r: &CaseResult) {
    let caption = if r.assessments.is_empty() {
        "No graph yet: record assessments to see the course."
    } else {
        "Course graph: ICANS and CRS grade over time, with medications."
    };
    dom::set_text(doc, "course-chart-caption", caption);
    dom::set_text(
        doc,
        "labs-chart-caption",
        "Lab markers over time, one panel per marker.",
    );
}

/// Vector graphs for the printed report.
pub struct ReportCharts {
    pub course: Option<String>,
    pub kinetics: Option<String>,
    pub labs: Option<String>,
}

pub fn report_svgs(
    _ws: &Workspace,
    _course: Option<&CaseResult>,
    _kinetics: &crate::view::kinetics::KineticsView,
) -> ReportCharts {
    ReportCharts {
        course: None,
        kinetics: None,
        labs: None,
    }
}
