//! The CAR-T expansion chart: cells/µL on a log10 axis by day since infusion.
//!
//! Conventions (kinetics.md section 2, reliability_ux.md section 5 "Kinetics graph"):
//! - y is log10; decades are labelled "0.01", "1", "100", "10 000" with minor 2..9 grid lines
//!   when there is room; x is days since infusion with the infusion (day 0) drawn as a line.
//! - Values of 0 (below detection) are never dropped and never put at log(0): they are drawn as
//!   open markers of their series' shape on a dashed floor line labelled "below detection". The
//!   floor lies in its own band below the lowest decade, which is at or below the smallest
//!   positive value, separated by an axis break: the band is half a decade tall where that is
//!   20-34 px, else clamped to that range, so it is visibly off the scale and not a value.
//! - Each series has its own colour, marker shape and dash (circle/solid, triangle/dashed,
//!   square/dotted, diamond/dash-dot), with a legend.
//! - Cmax is ringed and labelled ("Cmax 77.7 cells/µL, day 14"); the AUC window is shaded
//!   under the curve down to the bottom of the scale (or the floor) and labelled with the method.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::Color;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, Scale};
use super::canvas::{Canvas, Dash, Marker, P, Placer, Rect, Txt, text_width};
use super::frame::{self, LegendItem, Symbol};
use super::svg::{ChartError, svg_string};
use super::{Theme, format};
use crate::kinetics::{
    AucMethod, HorizonDays, KineticsInput, Series, SeriesName, SeriesSummary, analyse,
    auc_window_points,
};
use crate::numbers::sorted_by_f64;

/// At most this many series per chart: each needs its own marker shape and dash.
pub const MAX_SERIES: usize = 4;

const STYLES: [(Marker, Dash); MAX_SERIES] = [
    (Marker::Circle, Dash::Solid),
    (Marker::Triangle, Dash::Dashed),
    (Marker::Square, Dash::Dotted),
    (Marker::Diamond, Dash::LongShort),
];

/// One line of the kinetics chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartSeries {
    /// Legend name, e.g. "Total CAR-T".
    pub name: String,
    /// `(day since infusion, value)`; values >= 0, 0 = below detection. Any order.
    pub points: Vec<(f64, f64)>,
    /// `(Tmax, Cmax)` to ring and label, if any.
    pub cmax: Option<(f64, f64)>,
}

/// The shaded AUC window.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AucWindow {
    /// Short label drawn in the chart, e.g. "AUC0-28 (linear)".
    pub label: String,
    /// Second line, e.g. "751.3 cells/µL × day".
    pub detail: Option<String>,
    /// Index in [`KineticsChart::series`] whose colour the shading takes.
    pub series: usize,
    /// The curve over the window, `(day, value)` from day 0 to the horizon, as given by
    /// [`crate::kinetics::auc_window_points`]; the area under it is shaded, down to the floor
    /// line (or the bottom of the scale), with values of 0 on that base.
    ///
    /// The vertices are joined by straight lines on the log axis, like the series lines. An end
    /// point C(T) interpolated by the linear rule between two samples can therefore sit slightly
    /// above the straight series line there (a linear interpolant is not straight on a log axis).
    pub polygon: Vec<(f64, f64)>,
}

/// Everything the kinetics chart draws: plain data, independent of how a case is modelled.
#[derive(Debug, Clone, PartialEq)]
pub struct KineticsChart {
    /// Up to [`MAX_SERIES`] series; their order sets colour, marker and dash.
    pub series: Vec<ChartSeries>,
    pub auc_window: Option<AucWindow>,
    /// Value unit for labels, e.g. "cells/µL".
    pub unit: String,
    /// y-axis title.
    pub y_title: String,
    /// Short notes shown under the legend (e.g. why an AUC is not shaded).
    pub notes: Vec<String>,
}

impl Default for KineticsChart {
    fn default() -> KineticsChart {
        KineticsChart::new()
    }
}

fn method_short(method: AucMethod) -> &'static str {
    match method {
        AucMethod::Linear => "linear",
        AucMethod::LinUpLogDown => "lin-up/log-down",
    }
}

