#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The charts drawn into SVG strings and read back: markers per sample, open markers on the
//! floor, Cmax label, legend, AUC shading, log ticks, step lines, events, per-panel units,
//! "no data", edge cases and errors.
//!
//! Every test theme gives each role its own colour, so an element's role can be told from its
//! colour alone.

use icans_calc::chart::{
    AucWindow, ChartError, ChartSeries, CourseChart, Event, EventKind, KineticsChart, LabSeries,
    LabsChart, Theme, course_summary_text, course_svg, kinetics_summary_text, kinetics_svg,
    labs_summary_text, labs_svg,
};
use icans_calc::kinetics::SeriesName;
use icans_calc::kinetics::{
    AucMethod, HorizonDays, Series, SeriesSummary, analyse, auc_window_points,
};
use plotters::style::RGBColor;

// ---------------------------------------------------------------------------------------------
// A small SVG reader (plotters writes one element per line, attributes in double quotes).

#[derive(Debug, Clone)]
struct El {
    tag: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl El {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn num(&self, key: &str) -> f64 {
        self.get(key)
            .unwrap_or_else(|| panic!("{} has no {key}: {self:?}", self.tag))
            .parse()
            .unwrap()
    }
    fn points(&self) -> Vec<(f64, f64)> {
        self.get("points")
            .unwrap_or("")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }
    fn fill(&self) -> &str {
        self.get("fill").unwrap_or("")
    }
    fn stroke(&self) -> &str {
        self.get("stroke").unwrap_or("")
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn parse(svg: &str) -> Vec<El> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let end = rest.find('>').unwrap();
        let inner = rest[..end].trim_end_matches('/');
        let (tag, mut attrs_str) = inner.split_once(' ').unwrap_or((inner, ""));
        let mut attrs = Vec::new();
        while let Some(eq) = attrs_str.find("=\"") {
            let key = attrs_str[..eq].trim().to_string();
            let after = &attrs_str[eq + 2..];
            let close = after.find('"').unwrap();
            attrs.push((key, unescape(&after[..close])));
            attrs_str = &after[close + 1..];
        }
        let mut text = String::new();
        if tag == "text" {
            let body = &rest[end + 1..];
            let stop = body.find("</text>").unwrap();
            text = unescape(body[..stop].trim());
        }
        out.push(El {
            tag: tag.to_string(),
            attrs,
            text,
        });
        rest = &rest[end + 1..];
    }
    out
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn texts(els: &[El]) -> Vec<&El> {
    els.iter().filter(|e| e.tag == "text").collect()
}

fn text_el<'a>(els: &'a [El], s: &str) -> &'a El {
    els.iter()
        .find(|e| e.tag == "text" && e.text == s)
        .unwrap_or_else(|| {
            let all: Vec<&str> = texts(els).iter().map(|e| e.text.as_str()).collect();
            panic!("no text {s:?} in {all:?}")
        })
}

fn has_text(els: &[El], s: &str) -> bool {
    els.iter().any(|e| e.tag == "text" && e.text == s)
}

/// Filled circles, open circles (outline, no fill) and the rest, of one colour.
fn circles<'a>(els: &'a [El], color: &str) -> (Vec<&'a El>, Vec<&'a El>) {
    let filled = els
        .iter()
        .filter(|e| e.tag == "circle" && e.fill() == color)
        .collect();
    let open = els
        .iter()
        .filter(|e| e.tag == "circle" && e.fill() == "none" && e.stroke() == color)
        .collect();
    (filled, open)
}

/// Filled polygons with `n` vertices in `color` (triangles 3, squares/diamonds 4).
fn filled_shapes<'a>(els: &'a [El], color: &str, n: usize) -> Vec<&'a El> {
    els.iter()
        .filter(|e| e.tag == "polygon" && e.fill() == color && e.get("opacity") == Some("1"))
        .filter(|e| e.points().len() == n)
        .collect()
}

/// Open polygon markers: closed outlines of `n` vertices (+1 repeated) in `color`.
fn open_shapes<'a>(els: &'a [El], color: &str, n: usize) -> Vec<&'a El> {
    els.iter()
        .filter(|e| e.tag == "polyline" && e.stroke() == color)
        .filter(|e| {
            let p = e.points();
            p.len() == n + 1 && p.first() == p.last()
        })
        .collect()
}

fn centroid(el: &El) -> (f64, f64) {
    let mut p = el.points();
    if p.len() > 1 && p.first() == p.last() {
        p.pop();
    }
    let n = p.len() as f64;
    (
        p.iter().map(|q| q.0).sum::<f64>() / n,
        p.iter().map(|q| q.1).sum::<f64>() / n,
    )
}

// ---------------------------------------------------------------------------------------------
// Test data.

