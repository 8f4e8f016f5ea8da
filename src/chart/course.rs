//! The toxicity course chart: ICANS and CRS grade, ICE score, medication events and the
//! cumulative systemic steroid dose over days since infusion, in stacked panels that share the
//! day axis.
//!
//! - Grades are step lines (a grade holds until the next assessment and is not carried past the
//!   last one), ICANS solid with circles, CRS dashed with squares; where both are drawn the ICANS
//!   line sits 2 px above and the CRS line 2 px below the grade so neither hides the other.
//! - ICE (0-10, 10 = normal) has its own panel: line with triangle markers.
//! - Medication events are markers whose shape gives the kind (steroid: down-triangle,
//!   intrathecal: diamond, anti-cytokine: square, other: circle) with their own text label, laid
//!   out in rows so labels do not overlap; a dotted guide at each event day runs through the
//!   other panels.
//! - The cumulative systemic steroid dose (mg dexamethasone-equivalent) is a step line from 0
//!   that keeps its last value to the right edge, labelled with the total.
//! - Parts without data are left out; with no data at all the chart says so.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::axis::{self, Scale};
use super::canvas::{Canvas, Dash, Marker, P, Rect, text_width};
use super::frame::{self, LegendItem, Symbol};
use super::svg::{ChartError, svg_string};
use super::{Theme, format};
use crate::case::CaseResult;
use crate::numbers::{order_by_f64, sort_by_f64, sorted_by_f64};
use crate::steroids::{Drug, DrugKind, Medication, NonSteroid, Route};

/// What kind of medication an event is (sets its marker shape and colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Systemic corticosteroid (counts toward the cumulative dose).
    Steroid,
    /// Intrathecal therapy (e.g. methotrexate + cytarabine + dexamethasone).
    Intrathecal,
    /// Anti-cytokine therapy (tocilizumab, siltuximab, anakinra).
    Anticytokine,
    Other,
}

impl EventKind {
    /// Legend name.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Steroid => "steroid",
            EventKind::Intrathecal => "intrathecal",
            EventKind::Anticytokine => "anti-cytokine",
            EventKind::Other => "other",
        }
    }

    fn marker(self) -> Marker {
        match self {
            EventKind::Steroid => Marker::TriangleDown,
            EventKind::Intrathecal => Marker::Diamond,
            EventKind::Anticytokine => Marker::Square,
            EventKind::Other => Marker::Circle,
        }
    }

    fn color(self, theme: &Theme) -> RGBColor {
        match self {
            EventKind::Steroid => theme.event_steroid,
            EventKind::Intrathecal => theme.event_intrathecal,
            EventKind::Anticytokine => theme.event_anticytokine,
            EventKind::Other => theme.event_other,
        }
    }

    const ALL: [EventKind; 4] = [
        EventKind::Steroid,
        EventKind::Intrathecal,
        EventKind::Anticytokine,
        EventKind::Other,
    ];
}

/// A medication given at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Days since infusion (fractional for hours; negative before the infusion).
    pub day: f64,
    /// Text drawn beside the marker, e.g. "Dexamethasone 20 mg IV".
    pub label: String,
    pub kind: EventKind,
}

impl EventKind {
    /// Which lane a medication goes in: systemic steroid, intrathecal, anti-cytokine, other (the
    /// drug's kind is the core's, [`crate::steroids`]).
    pub fn of(drug: &Drug, route: Route) -> EventKind {
        use NonSteroid::{Anakinra, Cytarabine, Methotrexate, Siltuximab, Tocilizumab};
        match drug.kind() {
            _ if route == Route::It => EventKind::Intrathecal,
            DrugKind::Steroid(_) => EventKind::Steroid,
            DrugKind::NonSteroid(Tocilizumab | Siltuximab | Anakinra) => EventKind::Anticytokine,
            DrugKind::NonSteroid(Methotrexate | Cytarabine) | DrugKind::Other => EventKind::Other,
        }
    }
}

