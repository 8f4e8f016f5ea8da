//! Properties of ICANS and CRS grading over every combination the tables allow.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::grading::Grade;
use icans_calc::grading::capd::{CapdAssessment, Frequency, ITEMS, Scoring};
use icans_calc::grading::crs::{CrsAssessment, Fever, Hypotension, Oxygen, OxygenDevice};
use icans_calc::grading::icans::{
    Consciousness, IcansAssessment, IcansDomain, IcansFindings, IcpEdema, Motor, Seizure, Tool,
    ToolFinding,
};
use icans_calc::grading::ice::{IceAssessment, IceItems};
use proptest::prelude::*;

/// ICE items as (orientation, naming, commands, writing, attention), or unarousable.
#[derive(Debug, Clone, Copy)]
enum IceInput {
    Items(u8, u8, bool, bool, bool),
    Unarousable,
}

fn ice_input() -> impl Strategy<Value = IceInput> {
    prop_oneof![
        10 => (0u8..=4, 0u8..=3, any::<bool>(), any::<bool>(), any::<bool>())
            .prop_map(|(o, n, c, w, a)| IceInput::Items(o, n, c, w, a)),
        1 => Just(IceInput::Unarousable),
    ]
}

fn ice_finding(i: IceInput) -> ToolFinding {
    ToolFinding::Ice(match i {
        IceInput::Items(o, n, c, w, a) => {
            IceAssessment::Scored(IceItems::new(o, n, c, w, a).unwrap())
        }
        IceInput::Unarousable => IceAssessment::Unarousable,
    })
}

/// One step worse on a single ICE item (one point lost), or unarousable from any score.
fn worsen_ice(i: IceInput, which: usize) -> IceInput {
    match i {
        IceInput::Unarousable => IceInput::Unarousable,
        IceInput::Items(o, n, c, w, a) => match which {
            0 if o > 0 => IceInput::Items(o - 1, n, c, w, a),
            1 if n > 0 => IceInput::Items(o, n - 1, c, w, a),
            2 => IceInput::Items(o, n, false, w, a),
            3 => IceInput::Items(o, n, c, false, a),
            4 => IceInput::Items(o, n, c, w, false),
            _ => IceInput::Unarousable,
        },
    }
}

fn opt<T: Clone + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(prop::sample::select(all))
}

fn next<T: Copy + PartialEq>(all: &[T], x: T) -> T {
    let i = all.iter().position(|v| *v == x).unwrap();
    all[(i + 1).min(all.len() - 1)]
}

