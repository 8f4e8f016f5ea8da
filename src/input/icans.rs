//! ICANS and CRS inputs (`gradeIcans`, `gradeCrs`, `assessments[i]` of a case): reading the
//! caller's object into assessments ready to grade.

use crate::error::{InputError, Problem, Range};
use crate::grading::capd::{CapdAssessment, Frequency};
use crate::grading::crs::{CrsAssessment, Fever, Hypotension, Oxygen, OxygenDevice};
use crate::grading::icans::{
    AGE_YEARS, Consciousness, IcansAssessment, IcansDomain, IcansFindings, IcansInputError,
    IcpEdema, Motor, Seizure, Tool, ToolFinding,
};
use crate::grading::ice::{IceAssessment, IceItemError, IceItems};
use crate::json::{self, Fields, Json};

pub use crate::grading::crs::{OXYGEN_L_PER_MIN, TEMPERATURE_C};

const ICANS_KEYS: [&str; 9] = [
    "ageYears",
    "tool",
    "ice",
    "capd",
    "consciousness",
    "seizure",
    "motor",
    "icpEdema",
    "otherCause",
];
const ICE_KEYS: [&str; 5] = ["orientation", "naming", "commands", "writing", "attention"];
const CRS_KEYS: [&str; 5] = [
    "fever",
    "temperatureC",
    "hypotension",
    "oxygen",
    "oxygenLitersPerMin",
];

pub const TOOLS: [(&str, Tool); 2] = [("ice", Tool::Ice), ("capd", Tool::Capd)];

pub const CONSCIOUSNESS: [(&str, Consciousness); 5] = [
    ("alert", Consciousness::Alert),
    ("awakensSpontaneously", Consciousness::AwakensSpontaneously),
    ("awakensToVoice", Consciousness::AwakensToVoice),
    ("awakensToTactile", Consciousness::AwakensToTactile),
    ("unarousable", Consciousness::Unarousable),
];
pub const SEIZURE: [(&str, Seizure); 3] = [
    ("none", Seizure::None),
    ("rapidlyResolving", Seizure::RapidlyResolving),
    ("prolongedOrRepetitive", Seizure::ProlongedOrRepetitive),
];
pub const MOTOR: [(&str, Motor); 2] = [
    ("none", Motor::None),
    ("deepFocalWeakness", Motor::DeepFocalWeakness),
];
pub const ICP_EDEMA: [(&str, IcpEdema); 3] = [
    ("none", IcpEdema::None),
    ("focalEdema", IcpEdema::FocalEdema),
    ("diffuseEdemaOrSigns", IcpEdema::DiffuseEdemaOrSigns),
];
pub const DOMAINS: [(&str, IcansDomain); 5] = [
    ("tool", IcansDomain::Tool),
    ("consciousness", IcansDomain::Consciousness),
    ("seizure", IcansDomain::Seizure),
    ("motor", IcansDomain::Motor),
    ("icpEdema", IcansDomain::IcpEdema),
];
pub const FREQUENCIES: [(&str, Frequency); 5] = [
    ("never", Frequency::Never),
    ("rarely", Frequency::Rarely),
    ("sometimes", Frequency::Sometimes),
    ("often", Frequency::Often),
    ("always", Frequency::Always),
];
pub const FEVER: [(&str, Fever); 3] = [
    ("present", Fever::Present),
    ("absent", Fever::Absent),
    ("masked", Fever::Masked),
];
pub const HYPOTENSION: [(&str, Hypotension); 4] = [
    ("none", Hypotension::None),
    ("noVasopressors", Hypotension::NoVasopressors),
    ("oneVasopressor", Hypotension::OneVasopressor),
    ("multipleVasopressors", Hypotension::MultipleVasopressors),
];
pub const OXYGEN: [(&str, OxygenDevice); 10] = [
    ("none", OxygenDevice::None),
    ("nasalCannula", OxygenDevice::NasalCannula),
    ("blowBy", OxygenDevice::BlowBy),
    ("highFlowNasalCannula", OxygenDevice::HighFlowNasalCannula),
    ("facemask", OxygenDevice::Facemask),
    ("nonRebreather", OxygenDevice::NonRebreather),
    ("venturi", OxygenDevice::Venturi),
    ("cpap", OxygenDevice::Cpap),
    ("bipap", OxygenDevice::Bipap),
    ("mechanicalVentilation", OxygenDevice::MechanicalVentilation),
];