/// A theme in which every role has its own colour.
fn test_theme() -> Theme {
    Theme {
        background: RGBColor(0xfe, 0xfe, 0xfe),
        text: RGBColor(0x10, 0x10, 0x10),
        muted_text: RGBColor(0x20, 0x20, 0x20),
        axis: RGBColor(0x30, 0x30, 0x30),
        grid: RGBColor(0xd0, 0xd0, 0xd1),
        grid_minor: RGBColor(0xe0, 0xe0, 0xe1),
        series: [
            RGBColor(0x00, 0x00, 0xa1),
            RGBColor(0xa2, 0x00, 0x00),
            RGBColor(0x00, 0xa3, 0x00),
            RGBColor(0xa4, 0x00, 0xa4),
        ],
        floor: RGBColor(0x40, 0x41, 0x42),
        icans: RGBColor(0x50, 0x00, 0x51),
        crs: RGBColor(0x52, 0x53, 0x00),
        ice: RGBColor(0x00, 0x54, 0x55),
        steroid: RGBColor(0x56, 0x30, 0x00),
        event_steroid: RGBColor(0x60, 0x40, 0x01),
        event_intrathecal: RGBColor(0x61, 0x01, 0x61),
        event_anticytokine: RGBColor(0x01, 0x40, 0x62),
        event_other: RGBColor(0x63, 0x63, 0x63),
        ..Theme::light()
    }
}

const CASE: [(f64, f64); 12] = [
    (0.0, 0.0),
    (3.0, 0.4),
    (7.0, 6.2),
    (10.0, 22.0),
    (14.0, 77.7),
    (17.0, 33.0),
    (21.0, 30.2),
    (28.0, 27.9),
    (42.0, 12.65),
    (56.0, 6.95),
    (90.0, 2.5),
    (180.0, 0.76),
];

fn analysed(
    series: &[(SeriesName, &[(f64, f64)])],
    method: AucMethod,
) -> Vec<(SeriesName, Series, SeriesSummary)> {
    series
        .iter()
        .map(|(n, pts)| {
            let s = Series::new(pts).unwrap();
            let summary = analyse(&s, method, &HorizonDays::DEFAULTS);
            (*n, s, summary)
        })
        .collect()
}

fn chart_of(
    series: &[(SeriesName, &[(f64, f64)])],
    method: AucMethod,
    horizon: Option<HorizonDays>,
) -> KineticsChart {
    let a = analysed(series, method);
    let refs: Vec<(SeriesName, &Series, &SeriesSummary)> =
        a.iter().map(|(n, s, summary)| (*n, s, summary)).collect();
    KineticsChart::from_analysis(&refs, horizon)
}

fn case_chart() -> KineticsChart {
    chart_of(
        &[(SeriesName::Total, &CASE)],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    )
}

const CD4: [(f64, f64); 7] = [
    (0.0, 0.0),
    (7.0, 12.0),
    (10.0, 38.0),
    (14.0, 70.0),
    (21.0, 37.0),
    (28.0, 26.5),
    (90.0, 2.45),
];
const CD8: [(f64, f64); 7] = [
    (0.0, 0.0),
    (7.0, 8.0),
    (10.0, 17.0),
    (14.0, 7.7),
    (21.0, 3.0),
    (28.0, 1.4),
    (90.0, 0.05),
];

fn three_series_chart() -> KineticsChart {
    // Given out of order on purpose: the chart orders total, CD4+, CD8+.
    chart_of(
        &[
            (SeriesName::Cd8, &CD8),
            (SeriesName::Total, &CASE),
            (SeriesName::Cd4, &CD4),
        ],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    )
}

fn draw_k(chart: &KineticsChart, w: u32, h: u32) -> Vec<El> {
    let svg = kinetics_svg(chart, &test_theme(), w, h).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    parse(&svg)
}

/// The y of the dashed "below detection" floor line (every dash on one y).
fn floor_y(els: &[El]) -> f64 {
    let floor = hex(test_theme().floor);
    let dashes: Vec<&El> = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.stroke() == floor)
        .collect();
    assert!(dashes.len() > 5, "the floor line is dashed");
    let y = dashes[0].points()[0].1;
    for d in &dashes {
        for p in d.points() {
            assert_eq!(p.1, y, "every floor dash on one line");
        }
    }
    y
}

// ---------------------------------------------------------------------------------------------
// Kinetics.

#[test]
fn kinetics_one_marker_per_sample_open_for_zeros() {
    let els = draw_k(&case_chart(), 700, 420);
    let total = hex(test_theme().series[0]);
    let (filled, open) = circles(&els, &total);
    // 11 positive samples + 1 legend marker; the Cmax ring is an outline with a larger radius.
    assert_eq!(filled.len(), 11 + 1);
    let marker_r = filled[0].num("r");
    let open_markers: Vec<&&El> = open.iter().filter(|e| e.num("r") < marker_r).collect();
    let rings: Vec<&&El> = open.iter().filter(|e| e.num("r") > marker_r).collect();
    assert_eq!(open_markers.len(), 1, "the day-0 zero is an open marker");
    assert_eq!(rings.len(), 1, "one Cmax ring");
    // The open marker sits on the floor line, below every positive value.
    let fy = floor_y(&els);
    assert_eq!(open_markers[0].num("cy"), fy);
    let lowest_positive = filled
        .iter()
        .map(|e| e.num("cy"))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        fy > lowest_positive + 10.0,
        "floor {fy} below {lowest_positive}"
    );
    // And below the lowest decade line of the scale ("0.1" for a smallest value of 0.4).
    assert!(fy > text_el(&els, "0.1").num("y") + 10.0);
    assert!(has_text(&els, "below detection"));
}

