//! The course of a case in words: each statement (the ICANS and CRS course, each intrathecal
//! treatment's response, the steroid totals) is built once as a [`Sentence`] from the evaluated
//! case ([`crate::case::CaseResult`]), so that every place that says it (the page, the printed
//! report, the note copied into the medical record) says the same. Days, hours and amounts are
//! written by the shared formatters of [`crate::display`]; the grades named ("grade ≤ 1",
//! "grade 0") are the core's, as its course rules use them ([`crate::case::COURSE_RULES`]).

use crate::case::{CaseResult, CourseSummary, GapReason, GradeOnDay};
use crate::case::{IntrathecalDose, IntrathecalRow, PassedOver};
use crate::display::{day_time, days, grouped, hours, mg_list, result};
use crate::grading::Grade;
use crate::grading::icans::{DomainGrade, IcansDomain, IcansResult, Tool};
use crate::kinetics::KineticsResult;
use crate::steroids::{SteroidLedger, UnconvertedDose};

/// One statement of the course: what it is about (`icans`, `crs`, `intrathecal`, `steroids`,
/// `intrathecal-amounts`) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub about: &'static str,
    pub text: String,
}

/// The course in words: ICANS, CRS, each intrathecal treatment's response, the systemic steroid
/// total and the intrathecal amounts.
pub fn course_lines(r: &CaseResult) -> Vec<Sentence> {
    let line = |about, text: String| Sentence { about, text };
    let mut lines = vec![
        line("icans", course_sentences("ICANS", &r.course.icans)),
        line("crs", course_sentences("CRS", &r.course.crs)),
    ];
    lines.extend(crs_without_fever_sentence(r).map(|t| line("crs-no-fever", t)));
    for it in &r.intrathecal {
        lines.push(line("intrathecal", intrathecal_sentence(it)));
    }
    let mg = result(r.steroids.systemic_dex_eq_mg);
    let total = format!("Cumulative systemic corticosteroid: {mg} mg dexamethasone-equivalent.");
    lines.push(line("steroids", total));
    lines.extend(intrathecal_amounts_sentence(r).map(|t| line("intrathecal-amounts", t)));
    lines
}

/// The days a CRS grade 0 rests on the absence of fever while hypotension or hypoxia was
/// recorded (SPEC §2: no fever, and not masked, is no CRS): such a grade 0 is no resolution of
/// the findings, and after antipyretics or anti-cytokine therapy the fever may be masked.
fn crs_without_fever_sentence(r: &CaseResult) -> Option<String> {
    let days: Vec<String> = (r.assessments.iter())
        .filter(|a| a.crs_findings_without_fever)
        .map(|a| day_time(a.day))
        .collect();
    if days.is_empty() {
        return None;
    }
    let on = days.join(", ");
    Some(format!(
        "CRS graded 0 on {on} because no fever was recorded, although hypotension or hypoxia was: CRS requires fever (ASTCT 2019). If fever was masked by antipyretics or anti-cytokine therapy (tocilizumab, steroids), record it as \u{201c}Fever was present, then masked\u{201d}."
    ))
}

/// The total blood CAR-T kinetics in one line for the note ("CAR-T (total, blood): Cmax 77.7
/// cells/µL on day +14; AUC0-28 ... (method)."), `None` without a total series.
pub fn plain_kinetics(r: &KineticsResult) -> Option<String> {
    let t = r.series.total.as_ref()?;
    let mut auc = Vec::new();
    for x in &t.auc {
        let to = crate::numbers::format_trimmed(x.to_day, 2);
        auc.push(match x.value {
            Some(v) => format!("AUC0-{to} {} cells/µL×day", result(v)),
            None => format!("AUC0-{to} not computable"),
        });
    }
    let tmax = t.tmax.map(|d| format!(" on {}", day_time(d)));
    let (cmax, tmax, auc) = (result(t.cmax), tmax.unwrap_or_default(), auc.join(", "));
    let method = &r.method;
    Some(format!(
        "CAR-T (total, blood): Cmax {cmax} cells/µL{tmax}; {auc} ({method})."
    ))
}

/// The course in plain sentences (for the note copied into the medical record); the ICANS and
/// CRS course only once an assessment is recorded.
pub fn plain_course(r: &CaseResult) -> String {
    let mut said = Vec::new();
    for l in course_lines(r) {
        if !r.assessments.is_empty() || !matches!(l.about, "icans" | "crs") {
            said.push(l.text);
        }
    }
    said.join(" ")
}

