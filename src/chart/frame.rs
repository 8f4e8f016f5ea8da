//! Pieces every chart shares: the day axis, legends, wrapped notes.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, Scale};
use super::canvas::{Canvas, Dash, Marker, P, Rect, text_width};
use super::svg::ChartError;

/// Tick days and labels for a day axis `xs` drawn `plot_width` px wide.
pub(crate) fn day_axis_ticks(xs: &Scale, plot_width: f64, font: f64) -> (Vec<f64>, Vec<String>) {
    // A label such as "+12h" or "360" needs about 4 digits; leave room for a gap.
    let max_ticks = ((plot_width / (font * 3.8)).floor() as usize).clamp(2, 12);
    let (lo, hi) = if xs.d0 <= xs.d1 {
        (xs.d0, xs.d1)
    } else {
        (xs.d1, xs.d0)
    };
    let (ticks, _) = axis::day_ticks(lo, hi, max_ticks);
    let labels = axis::day_tick_labels(&ticks);
    (ticks, labels)
}

/// Vertical grid lines at the day ticks.
pub(crate) fn x_grid<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    plot: &Rect,
    xs: &Scale,
    ticks: &[f64],
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    for &t in ticks {
        let x = xs.map(t);
        // A grid line hugging the y axis would read as a doubled axis.
        if x - plot.x0 >= 5.0 {
            cv.segment((x, plot.y0), (x, plot.y1), cv.theme.grid, 1, Dash::Solid)?;
        }
    }
    Ok(())
}

/// The x axis along the bottom of `plot`: line, tick marks, optional labels and title.
/// Returns the y just below what was drawn.
pub(crate) fn x_axis<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    plot: &Rect,
    xs: &Scale,
    ticks: &[f64],
    labels: Option<&[String]>,
    title: Option<&str>,
) -> Result<f64, ChartError>
where
    DB::ErrorType: 'static,
{
    let theme = cv.theme;
    cv.segment(
        (plot.x0, plot.y1),
        (plot.x1, plot.y1),
        theme.axis,
        1,
        Dash::Solid,
    )?;
    let mut y = plot.y1 + 4.0;
    for &t in ticks {
        let x = xs.map(t);
        cv.segment((x, plot.y1), (x, plot.y1 + 4.0), theme.axis, 1, Dash::Solid)?;
    }
    if let Some(labels) = labels {
        let t = cv.txt(theme.text).anchor(HPos::Center, VPos::Top);
        for (&d, label) in ticks.iter().zip(labels) {
            cv.text(label, (xs.map(d), plot.y1 + 6.0), &t)?;
        }
        y = plot.y1 + 6.0 + cv.font * 1.15;
    }
    if let Some(title) = title {
        let t = cv.txt(theme.text).anchor(HPos::Center, VPos::Top);
        cv.text(title, ((plot.x0 + plot.x1) / 2.0, y + 2.0), &t)?;
        y += 2.0 + cv.font * 1.2;
    }
    Ok(y)
}

/// Height the x axis needs below the plot: tick labels and optional title.
pub(crate) fn x_axis_height(font: f64, labels: bool, title: bool) -> f64 {
    let mut h = 6.0;
    if labels {
        h += font * 1.15;
    }
    if title {
        h += 2.0 + font * 1.2;
    }
    h
}

/// The infusion (day 0) line across a plot, when day 0 is on the axis and clear of the y axis.
pub(crate) fn day0_line<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    plot: &Rect,
    xs: &Scale,
) -> Result<Option<f64>, ChartError>
where
    DB::ErrorType: 'static,
{
    let x = xs.map(0.0);
    // Off the axis, or so close to the y axis that it would read as a doubled axis line.
    if x < plot.x0 + 5.0 || x > plot.x1 + 0.5 {
        return Ok(None);
    }
    cv.segment((x, plot.y0), (x, plot.y1), cv.theme.axis, 1, Dash::Solid)?;
    Ok(Some(x))
}

/// What a legend entry shows before its label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Symbol {
    /// A short line with a marker in the middle.
    Line {
        color: RGBColor,
        dash: Dash,
        marker: Option<Marker>,
    },
    /// A marker alone.
    Marker {
        shape: Marker,
        color: RGBColor,
        filled: bool,
    },
    /// Text only (a heading in front of the entries).
    None,
}

pub(crate) struct LegendItem {
    pub symbol: Symbol,
    pub label: String,
}

const SYMBOL_W: f64 = 26.0;

fn symbol_width(symbol: &Symbol) -> f64 {
    match symbol {
        Symbol::Line { .. } => SYMBOL_W + 6.0,
        Symbol::Marker { .. } => 12.0 + 6.0,
        Symbol::None => 0.0,
    }
}

