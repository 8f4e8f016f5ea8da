#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::indexing_slicing)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! Property tests for the kinetics core: invariants that must hold for any valid series.

use icans_calc::kinetics::{
    AucMethod, HorizonDays, Series, SeriesError, SeriesSummary, analyse, auc_window_points,
};
use proptest::prelude::*;

const METHODS: [AucMethod; 2] = AucMethod::ALL;

/// A value: 0 (BLQ) about one time in five, else 0.001-1000.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 4 => 0.001f64..1000.0]
}

/// 1-12 samples on distinct days (day 0 or a later start, steps of 0.1-20 days), sorted.
fn samples_with(value: impl Strategy<Value = f64>) -> impl Strategy<Value = Vec<(f64, f64)>> {
    (
        prop_oneof![Just(0.0), 0.0f64..10.0],
        prop::collection::vec((0.1f64..20.0, value), 1..12),
    )
        .prop_map(|(start, steps)| {
            let mut day = start;
            steps
                .into_iter()
                .enumerate()
                .map(|(i, (step, v))| {
                    if i > 0 {
                        day += step;
                    }
                    (day, v)
                })
                .collect()
        })
}

fn samples() -> impl Strategy<Value = Vec<(f64, f64)>> {
    samples_with(value())
}

/// Every value above 0 (no decline to 0, where lin-up/log-down's partial piece is not additive).
fn positive_samples() -> impl Strategy<Value = Vec<(f64, f64)>> {
    samples_with(0.001f64..1000.0)
}

fn horizon() -> impl Strategy<Value = f64> {
    0.01f64..250.0
}

fn h(days: f64) -> HorizonDays {
    HorizonDays::new(days).unwrap()
}

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * (1.0 + a.abs().max(b.abs()))
}

/// Integral over [a, b] of the curve the method draws through `points` (sorted): straight lines,
/// or for lin-up/log-down the exponential through a positive decline. Written independently of
/// the crate (closed-form integrals of each piece), for `points` with no positive -> 0 decline
/// under lin-up/log-down.
fn curve_area(method: AucMethod, points: &[(f64, f64)], a: f64, b: f64) -> f64 {
    let mut area = 0.0;
    for w in points.windows(2) {
        let ((x1, y1), (x2, y2)) = (w[0], w[1]);
        let (lo, hi) = (a.max(x1), b.min(x2));
        if hi <= lo {
            continue;
        }
        let exponential = matches!(method, AucMethod::LinUpLogDown) && y2 < y1 && y2 > 0.0;
        if exponential {
            // y(x) = y1 * exp(-k (x - x1)), k = ln(y1/y2)/(x2 - x1); integral = (y(lo) - y(hi)) / k.
            let k = (y1 / y2).ln() / (x2 - x1);
            let y = |x: f64| y1 * (-k * (x - x1)).exp();
            area += (y(lo) - y(hi)) / k;
        } else {
            let y = |x: f64| y1 + (y2 - y1) * (x - x1) / (x2 - x1);
            area += (hi - lo) * (y(lo) + y(hi)) / 2.0;
        }
    }
    area
}

fn last_sample(s: &Series) -> (f64, f64) {
    *s.samples().last().unwrap()
}

