//! Writes sample charts to `/tmp/charts/*.svg` (or the directory given as the first argument) in
//! both themes at tablet (700 x 420) and phone (360 x 300) size, for looking at, and prints how
//! long drawing takes: `cargo run --release --example chart_gallery`.

use std::time::Instant;

use icans_calc::api::kinetics::SeriesName;
use icans_calc::chart::{
    CourseChart, Event, EventKind, KineticsChart, LabSeries, LabsChart, Theme, course_summary_text,
    course_svg, kinetics_summary_text, kinetics_svg, labs_summary_text, labs_svg,
};
use icans_calc::kinetics::{AucMethod, HorizonDays, Series, analyse};

type Res = Result<(), Box<dyn std::error::Error>>;

fn kinetics_from(series: &[(SeriesName, &[(f64, f64)])], method: AucMethod) -> KineticsChart {
    let built: Vec<(SeriesName, Series)> = series
        .iter()
        .filter_map(|(n, pts)| Series::new(pts).ok().map(|s| (*n, s)))
        .collect();
    let summaries: Vec<_> = built
        .iter()
        .map(|(_, s)| analyse(s, method, &HorizonDays::DEFAULTS))
        .collect();
    let joined: Vec<_> = built
        .iter()
        .zip(&summaries)
        .map(|((n, s), summary)| (*n, s, summary))
        .collect();
    KineticsChart::from_analysis(&joined, Some(HorizonDays::DAY_28))
}

