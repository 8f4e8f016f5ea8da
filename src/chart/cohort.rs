//! Cohort graphs: every patient's expansion curve on one log-scale plot with the median curve,
//! and a swimmer plot of ICANS courses (one lane per patient).

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::Theme;
use super::axis::{self, Scale};
use super::canvas::{Canvas, Dash, Marker, Rect, text_width};
use super::format;
use super::frame::{self, LegendItem, Symbol};
use super::kinetics::YAxis;
use super::svg::{ChartError, svg_string};
use crate::numbers::sort_by_f64;

/// A day is on the median curve when at least this many patients were sampled on it (fewer
/// make a "median" of one or two curves).
pub const MEDIAN_MIN_PATIENTS: usize = 3;

/// Every patient's total CAR-T counts and the median curve.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CohortCurves {
    /// `(day, cells/µL)` per patient, sorted by day.
    pub patients: Vec<Vec<(f64, f64)>>,
    /// `(day, median cells/µL, patients sampled that day)`.
    pub median: Vec<(f64, f64, usize)>,
}

impl CohortCurves {
    /// The curves and their median: on each day sampled in at least [`MEDIAN_MIN_PATIENTS`]
    /// patients (or in every patient, when there are fewer), the median of those patients'
    /// values on that day.
    pub fn new(patients: Vec<Vec<(f64, f64)>>) -> CohortCurves {
        let mut days: Vec<f64> = patients.iter().flatten().map(|&(d, _)| d).collect();
        sort_by_f64(&mut days, |&d| d);
        days.dedup();
        let needed = MEDIAN_MIN_PATIENTS.min(patients.len()).max(1);
        let median = days
            .into_iter()
            .filter_map(|day| {
                let mut values: Vec<f64> = patients
                    .iter()
                    .filter_map(|p| p.iter().find(|&&(d, _)| d == day).map(|&(_, v)| v))
                    .collect();
                if values.len() < needed {
                    return None;
                }
                sort_by_f64(&mut values, |&v| v);
                crate::cohort::quantile(&values, 0.5).map(|m| (day, m, values.len()))
            })
            .collect();
        CohortCurves { patients, median }
    }

