//! The SVG surface the `*_svg` helpers draw on, and how drawing fails. A leaf: every chart file
//! uses it, it uses none of them.

use std::fmt;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::prelude::SVGBackend;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartError {
    /// The chart data cannot be drawn truthfully (e.g. a NaN or negative count); the message
    /// names the series and point.
    InvalidData(String),
    /// The requested size is outside what the charts support.
    Size { width: u32, height: u32 },
    /// The plotters backend failed.
    Drawing(String),
}

/// Smallest and largest chart side in px for the SVG helpers.
pub const MIN_SIDE_PX: u32 = 120;
pub const MAX_SIDE_PX: u32 = 8000;

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::InvalidData(m) => write!(f, "{m}"),
            ChartError::Size { width, height } => write!(
                f,
                "chart size {width} x {height} px is outside {MIN_SIDE_PX}-{MAX_SIDE_PX} px per side"
            ),
            ChartError::Drawing(m) => write!(f, "the chart could not be drawn: {m}"),
        }
    }
}

impl std::error::Error for ChartError {}

/// Runs `draw` on an SVG backend of `width` x `height` px and returns the document.
pub(crate) fn svg_string<F>(width: u32, height: u32, draw: F) -> Result<String, ChartError>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    let ok = |v: u32| (MIN_SIDE_PX..=MAX_SIDE_PX).contains(&v);
    if !ok(width) || !ok(height) {
        return Err(ChartError::Size { width, height });
    }
    let mut buf = String::with_capacity(64 * 1024);
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present()
            .map_err(|e| ChartError::Drawing(e.to_string()))?;
    }
    Ok(buf)
}

/// A chart drawn by [`svg_string`], cut into its opening `<svg ...>` line and its elements, in
/// drawing order, each with its trailing newline; `None` for text not written that way.
///
/// plotters' SVG backend starts every element on a line of its own and escapes `<` in text, so
/// an element starts at each line opening with `<` but not `</` (a `<text>` element spans three
/// lines: the tag, the escaped text, `</text>`), and the document ends with `</svg>`. The page
/// uses the cut to replace only the elements that changed since the chart it drew last.
pub fn svg_parts(svg: &str) -> Option<(&str, Vec<&str>)> {
    let body = svg.strip_suffix("</svg>\n")?;
    let (head, mut rest) = body.split_at(body.find('\n')? + 1);
    if !head.starts_with("<svg ") {
        return None;
    }
    let starts_element = |s: &str| s.starts_with('<') && !s.starts_with("</");
    let mut parts = Vec::new();
    while !rest.is_empty() {
        if !starts_element(rest) {
            return None;
        }
        let mut end = rest.find('\n')? + 1;
        while let Some(next) = rest
            .get(end..)
            .filter(|n| !n.is_empty() && !starts_element(n))
        {
            end += next.find('\n')? + 1;
        }
        let (part, tail) = rest.split_at(end);
        parts.push(part);
        rest = tail;
    }
    Some((head, parts))
}

/// From more than one element in this many differing, a chart is better written whole than
/// patched element by element (measured in the page: a theme switch patched one by one took
/// about twice as long as one whole write).
const WHOLE_WRITE_FROM_ONE_IN: usize = 4;

/// One replacement in a drawn chart: from the element at `at` (counted from 0 below the `<svg>`
/// line), `count` elements are removed and `run` (elements of the new chart's text) is put in
/// their place.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgReplace<'a> {
    pub at: usize,
    pub count: usize,
    pub run: &'a str,
}

/// How the chart `old` becomes the chart `new` by replacing only the elements that differ (an
/// edit moves a line and a marker or two of the 1,000-odd elements of a 3 x 200-point chart):
/// `old`'s number of elements and the replacements, in the order to make them. `None` when
/// either is not a chart as [`svg_parts`] reads it, the `<svg>` lines differ, or, with as many
/// elements in both, so many differ that one whole write is cheaper.
pub fn svg_edits<'a>(old: &str, new: &'a str) -> Option<(usize, Vec<SvgReplace<'a>>)> {
    let (old_head, old) = svg_parts(old)?;
    let (new_head, parts) = svg_parts(new)?;
    if old_head != new_head {
        return None;
    }
    let elements = old.len();
    let same = |(a, b): &(&&str, &&str)| a == b;
    let prefix = old.iter().zip(&parts).take_while(same).count();
    let ends = old.iter().rev().zip(parts.iter().rev());
    let suffix = ends
        .take(old.len().min(parts.len()) - prefix)
        .take_while(same)
        .count();
    let (old, changed) = (
        old.get(prefix..old.len() - suffix)?,
        parts.get(prefix..parts.len() - suffix)?,
    );
    if old.len() != changed.len() {
        // The changed elements are one stretch of `new`'s text, after its head and the prefix.
        let length = |parts: &[&str]| parts.iter().map(|p| p.len()).sum::<usize>();
        let start = new_head.len() + length(parts.get(..prefix)?);
        let run = new.get(start..start + length(changed))?;
        let (at, count) = (prefix, old.len());
        return Some((elements, vec![SvgReplace { at, count, run }]));
    }
    // As many elements: each that differs is replaced in place (an edit changes a few, far apart).
    let mut edits = Vec::new();
    for (k, (was, run)) in old.iter().zip(changed).enumerate() {
        if was != run {
            let at = prefix + k;
            edits.push(SvgReplace { at, count: 1, run });
        }
    }
    (edits.len() <= elements / WHOLE_WRITE_FROM_ONE_IN).then_some((elements, edits))
}
