//! Drawing primitives in pixel space on any plotters backend, text-size estimates and label
//! placement shared by the charts.
//!
//! Text is never measured through plotters: on wasm, plotters measures text by adding a `<span>`
//! to the page and reading its size (stack.md section 4), which needs a DOM, forces a layout per
//! label and measures at a size other than the one the SVG backend writes. The charts instead
//! estimate widths from Helvetica/Arial advance widths, the same on the host and in the browser,
//! and leave some slack.

use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Polygon};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBAColor, RGBColor, ShapeStyle,
};

use super::Theme;
use super::svg::ChartError;

/// A point in pixels, x to the right, y down, from the top-left of the drawing area.
pub(crate) type P = (f64, f64);

/// An axis-aligned rectangle in pixels (`x0 <= x1`, `y0 <= y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    pub fn around((x, y): P, half: f64) -> Rect {
        Rect::new(x - half, y - half, x + half, y + half)
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// Area of `self` lying outside `bounds`.
    pub fn outside(&self, bounds: &Rect) -> f64 {
        self.width() * self.height() - self.overlap(bounds)
    }

    /// `self` moved (not resized) to lie inside `bounds` where it fits; centred where it does not.
    pub fn fit_into(&self, bounds: &Rect) -> Rect {
        let dx = if self.width() > bounds.width() {
            (bounds.x0 + bounds.x1 - self.x0 - self.x1) / 2.0
        } else if self.x0 < bounds.x0 {
            bounds.x0 - self.x0
        } else if self.x1 > bounds.x1 {
            bounds.x1 - self.x1
        } else {
            0.0
        };
        let dy = if self.height() > bounds.height() {
            (bounds.y0 + bounds.y1 - self.y0 - self.y1) / 2.0
        } else if self.y0 < bounds.y0 {
            bounds.y0 - self.y0
        } else if self.y1 > bounds.y1 {
            bounds.y1 - self.y1
        } else {
            0.0
        };
        self.shifted(dx, dy)
    }

    pub fn shifted(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)
    }
}

/// Marker shapes; an open marker is the same shape drawn as an outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Triangle,
    Square,
    Diamond,
    TriangleDown,
}

/// Line dash patterns (on, off, ... in px).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dash {
    Solid,
    Dashed,
    Dotted,
    LongShort,
}

impl Dash {
    fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[7.0, 4.0],
            Dash::Dotted => &[2.0, 3.5],
            Dash::LongShort => &[8.0, 3.0, 2.0, 3.0],
        }
    }
}

/// How a piece of text is drawn.
#[derive(Clone, Copy)]
pub(crate) struct Txt {
    pub size: f64,
    pub color: RGBColor,
    pub h: HPos,
    pub v: VPos,
    pub bold: bool,
    /// Rotated a quarter turn anticlockwise (reads bottom to top), for y-axis titles.
    pub vertical: bool,
}

impl Txt {
    pub fn new(size: f64, color: RGBColor) -> Txt {
        Txt {
            size,
            color,
            h: HPos::Left,
            v: VPos::Center,
            bold: false,
            vertical: false,
        }
    }

    pub fn anchor(mut self, h: HPos, v: VPos) -> Txt {
        self.h = h;
        self.v = v;
        self
    }

    pub fn bold(mut self) -> Txt {
        self.bold = true;
        self
    }

    pub fn vertical(mut self) -> Txt {
        self.vertical = true;
        self
    }
}

/// Helvetica/Arial advance width of a character in em (standard font metrics), used to lay out
/// text without measuring it.
fn advance_em(c: char) -> f64 {
    match c {
        ' ' | '!' | ',' | '.' | '/' | ':' | ';' | 'I' | 'f' | 't' | '[' | ']' | '\\' | '·' => {
            0.278
        }
        'i' | 'j' | 'l' | '\'' | '|' => 0.222,
        '(' | ')' | '-' | 'r' | '`' => 0.333,
        '"' => 0.355,
        '*' => 0.389,
        '0'..='9' | '#' | '$' | '?' | '_' | 'µ' | '–' => 0.556,
        '+' | '<' | '=' | '>' | '~' | '×' | '±' | '≤' | '≥' => 0.584,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => 0.5,
        'a' | 'b' | 'd' | 'e' | 'g' | 'h' | 'n' | 'o' | 'p' | 'q' | 'u' | 'L' => 0.556,
        'F' | 'T' | 'Z' => 0.611,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' => 0.667,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' | 'w' => 0.722,
        'G' | 'O' | 'Q' => 0.778,
        'm' | 'M' => 0.833,
        '%' => 0.889,
        'W' => 0.944,
        '@' => 1.015,
        _ => 0.6,
    }
}