impl KineticsChart {
    /// An empty chart in cells/µL.
    pub fn new() -> KineticsChart {
        KineticsChart {
            series: Vec::new(),
            auc_window: None,
            unit: "cells/µL".to_string(),
            y_title: "CAR-T cells/µL (log scale)".to_string(),
            notes: Vec::new(),
        }
    }

    /// The chart of analysed series: total, CD4+, CD8+ in that order (whatever the input
    /// order), each with its Cmax; the AUC0-`auc_horizon` window of the first of them (total when
    /// given) shaded with that series' AUC method. An AUC that needs extrapolation is not shaded;
    /// a note says why.
    pub fn from_analysis(
        series: &[(SeriesName, &Series, &SeriesSummary)],
        auc_horizon: Option<HorizonDays>,
    ) -> KineticsChart {
        // In SeriesName order (total, CD4+, CD8+), each name's entries in their given order.
        let sorted: Vec<&(SeriesName, &Series, &SeriesSummary)> = SeriesName::ALL
            .iter()
            .flat_map(|n| series.iter().filter(move |(name, _, _)| name == n))
            .collect();
        let mut chart = KineticsChart::new();
        for (name, s, summary) in sorted.iter().copied() {
            chart.series.push(ChartSeries {
                name: name.label().to_string(),
                points: s.samples().to_vec(),
                cmax: summary.tmax_day.map(|day| (day, summary.cmax)),
            });
        }
        if let (Some(horizon), Some((_, s, summary))) = (auc_horizon, sorted.first().copied()) {
            let label = format!(
                "AUC0-{} ({})",
                format::days(horizon.days()),
                method_short(summary.method)
            );
            match auc_window_points(s, summary.method, horizon) {
                Ok(polygon) => {
                    let value = summary
                        .auc
                        .iter()
                        .find(|a| a.to_day == horizon.days())
                        .and_then(|a| a.value)
                        .or_else(|| {
                            analyse(s, summary.method, &[horizon])
                                .auc
                                .first()
                                .and_then(|a| a.value)
                        });
                    chart.auc_window = Some(AucWindow {
                        detail: value.map(|v| format!("{} {} × day", format::value(v), chart.unit)),
                        label,
                        series: 0,
                        polygon,
                    });
                }
                Err(e) => chart.notes.push(format!("{label} not shaded: {e}.")),
            }
        }
        chart
    }

    /// [`KineticsChart::from_analysis`] for a parsed `kinetics()` input and the summaries
    /// [`crate::kinetics::run`] returned for it.
    pub fn from_run(
        input: &KineticsInput,
        summaries: &[(SeriesName, SeriesSummary)],
        auc_horizon: Option<HorizonDays>,
    ) -> KineticsChart {
        let joined: Vec<(SeriesName, &Series, &SeriesSummary)> = input
            .series
            .iter()
            .filter_map(|(name, s)| {
                summaries
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, summary)| (*name, s, summary))
            })
            .collect();
        KineticsChart::from_analysis(&joined, auc_horizon)
    }

    fn validate(&self) -> Result<(), ChartError> {
        if self.series.len() > MAX_SERIES {
            return Err(ChartError::InvalidData(format!(
                "kinetics chart: {} series given, at most {MAX_SERIES} can be told apart",
                self.series.len()
            )));
        }
        for s in &self.series {
            for (i, &(day, value)) in s.points.iter().enumerate() {
                check_point(&s.name, i, day, value)?;
            }
            if let Some((day, value)) = s.cmax {
                check_point(&format!("{} Cmax", s.name), 0, day, value)?;
            }
        }
        if let Some(w) = &self.auc_window {
            if w.series >= self.series.len() {
                return Err(ChartError::InvalidData(format!(
                    "kinetics chart: AUC window refers to series {} of {}",
                    w.series,
                    self.series.len()
                )));
            }
            for (i, &(day, value)) in w.polygon.iter().enumerate() {
                check_point(&w.label, i, day, value)?;
            }
        }
        Ok(())
    }
}