fn kinetics_samples() -> Vec<(&'static str, KineticsChart)> {
    let case_like: &[(f64, f64)] = &[
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
    let total: &[(f64, f64)] = &[
        (0.0, 0.0),
        (7.0, 20.0),
        (10.0, 55.0),
        (14.0, 77.7),
        (21.0, 40.0),
        (28.0, 27.9),
        (90.0, 2.5),
    ];
    let cd4: &[(f64, f64)] = &[
        (0.0, 0.0),
        (7.0, 12.0),
        (10.0, 38.0),
        (14.0, 70.0),
        (21.0, 37.0),
        (28.0, 26.5),
        (90.0, 2.45),
    ];
    let cd8: &[(f64, f64)] = &[
        (0.0, 0.0),
        (7.0, 8.0),
        (10.0, 17.0),
        (14.0, 7.7),
        (21.0, 3.0),
        (28.0, 1.4),
        (90.0, 0.05),
    ];
    let published: &[(f64, f64)] = &[
        (0.0, 0.0),
        (14.0, 77.7),
        (28.0, 27.9),
        (90.0, 2.5),
        (180.0, 0.76),
    ];
    let short: &[(f64, f64)] = &[
        (0.0, 0.0),
        (4.0, 5.0),
        (8.0, 40.0),
        (12.0, 30.0),
        (21.0, 7.0),
    ];
    let dense: Vec<(f64, f64)> = (0..1000)
        .map(|i| {
            let d = f64::from(i) * 0.365;
            let v = if i % 97 == 0 {
                0.0
            } else {
                0.01 * (d * 0.9).exp().min(1e7) * (-d / 30.0).exp() + 0.01
            };
            (d, v)
        })
        .collect();
    let wide: &[(f64, f64)] = &[
        (0.0, 0.0),
        (1.0, 0.01),
        (7.0, 150.0),
        (10.0, 100_000.0),
        (14.0, 20_000.0),
        (30.0, 900.0),
        (90.0, 12.0),
        (180.0, 0.3),
        (365.0, 0.0),
        (400.0, 0.02),
    ];
    vec![
        (
            "kinetics_case",
            kinetics_from(&[(SeriesName::Total, case_like)], AucMethod::Linear),
        ),
        (
            "kinetics_cd4cd8",
            kinetics_from(
                &[
                    (SeriesName::Total, total),
                    (SeriesName::Cd4, cd4),
                    (SeriesName::Cd8, cd8),
                ],
                AucMethod::Linear,
            ),
        ),
        (
            "kinetics_published",
            kinetics_from(&[(SeriesName::Total, published)], AucMethod::LinUpLogDown),
        ),
        (
            "kinetics_auc_not_computable",
            kinetics_from(&[(SeriesName::Total, short)], AucMethod::Linear),
        ),
        (
            "kinetics_one_point",
            kinetics_from(&[(SeriesName::Total, &[(14.0, 50.0)])], AucMethod::Linear),
        ),
        (
            "kinetics_all_zero",
            kinetics_from(
                &[(SeriesName::Total, &[(0.0, 0.0), (7.0, 0.0), (14.0, 0.0)])],
                AucMethod::Linear,
            ),
        ),
        (
            "kinetics_1000_points",
            kinetics_from(&[(SeriesName::Total, &dense)], AucMethod::Linear),
        ),
        (
            "kinetics_wide_range",
            kinetics_from(&[(SeriesName::Total, wide)], AucMethod::Linear),
        ),
        (
            "kinetics_absurd_range",
            kinetics_from(
                &[(SeriesName::Total, &[(1.0, 1e-9), (2.0, 1e12), (3.0, 0.0)])],
                AucMethod::Linear,
            ),
        ),
        ("kinetics_empty", KineticsChart::new()),
    ]
}

fn case_course() -> CourseChart {
    let h = |hours: f64| hours / 24.0;
    CourseChart {
        icans_grade: vec![
            (12.0, 0),
            (13.0, 1),
            (14.0, 3),
            (14.0 + h(1.0), 4),
            (14.0 + h(7.0), 2),
            (14.0 + h(20.0), 1),
            (14.0 + h(33.0), 0),
            (16.0, 0),
        ],
        crs_grade: vec![(12.0, 1), (13.0, 0), (14.0, 0), (15.0, 0), (16.0, 0)],
        ice_score: vec![
            (12.0, 10),
            (13.0, 8),
            (14.0, 2),
            (14.0 + h(1.0), 0),
            (14.0 + h(7.0), 6),
            (14.0 + h(20.0), 8),
            (14.0 + h(33.0), 10),
            (16.0, 10),
        ],
        events: vec![
            Event {
                day: 12.2,
                label: "Tocilizumab 8 mg/kg".to_string(),
                kind: EventKind::Anticytokine,
            },
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
                day: 14.0 + h(12.0),
                label: "Dexamethasone 20 mg IV".to_string(),
                kind: EventKind::Steroid,
            },
            Event {
                day: 15.0,
                label: "Dexamethasone 20 mg IV".to_string(),
                kind: EventKind::Steroid,
            },
            Event {
                day: 15.5,
                label: "Levetiracetam".to_string(),
                kind: EventKind::Other,
            },
        ],
        cumulative_steroid_dex_eq_mg: vec![
            (14.0, 20.0),
            (14.0 + h(12.0), 40.0),
            (15.0, 60.0),
            (15.0 + h(12.0), 78.0),
            (16.0, 96.0),
        ],
    }
}

fn long_course(n: usize) -> CourseChart {
    let day = |i: usize| -2.0 + i as f64 * 0.25;
    CourseChart {
        icans_grade: (0..n).map(|i| (day(i), ((i / 7) % 5) as u8)).collect(),
        crs_grade: (0..n).map(|i| (day(i), ((i / 11) % 4) as u8)).collect(),
        ice_score: (0..n)
            .map(|i| (day(i), (10 - (i / 5) % 11) as u8))
            .collect(),
        events: (0..n / 10)
            .map(|i| Event {
                day: day(i * 10),
                label: format!("Dex {} mg", 10 + i),
                kind: if i % 3 == 0 {
                    EventKind::Steroid
                } else if i % 3 == 1 {
                    EventKind::Anticytokine
                } else {
                    EventKind::Intrathecal
                },
            })
            .collect(),
        cumulative_steroid_dex_eq_mg: (0..n / 10)
            .map(|i| (day(i * 10), 10.0 * (i + 1) as f64))
            .collect(),
    }
}

