//! Steroid ledger: cumulative systemic corticosteroid exposure in dexamethasone-equivalent mg,
//! with intrathecal doses totalled apart.
//!
//! # Source
//! Anti-inflammatory (glucocorticoid) equivalence from the US prednisolone label, "15 mg
//! prednisolone = 2.25 mg dexamethasone = 12 mg methylprednisolone = 15 mg prednisone = 60 mg
//! hydrocortisone"; Liu D et al. Allergy Asthma Clin Immunol 2013;9:30 (criteria.md §8). The
//! factors are those of SPEC §2:
//!
//! ```text
//! | Drug               | Equivalent dose | Dexamethasone-equivalent mg per mg |
//! | Dexamethasone      | 0.75 mg         | 1                                  |
//! | Methylprednisolone | 4 mg            | 0.75 / 4  = 0.1875                 |
//! | Prednisone         | 5 mg            | 0.75 / 5  = 0.15                   |
//! | Prednisolone       | 5 mg            | 0.75 / 5  = 0.15                   |
//! | Hydrocortisone     | 20 mg           | 0.75 / 20 = 0.0375                 |
//! ```
//! Dexamethasone-equivalent mg = mg × factor. Intrathecal doses are not added to the systemic
//! total (SPEC §2; criteria.md §8: "totalled separately"). Equivalence is for glucocorticoid
//! potency only; some sources round dexamethasone:methylprednisolone to 1:5, which this table
//! does not (methylprednisolone 500 mg = 93.75 mg here, "100 mg" there).

use crate::error::Range;
use crate::sources;
use serde::{Serialize, Serializer};

/// The corticosteroids the ledger converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Steroid {
    Dexamethasone,
    Methylprednisolone,
    Prednisone,
    Prednisolone,
    Hydrocortisone,
}

impl Steroid {
    /// Table order.
    pub const ALL: [Steroid; 5] = [
        Steroid::Dexamethasone,
        Steroid::Methylprednisolone,
        Steroid::Prednisone,
        Steroid::Prednisolone,
        Steroid::Hydrocortisone,
    ];

    /// "Equivalent dose" column: the mg of this drug equivalent to 0.75 mg dexamethasone.
    pub fn equivalent_mg(self) -> f64 {
        match self {
            Steroid::Dexamethasone => 0.75,
            Steroid::Methylprednisolone => 4.0,
            Steroid::Prednisone => 5.0,
            Steroid::Prednisolone => 5.0,
            Steroid::Hydrocortisone => 20.0,
        }
    }

    /// "Dexamethasone-equivalent mg per mg" column (SPEC §2), = 0.75 / equivalent dose.
    pub fn dex_eq_factor(self) -> f64 {
        match self {
            Steroid::Dexamethasone => 1.0,
            Steroid::Methylprednisolone => 0.1875,
            Steroid::Prednisone => 0.15,
            Steroid::Prednisolone => 0.15,
            Steroid::Hydrocortisone => 0.0375,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Steroid::Dexamethasone => "dexamethasone",
            Steroid::Methylprednisolone => "methylprednisolone",
            Steroid::Prednisone => "prednisone",
            Steroid::Prednisolone => "prednisolone",
            Steroid::Hydrocortisone => "hydrocortisone",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Steroid::Dexamethasone => "Dexamethasone",
            Steroid::Methylprednisolone => "Methylprednisolone",
            Steroid::Prednisone => "Prednisone",
            Steroid::Prednisolone => "Prednisolone",
            Steroid::Hydrocortisone => "Hydrocortisone",
        }
    }
}

/// Listed medications that are not corticosteroids (recorded, not converted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NonSteroid {
    Tocilizumab,
    Siltuximab,
    Anakinra,
    Methotrexate,
    Cytarabine,
}

impl NonSteroid {
    pub const ALL: [NonSteroid; 5] = [
        NonSteroid::Tocilizumab,
        NonSteroid::Siltuximab,
        NonSteroid::Anakinra,
        NonSteroid::Methotrexate,
        NonSteroid::Cytarabine,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            NonSteroid::Tocilizumab => "tocilizumab",
            NonSteroid::Siltuximab => "siltuximab",
            NonSteroid::Anakinra => "anakinra",
            NonSteroid::Methotrexate => "methotrexate",
            NonSteroid::Cytarabine => "cytarabine",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NonSteroid::Tocilizumab => "Tocilizumab",
            NonSteroid::Siltuximab => "Siltuximab",
            NonSteroid::Anakinra => "Anakinra",
            NonSteroid::Methotrexate => "Methotrexate",
            NonSteroid::Cytarabine => "Cytarabine (Ara-C)",
        }
    }
}

/// Which drug, without the label of an "other" drug: the closed list a caller chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrugKind {
    Steroid(Steroid),
    NonSteroid(NonSteroid),
    /// Any other drug; needs a label.
    Other,
}

impl DrugKind {
    /// Every drug a caller can choose, in the order the API lists them (SPEC §3): the table
    /// corticosteroids, the other listed drugs, then "other".
    pub const ALL: [DrugKind; 11] = [
        DrugKind::Steroid(Steroid::Dexamethasone),
        DrugKind::Steroid(Steroid::Methylprednisolone),
        DrugKind::Steroid(Steroid::Prednisone),
        DrugKind::Steroid(Steroid::Prednisolone),
        DrugKind::Steroid(Steroid::Hydrocortisone),
        DrugKind::NonSteroid(NonSteroid::Tocilizumab),
        DrugKind::NonSteroid(NonSteroid::Siltuximab),
        DrugKind::NonSteroid(NonSteroid::Anakinra),
        DrugKind::NonSteroid(NonSteroid::Methotrexate),
        DrugKind::NonSteroid(NonSteroid::Cytarabine),
        DrugKind::Other,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            DrugKind::Steroid(s) => s.api_name(),
            DrugKind::NonSteroid(n) => n.api_name(),
            DrugKind::Other => "other",
        }
    }

    /// The drug as a list of choices offers it (and as a medication list names a listed drug):
    /// the label, except cytarabine without "(Ara-C)", and "other" asking for the name.
    pub fn choice_label(self) -> &'static str {
        match self {
            DrugKind::Steroid(s) => s.label(),
            DrugKind::NonSteroid(NonSteroid::Cytarabine) => "Cytarabine",
            DrugKind::NonSteroid(n) => n.label(),
            DrugKind::Other => "Other (name it)",
        }
    }

    /// The drug of this kind: `label` names an "other" drug and is not kept for a listed one.
    pub fn drug(self, label: &str) -> Drug {
        match self {
            DrugKind::Steroid(s) => Drug::Steroid(s),
            DrugKind::NonSteroid(n) => Drug::NonSteroid(n),
            DrugKind::Other => Drug::Other {
                label: label.to_string(),
            },
        }
    }
}

/// A medication's drug.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Drug {
    Steroid(Steroid),
    NonSteroid(NonSteroid),
    /// Any other drug, named by the user (never converted, never counted as a steroid).
    Other {
        label: String,
    },
}

impl Drug {
    pub fn kind(&self) -> DrugKind {
        match self {
            Drug::Steroid(s) => DrugKind::Steroid(*s),
            Drug::NonSteroid(n) => DrugKind::NonSteroid(*n),
            Drug::Other { .. } => DrugKind::Other,
        }
    }

    /// The API word ("dexamethasone", ..., "other").
    pub fn api_name(&self) -> &'static str {
        self.kind().api_name()
    }

    /// What to show: the drug's name, or the label of an "other" drug.
    pub fn display_name(&self) -> String {
        match self {
            Drug::Steroid(s) => s.label().to_string(),
            Drug::NonSteroid(n) => n.label().to_string(),
            Drug::Other { label } => label.clone(),
        }
    }

    pub fn steroid(&self) -> Option<Steroid> {
        match self {
            Drug::Steroid(s) => Some(*s),
            Drug::NonSteroid(_) | Drug::Other { .. } => None,
        }
    }
}

/// Route of administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    Iv,
    Po,
    Im,
    Sc,
    /// Intrathecal: totalled apart, never part of the systemic dose.
    It,
}

impl Route {
    pub const ALL: [Route; 5] = [Route::Iv, Route::Po, Route::Im, Route::Sc, Route::It];

    /// Whether a dose by this route counts toward the systemic total.
    pub fn is_systemic(self) -> bool {
        match self {
            Route::Iv | Route::Po | Route::Im | Route::Sc => true,
            Route::It => false,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Route::Iv => "iv",
            Route::Po => "po",
            Route::Im => "im",
            Route::Sc => "sc",
            Route::It => "it",
        }
    }

    /// The route as a list of choices offers it: the abbreviation written on a chart, spelled
    /// out where it is less common ([`Route::label`] gives the full words: "intravenous").
    pub fn choice_label(self) -> &'static str {
        match self {
            Route::Iv => "IV",
            Route::Po => "By mouth (PO)",
            Route::Im => "IM",
            Route::Sc => "SC",
            Route::It => "Intrathecal (IT)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Iv => "intravenous",
            Route::Po => "oral",
            Route::Im => "intramuscular",
            Route::Sc => "subcutaneous",
            Route::It => "intrathecal",
        }
    }
}