/// Everything the course chart draws: plain data. Points may come in any order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CourseChart {
    /// `(day, ICANS grade 0-4)` per assessment.
    pub icans_grade: Vec<(f64, u8)>,
    /// `(day, CRS grade 0-4)` per assessment.
    pub crs_grade: Vec<(f64, u8)>,
    /// `(day, ICE score 0-10)` per assessment.
    pub ice_score: Vec<(f64, u8)>,
    pub events: Vec<Event>,
    /// `(day, cumulative systemic steroid dose so far in mg dexamethasone-equivalent)`, one
    /// point per dose.
    pub cumulative_steroid_dex_eq_mg: Vec<(f64, f64)>,
}

impl CourseChart {
    /// The course of a case: ICANS and CRS grades as steps, ICE scores, medication events
    /// (labelled with drug, dose and route) and the cumulative systemic steroid dose, from the
    /// evaluated course and the medications the core accepted (in the order entered).
    pub fn from_course(r: &CaseResult, medications: &[&Medication]) -> CourseChart {
        let mut chart = CourseChart::default();
        for a in &r.assessments {
            if let Some(i) = &a.icans {
                chart.icans_grade.push((a.day, i.grade.number()));
                chart.ice_score.extend(i.ice_total.map(|t| (a.day, t)));
            }
            let crs = a.crs.as_ref().map(|c| (a.day, c.grade.number()));
            chart.crs_grade.extend(crs);
        }
        let event = |day, label, kind| Event { day, label, kind };
        // Intrathecal drugs given at the same time are one event ("IT methotrexate 15 mg +
        // cytarabine 40 mg").
        let mut intrathecal: Vec<(f64, Vec<String>)> = Vec::new();
        for m in medications {
            let (day, route) = (m.day(), m.route());
            let name = match m.drug() {
                Drug::Other { label } => label.as_str(),
                drug => drug.api_name(),
            };
            let dose = format!("{name} {} mg", crate::display::grouped(m.mg()));
            let same_time = intrathecal.iter_mut().find(|(d, _)| *d == day);
            match (EventKind::of(m.drug(), route), same_time) {
                (EventKind::Intrathecal, Some((_, doses))) => doses.push(dose),
                (EventKind::Intrathecal, None) => intrathecal.push((day, vec![dose])),
                (kind, _) => {
                    let label = format!("{dose} {}", route.api_name().to_ascii_uppercase());
                    chart.events.push(event(day, label, kind));
                }
            }
        }
        for (day, doses) in intrathecal {
            let label = format!("IT {}", doses.join(" + "));
            chart.events.push(event(day, label, EventKind::Intrathecal));
        }
        let systemic = r.steroids.per_dose.iter().filter(|d| d.systemic);
        let cumulative = systemic.map(|d| (d.day, d.cumulative_systemic_dex_eq_mg));
        chart.cumulative_steroid_dex_eq_mg = cumulative.collect();
        chart
    }

    fn is_empty(&self) -> bool {
        self.icans_grade.is_empty()
            && self.crs_grade.is_empty()
            && self.ice_score.is_empty()
            && self.events.is_empty()
            && self.cumulative_steroid_dex_eq_mg.is_empty()
    }

    fn validate(&self) -> Result<(), ChartError> {
        let bad = |what: &str, i: usize, problem: String| {
            Err(ChartError::InvalidData(format!(
                "course chart: {what} point {}: {problem}",
                i + 1
            )))
        };
        let day_ok = |d: f64| d.is_finite();
        for (what, points, max) in [
            ("ICANS grade", &self.icans_grade, 4),
            ("CRS grade", &self.crs_grade, 4),
            ("ICE score", &self.ice_score, 10),
        ] {
            for (i, &(day, v)) in points.iter().enumerate() {
                if !day_ok(day) {
                    return bad(what, i, format!("day must be a finite number, got {day}"));
                }
                if v > max {
                    return bad(what, i, format!("must be 0-{max}, got {v}"));
                }
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            if !day_ok(e.day) {
                return bad(
                    "event",
                    i,
                    format!("day must be a finite number, got {}", e.day),
                );
            }
        }
        for (i, &(day, mg)) in self.cumulative_steroid_dex_eq_mg.iter().enumerate() {
            if !day_ok(day) {
                return bad(
                    "cumulative steroid",
                    i,
                    format!("day must be a finite number, got {day}"),
                );
            }
            if !mg.is_finite() || mg < 0.0 {
                return bad(
                    "cumulative steroid",
                    i,
                    format!("mg must be a number of 0 or more, got {mg}"),
                );
            }
        }
        Ok(())
    }

    fn all_days(&self) -> impl Iterator<Item = f64> + '_ {
        self.icans_grade
            .iter()
            .map(|p| p.0)
            .chain(self.crs_grade.iter().map(|p| p.0))
            .chain(self.ice_score.iter().map(|p| p.0))
            .chain(self.events.iter().map(|e| e.day))
            .chain(self.cumulative_steroid_dex_eq_mg.iter().map(|p| p.0))
    }
}

