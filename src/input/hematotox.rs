//! The five CAR-HEMATOTOX baseline values (`hematotox()` input, `baseline` of a case): reading
//! and writing.

use crate::error::{InputError, Problem};
use crate::hematotox::{Crp, HematotoxInput, Variable};
use crate::json::{self, Fields, Json};

const HEMATOTOX_KEYS: [&str; 6] = [
    "plateletsPerUl",
    "ancPerUl",
    "hbGPerDl",
    "crpMgPerDl",
    "crpMgPerL",
    "ferritinNgPerMl",
];

/// Reads `{ plateletsPerUl, ancPerUl, hbGPerDl, crpMgPerDl | crpMgPerL, ferritinNgPerMl }`.
pub fn parse_hematotox(value: &Json, path: &str) -> Result<HematotoxInput, InputError> {
    let f = Fields::new(value, path, &HEMATOTOX_KEYS)?;
    let number = |key: &str| json::number(f.required(key)?, &f.path_of(key));
    let platelets = number("plateletsPerUl")?;
    let anc = number("ancPerUl")?;
    let hb = number("hbGPerDl")?;
    let crp_mg_per_dl = f
        .optional("crpMgPerDl")
        .map(|v| json::number(v, &f.path_of("crpMgPerDl")))
        .transpose()?;
    let crp_mg_per_l = f
        .optional("crpMgPerL")
        .map(|v| json::number(v, &f.path_of("crpMgPerL")))
        .transpose()?;
    let crp = match (crp_mg_per_dl, crp_mg_per_l) {
        (Some(x), None) => Crp::MgPerDl(x),
        (None, Some(x)) => Crp::MgPerL(x),
        (Some(_), Some(_)) => {
            return Err(InputError::new(
                f.path_of("crpMgPerL"),
                Problem::Conflict {
                    other: "crpMgPerDl",
                    why: "give CRP once, in mg/dL or in mg/L",
                },
            ));
        }
        (None, None) => {
            return Err(InputError::new(
                f.path_of("crpMgPerDl"),
                Problem::OneOfRequired {
                    first: "crpMgPerDl",
                    second: "crpMgPerL",
                },
            ));
        }
    };
    let ferritin = number("ferritinNgPerMl")?;
    HematotoxInput::new(platelets, anc, hb, crp, ferritin).map_err(|e| {
        let key = match (e.variable, crp) {
            (Variable::Platelets, _) => "plateletsPerUl",
            (Variable::Anc, _) => "ancPerUl",
            (Variable::Hb, _) => "hbGPerDl",
            (Variable::Crp, Crp::MgPerDl(_)) => "crpMgPerDl",
            (Variable::Crp, Crp::MgPerL(_)) => "crpMgPerL",
            (Variable::Ferritin, _) => "ferritinNgPerMl",
        };
        InputError::new(
            f.path_of(key),
            Problem::Implausible {
                range: e.range,
                got: e.got,
                hint: e.hint,
            },
        )
    })
}

/// Writes the baseline back in the input format (for the case export).
pub fn hematotox_to_json(h: &HematotoxInput) -> Json {
    let crp = match h.crp() {
        Crp::MgPerDl(x) => ("crpMgPerDl", Json::Number(x)),
        Crp::MgPerL(x) => ("crpMgPerL", Json::Number(x)),
    };
    Json::object(vec![
        ("plateletsPerUl", Json::Number(h.platelets_per_ul())),
        ("ancPerUl", Json::Number(h.anc_per_ul())),
        ("hbGPerDl", Json::Number(h.hb_g_per_dl())),
        crp,
        ("ferritinNgPerMl", Json::Number(h.ferritin_ng_per_ml())),
    ])
}
