//! Medication entries (`steroidDose()` input, `medications` of a case): reading and writing.

use crate::error::{InputError, Problem};
use crate::json::{self, Fields, Json};
use crate::steroids::{
    DOSE_MG, Drug, DrugKind, Medication, MedicationError, NonSteroid, Route, Steroid,
};

/// Why a label given with a listed drug is refused (the entry form says it in the same words).
pub const LABEL_ONLY_FOR_OTHER: &str =
    "is only for drug \"other\"; remove it, or choose drug \"other\" for a drug that is not listed";

const MEDICATION_KEYS: [&str; 6] = ["day", "drug", "mg", "route", "label", "note"];

/// Every drug word the API accepts (SPEC §3); anything else is an error, so a typo cannot drop a
/// steroid from the total.
pub const DRUGS: [(&str, DrugKind); 11] = [
    ("dexamethasone", DrugKind::Steroid(Steroid::Dexamethasone)),
    (
        "methylprednisolone",
        DrugKind::Steroid(Steroid::Methylprednisolone),
    ),
    ("prednisone", DrugKind::Steroid(Steroid::Prednisone)),
    ("prednisolone", DrugKind::Steroid(Steroid::Prednisolone)),
    ("hydrocortisone", DrugKind::Steroid(Steroid::Hydrocortisone)),
    ("tocilizumab", DrugKind::NonSteroid(NonSteroid::Tocilizumab)),
    ("siltuximab", DrugKind::NonSteroid(NonSteroid::Siltuximab)),
    ("anakinra", DrugKind::NonSteroid(NonSteroid::Anakinra)),
    (
        "methotrexate",
        DrugKind::NonSteroid(NonSteroid::Methotrexate),
    ),
    ("cytarabine", DrugKind::NonSteroid(NonSteroid::Cytarabine)),
    ("other", DrugKind::Other),
];

pub const ROUTES: [(&str, Route); 5] = [
    ("iv", Route::Iv),
    ("po", Route::Po),
    ("im", Route::Im),
    ("sc", Route::Sc),
    ("it", Route::It),
];

/// Reads a list of medication entries.
pub fn parse_medications(value: &Json, path: &str) -> Result<Vec<Medication>, InputError> {
    json::array(value, path)?
        .iter()
        .enumerate()
        .map(|(i, v)| parse_medication(v, &json::index(path, i)))
        .collect()
}

/// Reads `{ day, drug, mg, route, label?, note? }`; `label` is required for drug "other" and
/// refused for every listed drug.
pub fn parse_medication(value: &Json, path: &str) -> Result<Medication, InputError> {
    let f = Fields::new(value, path, &MEDICATION_KEYS)?;
    let day = super::entry::parse_day(f.required("day")?, &f.path_of("day"))?;
    let kind = json::one_of(f.required("drug")?, &f.path_of("drug"), &DRUGS)?;
    let mg = json::number_in(f.required("mg")?, &f.path_of("mg"), DOSE_MG)?;
    let route = json::one_of(f.required("route")?, &f.path_of("route"), &ROUTES)?;
    let label = f
        .optional("label")
        .map(|v| json::text(v, &f.path_of("label")))
        .transpose()?;
    let drug = match (kind, label) {
        (DrugKind::Steroid(s), None) => Drug::Steroid(s),
        (DrugKind::NonSteroid(n), None) => Drug::NonSteroid(n),
        (DrugKind::Other, Some(label)) => Drug::Other {
            label: label.to_string(),
        },
        (DrugKind::Other, None) => {
            return Err(InputError::new(
                f.path_of("label"),
                Problem::Rule("is required for drug \"other\": name the drug"),
            ));
        }
        (DrugKind::Steroid(_), Some(_)) | (DrugKind::NonSteroid(_), Some(_)) => {
            return Err(InputError::new(
                f.path_of("label"),
                Problem::Rule(LABEL_ONLY_FOR_OTHER),
            ));
        }
    };
    let note = super::entry::parse_note(&f)?;
    Medication::new(day, drug, mg, route)
        .map(|m| m.with_note(note))
        .map_err(|e| medication_error(e, &|key| f.path_of(key)))
}

