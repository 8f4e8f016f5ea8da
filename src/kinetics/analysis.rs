//! Non-compartmental analysis of one series: Cmax, Tmax, Clast, Tlast, AUCs, lambda_z.

use super::Series;
use super::auc::{self, AucMethod, HorizonDays};
use super::terminal::{self, TerminalPhase, TerminalPhaseUnavailable};

/// AUC from day 0 to one horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct AucToHorizon {
    /// The horizon T (days after infusion).
    pub to_day: f64,
    /// Strict AUC0-T from the data (value × day); `None` when T is after a last sample above 0.
    pub value: Option<f64>,
    /// `value` when that is `Some`; otherwise AUC0-Tlast plus the terminal-slope extrapolation to
    /// T when lambda_z exists; otherwise `None`. Always label it as extrapolated.
    pub extrapolated: Option<f64>,
    /// Why `value` is `None` (and, if so, why `extrapolated` is too); `None` when `value` is `Some`.
    pub reason: Option<String>,
}

/// Everything computed for one series with one AUC method.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSummary {
    /// The AUC method used for every AUC below.
    pub method: AucMethod,
    /// Number of samples (the assumed origin is not counted).
    pub n_samples: usize,
    /// Highest value (0 if every value is 0).
    pub cmax: f64,
    /// First day the highest value occurs; `None` if every value is 0.
    pub tmax_day: Option<f64>,
    /// Last value above 0; 0 if every value is 0.
    pub clast: f64,
    /// Day of the last value above 0; `None` if every value is 0.
    pub tlast_day: Option<f64>,
    /// AUC from day 0 to Tlast (value × day); 0 if every value is 0.
    pub auc_last: f64,
    /// AUC0-T for each requested horizon, in the order given.
    pub auc: Vec<AucToHorizon>,
    /// The terminal phase (lambda_z, half-life, ...) or why it is not available.
    pub terminal: Result<TerminalPhase, TerminalPhaseUnavailable>,
    /// AUC0-inf,obs (value × day); `None` without lambda_z, but 0 if every value is 0.
    pub auc_inf: Option<f64>,
}

/// Non-compartmental analysis of one validated series.
///
/// # Formula
///
/// ```text
/// Cmax = max value;  Tmax = first day with value = Cmax (none if Cmax = 0)   PKNCA first.tmax
/// Tlast = last day with value > 0, Clast = its value (none / 0 if all 0)     PKNCA pk.calc.clast.obs
/// pts0 = samples, with (0, 0) prepended if the first day > 0 (AUC only)      PKNCA conc.origin = 0
/// AUClast = area of pts0 up to Tlast (0 if all 0)                            PKNCA auc.last
/// AUC0-T  = area of auc_window_points(T)   (interpolated C(T) between samples;
///           none if T is after a last sample > 0)                            PKNCA aucint, Phoenix
///           segment rule: linear (t2-t1)(c1+c2)/2, or for LinUpLogDown
///           (t2-t1)(c1-c2)/ln(c1/c2) when c2 < c1 and c2 > 0
/// lambda_z: see TerminalPhase (Phoenix Best Fit = PKNCA pk.calc.half.life)
/// AUCinf,obs = AUClast + Clast / lambda_z (none without lambda_z; 0 if all 0) PKNCA aucinf.obs
/// extrapolated AUC0-T (when the strict value is none and lambda_z exists):
///   AUClast + Clast * (1 - exp(-lambda_z * (T - Tlast))) / lambda_z          PKNCA aucint.inf.obs
/// ```
///
/// # Errors
///
/// None: a [`Series`] is already valid. Values that cannot be computed are `None` (never 0) with
/// a reason.
///
/// # Examples
///
/// ```
/// use icans_calc::kinetics::{analyse, AucMethod, HorizonDays, Series};
///
/// // Weekly samples; linear AUC0-28 = 35 + 105 + 105 + 35 = 280.
/// let s = Series::new(&[(0.0, 0.0), (7.0, 10.0), (14.0, 20.0), (21.0, 10.0), (28.0, 0.0)])?;
/// let r = analyse(&s, AucMethod::Linear, &[HorizonDays::DAY_28]);
/// assert_eq!((r.cmax, r.tmax_day), (20.0, Some(14.0)));
/// assert_eq!((r.clast, r.tlast_day), (10.0, Some(21.0)));
/// assert_eq!(r.auc[0].value, Some(280.0));
/// assert_eq!(r.auc_last, 245.0);
/// assert!(r.terminal.is_err()); // only 1 positive point after Tmax
/// assert_eq!(r.auc_inf, None);
///
/// // Follow-up ends on day 28 with a count above 0: AUC0-90 needs extrapolation.
/// let s = Series::new(&[(0.0, 0.0), (7.0, 128.0), (14.0, 64.0), (21.0, 32.0), (28.0, 16.0)])?;
/// let r = analyse(&s, AucMethod::Linear, &HorizonDays::DEFAULTS);
/// assert_eq!(r.auc[1].value, None);
/// assert!(r.auc[1].reason.is_some());
/// let half_life = r.terminal.as_ref().map(|t| t.half_life_days).unwrap_or(f64::NAN);
/// assert!((half_life - 7.0).abs() < 1e-12);
/// assert!(r.auc[1].extrapolated.is_some());
/// # Ok::<(), icans_calc::kinetics::SeriesError>(())
/// ```
pub fn analyse(series: &Series, method: AucMethod, horizons: &[HorizonDays]) -> SeriesSummary {
    let samples = series.samples();

    // Cmax = max value (PKNCA pk.calc.cmax). Values are >= 0, so starting the maximum at 0 gives
    // Cmax = 0 for an all-zero series.
    let cmax = samples.iter().fold(
        0.0_f64,
        |max, &(_, value)| if value > max { value } else { max },
    );
    // Tmax = first day of Cmax, none if all 0 (PKNCA pk.calc.tmax, first.tmax = TRUE).
    let tmax_day = if cmax > 0.0 {
        samples
            .iter()
            .find(|&&(_, value)| value == cmax)
            .map(|&(day, _)| day)
    } else {
        None
    };
    // Tlast = last day with value > 0, Clast = its value; all 0 -> none / 0 (PKNCA pk.calc.tlast,
    // pk.calc.clast.obs).
    let (clast, tlast_day) = match samples.iter().rev().find(|&&(_, value)| value > 0.0) {
        Some(&(day, value)) => (value, Some(day)),
        None => (0.0, None),
    };

    // AUClast = area of the origin-augmented points up to Tlast (PKNCA auc.last, conc.origin = 0).
    let pts0 = series.auc_curve_points();
    let auc_last = match tlast_day {
        Some(tlast) => {
            let upto = pts0.partition_point(|&(day, _)| day <= tlast);
            auc::integrate(method, pts0.get(..upto).unwrap_or(&[]))
        }
        None => 0.0,
    };

    let terminal = terminal::terminal_phase(samples, tmax_day);
    // AUCinf,obs = AUClast + Clast / lambda_z (PKNCA aucintegrate_inf / pk.calc.auc.inf.obs);
    // 0 when every value is 0, as PKNCA.
    let auc_inf = match (tlast_day, &terminal) {
        (None, _) => Some(0.0),
        (Some(_), Ok(phase)) => Some(auc_last + clast / phase.lambda_z_per_day),
        (Some(_), Err(_)) => None,
    };

    let auc = horizons
        .iter()
        .map(|horizon| auc_to_horizon(&pts0, method, horizon.days(), auc_last, &terminal))
        .collect();

    SeriesSummary {
        method,
        n_samples: samples.len(),
        cmax,
        tmax_day,
        clast,
        tlast_day,
        auc_last,
        auc,
        terminal,
        auc_inf,
    }
}

