//! The chart data of each graph, built from the case (pure; the SVG is drawn by `crate::chart`).

use super::kinetics::KineticsView;
use super::workspace::Workspace;
use crate::case::{Analyte, CaseResult, LabValue};
use crate::chart::{CourseChart, Event, EventKind, KineticsChart, LabSeries, LabsChart};
use crate::steroids::{Drug, DrugKind, NonSteroid, Route};

/// The kinetics graph: every series, Cmax marked, the first horizon's AUC window shaded.
pub fn kinetics_chart(v: &KineticsView) -> Option<KineticsChart> {
    let a = v.analysis.as_ref()?;
    let window = a.input.horizons.first().copied();
    Some(KineticsChart::from_run(&a.input, &a.summaries, window))
}

/// Which lane a medication goes in: systemic steroid, intrathecal, anti-cytokine, other (the
/// drug's kind is the core's, [`crate::steroids`]).
fn event_kind(drug: &Drug, route: Route) -> EventKind {
    use NonSteroid::{Anakinra, Cytarabine, Methotrexate, Siltuximab, Tocilizumab};
    match drug.kind() {
        _ if route == Route::It => EventKind::Intrathecal,
        DrugKind::Steroid(_) => EventKind::Steroid,
        DrugKind::NonSteroid(Tocilizumab | Siltuximab | Anakinra) => EventKind::Anticytokine,
        DrugKind::NonSteroid(Methotrexate | Cytarabine) | DrugKind::Other => EventKind::Other,
    }
}

/// The course graph: ICANS and CRS grades as steps, ICE scores, medication events (labelled
/// with drug, dose and route), and the cumulative systemic steroid dose.
pub fn course_chart(ws: &Workspace, r: &CaseResult) -> CourseChart {
    let mut chart = CourseChart::default();
    for a in &r.assessments {
        if let Some(i) = &a.icans {
            chart.icans_grade.push((a.day, i.grade.number()));
            chart.ice_score.extend(i.ice_total.map(|t| (a.day, t)));
        }
        let crs = a.crs.as_ref().map(|c| (a.day, c.grade.number()));
        chart.crs_grade.extend(crs);
    }
    let event = |day, label, kind| Event { day, label, kind };
    // Intrathecal drugs given at the same time are one event ("IT methotrexate 15 mg +
    // cytarabine 40 mg"); an entry the core refuses (listed apart in the course) is not drawn.
    let mut intrathecal: Vec<(f64, Vec<String>)> = Vec::new();
    for m in ws.medications.iter().filter_map(|r| r.entry.as_ref().ok()) {
        let (day, route) = (m.day(), m.route());
        let name = match m.drug() {
            Drug::Other { label } => label.as_str(),
            drug => drug.api_name(),
        };
        let dose = format!("{name} {} mg", crate::display::grouped(m.mg()));
        let same_time = intrathecal.iter_mut().find(|(d, _)| *d == day);
        match (event_kind(m.drug(), route), same_time) {
            (EventKind::Intrathecal, Some((_, doses))) => doses.push(dose),
            (EventKind::Intrathecal, None) => intrathecal.push((day, vec![dose])),
            (kind, _) => {
                let label = format!("{dose} {}", route.api_name().to_uppercase());
                chart.events.push(event(day, label, kind));
            }
        }
    }
    for (day, doses) in intrathecal {
        let label = format!("IT {}", doses.join(" + "));
        chart.events.push(event(day, label, EventKind::Intrathecal));
    }
    let systemic = r.steroids.per_dose.iter().filter(|d| d.systemic);
    let cumulative = systemic.map(|d| (d.day, d.cumulative_systemic_dex_eq_mg));
    chart.cumulative_steroid_dex_eq_mg = cumulative.collect();
    chart
}

/// One panel per marker and unit (values in different units are never mixed in a panel).
pub fn labs_chart(ws: &Workspace) -> LabsChart {
    let labs: Vec<_> = ws
        .labs
        .iter()
        .filter_map(|r| r.entry.as_ref().ok())
        .collect();
    let mut series = Vec::new();
    for analyte in Analyte::ALL {
        for unit in analyte.units() {
            let here = |l: &&&LabValue| (l.analyte(), l.unit()) == (analyte, *unit);
            let point = |l: &&LabValue| (l.day(), l.value());
            let points: Vec<(f64, f64)> = labs.iter().filter(here).map(point).collect();
            if !points.is_empty() {
                let (label, unit) = (analyte.label().to_string(), unit.api_name().to_string());
                series.push(LabSeries {
                    label,
                    unit,
                    points,
                });
            }
        }
    }
    LabsChart { series }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Json;

    #[test]
    fn example_course_chart_has_grades_events_and_the_steroid_steps() {
        let ws = Workspace::from_case(&crate::example::example_case().expect("example"));
        let r = crate::view::course::evaluate_course(&ws).result;
        let c = course_chart(&ws, &r);
        assert_eq!(
            c.icans_grade.iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![3, 4, 2, 0]
        );
        assert_eq!(c.crs_grade, vec![(14.0, 0)]);
        let it: Vec<&Event> = c
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Intrathecal)
            .collect();
        assert_eq!(it.len(), 1, "the three IT drugs are one event");
        assert_eq!(
            it[0].label,
            "IT methotrexate 15 mg + cytarabine 40 mg + dexamethasone 4 mg"
        );
        assert_eq!(
            c.cumulative_steroid_dex_eq_mg.last().map(|p| p.1),
            Some(96.0)
        );
    }

    #[test]
    fn labs_are_split_by_unit() {
        let mut ws = Workspace::default();
        let lab = |day: f64, value: f64, unit: &str| {
            Json::object(vec![
                ("day", Json::Number(day)),
                ("analyte", Json::String("crp".into())),
                ("value", Json::Number(value)),
                ("unit", Json::String(unit.into())),
            ])
        };
        ws.labs = crate::view::record::tests::records(vec![
            lab(1.0, 340.0, "mg/L"),
            lab(2.0, 12.0, "mg/dL"),
            lab(3.0, 100.0, "mg/L"),
        ]);
        let c = labs_chart(&ws);
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.series[0].points, vec![(1.0, 340.0), (3.0, 100.0)]);
    }

    #[test]
    fn kinetics_chart_shades_the_first_horizon() {
        let ws = Workspace::from_case(&crate::example::example_case().expect("example"));
        let v = super::super::kinetics::read_kinetics(&ws.kinetics);
        let chart = kinetics_chart(&v).expect("chart");
        assert_eq!(chart.series.len(), 1);
        assert!(chart.auc_window.is_some());
    }
}