/// A domain as the clinician names it ("ICE/CAPD score", "level of consciousness"; "Raised ICP
/// / ..." keeps nothing shouted but its abbreviation).
fn domain_words(d: IcansDomain) -> String {
    if d == IcansDomain::Tool {
        return "ICE/CAPD score".to_string();
    }
    let label = d.label(Tool::Ice);
    let mut c = label.chars();
    c.next()
        .map(|first| crate::text::fold_case(first.encode_utf8(&mut [0; 4])) + c.as_str())
        .unwrap_or_default()
}

/// The sentence on assessments passed over for improvement/resolution, each with why ("ICE/CAPD
/// score not assessed; level of consciousness attributed to another cause"), with the rule when
/// `with_rule`; empty when none.
fn passed_over_sentence(passed: &[PassedOver], what: &str, with_rule: bool) -> String {
    if passed.is_empty() {
        return String::new();
    }
    let mut items = Vec::new();
    for p in passed {
        let mut gaps = Vec::new();
        for g in &p.gaps {
            let why = match g.reason {
                GapReason::NotAssessed => "not assessed",
                GapReason::OtherCause => "attributed to another cause",
            };
            gaps.push(format!("{} {why}", domain_words(g.domain)));
        }
        let (when, grade) = (day_time(p.day), p.grade);
        items.push(format!("{when} (grade {grade}; {})", gaps.join("; ")));
    }
    let rule = if with_rule { RESOLUTION_RULE } else { "" };
    format!(" Passed over for {what}: {}{rule}.", items.join(", "))
}

/// The rule an assessment must meet to show improvement or resolution, in words.
const RESOLUTION_RULE: &str = "; an assessment shows improvement or resolution only when the ICE/CAPD score and the level of consciousness were both assessed and neither was attributed to another cause";

/// " (not assessed then: seizure, motor findings)" for the assessment a figure came from.
fn not_assessed_note(domains: &[IcansDomain]) -> String {
    if domains.is_empty() {
        return String::new();
    }
    let list: Vec<String> = domains.iter().map(|&d| domain_words(d)).collect();
    format!(" (not assessed then: {})", list.join(", "))
}

/// The course of one toxicity in sentences: onset, peak, improvement and resolution (with the
/// domains not assessed in the assessment used), a worsening before resolution, the duration,
/// assessments passed over, a recurrence, the latest grade.
fn course_sentences(name: &str, c: &CourseSummary) -> String {
    if c.assessments == 0 {
        return format!("No {name} assessment recorded.");
    }
    if c.peak_grade == Grade::G0 {
        return match c.assessments {
            1 => format!("No {name}: the one assessment graded {}.", Grade::G0),
            n => format!("No {name}: all {n} assessments graded {}.", Grade::G0),
        };
    }
    let mut parts = Vec::new();
    parts.extend(c.onset_day.map(|d| format!("onset on {}", day_time(d))));
    if let Some(d) = c.peak_day {
        parts.push(format!("peak grade {} on {}", c.peak_grade, day_time(d)));
    }
    let (g0, g1) = (Grade::G0, Grade::G1);
    let improved = |i: f64| {
        let (when, not_assessed) = (day_time(i), not_assessed_note(&c.improved_not_assessed));
        format!("grade \u{2264} {g1} on {when}{not_assessed}")
    };
    let resolved = |r: f64| {
        let (when, not_assessed) = (day_time(r), not_assessed_note(&c.resolved_not_assessed));
        format!("grade {g0} on {when}{not_assessed}")
    };
    let since = c
        .resolved_day
        .map_or("and has not resolved since", |_| "before resolving");
    let worsened = c.worsened_again.map(|w| {
        let (g, when) = (w.grade, day_time(w.day));
        format!("worsened again to grade {g} on {when} {since}")
    });
    // The improvement, when it is not the resolution itself, and whether the worsening came
    // after it (it is told where it happened).
    let improvement = match (c.improved_day, c.resolved_day) {
        (Some(i), Some(r)) if i != r => {
            Some((improved(i), c.worsened_again.is_some_and(|w| w.day > i)))
        }
        (Some(i), None) => Some((format!("{}, not yet {g0}", improved(i)), true)),
        (_, _) => None,
    };
    let after = improvement.as_ref().is_some_and(|(_, after)| *after);
    parts.extend(worsened.clone().filter(|_| !after));
    parts.extend(improvement.map(|(words, _)| words));
    parts.extend(worsened.filter(|_| after));
    match (c.resolved_day, c.improved_day) {
        (Some(r), _) => parts.push(resolved(r)),
        (None, None) => parts.push("not improved yet".to_string()),
        (None, Some(_)) => {}
    }
    let mut s = format!("{name}: {}.", parts.join("; "));
    if let (Some(d), Some(onset), Some(res)) = (c.duration_days, c.onset_day, c.resolved_day) {
        let worsening = c.worsened_again.map_or("", |_| ", including the worsening");
        let h = hours(crate::case::hours_between(onset, res));
        s.push_str(&format!(" Duration {} ({h}){worsening}.", days(d)));
    }
    s.push_str(&passed_over_sentence(&c.passed_over, "resolution", true));
    if let Some(r) = c.recurred_day {
        let when = day_time(r);
        s.push_str(&format!(" It recurred on {when} (a later episode)."));
    }
    if let (Some(day), Some(g)) = (c.last_day, c.last_grade)
        && c.resolved_day.is_none_or(|r| day > r)
    {
        s.push_str(&format!(" Latest: grade {g} on {}.", day_time(day)));
    }
    s
}