/// AUC0-T (strict and extrapolated) for one horizon; see [`analyse`] for the formulas.
fn auc_to_horizon(
    pts0: &[(f64, f64)],
    method: AucMethod,
    to_day: f64,
    auc_last: f64,
    terminal: &Result<TerminalPhase, TerminalPhaseUnavailable>,
) -> AucToHorizon {
    match auc::window_points(pts0, method, to_day) {
        Ok(points) => {
            let area = auc::integrate(method, &points);
            AucToHorizon {
                to_day,
                value: Some(area),
                extrapolated: Some(area),
                reason: None,
            }
        }
        Err(needed) => match terminal {
            Ok(phase) => {
                // AUC0-Tlast + Clast * (1 - exp(-lambda_z * (T - Tlast))) / lambda_z
                // (PKNCA aucint.inf.obs: log-down piece after Tlast with Clast,obs; issue #203).
                // Here the last sample is > 0, so it is (Tlast, Clast) and auc_last = AUC0-Tlast.
                // 1 - exp(-x) is computed as -expm1(-x), accurate also for small x.
                let lambda_z = phase.lambda_z_per_day;
                let tail = needed.last_value * -(-lambda_z * (to_day - needed.last_day)).exp_m1()
                    / lambda_z;
                AucToHorizon {
                    to_day,
                    value: None,
                    extrapolated: Some(auc_last + tail),
                    reason: Some(format!(
                        "{needed}; the extrapolated value assumes the terminal slope \
                         (lambda_z) continues after day {}",
                        crate::numbers::format_quoted(needed.last_day)
                    )),
                }
            }
            Err(why) => AucToHorizon {
                to_day,
                value: None,
                extrapolated: None,
                reason: Some(format!("{needed}; cannot extrapolate: {why}")),
            },
        },
    }
}

/// CD4+/CD8+ CAR-T ratio on each day sampled in both series, in day order.
///
/// # Formula
///
/// ```text
/// for each day d in both series:  ratio(d) = CD4(d) / CD8(d),  none if CD8(d) = 0
/// ```
///
/// Days are matched exactly; a day present in only one series is left out.
///
/// # Examples
///
/// ```
/// use icans_calc::kinetics::{cd4_cd8_ratio_by_day, Series};
///
/// let cd4 = Series::new(&[(7.0, 12.0), (14.0, 70.0), (21.0, 3.0)])?;
/// let cd8 = Series::new(&[(7.0, 8.0), (14.0, 0.0), (28.0, 1.0)])?;
/// assert_eq!(cd4_cd8_ratio_by_day(&cd4, &cd8), vec![(7.0, Some(1.5)), (14.0, None)]);
/// # Ok::<(), icans_calc::kinetics::SeriesError>(())
/// ```
pub fn cd4_cd8_ratio_by_day(cd4: &Series, cd8: &Series) -> Vec<(f64, Option<f64>)> {
    let (a, b) = (cd4.samples(), cd8.samples());
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(&(day4, value4)), Some(&(day8, value8))) = (a.get(i), b.get(j)) {
        if day4 < day8 {
            i += 1;
        } else if day8 < day4 {
            j += 1;
        } else {
            out.push((
                day4,
                if value8 > 0.0 {
                    Some(value4 / value8)
                } else {
                    None
                },
            ));
            i += 1;
            j += 1;
        }
    }
    out
}