impl Serialize for Route {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// Why a medication entry was rejected (the caller knows the field names).
#[derive(Debug, Clone, PartialEq)]
pub enum MedicationError {
    /// The day is NaN, infinite or outside [`crate::day::CASE_DAY_RANGE`].
    Day(f64),
    /// The dose is NaN, infinite or not above 0 mg.
    Mg(f64),
    /// An "other" drug without a label (empty or blank).
    MissingLabel,
    /// An "other" drug whose label is one of the listed drugs (a listed steroid would then be
    /// left out of the steroid total).
    LabelIsListedDrug(DrugKind),
    /// An "other" drug whose label names a corticosteroid of the table by a brand or another
    /// spelling ("Solu-Medrol", "dexamethason"): it would be left out of the total unseen.
    LabelNamesTableSteroid(Steroid),
    /// An "other" drug whose label has a word that may be short for a corticosteroid of the
    /// table: a clinical abbreviation ("dex", "MP") or the start of its name ("dexa", "pred").
    /// Not certain ("MP" may be 6-mercaptopurine), so the message says so; one candidate, or
    /// two when the word starts both prednisone and prednisolone ("pred"), in table order.
    LabelMayAbbreviateTableSteroid(&'static [Steroid]),
    /// An "other" drug whose label has a word that may be a misspelling of a corticosteroid of
    /// the table ("dexamethosone"): a word of [`MIN_MISSPELLING_LETTERS`] letters or more within
    /// a small edit distance of its name ([`misspelling_distance_allowed`]). Not certain, so the
    /// message says so; the nearest name(s), two when prednisone and prednisolone are as near.
    LabelMayMisspellTableSteroid(&'static [Steroid]),
    /// A dose above the drug's plausible single-dose ceiling ([`max_single_dose_mg`]).
    AboveCeiling { mg: f64, max_mg: f64 },
}

/// Dose in mg: more than 0 (SPEC §3).
pub const DOSE_MG: Range = Range {
    min: crate::error::Bound::Exclusive(0.0),
    max: crate::error::Bound::Unbounded,
    unit: " mg",
};

// ---------------------------------------------------------------------------------------------
// Plausible single doses

// Per-drug ceilings for ONE dose, in mg. They are not clinical limits and not dosing advice:
// each is set well above (2.5-20 times) the largest single dose in clinical use, so that only a
// slip (an extra zero, µg typed as mg, a daily or course total typed as one dose) is refused,
// with its reason, while every real dose, however high, is accepted. A high but possible
// steroid dose is flagged for a check instead ([`CHECK_ABOVE_MP_EQ_MG`]). The same check runs
// for the page and the API (in `Medication::new`).

/// Dexamethasone: the largest single doses in use are about 100 mg (IV bolus regimens; 20 mg
/// every 6 h for grade 4 ICANS is 20 mg per dose); 1,000 mg is flagged, above 2,000 is a slip.
pub const DEXAMETHASONE_MAX_MG: f64 = 2_000.0;
/// Methylprednisolone: the largest single dose in use is the 1,000 mg pulse; 5 times that.
pub const METHYLPREDNISOLONE_MAX_MG: f64 = 5_000.0;
/// Prednisone: oral doses up to about 1-2 mg/kg (100-200 mg); 10 times that.
pub const PREDNISONE_MAX_MG: f64 = 2_000.0;
/// Prednisolone: as prednisone.
pub const PREDNISOLONE_MAX_MG: f64 = 2_000.0;
/// Hydrocortisone: single doses up to a few hundred mg (100-500 mg IV); 10 times 500.
pub const HYDROCORTISONE_MAX_MG: f64 = 5_000.0;
/// Tocilizumab: 8 mg/kg, at most 800 mg per dose (label); 2.5 times that.
pub const TOCILIZUMAB_MAX_MG: f64 = 2_000.0;
/// Siltuximab: 11 mg/kg (about 1,100 mg at 100 kg); about 4.5 times that.
pub const SILTUXIMAB_MAX_MG: f64 = 5_000.0;
/// Anakinra: 100 mg SC up to about 10 mg/kg IV in hyperinflammation (about 1,000 mg); 5 times.
pub const ANAKINRA_MAX_MG: f64 = 5_000.0;
/// Methotrexate: 12-15 mg intrathecal, but high-dose IV courses reach 12 g/m² (about 24 g);
/// 2.5 times that.
pub const METHOTREXATE_MAX_MG: f64 = 60_000.0;
/// Cytarabine: 30-100 mg intrathecal, high-dose IV 3 g/m² per dose (about 6 g).
pub const CYTARABINE_MAX_MG: f64 = 20_000.0;
/// A corticosteroid with no factor in the table (betamethasone, budesonide, ...): their single
/// doses are at most a few hundred mg (cortisone 300 mg); as hydrocortisone.
pub const UNCONVERTED_CORTICOSTEROID_MAX_MG: f64 = 5_000.0;
/// Any other drug: 1 kg in one dose (immunoglobulin at 1 g/kg is about 100 g); only an absurd
/// number (1e308) is refused.
pub const OTHER_MAX_MG: f64 = 1_000_000.0;

/// The largest single dose accepted for a drug, in mg (see the constants for the reasons).
pub fn max_single_dose_mg(drug: &Drug) -> f64 {
    match drug {
        Drug::Steroid(Steroid::Dexamethasone) => DEXAMETHASONE_MAX_MG,
        Drug::Steroid(Steroid::Methylprednisolone) => METHYLPREDNISOLONE_MAX_MG,
        Drug::Steroid(Steroid::Prednisone) => PREDNISONE_MAX_MG,
        Drug::Steroid(Steroid::Prednisolone) => PREDNISOLONE_MAX_MG,
        Drug::Steroid(Steroid::Hydrocortisone) => HYDROCORTISONE_MAX_MG,
        Drug::NonSteroid(NonSteroid::Tocilizumab) => TOCILIZUMAB_MAX_MG,
        Drug::NonSteroid(NonSteroid::Siltuximab) => SILTUXIMAB_MAX_MG,
        Drug::NonSteroid(NonSteroid::Anakinra) => ANAKINRA_MAX_MG,
        Drug::NonSteroid(NonSteroid::Methotrexate) => METHOTREXATE_MAX_MG,
        Drug::NonSteroid(NonSteroid::Cytarabine) => CYTARABINE_MAX_MG,
        Drug::Other { label } => match unconverted_corticosteroid_named(label) {
            Some(_) => UNCONVERTED_CORTICOSTEROID_MAX_MG,
            None => OTHER_MAX_MG,
        },
    }
}

/// A single steroid dose above this many mg of methylprednisolone-equivalent is flagged for a
/// check (not refused): 1,000 mg is the largest pulse in use (reliability_ux §2 "warn > 1,000 mg
/// methylprednisolone-equivalent single dose"). Exactly 1,000 mg is not flagged.
pub const CHECK_ABOVE_MP_EQ_MG: f64 = 1_000.0;

/// Methylprednisolone-equivalent mg of a dose given in dexamethasone-equivalent mg (÷ 0.1875).
pub fn methylprednisolone_eq_mg(dex_eq_mg: f64) -> f64 {
    dex_eq_mg / Steroid::Methylprednisolone.dex_eq_factor()
}

// ---------------------------------------------------------------------------------------------
// Corticosteroids named under "other"

/// Brands and spellings of the table's corticosteroids, as [`normalise_label`] writes them
/// (lower case, letters only; accents dropped). A label containing one names that drug.
/// Methylprednisolone comes before prednisolone, which its name contains.
const TABLE_STEROID_NAMES: [(&str, Steroid); 43] = [
    ("methylpred", Steroid::Methylprednisolone),
    ("metilpred", Steroid::Methylprednisolone),
    // Metylprednisolon (Scandinavian spelling): before "prednisolon", which it contains, so
    // that it is never named prednisolone (a factor of 0.15, not 0.1875).
    ("metylpred", Steroid::Methylprednisolone),
    ("metypred", Steroid::Methylprednisolone), // Metypred (Germany, Poland)
    ("medrate", Steroid::Methylprednisolone),  // Medrate (Germany)
    ("medrol", Steroid::Methylprednisolone),   // Medrol, Solu-Medrol, Depo-Medrol
    ("urbason", Steroid::Methylprednisolone),
    ("dexamethason", Steroid::Dexamethasone),
    ("dexametason", Steroid::Dexamethasone),
    ("desametason", Steroid::Dexamethasone),
    ("decadron", Steroid::Dexamethasone),
    ("fortecortin", Steroid::Dexamethasone),
    ("dexona", Steroid::Dexamethasone),       // Dexona (India)
    ("oradexon", Steroid::Dexamethasone),     // Oradexon (Netherlands, UK; Organon)
    ("dexabene", Steroid::Dexamethasone),     // Dexabene (Austria)
    ("dexagalen", Steroid::Dexamethasone),    // Dexagalen (Germany)
    ("dexamonozon", Steroid::Dexamethasone),  // Dexamonozon (Germany)
    ("dexasone", Steroid::Dexamethasone),     // Dexasone (several countries)
    ("dexametazon", Steroid::Dexamethasone),  // spelling (Hungarian, Slavic languages)
    ("deksametazon", Steroid::Dexamethasone), // spelling (Polish, Turkish)
    ("hydrocortison", Steroid::Hydrocortisone),
    ("hidrocortison", Steroid::Hydrocortisone),
    ("idrocortison", Steroid::Hydrocortisone),
    ("hydrocortone", Steroid::Hydrocortisone),
    ("cortef", Steroid::Hydrocortisone), // Cortef, Solu-Cortef
    ("efcortesol", Steroid::Hydrocortisone),
    ("cortisol", Steroid::Hydrocortisone),
    ("prednisolon", Steroid::Prednisolone),
    ("predsol", Steroid::Prednisolone),      // Predsol (UK)
    ("deltacortril", Steroid::Prednisolone), // Deltacortril (UK)
    ("orapred", Steroid::Prednisolone),
    ("prelone", Steroid::Prednisolone),
    ("millipred", Steroid::Prednisolone),
    ("pediapred", Steroid::Prednisolone),
    ("prednisolut", Steroid::Prednisolone), // Prednisolut (Germany)
    // Solu-Decortin H and Solu-Decortin (Germany): prednisolone. Both contain "decortin", so
    // they come first.
    ("soludecortin", Steroid::Prednisolone),
    // Decortin H (Germany): prednisolone; contains "decortin", so it comes first.
    ("decortinh", Steroid::Prednisolone),
    ("prednison", Steroid::Prednisone),
    ("deltason", Steroid::Prednisone),
    ("rectodelt", Steroid::Prednisone), // Rectodelt (Germany)
    ("rayos", Steroid::Prednisone),
    ("sterapred", Steroid::Prednisone),
    ("decortin", Steroid::Prednisone), // Decortin (Germany): prednisone
];

/// Corticosteroids with no factor in the table, by name, brand or spelling; each label is the
/// name shown. Fludrocortisone comes before cortisone, which its name contains.
const UNCONVERTED_NAMES: [(&str, &str); 30] = [
    ("betamethason", "betamethasone"),
    ("betametason", "betamethasone"),
    ("celeston", "betamethasone"),
    ("diprospan", "betamethasone"),
    ("budesonid", "budesonide"),
    ("entocort", "budesonide"),
    ("pulmicort", "budesonide"),
    ("uceris", "budesonide"),
    ("budenofalk", "budesonide"),
    ("triamcinolon", "triamcinolone"),
    ("kenalog", "triamcinolone"),
    ("fludrocortison", "fludrocortisone"),
    ("florinef", "fludrocortisone"),
    ("astonin", "fludrocortisone"),
    ("cortison", "cortisone"),
    ("deflazacort", "deflazacort"),
    ("emflaza", "deflazacort"),
    ("calcort", "deflazacort"),
    ("beclometason", "beclometasone"),
    ("beclomethason", "beclometasone"),
    ("fluticason", "fluticasone"),
    ("flixotid", "fluticasone"),
    ("flovent", "fluticasone"),
    ("mometason", "mometasone"),
    ("clobetasol", "clobetasol"),
    ("ciclesonid", "ciclesonide"),
    ("paramethason", "paramethasone"),
    ("fluocortolon", "fluocortolone"),
    ("cloprednol", "cloprednol"),
    ("rimexolon", "rimexolone"),
];

// Words that may be short for a table corticosteroid. SPEC §3: "anything else is an error (a
// typo must not silently drop a steroid from the total)"; "a `label` that names a corticosteroid
// of the table by a brand or spelling (Decadron, Solu-Medrol, Medrol, Solu-Cortef,
// dexamethason, ...) is an error that names the drug to choose". A short form is not certain
// (MP may be 6-mercaptopurine, DXM dextromethorphan), so it is refused with its own message
// (`MedicationError::LabelMayAbbreviateTableSteroid`), and matched only as a whole word of the
// label (letters only: "6-MP" has the word "mp", "amphotericin" has none): a substring match of
// two or three letters would refuse unrelated drugs everywhere. A deliberate false positive:
// "6-MP" is refused (methylprednisolone?); the user writes "mercaptopurine".

/// Clinical abbreviations of the table's corticosteroids, matched as whole words.
const TABLE_STEROID_ABBREVIATIONS: [(&str, &[Steroid]); 6] = [
    ("dex", &[Steroid::Dexamethasone]),
    ("dxm", &[Steroid::Dexamethasone]),
    ("mp", &[Steroid::Methylprednisolone]),
    ("mps", &[Steroid::Methylprednisolone]),
    ("mpred", &[Steroid::Methylprednisolone]),
    ("hc", &[Steroid::Hydrocortisone]),
];

/// A word of at least this many letters that begins a table corticosteroid's name is read as
/// that name cut short ("dexa", "hydrocort", "predn"); shorter ones are too common ("pre").
pub const MIN_TRUNCATION_LETTERS: usize = 4;

/// Every set of table corticosteroids one word may be short for: the name one word begins is
/// one drug's, or both prednisone's and prednisolone's ("pred", "predniso"). The same sets are
/// those a word may misspell: the nearest name is one drug's, or prednisone's and
/// prednisolone's at the same distance ("prednisoone"); no other two names are near enough to
/// tie (tested).
const TRUNCATION_CANDIDATES: [&[Steroid]; 7] = [
    &[Steroid::Dexamethasone],
    &[Steroid::Methylprednisolone],
    &[Steroid::Prednisone],
    &[Steroid::Prednisolone],
    &[Steroid::Hydrocortisone],
    &[Steroid::Prednisone, Steroid::Prednisolone],
    PREFIXED_PREDNISOLONE,
];

/// A word with letters before "prednisolon" ("metylprednisolon", "mthylprednisolone"): most
/// likely a methylprednisolone misspelt, not prednisolone, whose factor differs (0.15 against
/// 0.1875). Never named prednisolone with certainty: choosing it would under-count the dose.
const PREFIXED_PREDNISOLONE: &[Steroid] = &[Steroid::Methylprednisolone, Steroid::Prednisolone];

/// Whether a word of the label has letters before "prednisolon" (see [`PREFIXED_PREDNISOLONE`]).
fn has_prefixed_prednisolone(label: &str) -> bool {
    let prefixed = |w: &String| w.find("prednisolon").is_some_and(|at| at > 0);
    label_words(label).iter().any(prefixed)
}

// Misspellings of a table corticosteroid. SPEC §3: "anything else is an error (a typo must not
// silently drop a steroid from the total)"; "a `label` that names a corticosteroid of the table
// by a brand or spelling ... is an error that names the drug to choose". A word of the label
// (split as for the short forms) near a table corticosteroid's name by the edit distance
// ([`edit_distance`]) may be a misspelling of it ("dexamethosone"): not certain, so it is refused
// with its own message (`MedicationError::LabelMayMisspellTableSteroid`) that names the nearest
// drug(s). Short words are never read as misspellings; a longer word may differ by more letters.
// A word nearer to the name of a corticosteroid with no factor ("betamethasone" is two letters
// from "dexamethasone") is that drug, not a misspelling.

/// A word of fewer letters than this is never read as a misspelling.
pub const MIN_MISSPELLING_LETTERS: usize = 6;
/// A word of at least this many letters may differ from a name by
/// [`LONG_WORD_MAX_EDITS`] edits; a shorter one (from [`MIN_MISSPELLING_LETTERS`]) by
/// [`SHORT_WORD_MAX_EDITS`].
pub const LONG_WORD_LETTERS: usize = 10;
/// Edits allowed in a word of 6-9 letters.
pub const SHORT_WORD_MAX_EDITS: usize = 1;
/// Edits allowed in a word of 10 letters or more.
pub const LONG_WORD_MAX_EDITS: usize = 2;

/// The largest edit distance at which a word of `letters` letters may misspell a name, or
/// `None` when the word is too short to be read as a misspelling.
pub fn misspelling_distance_allowed(letters: usize) -> Option<usize> {
    if letters < MIN_MISSPELLING_LETTERS {
        None
    } else if letters < LONG_WORD_LETTERS {
        Some(SHORT_WORD_MAX_EDITS)
    } else {
        Some(LONG_WORD_MAX_EDITS)
    }
}

/// Damerau-Levenshtein distance in its optimal-string-alignment form: the fewest letters
/// inserted, deleted, substituted or swapped with the next one (adjacent transposition) that
/// turn `a` into `b`, no substring edited twice. Counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows of the table over b's prefixes: for a's prefix two letters back, one back, and now.
    let mut two_back: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur: Vec<usize> = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        let ca_before = i.checked_sub(1).and_then(|k| a.get(k));
        for (j, &cb) in b.iter().enumerate() {
            let at = |row: &Vec<usize>, k: usize| row.get(k).copied().unwrap_or(usize::MAX);
            let deleted = at(&prev, j + 1).saturating_add(1);
            let inserted = at(&cur, j).saturating_add(1);
            let substituted = at(&prev, j).saturating_add(usize::from(ca != cb));
            let mut best = deleted.min(inserted).min(substituted);
            let cb_before = j.checked_sub(1).and_then(|k| b.get(k));
            if ca_before == Some(&cb) && cb_before == Some(&ca) && ca != cb {
                let swapped = j
                    .checked_sub(1)
                    .map_or(usize::MAX, |k| at(&two_back, k))
                    .saturating_add(1);
                best = best.min(swapped);
            }
            cur.push(best);
        }
        two_back = std::mem::replace(&mut prev, cur);
    }
    prev.last().copied().unwrap_or(a.len())
}

/// The table corticosteroids one word may misspell: those whose name is nearest to it, when
/// that distance is within [`misspelling_distance_allowed`] and no corticosteroid with no factor
/// has a name strictly nearer.
fn steroids_word_may_misspell(word: &str) -> Option<&'static [Steroid]> {
    let allowed = misspelling_distance_allowed(word.chars().count())?;
    let distances: Vec<(Steroid, usize)> = Steroid::ALL
        .into_iter()
        .map(|s| (s, edit_distance(word, s.api_name())))
        .collect();
    let nearest = distances.iter().map(|(_, d)| *d).min()?;
    if nearest > allowed {
        return None;
    }
    let unconverted_nearer = UNCONVERTED_NAMES
        .iter()
        .any(|(_, shown)| edit_distance(word, shown) < nearest);
    if unconverted_nearer {
        return None;
    }
    let candidates: Vec<Steroid> = distances
        .iter()
        .filter(|(_, d)| *d == nearest)
        .map(|(s, _)| *s)
        .collect();
    // Every tie is a set of the table (tested); any other would still be refused, naming all.
    Some(
        TRUNCATION_CANDIDATES
            .into_iter()
            .find(|set| *set == candidates.as_slice())
            .unwrap_or(&Steroid::ALL),
    )
}

