//! Citations shown beside every output. Table numbers are given only where they were confirmed
//! in a copy of the source; otherwise the table is named by its title.

/// The citation of [`LEE_2019`] as a literal, so that the results' source lines can be built
/// with `concat!` once, at compile time, instead of formatted on every grading call.
macro_rules! lee_2019 {
    () => {
        "Lee DW et al. ASTCT consensus grading for cytokine release syndrome and neurologic toxicity associated with immune effector cells. Biol Blood Marrow Transplant 2019;25(4):625-638. doi:10.1016/j.bbmt.2018.12.758"
    };
}

/// ASTCT consensus grading (ICE, CAPD-based paediatric grading, ICANS, CRS).
pub const LEE_2019: &str = lee_2019!();

/// The source line of an ICANS result.
pub const ICANS_TABLES: &str = concat!(
    lee_2019!(),
    "; tables \"ASTCT ICANS consensus grading for adults\" and \"... for children\" with footnotes"
);

/// The source line of a CRS result.
pub const CRS_TABLE: &str = concat!(
    lee_2019!(),
    "; table \"ASTCT CRS consensus grading\" with footnotes"
);

pub const LEE_2019_SHORT: &str = "Lee DW et al., Biol Blood Marrow Transplant 2019;25:625-638";

/// Cornell Assessment of Pediatric Delirium.
pub const TRAUBE_2014: &str =
    "Traube C et al. Cornell Assessment of Pediatric Delirium. Crit Care Med 2014;42(3):656-663";

/// The citation of [`REJESKI_2021`] as a literal (see `lee_2019!`).
macro_rules! rejeski_2021 {
    () => {
        "Rejeski K et al. CAR-HEMATOTOX. Blood 2021;138(24):2499-2513. doi:10.1182/blood.2020010543"
    };
}

/// CAR-HEMATOTOX baseline score.
pub const REJESKI_2021: &str = rejeski_2021!();

/// The source line of a CAR-HEMATOTOX result.
pub const HEMATOTOX_CUT_OFFS: &str = concat!(
    rejeski_2021!(),
    "; cut-offs and boundaries as stated with the result"
);

/// Corticosteroid anti-inflammatory equivalence (dexamethasone 0.75 = methylprednisolone 4 =
/// prednisone 5 = prednisolone 5 = hydrocortisone 20 mg).
pub const STEROID_EQUIVALENCE: &str = "US prednisolone label equivalence (15 mg prednisolone = 2.25 mg dexamethasone = 12 mg methylprednisolone = 15 mg prednisone = 60 mg hydrocortisone); Liu D et al. Allergy Asthma Clin Immunol 2013;9:30";

/// The published case this calculator grows out of.
pub const CASE_REPORT: &str = "Rapid resolution of grade IV ICANS after first line intrathecal chemotherapy with methotrexate, cytarabine and dexamethasone. Front Immunol 2024. doi:10.3389/fimmu.2024.1380451";

pub const CASE_REPORT_DOI: &str = "10.3389/fimmu.2024.1380451";
