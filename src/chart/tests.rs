//! The charts on a backend other than SVG: a recording backend that can be made to fail, to
//! check that drawing is generic, never measures text through the backend (on wasm that would
//! mean a DOM round trip per label), and turns backend failures into readable errors.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::drawing::IntoDrawingArea;
use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use super::*;
use crate::input::kinetics::parse_kinetics;
use crate::json::Json;
use crate::kinetics::{AucMethod, HorizonDays, Series, analyse};
use crate::kinetics::{SeriesName, run};

#[derive(Debug)]
struct Broken;

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the page went away")
    }
}

impl std::error::Error for Broken {}

/// What a recorder saw.
#[derive(Default)]
struct Log {
    calls: usize,
    measured: bool,
    text_sizes: Vec<f64>,
    texts: Vec<String>,
}

/// Counts drawing calls into a shared log; fails on call number `fail_at`; notes any request to
/// measure text.
struct Recorder {
    log: Rc<RefCell<Log>>,
    fail_at: Option<usize>,
}

impl Recorder {
    fn tick(&mut self) -> Result<(), DrawingErrorKind<Broken>> {
        let mut log = self.log.borrow_mut();
        log.calls += 1;
        if Some(log.calls) == self.fail_at {
            Err(DrawingErrorKind::DrawingError(Broken))
        } else {
            Ok(())
        }
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Broken;

    fn get_size(&self) -> (u32, u32) {
        (700, 420)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Broken>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Broken>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
        _: bool,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        _: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: u32,
        _: &S,
        _: bool,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        _: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        self.tick()
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Broken>> {
        {
            let mut log = self.log.borrow_mut();
            log.text_sizes.push(style.size());
            log.texts.push(text.to_string());
        }
        self.tick()
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        _: &str,
        _: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Broken>> {
        self.log.borrow_mut().measured = true;
        Ok((10, 10))
    }
}

fn kinetics_sample() -> KineticsChart {
    let s = Series::new(&[
        (0.0, 0.0),
        (7.0, 6.2),
        (14.0, 77.7),
        (28.0, 27.9),
        (90.0, 2.5),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    let summary = analyse(&s, AucMethod::Linear, &HorizonDays::DEFAULTS);
    KineticsChart::from_analysis(
        &[(SeriesName::Total, &s, &summary)],
        Some(HorizonDays::DAY_28),
    )
}

fn course_sample() -> CourseChart {
    CourseChart {
        icans_grade: vec![(14.0, 3), (14.04, 4), (15.4, 0)],
        crs_grade: vec![(14.0, 0)],
        ice_score: vec![(14.0, 2), (15.4, 10)],
        events: vec![Event {
            day: 14.04,
            label: "IT MTX + AraC + dex".to_string(),
            kind: EventKind::Intrathecal,
        }],
        cumulative_steroid_dex_eq_mg: vec![(14.0, 20.0), (15.0, 96.0)],
    }
}

fn labs_sample() -> LabsChart {
    LabsChart {
        series: vec![LabSeries {
            label: "CRP".to_string(),
            unit: "mg/L".to_string(),
            points: vec![(0.0, 3.0), (7.0, 185.0)],
        }],
    }
}

/// Draws chart `which` (0 kinetics, 1 course, 2 labs) on a recorder failing at call `fail_at`.
fn record(which: usize, fail_at: Option<usize>) -> (Result<(), ChartError>, Rc<RefCell<Log>>) {
    let log = Rc::new(RefCell::new(Log::default()));
    let root = Recorder {
        log: Rc::clone(&log),
        fail_at,
    }
    .into_drawing_area();
    let theme = Theme {
        font_size_factor: 1.0,
        ..Theme::light()
    };
    let result = match which {
        0 => draw_kinetics(&root, &kinetics_sample(), &theme),
        1 => draw_course(&root, &course_sample(), &theme),
        _ => draw_labs(&root, &labs_sample(), &theme),
    };
    (result, log)
}

#[test]
fn charts_draw_on_any_backend_without_measuring_text() {
    for which in 0..3 {
        let (result, log) = record(which, None);
        assert_eq!(result, Ok(()), "chart {which}");
        let log = log.borrow();
        assert!(log.calls > 20, "chart {which} drew {} things", log.calls);
        assert!(
            !log.measured,
            "chart {which} asked the backend to measure text"
        );
        // With a factor of 1 the backend gets the theme's sizes; nothing below 10.5 px.
        assert!(
            log.text_sizes
                .iter()
                .all(|&s| (10.5..=12.0 + 1e-9).contains(&s)),
            "{:?}",
            log.text_sizes
        );
    }
    let (_, log) = record(0, None);
    assert!(
        log.borrow()
            .texts
            .iter()
            .any(|t| t == "Cmax 77.7 cells/µL, day +14")
    );
}

#[test]
fn a_failing_backend_is_a_readable_error_at_any_point() {
    for which in 0..3 {
        let (_, log) = record(which, None);
        let total = log.borrow().calls;
        for fail_at in [1, 2, total / 2, total] {
            let (result, _) = record(which, Some(fail_at));
            match result {
                Err(ChartError::Drawing(msg)) => {
                    assert!(msg.contains("the page went away"), "{msg}");
                    let shown = ChartError::Drawing(msg).to_string();
                    assert!(
                        shown.starts_with("the chart could not be drawn: "),
                        "{shown}"
                    );
                }
                other => panic!("chart {which} failing at {fail_at}: {other:?}"),
            }
        }
    }
}

#[test]
fn from_run_matches_from_analysis() {
    let input: Json = serde_json::from_str(
        r#"{"series": {"cd4": [[0, 0], [14, 70], [28, 26.5]], "total": [[0, 0], [14, 77.7], [28, 27.9]]}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse_kinetics(&input, "").unwrap_or_else(|e| panic!("{e}"));
    let (_, summaries) = run(&parsed);
    let chart = KineticsChart::from_run(&parsed, &summaries, Some(HorizonDays::DAY_28));
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Total CAR-T", "CD4+ CAR-T"]);
    assert_eq!(chart.series[0].cmax, Some((14.0, 77.7)));
    let w = chart.auc_window.unwrap_or_else(|| panic!("no AUC window"));
    assert_eq!(w.series, 0);
    assert_eq!(w.polygon, vec![(0.0, 0.0), (14.0, 77.7), (28.0, 27.9)]);
    // 14 * 77.7 / 2 + 14 * (77.7 + 27.9) / 2 = 543.9 + 739.2 = 1283.1
    assert_eq!(w.detail.as_deref(), Some("1283.1 cells/µL × day"));
    // A horizon the analysis did not compute is computed for the label.
    let chart = KineticsChart::from_run(
        &parsed,
        &summaries,
        Some(HorizonDays::new(14.0).unwrap_or_else(|e| panic!("{e}"))),
    );
    let w = chart.auc_window.unwrap_or_else(|| panic!("no AUC window"));
    assert_eq!(w.label, "AUC0-14 (linear)");
    assert_eq!(w.detail.as_deref(), Some("543.9 cells/µL × day"));
    // No horizon: no shading, no note.
    let chart = KineticsChart::from_run(&parsed, &summaries, None);
    assert!(chart.auc_window.is_none() && chart.notes.is_empty());
}

#[test]
fn svg_parts_cut_a_chart_into_its_elements_and_nothing_else() {
    let theme = Theme::light();
    let charts = [
        kinetics_svg(&kinetics_sample(), &theme, 700, 420),
        course_svg(&course_sample(), &theme, 700, 480),
        labs_svg(&labs_sample(), &theme, 700, 400),
    ];
    for svg in charts {
        let svg = svg.unwrap();
        let (head, parts) = svg_parts(&svg).unwrap();
        assert_eq!(format!("{head}{}</svg>\n", parts.concat()), svg);
        let tags = svg.matches('<').count() - svg.matches("</").count();
        assert_eq!(parts.len(), tags - 1, "one part per element below <svg>");
        for part in &parts {
            let lines = part.lines().count();
            let text = part.starts_with("<text ");
            assert_eq!(lines, if text { 3 } else { 1 }, "{part}");
        }
        assert!(parts.iter().any(|p| p.starts_with("<text ")));
    }
    assert_eq!(svg_parts(""), None);
    assert_eq!(svg_parts("<p>no graph</p>"), None);
    assert_eq!(
        svg_parts("<svg a=\"1\">\n</svg>\n"),
        Some(("<svg a=\"1\">\n", vec![]))
    );
    assert_eq!(svg_parts("<svg a=\"1\">\ntext\n</svg>\n"), None);
}

/// Makes the replacements of `svg_edits` on the elements of `old`, as the page does on the nodes.
fn apply_edits(old: &str, new: &str) -> Option<String> {
    let (head, parts) = svg_parts(old).unwrap();
    let (elements, edits) = svg_edits(old, new)?;
    assert_eq!(elements, parts.len());
    let mut parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    for edit in edits {
        parts.splice(edit.at..edit.at + edit.count, [edit.run.to_string()]);
    }
    Some(format!("{head}{}</svg>\n", parts.concat()))
}

#[test]
fn svg_edits_turn_the_old_chart_into_the_new_one_or_say_write_it_whole() {
    let theme = Theme::light();
    let chart = |s: &KineticsChart| kinetics_svg(s, &theme, 700, 420).unwrap();
    let old = chart(&kinetics_sample());
    assert_eq!(
        svg_edits(&old, &old),
        Some((svg_parts(&old).unwrap().1.len(), vec![]))
    );
    // One element changed, in place.
    let (head, parts) = svg_parts(&old).unwrap();
    let mut changed: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    changed[3] = "<circle r=\"9\"/>\n".into();
    let one = format!("{head}{}</svg>\n", changed.concat());
    assert_eq!(svg_edits(&old, &one).unwrap().1.len(), 1);
    assert_eq!(apply_edits(&old, &one).as_deref(), Some(one.as_str()));
    // Elements added and removed: one run replaced.
    changed.insert(5, "<line/>\n".into());
    changed.remove(1);
    let moved = format!("{head}{}</svg>\n", changed.concat());
    assert_eq!(apply_edits(&old, &moved).as_deref(), Some(moved.as_str()));
    // The last element removed: nothing put in its place.
    changed.pop();
    let shorter = format!("{head}{}</svg>\n", changed.concat());
    assert_eq!(
        apply_edits(&moved, &shorter).as_deref(),
        Some(shorter.as_str())
    );
    // Another theme changes most elements: written whole.
    let dark = kinetics_svg(&kinetics_sample(), &Theme::dark(), 700, 420).unwrap();
    assert_eq!(svg_edits(&old, &dark), None);
    // Another size changes the <svg> line; not a chart at all.
    let wider = kinetics_svg(&kinetics_sample(), &theme, 720, 420).unwrap();
    assert_eq!(svg_edits(&old, &wider), None);
    assert_eq!(svg_edits(&old, "<p>no graph</p>"), None);
    assert_eq!(svg_edits("", &old), None);
}