fn check_point(name: &str, i: usize, day: f64, value: f64) -> Result<(), ChartError> {
    if !day.is_finite() {
        return Err(ChartError::InvalidData(format!(
            "kinetics chart: {name} point {}: day must be a finite number, got {day}",
            i + 1
        )));
    }
    if !value.is_finite() || value < 0.0 {
        return Err(ChartError::InvalidData(format!(
            "kinetics chart: {name} point {} ({}): value must be a number of 0 or more, got {value}",
            i + 1,
            crate::display::day_time(day)
        )));
    }
    Ok(())
}

/// The vertical layout of the log axis.
pub(crate) struct YAxis {
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    pub(crate) scale: Scale,
    /// Pixel y of the "below detection" floor, when some value is 0.
    pub(crate) floor: Option<f64>,
}

impl YAxis {
    pub(crate) fn y(&self, value: f64) -> f64 {
        match self.floor {
            Some(f) if value <= 0.0 => f,
            _ if value <= 0.0 => self.scale.map(f64::from(self.lo)),
            _ => self.scale.map(value.log10()),
        }
    }

    fn decade_px(&self) -> f64 {
        self.scale.density()
    }

    /// Every how many decades a label fits.
    fn label_every(&self, font: f64) -> i32 {
        let d = self.decade_px();
        [1, 2, 3, 4, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|&k| d * f64::from(k) >= font * 1.6)
            .unwrap_or(100)
    }

    /// Whether decade `e` gets a grid line: all of them while they are at least 4 px apart.
    fn grid_at(&self, e: i32, font: f64) -> bool {
        self.decade_px() >= 4.0 || e.rem_euclid(self.label_every(font)) == 0
    }

    /// The plot rectangle of a chart with a log y axis over decades `lo..=hi`: below `top`,
    /// above the x axis (tick labels and title), right of the y title and the widest tick label.
    pub(crate) fn plot_area(
        lo: i32,
        hi: i32,
        top: f64,
        width: f64,
        height: f64,
        pad: f64,
        font: f64,
    ) -> Rect {
        let bottom = height - pad - frame::x_axis_height(font, true, true);
        let provisional = YAxis {
            lo,
            hi,
            scale: Scale::new(f64::from(lo), f64::from(hi), bottom, top),
            floor: None,
        };
        let tick_w = provisional
            .labels(font)
            .iter()
            .map(|(_, l)| text_width(l, font, false))
            .fold(0.0, f64::max);
        let left = pad + font * 1.4 + tick_w + 8.0;
        let right = width - pad - font * 1.2;
        Rect::new(left, top, right.max(left + 10.0), bottom.max(top + 10.0))
    }

    /// `(value, label)` of every labelled tick: decades (and 2, 5 when a decade is tall).
    pub(crate) fn labels(&self, font: f64) -> Vec<(f64, String)> {
        let every = self.label_every(font);
        let mut out = Vec::new();
        for e in self.lo..=self.hi {
            if e.rem_euclid(every) == 0 {
                out.push((f64::from(e), format::decade(e)));
            }
        }
        if out.len() < 2 {
            // Too few multiples of `every` in range: label the ends of the scale.
            out.clear();
            out.push((f64::from(self.lo), format::decade(self.lo)));
            out.push((f64::from(self.hi), format::decade(self.hi)));
        }
        if self.decade_px() >= font * 6.0 {
            for e in self.lo..self.hi {
                for m in [2.0_f64, 5.0] {
                    let v = m * 10f64.powi(e);
                    out.push((v.log10(), format::value(v)));
                }
            }
        }
        out
    }
}