/// Where each legend entry goes and how its label is broken into lines.
pub(crate) struct LegendLayout {
    /// Top-left of each entry.
    pub at: Vec<P>,
    /// Each entry's label lines (one unless the label is wider than the legend).
    pub lines: Vec<Vec<String>>,
    pub height: f64,
}

impl LegendLayout {
    /// Moves the whole legend down by `dy`.
    pub fn shift(&mut self, dy: f64) {
        for p in self.at.iter_mut() {
            p.1 += dy;
        }
    }
}

/// Line height of legend text.
pub(crate) fn legend_line_h(font: f64) -> f64 {
    font * 1.35
}

/// Flows legend entries left to right from `(x0, y0)`, wrapping at `max_w`; a label wider than
/// the legend is itself wrapped onto several lines.
pub(crate) fn legend_layout(
    items: &[LegendItem],
    font: f64,
    x0: f64,
    y0: f64,
    max_w: f64,
) -> LegendLayout {
    let line_h = legend_line_h(font);
    let gap = font * 1.3;
    let mut at = Vec::with_capacity(items.len());
    let mut all_lines = Vec::with_capacity(items.len());
    let (mut x, mut y) = (x0, y0);
    let mut row_lines = 0usize;
    for item in items {
        let sym = symbol_width(&item.symbol);
        let text_w = text_width(&item.label, font, false);
        let lines = if sym + text_w > max_w {
            wrap(&item.label, font, (max_w - sym).max(font * 4.0))
        } else {
            vec![item.label.clone()]
        };
        let w = sym
            + lines
                .iter()
                .map(|l| text_width(l, font, false))
                .fold(0.0, f64::max);
        if x > x0 && x + w > x0 + max_w {
            x = x0;
            y += row_lines.max(1) as f64 * line_h;
            row_lines = 0;
        }
        row_lines = row_lines.max(lines.len());
        at.push((x, y));
        all_lines.push(lines);
        x += w + gap;
    }
    let height = if items.is_empty() {
        0.0
    } else {
        y - y0 + row_lines.max(1) as f64 * line_h
    };
    LegendLayout {
        at,
        lines: all_lines,
        height,
    }
}

/// Draws a legend laid out by [`legend_layout`].
pub(crate) fn legend<DB: DrawingBackend>(
    cv: &Canvas<'_, DB>,
    items: &[LegendItem],
    layout: &LegendLayout,
    marker_r: f64,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let line_h = legend_line_h(cv.font);
    let t = cv.txt(cv.theme.text).anchor(HPos::Left, VPos::Center);
    for ((item, &(x, y)), lines) in items.iter().zip(&layout.at).zip(&layout.lines) {
        let cy = y + line_h / 2.0;
        match item.symbol {
            Symbol::Line {
                color,
                dash,
                marker,
            } => {
                cv.segment((x, cy), (x + SYMBOL_W, cy), color, 2, dash)?;
                if let Some(m) = marker {
                    cv.marker(m, (x + SYMBOL_W / 2.0, cy), marker_r, color, true)?;
                }
            }
            Symbol::Marker {
                shape,
                color,
                filled,
            } => {
                cv.marker(shape, (x + 6.0, cy), marker_r, color, filled)?;
            }
            Symbol::None => {}
        }
        let tx = x + symbol_width(&item.symbol);
        for (k, line) in lines.iter().enumerate() {
            cv.text(line, (tx, cy + k as f64 * line_h), &t)?;
        }
    }
    Ok(())
}

/// Splits `text` into lines no wider than `max_w` at `size` px (words are never cut).
pub(crate) fn wrap(text: &str, size: f64, max_w: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, false) > max_w {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_width() {
        let lines = wrap("AUC0-90 not shaded: last sample is above 0", 12.0, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "AUC0-90 not shaded: last sample is above 0"
        );
        for l in &lines {
            assert!(text_width(l, 12.0, false) <= 120.0 || !l.contains(' '));
        }
    }

    #[test]
    fn legend_wraps() {
        let items: Vec<LegendItem> = (0..4)
            .map(|i| LegendItem {
                symbol: Symbol::None,
                label: format!("Series number {i}"),
            })
            .collect();
        let l = legend_layout(&items, 12.0, 0.0, 0.0, 250.0);
        assert_eq!(l.at.len(), 4);
        assert!(l.height > legend_line_h(12.0) * 1.5);
        assert_eq!(l.at[0], (0.0, 0.0));
        // A label wider than the legend wraps inside its entry.
        let long = [LegendItem {
            symbol: Symbol::None,
            label: "Cumulative systemic steroid, mg dexamethasone-equivalent (total 96 mg)"
                .to_string(),
        }];
        let l = legend_layout(&long, 12.0, 0.0, 0.0, 200.0);
        assert!(l.lines[0].len() >= 2);
        assert!((l.height - legend_line_h(12.0) * l.lines[0].len() as f64).abs() < 1e-9);
    }
}