/// Amounts in mg of each drug, summed per drug in the order first given: "methotrexate 15 mg,
/// cytarabine 40 mg".
pub fn amounts(doses: &[(&str, f64)]) -> String {
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for &(drug, mg) in doses {
        match totals.iter_mut().find(|(name, _)| *name == drug) {
            Some((_, sum)) => *sum += mg,
            None => totals.push((drug, mg)),
        }
    }
    mg_list(&totals)
}

/// The doses of one intrathecal treatment as given: "methotrexate 15 mg, cytarabine 40 mg".
pub fn doses_as_given(doses: &[IntrathecalDose]) -> String {
    let mut list = Vec::new();
    for d in doses {
        list.push((d.drug.as_str(), d.mg));
    }
    mg_list(&list)
}

/// How a response time was seen: "by the next assessment, 6 h later" when it is the first ICANS
/// assessment after the dose, else "by the assessment 30 h later".
fn seen_by(hours_to: f64, it: &IntrathecalRow) -> String {
    let h = hours(hours_to);
    if it.hours_to_next_assessment == Some(hours_to) {
        format!("by the next assessment, {h} later")
    } else {
        format!("by the assessment {h} later")
    }
}

/// One intrathecal treatment and the response after it, in a sentence.
fn intrathecal_sentence(it: &IntrathecalRow) -> String {
    let (doses, when) = (doses_as_given(&it.doses), day_time(it.day));
    let head = format!("Intrathecal {doses} on {when}");
    if !it.icans_active {
        let before = match it.icans_at_dose {
            Some(g) => {
                let (when, grade) = (day_time(g.day), g.grade);
                format!("the latest ICANS assessment at or before it, {when}, graded {grade}")
            }
            None => "no ICANS assessment at or before it".to_string(),
        };
        return format!(
            "{head}: given without active ICANS ({before}); no response time is measured."
        );
    }
    let at_dose = |g: GradeOnDay| format!(" (ICANS grade {} at the dose)", g.grade);
    let grade_at = it.icans_at_dose.map(at_dose).unwrap_or_default();
    let resp = |h: Option<f64>, what: String| match h {
        Some(x) => format!("{what} {}", seen_by(x, it)),
        None => format!("{what} not (yet) seen"),
    };
    let (g0, g1) = (Grade::G0, Grade::G1);
    let le1 = format!("ICANS grade \u{2264} {g1}");
    let improved = resp(it.hours_to_grade1_or_less, le1);
    let resolved = resp(it.hours_to_grade0, format!("grade {g0}"));
    // The rule is stated once, with the course it applies to.
    let passed = passed_over_sentence(&it.passed_over, "the response", false);
    format!(
        "{head}{grade_at}: {improved}; {resolved}. Times are upper bounds: when the response was seen at an assessment.{passed}"
    )
}