/// Draws the kinetics chart on any plotters drawing area.
///
/// # Errors
///
/// [`ChartError::InvalidData`] for a non-finite or negative value, more than [`MAX_SERIES`]
/// series or an AUC window naming a missing series; [`ChartError::Drawing`] if the backend fails.
pub fn draw_kinetics<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &KineticsChart,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    data.validate()?;
    let cv = Canvas::new(root, theme);
    cv.fill(theme.background)?;
    if data.series.iter().all(|s| s.points.is_empty()) {
        return cv.no_data("No CAR-T counts to plot yet");
    }
    let font = cv.font;
    let pad = 8.0;

    // Value range: every positive value drawn (points, Cmax, AUC curve) is on the scale.
    let mut min_pos = f64::INFINITY;
    let mut max_pos = 0.0_f64;
    let mut has_zero = false;
    let mut note_positive = |v: f64| {
        if v > 0.0 {
            min_pos = min_pos.min(v);
            max_pos = max_pos.max(v);
        }
    };
    for s in &data.series {
        for &(_, v) in &s.points {
            note_positive(v);
        }
        if let Some((_, v)) = s.cmax {
            note_positive(v);
        }
    }
    if let Some(w) = &data.auc_window {
        for &(_, v) in &w.polygon {
            note_positive(v);
        }
    }
    for s in &data.series {
        has_zero |= s.points.iter().any(|&(_, v)| v == 0.0);
    }
    let (lo, hi) = if min_pos.is_finite() {
        axis::decade_range(min_pos, max_pos)
    } else {
        (0, 1)
    };

    // Day range: every day drawn, day 0 included.
    let days = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0).chain(s.cmax.map(|c| c.0)))
        .chain(
            data.auc_window
                .iter()
                .flat_map(|w| w.polygon.iter().map(|p| p.0)),
        )
        .chain(std::iter::once(0.0));
    let (x_lo, x_hi) = axis::day_range(days, 7.0);

    // Legend (and notes) on top. With several Cmax values, each goes into its series' legend
    // entry (in-plot labels would crowd the peak, which the series often share).
    let with_cmax = data
        .series
        .iter()
        .filter(|s| s.cmax.is_some_and(|c| c.1 > 0.0))
        .count();
    let cmax_in_legend = with_cmax > 1;
    let legend_items = legend_items(data, theme, has_zero, cmax_in_legend);
    let content_w = cv.width - 2.0 * pad;
    let legend_layout = frame::legend_layout(&legend_items, font, pad, pad, content_w);
    let legend_h = legend_layout.height;
    let note_txt = cv.small(theme.muted_text).anchor(HPos::Left, VPos::Top);
    let note_lines: Vec<String> = data
        .notes
        .iter()
        .flat_map(|n| frame::wrap(n, note_txt.size, content_w))
        .collect();
    let note_line_h = note_txt.size * 1.3;
    let notes_y = pad + legend_h + 2.0;
    let top = notes_y + note_lines.len() as f64 * note_line_h + font * 0.6;

    let plot = YAxis::plot_area(lo, hi, top, cv.width, cv.height, pad, font);

    // The log scale, with the floor band below it when some value is 0; headroom on top for a
    // ringed Cmax on the top decade.
    let inner_top = plot.y0 + 12.0;
    let decades = f64::from(hi - lo);
    let (lo_px, floor) = if has_zero {
        let band = ((plot.y1 - inner_top) / (decades + 0.5) * 0.5).clamp(20.0, 34.0);
        let floor_y = plot.y1 - 10.0;
        (floor_y - band, Some(floor_y))
    } else {
        (plot.y1, None)
    };
    let ya = YAxis {
        lo,
        hi,
        scale: Scale::new(f64::from(lo), f64::from(hi), lo_px, inner_top),
        floor,
    };
    let xs = Scale::new(x_lo, x_hi, plot.x0, plot.x1);
    let (x_ticks, x_labels) = frame::day_axis_ticks(&xs, plot.width(), font);

    // Grid: floor band tint, minor and major decades, day ticks.
    if floor.is_some() {
        cv.rect_fill(
            Rect::new(plot.x0, lo_px + 1.0, plot.x1, plot.y1),
            theme.grid_minor.to_rgba(),
        )?;
    }
    let show_minor = ya.decade_px() >= 45.0;
    if show_minor {
        for e in lo..hi {
            for m in 2..=9 {
                let y = ya.scale.map(f64::from(m).log10() + f64::from(e));
                cv.segment((plot.x0, y), (plot.x1, y), theme.grid_minor, 1, Dash::Solid)?;
            }
        }
    }
    for e in lo..=hi {
        if ya.grid_at(e, font) {
            let y = ya.scale.map(f64::from(e));
            cv.segment((plot.x0, y), (plot.x1, y), theme.grid, 1, Dash::Solid)?;
        }
    }
    frame::x_grid(&cv, &plot, &xs, &x_ticks)?;

    let mut placer = Placer::new(plot);

    // AUC window shading, down to the floor (if any) or the bottom of the scale.
    let base_y = floor.unwrap_or(lo_px);
    let mut auc_region: Option<(f64, f64)> = None;
    if let Some(w) = &data.auc_window {
        let pts = sorted_by_f64(&w.polygon, |p| p.0);
        if let (Some(first), Some(last)) = (pts.first(), pts.last())
            && pts.len() >= 2
        {
            let color = theme.series[w.series % theme.series.len()];
            let mut poly: Vec<P> = Vec::with_capacity(pts.len() + 2);
            poly.push((xs.map(first.0), base_y));
            poly.extend(pts.iter().map(|&(d, v)| {
                let y = if v > 0.0 { ya.y(v) } else { base_y };
                (xs.map(d), y)
            }));
            poly.push((xs.map(last.0), base_y));
            cv.polygon(&poly, color.mix(theme.area_opacity))?;
            auc_region = Some((xs.map(first.0), xs.map(last.0)));
        }
    }

    // Floor line.
    if let Some(fy) = floor {
        cv.segment((plot.x0, fy), (plot.x1, fy), theme.floor, 1, Dash::Dashed)?;
    }
    // Infusion line.
    let day0 = frame::day0_line(&cv, &plot, &xs)?;

    // Series: lines first, then markers, the first series on top.
    let marker_r = {
        let n = data
            .series
            .iter()
            .map(|s| s.points.len())
            .max()
            .unwrap_or(1)
            .max(1);
        (plot.width() / n as f64 * 0.4).clamp(2.0, if font < 12.0 { 4.0 } else { 4.5 })
    };
    let mut pixel_series: Vec<Vec<(P, bool)>> = Vec::with_capacity(data.series.len());
    for s in &data.series {
        let pts = sorted_by_f64(&s.points, |p| p.0);
        pixel_series.push(
            pts.iter()
                .map(|&(d, v)| ((xs.map(d), ya.y(v)), v > 0.0))
                .collect(),
        );
    }
    for (i, pts) in pixel_series.iter().enumerate().rev() {
        let (_, dash) = STYLES[i % MAX_SERIES];
        let line: Vec<P> = pts.iter().map(|&(p, _)| p).collect();
        cv.line(&line, theme.series[i % 4].to_rgba(), 2, dash)?;
        placer.add_path(&line);
    }
    for (i, pts) in pixel_series.iter().enumerate().rev() {
        let (shape, _) = STYLES[i % MAX_SERIES];
        for &(p, positive) in pts {
            cv.marker(shape, p, marker_r, theme.series[i % 4], positive)?;
            placer.add_point(p, marker_r + 1.0);
        }
    }

    let small = cv.small(theme.muted_text);

    // Cmax rings, and the label when there is one Cmax.
    for (i, s) in data.series.iter().enumerate() {
        let Some((day, value)) = s.cmax else { continue };
        if value <= 0.0 {
            continue;
        }
        let p = (xs.map(day), ya.y(value));
        cv.ring(p, marker_r + 4.0, theme.series[i % 4], 2)?;
        placer.add_point(p, marker_r + 5.0);
        if cmax_in_legend {
            continue;
        }
        let full = format!(
            "Cmax {} {}, {}",
            format::value(value),
            data.unit,
            crate::display::day_time(day)
        );
        let short = format!(
            "Cmax {}, {}",
            format::value(value),
            crate::display::day_time(day)
        );
        let t = cv.txt(theme.text).anchor(HPos::Left, VPos::Top);
        let gap = marker_r + 7.0;
        place_near(&cv, &mut placer, p, gap, &[&full, &short], &t)?;
    }

    // AUC label.
    if let (Some(w), Some((x0, x1))) = (&data.auc_window, auc_region) {
        let t = cv.small(theme.text).anchor(HPos::Left, VPos::Top);
        let mut lines: Vec<&str> = vec![&w.label];
        if let Some(d) = &w.detail {
            lines.push(d);
        }
        let lh = t.size * 1.25;
        let bw = lines
            .iter()
            .map(|l| text_width(l, t.size, false))
            .fold(0.0, f64::max);
        let bh = lh * lines.len() as f64;
        let inside_bottom = lo_px - 4.0 - bh;
        let candidates = [
            Rect::new(x0 + 6.0, inside_bottom, x0 + 6.0 + bw, inside_bottom + bh),
            Rect::new(
                (x0 + x1 - bw) / 2.0,
                inside_bottom,
                (x0 + x1 + bw) / 2.0,
                inside_bottom + bh,
            ),
            Rect::new(x1 - 6.0 - bw, inside_bottom, x1 - 6.0, inside_bottom + bh),
            Rect::new(x0 + 6.0, plot.y0 + 4.0, x0 + 6.0 + bw, plot.y0 + 4.0 + bh),
            Rect::new(x1 + 6.0, inside_bottom, x1 + 6.0 + bw, inside_bottom + bh),
            Rect::new(
                (x0 + x1 - bw) / 2.0,
                plot.y0 + 4.0,
                (x0 + x1 + bw) / 2.0,
                plot.y0 + 4.0 + bh,
            ),
        ]
        .map(|r| r.fit_into(&plot));
        let r = candidates[placer.best(&candidates)];
        for (k, line) in lines.iter().enumerate() {
            cv.text(line, (r.x0, r.y0 + k as f64 * lh), &t)?;
        }
        placer.add(r);
    }

    // "below detection" on the floor line, where it covers the fewest markers.
    if let Some(fy) = floor {
        let t = small.anchor(HPos::Left, VPos::Top);
        let label = "below detection";
        let w = text_width(label, t.size, false);
        let y0 = fy - marker_r - 3.0 - t.size;
        let mut candidates = Vec::new();
        let n = 8;
        for k in 0..=n {
            let x = plot.x0 + 6.0 + (plot.width() - 12.0 - w) * f64::from(k) / f64::from(n);
            candidates.push(Rect::new(x, y0, x + w, y0 + t.size));
        }
        let r = candidates[placer.best(&candidates)];
        cv.text(label, (r.x0, r.y0), &t)?;
        placer.add(r);
    }

    // Infusion label beside the day-0 line, where it covers the least (placed
    // last: the data labels come first).
    if let Some(x) = day0 {
        let t = small.anchor(HPos::Left, VPos::Top);
        let w = text_width("infusion", t.size, false);
        let candidates: Vec<Rect> = (0..6)
            .map(|k| {
                let y = plot.y0 + 2.0 + (lo_px - plot.y0 - t.size - 6.0) * f64::from(k) / 5.0;
                Rect::new(x + 3.0, y, x + 3.0 + w, y + t.size)
            })
            .collect();
        let r = candidates[placer.best(&candidates)];
        cv.text("infusion", (r.x0, r.y0), &t)?;
        placer.add(r);
    }

    // Axes.
    cv.segment(
        (plot.x0, plot.y0),
        (plot.x0, plot.y1),
        theme.axis,
        1,
        Dash::Solid,
    )?;
    let label_t = cv.txt(theme.text).anchor(HPos::Right, VPos::Center);
    for (v, label) in ya.labels(font) {
        let y = ya.scale.map(v);
        let major = (v - v.round()).abs() < 1e-9;
        cv.segment(
            (plot.x0 - if major { 5.0 } else { 3.0 }, y),
            (plot.x0, y),
            theme.axis,
            1,
            Dash::Solid,
        )?;
        let t = if major {
            label_t
        } else {
            Txt {
                color: theme.muted_text,
                ..label_t
            }
        };
        cv.text(&label, (plot.x0 - 7.0, y), &t)?;
    }
    if show_minor {
        for e in lo..hi {
            for m in 2..=9 {
                let y = ya.scale.map(f64::from(m).log10() + f64::from(e));
                cv.segment((plot.x0 - 3.0, y), (plot.x0, y), theme.axis, 1, Dash::Solid)?;
            }
        }
    }
    if let Some(fy) = floor {
        // Axis break between the scale and the floor band.
        let yb = (lo_px + fy) / 2.0;
        cv.rect_fill(
            Rect::new(plot.x0 - 6.0, yb - 3.0, plot.x0 + 6.0, yb + 3.0),
            theme.background.to_rgba(),
        )?;
        cv.segment(
            (plot.x0 - 6.0, yb - 1.0),
            (plot.x0 + 6.0, yb - 5.0),
            theme.axis,
            1,
            Dash::Solid,
        )?;
        cv.segment(
            (plot.x0 - 6.0, yb + 5.0),
            (plot.x0 + 6.0, yb + 1.0),
            theme.axis,
            1,
            Dash::Solid,
        )?;
        cv.segment(
            (plot.x0 - 5.0, fy),
            (plot.x0, fy),
            theme.axis,
            1,
            Dash::Solid,
        )?;
    }
    frame::x_axis(
        &cv,
        &plot,
        &xs,
        &x_ticks,
        Some(&x_labels),
        Some("Days since infusion"),
    )?;
    cv.y_title(&data.y_title, pad, &plot)?;

    // Legend and notes.
    frame::legend(&cv, &legend_items, &legend_layout, marker_r.max(3.5))?;
    for (k, line) in note_lines.iter().enumerate() {
        cv.text(line, (pad, notes_y + k as f64 * note_line_h), &note_txt)?;
    }
    Ok(())
}

