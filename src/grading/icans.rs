//! ICANS grade: the most severe domain not attributable to another cause.
//!
//! # Source
//! Lee DW et al. Biol Blood Marrow Transplant 2019;25(4):625-638, tables "ASTCT ICANS consensus
//! grading for adults" and "... for children" and their footnotes:
//!
//! ```text
//! | Domain                       | Grade 1               | Grade 2          | Grade 3                                   | Grade 4                                         |
//! | ICE score                    | 7-9                   | 3-6              | 0-2                                       | 0 (unarousable and unable to perform ICE)       |
//! | CAPD (children < 12)         | 1-8                   | 1-8              | >= 9                                      | unable to perform CAPD                          |
//! | Depressed level of           | Awakens spontaneously | Awakens to voice | Awakens only to tactile stimulus          | Unarousable or requires vigorous or repetitive  |
//! |   consciousness              |                       |                  |                                           |   tactile stimuli to arouse. Stupor or coma     |
//! | Seizure                      | N/A                   | N/A              | Any clinical seizure focal or generalized | Life-threatening prolonged seizure (>5 min); or |
//! |                              |                       |                  |   that resolves rapidly, or nonconvulsive |   repetitive clinical or electrical seizures    |
//! |                              |                       |                  |   seizures on EEG that resolve with       |   without return to baseline in between         |
//! |                              |                       |                  |   intervention                            |                                                 |
//! | Motor findings               | N/A                   | N/A              | N/A                                       | Deep focal motor weakness such as hemiparesis   |
//! |                              |                       |                  |                                           |   or paraparesis                                |
//! | Elevated ICP/cerebral edema  | N/A                   | N/A              | Focal/local edema on neuroimaging         | Diffuse cerebral edema on neuroimaging;         |
//! |                              |                       |                  |                                           |   decerebrate or decorticate posturing; or      |
//! |                              |                       |                  |                                           |   cranial nerve VI palsy; or papilledema; or    |
//! |                              |                       |                  |                                           |   Cushing's triad                               |
//! "ICANS grade is determined by the most severe event (ICE score, level of consciousness,
//!  seizure, motor findings, raised ICP/cerebral edema) not attributable to any other cause."
//! Tremors and myoclonus do not influence ICANS grading; intracranial hemorrhage with or without
//! associated edema is not a neurotoxicity feature and is excluded from ICANS grading.
//! ```
//! Decisions where sources differ are those of SPEC §2 (ICE from age 12; "alert" as grade 0;
//! CAPD 1-8 grade 1; a domain not assessed is not normal).

use super::Grade;
use super::capd::CapdAssessment;
use super::ice::IceAssessment;
use crate::error::Range;
use crate::sources;
use serde::{Serialize, Serializer};

/// Age from which the ICE score applies (SPEC §2: age >= 12 -> ICE, < 12 -> CAPD). Sources
/// differ on whether a 12-year-old gets ICE (ASTCT/ASCO) or CAPD (NCI Thesaurus C188936).
pub const ICE_FROM_AGE_YEARS: f64 = 12.0;

/// Patient ages the calculator accepts, in years (SPEC §3: `ageYears` 0-120), whether given
/// with an assessment or with the patient of a case.
pub const AGE_YEARS: Range = Range::inclusive(0.0, 120.0, " years");

/// How the grade follows from the domains, as the reference table says it (Lee 2019: "ICANS
/// grade is determined by the most severe event ... not attributable to any other cause").
pub const GRADE_RULE: &str = "Grade = most severe domain not attributable to another cause. A normal domain (ICE 10, CAPD 0, alert, no seizure, no weakness, no edema) is grade 0.";

/// The five ICANS domains, in the order of the ASTCT table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IcansDomain {
    /// The encephalopathy tool: ICE (age >= 12) or CAPD.
    Tool,
    Consciousness,
    Seizure,
    Motor,
    IcpEdema,
}

impl IcansDomain {
    pub const ALL: [IcansDomain; 5] = [
        IcansDomain::Tool,
        IcansDomain::Consciousness,
        IcansDomain::Seizure,
        IcansDomain::Motor,
        IcansDomain::IcpEdema,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            IcansDomain::Tool => "tool",
            IcansDomain::Consciousness => "consciousness",
            IcansDomain::Seizure => "seizure",
            IcansDomain::Motor => "motor",
            IcansDomain::IcpEdema => "icpEdema",
        }
    }

    pub fn label(self, tool: Tool) -> &'static str {
        match (self, tool) {
            (IcansDomain::Tool, Tool::Ice) => "ICE score",
            (IcansDomain::Tool, Tool::Capd) => "CAPD score",
            (IcansDomain::Consciousness, _) => "Level of consciousness",
            (IcansDomain::Seizure, _) => "Seizure",
            (IcansDomain::Motor, _) => "Motor findings",
            (IcansDomain::IcpEdema, _) => "Raised ICP / cerebral edema",
        }
    }
}

