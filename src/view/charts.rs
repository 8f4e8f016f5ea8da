//! The chart data of each graph, built from the case (pure; the data is assembled and the SVG
//! drawn by `crate::chart`).

use super::kinetics::KineticsView;
use super::workspace::Workspace;
use crate::case::CaseResult;
use crate::chart::{CourseChart, KineticsChart, LabsChart};
use crate::input::record::entries;

/// The kinetics graph: every series, Cmax marked, the first horizon's AUC window shaded.
pub fn kinetics_chart(v: &KineticsView) -> Option<KineticsChart> {
    let a = v.analysis.as_ref()?;
    let window = a.input.horizons.first().copied();
    Some(KineticsChart::from_run(&a.input, &a.summaries, window))
}

/// The course graph ([`CourseChart::from_course`]); an entry the core refuses (listed apart in
/// the course) is not drawn.
pub fn course_chart(ws: &Workspace, r: &CaseResult) -> CourseChart {
    CourseChart::from_course(r, &entries(&ws.medications))
}

/// The labs graph ([`LabsChart::from_values`]) of the lab values the core accepts.
pub fn labs_chart(ws: &Workspace) -> LabsChart {
    LabsChart::from_values(&entries(&ws.labs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Event, EventKind};
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
        ws.labs = crate::input::record::tests::records(vec![
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
