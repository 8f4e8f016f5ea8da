//! Charts of a case: CAR-T kinetics, the toxicity course and lab markers (SPEC section 1 row 9).
//!
//! Pure drawing code that knows nothing of the browser: every chart is drawn by a function
//! generic over any plotters backend (`draw_*`), with an SVG-string convenience (`*_svg`) and a
//! one-paragraph text alternative (`*_summary_text`) for `aria-label` or a figcaption. Inputs are
//! plain data ([`KineticsChart`], [`CourseChart`], [`LabsChart`]), so the charts do not depend on
//! how a case is modelled; [`KineticsChart::from_analysis`] builds the kinetics chart from the
//! NCA core's types, [`CourseChart::from_course`] and [`LabsChart::from_values`] the course and
//! lab charts from the case's.
//!
//! Rules every chart follows:
//! - No data point is dropped: zeros on the log axis go to a labelled floor, every sample gets a
//!   marker, ranges cover all data.
//! - Colour never carries meaning alone: series differ by marker shape and dash too, events by
//!   shape and text.
//! - Text is laid out from estimated widths, never measured through the DOM (see `canvas`), so
//!   the same input draws the same chart on the host and in the browser.
//! - Bad input (NaN, infinity, a negative count, an out-of-range grade) is a
//!   [`ChartError::InvalidData`] naming the series and point, never a panic or a silent skip.
//!
//! Sizes: the charts are laid out for the pixel size they are drawn at (text stays 11-12 px), so
//! redraw on resize rather than scaling an SVG drawn for another size. Checked by eye at 700 x 420
//! (tablet) and 360 x 300 (phone) in both themes; the course chart with all four panels and
//! several medication events is cramped at 300 px tall (the grade panel shrinks to ~24 px, labels
//! never overlap) and reads better from about 420 px. Drawing is ~0.6 ms for the kinetics chart
//! with 3 x 200 points and ~0.3-0.5 ms for a 100-assessment course on the host (release), see
//! `examples/chart_gallery.rs`.
// Drawing code indexes only fixed-size style arrays modulo their length, vectors by indices
// produced from the same vector, and candidate lists it has just filled; each site was checked
// when the crate-wide `indexing_slicing` lint was turned on. Chart input itself is validated
// (ChartError), so no index depends on user data.
#![allow(clippy::indexing_slicing)]

mod axis;
mod canvas;
mod cohort;
mod course;
mod format;
mod frame;
mod kinetics;
mod labs;
mod theme;

mod svg;

#[cfg(test)]
mod tests;

pub use cohort::{
    CohortCurves, Lane, MAX_LANES, MEDIAN_MIN_PATIENTS, cohort_curves_svg, cohort_curves_text,
    draw_cohort_curves, draw_swimmer, swimmer_svg, swimmer_text,
};
pub use course::{CourseChart, Event, EventKind, course_summary_text, course_svg, draw_course};
pub use kinetics::{
    AucWindow, ChartSeries, KineticsChart, MAX_SERIES, draw_kinetics, kinetics_summary_text,
    kinetics_svg,
};
pub use labs::{LabSeries, LabsChart, draw_labs, labs_summary_text, labs_svg};
pub use svg::{ChartError, MAX_SIDE_PX, MIN_SIDE_PX, SvgReplace, svg_edits, svg_parts};
pub use theme::{SVG_FONT_FACTOR, Theme};
