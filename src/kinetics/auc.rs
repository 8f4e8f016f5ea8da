//! Trapezoid rules, interpolation at a horizon, and the point list of an AUC window.

use crate::numbers::format_quoted as number;
use std::fmt;

use super::Series;

/// How the area between two consecutive points is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AucMethod {
    /// Linear trapezoid on every segment (the calculator's primary rule; reproduces the case
    /// report's totals and hand checks).
    #[default]
    Linear,
    /// Linear trapezoid when rising, flat, or to/from 0; log trapezoid on a positive decline
    /// (PKNCA default "lin up/log down"; Phoenix option).
    LinUpLogDown,
}

impl AucMethod {
    pub const ALL: [AucMethod; 2] = [AucMethod::Linear, AucMethod::LinUpLogDown];

    /// The method's name in the JS API and the case file (SPEC §3).
    pub const fn api_name(self) -> &'static str {
        match self {
            AucMethod::Linear => "linear",
            AucMethod::LinUpLogDown => "linUpLogDown",
        }
    }
}

impl fmt::Display for AucMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AucMethod::Linear => write!(f, "linear trapezoid"),
            AucMethod::LinUpLogDown => write!(f, "linear-up/log-down trapezoid"),
        }
    }
}

/// End day T of an AUC0-T window, in days after infusion: finite and > 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct HorizonDays(f64);

/// Why a horizon was rejected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HorizonError {
    /// NaN or ±infinity.
    NonFinite { days: f64 },
    /// 0 or below.
    NotPositive { days: f64 },
}

impl fmt::Display for HorizonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HorizonError::NonFinite { days } => {
                write!(f, "horizon must be a finite number of days, got {days}")
            }
            HorizonError::NotPositive { days } => {
                write!(
                    f,
                    "horizon must be more than 0 days after infusion, got {days}"
                )
            }
        }
    }
}

impl std::error::Error for HorizonError {}

impl HorizonDays {
    /// AUC0-28: the usual CAR-T expansion window.
    pub const DAY_28: HorizonDays = HorizonDays(28.0);
    /// AUC0-90: "3 months" in the golden file (papers use 84-92 days; let the user choose).
    pub const DAY_90: HorizonDays = HorizonDays(90.0);
    /// The default horizons of the `kinetics()` API: 28 and 90 days.
    pub const DEFAULTS: [HorizonDays; 2] = [HorizonDays::DAY_28, HorizonDays::DAY_90];

    /// Validates a horizon in days after infusion.
    ///
    /// # Errors
    ///
    /// [`HorizonError`] if `days` is NaN, infinite, or not above 0.
    pub fn new(days: f64) -> Result<HorizonDays, HorizonError> {
        if !days.is_finite() {
            Err(HorizonError::NonFinite { days })
        } else if days > 0.0 {
            Ok(HorizonDays(days))
        } else {
            Err(HorizonError::NotPositive { days })
        }
    }

    /// The horizon in days.
    pub fn days(self) -> f64 {
        self.0
    }
}

/// Whether a segment from `c1` to `c2` is a positive decline, the only case in which
/// linear-up/log-down uses the log rule.
///
/// # Formula
///
/// ```text
/// log-down  <=>  c2 < c1  and  c2 > 0
/// ```
///
/// Source: PKNCA `choose_interval_method` ("lin up/log down": log if `c2 < c1 & c2 != 0`);
/// Phoenix partial-area page (log fails for C <= 0 or C1 = C2, then linear).
fn is_log_down(c1: f64, c2: f64) -> bool {
    c2 < c1 && c2 > 0.0
}

/// `ln(c1 / c2)` for `c1 > c2 > 0`, falling back to `ln c1 - ln c2` if the quotient overflows.
///
/// The quotient form is the more accurate one when `c1` and `c2` are close; the difference form
/// only serves ratios beyond the f64 range (e.g. 1e300 / 1e-300).
fn ln_ratio(c1: f64, c2: f64) -> f64 {
    let ratio = c1 / c2;
    if ratio.is_finite() {
        ratio.ln()
    } else {
        c1.ln() - c2.ln()
    }
}

/// Area of one segment between `(t1, c1)` and `(t2, c2)` (`t1 < t2`) with the method's rule.
///
/// # Formula
///
/// ```text
/// linear:  A = (t2 - t1) * (c1 + c2) / 2                         (PKNCA aucintegrate_linear)
/// log:     A = (t2 - t1) * (c1 - c2) / ln(c1 / c2)               (PKNCA aucintegrate_log)
/// Linear:        linear always
/// LinUpLogDown:  log iff c2 < c1 and c2 > 0, else linear         (PKNCA "lin up/log down")
/// ```
pub(crate) fn segment_area(method: AucMethod, (t1, c1): (f64, f64), (t2, c2): (f64, f64)) -> f64 {
    let linear = || (t2 - t1) * (c1 + c2) / 2.0;
    match method {
        AucMethod::Linear => linear(),
        AucMethod::LinUpLogDown => {
            if is_log_down(c1, c2) {
                let log_ratio = ln_ratio(c1, c2);
                // c1 > c2 > 0 makes the computed c1/c2 round to a value > 1, so log_ratio > 0;
                // the guard only keeps a division by 0 impossible by construction.
                if log_ratio > 0.0 {
                    (t2 - t1) * (c1 - c2) / log_ratio
                } else {
                    linear()
                }
            } else {
                linear()
            }
        }
    }
}

/// Sum of the segment areas of consecutive `points`, left to right.
///
/// # Formula
///
/// ```text
/// AUC = sum over i of segment_area(p_i, p_i+1)      (0 for fewer than 2 points)
/// ```
pub(crate) fn integrate(method: AucMethod, points: &[(f64, f64)]) -> f64 {
    points
        .iter()
        .zip(points.iter().skip(1))
        .fold(0.0, |sum, (&a, &b)| sum + segment_area(method, a, b))
}