/// The table corticosteroid(s) a free-text label may name by a misspelling, as a whole word
/// ("dexamethosone"), if any. Not certain: see
/// [`MedicationError::LabelMayMisspellTableSteroid`]. The first such word counts.
pub fn table_steroids_maybe_misspelt(label: &str) -> Option<&'static [Steroid]> {
    label_words(label)
        .iter()
        .find_map(|w| steroids_word_may_misspell(w))
}

/// Lower case, common accents dropped.
fn fold_label(label: &str) -> String {
    crate::text::fold_case(label)
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Lower case, letters only, common accents dropped: "Solu-Medrol 125" -> "solumedrol",
/// "Dexaméthasone" -> "dexamethasone".
fn normalise_label(label: &str) -> String {
    fold_label(label)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// The label's words as [`normalise_label`] writes letters; digits and punctuation separate
/// words: "6-MP" -> ["mp"], "Dexa 4mg" -> ["dexa", "mg"].
fn label_words(label: &str) -> Vec<String> {
    fold_label(label)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The table corticosteroids one word may be short for: an abbreviation of the list, or the
/// start (at least [`MIN_TRUNCATION_LETTERS`] letters) of one or two of their names.
fn steroids_word_may_abbreviate(word: &str) -> Option<&'static [Steroid]> {
    if let Some((_, candidates)) = TABLE_STEROID_ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
        return Some(candidates);
    }
    if word.chars().count() < MIN_TRUNCATION_LETTERS {
        return None;
    }
    let begun: Vec<Steroid> = Steroid::ALL
        .into_iter()
        .filter(|s| s.api_name().starts_with(word))
        .collect();
    TRUNCATION_CANDIDATES
        .into_iter()
        .find(|set| *set == begun.as_slice())
}

/// The table corticosteroid(s) a free-text label may name by an abbreviation or a name cut
/// short, as whole words ("dex", "MP", "dexa", "pred"), if any. Not certain: see
/// [`MedicationError::LabelMayAbbreviateTableSteroid`]. The first such word counts.
pub fn table_steroids_maybe_abbreviated(label: &str) -> Option<&'static [Steroid]> {
    label_words(label)
        .iter()
        .find_map(|w| steroids_word_may_abbreviate(w))
}