fn icans_grade(f: &IcansFindings) -> Option<Grade> {
    IcansAssessment::new(Tool::Ice, f.clone())
        .ok()
        .map(|a| a.grade().grade)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Worsening any single ICANS input (an ICE point lost, ICE -> unarousable, consciousness,
    /// seizure, motor or ICP one row down) never lowers the grade.
    #[test]
    fn icans_grade_never_decreases_when_one_input_worsens(
        ice in prop::option::of(ice_input()),
        c in opt(&Consciousness::ALL), s in opt(&Seizure::ALL), m in opt(&Motor::ALL), e in opt(&IcpEdema::ALL),
        which in 0usize..10,
    ) {
        let before = IcansFindings {
            tool_finding: ice.map(ice_finding), consciousness: c, seizure: s, motor: m, icp_edema: e, other_cause: vec![],
        };
        let mut after = before.clone();
        match which {
            0..=5 => after.tool_finding = ice.map(|i| ice_finding(worsen_ice(i, which))),
            6 => after.consciousness = c.map(|x| next(&Consciousness::ALL, x)),
            7 => after.seizure = s.map(|x| next(&Seizure::ALL, x)),
            8 => after.motor = m.map(|x| next(&Motor::ALL, x)),
            _ => after.icp_edema = e.map(|x| next(&IcpEdema::ALL, x)),
        }
        if let (Some(g0), Some(g1)) = (icans_grade(&before), icans_grade(&after)) {
            prop_assert!(g1 >= g0, "{before:?} -> {g0:?}, {after:?} -> {g1:?}");
        }
    }

    /// The grade is the maximum of the counted domain grades, and drivers are exactly the
    /// counted domains at that grade.
    #[test]
    fn icans_grade_is_the_max_of_counted_domains(
        ice in prop::option::of(ice_input()),
        c in opt(&Consciousness::ALL), s in opt(&Seizure::ALL), m in opt(&Motor::ALL), e in opt(&IcpEdema::ALL),
        exclude in prop::sample::subsequence(IcansDomain::ALL.to_vec(), 0..=5),
    ) {
        let findings = IcansFindings {
            tool_finding: ice.map(ice_finding), consciousness: c, seizure: s, motor: m, icp_edema: e, other_cause: exclude,
        };
        if let Ok(a) = IcansAssessment::new(Tool::Ice, findings) {
            let r = a.grade();
            let counted: Vec<_> = r.domains.iter().filter(|d| !d.excluded).collect();
            let max = counted.iter().map(|d| d.grade).max().unwrap_or(Grade::G0);
            prop_assert_eq!(r.grade, max);
            let drivers: Vec<IcansDomain> = if max == Grade::G0 { vec![] } else {
                counted.iter().filter(|d| d.grade == max).map(|d| d.domain).collect()
            };
            prop_assert_eq!(&r.drivers, &drivers);
            prop_assert_eq!(r.complete, r.domains.len() == 5);
        }
    }

    /// Worsening any CAPD answer toward more delirium never lowers the CAPD domain grade.
    #[test]
    fn capd_grade_never_decreases_when_one_answer_worsens(
        answers in prop::array::uniform8(prop::sample::select(Frequency::ALL.to_vec())),
        which in 0usize..8,
    ) {
        let before = CapdAssessment::Scored(answers);
        let mut worse = answers;
        worse[which] = match ITEMS[which].scoring {
            // Healthy behaviour seen less often is worse.
            Scoring::Reverse => Frequency::ALL[(Frequency::ALL.iter().position(|f| *f == answers[which]).unwrap()).saturating_sub(1)],
            Scoring::Straight => next(&Frequency::ALL, answers[which]),
        };
        prop_assert!(CapdAssessment::Scored(worse).grade() >= before.grade());
        prop_assert!(CapdAssessment::Unarousable.grade() >= before.grade());
    }

    /// Worsening fever (absent -> present), hypotension, the oxygen device or the cannula flow
    /// never lowers the CRS grade.
    #[test]
    fn crs_grade_never_decreases_when_one_input_worsens(
        fever in prop::sample::select(vec![Fever::Absent, Fever::Present, Fever::Masked]),
        h in opt(&Hypotension::ALL),
        device in prop::option::of(prop::sample::select(vec![
            OxygenDevice::None, OxygenDevice::NasalCannula, OxygenDevice::BlowBy, OxygenDevice::Facemask,
            OxygenDevice::HighFlowNasalCannula, OxygenDevice::NonRebreather, OxygenDevice::Venturi,
            OxygenDevice::Cpap, OxygenDevice::Bipap, OxygenDevice::MechanicalVentilation])),
        flow in 0.1f64..80.0, extra_flow in 0.0f64..10.0,
        which in 0usize..4,
    ) {
        let oxygen = |d: Option<OxygenDevice>, f: f64| d.map(|d| Oxygen::new(d, Some(f)).unwrap());
        let before = CrsAssessment { fever, hypotension: h, oxygen: oxygen(device, flow) };
        let mut after = before;
        match which {
            0 => after.fever = if fever == Fever::Absent { Fever::Present } else { fever },
            1 => after.hypotension = h.map(|x| next(&Hypotension::ALL, x)),
            2 => after.oxygen = oxygen(device, (flow + extra_flow).min(80.0)),
            _ => {
                // A step up the oxygen ladder: low flow -> high-flow device -> positive pressure.
                let ladder = [OxygenDevice::None, OxygenDevice::BlowBy, OxygenDevice::Facemask, OxygenDevice::Cpap];
                let g = before.oxygen.map(|o| o.grade());
                let up = ladder.iter().find(|d| Some(Oxygen::new(**d, None).unwrap().grade()) > g).copied();
                if let Some(d) = up { after.oxygen = oxygen(Some(d), flow); }
            }
        }
        prop_assert!(after.grade().grade >= before.grade().grade, "{before:?} -> {after:?}");
    }

    /// CRS grade without fever is always 0; with fever it is max(1, hypotension, oxygen).
    #[test]
    fn crs_grade_is_fever_then_worse_of_hypotension_and_hypoxia(
        fever in prop::sample::select(vec![Fever::Absent, Fever::Present, Fever::Masked]),
        h in opt(&Hypotension::ALL), flow in 0.1f64..80.0,
        device in prop::option::of(prop::sample::select(OxygenDevice::ALL.to_vec())),
    ) {
        let o = device.map(|d| Oxygen::new(d, Some(flow)).unwrap());
        let r = CrsAssessment { fever, hypotension: h, oxygen: o }.grade();
        let expected = if fever == Fever::Absent { Grade::G0 } else {
            [Some(Grade::G1), h.map(|x| x.grade()), o.map(|x| x.grade())].into_iter().flatten().max().unwrap()
        };
        prop_assert_eq!(r.grade, expected);
    }
}

/// Every one of the 11 x 5 x 3 x 2 x 3 = 990 fully assessed adult combinations (plus the
/// unarousable ICE variant) grades to the worst domain.
#[test]
fn all_990_adult_combinations_grade_to_the_worst_domain() {
    let mut n = 0;
    for total in 0..=10u8 {
        let (o, rest) = (total.min(4), total.saturating_sub(4));
        let (nm, rest) = (rest.min(3), rest.saturating_sub(3));
        let items = IceItems::new(o, nm, rest >= 1, rest >= 2, rest >= 3).unwrap();
        let ice_grade = match total {
            10 => 0,
            7..=9 => 1,
            3..=6 => 2,
            _ => 3,
        };
        for c in Consciousness::ALL {
            for s in Seizure::ALL {
                for m in Motor::ALL {
                    for e in IcpEdema::ALL {
                        let r = IcansAssessment::new(
                            Tool::Ice,
                            IcansFindings {
                                tool_finding: Some(ToolFinding::Ice(IceAssessment::Scored(items))),
                                consciousness: Some(c),
                                seizure: Some(s),
                                motor: Some(m),
                                icp_edema: Some(e),
                                other_cause: vec![],
                            },
                        )
                        .unwrap()
                        .grade();
                        let expected = [
                            ice_grade,
                            c.grade().number(),
                            s.grade().number(),
                            m.grade().number(),
                            e.grade().number(),
                        ]
                        .into_iter()
                        .max()
                        .unwrap();
                        assert_eq!(r.grade.number(), expected);
                        n += 1;
                    }
                }
            }
        }
    }
    assert_eq!(n, 990);
}

/// All 3 x 4 x (4 oxygen grades) = 48 CRS combinations of SPEC's reliability note.
#[test]
fn all_48_crs_combinations() {
    let oxygen_by_grade = [
        (OxygenDevice::None, None, 1),
        (OxygenDevice::NasalCannula, Some(6.0), 2),
        (OxygenDevice::NasalCannula, Some(6.1), 3),
        (OxygenDevice::Bipap, None, 4),
    ];
    let mut n = 0;
    for (fever, has_fever) in [
        (Fever::Absent, false),
        (Fever::Present, true),
        (Fever::Masked, true),
    ] {
        for h in Hypotension::ALL {
            for (device, flow, o_grade) in oxygen_by_grade {
                let r = CrsAssessment {
                    fever,
                    hypotension: Some(h),
                    oxygen: Some(Oxygen::new(device, flow).unwrap()),
                }
                .grade();
                let expected = if has_fever {
                    h.grade().number().max(o_grade)
                } else {
                    0
                };
                assert_eq!(
                    r.grade.number(),
                    expected,
                    "{fever:?} {h:?} {device:?} {flow:?}"
                );
                n += 1;
            }
        }
    }
    assert_eq!(n, 48);
}
