//! Lab markers as small multiples: one panel per analyte with its own unit on its own y axis
//! (units are never mixed on one axis), all panels on the same day axis.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, Scale};
use super::canvas::{Canvas, Dash, Marker, P, Rect, text_width};
use super::svg::{ChartError, svg_string};
use super::{Theme, format, frame};
use crate::case::{Analyte, LabValue};
use crate::numbers::sorted_by_f64;

/// One analyte's values over time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabSeries {
    /// Analyte, e.g. "CRP".
    pub label: String,
    /// Unit of every value, e.g. "mg/L".
    pub unit: String,
    /// `(day since infusion, value)`, any order.
    pub points: Vec<(f64, f64)>,
}

/// Everything the labs chart draws: plain data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabsChart {
    /// One panel each, in this order.
    pub series: Vec<LabSeries>,
}

impl LabsChart {
    /// One panel per marker and unit (values in different units are never mixed in a panel), in
    /// the core's order of markers and units.
    pub fn from_values(labs: &[&LabValue]) -> LabsChart {
        let mut series = Vec::new();
        for analyte in Analyte::ALL {
            for unit in analyte.units() {
                let here = |l: &&&LabValue| (l.analyte(), l.unit()) == (analyte, *unit);
                let point = |l: &&LabValue| (l.day(), l.value());
                let points: Vec<(f64, f64)> = labs.iter().filter(here).map(point).collect();
                if !points.is_empty() {
                    let (label, unit) = (analyte.label().to_string(), unit.api_name().to_string());
                    series.push(LabSeries {
                        label,
                        unit,
                        points,
                    });
                }
            }
        }
        LabsChart { series }
    }