/// A medication the core refuses ([`Medication::new`]) as an input error at its field:
/// `path_of` gives the path of `day`, `mg` or `label` (the entry form takes the bare name).
pub fn medication_error(e: MedicationError, path_of: &dyn Fn(&str) -> String) -> InputError {
    let (key, problem) = match e {
        // Unreachable in the reader after its range checks; mapped rather than unwrapped.
        MedicationError::Day(got) => {
            let range = crate::day::CASE_DAY_RANGE;
            ("day", Problem::OutOfRange { range, got })
        }
        MedicationError::Mg(got) => (
            "mg",
            Problem::OutOfRange {
                range: DOSE_MG,
                got,
            },
        ),
        MedicationError::MissingLabel => {
            ("label", Problem::Rule("must name the drug (it is empty)"))
        }
        // A table steroid's own name: the same message as a brand or spelling of it.
        MedicationError::LabelNamesTableSteroid(steroid)
        | MedicationError::LabelIsListedDrug(DrugKind::Steroid(steroid)) => {
            ("label", Problem::Rule(choose_steroid_message(steroid)))
        }
        MedicationError::LabelMayAbbreviateTableSteroid(candidates) => (
            "label",
            Problem::RuleNaming(may_name_steroid_message(MAY_ABBREVIATE, candidates)),
        ),
        MedicationError::LabelMayMisspellTableSteroid(candidates) => (
            "label",
            Problem::RuleNaming(may_name_steroid_message(MAY_MISSPELL, candidates)),
        ),
        MedicationError::AboveCeiling { mg, max_mg } => {
            let max = crate::error::Bound::Inclusive(max_mg);
            let range = crate::error::Range { max, ..DOSE_MG };
            let hint = CEILING_HINT;
            (
                "mg",
                Problem::Implausible {
                    range,
                    got: mg,
                    hint,
                },
            )
        }
        MedicationError::LabelIsListedDrug(kind) => (
            "label",
            Problem::WrongType {
                expected: "the name of a drug that is not listed (choose a listed drug under \"drug\", so that a steroid is counted in the total)",
                got: format!("\"{}\", which is listed", kind.api_name()),
            },
        ),
    };
    InputError::new(path_of(key), problem)
}

/// Said after "is the unit right?" when a dose is above the drug's ceiling.
pub const CEILING_HINT: &str = "No single dose of this drug in clinical use comes near it (the limit is set well above the largest); check the dose, and that it is in mg, not µg or a total over several days.";

/// The refusal of an "other" label that names a table corticosteroid (SPEC §3: the message
/// names the drug to choose).
fn choose_steroid_message(steroid: Steroid) -> &'static str {
    match steroid {
        Steroid::Dexamethasone => {
            "names dexamethasone (a brand or another spelling): choose dexamethasone as the drug, so that the dose counts in the steroid total"
        }
        Steroid::Methylprednisolone => {
            "names methylprednisolone (a brand or another spelling): choose methylprednisolone as the drug, so that the dose counts in the steroid total"
        }
        Steroid::Prednisone => {
            "names prednisone (a brand or another spelling): choose prednisone as the drug, so that the dose counts in the steroid total"
        }
        Steroid::Prednisolone => {
            "names prednisolone (a brand or another spelling): choose prednisolone as the drug, so that the dose counts in the steroid total"
        }
        Steroid::Hydrocortisone => {
            "names hydrocortisone (a brand or another spelling): choose hydrocortisone as the drug, so that the dose counts in the steroid total"
        }
    }
}

/// How a refusal says that a label's word may be short for, or a misspelling of, a table
/// corticosteroid ("dex", "MP", "pred"; "dexamethosone"): not certain.
const MAY_ABBREVIATE: &str = "may be short for";
const MAY_MISSPELL: &str = "may be a misspelling of";

