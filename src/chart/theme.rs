//! Colours, fonts and sizes of the charts, in a light and a dark variant.

use plotters::style::RGBColor;

/// How every chart looks. Colour never carries meaning alone: series also differ by marker shape
/// and dash, events by shape and text, so a theme cannot make two things look alike.
///
/// `Theme::light()` is for screens in light mode and for print; `Theme::dark()` for
/// `prefers-color-scheme: dark`. Text colours reach at least 4.5:1 against the background and
/// line/marker colours at least 3:1 (WCAG 1.4.3, 1.4.11).
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    /// Labels, tick labels, titles.
    pub text: RGBColor,
    /// Secondary text (notes, "below detection"), still >= 4.5:1.
    pub muted_text: RGBColor,
    /// Axis lines and tick marks.
    pub axis: RGBColor,
    /// Major grid lines.
    pub grid: RGBColor,
    /// Minor grid lines (log-axis 2..9 subdivisions).
    pub grid_minor: RGBColor,
    /// Series colours in order (kinetics: total, CD4+, CD8+; labs use the first).
    pub series: [RGBColor; 4],
    /// Opacity of the AUC shading (0-1).
    pub area_opacity: f64,
    /// The "below detection" floor line and its open-marker legend.
    pub floor: RGBColor,
    /// Course chart: ICANS grade, CRS grade, ICE score, cumulative steroid.
    pub icans: RGBColor,
    pub crs: RGBColor,
    pub ice: RGBColor,
    pub steroid: RGBColor,
    /// Medication event markers by kind.
    pub event_steroid: RGBColor,
    pub event_intrathecal: RGBColor,
    pub event_anticytokine: RGBColor,
    pub event_other: RGBColor,
    /// CSS font-family list written into the SVG (the browser draws the text).
    pub font_family: String,
    /// Base text size in CSS px (tick labels, legend); narrow charts use slightly less, never
    /// below 10.5 px.
    pub font_px: f64,
    /// Factor every font size is multiplied by before it reaches plotters. plotters' SVG backend
    /// writes `font-size = size / 1.24` (stack.md section 4), so 1.24 makes SVG text render at
    /// `font_px`; use 1.0 for a backend that draws text at the size given (canvas, bitmap).
    pub font_size_factor: f64,
}

/// plotters' SVG backend divides font sizes by this.
pub const SVG_FONT_FACTOR: f64 = 1.24;

impl Theme {
    /// Light background, dark text; also the print theme. Series colours are the Okabe-Ito
    /// colour-blind-safe blue, vermillion and bluish green.
    pub fn light() -> Theme {
        Theme {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x1f, 0x23, 0x28),
            muted_text: RGBColor(0x4f, 0x57, 0x61),
            axis: RGBColor(0x5f, 0x67, 0x71),
            grid: RGBColor(0xd8, 0xdc, 0xe1),
            grid_minor: RGBColor(0xee, 0xf0, 0xf3),
            series: [
                RGBColor(0x00, 0x72, 0xb2),
                RGBColor(0xc8, 0x52, 0x00),
                RGBColor(0x00, 0x86, 0x62),
                RGBColor(0xa8, 0x3e, 0x80),
            ],
            area_opacity: 0.16,
            floor: RGBColor(0x5f, 0x67, 0x71),
            icans: RGBColor(0x8e, 0x2c, 0x8a),
            crs: RGBColor(0xc8, 0x52, 0x00),
            ice: RGBColor(0x00, 0x72, 0xb2),
            steroid: RGBColor(0x8a, 0x5a, 0x00),
            event_steroid: RGBColor(0x8a, 0x5a, 0x00),
            event_intrathecal: RGBColor(0x8e, 0x2c, 0x8a),
            event_anticytokine: RGBColor(0x00, 0x72, 0xb2),
            event_other: RGBColor(0x4f, 0x57, 0x61),
            font_family: "Helvetica, Arial, sans-serif".to_string(),
            font_px: 12.0,
            font_size_factor: SVG_FONT_FACTOR,
        }
    }

    /// Dark background, light text, lighter series colours (sky blue, orange, green, pink).
    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(0x16, 0x19, 0x1d),
            text: RGBColor(0xe8, 0xea, 0xed),
            muted_text: RGBColor(0xb4, 0xba, 0xc2),
            axis: RGBColor(0x9a, 0xa1, 0xab),
            grid: RGBColor(0x3a, 0x40, 0x48),
            grid_minor: RGBColor(0x22, 0x26, 0x2b),
            series: [
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xf0, 0xa2, 0x3c),
                RGBColor(0x3d, 0xd0, 0xa2),
                RGBColor(0xe6, 0x8f, 0xc4),
            ],
            area_opacity: 0.26,
            floor: RGBColor(0x9a, 0xa1, 0xab),
            icans: RGBColor(0xd9, 0x8c, 0xe6),
            crs: RGBColor(0xf0, 0xa2, 0x3c),
            ice: RGBColor(0x56, 0xb4, 0xe9),
            steroid: RGBColor(0xe3, 0xc0, 0x5a),
            event_steroid: RGBColor(0xe3, 0xc0, 0x5a),
            event_intrathecal: RGBColor(0xd9, 0x8c, 0xe6),
            event_anticytokine: RGBColor(0x56, 0xb4, 0xe9),
            event_other: RGBColor(0xb4, 0xba, 0xc2),
            font_family: "Helvetica, Arial, sans-serif".to_string(),
            font_px: 12.0,
            font_size_factor: SVG_FONT_FACTOR,
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}

/// WCAG relative luminance of an sRGB colour.
#[cfg(test)]
pub(crate) fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio of two colours (1-21).
#[cfg(test)]
pub(crate) fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(theme: &Theme) {
        let bg = theme.background;
        for (name, c) in [("text", theme.text), ("muted_text", theme.muted_text)] {
            assert!(
                contrast(c, bg) >= 4.5,
                "{name} contrast {}",
                contrast(c, bg)
            );
        }
        let graphics = [
            ("axis", theme.axis),
            ("floor", theme.floor),
            ("icans", theme.icans),
            ("crs", theme.crs),
            ("ice", theme.ice),
            ("steroid", theme.steroid),
            ("event_steroid", theme.event_steroid),
            ("event_intrathecal", theme.event_intrathecal),
            ("event_anticytokine", theme.event_anticytokine),
            ("event_other", theme.event_other),
        ];
        for (name, c) in graphics
            .into_iter()
            .chain(theme.series.iter().map(|&c| ("series", c)))
        {
            assert!(
                contrast(c, bg) >= 3.0,
                "{name} contrast {}",
                contrast(c, bg)
            );
        }
    }

    #[test]
    fn both_themes_meet_wcag_contrast() {
        check(&Theme::light());
        check(&Theme::dark());
    }
}