fn legend_items(
    data: &KineticsChart,
    theme: &Theme,
    has_zero: bool,
    cmax_in_legend: bool,
) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (shape, dash) = STYLES[i % MAX_SERIES];
            LegendItem {
                symbol: Symbol::Line {
                    color: theme.series[i % 4],
                    dash,
                    marker: Some(shape),
                },
                label: match s.cmax.filter(|c| c.1 > 0.0) {
                    Some((day, value)) if cmax_in_legend => format!(
                        "{} (Cmax {} {}, {})",
                        s.name,
                        format::value(value),
                        data.unit,
                        crate::display::day_time(day)
                    ),
                    _ => s.name.clone(),
                },
            }
        })
        .collect();
    if has_zero {
        items.push(LegendItem {
            symbol: Symbol::Marker {
                shape: Marker::Circle,
                color: theme.floor,
                filled: false,
            },
            label: "open marker = below detection".to_string(),
        });
    }
    items
}

/// Draws the first text variant that fits near `p` (right, left, above, below, diagonals),
/// preferring the longer variants.
fn place_near<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    placer: &mut Placer,
    (x, y): P,
    gap: f64,
    variants: &[&str],
    t: &Txt,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let h = t.size;
    let mut best: Option<(f64, Rect, usize)> = None;
    for (vi, text) in variants.iter().enumerate() {
        let w = text_width(text, t.size, t.bold);
        let d = gap * 0.75;
        let candidates = [
            Rect::new(x + gap, y - h / 2.0, x + gap + w, y + h / 2.0),
            Rect::new(x + d, y - d - h, x + d + w, y - d),
            Rect::new(x - gap - w, y - h / 2.0, x - gap, y + h / 2.0),
            Rect::new(x - d - w, y - d - h, x - d, y - d),
            Rect::new(x - w / 2.0, y - gap - h, x + w / 2.0, y - gap),
            Rect::new(x - w / 2.0, y + gap, x + w / 2.0, y + gap + h),
            Rect::new(x + d, y + d, x + d + w, y + d + h),
            Rect::new(x - d - w, y + d, x - d, y + d + h),
        ];
        for c in candidates {
            let c = c.fit_into(&placer.bounds());
            // A shorter variant is taken only if it covers clearly less.
            let cost = placer.cost(&c) + vi as f64 * h * 6.0;
            if best.is_none_or(|(b, _, _)| cost < b - 1e-9) {
                best = Some((cost, c, vi));
            }
        }
    }
    if let Some((_, r, vi)) = best
        && let Some(text) = variants.get(vi)
    {
        cv.text(text, (r.x0, r.y0), t)?;
        placer.add(r);
    }
    Ok(())
}

