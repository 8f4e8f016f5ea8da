//! The `kinetics()` input (series, method, horizons; `cells.blood` and `settings` of a case).

use crate::error::{InputError, Problem};
use crate::json::{self, Fields, Json};
use crate::kinetics::{AucMethod, HorizonDays, KineticsInput, Series, SeriesName};

const KINETICS_KEYS: [&str; 3] = ["series", "method", "horizonsDays"];
/// The three blood series' keys, in display order (SPEC §3).
pub const SERIES_NAMES: [&str; 3] = [
    SeriesName::Total.api_name(),
    SeriesName::Cd4.api_name(),
    SeriesName::Cd8.api_name(),
];

/// The AUC methods by their API names.
pub const METHODS: [(&str, AucMethod); 2] = [
    (AucMethod::Linear.api_name(), AucMethod::Linear),
    (AucMethod::LinUpLogDown.api_name(), AucMethod::LinUpLogDown),
];

/// Reads `{ series: {total?, cd4?, cd8?}, method?, horizonsDays? }`.
pub fn parse_kinetics(input: &Json, path: &str) -> Result<KineticsInput, InputError> {
    let f = Fields::new(input, path, &KINETICS_KEYS)?;
    let series = parse_series_set(f.required("series")?, &f.path_of("series"))?;
    let method = f
        .optional("method")
        .map(|v| json::one_of(v, &f.path_of("method"), &METHODS))
        .transpose()?
        .unwrap_or_default();
    let horizons = match f.optional("horizonsDays") {
        None => HorizonDays::DEFAULTS.to_vec(),
        Some(v) => parse_horizons(v, &f.path_of("horizonsDays"))?,
    };
    Ok(KineticsInput {
        series,
        method,
        horizons,
    })
}

/// Reads the `{ total?, cd4?, cd8? }` object of `[day, cells/µL]` pairs (also `cells.blood` of a
/// case).
pub fn parse_series_set(value: &Json, path: &str) -> Result<Vec<(SeriesName, Series)>, InputError> {
    let f = Fields::new(value, path, &SERIES_NAMES)?;
    let mut out = Vec::new();
    for name in SeriesName::ALL {
        if let Some(v) = f.optional(name.api_name()) {
            out.push((name, parse_series(v, &f.path_of(name.api_name()))?));
        }
    }
    if out.is_empty() {
        return Err(InputError::new(
            path,
            Problem::Rule("give at least one series: total, cd4 or cd8 (lists of [day, cells/µL])"),
        ));
    }
    Ok(out)
}

fn parse_series(value: &Json, path: &str) -> Result<Series, InputError> {
    // A series as the JS API's boundary sends it: its pairs are the samples as they are (no
    // copy); whatever is wrong with them is the core's to say, as for the same list of lists.
    if let Json::Pairs(pairs) = value {
        return checked_series(pairs, path);
    }
    let items = json::array(value, path)?;
    let mut samples = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The sample's path ("series.total[12]") is written only for a message: formatting it
        // for every sample was 40% of a 1,000-sample call.
        let at = || json::index(path, i);
        let written_out;
        let pair = match item {
            Json::Array(pair) => pair.as_slice(),
            other => {
                written_out = json::list(other, &at())?;
                &written_out[..]
            }
        };
        let [day, cells] = pair else {
            return Err(InputError::new(
                at(),
                Problem::Rule("must be a [day, cells/µL] pair of two numbers"),
            ));
        };
        // Non-finite numbers pass through: the core reports them in its own checking order.
        let number = |v: &Json, what: &'static str| match v {
            Json::Number(x) => Ok(*x),
            other => Err(InputError::new(
                at(),
                Problem::WrongType {
                    expected: what,
                    got: other.describe(),
                },
            )),
        };
        samples.push((
            number(day, "a number of days")?,
            number(cells, "a number of cells/µL")?,
        ));
    }
    checked_series(&samples, path)
}

/// The samples as a [`Series`], or the core's reason with the sample's path.
fn checked_series(samples: &[(f64, f64)], path: &str) -> Result<Series, InputError> {
    Series::new(samples).map_err(|e| {
        let field = match e.index() {
            Some(i) => json::index(path, i),
            None => path.to_string(),
        };
        InputError::new(field, Problem::Series(e))
    })
}

pub fn parse_horizons(value: &Json, path: &str) -> Result<Vec<HorizonDays>, InputError> {
    let items = json::list(value, path)?;
    if items.is_empty() {
        return Err(InputError::new(
            path,
            Problem::Rule("list at least one horizon in days, e.g. [28, 90]"),
        ));
    }
    let mut out: Vec<HorizonDays> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = json::index(path, i);
        let days = match item {
            Json::Number(x) => *x,
            other => {
                return Err(InputError::new(
                    p,
                    Problem::WrongType {
                        expected: "a number of days",
                        got: other.describe(),
                    },
                ));
            }
        };
        let h =
            HorizonDays::new(days).map_err(|e| InputError::new(p.clone(), Problem::Horizon(e)))?;
        if out.iter().any(|o| o.days() == h.days()) {
            return Err(InputError::new(
                p,
                Problem::Duplicate {
                    got: json::format_number(days),
                },
            ));
        }
        out.push(h);
    }
    Ok(out)
}