/// The table corticosteroid a free-text label names by a brand or spelling, if any.
pub fn table_steroid_named(label: &str) -> Option<Steroid> {
    let name = normalise_label(label);
    let found = (TABLE_STEROID_NAMES.iter())
        .find(|(pattern, _)| name.contains(pattern))
        .map(|(_, s)| *s);
    found.filter(|s| !(*s == Steroid::Prednisolone && has_prefixed_prednisolone(label)))
}

/// The corticosteroid with no factor in the table that a label names, if any ("betamethasone").
/// A label naming a table corticosteroid is never one of these.
pub fn unconverted_corticosteroid_named(label: &str) -> Option<&'static str> {
    if table_steroid_named(label).is_some() {
        return None;
    }
    let name = normalise_label(label);
    UNCONVERTED_NAMES
        .iter()
        .find(|(pattern, _)| name.contains(pattern))
        .map(|(_, shown)| *shown)
}

/// One medication given: when, what, how much, how.
#[derive(Debug, Clone, PartialEq)]
pub struct Medication {
    day: f64,
    drug: Drug,
    mg: f64,
    route: Route,
    note: Option<String>,
}

impl Medication {
    /// A checked medication entry: `day` finite within the case day range, `mg` finite, > 0 and
    /// at most the drug's plausible single dose ([`max_single_dose_mg`]), an "other" drug
    /// labelled with a name that is neither a listed drug nor a brand or spelling of a table
    /// corticosteroid, and has no word that may be short for one ("dex", "MP", "pred") or a
    /// misspelling of one ("dexamethosone").
    pub fn new(day: f64, drug: Drug, mg: f64, route: Route) -> Result<Self, MedicationError> {
        if !crate::day::CASE_DAY_RANGE.contains(day) {
            return Err(MedicationError::Day(day));
        }
        if !(mg.is_finite() && DOSE_MG.contains(mg)) {
            return Err(MedicationError::Mg(mg));
        }
        if let Drug::Other { label } = &drug {
            let name = crate::text::fold_case(label.trim());
            if name.is_empty() {
                return Err(MedicationError::MissingLabel);
            }
            let listed = Steroid::ALL
                .iter()
                .map(|s| DrugKind::Steroid(*s))
                .chain(NonSteroid::ALL.iter().map(|n| DrugKind::NonSteroid(*n)))
                .find(|k| k.api_name() == name);
            if let Some(kind) = listed {
                return Err(MedicationError::LabelIsListedDrug(kind));
            }
            if let Some(steroid) = table_steroid_named(&name) {
                return Err(MedicationError::LabelNamesTableSteroid(steroid));
            }
            if let Some(candidates) = table_steroids_maybe_abbreviated(&name) {
                return Err(MedicationError::LabelMayAbbreviateTableSteroid(candidates));
            }
            if let Some(candidates) = table_steroids_maybe_misspelt(&name) {
                return Err(MedicationError::LabelMayMisspellTableSteroid(candidates));
            }
            if has_prefixed_prednisolone(&name) {
                let candidates = PREFIXED_PREDNISOLONE;
                return Err(MedicationError::LabelMayMisspellTableSteroid(candidates));
            }
        }
        let max_mg = max_single_dose_mg(&drug);
        if mg > max_mg {
            return Err(MedicationError::AboveCeiling { mg, max_mg });
        }
        Ok(Medication {
            // `+ 0.0` turns -0.0 into +0.0 so "day -0" sorts and compares as day 0.
            day: day + 0.0,
            drug,
            mg,
            route,
            note: None,
        })
    }

    /// Attaches a free-text note (kept with the case, not used in any calculation).
    pub fn with_note(self, note: Option<String>) -> Self {
        Medication { note, ..self }
    }

    pub fn day(&self) -> f64 {
        self.day
    }
    pub fn drug(&self) -> &Drug {
        &self.drug
    }
    pub fn mg(&self) -> f64 {
        self.mg
    }
    pub fn route(&self) -> Route {
        self.route
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// One row of the equivalence table, for display beside the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EquivalenceRow {
    pub drug: &'static str,
    pub label: &'static str,
    /// mg of this drug equivalent to 0.75 mg dexamethasone.
    pub equivalent_mg: f64,
    pub dex_eq_factor: f64,
}

/// The factors by drug (`factors` of SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factors {
    pub dexamethasone: f64,
    pub methylprednisolone: f64,
    pub prednisone: f64,
    pub prednisolone: f64,
    pub hydrocortisone: f64,
}

impl Factors {
    pub fn from_table() -> Self {
        Factors {
            dexamethasone: Steroid::Dexamethasone.dex_eq_factor(),
            methylprednisolone: Steroid::Methylprednisolone.dex_eq_factor(),
            prednisone: Steroid::Prednisone.dex_eq_factor(),
            prednisolone: Steroid::Prednisolone.dex_eq_factor(),
            hydrocortisone: Steroid::Hydrocortisone.dex_eq_factor(),
        }
    }
}

/// One steroid dose in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoseRow {
    /// Position of the medication in the caller's list.
    pub input_index: usize,
    pub day: f64,
    pub drug: &'static str,
    pub mg: f64,
    pub route: Route,
    /// False for intrathecal doses.
    pub systemic: bool,
    pub factor: f64,
    pub dex_eq_mg: f64,
    /// Systemic total up to and including this dose (unchanged by intrathecal doses).
    pub cumulative_systemic_dex_eq_mg: f64,
    /// Intrathecal total up to and including this dose.
    pub cumulative_intrathecal_dex_eq_mg: f64,
    /// This dose in methylprednisolone-equivalent mg (dexEqMg ÷ 0.1875).
    pub methylprednisolone_eq_mg: f64,
    /// Above [`CHECK_ABOVE_MP_EQ_MG`] (1,000 mg methylprednisolone-equivalent): flagged for a
    /// check, still counted.
    pub check_dose: bool,
}

/// A corticosteroid with no factor in the table, recorded under "other": shown beside the
/// systemic total as "not converted, not in the total", never counted as a non-steroid.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnconvertedDose {
    pub input_index: usize,
    pub day: f64,
    /// The label as entered.
    pub label: String,
    /// The corticosteroid it names ("betamethasone").
    pub corticosteroid: &'static str,
    pub mg: f64,
    pub route: Route,
}