/// The kinetics chart as an SVG document of `width_px` x `height_px`.
///
/// # Errors
///
/// As [`draw_kinetics`], and [`ChartError::Size`] for a size outside 120-8000 px.
pub fn kinetics_svg(
    data: &KineticsChart,
    theme: &Theme,
    width_px: u32,
    height_px: u32,
) -> Result<String, ChartError> {
    svg_string(width_px, height_px, |root| draw_kinetics(root, data, theme))
}

/// A one-paragraph description of the kinetics chart for `aria-label` / figcaption.
pub fn kinetics_summary_text(data: &KineticsChart) -> String {
    if data.series.iter().all(|s| s.points.is_empty()) {
        return "CAR-T kinetics chart: no counts entered yet.".to_string();
    }
    let unit = &data.unit;
    let mut out = format!(
        "CAR-T kinetics chart: {unit} in blood by day since infusion, on a log scale; values \
         below detection are drawn on a floor line."
    );
    for s in &data.series {
        out.push(' ');
        out.push_str(&series_sentence(s, unit));
    }
    if let Some(w) = &data.auc_window {
        let (first, last) = w
            .polygon
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.0), b.max(p.0))
            });
        out.push_str(&format!(" Shaded: {}", w.label));
        if let Some(d) = &w.detail {
            out.push_str(&format!(", {d}"));
        }
        if first.is_finite() && last.is_finite() {
            out.push_str(&format!(
                ", from {} to {}",
                crate::display::day_time(first),
                crate::display::day_time(last)
            ));
        }
        out.push('.');
    }
    for n in &data.notes {
        out.push(' ');
        out.push_str(n);
    }
    out
}