/// Reads an ICANS input object (also used for `assessments[i].icans` of a case).
pub fn parse_icans(input: &Json, path: &str) -> Result<IcansAssessment, InputError> {
    let f = Fields::new(input, path, &ICANS_KEYS)?;
    let age_years = f
        .optional("ageYears")
        .map(|v| json::number_in(v, &f.path_of("ageYears"), AGE_YEARS))
        .transpose()?;
    let chosen = f
        .optional("tool")
        .map(|v| json::one_of(v, &f.path_of("tool"), &TOOLS))
        .transpose()?;
    let tool = Tool::select(age_years, chosen);
    let ice = f
        .optional("ice")
        .map(|v| parse_ice(v, &f.path_of("ice")))
        .transpose()?;
    let capd = f
        .optional("capd")
        .map(|v| parse_capd(v, &f.path_of("capd")))
        .transpose()?;
    let tool_finding = match (tool, ice, capd) {
        (Tool::Ice, Some(_), Some(_)) | (Tool::Capd, Some(_), Some(_)) => {
            return Err(InputError::new(
                f.path_of("capd"),
                Problem::Conflict {
                    other: "ice",
                    why: "give the ICE score or the CAPD, not both",
                },
            ));
        }
        (Tool::Ice, Some(a), None) => Some(ToolFinding::Ice(a)),
        (Tool::Capd, None, Some(a)) => Some(ToolFinding::Capd(a)),
        (Tool::Capd, Some(_), None) => {
            return Err(InputError::new(
                f.path_of("ice"),
                Problem::Conflict {
                    other: "tool CAPD",
                    why: "the CAPD is the tool under age 12 (or when it is chosen); record the CAPD answers, or choose the ICE tool if the child can do the ICE screen",
                },
            ));
        }
        (Tool::Ice, None, Some(_)) => {
            return Err(InputError::new(
                f.path_of("capd"),
                Problem::Conflict {
                    other: "tool ICE",
                    why: "the ICE screen is the tool from age 12; record the ICE points, or choose the CAPD tool for a patient with developmental delay",
                },
            ));
        }
        (Tool::Ice, None, None) | (Tool::Capd, None, None) => None,
    };
    let findings = IcansFindings {
        tool_finding,
        consciousness: f
            .optional("consciousness")
            .map(|v| json::one_of(v, &f.path_of("consciousness"), &CONSCIOUSNESS))
            .transpose()?,
        seizure: f
            .optional("seizure")
            .map(|v| json::one_of(v, &f.path_of("seizure"), &SEIZURE))
            .transpose()?,
        motor: f
            .optional("motor")
            .map(|v| json::one_of(v, &f.path_of("motor"), &MOTOR))
            .transpose()?,
        icp_edema: f
            .optional("icpEdema")
            .map(|v| json::one_of(v, &f.path_of("icpEdema"), &ICP_EDEMA))
            .transpose()?,
        other_cause: match f.optional("otherCause") {
            None => Vec::new(),
            Some(v) => {
                let p = f.path_of("otherCause");
                json::array(v, &p)?
                    .iter()
                    .enumerate()
                    .map(|(i, d)| json::one_of(d, &json::index(&p, i), &DOMAINS))
                    .collect::<Result<Vec<_>, _>>()?
            }
        },
    };
    IcansAssessment::new(tool, findings).map_err(|e| match e {
        IcansInputError::NothingAssessed => InputError::new(
            path,
            Problem::Rule(
                "no ICANS domain was assessed; enter at least one of ice (or capd), consciousness, seizure, motor, icpEdema",
            ),
        ),
        IcansInputError::OtherCauseNotAssessed(d) => InputError::new(
            f.path_of("otherCause"),
            Problem::AttributedButNotAssessed { domain: d.api_name() },
        ),
        IcansInputError::OtherCauseListedTwice(d) => {
            InputError::new(f.path_of("otherCause"), Problem::Duplicate { got: d.api_name().to_string() })
        }
        IcansInputError::ToolMismatch { .. } => {
            InputError::new(path, Problem::Rule("the ICE/CAPD result does not match the tool in use"))
        }
    })
}