/// The `steroidDose` result (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SteroidLedger {
    pub systemic_dex_eq_mg: f64,
    pub intrathecal_dex_eq_mg: f64,
    /// Every steroid dose in day order (ties in input order), intrathecal ones included.
    pub per_dose: Vec<DoseRow>,
    pub factors: Factors,
    /// The conversion table to show on screen.
    pub table: Vec<EquivalenceRow>,
    /// Number of medications that are not corticosteroids (not converted).
    pub ignored: usize,
    /// Corticosteroids without a factor in the table, in day order: not converted, not in the
    /// total, and not counted in `ignored`.
    pub unconverted: Vec<UnconvertedDose>,
    pub basis: String,
    pub source: &'static str,
    pub version: &'static str,
}

/// The equivalence table as rows.
pub fn equivalence_table() -> Vec<EquivalenceRow> {
    Steroid::ALL
        .iter()
        .map(|s| EquivalenceRow {
            drug: s.api_name(),
            label: s.label(),
            equivalent_mg: s.equivalent_mg(),
            dex_eq_factor: s.dex_eq_factor(),
        })
        .collect()
}

/// Sums the steroid doses.
///
/// # Formula
/// ```text
/// order: by day, ties in input order (stable)
/// dexEqMg = mg × factor(drug)                    (non-steroids are counted in `ignored`)
/// cumulativeSystemic(k) = Σ dexEqMg of systemic doses at positions <= k
/// systemicDexEqMg = cumulativeSystemic(last);  intrathecalDexEqMg likewise over route "it"
/// ```
pub fn ledger(medications: &[Medication]) -> SteroidLedger {
    // Stable: equal days keep input order. Days are finite (checked by `Medication::new`).
    let order = crate::numbers::order_by_f64(medications.iter().map(|m| m.day));
    let mut systemic = 0.0_f64;
    let mut intrathecal = 0.0_f64;
    let mut ignored = 0;
    let mut unconverted = Vec::new();
    let mut per_dose = Vec::new();
    for index in order {
        let Some(m) = medications.get(index) else {
            continue;
        };
        let Some(steroid) = m.drug.steroid() else {
            match &m.drug {
                Drug::Other { label } => match unconverted_corticosteroid_named(label) {
                    Some(corticosteroid) => unconverted.push(UnconvertedDose {
                        input_index: index,
                        day: m.day,
                        label: label.clone(),
                        corticosteroid,
                        mg: m.mg,
                        route: m.route,
                    }),
                    None => ignored += 1,
                },
                Drug::NonSteroid(_) | Drug::Steroid(_) => ignored += 1,
            }
            continue;
        };
        let factor = steroid.dex_eq_factor();
        let dex_eq_mg = m.mg * factor;
        let is_systemic = m.route.is_systemic();
        if is_systemic {
            systemic += dex_eq_mg;
        } else {
            intrathecal += dex_eq_mg;
        }
        per_dose.push(DoseRow {
            input_index: index,
            day: m.day,
            drug: steroid.api_name(),
            mg: m.mg,
            route: m.route,
            systemic: is_systemic,
            factor,
            dex_eq_mg,
            cumulative_systemic_dex_eq_mg: systemic,
            cumulative_intrathecal_dex_eq_mg: intrathecal,
            methylprednisolone_eq_mg: methylprednisolone_eq_mg(dex_eq_mg),
            // Compared in dexamethasone-equivalent mg: 1,000 × 0.1875 = 187.5 exactly.
            check_dose: dex_eq_mg
                > CHECK_ABOVE_MP_EQ_MG * Steroid::Methylprednisolone.dex_eq_factor(),
        });
    }
    let basis = format!(
        "Systemic total {systemic} mg dexamethasone-equivalent from {} systemic steroid dose(s); \
         intrathecal {intrathecal} mg dexamethasone-equivalent from {} dose(s), totalled apart and \
         not added to the systemic total. Dexamethasone-equivalent mg = mg × factor: \
         dexamethasone 1, methylprednisolone 0.1875 (0.75/4), prednisone 0.15 (0.75/5), \
         prednisolone 0.15 (0.75/5), hydrocortisone 0.0375 (0.75/20). {ignored} non-steroid \
         medication(s) not converted.{}{}",
        per_dose.iter().filter(|d| d.systemic).count(),
        per_dose.iter().filter(|d| !d.systemic).count(),
        if unconverted.is_empty() {
            String::new()
        } else {
            format!(
                " {} corticosteroid dose(s) with no factor in the table (not converted, not in \
                 the total).",
                unconverted.len()
            )
        },
        match per_dose.iter().filter(|d| d.check_dose).count() {
            0 => String::new(),
            n => format!(
                " {n} single dose(s) above 1,000 mg methylprednisolone-equivalent flagged for a \
                 check."
            ),
        },
    );
    SteroidLedger {
        systemic_dex_eq_mg: systemic,
        intrathecal_dex_eq_mg: intrathecal,
        per_dose,
        factors: Factors::from_table(),
        table: equivalence_table(),
        ignored,
        unconverted,
        basis,
        source: sources::STEROID_EQUIVALENCE,
        version: crate::APP_VERSION,
    }
}

impl Drug {
    /// The drug as a medication list names it: a listed drug as the list of choices offers it
    /// ([`DrugKind::choice_label`]), an "other" drug by the name given.
    pub fn listed_name(&self) -> &str {
        match self {
            Drug::Other { label } => label,
            listed => listed.kind().choice_label(),
        }
    }
}

