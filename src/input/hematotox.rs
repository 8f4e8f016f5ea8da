//! The five CAR-HEMATOTOX baseline values (`hematotox()` input, `baseline` of a case): reading
//! and writing; and one value as the laboratory reports it, typed in the unit chosen beside it
//! ([`Reported`]): converted exactly to the API's unit, echoed in the score table's unit, and
//! worded when the core finds it implausible.

use crate::display::grouped;
use crate::error::{InputError, Problem};
use crate::hematotox::{Crp, HematotoxInput, ImplausibleValue, Measurement, Variable};
use crate::json::{self, Fields, Json};
use crate::units;
use ReportedUnit::*;

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

// ---------------------------------------------------------------------------------------------
// One value as the laboratory reports it

/// A unit a laboratory reports one of the five values in. No unit is ever assumed: ANC "1.2" is
/// plausible both in ×10⁹/L and in /µL, CRP "5" both in mg/dL and in mg/L.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportedUnit {
    PerUl,
    E9PerL,
    GPerDl,
    GPerL,
    /// Haemoglobin in mmol/L (monomer; [`units::HB_G_PER_DL_PER_MMOL_PER_L`]).
    MmolPerL,
    MgPerL,
    MgPerDl,
    NgPerMl,
}

impl ReportedUnit {
    pub const ALL: [ReportedUnit; 8] = [
        PerUl, E9PerL, GPerDl, GPerL, MmolPerL, MgPerL, MgPerDl, NgPerMl,
    ];

    /// The unit as text (echoes, messages, table cells).
    pub fn text(self) -> &'static str {
        match self {
            PerUl => "/µL",
            E9PerL => "\u{d7}10\u{2079}/L",
            GPerDl => "g/dL",
            GPerL => "g/L",
            MmolPerL => "mmol/L",
            MgPerL => "mg/L",
            MgPerDl => "mg/dL",
            NgPerMl => "ng/mL",
        }
    }

    /// The units a laboratory reports `variable` in, in the order the form offers them (one for
    /// ferritin: ng/mL = µg/L).
    pub fn offered(variable: Variable) -> &'static [ReportedUnit] {
        match variable {
            Variable::Platelets | Variable::Anc => &[PerUl, E9PerL],
            Variable::Hb => &[GPerDl, GPerL, MmolPerL],
            Variable::Crp => &[MgPerL, MgPerDl],
            Variable::Ferritin => &[NgPerMl],
        }
    }

    /// The unit's key, as a saved baseline draft keeps the unit chosen.
    pub fn key(self) -> &'static str {
        match self {
            PerUl => "per-ul",
            E9PerL => "e9-per-l",
            GPerDl => "g-dl",
            GPerL => "g-l",
            MmolPerL => "mmol-l",
            MgPerL => "mg-l",
            MgPerDl => "mg-dl",
            NgPerMl => "ng-ml",
        }
    }

    /// A value in this unit in the API's unit for its variable (exact decimal shifts). CRP goes
    /// to the API in the unit entered (crpMgPerL / crpMgPerDl), so that 30 mg/L is compared
    /// with 30 mg/L; the other units left as they are are the API's own.
    fn to_api(self, x: f64) -> f64 {
        match self {
            E9PerL => units::per_ul_from_e9_per_l(x),
            GPerL => units::g_per_dl_from_g_per_l(x),
            MmolPerL => units::hb_g_per_dl_from_mmol_per_l(x),
            PerUl | GPerDl | MgPerL | MgPerDl | NgPerMl => x,
        }
    }
}

/// The unit of a variable's row in the score table.
pub fn table_unit(variable: Variable) -> ReportedUnit {
    match variable {
        Variable::Platelets | Variable::Anc => PerUl,
        Variable::Hb => GPerDl,
        Variable::Crp => MgPerDl,
        Variable::Ferritin => NgPerMl,
    }
}

/// One of the five values as typed, with the unit chosen for it and the value in the API's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    variable: Variable,
    typed: f64,
    unit: ReportedUnit,
    api_value: f64,
}