#[test]
fn kinetics_marker_heights_follow_a_log_scale() {
    let els = draw_k(&case_chart(), 700, 420);
    let y = |label: &str| text_el(&els, label).num("y");
    let (y01, y1, y10, y100) = (y("0.1"), y("1"), y("10"), y("100"));
    assert!(y01 > y1 && y1 > y10 && y10 > y100);
    let d = y1 - y10;
    assert!((y01 - y1 - d).abs() <= 1.0 && (y10 - y100 - d).abs() <= 1.0);
    // The Cmax marker (77.7) sits where log10 puts it between 10 and 100.
    let total = hex(test_theme().series[0]);
    let (filled, _) = circles(&els, &total);
    // The Cmax ring is centred on the day-14 marker.
    let ring = circles(&els, &total)
        .1
        .into_iter()
        .max_by(|a, b| a.num("r").total_cmp(&b.num("r")))
        .unwrap();
    let top = filled
        .iter()
        .find(|e| e.num("cx") == ring.num("cx"))
        .expect("a marker on day +14")
        .num("cy");
    assert_eq!(top, ring.num("cy"));
    let expected = y10 - 77.7f64.log10().fract() * d;
    assert!((top - expected).abs() <= 1.5, "{top} vs {expected}");
}

#[test]
fn kinetics_labels_cmax_legend_and_ticks() {
    let chart = case_chart();
    let els = draw_k(&chart, 700, 420);
    assert!(has_text(&els, "Cmax 77.7 cells/µL, day +14"));
    assert!(has_text(&els, "Total CAR-T"));
    assert!(has_text(&els, "open marker = below detection"));
    assert!(has_text(&els, "Days since infusion"));
    assert!(has_text(&els, "CAR-T cells/µL (log scale)"));
    for label in ["0.1", "1", "10", "100"] {
        assert!(has_text(&els, label), "decade {label}");
    }
    for t in texts(&els) {
        let s = &t.text;
        assert!(
            !s.contains("e+") && !s.contains("e-") && !s.chars().any(|c| c == 'E'),
            "exponent notation in {s:?}"
        );
        assert!(
            !s.split_whitespace()
                .any(|w| ["NaN", "inf", "-inf", "infinity"].contains(&w)),
            "{s:?}"
        );
    }
    // Day 0 is marked: the infusion line runs through the "0" tick.
    let x0 = text_el(&els, "0").num("x");
    let axis = hex(test_theme().axis);
    assert!(els.iter().any(|e| {
        e.tag == "polyline"
            && e.stroke() == axis
            && e.points().len() == 2
            && e.points()[0].0 == x0
            && e.points()[1].0 == x0
            && (e.points()[0].1 - e.points()[1].1).abs() > 100.0
    }));
    assert!(has_text(&els, "infusion"));
}

#[test]
fn kinetics_auc_window_is_shaded_and_labelled() {
    let chart = case_chart();
    let w = chart.auc_window.as_ref().unwrap();
    assert_eq!(w.label, "AUC0-28 (linear)");
    assert_eq!(w.detail.as_deref(), Some("751.3 cells/µL × day"));
    let s = Series::new(&CASE).unwrap();
    assert_eq!(
        w.polygon,
        auc_window_points(&s, AucMethod::Linear, HorizonDays::DAY_28).unwrap()
    );
    let els = draw_k(&chart, 700, 420);
    let total = hex(test_theme().series[0]);
    let shaded: Vec<&El> = els
        .iter()
        .filter(|e| e.tag == "polygon" && e.fill() == total && e.get("opacity") != Some("1"))
        .collect();
    assert_eq!(shaded.len(), 1);
    let pts = shaded[0].points();
    // The window's points plus the two corners on the base line.
    assert_eq!(pts.len(), w.polygon.len() + 2);
    let fy = floor_y(&els);
    assert_eq!(pts[0].1, fy);
    assert_eq!(pts[pts.len() - 1].1, fy);
    // It ends at day +28: the x of the "28" tick.
    assert_eq!(pts[pts.len() - 1].0, text_el(&els, "28").num("x"));
    assert!(has_text(&els, "AUC0-28 (linear)"));
    assert!(has_text(&els, "751.3 cells/µL × day"));

    let log = chart_of(
        &[(SeriesName::Total, &CASE)],
        AucMethod::LinUpLogDown,
        Some(HorizonDays::DAY_28),
    );
    assert_eq!(
        log.auc_window.as_ref().unwrap().label,
        "AUC0-28 (lin-up/log-down)"
    );
}