/// The intrathecal drugs over the course, in mg of each drug as given, summed per drug in the
/// order first given: "Intrathecal dexamethasone 4 mg, methotrexate 15 mg, cytarabine 40 mg;
/// not part of the systemic total." `None` when none was given.
fn intrathecal_amounts_sentence(r: &CaseResult) -> Option<String> {
    let mut doses = Vec::new();
    for d in r.intrathecal.iter().flat_map(|it| &it.doses) {
        doses.push((d.drug.as_str(), d.mg));
    }
    let list = amounts(&doses);
    (!list.is_empty()).then(|| format!("Intrathecal {list}; not part of the systemic total."))
}

/// The intrathecal steroid of the ledger, summed per drug in the order first given, for the
/// steroid summary: "Intrathecal steroid: dexamethasone 4 mg; not part of the systemic total."
/// `None` when none was given.
pub fn intrathecal_steroid_sentence(ledger: &SteroidLedger) -> Option<String> {
    let mut doses = Vec::new();
    for d in ledger.per_dose.iter().filter(|d| !d.systemic) {
        doses.push((d.drug, d.mg));
    }
    let list = amounts(&doses);
    let sentence = format!("Intrathecal steroid: {list}; not part of the systemic total.");
    (!list.is_empty()).then_some(sentence)
}

/// This patient's row of the comparison with Table 1 of the case report: the intrathecal
/// treatment, n = 1, the peak ICANS grade, the time to resolution, what it is measured from, and
/// the systemic steroid with the days it covers. Each cell says what it counts, so that the row
/// never claims more than the record: the series' figures are per episode, this log may hold
/// doses given before or long after it.
pub fn this_patient_row(r: &CaseResult) -> [String; 6] {
    let (resolution, from) = this_patient_resolution(r);
    let peak = format!("peak ICANS grade {}", r.course.icans.peak_grade);
    [
        intrathecal_treatment(r),
        "1".into(),
        peak,
        resolution,
        from,
        systemic_steroid_cell(&r.steroids),
    ]
}

/// The intrathecal treatment, each with its day: with a resolution measured from one, that one
/// and every other given before grade 0 was seen; else every one recorded.
fn intrathecal_treatment(r: &CaseResult) -> String {
    let given: Vec<&IntrathecalRow> = match treated_with_response(r) {
        Some((first, hours)) => {
            let seen_day = first.day + hours / 24.0;
            let before_seen = |it: &&IntrathecalRow| it.day >= first.day && it.day < seen_day;
            r.intrathecal.iter().filter(before_seen).collect()
        }
        None => r.intrathecal.iter().collect(),
    };
    if given.is_empty() {
        return "no intrathecal treatment recorded".to_string();
    }
    let each = given.iter().map(|it| {
        let doses = doses_as_given(&it.doses);
        format!("IT {doses} on {}", day_time(it.day))
    });
    each.collect::<Vec<_>>().join("; ")
}

/// The systemic corticosteroid total with the days of the first and last dose it counts.
fn systemic_steroid_cell(ledger: &SteroidLedger) -> String {
    let total = result(ledger.systemic_dex_eq_mg) + " mg dexamethasone-equivalent";
    let mut days = ledger.per_dose.iter().filter(|d| d.systemic).map(|d| d.day);
    match (days.next(), days.next_back()) {
        (Some(first), Some(last)) if last > first => format!(
            "{total} (every systemic dose recorded, {} to {})",
            day_time(first),
            day_time(last)
        ),
        (Some(only), _) => format!("{total} (every systemic dose recorded, {})", day_time(only)),
        (None, _) => total,
    }
}

/// This patient's time to resolution for the comparison, and what it is measured from.
///
/// From the first intrathecal treatment given with active ICANS when a grade 0 was seen after
/// it (an upper bound: the assessment at which it was seen), else from ICANS onset to the first
/// assessment at grade 0 that can show it.
pub fn this_patient_resolution(r: &CaseResult) -> (String, String) {
    let icans = &r.course.icans;
    let (g0, g1) = (Grade::G0, Grade::G1);
    let none = || "\u{2014}".to_string();
    match (treated_with_response(r), icans.duration_days) {
        (Some((it, h)), _) => {
            let (seen, when) = (seen_by(h, it), day_time(it.day));
            let grade = it.icans_at_dose.map_or(g0, |g| g.grade);
            let from =
                format!("The intrathecal treatment on {when} (given with ICANS grade {grade}).");
            (
                format!("grade {g0} {seen} (an upper bound: when it was seen)"),
                from,
            )
        }
        (None, Some(d)) => (
            days(d),
            format!(
                "ICANS onset (first grade \u{2265} {g1}) to the first assessment at grade {g0}."
            ),
        ),
        (None, None) if icans.peak_grade > g0 => ("not resolved yet".to_string(), none()),
        (None, None) => ("no ICANS".to_string(), none()),
    }
}