impl IcansDomain {
    /// This domain's row of the ASTCT ICANS table, grades 1 to 4, generated from what the core
    /// grades: the tool's bands, else the findings graded at each grade ("N/A" where none).
    pub fn table_row(self, tool: Tool) -> [String; 4] {
        let findings: Vec<(Grade, &'static str)> = match self {
            IcansDomain::Tool => Vec::new(),
            IcansDomain::Consciousness => {
                Consciousness::ALL.map(|c| (c.grade(), c.label())).to_vec()
            }
            IcansDomain::Seizure => Seizure::ALL.map(|c| (c.grade(), c.label())).to_vec(),
            IcansDomain::Motor => Motor::ALL.map(|c| (c.grade(), c.label())).to_vec(),
            IcansDomain::IcpEdema => IcpEdema::ALL.map(|c| (c.grade(), c.label())).to_vec(),
        };
        [Grade::G1, Grade::G2, Grade::G3, Grade::G4].map(|g| {
            let cells: Vec<&str> = match (self, tool) {
                (IcansDomain::Tool, Tool::Ice) => vec![super::ice::band(g)],
                (IcansDomain::Tool, Tool::Capd) => vec![super::capd::band(g)],
                _ => findings
                    .iter()
                    .filter(|(fg, _)| *fg == g)
                    .map(|(_, l)| *l)
                    .collect(),
            };
            if cells.is_empty() {
                "N/A".to_string()
            } else {
                cells.join("; ")
            }
        })
    }
}

impl Serialize for IcansDomain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// The encephalopathy tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Ice,
    Capd,
}

impl Tool {
    /// ICE for age >= 12 or unknown age, CAPD under 12; an explicit choice wins (CAPD for
    /// developmental delay at any age, or ICE for a child who can do it).
    pub fn select(age_years: Option<f64>, chosen: Option<Tool>) -> Tool {
        match (chosen, age_years) {
            (Some(tool), _) => tool,
            (None, Some(age)) if age < ICE_FROM_AGE_YEARS => Tool::Capd,
            (None, Some(_)) | (None, None) => Tool::Ice,
        }
    }

    /// Which tool is in use and why ([`Tool::select`]), as said under the age.
    pub fn selection_note(chosen: Option<Tool>, age_years: Option<f64>) -> String {
        let from = ICE_FROM_AGE_YEARS;
        match (chosen, age_years) {
            (Some(Tool::Capd), _) => {
                "Using CAPD (chosen: child, or developmental delay at any age).".to_string()
            }
            (Some(Tool::Ice), Some(a)) if a < from => {
                format!("Using ICE (chosen for a child under {from} who can do it).")
            }
            (Some(Tool::Ice), _) => "Using ICE (chosen).".to_string(),
            (None, Some(a)) if a < from => {
                format!("Using CAPD: age under {from} (ICE applies from age {from}).")
            }
            (None, Some(_)) => format!("Using ICE: age {from} or over."),
            (None, None) => {
                format!("Using ICE (no age entered; ICE applies from age {from}, CAPD below).")
            }
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Tool::Ice => "ice",
            Tool::Capd => "capd",
        }
    }
}

impl Serialize for Tool {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// "Depressed level of consciousness" row, with the normal level added (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Consciousness {
    Alert,
    AwakensSpontaneously,
    AwakensToVoice,
    AwakensToTactile,
    Unarousable,
}

impl Consciousness {
    pub const ALL: [Consciousness; 5] = [
        Consciousness::Alert,
        Consciousness::AwakensSpontaneously,
        Consciousness::AwakensToVoice,
        Consciousness::AwakensToTactile,
        Consciousness::Unarousable,
    ];

    /// Alert 0 | Awakens spontaneously 1 | Awakens to voice 2 | Awakens only to tactile
    /// stimulus 3 | Unarousable, vigorous or repetitive stimuli, stupor or coma 4.
    pub fn grade(self) -> Grade {
        match self {
            Consciousness::Alert => Grade::G0,
            Consciousness::AwakensSpontaneously => Grade::G1,
            Consciousness::AwakensToVoice => Grade::G2,
            Consciousness::AwakensToTactile => Grade::G3,
            Consciousness::Unarousable => Grade::G4,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Consciousness::Alert => "alert",
            Consciousness::AwakensSpontaneously => "awakensSpontaneously",
            Consciousness::AwakensToVoice => "awakensToVoice",
            Consciousness::AwakensToTactile => "awakensToTactile",
            Consciousness::Unarousable => "unarousable",
        }
    }