/// Estimated width in px of `text` at `size` px (with 4% slack, 8% more for bold).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(advance_em).sum();
    em * size * if bold { 1.12 } else { 1.04 }
}

/// Estimated box of `text` drawn at `at` with the anchors of `t` (horizontal text only).
pub(crate) fn text_box(text: &str, at: P, t: &Txt) -> Rect {
    let w = text_width(text, t.size, t.bold);
    let h = t.size;
    let x0 = match t.h {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2.0,
        HPos::Right => at.0 - w,
    };
    let y0 = match t.v {
        VPos::Top => at.1,
        VPos::Center => at.1 - h / 2.0,
        VPos::Bottom => at.1 - h,
    };
    Rect::new(x0, y0, x0 + w, y0 + h)
}

/// Rounds a pixel position for the backend (NaN and overflow saturate; inputs are finite).
pub(crate) fn px((x, y): P) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Splits a polyline into the "on" pieces of a dash pattern, continuing the pattern across
/// vertices so dashes flow around corners.
pub(crate) fn dash_runs(points: &[P], pattern: &[f64]) -> Vec<Vec<P>> {
    let Some(&first) = points.first() else {
        return Vec::new();
    };
    if pattern.is_empty() || pattern.iter().any(|&l| l <= 0.0) {
        return vec![points.to_vec()];
    }
    let mut runs = Vec::new();
    let mut current = vec![first];
    let mut index = 0;
    let mut left = pattern[0];
    let mut on = true;
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut t = 0.0;
        while len - t > left {
            t += left;
            let f = t / len;
            let p = (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f);
            if on {
                current.push(p);
                runs.push(std::mem::take(&mut current));
            } else {
                current = vec![p];
            }
            on = !on;
            index = (index + 1) % pattern.len();
            left = pattern[index];
        }
        left -= len - t;
        if on {
            current.push(*b);
        }
    }
    if on && current.len() >= 2 {
        runs.push(current);
    }
    runs
}

/// A drawing surface: a plotters area plus the theme and base font size.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    pub theme: &'a Theme,
    /// Base font size in CSS px for this chart size.
    pub font: f64,
    pub width: f64,
    pub height: f64,
}