#[test]
fn kinetics_auc_needing_extrapolation_is_not_shaded_and_says_why() {
    let short = [(0.0, 0.0), (4.0, 5.0), (8.0, 40.0), (21.0, 7.0)];
    let chart = chart_of(
        &[(SeriesName::Total, &short)],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    );
    assert!(chart.auc_window.is_none());
    assert_eq!(chart.notes.len(), 1);
    assert!(chart.notes[0].starts_with("AUC0-28 (linear) not shaded"));
    let els = draw_k(&chart, 700, 420);
    let total = hex(test_theme().series[0]);
    assert!(
        !els.iter()
            .any(|e| e.tag == "polygon" && e.fill() == total && e.get("opacity") != Some("1"))
    );
    let all: String = texts(&els).iter().map(|e| e.text.clone() + " ").collect();
    assert!(all.contains("not shaded"), "{all}");
    assert!(kinetics_summary_text(&chart).contains("not shaded"));
}

#[test]
fn kinetics_three_series_differ_by_shape_and_dash() {
    let chart = three_series_chart();
    let names: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Total CAR-T", "CD4+ CAR-T", "CD8+ CAR-T"]);
    let els = draw_k(&chart, 700, 420);
    let th = test_theme();
    let (c0, c1, c2) = (hex(th.series[0]), hex(th.series[1]), hex(th.series[2]));
    // Total: circles; CD4+: triangles; CD8+: squares. Each sample has one marker (+1 legend).
    assert_eq!(circles(&els, &c0).0.len(), 11 + 1);
    assert_eq!(filled_shapes(&els, &c1, 3).len(), 6 + 1);
    assert_eq!(filled_shapes(&els, &c2, 4).len(), 6 + 1);
    // Zeros: one open marker of each shape, all on the floor (overlapping markers stay
    // visible because open markers are not filled).
    let fy = floor_y(&els);
    let marker_r = circles(&els, &c0).0[0].num("r");
    let open_c: Vec<&El> = circles(&els, &c0)
        .1
        .into_iter()
        .filter(|e| e.num("r") < marker_r)
        .collect();
    let open_t = open_shapes(&els, &c1, 3);
    let open_s = open_shapes(&els, &c2, 4);
    assert_eq!((open_c.len(), open_t.len(), open_s.len()), (1, 1, 1));
    assert_eq!(open_c[0].num("cy"), fy);
    assert!((centroid(open_t[0]).1 - fy).abs() <= 1.0);
    assert!((centroid(open_s[0]).1 - fy).abs() <= 1.0);
    // Series 0 is one solid polyline through its 12 samples; 1 and 2 are dashed (many pieces).
    let lines = |c: &str| {
        els.iter()
            .filter(|e| {
                e.tag == "polyline" && e.stroke() == c && e.get("stroke-width") == Some("2")
            })
            .filter(|e| {
                let p = e.points();
                !(p.len() >= 3 && p.first() == p.last())
            })
            .count()
    };
    assert_eq!(lines(&c0), 1 + 1, "one line + the legend sample");
    assert!(lines(&c1) > 10, "dashed");
    assert!(lines(&c2) > 10, "dotted");
    let data_line = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == c0 && e.points().len() == CASE.len())
        .expect("total line with one vertex per sample");
    assert_eq!(data_line.points().len(), 12);
    // Several Cmax values go into the legend, one ring each.
    assert!(has_text(&els, "Total CAR-T (Cmax 77.7 cells/µL, day +14)"));
    assert!(has_text(&els, "CD4+ CAR-T (Cmax 70 cells/µL, day +14)"));
    assert!(has_text(&els, "CD8+ CAR-T (Cmax 17 cells/µL, day +10)"));
    // The y range covers the smallest value (0.05 -> the 0.01 decade).
    assert!(has_text(&els, "0.01"));
}