/// Value at day `t` strictly inside the segment `(t1, c1)`-`(t2, c2)`.
///
/// # Formula
///
/// ```text
/// f = (t - t1) / (t2 - t1)
/// linear:  C(t) = c1 + (c2 - c1) * f
/// log:     C(t) = exp(ln c1 + (ln c2 - ln c1) * f)
/// Linear:        linear always
/// LinUpLogDown:  log iff c2 < c1 and c2 > 0, else linear
/// ```
///
/// Source: PKNCA `interpolate.conc` (log-linear when the segment is "log" under the method);
/// Phoenix partial-area calculation.
pub(crate) fn interpolate(
    method: AucMethod,
    (t1, c1): (f64, f64),
    (t2, c2): (f64, f64),
    t: f64,
) -> f64 {
    let fraction = (t - t1) / (t2 - t1);
    let log_down = match method {
        AucMethod::Linear => false,
        AucMethod::LinUpLogDown => is_log_down(c1, c2),
    };
    if log_down {
        (c1.ln() + (c2.ln() - c1.ln()) * fraction).exp()
    } else {
        c1 + (c2 - c1) * fraction
    }
}

/// Why an AUC to a horizon is not computable from the data alone: the horizon lies after the
/// last sample and that sample is above 0, so the area beyond it is unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtrapolationRequired {
    /// Day of the last sample (= Tlast, since its value is > 0).
    pub last_day: f64,
    /// Value of the last sample (= Clast), > 0.
    pub last_value: f64,
    /// The requested horizon.
    pub to_day: f64,
}

impl fmt::Display for ExtrapolationRequired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "last sample (day {}) is above 0 ({}) and before day {}: extrapolation required",
            number(self.last_day),
            number(self.last_value),
            number(self.to_day)
        )
    }
}

impl std::error::Error for ExtrapolationRequired {}

/// The points whose trapezoids make up AUC0-T: the origin-augmented samples up to `T`, ending
/// with `(T, C(T))`. A chart can shade exactly this polygon; [`super::analyse`] integrates it.
///
/// # Formula
///
/// ```text
/// pts0 = Series::auc_curve_points()          (origin (0, 0) if no day-0 sample)
/// T equal to a point's day          -> pts0 up to and including it
/// t_i < T < t_i+1                   -> pts0 up to t_i, then (T, C(T)), C(T) by `interpolate`
///                                      (the piece t_i..T is then integrated with the method's
///                                       rule applied to (c_i, C(T)), as for any other segment)
/// T after the last point, value 0   -> pts0, then (T, 0)      (the curve stays 0)
/// T after the last point, value > 0 -> error: extrapolation required
/// ```
///
/// Source: kinetics.md section 0 / 3.4; PKNCA `aucint` (`interp.extrap.conc`), Phoenix partial
/// area; the "> 0 after the last sample" case is a deliberate null (PKNCA `aucint.all` would
/// report the AUC to Tlast).
///
/// Note (a consequence of the rule, kept on purpose to match the golden file and PKNCA): under
/// `LinUpLogDown`, inside a segment that falls to 0, C(T) is interpolated linearly but the piece
/// `(c_i, C(T))` is a positive decline and so takes the log rule; there AUC0-T is below the
/// linear piece and is not monotone in T (e.g. (0, 10) -> (10, 0): AUC0-5 = 36.07, AUC0-9.9 =
/// 21.28, AUC0-10 = 50).
///
/// # Errors
///
/// [`ExtrapolationRequired`] when `T` is after the last sample and that sample is above 0.
///
/// # Examples
///
/// ```
/// use icans_calc::kinetics::{auc_window_points, AucMethod, HorizonDays, Series};
///
/// let s = Series::new(&[(7.0, 10.0), (21.0, 10.0), (35.0, 4.0)])?;
/// let to_28 = HorizonDays::new(28.0)?;
/// // Origin added, C(28) = 10 + (4 - 10) * 7 / 14 = 7 by linear interpolation.
/// assert_eq!(
///     auc_window_points(&s, AucMethod::Linear, to_28)?,
///     vec![(0.0, 0.0), (7.0, 10.0), (21.0, 10.0), (28.0, 7.0)]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn auc_window_points(
    series: &Series,
    method: AucMethod,
    to_day: HorizonDays,
) -> Result<Vec<(f64, f64)>, ExtrapolationRequired> {
    window_points(&series.auc_curve_points(), method, to_day.days())
}

/// [`auc_window_points`] on an already origin-augmented point list (sorted, starting at day 0).
pub(crate) fn window_points(
    pts0: &[(f64, f64)],
    method: AucMethod,
    t: f64,
) -> Result<Vec<(f64, f64)>, ExtrapolationRequired> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts0.len() + 1);
    for &(day, value) in pts0 {
        if day > t {
            // T lies strictly before this point. `pts0` starts at day 0 < T, so a previous point
            // exists; were it missing, the origin rule (0, 0) is the curve's start.
            let previous = match out.last() {
                Some(&p) => p,
                None => {
                    out.push((0.0, 0.0));
                    (0.0, 0.0)
                }
            };
            out.push((t, interpolate(method, previous, (day, value), t)));
            return Ok(out);
        }
        out.push((day, value));
        if day == t {
            return Ok(out);
        }
    }
    match out.last() {
        Some(&(last_day, last_value)) if last_value > 0.0 => Err(ExtrapolationRequired {
            last_day,
            last_value,
            to_day: t,
        }),
        // Last value 0 (or, impossible for a validated series, no points): the curve stays 0.
        Some(_) | None => {
            out.push((t, 0.0));
            Ok(out)
        }
    }
}