fn drawing_error<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB>
where
    DB::ErrorType: 'static,
{
    pub fn new(area: &'a DrawingArea<DB, Shift>, theme: &'a Theme) -> Canvas<'a, DB> {
        let (w, h) = area.dim_in_pixel();
        let (width, height) = (f64::from(w), f64::from(h));
        // Narrow charts (phones) get slightly smaller text, never below 10.5 px.
        let font = if width < 480.0 || height < 260.0 {
            (theme.font_px * 0.92).max(10.5)
        } else {
            theme.font_px
        };
        Canvas {
            area,
            theme,
            font,
            width,
            height,
        }
    }

    /// A text style for the base font.
    pub fn txt(&self, color: RGBColor) -> Txt {
        Txt::new(self.font, color)
    }

    /// Small text (notes, in-plot annotations).
    pub fn small(&self, color: RGBColor) -> Txt {
        Txt::new((self.font * 0.92).max(10.5), color)
    }

    pub fn fill(&self, color: RGBColor) -> Result<(), ChartError> {
        self.area.fill(&color).map_err(drawing_error)
    }

    pub fn rect_fill(&self, r: Rect, color: RGBAColor) -> Result<(), ChartError> {
        let pts = vec![
            px((r.x0, r.y0)),
            px((r.x1, r.y0)),
            px((r.x1, r.y1)),
            px((r.x0, r.y1)),
        ];
        self.area
            .draw(&Polygon::new(pts, color.filled()))
            .map_err(drawing_error)
    }

    /// A polyline (solid: one element; dashed: one element per dash).
    pub fn line(
        &self,
        points: &[P],
        color: RGBAColor,
        width: u32,
        dash: Dash,
    ) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle {
            color,
            filled: false,
            stroke_width: width,
        };
        match dash {
            Dash::Solid => {
                let pts: Vec<(i32, i32)> = points.iter().map(|&p| px(p)).collect();
                self.area
                    .draw(&PathElement::new(pts, style))
                    .map_err(drawing_error)
            }
            _ => {
                for run in dash_runs(points, dash.pattern()) {
                    let mut pts: Vec<(i32, i32)> = run.iter().map(|&p| px(p)).collect();
                    pts.dedup();
                    if pts.len() < 2 {
                        continue;
                    }
                    self.area
                        .draw(&PathElement::new(pts, style))
                        .map_err(drawing_error)?;
                }
                Ok(())
            }
        }
    }

    pub fn segment(
        &self,
        a: P,
        b: P,
        color: RGBColor,
        width: u32,
        dash: Dash,
    ) -> Result<(), ChartError> {
        self.line(&[a, b], color.to_rgba(), width, dash)
    }

    pub fn polygon(&self, points: &[P], color: RGBAColor) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&p| px(p)).collect();
        self.area
            .draw(&Polygon::new(pts, color.filled()))
            .map_err(drawing_error)
    }

    /// A marker of radius-equivalent `r` px. Open markers are outlines with no fill, so open
    /// markers of several series on the same spot (e.g. zeros on day 0) all stay visible.
    pub fn marker(
        &self,
        shape: Marker,
        (x, y): P,
        r: f64,
        color: RGBColor,
        filled: bool,
    ) -> Result<(), ChartError> {
        let outline = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        let vertices: Vec<P> = match shape {
            Marker::Circle => {
                let c = px((x, y));
                let radius = r.round().max(1.0) as i32;
                return if filled {
                    self.area
                        .draw(&Circle::new(c, radius, color.filled()))
                        .map_err(drawing_error)
                } else {
                    self.area
                        .draw(&Circle::new(c, (radius - 1).max(1), outline))
                        .map_err(drawing_error)
                };
            }
            Marker::Triangle => {
                let k = r * 1.3;
                vec![
                    (x, y - k),
                    (x + k * 0.866, y + k * 0.5),
                    (x - k * 0.866, y + k * 0.5),
                ]
            }
            Marker::TriangleDown => {
                let k = r * 1.3;
                vec![
                    (x, y + k),
                    (x - k * 0.866, y - k * 0.5),
                    (x + k * 0.866, y - k * 0.5),
                ]
            }
            Marker::Square => {
                let k = r * 0.9;
                vec![
                    (x - k, y - k),
                    (x + k, y - k),
                    (x + k, y + k),
                    (x - k, y + k),
                ]
            }
            Marker::Diamond => {
                let k = r * 1.3;
                vec![(x, y - k), (x + k, y), (x, y + k), (x - k, y)]
            }
        };
        let pts: Vec<(i32, i32)> = vertices.iter().map(|&p| px(p)).collect();
        if filled {
            self.area
                .draw(&Polygon::new(pts, color.filled()))
                .map_err(drawing_error)
        } else {
            let mut closed = pts;
            if let Some(&first) = closed.first() {
                closed.push(first);
            }
            self.area
                .draw(&PathElement::new(closed, outline))
                .map_err(drawing_error)
        }
    }

    /// A thin circle outline (no fill), e.g. a ring around a highlighted point.
    pub fn ring(&self, c: P, radius: f64, color: RGBColor, width: u32) -> Result<(), ChartError> {
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: width,
        };
        self.area
            .draw(&Circle::new(px(c), radius.round().max(1.0) as i32, style))
            .map_err(drawing_error)
    }

    /// Draws text and returns its estimated box.
    pub fn text(&self, text: &str, at: P, t: &Txt) -> Result<Rect, ChartError> {
        let family = FontFamily::Name(&self.theme.font_family);
        let style = if t.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let mut font = FontDesc::new(family, t.size * self.theme.font_size_factor, style);
        if t.vertical {
            font = font.transform(FontTransform::Rotate270);
        }
        let ts = font.color(&t.color).pos(Pos::new(t.h, t.v));
        self.area
            .draw_text(text, &ts, px(at))
            .map_err(drawing_error)?;
        Ok(text_box(text, at, t))
    }

    /// The whole area says `message` (an empty chart).
    pub fn no_data(&self, message: &str) -> Result<(), ChartError> {
        let t = self
            .txt(self.theme.muted_text)
            .anchor(HPos::Center, VPos::Center);
        self.text(message, (self.width / 2.0, self.height / 2.0), &t)?;
        Ok(())
    }

    /// The y-axis title, rotated, centred on the plot's height, `x` px from the left.
    pub fn y_title(&self, title: &str, x: f64, plot: &Rect) -> Result<(), ChartError> {
        let t = self
            .txt(self.theme.text)
            .anchor(HPos::Center, VPos::Top)
            .vertical();
        self.text(title, (x, (plot.y0 + plot.y1) / 2.0), &t)?;
        Ok(())
    }
}