#[test]
fn kinetics_edge_cases_draw() {
    let theme = Theme::light();
    // One point.
    let one = chart_of(
        &[(SeriesName::Total, &[(14.0, 50.0)])],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    );
    let els = parse(&kinetics_svg(&one, &test_theme(), 700, 420).unwrap());
    assert!(has_text(&els, "Cmax 50 cells/µL, day +14"));
    assert!(has_text(&els, "10") && has_text(&els, "100"));

    // All zero: every marker open on the floor, no Cmax, a scale still drawn.
    let zeros = [(0.0, 0.0), (7.0, 0.0), (14.0, 0.0)];
    let chart = chart_of(
        &[(SeriesName::Total, &zeros)],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    );
    assert!(chart.series[0].cmax.is_none());
    let els = draw_k(&chart, 700, 420);
    let c0 = hex(test_theme().series[0]);
    let (filled, open) = circles(&els, &c0);
    assert_eq!(filled.len(), 1, "legend only");
    assert_eq!(open.len(), 3);
    let fy = floor_y(&els);
    assert!(open.iter().all(|e| e.num("cy") == fy));
    assert!(kinetics_summary_text(&chart).contains("all below detection"));

    // 1,000 points over a year, values 0.01 to 100 000.
    let dense: Vec<(f64, f64)> = (0..1000)
        .map(|i| {
            let d = f64::from(i) * 0.4;
            let v = if i % 100 == 50 {
                0.0
            } else {
                10f64.powf(5.0 - 7.0 * (f64::from(i) / 999.0))
            };
            (d, v)
        })
        .collect();
    let chart = chart_of(
        &[(SeriesName::Total, &dense)],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    );
    let els = draw_k(&chart, 700, 420);
    let (filled, open) = circles(&els, &c0);
    let r = filled[0].num("r");
    assert_eq!(filled.len(), 990 + 1);
    assert_eq!(open.iter().filter(|e| e.num("r") < r).count(), 10);
    assert!(has_text(&els, "0.01") && has_text(&els, "100\u{202f}000"));
    assert!(has_text(&els, "360"), "a year of days");
    for (w, h) in [(700, 420), (360, 300), (1400, 900), (120, 120)] {
        kinetics_svg(&chart, &theme, w, h).unwrap();
        kinetics_svg(&chart, &Theme::dark(), w, h).unwrap();
    }

    // Absurd ranges still draw, with readable powers of ten and labels that do not pile up.
    let absurd = KineticsChart {
        series: vec![ChartSeries {
            name: "Total".to_string(),
            points: vec![(1.0, 1e-9), (2.0, 1e12), (3.0, 0.0)],
            cmax: Some((2.0, 1e12)),
        }],
        ..KineticsChart::new()
    };
    for (w, h) in [(700, 420), (360, 300), (120, 120)] {
        let els = draw_k(&absurd, w, h);
        let ticks: Vec<&El> = texts(&els)
            .into_iter()
            .filter(|e| e.text.starts_with("10") && e.get("text-anchor") == Some("end"))
            .collect();
        assert!(ticks.len() >= 2, "{w}x{h}");
        assert!(ticks.iter().any(|e| e.text.contains('⁻')), "{w}x{h}");
        let mut ys: Vec<f64> = ticks.iter().map(|e| e.num("y")).collect();
        ys.sort_by(f64::total_cmp);
        assert!(
            ys.windows(2).all(|p| p[1] - p[0] >= 10.0),
            "{w}x{h}: {ys:?}"
        );
    }

    // Empty.
    let els = draw_k(&KineticsChart::new(), 700, 420);
    assert!(has_text(&els, "No CAR-T counts to plot yet"));
    let empty_series = KineticsChart {
        series: vec![ChartSeries::default()],
        ..KineticsChart::new()
    };
    let els = draw_k(&empty_series, 360, 300);
    assert!(has_text(&els, "No CAR-T counts to plot yet"));
}

#[test]
fn kinetics_plain_data_without_the_core() {
    // A hand-made chart: unsorted points, a window polygon with a 0 start.
    let chart = KineticsChart {
        series: vec![ChartSeries {
            name: "Total".to_string(),
            points: vec![(14.0, 80.0), (0.0, 0.0), (7.0, 10.0)],
            cmax: Some((14.0, 80.0)),
        }],
        auc_window: Some(AucWindow {
            label: "AUC0-14 (linear)".to_string(),
            detail: None,
            series: 0,
            polygon: vec![(0.0, 0.0), (7.0, 10.0), (14.0, 80.0)],
        }),
        ..KineticsChart::new()
    };
    let els = draw_k(&chart, 700, 420);
    let c0 = hex(test_theme().series[0]);
    let line = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == c0 && e.points().len() == 3)
        .unwrap();
    let xs: Vec<f64> = line.points().iter().map(|p| p.0).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "drawn in day order");
    assert!(has_text(&els, "AUC0-14 (linear)"));
}

#[test]
fn kinetics_bad_data_is_an_error_naming_the_point() {
    let theme = Theme::light();
    let mut chart = KineticsChart::new();
    chart.series.push(ChartSeries {
        name: "Total CAR-T".to_string(),
        points: vec![(0.0, 0.0), (7.0, 5.0), (14.0, f64::NAN)],
        cmax: None,
    });
    let err = kinetics_svg(&chart, &theme, 700, 420).unwrap_err();
    assert!(matches!(err, ChartError::InvalidData(_)));
    let msg = err.to_string();
    assert!(
        msg.contains("Total CAR-T point 3") && msg.contains("day +14"),
        "{msg}"
    );
    chart.series[0].points[2].1 = -1.0;
    assert!(kinetics_svg(&chart, &theme, 700, 420).is_err());
    chart.series[0].points[2] = (f64::INFINITY, 1.0);
    assert!(
        kinetics_svg(&chart, &theme, 700, 420)
            .unwrap_err()
            .to_string()
            .contains("day must be a finite number")
    );
    chart.series[0].points[2] = (14.0, 1.0);
    assert!(kinetics_svg(&chart, &theme, 700, 420).is_ok());
    chart.series = vec![chart.series[0].clone(); 5];
    assert!(
        kinetics_svg(&chart, &theme, 700, 420)
            .unwrap_err()
            .to_string()
            .contains("at most 4")
    );
    let err = kinetics_svg(&KineticsChart::new(), &theme, 10, 420).unwrap_err();
    assert_eq!(
        err,
        ChartError::Size {
            width: 10,
            height: 420
        }
    );
    assert!(err.to_string().contains("10 x 420"));
}