fn day_list(days: &[f64]) -> String {
    const SHOWN: usize = 5;
    let mut parts: Vec<String> = days
        .iter()
        .take(SHOWN)
        .map(|&d| crate::display::day_time(d))
        .collect();
    if days.len() > SHOWN {
        parts.push(format!("and {} more", days.len() - SHOWN));
    }
    parts.join(", ")
}

fn series_sentence(s: &ChartSeries, unit: &str) -> String {
    let pts = sorted_by_f64(&s.points, |p| p.0);
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return format!("{}: no samples.", s.name);
    };
    let n = pts.len();
    let mut parts = Vec::new();
    parts.push(if n == 1 {
        format!("1 sample on {}", crate::display::day_time(first.0))
    } else {
        format!(
            "{n} samples from {} to {}",
            crate::display::day_time(first.0),
            crate::display::day_time(last.0)
        )
    });
    if let Some((day, value)) = s.cmax.filter(|c| c.1 > 0.0) {
        parts.push(format!(
            "peaked at {} {unit} on {}",
            format::value(value),
            crate::display::day_time(day)
        ));
    }
    let zeros: Vec<f64> = pts.iter().filter(|p| p.1 == 0.0).map(|p| p.0).collect();
    if zeros.len() == n {
        parts.push("all below detection".to_string());
    } else {
        if let Some(&(day, value)) = pts.iter().rev().find(|p| p.1 > 0.0) {
            parts.push(format!(
                "last above detection {} {unit} on {}",
                format::value(value),
                crate::display::day_time(day)
            ));
        }
        if !zeros.is_empty() {
            parts.push(format!(
                "{} below detection ({})",
                zeros.len(),
                day_list(&zeros)
            ));
        }
    }
    format!("{}: {}.", s.name, parts.join("; "))
}