/// Remembers what is drawn where, to put labels where they cover the least.
pub(crate) struct Placer {
    taken: Vec<Rect>,
    bounds: Rect,
}

impl Placer {
    pub fn new(bounds: Rect) -> Placer {
        Placer {
            taken: Vec::new(),
            bounds,
        }
    }

    pub fn bounds(&self) -> Rect {
        self.bounds
    }

    pub fn add(&mut self, r: Rect) {
        self.taken.push(r);
    }

    pub fn add_point(&mut self, p: P, half: f64) {
        self.taken.push(Rect::around(p, half));
    }

    /// Marks a polyline as taken (sampled every few px).
    pub fn add_path(&mut self, points: &[P]) {
        const STEP: f64 = 5.0;
        for pair in points.windows(2) {
            let [a, b] = pair else { continue };
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let n = (len / STEP).ceil().max(1.0) as usize;
            for i in 0..n {
                let f = i as f64 / n as f64;
                self.add_point((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f), 2.0);
            }
        }
        if let Some(&last) = points.last() {
            self.add_point(last, 2.0);
        }
    }

    /// How much `r` covers what is already drawn, plus a heavy penalty for leaving the bounds.
    pub fn cost(&self, r: &Rect) -> f64 {
        let covered: f64 = self.taken.iter().map(|t| t.overlap(r)).sum();
        covered + 50.0 * r.outside(&self.bounds)
    }

    /// Index of the cheapest candidate (the first on ties); 0 for an empty list.
    pub fn best(&self, candidates: &[Rect]) -> usize {
        let mut best = (0, f64::INFINITY);
        for (i, c) in candidates.iter().enumerate() {
            let cost = self.cost(c);
            if cost < best.1 - 1e-9 {
                best = (i, cost);
            }
        }
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_cover_the_path_in_pattern() {
        let runs = dash_runs(&[(0.0, 0.0), (22.0, 0.0)], &[7.0, 4.0]);
        // 0-7 on, 7-11 off, 11-18 on, 18-22 off
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], vec![(0.0, 0.0), (7.0, 0.0)]);
        assert_eq!(runs[1], vec![(11.0, 0.0), (18.0, 0.0)]);
        // Around a corner the dash continues.
        let runs = dash_runs(&[(0.0, 0.0), (5.0, 0.0), (5.0, 5.0)], &[7.0, 4.0]);
        assert_eq!(runs[0], vec![(0.0, 0.0), (5.0, 0.0), (5.0, 2.0)]);
        assert!(dash_runs(&[], &[1.0, 1.0]).is_empty());
    }

    #[test]
    fn text_width_grows_with_text() {
        assert!(text_width("Cmax 77.7 cells/µL", 12.0, false) > text_width("Cmax", 12.0, false));
        assert!((text_width("0", 10.0, false) - 5.56 * 1.04).abs() < 1e-9);
    }

    #[test]
    fn placer_prefers_free_space() {
        let mut p = Placer::new(Rect::new(0.0, 0.0, 100.0, 100.0));
        p.add(Rect::new(0.0, 0.0, 50.0, 50.0));
        let c = [
            Rect::new(10.0, 10.0, 20.0, 20.0),
            Rect::new(95.0, 60.0, 120.0, 70.0),
            Rect::new(60.0, 60.0, 70.0, 70.0),
        ];
        assert_eq!(p.best(&c), 2);
    }
}