    /// Lee 2019 wording.
    pub fn label(self) -> &'static str {
        match self {
            Consciousness::Alert => "Alert (normal level of consciousness)",
            Consciousness::AwakensSpontaneously => "Awakens spontaneously",
            Consciousness::AwakensToVoice => "Awakens to voice",
            Consciousness::AwakensToTactile => "Awakens only to tactile stimulus",
            Consciousness::Unarousable => {
                "Unarousable or requires vigorous or repetitive tactile stimuli to arouse; stupor or coma"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seizure {
    None,
    RapidlyResolving,
    ProlongedOrRepetitive,
}

impl Seizure {
    pub const ALL: [Seizure; 3] = [
        Seizure::None,
        Seizure::RapidlyResolving,
        Seizure::ProlongedOrRepetitive,
    ];

    /// Seizure row: N/A for grades 1-2; resolving rapidly 3; prolonged or repetitive 4.
    pub fn grade(self) -> Grade {
        match self {
            Seizure::None => Grade::G0,
            Seizure::RapidlyResolving => Grade::G3,
            Seizure::ProlongedOrRepetitive => Grade::G4,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Seizure::None => "none",
            Seizure::RapidlyResolving => "rapidlyResolving",
            Seizure::ProlongedOrRepetitive => "prolongedOrRepetitive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Seizure::None => "No seizure",
            Seizure::RapidlyResolving => {
                "Any clinical seizure, focal or generalized, that resolves rapidly, or nonconvulsive seizures on EEG that resolve with intervention"
            }
            Seizure::ProlongedOrRepetitive => {
                "Life-threatening prolonged seizure (>5 min), or repetitive clinical or electrical seizures without return to baseline in between"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Motor {
    None,
    DeepFocalWeakness,
}

impl Motor {
    pub const ALL: [Motor; 2] = [Motor::None, Motor::DeepFocalWeakness];

    /// Motor row: N/A for grades 1-3; deep focal motor weakness 4.
    pub fn grade(self) -> Grade {
        match self {
            Motor::None => Grade::G0,
            Motor::DeepFocalWeakness => Grade::G4,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Motor::None => "none",
            Motor::DeepFocalWeakness => "deepFocalWeakness",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Motor::None => "No deep focal motor weakness (tremor and myoclonus do not count)",
            Motor::DeepFocalWeakness => {
                "Deep focal motor weakness such as hemiparesis or paraparesis"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IcpEdema {
    None,
    FocalEdema,
    DiffuseEdemaOrSigns,
}

impl IcpEdema {
    pub const ALL: [IcpEdema; 3] = [
        IcpEdema::None,
        IcpEdema::FocalEdema,
        IcpEdema::DiffuseEdemaOrSigns,
    ];

    /// Elevated ICP / cerebral edema row: focal/local edema 3; diffuse edema or signs 4.
    pub fn grade(self) -> Grade {
        match self {
            IcpEdema::None => Grade::G0,
            IcpEdema::FocalEdema => Grade::G3,
            IcpEdema::DiffuseEdemaOrSigns => Grade::G4,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            IcpEdema::None => "none",
            IcpEdema::FocalEdema => "focalEdema",
            IcpEdema::DiffuseEdemaOrSigns => "diffuseEdemaOrSigns",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IcpEdema::None => {
                "No signs of raised ICP or cerebral edema (intracranial hemorrhage is excluded from ICANS)"
            }
            IcpEdema::FocalEdema => "Focal/local edema on neuroimaging",
            IcpEdema::DiffuseEdemaOrSigns => {
                "Diffuse cerebral edema on neuroimaging; decerebrate or decorticate posturing; or cranial nerve VI palsy; or papilledema; or Cushing's triad"
            }
        }
    }
}

/// The ICE or CAPD finding, which must match the tool in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolFinding {
    Ice(IceAssessment),
    Capd(CapdAssessment),
}

impl ToolFinding {
    pub fn tool(&self) -> Tool {
        match self {
            ToolFinding::Ice(_) => Tool::Ice,
            ToolFinding::Capd(_) => Tool::Capd,
        }
    }

    pub fn grade(&self) -> Grade {
        match self {
            ToolFinding::Ice(a) => a.grade(),
            ToolFinding::Capd(a) => a.grade(),
        }
    }

    pub fn finding(&self) -> String {
        match self {
            ToolFinding::Ice(a) => a.finding(),
            ToolFinding::Capd(a) => a.finding(),
        }
    }
}

/// Why an ICANS assessment cannot be graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcansInputError {
    /// An ICE result while the tool is CAPD, or a CAPD result while it is ICE.
    ToolMismatch {
        tool: Tool,
        given: Tool,
    },
    NothingAssessed,
    /// A domain marked "attributable to another cause" that has no finding.
    OtherCauseNotAssessed(IcansDomain),
    OtherCauseListedTwice(IcansDomain),
}

impl std::fmt::Display for IcansInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IcansInputError::ToolMismatch { .. } => {
                write!(f, "the ICE/CAPD result does not match the tool in use")
            }
            IcansInputError::NothingAssessed => write!(f, "no ICANS domain was assessed"),
            IcansInputError::OtherCauseNotAssessed(d) => write!(
                f,
                "{} is attributed to another cause but was not assessed",
                d.api_name()
            ),
            IcansInputError::OtherCauseListedTwice(d) => {
                write!(f, "{} is attributed to another cause twice", d.api_name())
            }
        }
    }
}

/// A complete, consistent ICANS assessment: only this type can be graded.
#[derive(Debug, Clone, PartialEq)]
pub struct IcansAssessment {
    tool: Tool,
    tool_finding: Option<ToolFinding>,
    consciousness: Option<Consciousness>,
    seizure: Option<Seizure>,
    motor: Option<Motor>,
    icp_edema: Option<IcpEdema>,
    other_cause: Vec<IcansDomain>,
}

/// Findings as entered; `IcansAssessment::new` checks them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IcansFindings {
    pub tool_finding: Option<ToolFinding>,
    pub consciousness: Option<Consciousness>,
    pub seizure: Option<Seizure>,
    pub motor: Option<Motor>,
    pub icp_edema: Option<IcpEdema>,
    /// Domains the clinician attributes to another cause (e.g. sedation): shown, not graded.
    pub other_cause: Vec<IcansDomain>,
}

impl IcansAssessment {
    pub fn new(tool: Tool, findings: IcansFindings) -> Result<Self, IcansInputError> {
        if let Some(given) = findings.tool_finding.map(|f| f.tool())
            && given != tool
        {
            return Err(IcansInputError::ToolMismatch { tool, given });
        }
        let assessment = IcansAssessment {
            tool,
            tool_finding: findings.tool_finding,
            consciousness: findings.consciousness,
            seizure: findings.seizure,
            motor: findings.motor,
            icp_edema: findings.icp_edema,
            other_cause: Vec::new(),
        };
        if IcansDomain::ALL
            .iter()
            .all(|d| assessment.domain_grade(*d).is_none())
        {
            return Err(IcansInputError::NothingAssessed);
        }
        let mut other_cause: Vec<IcansDomain> = Vec::new();
        for domain in findings.other_cause {
            if other_cause.contains(&domain) {
                return Err(IcansInputError::OtherCauseListedTwice(domain));
            }
            if assessment.domain_grade(domain).is_none() {
                return Err(IcansInputError::OtherCauseNotAssessed(domain));
            }
            other_cause.push(domain);
        }
        Ok(IcansAssessment {
            other_cause,
            ..assessment
        })
    }

    pub fn tool(&self) -> Tool {
        self.tool
    }

    /// The findings as entered (what [`IcansAssessment::new`] was given), e.g. to write them
    /// back to the case file or to a form.
    pub fn findings(&self) -> IcansFindings {
        IcansFindings {
            tool_finding: self.tool_finding,
            consciousness: self.consciousness,
            seizure: self.seizure,
            motor: self.motor,
            icp_edema: self.icp_edema,
            other_cause: self.other_cause.clone(),
        }
    }

    /// Sub-grade and finding of one domain, `None` when it was not assessed.
    fn domain_grade(&self, domain: IcansDomain) -> Option<(Grade, String)> {
        match domain {
            IcansDomain::Tool => self.tool_finding.map(|f| (f.grade(), f.finding())),
            IcansDomain::Consciousness => self
                .consciousness
                .map(|c| (c.grade(), c.label().to_string())),
            IcansDomain::Seizure => self.seizure.map(|s| (s.grade(), s.label().to_string())),
            IcansDomain::Motor => self.motor.map(|m| (m.grade(), m.label().to_string())),
            IcansDomain::IcpEdema => self.icp_edema.map(|i| (i.grade(), i.label().to_string())),
        }
    }

    /// Grades the assessment: the most severe assessed domain not attributable to another cause.
    pub fn grade(&self) -> IcansResult {
        let mut domains = Vec::new();
        let mut missing = Vec::new();
        for domain in IcansDomain::ALL {
            match self.domain_grade(domain) {
                Some((grade, finding)) => domains.push(DomainGrade {
                    domain,
                    grade,
                    finding,
                    excluded: self.other_cause.contains(&domain),
                }),
                None => missing.push(domain),
            }
        }
        let grade = domains
            .iter()
            .filter(|d| !d.excluded)
            .map(|d| d.grade)
            .max()
            .unwrap_or(Grade::G0);
        let drivers: Vec<IcansDomain> = if grade == Grade::G0 {
            Vec::new()
        } else {
            domains
                .iter()
                .filter(|d| !d.excluded && d.grade == grade)
                .map(|d| d.domain)
                .collect()
        };
        let (ice_total, capd_total) = match self.tool_finding {
            Some(ToolFinding::Ice(a)) => (Some(a.total()), None),
            Some(ToolFinding::Capd(a)) => (None, a.total()),
            None => (None, None),
        };
        let basis = basis_text(grade, self.tool, &domains, &drivers, &missing);
        let mut notes = Vec::new();
        if self.tool == Tool::Capd {
            notes.push(
                "CAPD is used for children under 12 and for older patients with developmental delay (Lee 2019; CAPD: Traube 2014)."
                    .to_string(),
            );
        }
        for d in domains.iter().filter(|d| d.excluded) {
            notes.push(format!(
                "{} is attributed to another cause (e.g. sedation) and is not counted (Lee 2019 footnote).",
                d.domain.label(self.tool)
            ));
        }
        IcansResult {
            grade,
            tool: self.tool,
            ice_total,
            capd_total,
            complete: missing.is_empty(),
            domains,
            drivers,
            missing,
            basis,
            notes,
            source: sources::ICANS_TABLES,
            version: crate::APP_VERSION,
        }
    }
}

fn basis_text(
    grade: Grade,
    tool: Tool,
    domains: &[DomainGrade],
    drivers: &[IcansDomain],
    missing: &[IcansDomain],
) -> String {
    let rule = "ICANS grade = the most severe domain not attributable to another cause";
    let set_by = if drivers.is_empty() {
        if domains.iter().all(|d| d.excluded) {
            "every assessed domain is attributed to another cause".to_string()
        } else {
            "no assessed domain is abnormal".to_string()
        }
    } else {
        let names: Vec<String> = drivers
            .iter()
            .filter_map(|dr| domains.iter().find(|d| d.domain == *dr))
            .map(|d| format!("{}: {}", d.domain.label(tool), d.finding))
            .collect();
        format!("set by {}", names.join("; and "))
    };
    let incomplete = if missing.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = missing.iter().map(|d| d.label(tool)).collect();
        format!(
            " Incomplete: {} not assessed, so the grade is at least {grade}.",
            names.join(", ")
        )
    };
    format!("Grade {grade}: {set_by}. {rule}.{incomplete}")
}

/// One assessed domain in the result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainGrade {
    pub domain: IcansDomain,
    pub grade: Grade,
    /// The finding and the table cell it falls in.
    pub finding: String,
    /// Attributed to another cause: shown, not counted.
    pub excluded: bool,
}

/// The result shape of `gradeIcans` (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IcansResult {
    pub grade: Grade,
    pub tool: Tool,
    pub ice_total: Option<u8>,
    pub capd_total: Option<u8>,
    pub domains: Vec<DomainGrade>,
    /// Domains whose grade equals the overall grade (empty at grade 0).
    pub drivers: Vec<IcansDomain>,
    pub complete: bool,
    pub missing: Vec<IcansDomain>,
    /// The rule in words and what set the grade.
    pub basis: String,
    pub notes: Vec<String>,
    pub source: &'static str,
    pub version: &'static str,
}

impl IcansResult {
    /// The result's status in words: all domains assessed, or the lowest possible grade and the
    /// domains not assessed.
    pub fn status(&self) -> String {
        match self.complete {
            true => "All five domains assessed".to_string(),
            false => {
                let missing = self.missing.iter().map(|d| d.label(self.tool)).collect();
                self.grade.incomplete_status(missing)
            }
        }
    }
}

/// Findings entered together that cannot both be true of one patient at one time: the tool
/// scored in an awake patient while consciousness is "unarousable", or the tool marked
/// "unarousable" while consciousness shows the patient can be woken. The grade is not changed
/// (SPEC §3: domains are not cross-checked); the page shows these beside the result so the entry
/// is checked. Reads the result's domains, including those attributed to another cause:
/// a tool at grade 4 is the "unarousable" cell (ICE and CAPD reach grade 4 no other way), and
/// consciousness at grade 4 is "unarousable" (Lee 2019 table).
pub fn inconsistencies(r: &IcansResult) -> Vec<String> {
    let find = |domain: IcansDomain| r.domains.iter().find(|d| d.domain == domain);
    let tool_name = match r.tool {
        Tool::Ice => "ICE",
        Tool::Capd => "CAPD",
    };
    let (Some(tool), Some(consciousness)) =
        (find(IcansDomain::Tool), find(IcansDomain::Consciousness))
    else {
        return Vec::new();
    };
    match (tool.grade == Grade::G4, consciousness.grade == Grade::G4) {
        (false, true) => vec![format!(
            "Check the entry: {tool_name} was scored in an awake patient ({}), but the level of consciousness is \u{201c}unarousable\u{201d}. A patient who cannot be woken cannot do {tool_name}. The grade takes each finding as entered.",
            tool.finding
        )],
        (true, false) => vec![format!(
            "Check the entry: {tool_name} is marked \u{201c}unarousable\u{201d}, but the level of consciousness is \u{201c}{}\u{201d}. The grade takes each finding as entered.",
            consciousness.finding
        )],
        (true, true) | (false, false) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_note_says_which_tool_and_why() {
        let note = Tool::selection_note;
        assert_eq!(note(None, Some(40.0)), "Using ICE: age 12 or over.");
        assert!(note(None, Some(5.0)).starts_with("Using CAPD: age under 12"));
        assert!(note(Some(Tool::Ice), Some(5.0)).contains("chosen for a child under 12"));
        assert!(note(Some(Tool::Capd), None).starts_with("Using CAPD (chosen"));
        assert!(note(None, None).contains("no age entered"));
    }
    use crate::grading::capd::Frequency;
    use crate::grading::ice::IceItems;

    fn ice(total_orientation: u8, naming: u8, c: bool, w: bool, a: bool) -> ToolFinding {
        ToolFinding::Ice(IceAssessment::Scored(
            IceItems::new(total_orientation, naming, c, w, a).expect("valid"),
        ))
    }

    fn full_normal() -> IcansFindings {
        IcansFindings {
            tool_finding: Some(ice(4, 3, true, true, true)),
            consciousness: Some(Consciousness::Alert),
            seizure: Some(Seizure::None),
            motor: Some(Motor::None),
            icp_edema: Some(IcpEdema::None),
            other_cause: vec![],
        }
    }

    fn grade(f: IcansFindings) -> IcansResult {
        IcansAssessment::new(Tool::Ice, f)
            .expect("valid assessment")
            .grade()
    }

    #[test]
    fn age_12_uses_ice() {
        assert_eq!(Tool::select(Some(12.0), None), Tool::Ice);
    }

    #[test]
    fn age_just_under_12_uses_capd() {
        assert_eq!(Tool::select(Some(11.99), None), Tool::Capd);
    }

    #[test]
    fn unknown_age_uses_ice() {
        assert_eq!(Tool::select(None, None), Tool::Ice);
    }

    #[test]
    fn chosen_tool_overrides_age() {
        assert_eq!(Tool::select(Some(30.0), Some(Tool::Capd)), Tool::Capd);
        assert_eq!(Tool::select(Some(8.0), Some(Tool::Ice)), Tool::Ice);
    }

    #[test]
    fn all_normal_is_grade_0_complete_without_drivers() {
        let r = grade(full_normal());
        assert_eq!(r.grade, Grade::G0);
        assert!(r.complete);
        assert!(r.drivers.is_empty());
        assert_eq!(r.ice_total, Some(10));
        assert_eq!(r.capd_total, None);
        assert_eq!(r.domains.len(), 5);
    }

    #[test]
    fn lee_example_ice_3_with_generalized_seizure_is_grade_3_driven_by_seizure() {
        let r = grade(IcansFindings {
            tool_finding: Some(ice(3, 0, false, false, false)),
            seizure: Some(Seizure::RapidlyResolving),
            ..full_normal()
        });
        assert_eq!(r.grade, Grade::G3);
        assert_eq!(r.drivers, vec![IcansDomain::Seizure]);
    }

    #[test]
    fn consciousness_rows_grade_0_to_4() {
        let grades: Vec<Grade> = Consciousness::ALL
            .iter()
            .map(|c| {
                grade(IcansFindings {
                    consciousness: Some(*c),
                    ..full_normal()
                })
                .grade
            })
            .collect();
        assert_eq!(
            grades,
            vec![Grade::G0, Grade::G1, Grade::G2, Grade::G3, Grade::G4]
        );
    }

    #[test]
    fn seizure_rows_grade_0_3_4() {
        let grades: Vec<Grade> = Seizure::ALL
            .iter()
            .map(|s| {
                grade(IcansFindings {
                    seizure: Some(*s),
                    ..full_normal()
                })
                .grade
            })
            .collect();
        assert_eq!(grades, vec![Grade::G0, Grade::G3, Grade::G4]);
    }

    #[test]
    fn motor_rows_grade_0_4() {
        let grades: Vec<Grade> = Motor::ALL
            .iter()
            .map(|m| {
                grade(IcansFindings {
                    motor: Some(*m),
                    ..full_normal()
                })
                .grade
            })
            .collect();
        assert_eq!(grades, vec![Grade::G0, Grade::G4]);
    }

    #[test]
    fn icp_edema_rows_grade_0_3_4() {
        let grades: Vec<Grade> = IcpEdema::ALL
            .iter()
            .map(|i| {
                grade(IcansFindings {
                    icp_edema: Some(*i),
                    ..full_normal()
                })
                .grade
            })
            .collect();
        assert_eq!(grades, vec![Grade::G0, Grade::G3, Grade::G4]);
    }

    #[test]
    fn ice_0_awake_is_grade_3_but_unarousable_is_grade_4() {
        let awake = grade(IcansFindings {
            tool_finding: Some(ice(0, 0, false, false, false)),
            ..full_normal()
        });
        assert_eq!((awake.grade, awake.ice_total), (Grade::G3, Some(0)));
        let unarousable = grade(IcansFindings {
            tool_finding: Some(ToolFinding::Ice(IceAssessment::Unarousable)),
            ..full_normal()
        });
        assert_eq!(
            (unarousable.grade, unarousable.ice_total),
            (Grade::G4, Some(0))
        );
    }

    #[test]
    fn ties_name_every_driving_domain() {
        let r = grade(IcansFindings {
            consciousness: Some(Consciousness::Unarousable),
            motor: Some(Motor::DeepFocalWeakness),
            ..full_normal()
        });
        assert_eq!(r.grade, Grade::G4);
        assert_eq!(
            r.drivers,
            vec![IcansDomain::Consciousness, IcansDomain::Motor]
        );
    }

    #[test]
    fn domain_attributed_to_other_cause_is_shown_but_not_counted() {
        let r = grade(IcansFindings {
            consciousness: Some(Consciousness::AwakensToTactile),
            tool_finding: Some(ice(4, 2, true, true, true)),
            other_cause: vec![IcansDomain::Consciousness],
            ..full_normal()
        });
        assert_eq!(r.grade, Grade::G1);
        assert_eq!(r.drivers, vec![IcansDomain::Tool]);
        let c = r
            .domains
            .iter()
            .find(|d| d.domain == IcansDomain::Consciousness)
            .expect("shown");
        assert!(c.excluded);
        assert_eq!(c.grade, Grade::G3);
    }

    #[test]
    fn every_assessed_domain_excluded_gives_grade_0() {
        let f = IcansFindings {
            consciousness: Some(Consciousness::Unarousable),
            other_cause: vec![IcansDomain::Consciousness],
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Ice, f).expect("valid").grade();
        assert_eq!(r.grade, Grade::G0);
        assert!(r.drivers.is_empty());
    }

    #[test]
    fn other_cause_must_be_assessed() {
        let f = IcansFindings {
            consciousness: Some(Consciousness::Alert),
            other_cause: vec![IcansDomain::Seizure],
            ..IcansFindings::default()
        };
        assert_eq!(
            IcansAssessment::new(Tool::Ice, f),
            Err(IcansInputError::OtherCauseNotAssessed(IcansDomain::Seizure))
        );
    }

    #[test]
    fn missing_domain_is_not_normal_grade_is_worst_assessed_and_incomplete() {
        let f = IcansFindings {
            tool_finding: Some(ice(4, 1, true, true, true)),
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Ice, f).expect("valid").grade();
        assert_eq!(r.grade, Grade::G1);
        assert!(!r.complete);
        assert_eq!(
            r.missing,
            vec![
                IcansDomain::Consciousness,
                IcansDomain::Seizure,
                IcansDomain::Motor,
                IcansDomain::IcpEdema
            ]
        );
        assert!(r.basis.contains("Incomplete"));
    }

    #[test]
    fn nothing_assessed_is_an_error() {
        assert_eq!(
            IcansAssessment::new(Tool::Ice, IcansFindings::default()),
            Err(IcansInputError::NothingAssessed)
        );
    }

    #[test]
    fn ice_result_with_capd_tool_is_an_error() {
        let f = IcansFindings {
            tool_finding: Some(ice(4, 3, true, true, true)),
            ..IcansFindings::default()
        };
        assert_eq!(
            IcansAssessment::new(Tool::Capd, f),
            Err(IcansInputError::ToolMismatch {
                tool: Tool::Capd,
                given: Tool::Ice
            })
        );
    }

    #[test]
    fn capd_9_in_a_child_is_grade_3() {
        use Frequency::*;
        let answers = [
            Always, Always, Always, Always, Always, Always, Rarely, Never,
        ];
        let f = IcansFindings {
            tool_finding: Some(ToolFinding::Capd(CapdAssessment::Scored(answers))),
            consciousness: Some(Consciousness::Alert),
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Capd, f).expect("valid").grade();
        assert_eq!(
            (r.grade, r.capd_total, r.ice_total),
            (Grade::G3, Some(9), None)
        );
    }

    #[test]
    fn capd_unarousable_has_no_total_and_grade_4() {
        let f = IcansFindings {
            tool_finding: Some(ToolFinding::Capd(CapdAssessment::Unarousable)),
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Capd, f).expect("valid").grade();
        assert_eq!((r.grade, r.capd_total), (Grade::G4, None));
    }

    #[test]
    fn domains_are_not_cross_checked() {
        // ICE 10 with an unarousable patient is contradictory; the API grades it as entered.
        let r = grade(IcansFindings {
            consciousness: Some(Consciousness::Unarousable),
            ..full_normal()
        });
        assert_eq!(r.grade, Grade::G4);
        assert_eq!(r.ice_total, Some(10));
    }

    const RULE: &str = "ICANS grade = the most severe domain not attributable to another cause";

    // Mutant: `d.domain == *dr` -> `!=` in `basis_text` (each driver would be described by the
    // first other domain's finding). Tie at grade 4: unarousable (consciousness row, grade 4) and
    // deep focal weakness (motor row, grade 4); both named, each with its own table cell.
    #[test]
    fn basis_names_each_driver_with_its_own_finding() {
        let r = grade(IcansFindings {
            consciousness: Some(Consciousness::Unarousable),
            motor: Some(Motor::DeepFocalWeakness),
            ..full_normal()
        });
        assert_eq!(
            r.basis,
            format!(
                "Grade 4: set by Level of consciousness: Unarousable or requires vigorous or repetitive tactile stimuli to arouse; stupor or coma; and Motor findings: Deep focal motor weakness such as hemiparesis or paraparesis. {RULE}."
            )
        );
    }

    // Mutants: `ToolFinding::finding` -> "" / "xyzzy", `IcansDomain::label` -> "" / "xyzzy".
    // ICE 1 + 1 = 2 (band 0-2, awake: grade 3) and CAPD 4 + 4 + 1 = 9 (band >= 9: grade 3) each set
    // the grade; the tool row and the basis name the tool and the fired band. The CAPD case is
    // missing three domains, named with their labels.
    #[test]
    fn tool_row_and_basis_name_the_tool_and_its_band() {
        let r = grade(IcansFindings {
            tool_finding: Some(ice(1, 1, false, false, false)),
            ..full_normal()
        });
        assert_eq!(r.domains[0].domain, IcansDomain::Tool);
        assert_eq!(r.domains[0].finding, "ICE 2/10 (band 0\u{2013}2, awake)");
        assert_eq!(
            r.basis,
            format!("Grade 3: set by ICE score: ICE 2/10 (band 0\u{2013}2, awake). {RULE}.")
        );
        use Frequency::*;
        let answers = [
            Always, Always, Always, Always, Always, Always, Rarely, Never,
        ];
        let f = IcansFindings {
            tool_finding: Some(ToolFinding::Capd(CapdAssessment::Scored(answers))),
            consciousness: Some(Consciousness::Alert),
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Capd, f).expect("valid").grade();
        assert_eq!(r.domains[0].finding, "CAPD 9/32 (band 9 or more)");
        assert_eq!(
            r.basis,
            format!(
                "Grade 3: set by CAPD score: CAPD 9/32 (band 9 or more). {RULE}. Incomplete: Seizure, Motor findings, Raised ICP / cerebral edema not assessed, so the grade is at least 3."
            )
        );
    }

    // Mutant: `self.tool == Tool::Capd` -> `!=` in `IcansAssessment::grade`. The CAPD note
    // belongs to CAPD assessments only; an all-normal ICE assessment has no note at all.
    #[test]
    fn capd_note_only_when_the_tool_is_capd() {
        assert!(grade(full_normal()).notes.is_empty());
        let f = IcansFindings {
            tool_finding: Some(ToolFinding::Capd(CapdAssessment::Unarousable)),
            ..IcansFindings::default()
        };
        let r = IcansAssessment::new(Tool::Capd, f).expect("valid").grade();
        assert_eq!(r.notes.len(), 1);
        assert!(r.notes[0].starts_with("CAPD is used for children under 12"));
    }

    // Mutants: `IcansDomain::label`, `Seizure::label`, `Motor::label`, `IcpEdema::label` -> "" /
    // "xyzzy". Domain labels are the ASTCT row names; each cell label carries its Lee 2019 phrase.
    #[test]
    fn labels_carry_the_lee_2019_row_and_cell_wording() {
        assert_eq!(
            IcansDomain::ALL.map(|d| d.label(Tool::Ice)),
            [
                "ICE score",
                "Level of consciousness",
                "Seizure",
                "Motor findings",
                "Raised ICP / cerebral edema"
            ]
        );
        assert_eq!(IcansDomain::Tool.label(Tool::Capd), "CAPD score");
        let cells: [(&str, &str); 7] = [
            (Seizure::None.label(), "No seizure"),
            (Seizure::RapidlyResolving.label(), "resolves rapidly"),
            (
                Seizure::ProlongedOrRepetitive.label(),
                "prolonged seizure (>5 min)",
            ),
            (Motor::None.label(), "tremor and myoclonus do not count"),
            (
                Motor::DeepFocalWeakness.label(),
                "hemiparesis or paraparesis",
            ),
            (IcpEdema::FocalEdema.label(), "Focal/local edema"),
            (
                IcpEdema::DiffuseEdemaOrSigns.label(),
                "Diffuse cerebral edema",
            ),
        ];
        for (label, phrase) in cells {
            assert!(label.contains(phrase), "{label:?} lacks {phrase:?}");
        }
        assert!(
            IcpEdema::None
                .label()
                .contains("intracranial hemorrhage is excluded")
        );
    }
}
