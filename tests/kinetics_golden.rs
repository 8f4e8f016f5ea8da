#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::indexing_slicing)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! Golden cases for the kinetics core: `tests/fixtures/kinetics_cases.json` (expected values from
//! an independent implementation of `reference/kinetics.md` section 0).
//!
//! Every expected field of every case is compared, for both AUC methods, with
//! `|got - expected| <= 1e-9 + 1e-9 * |expected|`; a `null` must come back as `None`, never 0.
//! Set `KINETICS_GOLDEN_FILE=/path/to/kinetics_cases.json` to run the same checks on another file
//! (e.g. the full, held-back case set).

use std::collections::BTreeSet;

use icans_calc::kinetics::{AucMethod, AucToHorizon, HorizonDays, Series, SeriesSummary, analyse};
use serde_json::Value;

const ABS_TOL: f64 = 1e-9;
const REL_TOL: f64 = 1e-9;
/// The public fixture yields 727 comparisons (368 expected values; the method-independent ones
/// checked on both methods' results, plus reason and consistency checks); a file that silently
/// tests nothing must fail.
const MIN_COMPARISONS: usize = 700;
const MIN_VALID_CASES: usize = 10;
const MIN_INVALID_CASES: usize = 3;
const KNOWN_SERIES: [&str; 3] = ["total", "cd4", "cd8"];

fn fixture_path() -> String {
    std::env::var("KINETICS_GOLDEN_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/kinetics_cases.json"
        )
        .to_string()
    })
}

/// A JSON number, or one of the strings "NaN", "Infinity", "-Infinity".
fn json_f64(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("bad number {n}")),
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(format!(
                "unexpected string {other:?} where a number was expected"
            )),
        },
        other => Err(format!("expected a number, got {other}")),
    }
}

fn parse_samples(v: &Value) -> Result<Vec<(f64, f64)>, String> {
    let list = v.as_array().ok_or("series is not a list")?;
    list.iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([day, value]) => Ok((json_f64(day)?, json_f64(value)?)),
            _ => Err(format!("sample is not a [day, value] pair: {pair}")),
        })
        .collect()
}

fn close(got: f64, expected: f64) -> bool {
    (got - expected).abs() <= ABS_TOL + REL_TOL * expected.abs()
}

/// Collects comparisons and failures so one run reports every mismatch.
#[derive(Default)]
struct Checker {
    comparisons: usize,
    failures: Vec<String>,
    /// Largest |got - expected| as a fraction of the allowed tolerance (reported, must be <= 1).
    worst_fraction_of_tolerance: f64,
}

impl Checker {
    fn fail(&mut self, msg: String) {
        self.failures.push(msg);
    }

    /// Compares a nullable number: JSON null <-> None, a number <-> Some within tolerance.
    fn number(&mut self, at: &str, field: &str, expected: &Value, got: Option<f64>) {
        self.comparisons += 1;
        let expected = if expected.is_null() {
            None
        } else {
            match json_f64(expected) {
                Ok(x) => Some(x),
                Err(e) => {
                    self.fail(format!("{at} {field}: unreadable expected value: {e}"));
                    return;
                }
            }
        };
        let ok = match (expected, got) {
            (None, None) => true,
            (Some(e), Some(g)) => {
                let fraction = (g - e).abs() / (ABS_TOL + REL_TOL * e.abs());
                self.worst_fraction_of_tolerance = self.worst_fraction_of_tolerance.max(fraction);
                close(g, e)
            }
            (None, Some(_)) | (Some(_), None) => false,
        };
        if !ok {
            self.fail(format!("{at} {field}: expected {expected:?}, got {got:?}"));
        }
    }

    /// Checks that a field the golden file explains as null carries a reason.
    fn has_reason(&mut self, at: &str, field: &str, reason: Option<&str>) {
        self.comparisons += 1;
        match reason {
            Some(text) if !text.trim().is_empty() => {}
            Some(_) | None => self.fail(format!("{at} {field}: null without a reason text")),
        }
    }
}

fn method_of(tag: &str) -> Option<AucMethod> {
    match tag {
        "linear" => Some(AucMethod::Linear),
        "linlog" => Some(AucMethod::LinUpLogDown),
        _ => None,
    }
}