proptest! {
    /// Linear AUC0-T is additive: AUC0-T2 - AUC0-T1 = area of the curve between T1 and T2,
    /// and AUC0-T equals the area of the curve from 0 to T; it never decreases with T.
    #[test]
    fn linear_auc_is_additive_and_monotone(pts in samples(), t1 in horizon(), t2 in horizon()) {
        let s = Series::new(&pts).unwrap();
        let (t1, t2) = (t1.min(t2), t1.max(t2));
        prop_assume!(t1 < t2);
        let r = analyse(&s, AucMethod::Linear, &[h(t1), h(t2)]);
        if let (Some(a1), Some(a2)) = (r.auc[0].value, r.auc[1].value) {
            // Both computable: T2 is within the samples, or after a last value of 0 where the
            // curve stays 0 (the extra point (T2 + 1, 0) extends it so; it adds no area otherwise).
            let mut curve = s.auc_curve_points();
            curve.push((t2.max(last_sample(&s).0) + 1.0, 0.0));
            let between = curve_area(AucMethod::Linear, &curve, t1, t2);
            prop_assert!(near(a2 - a1, between, 1e-9), "{a2} - {a1} vs {between}");
            prop_assert!(near(a1, curve_area(AucMethod::Linear, &curve, 0.0, t1), 1e-9));
            prop_assert!(a2 >= a1 - 1e-12 * (1.0 + a1), "AUC0-{t2} = {a2} < AUC0-{t1} = {a1}");
        }
    }

    /// Lin-up/log-down on a series with no decline to 0: additive and monotone as well.
    #[test]
    fn lin_up_log_down_auc_is_additive_without_declines_to_zero(
        pts in positive_samples(), t1 in horizon(), t2 in horizon()
    ) {
        let s = Series::new(&pts).unwrap();
        let (t1, t2) = (t1.min(t2), t1.max(t2));
        prop_assume!(t1 < t2);
        let r = analyse(&s, AucMethod::LinUpLogDown, &[h(t1), h(t2)]);
        if let (Some(a1), Some(a2)) = (r.auc[0].value, r.auc[1].value) {
            let curve = s.auc_curve_points();
            let between = curve_area(AucMethod::LinUpLogDown, &curve, t1, t2);
            prop_assert!(near(a2 - a1, between, 1e-9), "{a2} - {a1} vs {between}");
            prop_assert!(near(a1, curve_area(AucMethod::LinUpLogDown, &curve, 0.0, t1), 1e-9));
            prop_assert!(a2 >= a1 - 1e-12 * (1.0 + a1));
        }
    }

    /// Splitting at a sample day is exact: the window to an earlier sample day is a prefix of the
    /// window to a later horizon, and AUC0-Tlast is exactly AUClast.
    #[test]
    fn window_to_a_sample_day_is_a_prefix(
        pts in samples(),
        pick in any::<prop::sample::Index>(),
        extra in 0.001f64..100.0,
    ) {
        let s = Series::new(&pts).unwrap();
        // Day 0 cannot be a horizon; only a lone day-0 sample leaves no other day to pick.
        let later: Vec<(f64, f64)> =
            s.samples().iter().copied().filter(|&(d, _)| d > 0.0).collect();
        if later.is_empty() {
            return Ok(());
        }
        let (day, value) = *pick.get(&later);
        let t = day + extra;
        for method in METHODS {
            let w_day = auc_window_points(&s, method, h(day)).unwrap();
            prop_assert_eq!(w_day.last().copied(), Some((day, value)));
            if let Ok(w_t) = auc_window_points(&s, method, h(t)) {
                prop_assert_eq!(&w_t[..w_day.len()], &w_day[..]);
            }
            let r = analyse(&s, method, &[h(day)]);
            if r.tlast_day == Some(day) {
                prop_assert_eq!(r.auc[0].value, Some(r.auc_last));
            }
        }
    }

    /// Multiplying every value by k > 0 multiplies every AUC, Cmax and Clast by k and leaves the
    /// days and lambda_z unchanged.
    #[test]
    fn scales_linearly_with_the_values(pts in samples(), k in 0.001f64..1000.0, t in horizon()) {
        let s = Series::new(&pts).unwrap();
        let scaled: Vec<(f64, f64)> = pts.iter().map(|&(d, v)| (d, v * k)).collect();
        let sk = Series::new(&scaled).unwrap();
        for method in METHODS {
            let a = analyse(&s, method, &[h(t)]);
            let b = analyse(&sk, method, &[h(t)]);
            let scaled_ok = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => near(x * k, y, 1e-9),
                (None, None) => true,
                _ => false,
            };
            prop_assert!(near(a.cmax * k, b.cmax, 1e-12));
            prop_assert!(near(a.clast * k, b.clast, 1e-12));
            prop_assert_eq!((a.tmax_day, a.tlast_day), (b.tmax_day, b.tlast_day));
            prop_assert!(near(a.auc_last * k, b.auc_last, 1e-9));
            prop_assert!(scaled_ok(a.auc[0].value, b.auc[0].value));
            prop_assert!(scaled_ok(a.auc[0].extrapolated, b.auc[0].extrapolated));
            prop_assert!(scaled_ok(a.auc_inf, b.auc_inf));
            match (&a.terminal, &b.terminal) {
                (Ok(x), Ok(y)) => {
                    prop_assert!(near(x.lambda_z_per_day, y.lambda_z_per_day, 1e-9));
                    prop_assert_eq!((x.n_points, x.first_day), (y.n_points, y.first_day));
                }
                (Err(x), Err(y)) => prop_assert_eq!(x, y),
                _ => prop_assert!(false, "terminal phase changed under scaling"),
            }
        }
    }

    /// The order of the input does not matter.
    #[test]
    fn does_not_depend_on_input_order(
        (pts, shuffled) in samples().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
        t in horizon(),
    ) {
        let a = Series::new(&pts).unwrap();
        let b = Series::new(&shuffled).unwrap();
        prop_assert_eq!(&a, &b);
        for method in METHODS {
            let hs = [h(t), HorizonDays::DAY_28, HorizonDays::DAY_90];
            prop_assert_eq!(analyse(&a, method, &hs), analyse(&b, method, &hs));
        }
    }

    /// Cmax, Tmax, Clast, Tlast agree with the samples; the terminal phase is consistent.
    #[test]
    fn summary_agrees_with_the_samples(pts in samples()) {
        let s = Series::new(&pts).unwrap();
        let r: SeriesSummary = analyse(&s, AucMethod::Linear, &[]);
        let samples = s.samples();
        prop_assert_eq!(r.n_samples, pts.len());
        prop_assert!(samples.iter().all(|&(_, v)| r.cmax >= v));
        match r.tmax_day {
            Some(tmax) => {
                let first_max = samples.iter().find(|&&(_, v)| v == r.cmax).map(|&(d, _)| d);
                prop_assert_eq!(Some(tmax), first_max);
                prop_assert!(r.cmax > 0.0);
            }
            None => prop_assert!(r.cmax == 0.0 && samples.iter().all(|&(_, v)| v == 0.0)),
        }
        match r.tlast_day {
            Some(tlast) => {
                prop_assert!(samples.contains(&(tlast, r.clast)) && r.clast > 0.0);
                prop_assert!(samples.iter().all(|&(d, v)| d <= tlast || v == 0.0));
            }
            None => prop_assert!(r.clast == 0.0 && r.cmax == 0.0),
        }
        prop_assert!(r.auc_last.is_finite() && r.auc_last >= 0.0);
        if let Ok(t) = &r.terminal {
            prop_assert!(t.lambda_z_per_day > 0.0);
            prop_assert!(near(t.half_life_days, std::f64::consts::LN_2 / t.lambda_z_per_day, 1e-12));
            prop_assert!(t.n_points >= 3);
            prop_assert!(Some(t.first_day) > r.tmax_day);
            prop_assert_eq!(Some(t.last_day), r.tlast_day);
            prop_assert!(t.adj_r2 <= t.r2 + 1e-12 && t.r2 <= 1.0 + 1e-12);
            let auc_inf = r.auc_inf.unwrap();
            prop_assert!(auc_inf >= r.auc_last);
        } else {
            prop_assert_eq!(r.auc_inf.is_some(), r.tlast_day.is_none());
        }
    }

    /// A horizon after a last sample above 0 is "not computable" (None with a reason), never a
    /// number; otherwise the AUC is a finite number >= 0; `extrapolated` equals it when present.
    #[test]
    fn not_computable_is_never_a_number(pts in samples(), t in horizon()) {
        let s = Series::new(&pts).unwrap();
        let (last_day, last_value) = last_sample(&s);
        for method in METHODS {
            let r = analyse(&s, method, &[h(t)]);
            let a = &r.auc[0];
            prop_assert_eq!(a.to_day, t);
            if t > last_day && last_value > 0.0 {
                prop_assert_eq!(a.value, None);
                prop_assert!(a.reason.is_some());
                prop_assert_eq!(a.extrapolated.is_some(), r.terminal.is_ok());
                if let (Some(x), Some(inf)) = (a.extrapolated, r.auc_inf) {
                    prop_assert!(x >= r.auc_last && x <= inf * (1.0 + 1e-12));
                }
            } else {
                let v = a.value.unwrap();
                prop_assert!(v.is_finite() && v >= 0.0);
                prop_assert_eq!(a.extrapolated, Some(v));
                prop_assert_eq!(&a.reason, &None);
            }
        }
    }

    /// A non-finite number anywhere is rejected at its own input position; so is a repeated day.
    #[test]
    fn bad_samples_are_rejected_at_their_index(
        pts in samples(), pick in any::<prop::sample::Index>(), bad_day in any::<bool>(),
        bad in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
    ) {
        let i = pick.index(pts.len());
        let mut broken = pts.clone();
        if bad_day { broken[i].0 = bad } else { broken[i].1 = bad }
        let err = Series::new(&broken).unwrap_err();
        prop_assert_eq!(err.index(), Some(i));
        let non_finite = matches!(
            err,
            SeriesError::NonFiniteDay { .. } | SeriesError::NonFiniteValue { .. }
        );
        prop_assert!(non_finite, "{:?}", err);
        let mut repeated = pts.clone();
        repeated.push((pts[i].0, pts[i].1));
        let err = Series::new(&repeated).unwrap_err();
        prop_assert_eq!(
            err,
            SeriesError::DuplicateDay { day: pts[i].0, first_index: i, second_index: pts.len() }
        );
    }
}