#[test]
fn kinetics_summary_reads_the_numbers() {
    let text = kinetics_summary_text(&case_chart());
    assert!(text.contains("log scale"));
    assert!(text.contains("Total CAR-T: 12 samples from day 0 to day +180"));
    assert!(text.contains("peaked at 77.7 cells/µL on day +14"));
    assert!(text.contains("last above detection 0.76 cells/µL on day +180"));
    assert!(text.contains("1 below detection (day 0)"));
    assert!(text.contains("AUC0-28 (linear), 751.3 cells/µL × day, from day 0 to day +28"));
    assert!(!text.contains('\n'));
    assert_eq!(
        kinetics_summary_text(&KineticsChart::new()),
        "CAR-T kinetics chart: no counts entered yet."
    );
}

#[test]
fn themes_paint_the_background() {
    for theme in [Theme::light(), Theme::dark()] {
        let svg = kinetics_svg(&case_chart(), &theme, 700, 420).unwrap();
        let els = parse(&svg);
        let bg = els.iter().find(|e| e.tag == "rect").unwrap();
        assert_eq!(bg.fill(), hex(theme.background));
        assert_eq!((bg.num("width"), bg.num("height")), (700.0, 420.0));
        // Text is drawn in the theme's text colour at the theme's size (SVG backend / 1.24).
        let label = text_el(&els, "Total CAR-T");
        assert_eq!(label.fill(), hex(theme.text));
        let size = label.num("font-size");
        assert!((size - theme.font_px).abs() < 0.01, "{size}");
    }
}

// ---------------------------------------------------------------------------------------------
// Course.

fn case_course() -> CourseChart {
    let h = |hours: f64| hours / 24.0;
    CourseChart {
        icans_grade: vec![
            (14.0 + h(1.0), 4),
            (14.0, 3),
            (14.0 + h(7.0), 2),
            (14.0 + h(33.0), 0),
            (13.0, 1),
        ],
        crs_grade: vec![(13.0, 1), (14.0, 0), (15.0, 0)],
        ice_score: vec![
            (14.0, 2),
            (14.0 + h(1.0), 0),
            (14.0 + h(7.0), 6),
            (15.5, 10),
        ],
        events: vec![
            Event {
                day: 14.0,
                label: "Dexamethasone 20 mg IV".to_string(),
                kind: EventKind::Steroid,
            },
            Event {
                day: 14.0 + h(1.0),
                label: "IT MTX 15 mg + AraC 40 mg + dex 4 mg".to_string(),
                kind: EventKind::Intrathecal,
            },
            Event {
                day: 13.2,
                label: "Tocilizumab 8 mg/kg".to_string(),
                kind: EventKind::Anticytokine,
            },
        ],
        cumulative_steroid_dex_eq_mg: vec![(14.0, 20.0), (14.5, 40.0), (15.0, 96.0)],
    }
}

fn draw_c(chart: &CourseChart, w: u32, h: u32) -> Vec<El> {
    parse(&course_svg(chart, &test_theme(), w, h).unwrap())
}

#[test]
fn course_step_lines_have_two_vertices_per_change() {
    let els = draw_c(&case_course(), 700, 420);
    let th = test_theme();
    // ICANS: solid step line, 5 assessments -> 2*5 - 1 vertices, in day order, horizontal then
    // vertical.
    let icans = hex(th.icans);
    let line = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == icans && e.points().len() > 2)
        .unwrap();
    let p = line.points();
    assert_eq!(p.len(), 2 * 5 - 1);
    for (k, pair) in p.windows(2).enumerate() {
        if k % 2 == 0 {
            assert_eq!(pair[0].1, pair[1].1, "hold the grade");
            assert!(pair[0].0 <= pair[1].0);
        } else {
            assert_eq!(pair[0].0, pair[1].0, "change at the assessment");
        }
    }
    // One marker per assessment (+1 in the header legend).
    assert_eq!(circles(&els, &icans).0.len(), 5 + 1);
    let crs = hex(th.crs);
    assert_eq!(filled_shapes(&els, &crs, 4).len(), 3 + 1);
    assert!(
        els.iter()
            .filter(|e| e.tag == "polyline" && e.stroke() == crs)
            .count()
            > 5,
        "CRS is dashed"
    );
    // ICE: one line through 4 scores, triangles.
    let ice = hex(th.ice);
    let ice_line = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == ice)
        .unwrap();
    assert_eq!(ice_line.points().len(), 4);
    assert_eq!(filled_shapes(&els, &ice, 3).len(), 4);
    // Cumulative steroid: from 0 at the left edge, 2n - 1 step vertices, held to the right edge.
    let steroid = hex(th.steroid);
    let st = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == steroid && e.points().len() > 2)
        .unwrap()
        .points();
    assert_eq!(st.len(), 2 + (2 * 3 - 1) + 1);
    assert_eq!(st[0].1, st[1].1, "0 before the first dose");
    assert_eq!(st[st.len() - 1].1, st[st.len() - 2].1, "total held");
    assert!(st.windows(2).all(|w| w[1].1 <= w[0].1), "never decreases");
}