impl Reported {
    pub fn new(variable: Variable, typed: f64, unit: ReportedUnit) -> Reported {
        Reported {
            variable,
            typed,
            unit,
            api_value: unit.to_api(typed),
        }
    }

    /// The five values of `input` as a form shows them again, in table order: in the score
    /// table's units, CRP in the unit it was entered in.
    pub fn all_of(input: &HematotoxInput) -> [Reported; 5] {
        let crp = match input.crp() {
            Crp::MgPerDl(x) => Reported::new(Variable::Crp, x, MgPerDl),
            Crp::MgPerL(x) => Reported::new(Variable::Crp, x, MgPerL),
        };
        [
            Reported::new(Variable::Platelets, input.platelets_per_ul(), PerUl),
            Reported::new(Variable::Anc, input.anc_per_ul(), PerUl),
            Reported::new(Variable::Hb, input.hb_g_per_dl(), GPerDl),
            crp,
            Reported::new(Variable::Ferritin, input.ferritin_ng_per_ml(), NgPerMl),
        ]
    }

    /// The value as typed, and the unit chosen for it.
    pub fn as_typed(&self) -> (f64, ReportedUnit) {
        (self.typed, self.unit)
    }

    /// The value as the core checks and scores it.
    pub fn measurement(&self) -> Measurement {
        let x = self.api_value;
        match (self.variable, self.unit) {
            (Variable::Platelets, _) => Measurement::PlateletsPerUl(x),
            (Variable::Anc, _) => Measurement::AncPerUl(x),
            (Variable::Hb, _) => Measurement::HbGPerDl(x),
            (Variable::Crp, MgPerL) => Measurement::Crp(Crp::MgPerL(x)),
            (Variable::Crp, _) => Measurement::Crp(Crp::MgPerDl(x)),
            (Variable::Ferritin, _) => Measurement::FerritinNgPerMl(x),
        }
    }

    /// The unit of the value in the API's unit: CRP's as entered, the others the table's.
    fn api_unit(&self) -> ReportedUnit {
        match self.variable {
            Variable::Crp => self.unit,
            other => table_unit(other),
        }
    }

    /// "= 150,000 /µL", or with a conversion "= 1.5 ×10⁹/L = 1500 /µL", "= 30 mg/L = 3 mg/dL";
    /// from mmol/L the factor is shown, since it is not a power of ten.
    pub fn echo(&self) -> String {
        let (table, typed) = (table_unit(self.variable), point(self.typed));
        let api_value = self.api_value;
        match self.unit {
            u if u == table => format!("= {} {}", grouped(self.typed), table.text()),
            MmolPerL => format!(
                "= {typed} mmol/L \u{d7} {} = {} g/dL",
                point(units::HB_G_PER_DL_PER_MMOL_PER_L),
                grouped(api_value)
            ),
            u => {
                let in_table_unit = match u {
                    MgPerL => units::mg_per_dl_from_mg_per_l(self.typed),
                    _ => api_value,
                };
                let (unit, table) = (u.text(), table.text());
                format!("= {typed} {unit} = {} {table}", grouped(in_table_unit))
            }
        }
    }

    /// The message of a value the core finds implausible, with `hint` for the unit chosen (the
    /// core's hints name its single unit) and, when the value was converted, the value as
    /// entered.
    pub fn implausible(&self, e: &ImplausibleValue, hint: &'static str) -> String {
        let problem = Problem::Implausible {
            range: e.range,
            got: e.got,
            hint,
        };
        let (unit, api_unit) = (self.unit.text(), self.api_unit().text());
        let entered = match self.unit == self.api_unit() {
            true => String::new(),
            false => {
                let api_value = crate::display::number(self.api_value);
                format!(" ({} {unit} = {api_value} {api_unit})", point(self.typed))
            }
        };
        format!("{}{entered} {problem}", self.variable.label())
    }
}

/// A number with every digit kept and a decimal point, as the echo shows it.
fn point(x: f64) -> String {
    crate::numbers::format_decimal(x, crate::numbers::DecimalSeparator::Point)
}