impl SteroidLedger {
    /// The ledger's row of the medication at `input_index` of the caller's list, if it is a
    /// converted steroid dose.
    pub fn dose_of(&self, input_index: usize) -> Option<&DoseRow> {
        self.per_dose.iter().find(|d| d.input_index == input_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn med(day: f64, drug: Drug, mg: f64, route: Route) -> Medication {
        Medication::new(day, drug, mg, route).expect("valid medication")
    }

    fn steroid(day: f64, s: Steroid, mg: f64, route: Route) -> Medication {
        med(day, Drug::Steroid(s), mg, route)
    }

    // ---------- the table ----------

    #[test]
    fn every_factor_is_0_75_over_its_equivalent_dose() {
        for s in Steroid::ALL {
            assert_eq!(s.dex_eq_factor(), 0.75 / s.equivalent_mg(), "{s:?}");
        }
    }

    #[test]
    fn each_reference_dose_is_0_75_mg_dexamethasone() {
        // 0.75 mg dex = 4 mg methylprednisolone = 5 mg prednisone = 5 mg prednisolone
        // = 20 mg hydrocortisone.
        for s in Steroid::ALL {
            let l = ledger(&[steroid(1.0, s, s.equivalent_mg(), Route::Iv)]);
            assert_eq!(l.systemic_dex_eq_mg, 0.75, "{s:?}");
        }
    }

    #[test]
    fn methylprednisolone_4_mg_is_0_75_mg() {
        let l = ledger(&[steroid(1.0, Steroid::Methylprednisolone, 4.0, Route::Iv)]);
        assert_eq!(l.systemic_dex_eq_mg, 0.75);
    }

    #[test]
    fn hydrocortisone_20_mg_is_0_75_mg() {
        let l = ledger(&[steroid(1.0, Steroid::Hydrocortisone, 20.0, Route::Iv)]);
        assert_eq!(l.systemic_dex_eq_mg, 0.75);
    }

    #[test]
    fn prednisone_and_prednisolone_5_mg_are_0_75_mg() {
        for s in [Steroid::Prednisone, Steroid::Prednisolone] {
            let l = ledger(&[steroid(1.0, s, 5.0, Route::Po)]);
            assert_eq!(l.systemic_dex_eq_mg, 0.75, "{s:?}");
        }
    }

    #[test]
    fn dexamethasone_10_mg_is_10_mg() {
        let l = ledger(&[steroid(1.0, Steroid::Dexamethasone, 10.0, Route::Iv)]);
        assert_eq!(l.systemic_dex_eq_mg, 10.0);
    }

    #[test]
    fn methylprednisolone_pulse_is_not_rounded_to_1_to_5() {
        // 1000 mg × 0.1875 = 187.5 (a 1:5 rounding would give 200).
        let l = ledger(&[steroid(1.0, Steroid::Methylprednisolone, 1000.0, Route::Iv)]);
        assert_eq!(l.systemic_dex_eq_mg, 187.5);
    }

    // ---------- routes ----------

    #[test]
    fn iv_po_im_sc_are_systemic() {
        for route in [Route::Iv, Route::Po, Route::Im, Route::Sc] {
            let l = ledger(&[steroid(1.0, Steroid::Dexamethasone, 8.0, route)]);
            assert_eq!(l.systemic_dex_eq_mg, 8.0, "{route:?}");
            assert_eq!(l.intrathecal_dex_eq_mg, 0.0, "{route:?}");
            assert!(l.per_dose[0].systemic);
        }
    }

    #[test]
    fn intrathecal_is_totalled_apart_and_never_added_to_the_systemic_total() {
        let l = ledger(&[
            steroid(14.0, Steroid::Dexamethasone, 20.0, Route::Iv),
            steroid(14.5, Steroid::Dexamethasone, 4.0, Route::It),
            steroid(14.5, Steroid::Hydrocortisone, 50.0, Route::It),
        ]);
        assert_eq!(l.systemic_dex_eq_mg, 20.0);
        // 4 × 1 + 50 × 0.0375 = 4 + 1.875 = 5.875
        assert_eq!(l.intrathecal_dex_eq_mg, 5.875);
        assert_eq!(l.per_dose.len(), 3);
        let cumulative: Vec<f64> = l
            .per_dose
            .iter()
            .map(|d| d.cumulative_systemic_dex_eq_mg)
            .collect();
        assert_eq!(cumulative, vec![20.0, 20.0, 20.0]);
        assert!(!l.per_dose[1].systemic);
        assert_eq!(l.per_dose[2].cumulative_intrathecal_dex_eq_mg, 5.875);
    }

    // ---------- mixed fixtures ----------

    #[test]
    fn mixed_methylprednisolone_dexamethasone_prednisone_fixture() {
        // day 5  dexamethasone 10 mg iv       10    × 1      = 10       cumulative 10
        // day 6  methylprednisolone 1000 mg iv 1000 × 0.1875 = 187.5    cumulative 197.5
        // day 7  methylprednisolone 1000 mg iv                 187.5    cumulative 385
        // day 8  prednisone 60 mg po           60   × 0.15   = 9        cumulative 394
        // day 9  hydrocortisone 100 mg iv      100  × 0.0375 = 3.75     cumulative 397.75
        // day 9  tocilizumab (ignored)
        let l = ledger(&[
            steroid(8.0, Steroid::Prednisone, 60.0, Route::Po),
            steroid(5.0, Steroid::Dexamethasone, 10.0, Route::Iv),
            med(
                9.0,
                Drug::NonSteroid(NonSteroid::Tocilizumab),
                560.0,
                Route::Iv,
            ),
            steroid(6.0, Steroid::Methylprednisolone, 1000.0, Route::Iv),
            steroid(7.0, Steroid::Methylprednisolone, 1000.0, Route::Iv),
            steroid(9.0, Steroid::Hydrocortisone, 100.0, Route::Iv),
        ]);
        let rows: Vec<(f64, f64, f64)> = l
            .per_dose
            .iter()
            .map(|d| (d.day, d.dex_eq_mg, d.cumulative_systemic_dex_eq_mg))
            .collect();
        let expected = [
            (5.0, 10.0, 10.0),
            (6.0, 187.5, 197.5),
            (7.0, 187.5, 385.0),
            (8.0, 9.0, 394.0),
            (9.0, 3.75, 397.75),
        ];
        assert_eq!(rows.len(), expected.len());
        for (got, want) in rows.iter().zip(expected) {
            assert_eq!(got.0, want.0);
            assert!((got.1 - want.1).abs() < 1e-12, "{got:?} vs {want:?}");
            assert!((got.2 - want.2).abs() < 1e-12, "{got:?} vs {want:?}");
        }
        assert!((l.systemic_dex_eq_mg - 397.75).abs() < 1e-12);
        assert_eq!(l.ignored, 1);
        assert_eq!(l.per_dose[0].input_index, 1);
    }

    #[test]
    fn published_case_96_mg_systemic_and_4_mg_intrathecal() {
        // 20 mg iv + 4 mg it (+ methotrexate, cytarabine it) + 76 mg iv: systemic 20 + 76 = 96.
        let l = ledger(&[
            steroid(14.0, Steroid::Dexamethasone, 20.0, Route::Iv),
            med(
                14.0 + 1.0 / 24.0,
                Drug::NonSteroid(NonSteroid::Methotrexate),
                15.0,
                Route::It,
            ),
            med(
                14.0 + 1.0 / 24.0,
                Drug::NonSteroid(NonSteroid::Cytarabine),
                40.0,
                Route::It,
            ),
            steroid(14.0 + 1.0 / 24.0, Steroid::Dexamethasone, 4.0, Route::It),
            steroid(15.375, Steroid::Dexamethasone, 76.0, Route::Iv),
        ]);
        assert_eq!(l.systemic_dex_eq_mg, 96.0);
        assert_eq!(l.intrathecal_dex_eq_mg, 4.0);
        assert_eq!(l.ignored, 2);
        assert_eq!(l.per_dose.len(), 3);
    }

    #[test]
    fn ties_on_one_day_keep_input_order() {
        let l = ledger(&[
            steroid(3.0, Steroid::Prednisone, 50.0, Route::Po),
            steroid(2.0, Steroid::Dexamethasone, 1.0, Route::Iv),
            steroid(3.0, Steroid::Hydrocortisone, 100.0, Route::Iv),
            steroid(3.0, Steroid::Dexamethasone, 2.0, Route::It),
        ]);
        let order: Vec<usize> = l.per_dose.iter().map(|d| d.input_index).collect();
        assert_eq!(order, vec![1, 0, 2, 3]);
    }

    #[test]
    fn no_steroids_gives_zero_totals_and_counts_the_others() {
        let l = ledger(&[med(
            2.0,
            Drug::Other {
                label: "levetiracetam".into(),
            },
            500.0,
            Route::Iv,
        )]);
        assert_eq!(l.systemic_dex_eq_mg, 0.0);
        assert!(l.per_dose.is_empty());
        assert_eq!(l.ignored, 1);
        let empty = ledger(&[]);
        assert_eq!((empty.systemic_dex_eq_mg, empty.ignored), (0.0, 0));
    }

    // ---------- entry checks ----------

    #[test]
    fn dose_must_be_above_zero() {
        let d = Drug::Steroid(Steroid::Dexamethasone);
        assert_eq!(
            Medication::new(1.0, d.clone(), 0.0, Route::Iv),
            Err(MedicationError::Mg(0.0))
        );
        assert!(Medication::new(1.0, d.clone(), f64::NAN, Route::Iv).is_err());
        assert!(Medication::new(1.0, d.clone(), f64::INFINITY, Route::Iv).is_err());
        assert!(Medication::new(1.0, d, 0.001, Route::Iv).is_ok());
    }

    #[test]
    fn day_minus_30_is_accepted_and_minus_30_point_1_is_not() {
        let d = Drug::Steroid(Steroid::Dexamethasone);
        assert!(Medication::new(-30.0, d.clone(), 1.0, Route::Iv).is_ok());
        assert_eq!(
            Medication::new(-30.1, d.clone(), 1.0, Route::Iv),
            Err(MedicationError::Day(-30.1))
        );
        assert!(Medication::new(f64::NAN, d, 1.0, Route::Iv).is_err());
    }

    #[test]
    fn other_drug_needs_a_label_that_is_not_a_listed_drug() {
        let other = |label: &str| Drug::Other {
            label: label.into(),
        };
        assert_eq!(
            Medication::new(1.0, other("  "), 1.0, Route::Iv),
            Err(MedicationError::MissingLabel)
        );
        assert_eq!(
            Medication::new(1.0, other(" Dexamethasone "), 1.0, Route::Iv),
            Err(MedicationError::LabelIsListedDrug(DrugKind::Steroid(
                Steroid::Dexamethasone
            )))
        );
        assert!(Medication::new(1.0, other("levetiracetam"), 1.0, Route::Iv).is_ok());
    }

    // ---------- corticosteroids under "other" ----------

    fn other(label: &str) -> Drug {
        Drug::Other {
            label: label.into(),
        }
    }

    #[test]
    fn brands_and_spellings_of_table_steroids_are_refused_with_the_drug_to_choose() {
        let cases = [
            ("Decadron", Steroid::Dexamethasone),
            ("dexamethason", Steroid::Dexamethasone),
            ("Dexametasone", Steroid::Dexamethasone),
            ("Dexaméthasone 4 mg", Steroid::Dexamethasone),
            ("Fortecortin", Steroid::Dexamethasone),
            ("Solu-Medrol", Steroid::Methylprednisolone),
            ("solu medrol", Steroid::Methylprednisolone),
            ("MEDROL", Steroid::Methylprednisolone),
            ("Depo-Medrol", Steroid::Methylprednisolone),
            ("methylprednisolon", Steroid::Methylprednisolone),
            ("methyl-prednisolone", Steroid::Methylprednisolone),
            ("Metylprednisolon", Steroid::Methylprednisolone),
            ("Dexagalen", Steroid::Dexamethasone),
            ("Dexamonozon", Steroid::Dexamethasone),
            ("Dexasone", Steroid::Dexamethasone),
            ("dexametazon", Steroid::Dexamethasone),
            ("Medrate", Steroid::Methylprednisolone),
            ("Metypred", Steroid::Methylprednisolone),
            ("Rectodelt", Steroid::Prednisone),
            ("metylprednisolone", Steroid::Methylprednisolone),
            ("IV prednisolone", Steroid::Prednisolone),
            ("Solu-Cortef", Steroid::Hydrocortisone),
            ("Cortef", Steroid::Hydrocortisone),
            ("hydrocortison", Steroid::Hydrocortisone),
            ("prednisolon", Steroid::Prednisolone),
            ("Orapred", Steroid::Prednisolone),
            ("Deltasone", Steroid::Prednisone),
            ("prednisona", Steroid::Prednisone),
            ("Dexona", Steroid::Dexamethasone),
            ("Oradexon", Steroid::Dexamethasone),
            ("Predsol", Steroid::Prednisolone),
            ("Deltacortril", Steroid::Prednisolone),
        ];
        for (label, steroid) in cases {
            assert_eq!(
                Medication::new(1.0, other(label), 4.0, Route::Iv),
                Err(MedicationError::LabelNamesTableSteroid(steroid)),
                "{label}"
            );
        }
    }

    #[test]
    fn prednisolone_with_letters_before_it_is_never_named_prednisolone_with_certainty() {
        // A misspelt methylprednisolone: prednisolone's factor would under-count it.
        for (label, candidates) in [
            ("mthylprednisolone", &[Steroid::Methylprednisolone][..]),
            ("methlprednisolone", &[Steroid::Methylprednisolone][..]),
            ("xyzprednisolone", PREFIXED_PREDNISOLONE),
            // One stray letter: nearest prednisolone, said as uncertain.
            ("Solu-xprednisolone 125", &[Steroid::Prednisolone][..]),
        ] {
            assert_eq!(table_steroid_named(label), None, "{label}");
            assert_eq!(
                Medication::new(1.0, other(label), 40.0, Route::Iv),
                Err(MedicationError::LabelMayMisspellTableSteroid(candidates)),
                "{label}"
            );
        }
        // The message names both drugs to choose from (SPEC §3: "names the drug to choose").
        let e = Medication::new(1.0, other("xyzprednisolone"), 40.0, Route::Iv);
        let said =
            crate::input::steroids::medication_error(e.expect_err("refused"), &|k| k.to_string());
        let said = said.to_string();
        assert!(
            said.contains("may be a misspelling of methylprednisolone or prednisolone"),
            "{said}"
        );
    }

    #[test]
    fn drugs_that_are_not_corticosteroids_stay_other() {
        for label in [
            "levetiracetam",
            "IVIG",
            "ruxolitinib",
            "dextrose",
            "hydroxyurea",
            "methotrexate 12",
            "amphotericin B",
            "tocilizumab biosimilar",
            "ondansetron",
            "mercaptopurine",
            "thiotepa IT",
            "Dexmedetomidine",
            "MTX",
        ] {
            assert!(
                Medication::new(1.0, other(label), 4.0, Route::Iv).is_ok(),
                "{label}"
            );
            assert_eq!(table_steroid_named(label), None, "{label}");
            assert_eq!(unconverted_corticosteroid_named(label), None, "{label}");
            assert_eq!(table_steroids_maybe_abbreviated(label), None, "{label}");
        }
    }

    const DEX: &[Steroid] = &[Steroid::Dexamethasone];
    const MP: &[Steroid] = &[Steroid::Methylprednisolone];
    const PRED_EITHER: &[Steroid] = &[Steroid::Prednisone, Steroid::Prednisolone];
    const HC: &[Steroid] = &[Steroid::Hydrocortisone];

    /// The abbreviations and truncations of the review (SPEC §3: "a typo must not silently drop
    /// a steroid"): each was accepted as "not a steroid" and left out of the total.
    const MAY_ABBREVIATE: [(&str, &[Steroid]); 19] = [
        ("dex", DEX),
        ("mPred", MP),
        ("Dex", DEX),
        ("DEX", DEX),
        ("dexa", DEX),
        ("Dexa", DEX),
        ("DXM", DEX),
        ("Dexameth", DEX),
        ("dexamet", DEX),
        ("MP", MP),
        ("MPS", MP),
        ("pred", PRED_EITHER),
        ("Pred", PRED_EITHER),
        ("HC", HC),
        ("hydrocort", HC),
        // A-Hydrocort (US brand): "hydrocort" as a word, so refused as a name cut short.
        ("A-Hydrocort", HC),
        ("Dex 4 mg IV", DEX),
        ("predn", PRED_EITHER),
        ("methyl", MP),
    ];

    #[test]
    fn abbreviations_and_truncations_of_table_steroids_are_refused_with_the_candidates() {
        for (label, candidates) in MAY_ABBREVIATE {
            assert_eq!(
                Medication::new(1.0, other(label), 4.0, Route::Iv),
                Err(MedicationError::LabelMayAbbreviateTableSteroid(candidates)),
                "{label}"
            );
            // Not certain, so not the certain brand/spelling rule.
            assert_eq!(table_steroid_named(label), None, "{label}");
        }
        for (label, candidates) in [
            ("prednisol", &[Steroid::Prednisolone][..]),
            ("predniso", PRED_EITHER),
            ("Hydro-cort", HC),
            ("dexaméth", DEX),
        ] {
            assert_eq!(
                table_steroids_maybe_abbreviated(label),
                Some(candidates),
                "{label}"
            );
        }
    }

    /// A deliberate false positive: "6-MP" (6-mercaptopurine) has the word "mp"; the message
    /// says it may be something else, and "mercaptopurine" is accepted.
    #[test]
    fn six_mp_is_refused_as_maybe_methylprednisolone() {
        assert_eq!(
            Medication::new(1.0, other("6-MP"), 75.0, Route::Po),
            Err(MedicationError::LabelMayAbbreviateTableSteroid(MP))
        );
        assert!(Medication::new(1.0, other("mercaptopurine"), 75.0, Route::Po).is_ok());
    }

    #[test]
    fn short_forms_match_whole_words_only() {
        for label in ["amphotericin", "dexter", "index", "HCT", "mpx", "predator"] {
            assert_eq!(table_steroids_maybe_abbreviated(label), None, "{label}");
        }
        for label in ["IV dex", "dex/ondansetron", "MP 1g", "hc-100"] {
            assert!(table_steroids_maybe_abbreviated(label).is_some(), "{label}");
        }
        // Three letters are not a truncation ("pre", "met"); four are.
        assert_eq!(table_steroids_maybe_abbreviated("pre"), None);
        assert_eq!(table_steroids_maybe_abbreviated("met"), None);
        assert_eq!(table_steroids_maybe_abbreviated("hydr"), Some(HC));
    }

    /// Every word of four letters or more that begins a table name maps to exactly the
    /// steroids whose names it begins (so no truncation falls through the candidate table).
    #[test]
    fn every_truncation_gives_exactly_the_steroids_it_begins() {
        for s in Steroid::ALL {
            let name = s.api_name();
            for end in MIN_TRUNCATION_LETTERS..=name.len() {
                let word = &name[..end];
                let begun: Vec<Steroid> = Steroid::ALL
                    .into_iter()
                    .filter(|t| t.api_name().starts_with(word))
                    .collect();
                assert_eq!(
                    steroids_word_may_abbreviate(word),
                    Some(begun.as_slice()),
                    "{word}"
                );
            }
        }
    }

    /// The review's brands (SPEC §3: "a `label` that names a corticosteroid of the table by a
    /// brand or spelling ... is an error that names the drug to choose"): each was accepted as
    /// "not a steroid" and left out of the total.
    #[test]
    fn german_and_austrian_brands_are_refused_with_the_drug_to_choose() {
        for (label, steroid) in [
            ("Prednisolut", Steroid::Prednisolone),
            ("Solu-Decortin", Steroid::Prednisolone),
            ("Solu-Decortin H", Steroid::Prednisolone),
            ("Soludecortin", Steroid::Prednisolone),
            ("SOLU-DECORTIN H 250 mg", Steroid::Prednisolone),
            ("Decortin", Steroid::Prednisone),
            ("Decortin 20 mg", Steroid::Prednisone),
            ("Decortin H", Steroid::Prednisolone),
            ("Decortin-H", Steroid::Prednisolone),
            ("Dexabene", Steroid::Dexamethasone),
        ] {
            assert_eq!(
                Medication::new(1.0, other(label), 8.0, Route::Iv),
                Err(MedicationError::LabelNamesTableSteroid(steroid)),
                "{label}"
            );
        }
    }

    /// The order rule of the brand list: a pattern that contains an earlier one would never be
    /// reached ("decortin" after "decortinh" and "soludecortin").
    #[test]
    fn no_brand_pattern_contains_an_earlier_one() {
        for (i, (later, _)) in TABLE_STEROID_NAMES.iter().enumerate() {
            for (earlier, _) in TABLE_STEROID_NAMES.iter().take(i) {
                assert!(!later.contains(earlier), "{earlier} hides {later}");
            }
        }
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_substitutions_and_swaps() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("dexamethasone", "dexamethasone"), 0);
        assert_eq!(edit_distance("dexamethosone", "dexamethasone"), 1);
        assert_eq!(edit_distance("dexamthasone", "dexamethasone"), 1);
        assert_eq!(edit_distance("dexammethasone", "dexamethasone"), 1);
        // Adjacent letters swapped: one edit (plain Levenshtein would count two).
        assert_eq!(edit_distance("perdnisone", "prednisone"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("prednisone", "prednisolone"), 2);
        assert_eq!(edit_distance("betamethasone", "dexamethasone"), 2);
        assert_eq!(edit_distance("fludrocortisone", "hydrocortisone"), 3);
        // Symmetric, in characters.
        assert_eq!(edit_distance("prednisolone", "prednisone"), 2);
        assert_eq!(edit_distance("dexaméthasone", "dexamethasone"), 1);
    }

    #[test]
    fn distance_allowed_grows_with_the_word() {
        assert_eq!(misspelling_distance_allowed(5), None);
        assert_eq!(misspelling_distance_allowed(6), Some(1));
        assert_eq!(misspelling_distance_allowed(9), Some(1));
        assert_eq!(misspelling_distance_allowed(10), Some(2));
        assert_eq!(misspelling_distance_allowed(18), Some(2));
    }

    /// Two names can tie for nearest only if they are within twice the largest distance allowed
    /// of each other: only prednisone and prednisolone are, so every tie is a set of
    /// `TRUNCATION_CANDIDATES` and never the fallback.
    #[test]
    fn only_prednisone_and_prednisolone_are_near_enough_to_tie() {
        for (i, a) in Steroid::ALL.iter().enumerate() {
            for b in Steroid::ALL.iter().skip(i + 1) {
                let d = edit_distance(a.api_name(), b.api_name());
                let pred = (*a, *b) == (Steroid::Prednisone, Steroid::Prednisolone);
                assert_eq!(d <= 2 * LONG_WORD_MAX_EDITS, pred, "{a:?} {b:?} {d}");
            }
        }
    }

    /// The review's misspelling and others like it (SPEC §3: "a typo must not silently drop a
    /// steroid from the total"): refused as maybe a misspelling, naming the nearest drug(s).
    #[test]
    fn misspellings_of_table_steroids_are_refused_with_the_nearest_drugs() {
        for (label, candidates) in [
            ("dexamethosone", DEX),
            ("Dexamethosone 8 mg", DEX),
            ("dexametasone", DEX),
            ("dexamthasone", DEX),
            ("dexamehtasone", DEX),
            ("IV dexamethazone", DEX),
            ("methylprednisalone", MP),
            ("methylprednislone", MP),
            ("predisone", &[Steroid::Prednisone][..]),
            ("prednisne", &[Steroid::Prednisone][..]),
            ("perdnisone", &[Steroid::Prednisone][..]),
            ("prednisalone", &[Steroid::Prednisolone][..]),
            // One letter from both names: "prednis(o)lone" and "prednis(l)one".
            ("prednislone", PRED_EITHER),
            ("prednisoone", PRED_EITHER),
            ("hydrocortisome", HC),
            ("hydrokortisone", HC),
            // Contains "cortison" (cortisone, no factor) but is one letter from hydrocortisone.
            ("hyrocortisone", HC),
        ] {
            let m = Medication::new(1.0, other(label), 8.0, Route::Iv);
            let refused = match m {
                Err(MedicationError::LabelMayMisspellTableSteroid(c)) => c == candidates,
                // Some misspellings are also spellings of the brand list ("dexametason").
                Err(MedicationError::LabelNamesTableSteroid(s)) => candidates == [s],
                _ => false,
            };
            assert!(refused, "{label}: {m:?}");
        }
        assert_eq!(
            Medication::new(1.0, other("dexamethosone"), 8.0, Route::Iv),
            Err(MedicationError::LabelMayMisspellTableSteroid(DEX))
        );
        assert_eq!(table_steroid_named("dexamethosone"), None);
        assert_eq!(table_steroids_maybe_abbreviated("dexamethosone"), None);
    }

    /// Other drugs with names like the table's stay "other"; corticosteroids with no factor stay
    /// listed apart ("betamethasone" is two letters from "dexamethasone", but is itself).
    #[test]
    fn drugs_near_a_table_name_are_not_misspellings() {
        for label in [
            "dextrose",
            "dexmedetomidine",
            "hydroxyurea",
            "methotrexate 12",
            "mercaptopurine",
            "levetiracetam",
            "ondansetron",
            "tocilizumab biosimilar",
            "thiotepa",
            "prednicarbate",
            "medrysone",
        ] {
            assert_eq!(table_steroids_maybe_misspelt(label), None, "{label}");
            assert!(
                Medication::new(1.0, other(label), 8.0, Route::Iv).is_ok(),
                "{label}"
            );
        }
        for (label, shown) in [
            ("cortisone", "cortisone"),
            ("fludrocortisone", "fludrocortisone"),
            ("betamethasone", "betamethasone"),
            ("paramethasone", "paramethasone"),
        ] {
            assert_eq!(table_steroids_maybe_misspelt(label), None, "{label}");
            assert!(
                Medication::new(1.0, other(label), 8.0, Route::Iv).is_ok(),
                "{label}"
            );
            assert_eq!(unconverted_corticosteroid_named(label), Some(shown));
        }
        // Already refused by the other rules, left as they are.
        assert_eq!(
            Medication::new(1.0, other("prednisolone acetate eye drops"), 1.0, Route::Iv),
            Err(MedicationError::LabelNamesTableSteroid(
                Steroid::Prednisolone
            ))
        );
        assert_eq!(
            Medication::new(1.0, other("methyl-naltrexone"), 8.0, Route::Sc),
            Err(MedicationError::LabelMayAbbreviateTableSteroid(MP))
        );
    }

    #[test]
    fn corticosteroids_without_a_factor_are_listed_apart_not_ignored() {
        let l = ledger(&[
            med(3.0, other("Betamethasone"), 4.0, Route::Im),
            med(2.0, other("budesonide"), 9.0, Route::Po),
            med(4.0, other("Kenalog"), 40.0, Route::Im),
            med(4.0, other("Fludrocortisone"), 0.1, Route::Po),
            med(4.0, other("cortisone"), 25.0, Route::Po),
            med(4.0, other("deflazacort"), 30.0, Route::Po),
            med(5.0, other("levetiracetam"), 500.0, Route::Iv),
            steroid(1.0, Steroid::Dexamethasone, 10.0, Route::Iv),
        ]);
        assert_eq!(l.systemic_dex_eq_mg, 10.0);
        assert_eq!(l.ignored, 1);
        let names: Vec<&str> = l.unconverted.iter().map(|u| u.corticosteroid).collect();
        assert_eq!(
            names,
            vec![
                "budesonide",
                "betamethasone",
                "triamcinolone",
                "fludrocortisone",
                "cortisone",
                "deflazacort"
            ]
        );
        assert_eq!(l.unconverted[1].label, "Betamethasone");
        assert_eq!(l.unconverted[1].mg, 4.0);
        assert_eq!(l.unconverted[1].input_index, 0);
        assert!(
            l.basis
                .contains("6 corticosteroid dose(s) with no factor in the table")
        );
    }

    #[test]
    fn hydrocortisone_is_never_read_as_cortisone() {
        assert_eq!(
            table_steroid_named("hydrocortisone"),
            Some(Steroid::Hydrocortisone)
        );
        assert_eq!(unconverted_corticosteroid_named("hydrocortisone"), None);
        assert_eq!(
            unconverted_corticosteroid_named("fludrocortisone"),
            Some("fludrocortisone")
        );
    }

    // ---------- single-dose check and ceilings ----------

    #[test]
    fn above_1000_mg_methylprednisolone_equivalent_is_flagged_not_refused() {
        let check =
            |s: Steroid, mg: f64| ledger(&[steroid(1.0, s, mg, Route::Iv)]).per_dose[0].check_dose;
        assert!(!check(Steroid::Methylprednisolone, 1000.0));
        assert!(check(Steroid::Methylprednisolone, 1000.5));
        // 187.5 mg dexamethasone = 1,000 mg methylprednisolone.
        assert!(!check(Steroid::Dexamethasone, 187.5));
        assert!(check(Steroid::Dexamethasone, 187.6));
        assert!(check(Steroid::Dexamethasone, 1000.0));
        assert!(!check(Steroid::Dexamethasone, 20.0));
        let l = ledger(&[steroid(1.0, Steroid::Dexamethasone, 1000.0, Route::Iv)]);
        assert_eq!(l.systemic_dex_eq_mg, 1000.0);
        assert!((l.per_dose[0].methylprednisolone_eq_mg - 5_333.333_333_333_333).abs() < 1e-9);
        assert!(l.basis.contains("1 single dose(s) above 1,000 mg"));
    }

    #[test]
    fn each_drug_accepts_its_ceiling_and_refuses_above_it() {
        let drugs: Vec<Drug> = Steroid::ALL
            .iter()
            .map(|s| Drug::Steroid(*s))
            .chain(NonSteroid::ALL.iter().map(|n| Drug::NonSteroid(*n)))
            .chain([other("betamethasone"), other("levetiracetam")])
            .collect();
        for d in drugs {
            let max = max_single_dose_mg(&d);
            assert!(
                Medication::new(1.0, d.clone(), max, Route::Iv).is_ok(),
                "{d:?}"
            );
            let above = max * 1.0001;
            assert_eq!(
                Medication::new(1.0, d.clone(), above, Route::Iv),
                Err(MedicationError::AboveCeiling {
                    mg: above,
                    max_mg: max
                }),
                "{d:?}"
            );
        }
    }

    #[test]
    fn ceilings_are_well_above_the_largest_doses_in_use() {
        // The 1,000 mg pulse and 1,000 mg dexamethasone (flagged) are accepted; 1e308 is not.
        for (drug, largest_in_use_mg) in [
            (Drug::Steroid(Steroid::Methylprednisolone), 1000.0),
            (Drug::Steroid(Steroid::Dexamethasone), 100.0),
            (Drug::NonSteroid(NonSteroid::Tocilizumab), 800.0),
            (Drug::NonSteroid(NonSteroid::Methotrexate), 24_000.0),
        ] {
            assert!(
                max_single_dose_mg(&drug) >= 2.5 * largest_in_use_mg,
                "{drug:?}"
            );
        }
        let d = Drug::Steroid(Steroid::Dexamethasone);
        assert!(Medication::new(1.0, d.clone(), 1000.0, Route::Iv).is_ok());
        assert!(matches!(
            Medication::new(1.0, d, 1e308, Route::Iv),
            Err(MedicationError::AboveCeiling { .. })
        ));
        assert!(matches!(
            Medication::new(1.0, other("IVIG"), 1e308, Route::Iv),
            Err(MedicationError::AboveCeiling { .. })
        ));
    }

    #[test]
    fn minus_zero_day_is_stored_as_zero() {
        let m = steroid(-0.0, Steroid::Dexamethasone, 1.0, Route::Iv);
        assert!(m.day().is_sign_positive());
    }
}