#[test]
fn course_events_labels_units_and_hours() {
    let els = draw_c(&case_course(), 700, 420);
    let th = test_theme();
    for label in [
        "Dexamethasone 20 mg IV",
        "IT MTX 15 mg + AraC 40 mg + dex 4 mg",
        "Tocilizumab 8 mg/kg",
        "Grade (ASTCT 2019):",
        "ICANS",
        "CRS",
        "ICE score (0-10, 10 = normal)",
        "Cumulative systemic steroid, mg dexamethasone-eq.: 96 mg",
        "steroid",
        "intrathecal",
        "anti-cytokine",
        "Days since infusion (+h = hours into the day)",
        "+12h",
        "14",
    ] {
        assert!(has_text(&els, label), "{label}");
    }
    // Shapes by kind: steroid down-triangles, intrathecal diamonds, anti-cytokine squares
    // (each: the event + its legend entry), plus a dotted guide per event in the other panels.
    assert_eq!(filled_shapes(&els, &hex(th.event_steroid), 3).len(), 2);
    assert_eq!(filled_shapes(&els, &hex(th.event_intrathecal), 4).len(), 2);
    assert_eq!(filled_shapes(&els, &hex(th.event_anticytokine), 4).len(), 2);
    assert!(
        !has_text(&els, "other"),
        "kinds not used are not in the legend"
    );
    let summary = course_summary_text(&case_course());
    assert!(summary.contains("ICANS grade: 5 assessments; peak grade 4 first on day +14 01:00"));
    assert!(summary.contains("last grade 0 on day +15 09:00"));
    assert!(summary.contains("ICE score: 4 assessments; lowest 0 on day +14 01:00"));
    assert!(summary.contains("day +14 01:00 IT MTX 15 mg + AraC 40 mg + dex 4 mg (intrathecal)"));
    assert!(summary.contains("96 mg dexamethasone-equivalent by day +15"));
}

#[test]
fn course_parts_are_optional_and_empty_says_so() {
    let els = draw_c(&CourseChart::default(), 700, 420);
    assert!(has_text(&els, "No assessments or medication entered yet"));
    assert_eq!(
        course_summary_text(&CourseChart::default()),
        "Course chart: no assessments or medication entered yet."
    );
    let only_ice = CourseChart {
        ice_score: vec![(1.0, 9)],
        ..CourseChart::default()
    };
    let els = draw_c(&only_ice, 360, 300);
    assert!(has_text(&els, "ICE score (0-10, 10 = normal)"));
    assert!(!has_text(&els, "Grade (ASTCT 2019):"));
    assert!(!els.iter().any(|e| e.text.starts_with("Cumulative")));
    let only_events = CourseChart {
        events: vec![Event {
            day: -3.0,
            label: "Fludarabine".to_string(),
            kind: EventKind::Other,
        }],
        ..CourseChart::default()
    };
    let els = draw_c(&only_events, 360, 300);
    assert!(has_text(&els, "Fludarabine") && has_text(&els, "other"));
}

#[test]
fn course_100_assessments_and_crowded_events_draw() {
    let n = 100;
    let day = |i: usize| -2.0 + i as f64 * 0.25;
    let chart = CourseChart {
        icans_grade: (0..n).map(|i| (day(i), ((i / 7) % 5) as u8)).collect(),
        crs_grade: (0..n).map(|i| (day(i), ((i / 11) % 5) as u8)).collect(),
        ice_score: (0..n)
            .map(|i| (day(i), (10 - (i / 5) % 11) as u8))
            .collect(),
        events: (0..30)
            .map(|i| Event {
                day: 10.0 + f64::from(i) * 0.05,
                label: format!("Dexamethasone {i} mg"),
                kind: EventKind::Steroid,
            })
            .collect(),
        cumulative_steroid_dex_eq_mg: (0..n).map(|i| (day(i), 2.0 * i as f64)).collect(),
    };
    for (w, h) in [(700, 420), (360, 300), (120, 120), (2000, 1200)] {
        for theme in [Theme::light(), Theme::dark()] {
            course_svg(&chart, &theme, w, h).unwrap();
        }
    }
    let els = draw_c(&chart, 700, 420);
    let icans = hex(test_theme().icans);
    let line = els
        .iter()
        .find(|e| e.tag == "polyline" && e.stroke() == icans && e.points().len() > 2)
        .unwrap();
    assert_eq!(line.points().len(), 2 * n - 1);
    // Every event label is drawn.
    for i in 0..30 {
        assert!(has_text(&els, &format!("Dexamethasone {i} mg")));
    }
}

#[test]
fn course_bad_data_is_an_error() {
    let theme = Theme::light();
    let bad = CourseChart {
        icans_grade: vec![(1.0, 5)],
        ..CourseChart::default()
    };
    let msg = course_svg(&bad, &theme, 700, 420).unwrap_err().to_string();
    assert!(
        msg.contains("ICANS grade point 1") && msg.contains("0-4"),
        "{msg}"
    );
    let bad = CourseChart {
        ice_score: vec![(1.0, 11)],
        ..CourseChart::default()
    };
    assert!(course_svg(&bad, &theme, 700, 420).is_err());
    let bad = CourseChart {
        cumulative_steroid_dex_eq_mg: vec![(1.0, -4.0)],
        ..CourseChart::default()
    };
    assert!(course_svg(&bad, &theme, 700, 420).is_err());
    let bad = CourseChart {
        events: vec![Event {
            day: f64::NAN,
            label: "x".to_string(),
            kind: EventKind::Other,
        }],
        ..CourseChart::default()
    };
    assert!(course_svg(&bad, &theme, 700, 420).is_err());
}

