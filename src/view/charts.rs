//! The chart data of each graph, built from the case (pure; the SVG is drawn by `crate::chart`).

use super::kinetics::KineticsView;
use super::workspace::Workspace;
use crate::case::{Analyte, CaseResult};
use crate::chart::{CourseChart, Event, EventKind, KineticsChart, LabSeries, LabsChart};
use crate::json::Json;

fn num(v: &Json, key: &str) -> Option<f64> {
    v.number_at(key)
}

fn word<'a>(v: &'a Json, key: &str) -> Option<&'a str> {
    v.text_at(key)
}

/// The kinetics graph: every series, Cmax marked, the first horizon's AUC window shaded.
pub fn kinetics_chart(v: &KineticsView) -> Option<KineticsChart> {
    let a = v.analysis.as_ref()?;
    Some(KineticsChart::from_run(
        &a.input,
        &a.summaries,
        a.input.horizons.first().copied(),
    ))
}

/// Which lane a medication goes in: systemic steroid, intrathecal, anti-cytokine, other; the
/// drug and route words are the core's ([`crate::steroids`]).
fn event_kind(drug: &str, route: &str) -> EventKind {
    use crate::steroids::{NonSteroid, Route, Steroid};
    if route == Route::It.api_name() {
        return EventKind::Intrathecal;
    }
    if Steroid::ALL.iter().any(|s| s.api_name() == drug) {
        return EventKind::Steroid;
    }
    match NonSteroid::ALL.into_iter().find(|n| n.api_name() == drug) {
        Some(NonSteroid::Tocilizumab | NonSteroid::Siltuximab | NonSteroid::Anakinra) => {
            EventKind::Anticytokine
        }
        Some(NonSteroid::Methotrexate | NonSteroid::Cytarabine) | None => EventKind::Other,
    }
}

/// The course graph: ICANS and CRS grades as steps, ICE scores, medication events (labelled
/// with drug, dose and route), and the cumulative systemic steroid dose.
pub fn course_chart(ws: &Workspace, r: &CaseResult) -> CourseChart {
    let mut chart = CourseChart::default();
    for a in &r.assessments {
        if let Some(i) = &a.icans {
            chart.icans_grade.push((a.day, i.grade.number()));
            if let Some(t) = i.ice_total {
                chart.ice_score.push((a.day, t));
            }
        }
        if let Some(c) = &a.crs {
            chart.crs_grade.push((a.day, c.grade.number()));
        }
    }
    // Intrathecal drugs given at the same time are one event ("IT methotrexate 15 + cytarabine 40 mg").
    let mut intrathecal: Vec<(f64, Vec<String>)> = Vec::new();
    for m in &ws.medications {
        let (Some(day), Some(drug), Some(mg), Some(route)) = (
            num(m, "day"),
            word(m, "drug"),
            num(m, "mg"),
            word(m, "route"),
        ) else {
            continue;
        };
        // An entry the case file refuses (listed apart in the course) is not drawn either.
        if !crate::case::CASE_DAY_RANGE.contains(day) {
            continue;
        }
        let name = if drug == "other" {
            word(m, "label").unwrap_or("other").to_string()
        } else {
            drug.to_string()
        };
        let dose = format!("{name} {} mg", crate::display::grouped(mg));
        match event_kind(drug, route) {
            EventKind::Intrathecal => match intrathecal.iter_mut().find(|(d, _)| *d == day) {
                Some((_, doses)) => doses.push(dose),
                None => intrathecal.push((day, vec![dose])),
            },
            kind => chart.events.push(Event {
                day,
                label: format!("{dose} {}", route.to_uppercase()),
                kind,
            }),
        }
    }
    for (day, doses) in intrathecal {
        chart.events.push(Event {
            day,
            label: format!("IT {}", doses.join(" + ")),
            kind: EventKind::Intrathecal,
        });
    }
    chart.cumulative_steroid_dex_eq_mg = r
        .steroids
        .per_dose
        .iter()
        .filter(|d| d.systemic)
        .map(|d| (d.day, d.cumulative_systemic_dex_eq_mg))
        .collect();
    chart
}

/// One panel per marker and unit (values in different units are never mixed in a panel).
pub fn labs_chart(ws: &Workspace) -> LabsChart {
    let mut series: Vec<LabSeries> = Vec::new();
    for analyte in Analyte::ALL {
        for unit in analyte.units() {
            let points: Vec<(f64, f64)> = ws
                .labs
                .iter()
                .filter(|l| {
                    word(l, "analyte") == Some(analyte.api_name())
                        && word(l, "unit") == Some(unit.api_name())
                })
                .filter_map(|l| Some((num(l, "day")?, num(l, "value")?)))
                .collect();
            if !points.is_empty() {
                series.push(LabSeries {
                    label: analyte.label().to_string(),
                    unit: unit.api_name().to_string(),
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

    #[test]
    fn example_course_chart_has_grades_events_and_the_steroid_steps() {
        let ws = Workspace::from_case(&crate::example::example_case().expect("example"));
        let r = crate::case::evaluate(&ws.course_case().expect("case"));
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
        ws.labs = vec![
            lab(1.0, 340.0, "mg/L"),
            lab(2.0, 12.0, "mg/dL"),
            lab(3.0, 100.0, "mg/L"),
        ];
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