fn sorted<T: Copy>(points: &[(f64, T)]) -> Vec<(f64, T)> {
    sorted_by_f64(points, |p| p.0)
}

/// Vertices of a step line through `points` (sorted): each value holds until the next point.
/// n points give 2n - 1 vertices.
fn step_vertices(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, &(d, v)) in points.iter().enumerate() {
        if i > 0
            && let Some(&(_, prev)) = points.get(i - 1)
        {
            out.push((d, prev));
        }
        out.push((d, v));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Grades,
    Ice,
    Events,
    Steroid,
}

struct Panel {
    kind: Kind,
    header_items: Vec<LegendItem>,
    header: frame::LegendLayout,
    plot: Rect,
}

/// An event placed in the lane: first row, marker x, label lines and side.
struct PlacedEvent {
    index: usize,
    row: usize,
    x: f64,
    lines: Vec<String>,
    label_left: bool,
}

/// Marker radius in the event lane.
const EVENT_R: f64 = 5.0;

/// Lays event labels out in rows so they do not overlap. A label goes right of its marker, or
/// left when it does not fit on the right; when it fits on neither side it is wrapped onto
/// several rows on the roomier side. Labels may use the whole width between `left_limit` and
/// `right_limit` (the lane has no y axis). Up to `max_rows` rows; beyond that the rows that end
/// first take the label. Returns the placements and the number of rows used.
fn event_rows(
    events: &[Event],
    xs: &Scale,
    (left_limit, right_limit): (f64, f64),
    font: f64,
    max_rows: usize,
) -> (Vec<PlacedEvent>, usize) {
    let max_rows = max_rows.max(1);
    let order = order_by_f64(events.iter().map(|e| e.day));
    let mut ends: Vec<f64> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    let gap = EVENT_R + 4.0;
    for i in order {
        let e = &events[i];
        let x = xs.map(e.day);
        let w = text_width(&e.label, font, false);
        let right_room = right_limit - (x + gap);
        let left_room = (x - gap) - left_limit;
        let (label_left, lines) = if w <= right_room {
            (false, vec![e.label.clone()])
        } else if w <= left_room {
            (true, vec![e.label.clone()])
        } else {
            let left = left_room > right_room;
            let room = if left { left_room } else { right_room };
            let lines = frame::wrap(&e.label, font, room.max(font * 4.0));
            let lines = if lines.is_empty() {
                vec![e.label.clone()]
            } else {
                lines
            };
            (left, lines)
        };
        let lw = lines
            .iter()
            .map(|l| text_width(l, font, false))
            .fold(0.0, f64::max);
        let (start, end) = if label_left {
            (x - gap - lw, x + EVENT_R)
        } else {
            (x - EVENT_R, x + gap + lw)
        };
        let k = lines.len().min(max_rows);
        let free = |row: usize, ends: &Vec<f64>| {
            (row..row + k).all(|j| match ends.get(j) {
                Some(&end) => end + 8.0 <= start,
                None => j < max_rows,
            })
        };
        let row = match (0..max_rows).find(|&r| free(r, &ends)) {
            Some(r) => r,
            None => (0..=max_rows - k)
                .min_by(|&a, &b| {
                    let worst = |r: usize| {
                        (r..r + k)
                            .map(|j| ends.get(j).copied().unwrap_or(f64::NEG_INFINITY))
                            .fold(f64::NEG_INFINITY, f64::max)
                    };
                    worst(a).total_cmp(&worst(b))
                })
                .unwrap_or(0),
        };
        while ends.len() < row + k {
            ends.push(f64::NEG_INFINITY);
        }
        for slot in ends.iter_mut().skip(row).take(k) {
            *slot = slot.max(end);
        }
        out.push(PlacedEvent {
            index: i,
            row,
            x,
            lines,
            label_left,
        });
    }
    (out, ends.len().max(1))
}

