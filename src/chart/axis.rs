//! Scales and tick choice: days since infusion, log10 decades, "nice" linear steps.

use super::format;

/// A linear map from data `d0..d1` to pixels `p0..p1` (either may run backwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Scale {
    pub fn new(d0: f64, d1: f64, p0: f64, p1: f64) -> Scale {
        Scale { d0, d1, p0, p1 }
    }

    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 {
            return (self.p0 + self.p1) / 2.0;
        }
        self.p0 + (v - self.d0) / span * (self.p1 - self.p0)
    }

    /// Pixels per data unit (absolute).
    pub fn density(&self) -> f64 {
        let span = (self.d1 - self.d0).abs();
        if span == 0.0 {
            0.0
        } else {
            (self.p1 - self.p0).abs() / span
        }
    }
}

/// Day range of a time axis: covers every day given, at least `min_span` days wide, with a small
/// margin so markers on the first and last day are not on the frame.
pub(crate) fn day_range(days: impl Iterator<Item = f64>, min_span: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for d in days {
        lo = lo.min(d);
        hi = hi.max(d);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, min_span);
    }
    if hi - lo < min_span {
        let mid = (hi + lo) / 2.0;
        // Keep day 0 (or the first day) at the left when it is the start.
        if lo == 0.0 {
            hi = min_span;
        } else {
            lo = mid - min_span / 2.0;
            hi = mid + min_span / 2.0;
        }
    }
    let pad = (hi - lo) * 0.03;
    (lo - pad, hi + pad)
}

/// Day ticks between `lo` and `hi` with at most `max_ticks` ticks: steps of 1, 2, 3, 6 or 12
/// hours, then 1, 2, 7, 14, 28 days, then 60, 90, 180, 360 days (3-monthly and yearly marks).
/// Returns the tick days and the step.
pub(crate) fn day_ticks(lo: f64, hi: f64, max_ticks: usize) -> (Vec<f64>, f64) {
    const STEPS: [f64; 14] = [
        1.0 / 24.0,
        2.0 / 24.0,
        3.0 / 24.0,
        6.0 / 24.0,
        12.0 / 24.0,
        1.0,
        2.0,
        7.0,
        14.0,
        28.0,
        60.0,
        90.0,
        180.0,
        360.0,
    ];
    let max_ticks = max_ticks.max(2);
    let span = (hi - lo).max(1e-9);
    let mut step = STEPS
        .iter()
        .copied()
        .find(|s| span / s < max_ticks as f64)
        .unwrap_or(360.0);
    while span / step >= max_ticks as f64 {
        step *= 2.0;
    }
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    let mut ticks = Vec::new();
    let mut k = first;
    while k <= last && ticks.len() <= max_ticks + 1 {
        // Rounded to the minute so "+6h" ticks are exact.
        ticks.push((k * step * 1440.0).round() / 1440.0);
        k += 1.0;
    }
    (ticks, step)
}

/// Labels of day ticks: whole days as the number, hours into a day as "+6h".
pub(crate) fn day_tick_labels(ticks: &[f64]) -> Vec<String> {
    ticks.iter().map(|&d| format::day_tick(d)).collect()
}

/// "Nice" linear ticks covering `lo..hi` with about `target` intervals (steps 1, 2, 2.5, 5 x
/// 10^k). Returns (axis min, axis max, step); the axis ends on ticks.
pub(crate) fn nice_range(lo: f64, hi: f64, target: usize) -> (f64, f64, f64) {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else if lo == 0.0 {
        (0.0, 1.0)
    } else {
        let d = lo.abs() * 0.5;
        (lo - d, hi + d)
    };
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * mag);
    let a = (lo / step).floor() * step;
    let b = (hi / step).ceil() * step;
    (a, b, step)
}

/// Decades of a log axis: `lo_exp..=hi_exp` covering `min_pos..=max_pos` (both > 0), at least
/// one decade apart.
pub(crate) fn decade_range(min_pos: f64, max_pos: f64) -> (i32, i32) {
    let lo = min_pos.log10().floor();
    let mut hi = max_pos.log10().ceil();
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo as i32, hi as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_ticks_for_a_month() {
        let (t, step) = day_ticks(-1.0, 29.0, 8);
        assert_eq!(step, 7.0);
        assert_eq!(t, vec![0.0, 7.0, 14.0, 21.0, 28.0]);
    }

    #[test]
    fn three_monthly_ticks_for_a_year() {
        let (t, step) = day_ticks(-10.0, 375.0, 6);
        assert_eq!(step, 90.0);
        assert_eq!(t, vec![0.0, 90.0, 180.0, 270.0, 360.0]);
    }

    #[test]
    fn hour_ticks_for_two_days() {
        let (t, step) = day_ticks(13.9, 15.1, 6);
        assert_eq!(step, 0.25);
        assert_eq!(t.first(), Some(&14.0));
        assert_eq!(day_tick_labels(&t)[..3], ["14", "+6h", "+12h"]);
    }

    #[test]
    fn nice_ranges() {
        assert_eq!(nice_range(0.0, 96.0, 4), (0.0, 100.0, 25.0));
        assert_eq!(nice_range(0.0, 10.0, 5), (0.0, 10.0, 2.0));
        assert!(nice_range(5.0, 5.0, 4).2 > 0.0);
    }

    #[test]
    fn decades() {
        assert_eq!(decade_range(0.76, 77.7), (-1, 2));
        assert_eq!(decade_range(100.0, 100.0), (2, 3));
        assert_eq!(decade_range(0.01, 100_000.0), (-2, 5));
    }

    #[test]
    fn day_range_has_margins() {
        let (lo, hi) = day_range([0.0, 28.0].into_iter(), 1.0);
        assert!(lo < 0.0 && hi > 28.0);
        let (lo, hi) = day_range([0.0].into_iter(), 7.0);
        assert!(lo < 0.0 && hi > 7.0);
        let (lo, hi) = day_range(std::iter::empty(), 7.0);
        assert_eq!((lo, hi), (0.0, 7.0));
    }
}