/// The refusal of an "other" label whose word may name a table corticosteroid: not certain, so
/// it says so (`phrase`), names the drug(s) to choose (SPEC §3), and the way out when the word
/// means another drug.
fn may_name_steroid_message(phrase: &str, candidates: &[Steroid]) -> String {
    let names: Vec<&str> = candidates.iter().map(|s| s.api_name()).collect();
    let choose = match candidates {
        [one] => format!("choose {} as the drug", one.api_name()),
        _ => "choose the one given as the drug".to_string(),
    };
    let named = names.join(" or ");
    format!(
        "{phrase} {named}: if it is, {choose}, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
    )
}

/// Writes a medication back in the input format (for the case export).
pub fn medication_to_json(m: &Medication) -> Json {
    let mut entries = vec![
        ("day", Json::Number(m.day())),
        ("drug", Json::String(m.drug().api_name().to_string())),
        ("mg", Json::Number(m.mg())),
        ("route", Json::String(m.route().api_name().to_string())),
    ];
    if let Drug::Other { label } = m.drug() {
        entries.push(("label", Json::String(label.clone())));
    }
    if let Some(note) = m.note() {
        entries.push(("note", Json::String(note.to_string())));
    }
    Json::object(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The parse tables hold the wire names a second time; they must be the core's, in its order
    // (the order is the "expected one of" list of an error message).
    #[test]
    fn drug_and_route_tables_are_the_cores_names_in_its_order() {
        assert_eq!(DRUGS, DrugKind::ALL.map(|k| (k.api_name(), k)));
        assert_eq!(ROUTES, Route::ALL.map(|r| (r.api_name(), r)));
    }

    // Every candidate set the core gives (each abbreviation, each start of a name) is named.
    #[test]
    fn every_possible_abbreviation_has_a_message_naming_its_drugs() {
        let words = Steroid::ALL
            .iter()
            .flat_map(|s| (4..=s.api_name().len()).map(|end| &s.api_name()[..end]))
            .chain(["dex", "dxm", "mp", "mps", "mpred", "hc"]);
        for word in words {
            let candidates = crate::steroids::table_steroids_maybe_abbreviated(word);
            let candidates = candidates.unwrap_or_else(|| panic!("{word}"));
            let message = may_name_steroid_message(MAY_ABBREVIATE, candidates);
            assert!(message.starts_with("may be short for "), "{message}");
            for s in candidates {
                assert!(message.contains(s.api_name()), "{word}: {message}");
            }
        }
    }

    // Every candidate set a misspelling can give (each name with one letter changed, and the
    // prednisone/prednisolone tie) is named.
    #[test]
    fn every_possible_misspelling_has_a_message_naming_its_drugs() {
        let words = Steroid::ALL
            .iter()
            .map(|s| s.api_name().replacen('o', "u", 1))
            .chain(["prednisoone".to_string(), "dexamethosone".to_string()]);
        for word in words {
            let candidates = crate::steroids::table_steroids_maybe_misspelt(&word);
            let candidates = candidates.unwrap_or_else(|| panic!("{word}"));
            let message = may_name_steroid_message(MAY_MISSPELL, candidates);
            assert!(message.starts_with("may be a misspelling of "), "{message}");
            for s in candidates {
                assert!(message.contains(s.api_name()), "{word}: {message}");
            }
        }
        assert_eq!(
            crate::steroids::table_steroids_maybe_misspelt("prednisoone"),
            Some(&[Steroid::Prednisone, Steroid::Prednisolone][..])
        );
    }

    #[test]
    fn one_drug_is_chosen_by_name_and_two_as_the_one_given() {
        assert_eq!(
            may_name_steroid_message(MAY_ABBREVIATE, &[Steroid::Dexamethasone]),
            "may be short for dexamethasone: if it is, choose dexamethasone as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
        );
        let two = [Steroid::Methylprednisolone, Steroid::Prednisolone];
        assert_eq!(
            may_name_steroid_message(MAY_MISSPELL, &two),
            "may be a misspelling of methylprednisolone or prednisolone: if it is, choose the one given as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
        );
    }
}