fn parse_ice(value: &Json, path: &str) -> Result<IceAssessment, InputError> {
    if let Json::String(s) = value {
        return if s == "unarousable" {
            Ok(IceAssessment::Unarousable)
        } else {
            Err(InputError::new(
                path,
                Problem::UnknownValue {
                    got: s.clone(),
                    allowed: vec!["unarousable", "(an object of item points)"],
                },
            ))
        };
    }
    let f = Fields::new(value, path, &ICE_KEYS)?;
    let item = |key: &str, max: u8| -> Result<u8, InputError> {
        json::whole_number_in(f.required(key)?, &f.path_of(key), 0, max)
    };
    let orientation = item("orientation", 4)?;
    let naming = item("naming", 3)?;
    let commands = item("commands", 1)? == 1;
    let writing = item("writing", 1)? == 1;
    let attention = item("attention", 1)? == 1;
    IceItems::new(orientation, naming, commands, writing, attention)
        .map(IceAssessment::Scored)
        .map_err(|e| {
            // Unreachable after the range checks above; mapped rather than unwrapped.
            let (key, max, got) = match e {
                IceItemError::OrientationAbove4(g) => ("orientation", 4.0, g),
                IceItemError::NamingAbove3(g) => ("naming", 3.0, g),
            };
            InputError::new(
                f.path_of(key),
                Problem::OutOfRange {
                    range: Range::inclusive(0.0, max, ""),
                    got: f64::from(got),
                },
            )
        })
}

fn parse_capd(value: &Json, path: &str) -> Result<CapdAssessment, InputError> {
    match value {
        Json::String(s) if s == "unarousable" => Ok(CapdAssessment::Unarousable),
        Json::String(s) => Err(InputError::new(
            path,
            Problem::UnknownValue {
                got: s.clone(),
                allowed: vec!["unarousable", "(a list of 8 answers)"],
            },
        )),
        Json::Array(items) => {
            if items.len() != 8 {
                return Err(InputError::new(
                    path,
                    Problem::OutOfRange {
                        range: Range::inclusive(8.0, 8.0, " answers"),
                        got: items.len() as f64,
                    },
                ));
            }
            let mut answers = [Frequency::Never; 8];
            for (i, (slot, item)) in answers.iter_mut().zip(items).enumerate() {
                *slot = json::one_of(item, &json::index(path, i), &FREQUENCIES)?;
            }
            Ok(CapdAssessment::Scored(answers))
        }
        other => Err(InputError::new(
            path,
            Problem::WrongType {
                expected: "a list of 8 answers or \"unarousable\"",
                got: other.describe(),
            },
        )),
    }
}

/// Reads a CRS input object (also used for `assessments[i].crs` of a case).
pub fn parse_crs(input: &Json, path: &str) -> Result<CrsAssessment, InputError> {
    let f = Fields::new(input, path, &CRS_KEYS)?;
    let fever_word = f
        .optional("fever")
        .map(|v| json::one_of(v, &f.path_of("fever"), &FEVER))
        .transpose()?;
    let temperature_c = f
        .optional("temperatureC")
        .map(|v| json::number_in(v, &f.path_of("temperatureC"), TEMPERATURE_C))
        .transpose()?;
    let fever = match (fever_word, temperature_c) {
        (Some(_), Some(_)) => {
            return Err(InputError::new(
                f.path_of("temperatureC"),
                Problem::Conflict {
                    other: "fever",
                    why: "give either the fever finding or a measured temperature",
                },
            ));
        }
        (Some(word), None) => word,
        (None, Some(t_c)) => Fever::MeasuredC(t_c),
        (None, None) => {
            return Err(InputError::new(
                f.path_of("fever"),
                Problem::OneOfRequired {
                    first: "fever",
                    second: "temperatureC",
                },
            ));
        }
    };
    let hypotension = f
        .optional("hypotension")
        .map(|v| json::one_of(v, &f.path_of("hypotension"), &HYPOTENSION))
        .transpose()?;
    let flow_l_per_min = f
        .optional("oxygenLitersPerMin")
        .map(|v| json::number_in(v, &f.path_of("oxygenLitersPerMin"), OXYGEN_L_PER_MIN))
        .transpose()?;
    let oxygen = match f.optional("oxygen").map(|v| json::one_of(v, &f.path_of("oxygen"), &OXYGEN)).transpose()? {
        // A flow with no device would be dropped unseen, and with it the hypoxia it records.
        None if flow_l_per_min.is_some() => {
            return Err(InputError::new(
                f.path_of("oxygen"),
                Problem::Rule(
                    "is required when oxygenLitersPerMin is given: the device sets the grade (a nasal cannula by its flow)",
                ),
            ));
        }
        None => None,
        Some(device) => Some(Oxygen::new(device, flow_l_per_min).map_err(|_| {
            InputError::new(
                f.path_of("oxygenLitersPerMin"),
                Problem::Rule(
                    "is required for oxygen \"nasalCannula\": up to 6 L/min is low flow (grade 2), above 6 L/min high flow (grade 3)",
                ),
            )
        })?),
    };
    Ok(CrsAssessment {
        fever,
        hypotension,
        oxygen,
    })
}