/// Draws the course chart on any plotters drawing area.
///
/// # Errors
///
/// [`ChartError::InvalidData`] for a non-finite day, a grade above 4, an ICE score above 10 or a
/// negative or non-finite dose; [`ChartError::Drawing`] if the backend fails.
pub fn draw_course<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CourseChart,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    data.validate()?;
    let cv = Canvas::new(root, theme);
    cv.fill(theme.background)?;
    if data.is_empty() {
        return cv.no_data("No assessments or medication entered yet");
    }
    let font = cv.font;
    let pad = 8.0;
    let both_grades = !data.icans_grade.is_empty() && !data.crs_grade.is_empty();

    let icans = sorted(&data.icans_grade);
    let crs = sorted(&data.crs_grade);
    let ice = sorted(&data.ice_score);
    let steroid = sorted(&data.cumulative_steroid_dex_eq_mg);
    let steroid_max = steroid.iter().map(|p| p.1).fold(0.0, f64::max);
    let (_, steroid_top, steroid_step) = axis::nice_range(0.0, steroid_max.max(1.0), 3);

    // Panels in order, with their headers.
    let mut kinds = Vec::new();
    if !icans.is_empty() || !crs.is_empty() {
        kinds.push(Kind::Grades);
    }
    if !ice.is_empty() {
        kinds.push(Kind::Ice);
    }
    if !data.events.is_empty() {
        kinds.push(Kind::Events);
    }
    if !steroid.is_empty() {
        kinds.push(Kind::Steroid);
    }
    let header_for = |k: Kind| -> Vec<LegendItem> {
        let title = |s: &str| LegendItem {
            symbol: Symbol::None,
            label: s.to_string(),
        };
        match k {
            Kind::Grades => {
                let mut v = vec![title("Grade (ASTCT 2019):")];
                if !icans.is_empty() {
                    v.push(LegendItem {
                        symbol: Symbol::Line {
                            color: theme.icans,
                            dash: Dash::Solid,
                            marker: Some(Marker::Circle),
                        },
                        label: "ICANS".to_string(),
                    });
                }
                if !crs.is_empty() {
                    v.push(LegendItem {
                        symbol: Symbol::Line {
                            color: theme.crs,
                            dash: Dash::Dashed,
                            marker: Some(Marker::Square),
                        },
                        label: "CRS".to_string(),
                    });
                }
                v
            }
            Kind::Ice => vec![title("ICE score (0-10, 10 = normal)")],
            Kind::Events => {
                let mut v = vec![title("Medication:")];
                for kind in EventKind::ALL {
                    if data.events.iter().any(|e| e.kind == kind) {
                        v.push(LegendItem {
                            symbol: Symbol::Marker {
                                shape: kind.marker(),
                                color: kind.color(theme),
                                filled: true,
                            },
                            label: kind.name().to_string(),
                        });
                    }
                }
                v
            }
            Kind::Steroid => vec![title(&format!(
                "Cumulative systemic steroid, mg dexamethasone-eq.: {} mg",
                format::value(steroid.last().map_or(0.0, |p| p.1))
            ))],
        }
    };

    // Horizontal layout: y tick labels on the left.
    let steroid_labels_w = {
        let mut w: f64 = 0.0;
        let mut v = 0.0;
        while v <= steroid_top + steroid_step * 0.01 {
            w = w.max(text_width(&format::tick(v, steroid_step), font, false));
            v += steroid_step;
        }
        w
    };
    let tick_w = text_width("10", font, false).max(if steroid.is_empty() {
        0.0
    } else {
        steroid_labels_w
    });
    let left = pad + tick_w + 8.0;
    let right = cv.width - pad - font * 1.2;
    let x0 = left;
    let x1 = right.max(left + 10.0);
    let (d_lo, d_hi) = axis::day_range(data.all_days(), 1.0);
    let xs = Scale::new(d_lo, d_hi, x0, x1);
    let (x_ticks, x_labels) = frame::day_axis_ticks(&xs, x1 - x0, font);
    let hours = x_labels.iter().any(|l| l.starts_with('+'));

    // Vertical layout: panel headers, the event lane sized to its rows, and the data panels
    // sharing the rest by weight above a minimum height each.
    let gap = font * 0.4;
    let mut panels: Vec<Panel> = kinds
        .iter()
        .map(|&k| {
            let header = header_for(k);
            let layout = frame::legend_layout(&header, font, pad, 0.0, cv.width - 2.0 * pad);
            Panel {
                kind: k,
                header_items: header,
                header: layout,
                plot: Rect::new(x0, 0.0, x1, 0.0),
            }
        })
        .collect();
    // Preferred and smallest heights of the data panels.
    let min_h = |k: Kind| match k {
        Kind::Grades => 36.0,
        Kind::Ice | Kind::Steroid => 24.0,
        Kind::Events => 0.0,
    };
    let floor_h = |k: Kind| match k {
        Kind::Grades => 24.0,
        Kind::Ice | Kind::Steroid => 16.0,
        Kind::Events => 0.0,
    };
    let weight = |k: Kind| match k {
        Kind::Grades => 3.0,
        Kind::Ice | Kind::Steroid => 2.0,
        Kind::Events => 0.0,
    };
    let axis_h = frame::x_axis_height(font, true, true);
    let fixed_without_lane: f64 = pad
        + panels.iter().map(|p| p.header.height).sum::<f64>()
        + gap * panels.len().saturating_sub(1) as f64
        + axis_h
        + pad;
    let min_total: f64 = kinds.iter().map(|&k| min_h(k)).sum();
    let floor_total: f64 = kinds.iter().map(|&k| floor_h(k)).sum();

    // Event rows: as many as the labels need so no two overlap; the data panels shrink toward
    // their smallest heights first, and only past that may labels share a row.
    let event_font = cv.small(theme.text).size;
    let row_h = event_font * 1.45;
    let has_lane = kinds.contains(&Kind::Events);
    let lane_h = |rows: usize| {
        if has_lane {
            rows as f64 * row_h + 6.0
        } else {
            0.0
        }
    };
    let mut lane = event_rows(&data.events, &xs, (pad, cv.width - pad), event_font, 12);
    if cv.height - fixed_without_lane - lane_h(lane.1) < floor_total {
        let budget = cv.height - fixed_without_lane - floor_total - 6.0;
        let max_rows = (budget / row_h).floor().max(1.0) as usize;
        lane = event_rows(
            &data.events,
            &xs,
            (pad, cv.width - pad),
            event_font,
            max_rows,
        );
    }
    let (placed, rows) = lane;
    let events_h = lane_h(rows);
    let avail = (cv.height - fixed_without_lane - events_h).max(0.0);
    let total_weight: f64 = kinds.iter().map(|&k| weight(k)).sum();
    let panel_h = |k: Kind| -> f64 {
        if avail >= min_total {
            let extra = avail - min_total;
            min_h(k)
                + if total_weight > 0.0 {
                    extra * weight(k) / total_weight
                } else {
                    0.0
                }
        } else if avail > floor_total && min_total > floor_total {
            floor_h(k) + (avail - floor_total) * (min_h(k) - floor_h(k)) / (min_total - floor_total)
        } else {
            floor_h(k)
        }
    };
    let mut y = pad;
    for p in panels.iter_mut() {
        p.header.shift(y);
        y += p.header.height;
        let h = if p.kind == Kind::Events {
            events_h
        } else {
            panel_h(p.kind)
        };
        p.plot = Rect::new(x0, y, x1, y + h);
        y += h + gap;
    }

    // Grids, the infusion line and event guides behind everything.
    for p in &panels {
        if p.kind == Kind::Events {
            cv.rect_fill(p.plot, theme.grid_minor.to_rgba())?;
        }
        frame::x_grid(&cv, &p.plot, &xs, &x_ticks)?;
        frame::day0_line(&cv, &p.plot, &xs)?;
        if p.kind != Kind::Events {
            for e in &data.events {
                let x = xs.map(e.day);
                cv.segment(
                    (x, p.plot.y0),
                    (x, p.plot.y1),
                    e.kind.color(theme),
                    1,
                    Dash::Dotted,
                )?;
            }
        }
    }

    let label_t = cv.txt(theme.text).anchor(HPos::Right, VPos::Center);
    for p in &panels {
        let plot = p.plot;
        match p.kind {
            Kind::Grades => {
                let ys = Scale::new(0.0, 4.0, plot.y1 - 5.0, plot.y0 + 5.0);
                let every = if ys.density() >= font * 1.1 { 1 } else { 2 };
                for g in 0..=4 {
                    let yy = ys.map(f64::from(g));
                    cv.segment((plot.x0, yy), (plot.x1, yy), theme.grid, 1, Dash::Solid)?;
                    if g % every == 0 {
                        cv.text(&g.to_string(), (plot.x0 - 6.0, yy), &label_t)?;
                    }
                }
                let offset = if both_grades { 2.0 } else { 0.0 };
                for (points, color, dash, marker, dy) in [
                    (&crs, theme.crs, Dash::Dashed, Marker::Square, offset),
                    (&icans, theme.icans, Dash::Solid, Marker::Circle, -offset),
                ] {
                    let as_f: Vec<(f64, f64)> =
                        points.iter().map(|&(d, g)| (d, f64::from(g))).collect();
                    let line: Vec<P> = step_vertices(&as_f)
                        .iter()
                        .map(|&(d, g)| (xs.map(d), ys.map(g) + dy))
                        .collect();
                    cv.line(&line, color.to_rgba(), 2, dash)?;
                    for &(d, g) in &as_f {
                        cv.marker(marker, (xs.map(d), ys.map(g) + dy), 3.5, color, true)?;
                    }
                }
            }
            Kind::Ice => {
                let ys = Scale::new(0.0, 10.0, plot.y1 - 5.0, plot.y0 + 5.0);
                let step = [1u8, 2, 5, 10]
                    .into_iter()
                    .find(|&s| ys.density() * f64::from(s) >= font * 1.2)
                    .unwrap_or(10);
                let mut v = 0u8;
                while v <= 10 {
                    let yy = ys.map(f64::from(v));
                    cv.segment((plot.x0, yy), (plot.x1, yy), theme.grid, 1, Dash::Solid)?;
                    cv.text(&v.to_string(), (plot.x0 - 6.0, yy), &label_t)?;
                    v += step;
                }
                let pts: Vec<P> = ice
                    .iter()
                    .map(|&(d, s)| (xs.map(d), ys.map(f64::from(s))))
                    .collect();
                cv.line(&pts, theme.ice.to_rgba(), 2, Dash::Solid)?;
                for &pt in &pts {
                    cv.marker(Marker::Triangle, pt, 3.5, theme.ice, true)?;
                }
            }
            Kind::Events => {
                let t = cv.small(theme.text);
                for pe in &placed {
                    let Some(e) = data.events.get(pe.index) else {
                        continue;
                    };
                    let cy = plot.y0 + 3.0 + row_h * (pe.row as f64 + 0.5);
                    let color = e.kind.color(theme);
                    cv.marker(e.kind.marker(), (pe.x, cy), EVENT_R, color, true)?;
                    let (tx, h) = if pe.label_left {
                        (pe.x - EVENT_R - 4.0, HPos::Right)
                    } else {
                        (pe.x + EVENT_R + 4.0, HPos::Left)
                    };
                    for (k, line) in pe.lines.iter().enumerate() {
                        let y = cy + row_h * k as f64;
                        cv.text(line, (tx, y), &t.anchor(h, VPos::Center))?;
                    }
                }
            }
            Kind::Steroid => {
                let ys = Scale::new(0.0, steroid_top, plot.y1 - 4.0, plot.y0 + 4.0);
                let mut step = steroid_step;
                while ys.density() * step < font * 1.2 && step < steroid_top {
                    step *= 2.0;
                }
                let mut v = 0.0;
                while v <= steroid_top + step * 0.01 {
                    let yy = ys.map(v);
                    cv.segment((plot.x0, yy), (plot.x1, yy), theme.grid, 1, Dash::Solid)?;
                    cv.text(&format::tick(v, step), (plot.x0 - 6.0, yy), &label_t)?;
                    v += step;
                }
                let mut line: Vec<P> = Vec::with_capacity(steroid.len() * 2 + 2);
                if let Some(&(first_day, _)) = steroid.first() {
                    line.push((plot.x0, ys.map(0.0)));
                    line.push((xs.map(first_day), ys.map(0.0)));
                }
                line.extend(
                    step_vertices(&steroid)
                        .iter()
                        .map(|&(d, mg)| (xs.map(d), ys.map(mg))),
                );
                if let Some(&(_, last)) = steroid.last() {
                    line.push((plot.x1, ys.map(last)));
                }
                cv.line(&line, theme.steroid.to_rgba(), 2, Dash::Solid)?;
                for &(d, mg) in &steroid {
                    cv.marker(
                        Marker::Circle,
                        (xs.map(d), ys.map(mg)),
                        3.0,
                        theme.steroid,
                        true,
                    )?;
                }
            }
        }
        // Frame: left axis (not for the event lane) and the bottom line.
        if p.kind != Kind::Events {
            cv.segment(
                (plot.x0, plot.y0),
                (plot.x0, plot.y1),
                theme.axis,
                1,
                Dash::Solid,
            )?;
        }
        frame::legend(&cv, &p.header_items, &p.header, 4.5)?;
    }
    if let Some(last) = panels.last() {
        for p in &panels[..panels.len() - 1] {
            frame::x_axis(&cv, &p.plot, &xs, &x_ticks, None, None)?;
        }
        let title = if hours {
            "Days since infusion (+h = hours into the day)"
        } else {
            "Days since infusion"
        };
        frame::x_axis(&cv, &last.plot, &xs, &x_ticks, Some(&x_labels), Some(title))?;
    }
    Ok(())
}