/// `auc_0_<T>_<method>` or `auc_0_<T>_<method>_extrap` -> (T, method, extrapolated?).
fn parse_auc_field(field: &str) -> Option<(f64, AucMethod, bool)> {
    let rest = field.strip_prefix("auc_0_")?;
    let (rest, extrap) = match rest.strip_suffix("_extrap") {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (t, m) = rest.split_once('_')?;
    Some((t.parse().ok()?, method_of(m)?, extrap))
}

fn auc_entry(s: &SeriesSummary, to_day: f64) -> Option<&AucToHorizon> {
    s.auc.iter().find(|a| a.to_day == to_day)
}

fn check_series(
    chk: &mut Checker,
    at: &str,
    samples: &[(f64, f64)],
    expected: &serde_json::Map<String, Value>,
    file_horizons: &[f64],
) {
    let series = match Series::new(samples) {
        Ok(s) => s,
        Err(e) => {
            chk.fail(format!("{at}: valid series rejected: {e}"));
            return;
        }
    };
    // Horizons: those of the file plus any named in a field (auc_0_<T>_...).
    let mut days: Vec<f64> = file_horizons.to_vec();
    for field in expected.keys() {
        if let Some((t, _, _)) = parse_auc_field(field)
            && !days.contains(&t)
        {
            days.push(t);
        }
    }
    let horizons: Vec<HorizonDays> = match days
        .iter()
        .map(|&d| HorizonDays::new(d))
        .collect::<Result<_, _>>()
    {
        Ok(h) => h,
        Err(e) => {
            chk.fail(format!("{at}: bad horizon in the golden file: {e}"));
            return;
        }
    };
    let linear = analyse(&series, AucMethod::Linear, &horizons);
    let linlog = analyse(&series, AucMethod::LinUpLogDown, &horizons);
    let by = |m: AucMethod| match m {
        AucMethod::Linear => &linear,
        AucMethod::LinUpLogDown => &linlog,
    };

    // The terminal phase does not depend on the AUC method.
    chk.comparisons += 1;
    if linear.terminal != linlog.terminal {
        chk.fail(format!(
            "{at}: terminal phase differs between the AUC methods"
        ));
    }

    let reasons = expected.get("null_reasons").and_then(Value::as_object);

    for (field, exp) in expected {
        if field == "null_reasons" {
            continue;
        }
        // Method-independent fields are checked on both results.
        for (mname, s) in [("linear", &linear), ("linUpLogDown", &linlog)] {
            let at_m = format!("{at} [{mname}]");
            let term = s.terminal.as_ref().ok();
            match field.as_str() {
                "n_samples" => chk.number(&at_m, field, exp, Some(s.n_samples as f64)),
                "cmax" => chk.number(&at_m, field, exp, Some(s.cmax)),
                "tmax" => chk.number(&at_m, field, exp, s.tmax_day),
                "clast" => chk.number(&at_m, field, exp, Some(s.clast)),
                "tlast" => chk.number(&at_m, field, exp, s.tlast_day),
                "lambda_z" => chk.number(&at_m, field, exp, term.map(|t| t.lambda_z_per_day)),
                "half_life" => chk.number(&at_m, field, exp, term.map(|t| t.half_life_days)),
                "lambda_z_n_points" => {
                    chk.number(&at_m, field, exp, term.map(|t| t.n_points as f64))
                }
                "lambda_z_time_first" => chk.number(&at_m, field, exp, term.map(|t| t.first_day)),
                "lambda_z_time_last" => chk.number(&at_m, field, exp, term.map(|t| t.last_day)),
                "lambda_z_r2" => chk.number(&at_m, field, exp, term.map(|t| t.r2)),
                "lambda_z_adj_r2" => chk.number(&at_m, field, exp, term.map(|t| t.adj_r2)),
                "clast_pred" => chk.number(&at_m, field, exp, term.map(|t| t.clast_pred)),
                _ => {}
            }
        }
        // Method-specific fields.
        let f = field.as_str();
        if let Some(m) = f.strip_prefix("auclast_").and_then(method_of) {
            chk.number(at, field, exp, Some(by(m).auc_last));
        } else if let Some(m) = f.strip_prefix("aucinf_obs_").and_then(method_of) {
            chk.number(at, field, exp, by(m).auc_inf);
        } else if let Some((t, m, extrap)) = parse_auc_field(f) {
            match auc_entry(by(m), t) {
                Some(a) => {
                    let got = if extrap { a.extrapolated } else { a.value };
                    chk.number(at, field, exp, got);
                    if got.is_none() {
                        chk.has_reason(at, field, a.reason.as_deref());
                    }
                    // `extrapolated` equals the strict value whenever that exists.
                    chk.comparisons += 1;
                    if a.value.is_some() && a.extrapolated != a.value {
                        chk.fail(format!(
                            "{at} {field}: extrapolated differs from the strict value"
                        ));
                    }
                }
                None => chk.fail(format!("{at} {field}: horizon {t} missing from the result")),
            }
        } else if !matches!(
            f,
            "n_samples"
                | "cmax"
                | "tmax"
                | "clast"
                | "tlast"
                | "lambda_z"
                | "half_life"
                | "lambda_z_n_points"
                | "lambda_z_time_first"
                | "lambda_z_time_last"
                | "lambda_z_r2"
                | "lambda_z_adj_r2"
                | "clast_pred"
        ) {
            chk.fail(format!(
                "{at}: unknown expected field {field:?} (extend the test)"
            ));
        }
    }

    // A null explained in `null_reasons` must come with our own reason.
    for field in reasons.into_iter().flat_map(|r| r.keys()) {
        if field.starts_with("lambda_z") || field == "half_life" {
            chk.comparisons += 1;
            if linear.terminal.is_ok() {
                chk.fail(format!(
                    "{at} {field}: listed as null but a terminal phase was found"
                ));
            }
        }
    }
}

#[test]
fn golden_kinetics_cases() {
    let path = fixture_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"));
    let file_horizons: Vec<f64> = root["horizons_days"]
        .as_array()
        .expect("horizons_days")
        .iter()
        .map(|v| json_f64(v).expect("horizon number"))
        .collect();
    let cases = root["cases"].as_array().expect("cases list");

    let mut chk = Checker::default();
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut ids = BTreeSet::new();

    for case in cases {
        let id = case["id"].as_str().expect("case id").to_string();
        assert!(ids.insert(id.clone()), "duplicate case id {id}");
        let series_in = case["input"]["series"].as_object().expect("input.series");

        if let Some(err) = case.get("expected_error") {
            invalid += 1;
            let code = err["code"].as_str().unwrap_or("");
            // The whole input must be rejected: an unknown series name (adapter's job) or a
            // series the core refuses. Where the core refuses, its code must match.
            let mut rejected = false;
            for (name, samples) in series_in {
                if !KNOWN_SERIES.contains(&name.as_str()) {
                    rejected = true;
                    continue;
                }
                match parse_samples(samples) {
                    Err(_) => rejected = true,
                    Ok(samples) => {
                        if let Err(e) = Series::new(&samples) {
                            rejected = true;
                            chk.comparisons += 1;
                            let known = [
                                "empty_series",
                                "non_finite_day",
                                "non_finite_value",
                                "negative_value",
                                "negative_day",
                                "duplicate_day",
                            ];
                            if known.contains(&code) && e.code() != code {
                                chk.fail(format!(
                                    "{id} series {name}: expected error {code}, got {} ({e})",
                                    e.code()
                                ));
                            }
                        }
                    }
                }
            }
            chk.comparisons += 1;
            if !rejected {
                chk.fail(format!("{id}: invalid input ({code}) was accepted"));
            }
            continue;
        }

        valid += 1;
        let expected = case["expected"].as_object().expect("expected");
        for (name, exp) in expected {
            let at = format!("{id} series {name}");
            let samples = match series_in.get(name).map(parse_samples) {
                Some(Ok(s)) => s,
                Some(Err(e)) => {
                    chk.fail(format!("{at}: unreadable input: {e}"));
                    continue;
                }
                None => {
                    chk.fail(format!(
                        "{at}: expected values for a series not in the input"
                    ));
                    continue;
                }
            };
            let exp = exp.as_object().expect("expected series object");
            check_series(&mut chk, &at, &samples, exp, &file_horizons);
        }
    }

    assert!(
        chk.failures.is_empty(),
        "{} of {} golden comparisons failed:\n{}",
        chk.failures.len(),
        chk.comparisons,
        chk.failures.join("\n")
    );
    println!(
        "golden kinetics: {valid} valid + {invalid} invalid cases, {} comparisons passed; \
         worst difference {:.3e} of the tolerance",
        chk.comparisons, chk.worst_fraction_of_tolerance
    );
    assert!(valid >= MIN_VALID_CASES, "only {valid} valid cases");
    assert!(invalid >= MIN_INVALID_CASES, "only {invalid} invalid cases");
    assert!(
        chk.comparisons >= MIN_COMPARISONS,
        "only {} comparisons made (floor {MIN_COMPARISONS})",
        chk.comparisons
    );
}