fn labs_sample() -> LabsChart {
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
                &[
                    (0.0, 3.0),
                    (3.0, 45.0),
                    (7.0, 185.0),
                    (10.0, 60.0),
                    (14.0, 22.0),
                ],
            ),
            s(
                "IL-6",
                "pg/mL",
                &[(0.0, 4.0), (3.0, 120.0), (7.0, 950.0), (14.0, 40.0)],
            ),
            s(
                "Ferritin",
                "ng/mL",
                &[(0.0, 650.0), (7.0, 4200.0), (14.0, 2100.0)],
            ),
            s(
                "Haemoglobin",
                "g/dL",
                &[(0.0, 9.4), (7.0, 8.1), (14.0, 8.6)],
            ),
            s(
                "Platelets",
                "/µL",
                &[(0.0, 182_000.0), (7.0, 64_000.0), (14.0, 91_000.0)],
            ),
            s("Fibrinogen", "g/L", &[]),
        ],
    }
}

fn main() -> Res {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/charts".to_string());
    std::fs::create_dir_all(&dir)?;
    let themes = [("light", Theme::light()), ("dark", Theme::dark())];
    let sizes = [("tablet", 700u32, 420u32), ("phone", 360, 300)];
    let mut written = 0;
    for (tname, theme) in &themes {
        for (sname, w, h) in sizes {
            for (name, chart) in kinetics_samples() {
                let svg = kinetics_svg(&chart, theme, w, h)?;
                std::fs::write(format!("{dir}/{name}_{sname}_{tname}.svg"), svg)?;
                written += 1;
            }
            for (name, chart) in [
                ("course_case", case_course()),
                ("course_100", long_course(100)),
                ("course_empty", CourseChart::default()),
                (
                    "course_grades_only",
                    CourseChart {
                        icans_grade: vec![(3.0, 1), (3.5, 2), (4.0, 0)],
                        ..CourseChart::default()
                    },
                ),
            ] {
                let svg = course_svg(&chart, theme, w, h)?;
                std::fs::write(format!("{dir}/{name}_{sname}_{tname}.svg"), svg)?;
                written += 1;
            }
            let svg = labs_svg(&labs_sample(), theme, w, h)?;
            std::fs::write(format!("{dir}/labs_{sname}_{tname}.svg"), svg)?;
            written += 1;
        }
    }
    println!("wrote {written} SVGs to {dir}");
    for (name, chart) in kinetics_samples().iter().take(3) {
        println!("{name}: {}", kinetics_summary_text(chart));
    }
    println!("course: {}", course_summary_text(&case_course()));
    println!("labs: {}", labs_summary_text(&labs_sample()));

    // Timing: kinetics with 200 points (3 series), course with 100 assessments.
    let pts = |k: f64| -> Vec<(f64, f64)> {
        (0..200)
            .map(|i| {
                let d = f64::from(i) * 0.9;
                (d, k * 80.0 * (-(d - 14.0).powi(2) / 200.0).exp() + 0.1)
            })
            .collect()
    };
    let (t, c4, c8) = (pts(1.0), pts(0.8), pts(0.2));
    let k = kinetics_from(
        &[
            (SeriesName::Total, &t),
            (SeriesName::Cd4, &c4),
            (SeriesName::Cd8, &c8),
        ],
        AucMethod::Linear,
    );
    let course = long_course(100);
    let theme = Theme::light();
    let runs = 200;
    for (label, f) in [
        (
            "kinetics, 3 series x 200 points, 700x420",
            Box::new(|| kinetics_svg(&k, &theme, 700, 420).map(|s| s.len()))
                as Box<dyn Fn() -> Result<usize, icans_calc::chart::ChartError>>,
        ),
        (
            "course, 100 assessments (+10 events, 10 doses), 700x420",
            Box::new(|| course_svg(&course, &theme, 700, 420).map(|s| s.len())),
        ),
        (
            "labs, 6 panels, 700x420",
            Box::new(|| labs_svg(&labs_sample(), &theme, 700, 420).map(|s| s.len())),
        ),
    ] {
        let bytes = f()?;
        let start = Instant::now();
        for _ in 0..runs {
            f()?;
        }
        let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        println!("{label}: {per:.3} ms per chart ({bytes} bytes of SVG)");
    }
    Ok(())
}