    fn validate(&self) -> Result<(), ChartError> {
        for (i, p) in self.patients.iter().enumerate() {
            for &(d, v) in p {
                if !d.is_finite() || !v.is_finite() || v < 0.0 {
                    return Err(ChartError::InvalidData(format!(
                        "patient {}: day {d}, value {v} cannot be drawn",
                        i + 1
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Draws the expansion curves on any plotters drawing area.
///
/// # Errors
/// [`ChartError::InvalidData`] for a non-finite or negative point; [`ChartError::Drawing`] if
/// the backend fails.
pub fn draw_cohort_curves<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CohortCurves,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    data.validate()?;
    let cv = Canvas::new(root, theme);
    cv.fill(theme.background)?;
    if data.patients.iter().all(Vec::is_empty) {
        return cv.no_data("No CAR-T counts in this cohort");
    }
    let font = cv.font;
    let pad = 8.0;
    let positive = data
        .patients
        .iter()
        .flatten()
        .map(|&(_, v)| v)
        .filter(|&v| v > 0.0);
    let (min_pos, max_pos) =
        positive.fold((f64::INFINITY, 0.0_f64), |(a, b), v| (a.min(v), b.max(v)));
    let has_zero = data.patients.iter().flatten().any(|&(_, v)| v == 0.0);
    let (lo, hi) = if min_pos.is_finite() {
        axis::decade_range(min_pos, max_pos)
    } else {
        (0, 1)
    };
    let days = data
        .patients
        .iter()
        .flatten()
        .map(|&(d, _)| d)
        .chain(std::iter::once(0.0));
    let (x_lo, x_hi) = axis::day_range(days, 7.0);

    let patient_color = theme.series[0];
    let median_color = theme.series[1];
    let mut items = vec![
        LegendItem {
            symbol: Symbol::Line {
                color: patient_color,
                dash: Dash::Solid,
                marker: None,
            },
            label: format!("each patient (n = {})", data.patients.len()),
        },
        LegendItem {
            symbol: Symbol::Line {
                color: median_color,
                dash: Dash::Dashed,
                marker: Some(Marker::Square),
            },
            label: format!("median (days with \u{2265} {MEDIAN_MIN_PATIENTS} patients)"),
        },
    ];
    if has_zero {
        items.push(LegendItem {
            symbol: Symbol::Marker {
                shape: Marker::Circle,
                color: theme.floor,
                filled: false,
            },
            label: "0 = below detection (on the floor)".to_string(),
        });
    }
    let layout = frame::legend_layout(&items, font, pad, pad, cv.width - 2.0 * pad);
    let top = pad + layout.height + font * 0.6;
    let plot = YAxis::plot_area(lo, hi, top, cv.width, cv.height, pad, font);
    let (lo_px, floor) = if has_zero {
        let floor_y = plot.y1 - 10.0;
        (floor_y - 24.0, Some(floor_y))
    } else {
        (plot.y1, None)
    };
    let ya = YAxis {
        lo,
        hi,
        scale: Scale::new(f64::from(lo), f64::from(hi), lo_px, plot.y0 + 8.0),
        floor,
    };
    let xs = Scale::new(x_lo, x_hi, plot.x0, plot.x1);
    let (x_ticks, x_labels) = frame::day_axis_ticks(&xs, plot.width(), font);
    for e in lo..=hi {
        let y = ya.scale.map(f64::from(e));
        cv.segment((plot.x0, y), (plot.x1, y), theme.grid, 1, Dash::Solid)?;
    }
    frame::x_grid(&cv, &plot, &xs, &x_ticks)?;
    if let Some(fy) = floor {
        cv.segment((plot.x0, fy), (plot.x1, fy), theme.floor, 1, Dash::Dashed)?;
    }
    frame::day0_line(&cv, &plot, &xs)?;

    // Thin translucent lines, so a thousand patients read as a band and one outlier stays visible.
    let opacity = (6.0 / (data.patients.len() as f64).sqrt()).clamp(0.08, 0.7);
    for p in &data.patients {
        let pts: Vec<(f64, f64)> = p.iter().map(|&(d, v)| (xs.map(d), ya.y(v))).collect();
        cv.line(&pts, patient_color.mix(opacity), 1, Dash::Solid)?;
        if data.patients.len() <= 50 {
            for (&(_, v), &pt) in p.iter().zip(&pts) {
                cv.marker(Marker::Circle, pt, 2.0, patient_color, v > 0.0)?;
            }
        }
    }
    let median: Vec<(f64, f64)> = data
        .median
        .iter()
        .map(|&(d, v, _)| (xs.map(d), ya.y(v)))
        .collect();
    cv.line(&median, median_color.to_rgba(), 3, Dash::Dashed)?;
    for (&pt, &(_, v, _)) in median.iter().zip(&data.median) {
        cv.marker(Marker::Square, pt, 4.0, median_color, v > 0.0)?;
    }

    // Axes and labels.
    cv.segment(
        (plot.x0, plot.y0),
        (plot.x0, plot.y1),
        theme.axis,
        1,
        Dash::Solid,
    )?;
    let t = cv.txt(theme.text).anchor(HPos::Right, VPos::Center);
    for (v, label) in ya.labels(font) {
        cv.text(&label, (plot.x0 - 5.0, ya.scale.map(v)), &t)?;
    }
    if let Some(fy) = floor {
        cv.text("0", (plot.x0 - 5.0, fy), &t)?;
    }
    cv.y_title("CAR-T cells/\u{b5}L (log scale)", pad, &plot)?;
    frame::x_axis(
        &cv,
        &plot,
        &xs,
        &x_ticks,
        Some(&x_labels),
        Some("Day after infusion"),
    )?;
    frame::legend(&cv, &items, &layout, 4.0)?;
    Ok(())
}

pub fn cohort_curves_svg(
    data: &CohortCurves,
    theme: &Theme,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    svg_string(width, height, |root| draw_cohort_curves(root, data, theme))
}

/// The text alternative of the expansion graph.
pub fn cohort_curves_text(data: &CohortCurves) -> String {
    let n = data.patients.iter().filter(|p| !p.is_empty()).count();
    if n == 0 {
        return "No CAR-T counts in this cohort.".to_string();
    }
    let peak = data
        .median
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|&(d, v, k)| {
            format!(
                " The median curve peaks at {} cells/\u{b5}L on {} ({k} patients sampled that day).",
                format::value(v),
                crate::display::day_time(d)
            )
        })
        .unwrap_or_else(|| format!(" No day was sampled in {MEDIAN_MIN_PATIENTS} or more patients, so there is no median curve."));
    format!(
        "Blood CAR-T counts of {n} patients by day after infusion on a log scale, each patient a thin line, with the median curve over days sampled in at least {MEDIAN_MIN_PATIENTS} patients.{peak}"
    )
}

// ---------------------------------------------------------------------------------------------
// Swimmer plot

/// Lanes drawn at most; the caption says how many patients are not shown.
pub const MAX_LANES: usize = 40;

/// One patient's ICANS course.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lane {
    pub label: String,
    /// `(day, grade)` of each ICANS assessment, sorted by day; a grade holds until the next one.
    pub grades: Vec<(f64, u8)>,
    pub steroid_days: Vec<f64>,
    pub intrathecal_days: Vec<f64>,
}

/// Draws the swimmer plot: grade as the bar's height (and colour), steroid doses as triangles,
/// intrathecal therapy as diamonds.
///
/// # Errors
/// [`ChartError::InvalidData`] for a grade above 4 or a non-finite day.
pub fn draw_swimmer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lanes: &[Lane],
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    for (i, lane) in lanes.iter().enumerate() {
        let bad_day = lane
            .grades
            .iter()
            .map(|g| g.0)
            .chain(lane.steroid_days.iter().copied())
            .chain(lane.intrathecal_days.iter().copied())
            .any(|d| !d.is_finite());
        if bad_day || lane.grades.iter().any(|&(_, g)| g > 4) {
            return Err(ChartError::InvalidData(format!(
                "lane {} ({}) has a day or grade that cannot be drawn",
                i + 1,
                lane.label
            )));
        }
    }
    let cv = Canvas::new(root, theme);
    cv.fill(theme.background)?;
    let shown: Vec<&Lane> = lanes.iter().take(MAX_LANES).collect();
    if shown.iter().all(|l| l.grades.is_empty()) {
        return cv.no_data("No ICANS assessments in this cohort");
    }
    let font = cv.font;
    let pad = 8.0;
    let items = vec![
        LegendItem {
            symbol: Symbol::None,
            label: "Bar height and colour = ICANS grade 0-4".to_string(),
        },
        LegendItem {
            symbol: Symbol::Marker {
                shape: Marker::Triangle,
                color: theme.event_steroid,
                filled: true,
            },
            label: "corticosteroid dose".to_string(),
        },
        LegendItem {
            symbol: Symbol::Marker {
                shape: Marker::Diamond,
                color: theme.event_intrathecal,
                filled: true,
            },
            label: "intrathecal therapy".to_string(),
        },
    ];
    let layout = frame::legend_layout(&items, font, pad, pad, cv.width - 2.0 * pad);
    let top = pad + layout.height + font * 0.6;
    let bottom = cv.height - pad - frame::x_axis_height(font, true, true);
    let label_w = shown
        .iter()
        .map(|l| text_width(&short(&l.label), font, false))
        .fold(0.0, f64::max);
    let left = pad + label_w + 8.0;
    let plot = Rect::new(
        left,
        top,
        (cv.width - pad).max(left + 10.0),
        bottom.max(top + 10.0),
    );
    let days = shown
        .iter()
        .flat_map(|l| {
            l.grades
                .iter()
                .map(|g| g.0)
                .chain(l.steroid_days.iter().copied())
                .chain(l.intrathecal_days.iter().copied())
        })
        .chain(std::iter::once(0.0));
    let (x_lo, x_hi) = axis::day_range(days, 7.0);
    let xs = Scale::new(x_lo, x_hi, plot.x0, plot.x1);
    let (x_ticks, x_labels) = frame::day_axis_ticks(&xs, plot.width(), font);
    frame::x_grid(&cv, &plot, &xs, &x_ticks)?;
    let lane_h = plot.height() / shown.len().max(1) as f64;
    let label_txt = cv.txt(theme.text).anchor(HPos::Right, VPos::Center);
    for (i, lane) in shown.iter().enumerate() {
        let y0 = plot.y0 + i as f64 * lane_h;
        let base = y0 + lane_h * 0.85;
        let full = lane_h * 0.7;
        cv.segment((plot.x0, base), (plot.x1, base), theme.grid, 1, Dash::Solid)?;
        if lane_h >= font * 0.9 {
            cv.text(
                &short(&lane.label),
                (plot.x0 - 5.0, y0 + lane_h / 2.0),
                &label_txt,
            )?;
        }
        let last_day = lane.grades.last().map(|g| g.0).unwrap_or(x_lo);
        for (k, &(day, grade)) in lane.grades.iter().enumerate() {
            let end = lane.grades.get(k + 1).map_or(last_day, |g| g.0);
            let (x0, x1) = (xs.map(day), xs.map(end).max(xs.map(day) + 2.0));
            let h = full * f64::from(grade.max(1)) / 4.0 * if grade == 0 { 0.25 } else { 1.0 };
            let color = if grade == 0 { theme.grid } else { theme.icans };
            let opacity = if grade == 0 {
                1.0
            } else {
                0.35 + 0.16 * f64::from(grade)
            };
            cv.rect_fill(Rect::new(x0, base - h, x1, base), color.mix(opacity))?;
        }
        for &d in &lane.steroid_days {
            cv.marker(
                Marker::Triangle,
                (xs.map(d), y0 + lane_h * 0.12),
                (lane_h * 0.14).clamp(2.0, 4.5),
                theme.event_steroid,
                true,
            )?;
        }
        for &d in &lane.intrathecal_days {
            cv.marker(
                Marker::Diamond,
                (xs.map(d), y0 + lane_h * 0.12),
                (lane_h * 0.16).clamp(2.0, 5.0),
                theme.event_intrathecal,
                true,
            )?;
        }
    }
    cv.segment(
        (plot.x0, plot.y0),
        (plot.x0, plot.y1),
        theme.axis,
        1,
        Dash::Solid,
    )?;
    frame::x_axis(
        &cv,
        &plot,
        &xs,
        &x_ticks,
        Some(&x_labels),
        Some("Day after infusion"),
    )?;
    frame::legend(&cv, &items, &layout, 4.0)?;
    Ok(())
}

/// A lane label short enough for the margin.
fn short(label: &str) -> String {
    let mut chars = label.chars();
    let head: String = chars.by_ref().take(14).collect();
    if chars.next().is_some() {
        format!("{head}\u{2026}")
    } else {
        head
    }
}

pub fn swimmer_svg(
    lanes: &[Lane],
    theme: &Theme,
    width: u32,
    height: u32,
) -> Result<String, ChartError> {
    svg_string(width, height, |root| draw_swimmer(root, lanes, theme))
}

/// The text alternative of the swimmer plot.
pub fn swimmer_text(lanes: &[Lane]) -> String {
    let with_icans = lanes
        .iter()
        .filter(|l| l.grades.iter().any(|&(_, g)| g >= 1))
        .count();
    let shown = lanes.len().min(MAX_LANES);
    let hidden = if lanes.len() > shown {
        format!(
            " The first {shown} of {} patients in the table's order are drawn.",
            lanes.len()
        )
    } else {
        String::new()
    };
    format!(
        "ICANS courses of {} patients, one lane each, day after infusion across; {with_icans} had ICANS (grade \u{2265} 1). Bar height and colour give the grade; triangles mark corticosteroid doses, diamonds intrathecal therapy.{hidden} The per-patient table below holds the numbers.",
        lanes.len()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_median_curve_uses_days_sampled_in_enough_patients() {
        let c = CohortCurves::new(vec![
            vec![(7.0, 10.0), (14.0, 100.0)],
            vec![(7.0, 30.0), (14.0, 50.0), (21.0, 5.0)],
            vec![(7.0, 20.0), (14.0, 0.0)],
        ]);
        // Day 7: 10, 20, 30 -> 20; day 14: 0, 50, 100 -> 50; day 21 has one patient.
        assert_eq!(c.median, vec![(7.0, 20.0, 3), (14.0, 50.0, 3)]);
        let two = CohortCurves::new(vec![vec![(7.0, 10.0)], vec![(7.0, 30.0)]]);
        assert_eq!(
            two.median,
            vec![(7.0, 20.0, 2)],
            "fewer patients than the minimum: all of them"
        );
    }

    #[test]
    fn both_graphs_draw_and_describe_themselves() {
        let c = CohortCurves::new(vec![
            vec![(7.0, 10.0), (14.0, 100.0)],
            vec![(7.0, 0.0), (14.0, 50.0)],
        ]);
        let svg = cohort_curves_svg(&c, &Theme::light(), 600, 360).unwrap();
        assert!(svg.contains("each patient (n = 2)"));
        assert!(svg.contains("below detection"));
        assert!(cohort_curves_text(&c).contains("2 patients"));
        let lanes = vec![Lane {
            label: "A very long patient label".into(),
            grades: vec![(14.0, 3), (14.04, 4), (15.3, 0)],
            steroid_days: vec![14.0],
            intrathecal_days: vec![14.04],
        }];
        let svg = swimmer_svg(&lanes, &Theme::dark(), 600, 300).unwrap();
        assert!(svg.contains("A very long pa\u{2026}"));
        assert!(swimmer_text(&lanes).contains("1 had ICANS"));
        let bad = vec![Lane {
            label: "x".into(),
            grades: vec![(1.0, 5)],
            ..Lane::default()
        }];
        assert!(matches!(
            swimmer_svg(&bad, &Theme::light(), 600, 300),
            Err(ChartError::InvalidData(_))
        ));
    }
}
