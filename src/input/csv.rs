//! The course and the CAR-T counts as CSV files (units in the headers, UTF-8 BOM), written from
//! the core's own types by the shared cell formatter ([`crate::display::csv_row`]): one row per
//! recorded assessment, medication, lab value, day of counts and CSF sample.

use crate::case::{Assessment, CaseResult, LabValue, drug_name};
use crate::display::{CSV_BOM, CsvStyle, csv_row, day_time};
use crate::grading::{Grade, capd, ice};
use crate::input::grid::read_csf;
use crate::input::record::{by_day, note_at};
use crate::steroids::Medication;

/// A block of a CSV file: its header (the cells written as one text with `|` between them) and
/// its rows.
type Block = (String, Vec<Vec<String>>);

/// A CSV file of blocks, each after a blank line but the first; a later block without rows is
/// left out.
fn csv(style: CsvStyle, blocks: &[Block]) -> String {
    let mut out = String::from(CSV_BOM);
    for (k, (head, rows)) in blocks.iter().enumerate() {
        if k > 0 && rows.is_empty() {
            continue;
        }
        out.push_str(if k > 0 { "\r\n" } else { "" });
        let head: Vec<String> = head.split('|').map(str::to_string).collect();
        out.push_str(&csv_row(style, &head));
        rows.iter().for_each(|r| out.push_str(&csv_row(style, r)));
    }
    out
}

/// The cell of a number that may not have been measured (empty then).
fn cell(style: CsvStyle, x: Option<f64>) -> String {
    x.map(|x| style.number(x)).unwrap_or_default()
}

/// Blood CAR-T counts by day ([`crate::kinetics::KineticsInput::counts_by_day`]: one row per
/// day, empty where a series was not measured) and the CSF samples below them (`csf`: the rows
/// as typed, read by [`read_csf`]; a row it refuses is left out).
pub fn kinetics_csv(
    style: CsvStyle,
    counts_by_day: &[(f64, [Option<f64>; 3])],
    csf: &[[String; 5]],
) -> String {
    let mut rows = Vec::new();
    for (day, [total, cd4, cd8]) in counts_by_day {
        let cells = [Some(*day), *total, *cd4, *cd8].map(|x| cell(style, x));
        rows.push(cells.to_vec());
    }
    let head = "Day (days after infusion)|Total CAR-T (cells/µL)|CD4+ CAR-T (cells/µL)|CD8+ CAR-T (cells/µL)";
    csv(style, &[(head.into(), rows), csf_block(style, csf, false)])
}

/// The course: one row per recorded assessment (grades and scores), then the medications with
/// their dexamethasone equivalents, the lab values and the CSF samples. The assessments,
/// medications and lab values are those the course was computed from, each with its position in
/// its list ([`crate::case::evaluate_kept`]).
pub fn course_csv(
    style: CsvStyle,
    r: &CaseResult,
    assessments: &[(usize, Assessment)],
    medications: &[(usize, Medication)],
    labs: &[(usize, LabValue)],
    csf: &[[String; 5]],
) -> String {
    let n = |x: f64| style.number(x);
    let text = |x: Option<String>| x.unwrap_or_default();
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut assessment_rows = Vec::new();
    for a in &r.assessments {
        let (icans, crs) = (a.icans.as_ref(), a.crs.as_ref());
        assessment_rows.push(vec![
            n(a.day),
            day_time(a.day),
            text(icans.map(|i| i.grade.to_string())),
            text(icans.and_then(|i| i.ice_total).map(|t| t.to_string())),
            text(icans.and_then(|i| i.capd_total).map(|t| t.to_string())),
            text(icans.map(|i| yes_no(i.complete))),
            text(crs.map(|c| c.grade.to_string())),
            text(crs.map(|c| yes_no(c.complete))),
            note_at(assessments, a.input_index).to_string(),
        ]);
    }
    let mut meds = Vec::new();
    for (i, m) in by_day(medications, Medication::day) {
        let dose = r.steroids.dose_of(*i);
        let systemic = dose.filter(|d| d.systemic);
        meds.push(vec![
            n(m.day()),
            day_time(m.day()),
            drug_name(m.drug()),
            n(m.mg()),
            m.route().api_name().to_string(),
            cell(style, dose.map(|d| d.dex_eq_mg)),
            cell(style, systemic.map(|d| d.cumulative_systemic_dex_eq_mg)),
        ]);
    }
    let mut lab_rows = Vec::new();
    for (_, l) in by_day(labs, LabValue::day) {
        let (analyte, unit) = (l.analyte().label().into(), l.unit().api_name().into());
        let (day, value, when) = (n(l.day()), n(l.value()), day_time(l.day()));
        let note = l.note().unwrap_or_default().into();
        lab_rows.push(vec![day, when, analyte, value, unit, note]);
    }
    // The ranges are the core's grades and score maxima (the header reads as it always has).
    let (g0, g4, ice, capd) = (Grade::G0, Grade::G4, ice::MAX_TOTAL, capd::MAX_TOTAL);
    let head = format!(
        "Day (days after infusion)|When|ICANS grade ({g0}-{g4}, ASTCT 2019)|ICE score (0-{ice})|CAPD score (0-{capd})|ICANS complete|CRS grade ({g0}-{g4}, ASTCT 2019)|CRS complete|Note"
    );
    let med_head = "Medication day (days after infusion)|When|Drug|Dose (mg)|Route|Dexamethasone-equivalent (mg)|Cumulative systemic dexamethasone-equivalent (mg)";
    let lab_head = "Lab day (days after infusion)|When|Analyte|Value|Unit|Note";
    let (meds, labs) = ((med_head.into(), meds), (lab_head.into(), lab_rows));
    let csf = csf_block(style, csf, true);
    csv(style, &[(head, assessment_rows), meds, labs, csf])
}

/// The CSF samples, with their own header. The course CSV adds the day as read ("day +14
/// 01:00", `with_when`) like its other records; the kinetics CSV keeps numbers only, so it can
/// be pasted back.
fn csf_block(style: CsvStyle, csf: &[[String; 5]], with_when: bool) -> Block {
    let mut rows = Vec::new();
    for (_, s) in read_csf(csf).0 {
        let mut cells = vec![style.number(s.day())];
        cells.extend(with_when.then(|| day_time(s.day())));
        cells.push(cell(style, s.wbc_per_ul()));
        cells.push(cell(style, s.car_t_percent_of_leukocytes()));
        cells.push(cell(style, s.cd4_cd8_ratio()));
        cells.push(s.note().unwrap_or_default().to_string());
        rows.push(cells);
    }
    let when = if with_when { "When|" } else { "" };
    let head = format!(
        "CSF day (days after infusion)|{when}CSF WBC (cells/µL)|CSF CAR-T (% of leukocytes)|CSF CD4+/CD8+ ratio|Note"
    );
    (head, rows)
}