/// The ICANS input object of findings as entered, the inverse of [`parse_icans`] (how a form's
/// assessment is written in the case file). `age_years` and `chosen` are the object's own
/// `ageYears` and `tool`, from which the tool in use follows; a key without a value is left out.
pub fn icans_to_json(age_years: Option<f64>, chosen: Option<Tool>, f: &IcansFindings) -> Json {
    let points = |x: u8| Some(Json::Number(f64::from(x)));
    let (tool_key, tool_value) = match &f.tool_finding {
        Some(ToolFinding::Ice(IceAssessment::Scored(i))) => {
            let items = vec![
                ("orientation", points(i.orientation())),
                ("naming", points(i.naming())),
                ("commands", points(u8::from(i.commands()))),
                ("writing", points(u8::from(i.writing()))),
                ("attention", points(u8::from(i.attention()))),
            ];
            ("ice", Some(object_of_present(items)))
        }
        Some(ToolFinding::Capd(CapdAssessment::Scored(a))) => {
            let answers = a.iter().map(|a| word(a.api_name())).collect();
            ("capd", Some(Json::Array(answers)))
        }
        Some(t) => (t.tool().api_name(), Some(word("unarousable"))),
        None => ("", None),
    };
    let other_cause = f.other_cause.iter().map(|d| word(d.api_name())).collect();
    let other_cause = (!f.other_cause.is_empty()).then_some(Json::Array(other_cause));
    object_of_present(vec![
        ("ageYears", age_years.map(Json::Number)),
        ("tool", chosen.map(|t| word(t.api_name()))),
        (tool_key, tool_value),
        ("consciousness", f.consciousness.map(|x| word(x.api_name()))),
        ("seizure", f.seizure.map(|x| word(x.api_name()))),
        ("motor", f.motor.map(|x| word(x.api_name()))),
        ("icpEdema", f.icp_edema.map(|x| word(x.api_name()))),
        ("otherCause", other_cause),
    ])
}

/// The CRS input object of an assessment, the inverse of [`parse_crs`]: a measured temperature
/// as `temperatureC`, a finding as `fever`; the flow only with its device.
pub fn crs_to_json(a: &CrsAssessment) -> Json {
    let oxygen = a.oxygen.as_ref();
    object_of_present(vec![
        match a.fever {
            Fever::MeasuredC(t) => ("temperatureC", Some(Json::Number(t))),
            f => ("fever", Some(word(f.api_name()))),
        },
        ("hypotension", a.hypotension.map(|h| word(h.api_name()))),
        ("oxygen", oxygen.map(|o| word(o.device().api_name()))),
        (
            "oxygenLitersPerMin",
            oxygen.and_then(Oxygen::flow_l_per_min).map(Json::Number),
        ),
    ])
}

fn word(s: &str) -> Json {
    Json::String(s.to_string())
}

/// An object of the fields that have a value, in the order given.
fn object_of_present(fields: Vec<(&str, Option<Json>)>) -> Json {
    let mut kept = Vec::new();
    for (k, v) in fields {
        if let Some(v) = v {
            kept.push((k, v));
        }
    }
    Json::object(kept)
}

#[cfg(test)]
mod name_tests {
    use super::*;
    use crate::grading::crs::{Hypotension, OxygenDevice};
    use crate::grading::icans::{Consciousness, IcansDomain, IcpEdema, Motor, Seizure};

    // Mutants: `Hypotension::api_name` and `OxygenDevice::api_name` -> "" / "xyzzy". Each name must
    // be the one `gradeCrs` reads for that value (the tables here), for every value.
    #[test]
    fn api_names_are_the_names_grade_crs_reads() {
        assert_eq!(HYPOTENSION.map(|(_, h)| h), Hypotension::ALL);
        for (name, h) in HYPOTENSION {
            assert_eq!(h.api_name(), name);
        }
        assert_eq!(OXYGEN.map(|(_, d)| d), OxygenDevice::ALL);
        for (name, d) in OXYGEN {
            assert_eq!(d.api_name(), name);
        }
    }