/// The first intrathecal treatment given with active ICANS after which grade 0 was seen, with
/// the hours to it.
pub fn treated_with_response(r: &CaseResult) -> Option<(&IntrathecalRow, f64)> {
    r.intrathecal
        .iter()
        .filter(|it| it.icans_active)
        .find_map(|it| it.hours_to_grade0.map(|h| (it, h)))
}

/// What a list of assessments says after an ICANS grade, with its leading space: the score
/// (" ICE 8", " CAPD 3"), or " ICE/CAPD not performable" when the tool domain is at grade 4
/// (ICE and CAPD reach grade 4 only as "unarousable"); empty without a score.
pub fn score_after_grade(g: &IcansResult) -> String {
    let tool_g4 = |d: &DomainGrade| d.domain == IcansDomain::Tool && d.grade == Grade::G4;
    match (g.ice_total, g.capd_total) {
        _ if g.domains.iter().any(tool_g4) => " ICE/CAPD not performable".to_string(),
        (Some(i), _) => format!(" ICE {i}"),
        (None, Some(c)) => format!(" CAPD {c}"),
        (None, None) => String::new(),
    }
}

/// A corticosteroid dose left out of the total, as entered: "betamethasone 6 mg intravenous
/// (day +3)".
pub fn unconverted_dose_words(u: &UnconvertedDose) -> String {
    let (route, when) = (u.route.label(), day_time(u.day));
    format!("{} {} mg {route} ({when})", u.label, grouped(u.mg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{GapReason, IntrathecalRow, PassedOver, ResolutionGap};

    /// A case: ICANS grade 3 on days 1 and 2 and 0 on day 4 (normal ICE, consciousness alone
    /// sets the grade), and these medications.
    fn case_result(medications: &str) -> CaseResult {
        let icans = |level: &str| {
            format!(
                r#"{{"consciousness":"{level}","ice":{{"orientation":4,"naming":3,"commands":1,"writing":1,"attention":1}}}}"#
            )
        };
        let grade3 = icans("awakensToTactile");
        let text = format!(
            r#"{{"schema":"icans-calc/case@1","patient":{{"label":"t","ageYears":50}},"assessments":[{{"day":1,"icans":{grade3}}},{{"day":2,"icans":{grade3}}},{{"day":4,"icans":{}}}],"medications":{medications}}}"#,
            icans("alert")
        );
        let json = crate::json::parse_text(&text).expect("json");
        crate::case::evaluate(&crate::input::case::parse_case(&json).expect("case"))
    }

    #[test]
    fn a_crs_grade_0_without_fever_despite_pressors_is_said_not_taken_as_resolution() {
        let text = r#"{"schema":"icans-calc/case@1","patient":{"label":"t"},"assessments":[{"day":1,"crs":{"fever":"present","hypotension":"multipleVasopressors","oxygen":"none"}},{"day":2,"crs":{"fever":"absent","hypotension":"multipleVasopressors","oxygen":"mechanicalVentilation"}},{"day":3,"crs":{"fever":"absent","hypotension":"none","oxygen":"none"}}],"medications":[{"day":1.5,"drug":"tocilizumab","mg":600,"route":"iv"}]}"#;
        let json = crate::json::parse_text(text).expect("json");
        let r = crate::case::evaluate(&crate::input::case::parse_case(&json).expect("case"));
        let lines = course_lines(&r);
        let said: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let no_fever = lines
            .iter()
            .find(|l| l.about == "crs-no-fever")
            .expect("said");
        // Day +3 (nothing found, no fever) is a plain grade 0: not named.
        assert_eq!(
            no_fever.text,
            "CRS graded 0 on day +2 because no fever was recorded, although hypotension or hypoxia was: CRS requires fever (ASTCT 2019). If fever was masked by antipyretics or anti-cytokine therapy (tocilizumab, steroids), record it as \u{201c}Fever was present, then masked\u{201d}.",
            "{said:?}"
        );
        assert!(plain_course(&r).contains(&no_fever.text));
        // Without such an assessment, no such line.
        let plain = r#"{"schema":"icans-calc/case@1","patient":{"label":"t"},"assessments":[{"day":1,"crs":{"fever":"absent","hypotension":"none","oxygen":"none"}}]}"#;
        let json = crate::json::parse_text(plain).expect("json");
        let r = crate::case::evaluate(&crate::input::case::parse_case(&json).expect("case"));
        assert!(course_lines(&r).iter().all(|l| l.about != "crs-no-fever"));
    }

    #[test]
    fn the_comparison_row_names_every_intrathecal_dose_before_resolution_and_the_steroid_days() {
        let r = case_result(
            r#"[{"day":1,"drug":"methotrexate","mg":12,"route":"it"},{"day":2,"drug":"cytarabine","mg":40,"route":"it"},{"day":1,"drug":"dexamethasone","mg":10,"route":"iv"},{"day":60,"drug":"dexamethasone","mg":500,"route":"po"},{"day":30,"drug":"cytarabine","mg":40,"route":"it"}]"#,
        );
        let [treatment, _, _, _, from, steroid] = this_patient_row(&r);
        assert_eq!(
            treatment,
            "IT methotrexate 12 mg on day +1; IT cytarabine 40 mg on day +2"
        );
        assert!(from.contains("day +1"), "{from}");
        assert_eq!(
            steroid,
            "510 mg dexamethasone-equivalent (every systemic dose recorded, day +1 to day +60)"
        );
        // No response measured (no ICANS at the dose): every intrathecal dose, with its day.
        let r = case_result(
            r#"[{"day":30,"drug":"cytarabine","mg":40,"route":"it"},{"day":3,"drug":"dexamethasone","mg":10,"route":"iv"}]"#,
        );
        let [treatment, .., steroid] = this_patient_row(&r);
        assert_eq!(treatment, "IT cytarabine 40 mg on day +30");
        assert_eq!(
            steroid,
            "10 mg dexamethasone-equivalent (every systemic dose recorded, day +3)"
        );
        let [treatment, .., steroid] = this_patient_row(&case_result("[]"));
        assert_eq!(treatment, "no intrathecal treatment recorded");
        assert_eq!(steroid, "0 mg dexamethasone-equivalent");
    }

    fn point(
        day: f64,
        grade: u8,
        gaps: Vec<ResolutionGap>,
        missing: Vec<IcansDomain>,
    ) -> crate::case::CoursePoint {
        crate::case::CoursePoint {
            day,
            grade: Grade::ALL[usize::from(grade)],
            gaps,
            not_assessed: missing,
        }
    }

    fn summary(points: &[crate::case::CoursePoint]) -> CourseSummary {
        crate::case::course_summary_of(points)
    }

    #[test]
    fn course_sentence_names_what_the_resolving_assessment_did_not_assess() {
        let c = summary(&[
            point(14.0, 3, vec![], vec![]),
            point(
                16.0,
                0,
                vec![],
                vec![IcansDomain::Seizure, IcansDomain::Motor],
            ),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("grade 0 on day +16 (not assessed then: seizure, motor findings)"),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 3, vec![], vec![]),
            point(16.0, 0, vec![], vec![]),
        ]);
        assert!(!course_sentences("ICANS", &c).contains("not assessed"));
    }

    #[test]
    fn course_sentence_says_which_assessment_was_passed_over_and_why() {
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(
                15.0,
                0,
                vec![ResolutionGap {
                    domain: IcansDomain::Consciousness,
                    reason: GapReason::OtherCause,
                }],
                vec![],
            ),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(s.contains("not improved yet"), "{s}");
        assert!(
            s.contains("Passed over for resolution: day +15 (grade 0; level of consciousness attributed to another cause)"),
            "{s}"
        );
        assert!(s.contains("Latest: grade 0 on day +15."), "{s}");
    }

    #[test]
    fn course_sentence_says_the_episode_worsened_again_before_resolving() {
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(15.0, 1, vec![], vec![]),
            point(16.0, 3, vec![], vec![]),
            point(18.0, 0, vec![], vec![]),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("grade \u{2264} 1 on day +15; worsened again to grade 3 on day +16 before resolving; grade 0 on day +18."),
            "{s}"
        );
        assert!(
            s.contains("Duration 4 days (96 h), including the worsening."),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(15.0, 1, vec![], vec![]),
            point(16.0, 3, vec![], vec![]),
        ]);
        let s = course_sentences("ICANS", &c);
        assert!(
            s.contains("worsened again to grade 3 on day +16 and has not resolved since"),
            "{s}"
        );
        let c = summary(&[
            point(14.0, 4, vec![], vec![]),
            point(18.0, 0, vec![], vec![]),
        ]);
        assert!(!course_sentences("ICANS", &c).contains("worsened"));
    }

    fn it_row(
        active: bool,
        to1: Option<f64>,
        to0: Option<f64>,
        next: Option<f64>,
    ) -> IntrathecalRow {
        IntrathecalRow {
            day: 14.0 + 1.0 / 24.0,
            drugs: vec!["methotrexate".into(), "cytarabine".into()],
            doses: vec![
                crate::case::IntrathecalDose {
                    drug: "methotrexate".into(),
                    mg: 15.0,
                },
                crate::case::IntrathecalDose {
                    drug: "cytarabine".into(),
                    mg: 40.0,
                },
            ],
            hours_to_grade1_or_less: to1,
            hours_to_grade0: to0,
            icans_at_dose: Some(crate::case::GradeOnDay {
                day: 14.0,
                grade: if active { Grade::G4 } else { Grade::G0 },
            }),
            icans_active: active,
            hours_to_next_assessment: next,
            passed_over: vec![],
        }
    }

    #[test]
    fn intrathecal_sentence_gives_the_time_it_was_seen_as_an_upper_bound() {
        let s = intrathecal_sentence(&it_row(true, Some(6.0), Some(32.0), Some(6.0)));
        assert!(
            s.starts_with("Intrathecal methotrexate 15 mg, cytarabine 40 mg on day +14 01:00 (ICANS grade 4 at the dose): ICANS grade \u{2264} 1 by the next assessment, 6 h later; grade 0 by the assessment 32 h later."),
            "{s}"
        );
        assert!(s.contains("upper bounds"), "{s}");
        let s = intrathecal_sentence(&it_row(true, None, None, None));
        assert!(s.contains("grade 0 not (yet) seen"), "{s}");
        let mut row = it_row(true, None, Some(23.0), Some(6.0));
        row.passed_over = vec![PassedOver {
            day: 14.0 + 7.0 / 24.0,
            grade: Grade::G0,
            gaps: vec![ResolutionGap {
                domain: IcansDomain::Tool,
                reason: GapReason::NotAssessed,
            }],
        }];
        let s = intrathecal_sentence(&row);
        assert!(s.contains("grade 0 by the assessment 23 h later"), "{s}");
        assert!(
            s.ends_with(" Passed over for the response: day +14 07:00 (grade 0; ICE/CAPD score not assessed)."),
            "{s}"
        );
    }

    #[test]
    fn intrathecal_sentence_without_active_icans_measures_nothing() {
        let s = intrathecal_sentence(&it_row(false, None, None, Some(120.0)));
        assert_eq!(
            s,
            "Intrathecal methotrexate 15 mg, cytarabine 40 mg on day +14 01:00: given without active ICANS (the latest ICANS assessment at or before it, day +14, graded 0); no response time is measured."
        );
        let mut row = it_row(false, None, None, None);
        row.icans_at_dose = None;
        assert!(intrathecal_sentence(&row).contains("(no ICANS assessment at or before it)"));
    }

    #[test]
    fn intrathecal_amounts_are_mg_of_each_drug_and_absent_when_none() {
        let case = crate::example::example_case().expect("example");
        let mut r = crate::case::evaluate(&case);
        assert_eq!(
            intrathecal_amounts_sentence(&r).as_deref(),
            Some(
                "Intrathecal methotrexate 15 mg, cytarabine 40 mg, dexamethasone 4 mg; not part of the systemic total."
            )
        );
        r.intrathecal.clear();
        assert_eq!(intrathecal_amounts_sentence(&r), None);
        assert!(
            !plain_course(&r).contains("ntrathecal"),
            "{}",
            plain_course(&r)
        );
    }
}