/// The course chart as an SVG document of `width_px` x `height_px`.
///
/// # Errors
///
/// As [`draw_course`], and [`ChartError::Size`] for a size outside 120-8000 px.
pub fn course_svg(
    data: &CourseChart,
    theme: &Theme,
    width_px: u32,
    height_px: u32,
) -> Result<String, ChartError> {
    svg_string(width_px, height_px, |root| draw_course(root, data, theme))
}

fn grade_sentence(name: &str, points: &[(f64, u8)]) -> Option<String> {
    let pts = sorted(points);
    let last = pts.last()?;
    let peak = pts.iter().map(|p| p.1).max().unwrap_or(0);
    let mut s = format!(
        "{name} grade: {} assessment{}",
        pts.len(),
        if pts.len() == 1 { "" } else { "s" }
    );
    if peak > 0 {
        if let Some(first_peak) = pts.iter().find(|p| p.1 == peak) {
            s.push_str(&format!(
                "; peak grade {peak} first on {}",
                crate::display::day_time(first_peak.0)
            ));
        }
    } else {
        s.push_str("; grade 0 throughout");
    }
    s.push_str(&format!(
        "; last grade {} on {}.",
        last.1,
        crate::display::day_time(last.0)
    ));
    Some(s)
}

/// A one-paragraph description of the course chart for `aria-label` / figcaption.
pub fn course_summary_text(data: &CourseChart) -> String {
    if data.is_empty() {
        return "Course chart: no assessments or medication entered yet.".to_string();
    }
    let (lo, hi) = data
        .all_days()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), d| {
            (a.min(d), b.max(d))
        });
    let mut out = format!(
        "Course chart by day since infusion, {} to {}.",
        crate::display::day_time(lo),
        crate::display::day_time(hi)
    );
    for (name, pts) in [("ICANS", &data.icans_grade), ("CRS", &data.crs_grade)] {
        if let Some(s) = grade_sentence(name, pts) {
            out.push(' ');
            out.push_str(&s);
        }
    }
    let ice = sorted(&data.ice_score);
    if let (Some(last), Some(low)) = (ice.last(), ice.iter().min_by_key(|p| p.1)) {
        out.push_str(&format!(
            " ICE score: {} assessment{}; lowest {} on {}; last {} on {}.",
            ice.len(),
            if ice.len() == 1 { "" } else { "s" },
            low.1,
            crate::display::day_time(low.0),
            last.1,
            crate::display::day_time(last.0)
        ));
    }
    if !data.events.is_empty() {
        let mut events: Vec<&Event> = data.events.iter().collect();
        sort_by_f64(&mut events, |e| e.day);
        const SHOWN: usize = 12;
        let mut parts: Vec<String> = events
            .iter()
            .take(SHOWN)
            .map(|e| {
                format!(
                    "{} {} ({})",
                    crate::display::day_time(e.day),
                    e.label,
                    e.kind.name()
                )
            })
            .collect();
        if events.len() > SHOWN {
            parts.push(format!("and {} more", events.len() - SHOWN));
        }
        out.push_str(&format!(" Medication: {}.", parts.join("; ")));
    }
    let steroid = sorted(&data.cumulative_steroid_dex_eq_mg);
    if let Some(last) = steroid.last() {
        out.push_str(&format!(
            " Cumulative systemic steroid: {} mg dexamethasone-equivalent by {}.",
            format::value(last.1),
            crate::display::day_time(last.0)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_vertices_hold_each_value() {
        let v = step_vertices(&[(0.0, 1.0), (1.0, 3.0), (2.5, 0.0)]);
        assert_eq!(
            v,
            vec![(0.0, 1.0), (1.0, 1.0), (1.0, 3.0), (2.5, 3.0), (2.5, 0.0)]
        );
        assert_eq!(step_vertices(&[(4.0, 2.0)]), vec![(4.0, 2.0)]);
        assert!(step_vertices(&[]).is_empty());
    }

    #[test]
    fn event_labels_never_overlap_while_rows_remain() {
        let labels = [
            "Dexamethasone 20 mg IV",
            "Toci",
            "IT MTX 15 mg + AraC 40 mg + dexamethasone 4 mg",
            "Anakinra 100 mg SC",
        ];
        for n in [1usize, 3, 8, 20] {
            let events: Vec<Event> = (0..n)
                .map(|i| Event {
                    day: (i * 7 % 10) as f64 + i as f64 * 0.1,
                    label: labels[i % labels.len()].to_string(),
                    kind: EventKind::Other,
                })
                .collect();
            let xs = Scale::new(-0.5, 12.0, 40.0, 340.0);
            let font = 11.0;
            let (placed, rows) = event_rows(&events, &xs, (8.0, 352.0), font, 12);
            assert_eq!(placed.len(), n);
            assert!(rows <= 12);
            // Every label stays on the canvas and is complete.
            let span = |p: &PlacedEvent| {
                let w = p
                    .lines
                    .iter()
                    .map(|l| text_width(l, font, false))
                    .fold(0.0, f64::max);
                let gap = EVENT_R + 4.0;
                if p.label_left {
                    (p.x - gap - w, p.x + EVENT_R)
                } else {
                    (p.x - EVENT_R, p.x + gap + w)
                }
            };
            for p in &placed {
                let e = &events[p.index];
                assert_eq!(p.lines.join(" "), e.label);
                let (a, b) = span(p);
                assert!(
                    a >= 8.0 - 1e-9 && (b <= 352.0 + 1e-9 || p.lines.len() > 1),
                    "{a} {b}"
                );
            }
            if rows == 12 {
                // Out of rows (20 long labels on a phone): labels may share a row.
                continue;
            }
            for (i, p) in placed.iter().enumerate() {
                for q in &placed[i + 1..] {
                    let rows_p = p.row..p.row + p.lines.len();
                    let shares = (q.row..q.row + q.lines.len()).any(|r| rows_p.contains(&r));
                    if shares {
                        let ((a0, a1), (b0, b1)) = (span(p), span(q));
                        assert!(
                            a1 <= b0 || b1 <= a0,
                            "overlap in a row: {a0}-{a1} / {b0}-{b1}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn crowded_events_go_to_new_rows() {
        let events: Vec<Event> = (0..3)
            .map(|i| Event {
                day: 14.0 + f64::from(i) * 0.01,
                label: "Dexamethasone 20 mg IV".to_string(),
                kind: EventKind::Steroid,
            })
            .collect();
        let xs = Scale::new(0.0, 28.0, 50.0, 650.0);
        let (placed, rows) = event_rows(&events, &xs, (8.0, 690.0), 12.0, 4);
        assert_eq!(rows, 3);
        let mut r: Vec<usize> = placed.iter().map(|p| p.row).collect();
        r.sort_unstable();
        assert_eq!(r, vec![0, 1, 2]);
    }
}