    fn validate(&self) -> Result<(), ChartError> {
        for s in &self.series {
            for (i, &(day, v)) in s.points.iter().enumerate() {
                if !day.is_finite() {
                    return Err(ChartError::InvalidData(format!(
                        "labs chart: {} point {}: day must be a finite number, got {day}",
                        s.label,
                        i + 1
                    )));
                }
                if !v.is_finite() {
                    return Err(ChartError::InvalidData(format!(
                        "labs chart: {} point {} ({}): value must be a finite number, got {v}",
                        s.label,
                        i + 1,
                        crate::display::day_time(day)
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The panel title: "CRP (mg/L)", or the label alone without a unit.
fn title(s: &LabSeries) -> String {
    if s.unit.trim().is_empty() {
        s.label.clone()
    } else {
        format!("{} ({})", s.label, s.unit)
    }
}

/// Columns for `n` panels in `w` x `h`: the grid whose panels come closest to 1.8:1 while
/// staying large.
fn columns(n: usize, w: f64, h: f64) -> usize {
    let mut best = (1, f64::NEG_INFINITY);
    for c in 1..=n.max(1) {
        let rows = n.div_ceil(c);
        let pw = w / c as f64;
        let ph = h / rows as f64;
        let score = (pw / 1.8).min(ph);
        if score > best.1 + 1e-9 {
            best = (c, score);
        }
    }
    best.0
}

/// The y range of one panel: from 0 when every value is >= 0 and 0 is not far below the data,
/// else around the data; "nice" ends.
fn value_range(points: &[(f64, f64)], target: usize) -> (f64, f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &(_, v) in points {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0, 0.5);
    }
    if lo >= 0.0 && lo <= hi * 0.5 {
        lo = 0.0;
    }
    if hi == lo {
        if lo == 0.0 {
            hi = 1.0;
        } else {
            let d = lo.abs() * 0.2;
            lo -= d;
            hi += d;
            if lo < 0.0 && points.iter().all(|p| p.1 >= 0.0) {
                lo = 0.0;
            }
        }
    }
    axis::nice_range(lo, hi, target)
}

/// Draws the labs chart on any plotters drawing area.
///
/// # Errors
///
/// [`ChartError::InvalidData`] for a non-finite day or value; [`ChartError::Drawing`] if the
/// backend fails.
pub fn draw_labs<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &LabsChart,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    data.validate()?;
    let cv = Canvas::new(root, theme);
    cv.fill(theme.background)?;
    if data.series.iter().all(|s| s.points.is_empty()) {
        return cv.no_data("No lab values entered yet");
    }
    let font = cv.font;
    let pad = 8.0;
    let n = data.series.len();
    let gap_x = font * 1.5;
    let gap_y = font * 0.8;
    let cols = columns(n, cv.width - 2.0 * pad, cv.height - 2.0 * pad);
    let rows = n.div_ceil(cols);
    let cell_w = (cv.width - 2.0 * pad - gap_x * (cols - 1) as f64) / cols as f64;
    let cell_h = (cv.height - 2.0 * pad - gap_y * (rows - 1) as f64) / rows as f64;
    let (d_lo, d_hi) = axis::day_range(
        data.series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0)),
        1.0,
    );
    let small = cv.small(theme.text);
    let color = theme.series[0];

    for (i, s) in data.series.iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let cx = pad + col as f64 * (cell_w + gap_x);
        let cy = pad + row as f64 * (cell_h + gap_y);
        let header_h = font * 1.5;
        let bottom_h = frame::x_axis_height(small.size, true, row + 1 == rows);
        let plot_top = cy + header_h + small.size * 0.6;
        let plot_bottom = (cy + cell_h - bottom_h).max(plot_top + 10.0);
        let target = ((plot_bottom - plot_top) / (font * 2.2))
            .floor()
            .clamp(1.0, 5.0) as usize;
        let (y_lo, y_hi, step) = value_range(&s.points, target);
        let mut ticks = Vec::new();
        let mut v = y_lo;
        while v <= y_hi + step * 0.01 && ticks.len() < 50 {
            ticks.push(v);
            v += step;
        }
        let tick_labels: Vec<String> = ticks.iter().map(|&t| format::tick(t, step)).collect();
        let tick_w = tick_labels
            .iter()
            .map(|l| text_width(l, small.size, false))
            .fold(0.0, f64::max);
        let plot = Rect::new(cx + tick_w + 8.0, plot_top, cx + cell_w - font, plot_bottom);
        let xs = Scale::new(d_lo, d_hi, plot.x0, plot.x1);
        let ys = Scale::new(y_lo, y_hi, plot.y1, plot.y0);
        let (x_ticks, x_labels) = frame::day_axis_ticks(&xs, plot.width(), small.size);

        // Header: the analyte and its unit.
        let head = cv.txt(theme.text).anchor(HPos::Left, VPos::Center).bold();
        cv.text(&title(s), (cx, cy + header_h / 2.0), &head)?;

        frame::x_grid(&cv, &plot, &xs, &x_ticks)?;
        let lt = small.anchor(HPos::Right, VPos::Center);
        for (&t, l) in ticks.iter().zip(&tick_labels) {
            let y = ys.map(t);
            cv.segment((plot.x0, y), (plot.x1, y), theme.grid, 1, Dash::Solid)?;
            cv.text(l, (plot.x0 - 5.0, y), &lt)?;
        }
        frame::day0_line(&cv, &plot, &xs)?;

        let pts = sorted_by_f64(&s.points, |p| p.0);
        let line: Vec<P> = pts.iter().map(|&(d, v)| (xs.map(d), ys.map(v))).collect();
        cv.line(&line, color.to_rgba(), 2, Dash::Solid)?;
        let r = (plot.width() / pts.len().max(1) as f64 * 0.4).clamp(2.0, 3.5);
        for &p in &line {
            cv.marker(Marker::Circle, p, r, color, true)?;
        }
        if pts.is_empty() {
            let t = cv
                .small(theme.muted_text)
                .anchor(HPos::Center, VPos::Center);
            cv.text(
                "no values",
                ((plot.x0 + plot.x1) / 2.0, (plot.y0 + plot.y1) / 2.0),
                &t,
            )?;
        }

        cv.segment(
            (plot.x0, plot.y0),
            (plot.x0, plot.y1),
            theme.axis,
            1,
            Dash::Solid,
        )?;
        // x axis with small labels; the title only under the last row.
        cv.segment(
            (plot.x0, plot.y1),
            (plot.x1, plot.y1),
            theme.axis,
            1,
            Dash::Solid,
        )?;
        let xt = small.anchor(HPos::Center, VPos::Top);
        for (&d, l) in x_ticks.iter().zip(&x_labels) {
            let x = xs.map(d);
            cv.segment((x, plot.y1), (x, plot.y1 + 3.0), theme.axis, 1, Dash::Solid)?;
            cv.text(l, (x, plot.y1 + 5.0), &xt)?;
        }
        if row + 1 == rows {
            cv.text(
                "Days since infusion",
                ((plot.x0 + plot.x1) / 2.0, plot.y1 + 7.0 + small.size * 1.15),
                &xt,
            )?;
        }
    }
    Ok(())
}

/// The labs chart as an SVG document of `width_px` x `height_px`.
///
/// # Errors
///
/// As [`draw_labs`], and [`ChartError::Size`] for a size outside 120-8000 px.
pub fn labs_svg(
    data: &LabsChart,
    theme: &Theme,
    width_px: u32,
    height_px: u32,
) -> Result<String, ChartError> {
    svg_string(width_px, height_px, |root| draw_labs(root, data, theme))
}

/// A one-paragraph description of the labs chart for `aria-label` / figcaption.
pub fn labs_summary_text(data: &LabsChart) -> String {
    if data.series.is_empty() {
        return "Lab markers chart: no lab values entered yet.".to_string();
    }
    let mut out = format!(
        "Lab markers chart: {} panel{}, one per analyte with its own unit, by day since infusion.",
        data.series.len(),
        if data.series.len() == 1 { "" } else { "s" }
    );
    for s in &data.series {
        let pts = sorted_by_f64(&s.points, |p| p.0);
        let unit = if s.unit.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", s.unit)
        };
        match (pts.first(), pts.last()) {
            (Some(first), Some(last)) => {
                let (lo, hi) = pts
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                        (a.min(p.1), b.max(p.1))
                    });
                if pts.len() == 1 {
                    out.push_str(&format!(
                        " {}: 1 value, {}{unit} on {}.",
                        s.label,
                        format::value(first.1),
                        crate::display::day_time(first.0)
                    ));
                } else {
                    out.push_str(&format!(
                        " {}: {} values from {} to {}, range {} to {}{unit}, last {}{unit} on {}.",
                        s.label,
                        pts.len(),
                        crate::display::day_time(first.0),
                        crate::display::day_time(last.0),
                        format::value(lo),
                        format::value(hi),
                        format::value(last.1),
                        crate::display::day_time(last.0)
                    ));
                }
            }
            _ => out.push_str(&format!(" {}: no values.", s.label)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_start_at_zero_for_counts() {
        assert_eq!(value_range(&[(0.0, 12.0), (1.0, 185.0)], 4).0, 0.0);
        // Haemoglobin 8.1-9.4 g/dL: around the data, not from 0.
        let (lo, hi, _) = value_range(&[(0.0, 8.1), (1.0, 9.4)], 4);
        assert!(lo > 0.0 && lo <= 8.1 && hi >= 9.4);
        let (lo, hi, _) = value_range(&[(0.0, 5.0)], 4);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi, _) = value_range(&[(0.0, 0.0)], 4);
        assert!(lo <= 0.0 && hi > 0.0);
    }

    #[test]
    fn columns_fit_the_shape() {
        assert_eq!(columns(1, 700.0, 420.0), 1);
        assert!(columns(8, 700.0, 420.0) >= 2);
        assert!(columns(8, 360.0, 600.0) <= 2);
    }
}