    // Mutants: `Consciousness`/`Seizure`/`Motor`/`IcpEdema::api_name` -> "" / "xyzzy". Each name
    // must be the one `gradeIcans` reads for that value (the tables here), for every value.
    #[test]
    fn api_names_are_the_names_grade_icans_reads() {
        assert_eq!(CONSCIOUSNESS.map(|(_, v)| v), Consciousness::ALL);
        for (name, v) in CONSCIOUSNESS {
            assert_eq!(v.api_name(), name);
        }
        assert_eq!(SEIZURE.map(|(_, v)| v), Seizure::ALL);
        for (name, v) in SEIZURE {
            assert_eq!(v.api_name(), name);
        }
        assert_eq!(MOTOR.map(|(_, v)| v), Motor::ALL);
        for (name, v) in MOTOR {
            assert_eq!(v.api_name(), name);
        }
        assert_eq!(ICP_EDEMA.map(|(_, v)| v), IcpEdema::ALL);
        for (name, v) in ICP_EDEMA {
            assert_eq!(v.api_name(), name);
        }
        assert_eq!(DOMAINS.map(|(_, v)| v), IcansDomain::ALL);
        for (name, v) in DOMAINS {
            assert_eq!(v.api_name(), name);
        }
        for (name, v) in TOOLS {
            assert_eq!(v.api_name(), name);
        }
    }
}

#[cfg(test)]
mod writer_tests {
    use super::*;

    /// Each kind of finding, written and read back, is the assessment it was written from.
    #[test]
    fn an_icans_object_written_reads_back_as_the_same_assessment() {
        let items = IceItems::new(3, 2, true, false, true).map(IceAssessment::Scored);
        let answers = [Frequency::Never, Frequency::Always, Frequency::Sometimes]
            .into_iter()
            .cycle()
            .take(8)
            .collect::<Vec<_>>();
        let mut capd = [Frequency::Never; 8];
        capd.copy_from_slice(&answers);
        let cases = [
            (Some(39.5), None, items.ok().map(ToolFinding::Ice)),
            (
                None,
                Some(Tool::Ice),
                Some(ToolFinding::Ice(IceAssessment::Unarousable)),
            ),
            (
                Some(5.0),
                None,
                Some(ToolFinding::Capd(CapdAssessment::Scored(capd))),
            ),
            (
                Some(40.0),
                Some(Tool::Capd),
                Some(ToolFinding::Capd(CapdAssessment::Unarousable)),
            ),
            (None, None, None),
        ];
        for (age, chosen, tool_finding) in cases {
            let findings = IcansFindings {
                tool_finding,
                consciousness: Some(Consciousness::AwakensToVoice),
                seizure: Some(Seizure::None),
                motor: None,
                icp_edema: Some(IcpEdema::FocalEdema),
                other_cause: vec![IcansDomain::Seizure],
            };
            let written = icans_to_json(age, chosen, &findings);
            let expected = IcansAssessment::new(Tool::select(age, chosen), findings);
            assert_eq!(
                parse_icans(&written, "icans").ok(),
                expected.ok(),
                "{written:?}"
            );
        }
    }

    #[test]
    fn a_crs_object_written_reads_back_as_the_same_assessment() {
        let cannula = Oxygen::new(OxygenDevice::NasalCannula, Some(4.5)).ok();
        let cases = [
            (
                Fever::MeasuredC(38.4),
                Some(Hypotension::OneVasopressor),
                cannula,
            ),
            (
                Fever::Masked,
                None,
                Oxygen::new(OxygenDevice::Facemask, Some(8.0)).ok(),
            ),
            (Fever::Absent, Some(Hypotension::None), None),
            (
                Fever::Present,
                None,
                Oxygen::new(OxygenDevice::Bipap, None).ok(),
            ),
        ];
        for (fever, hypotension, oxygen) in cases {
            let a = CrsAssessment {
                fever,
                hypotension,
                oxygen,
            };
            let written = crs_to_json(&a);
            assert_eq!(parse_crs(&written, "crs").ok(), Some(a), "{written:?}");
        }
    }
}