// ---------------------------------------------------------------------------------------------
// Labs.

fn labs() -> LabsChart {
    let s = |label: &str, unit: &str, pts: &[(f64, f64)]| LabSeries {
        label: label.to_string(),
        unit: unit.to_string(),
        points: pts.to_vec(),
    };
    LabsChart {
        series: vec![
            s(
                "CRP",
                "mg/L",
                &[(0.0, 3.0), (3.0, 45.0), (7.0, 185.0), (14.0, 22.0)],
            ),
            s("IL-6", "pg/mL", &[(0.0, 4.0), (7.0, 950.0)]),
            s(
                "Haemoglobin",
                "g/dL",
                &[(0.0, 9.4), (7.0, 8.1), (14.0, 8.6)],
            ),
            s("Fibrinogen", "g/L", &[]),
        ],
    }
}

#[test]
fn labs_one_panel_per_analyte_with_its_unit() {
    let els = parse(&labs_svg(&labs(), &test_theme(), 700, 420).unwrap());
    for t in [
        "CRP (mg/L)",
        "IL-6 (pg/mL)",
        "Haemoglobin (g/dL)",
        "Fibrinogen (g/L)",
    ] {
        assert!(has_text(&els, t), "{t}");
    }
    assert!(has_text(&els, "no values"));
    let c = hex(test_theme().series[0]);
    // One marker per value, one line per panel with values.
    assert_eq!(circles(&els, &c).0.len(), 4 + 2 + 3);
    let lines: Vec<usize> = els
        .iter()
        .filter(|e| e.tag == "polyline" && e.stroke() == c)
        .map(|e| e.points().len())
        .collect();
    assert_eq!(lines, vec![4, 2, 3]);
    // CRP's axis starts at 0 and reaches past 185; haemoglobin's does not start at 0.
    assert!(has_text(&els, "200") || has_text(&els, "250"));
    assert!(has_text(&els, "8") || has_text(&els, "8.0"));
    let summary = labs_summary_text(&labs());
    assert!(summary.contains("CRP: 4 values from day 0 to day +14, range 3 to 185 mg/L"));
    assert!(summary.contains("Fibrinogen: no values."));
}

#[test]
fn labs_empty_and_bad() {
    let els = parse(&labs_svg(&LabsChart::default(), &Theme::dark(), 360, 300).unwrap());
    assert!(has_text(&els, "No lab values entered yet"));
    let bad = LabsChart {
        series: vec![LabSeries {
            label: "CRP".to_string(),
            unit: "mg/L".to_string(),
            points: vec![(1.0, f64::INFINITY)],
        }],
    };
    let msg = labs_svg(&bad, &Theme::light(), 700, 420)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("CRP point 1"), "{msg}");
    // Many panels, one value, negative values.
    let many = LabsChart {
        series: (0..8)
            .map(|i| LabSeries {
                label: format!("Lab {i}"),
                unit: "U".to_string(),
                points: vec![(f64::from(i), -f64::from(i))],
            })
            .collect(),
    };
    for (w, h) in [(700, 420), (360, 300), (120, 120)] {
        labs_svg(&many, &Theme::light(), w, h).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Speed (not an assertion; run with --ignored --nocapture, ideally in release).

#[test]
#[ignore]
fn print_render_times() {
    use std::time::Instant;
    let pts = |k: f64| -> Vec<(f64, f64)> {
        (0..200)
            .map(|i| {
                let d = f64::from(i) * 0.9;
                (d, k * 80.0 * (-(d - 14.0).powi(2) / 200.0).exp() + 0.1)
            })
            .collect()
    };
    let (t, c4, c8) = (pts(1.0), pts(0.8), pts(0.2));
    let k = chart_of(
        &[
            (SeriesName::Total, &t),
            (SeriesName::Cd4, &c4),
            (SeriesName::Cd8, &c8),
        ],
        AucMethod::Linear,
        Some(HorizonDays::DAY_28),
    );
    let n = 100;
    let day = |i: usize| i as f64 * 0.25;
    let course = CourseChart {
        icans_grade: (0..n).map(|i| (day(i), ((i / 7) % 5) as u8)).collect(),
        crs_grade: (0..n).map(|i| (day(i), ((i / 11) % 5) as u8)).collect(),
        ice_score: (0..n)
            .map(|i| (day(i), (10 - (i / 5) % 11) as u8))
            .collect(),
        events: Vec::new(),
        cumulative_steroid_dex_eq_mg: (0..10).map(|i| (day(i * 10), 10.0 * i as f64)).collect(),
    };
    let theme = Theme::light();
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        kinetics_svg(&k, &theme, 700, 420).unwrap();
    }
    let kin = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    let start = Instant::now();
    for _ in 0..runs {
        course_svg(&course, &theme, 700, 420).unwrap();
    }
    let cou = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    println!("kinetics 3 x 200 points: {kin:.3} ms; course 100 assessments: {cou:.3} ms");
}
