// Types of the icans-calc JS API (README "The JS API"), for intranet pages written in TypeScript.
// Shipped beside icans-calc.js in dist/. Every function checks its input at run time as well:
// a value these types allow but the calculator refuses (an out-of-range number, an unknown key)
// throws an Error whose message names the field and whose `field` property holds its path.

/** Days since the CAR-T infusion (day 0); fractional for hours (day 14 + 6 h = 14.25). */
export type Day = number;
export type Grade = 0 | 1 | 2 | 3 | 4;

// ---------------------------------------------------------------------------------------------
// ICANS

export type IcansDomain = 'tool' | 'consciousness' | 'seizure' | 'motor' | 'icpEdema';

/** ICE item points: orientation 0-4, naming 0-3, commands 0-1, writing 0-1, attention 0-1. */
export interface IceItems {
  orientation: number;
  naming: number;
  commands: number;
  writing: number;
  attention: number;
}

export type CapdAnswer = 'never' | 'rarely' | 'sometimes' | 'often' | 'always';

export interface IcansInput {
  /** 0-120; decides ICE (>= 12 or absent) vs CAPD (< 12) unless `tool` is given. */
  ageYears?: number | null;
  tool?: 'ice' | 'capd' | null;
  ice?: IceItems | 'unarousable' | null;
  /** The 8 CAPD items in order. */
  capd?: [CapdAnswer, CapdAnswer, CapdAnswer, CapdAnswer, CapdAnswer, CapdAnswer, CapdAnswer, CapdAnswer] | 'unarousable' | null;
  consciousness?: 'alert' | 'awakensSpontaneously' | 'awakensToVoice' | 'awakensToTactile' | 'unarousable' | null;
  seizure?: 'none' | 'rapidlyResolving' | 'prolongedOrRepetitive' | null;
  motor?: 'none' | 'deepFocalWeakness' | null;
  icpEdema?: 'none' | 'focalEdema' | 'diffuseEdemaOrSigns' | null;
  /** Domains attributable to another cause: shown, excluded from the grade. */
  otherCause?: IcansDomain[] | null;
}

export interface IcansDomainResult {
  domain: IcansDomain;
  grade: Grade;
  finding: string;
  excluded: boolean;
}

export interface IcansResult {
  grade: Grade;
  tool: 'ice' | 'capd';
  iceTotal: number | null;
  capdTotal: number | null;
  /** Assessed domains. */
  domains: IcansDomainResult[];
  /** Domains whose grade equals the overall grade (empty at grade 0). */
  drivers: IcansDomain[];
  complete: boolean;
  missing: IcansDomain[];
  basis: string;
  notes: string[];
  source: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// CRS

export type CrsParameter = 'fever' | 'hypotension' | 'oxygen';
export type OxygenDevice =
  | 'none' | 'nasalCannula' | 'blowBy' | 'highFlowNasalCannula' | 'facemask' | 'nonRebreather'
  | 'venturi' | 'cpap' | 'bipap' | 'mechanicalVentilation';

/** Give `fever` or `temperatureC` (25-45 °C), not both. */
export interface CrsInput {
  fever?: 'present' | 'absent' | 'masked' | null;
  temperatureC?: number | null;
  hypotension?: 'none' | 'noVasopressors' | 'oneVasopressor' | 'multipleVasopressors' | null;
  oxygen?: OxygenDevice | null;
  /** > 0 and <= 80; required for `nasalCannula`. */
  oxygenLitersPerMin?: number | null;
}

export interface CrsDomainResult {
  domain: CrsParameter;
  grade: Grade;
  finding: string;
}

export interface CrsResult {
  grade: Grade;
  drivers: CrsParameter[];
  domains: CrsDomainResult[];
  complete: boolean;
  missing: CrsParameter[];
  notes: string[];
  basis: string;
  source: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// Kinetics

/** `[day, cells/µL]`; day >= 0, value >= 0 (0 = below detection), no two samples on one day. */
export type Sample = [Day, number];
export type SeriesName = 'total' | 'cd4' | 'cd8';

export interface KineticsInput {
  series: Partial<Record<SeriesName, Sample[]>>;
  method?: 'linear' | 'linUpLogDown' | null;
  /** Default [28, 90]. */
  horizonsDays?: number[] | null;
}

export interface AucResult {
  toDay: number;
  /** Strict AUC0-toDay; null when it needs extrapolation (`reason` says why). */
  value: number | null;
  /** `value` when not null, else the terminal-slope extrapolation, else null. */
  extrapolated: number | null;
  reason: string | null;
}

export interface SeriesResult {
  nSamples: number;
  cmax: number;
  tmax: number | null;
  clast: number;
  tlast: number | null;
  aucLast: number;
  auc: AucResult[];
  lambdaZ: number | null;
  halfLifeDays: number | null;
  lambdaZPoints: number | null;
  lambdaZFirstDay: number | null;
  lambdaZLastDay: number | null;
  lambdaZAdjR2: number | null;
  lambdaZR2: number | null;
  lambdaZReason: string | null;
  aucInf: number | null;
}

export interface KineticsResult {
  method: 'linear' | 'linUpLogDown';
  series: Partial<Record<SeriesName, SeriesResult>>;
  /** `[day, CD4/CD8]` on days both subsets were sampled; null where CD8+ is 0. */
  ratioCd4Cd8: Array<[Day, number | null]>;
  units: { day: string; value: string; auc: string };
  source: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// Steroids

export type SteroidDrug = 'dexamethasone' | 'methylprednisolone' | 'prednisone' | 'prednisolone' | 'hydrocortisone';
export type Drug = SteroidDrug | 'tocilizumab' | 'siltuximab' | 'anakinra' | 'methotrexate' | 'cytarabine' | 'other';
export type Route = 'iv' | 'po' | 'im' | 'sc' | 'it';

export interface MedicationInput {
  /** >= -30 (lymphodepletion is before day 0). */
  day: Day;
  drug: Drug;
  /** > 0, in mg of the drug given. */
  mg: number;
  route: Route;
  /** Required for drug "other"; a corticosteroid of the table named here is refused. */
  label?: string | null;
  note?: string | null;
}

export interface DoseRow {
  inputIndex: number;
  day: Day;
  drug: SteroidDrug;
  mg: number;
  route: Route;
  systemic: boolean;
  factor: number;
  dexEqMg: number;
  cumulativeSystemicDexEqMg: number;
  cumulativeIntrathecalDexEqMg: number;
}

export interface SteroidResult {
  systemicDexEqMg: number;
  intrathecalDexEqMg: number;
  perDose: DoseRow[];
  factors: Record<SteroidDrug, number>;
  table: Array<{ drug: SteroidDrug; label: string; equivalentMg: number; dexEqFactor: number }>;
  /** Medications that are not corticosteroids. */
  ignored: number;
  basis: string;
  source: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// CAR-HEMATOTOX

/** Exactly one of `crpMgPerDl` / `crpMgPerL`. */
export interface HematotoxInput {
  plateletsPerUl: number;
  ancPerUl: number;
  hbGPerDl: number;
  crpMgPerDl?: number | null;
  crpMgPerL?: number | null;
  ferritinNgPerMl: number;
}

export interface HematotoxResult {
  score: number;
  risk: 'low' | 'high';
  points: { platelets: number; anc: number; hb: number; crp: number; ferritin: number };
  findings: Array<{ variable: string; value: number; unit: string; points: number; band: string }>;
  basis: string;
  notes: string[];
  source: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// Case and course

export interface CaseFile {
  schema: 'icans-calc/case@1';
  patient: { label: string; ageYears?: number | null };
  /** YYYY-MM-DD. */
  infusionDate?: string | null;
  notes?: string[] | null;
  assessments?: Array<{ day: Day; icans?: IcansInput | null; crs?: CrsInput | null; note?: string | null }> | null;
  medications?: MedicationInput[] | null;
  cells?: {
    blood?: Partial<Record<SeriesName, Sample[]>> | null;
    csf?: Array<{ day: Day; wbcPerUl?: number | null; carTPercentOfLeukocytes?: number | null; cd4Cd8Ratio?: number | null; note?: string | null }> | null;
  } | null;
  labs?: Array<{ day: Day; analyte: 'crp' | 'il6' | 'ferritin' | 'ldh' | 'fibrinogen' | 'anc' | 'platelets' | 'hemoglobin'; value: number; unit: string; note?: string | null }> | null;
  baseline?: HematotoxInput | null;
  settings?: { aucMethod?: 'linear' | 'linUpLogDown' | null; horizonsDays?: number[] | null } | null;
}

export interface CourseSummary {
  onsetDay: Day | null;
  peakGrade: Grade;
  peakDay: Day | null;
  improvedDay: Day | null;
  resolvedDay: Day | null;
  durationDays: number | null;
}

export interface CaseResult {
  assessments: Array<{ day: Day; icans: IcansResult | null; crs: CrsResult | null }>;
  course: { icans: CourseSummary; crs: CourseSummary };
  steroids: SteroidResult;
  kinetics: KineticsResult | null;
  hematotox: HematotoxResult | null;
  intrathecal: Array<{ day: Day; drugs: string[]; hoursToGrade1OrLess: number | null; hoursToGrade0: number | null }>;
}

// ---------------------------------------------------------------------------------------------
// Cohort

export interface PatientRow {
  index: number;
  label: string;
  icansOnsetDay: Day | null;
  icansPeakGrade: Grade;
  icansPeakDay: Day | null;
  icansDaysToGrade1OrLess: number | null;
  icansDaysToGrade0: number | null;
  intrathecalGiven: boolean;
  intrathecalHoursToGrade1OrLess: number | null;
  intrathecalHoursToGrade0: number | null;
  systemicDexEqMg: number;
  crsPeakGrade: Grade;
  cmaxCellsPerUl: number | null;
  tmaxDay: Day | null;
  auc: Array<{ toDay: number; value: number | null }>;
  halfLifeDays: number | null;
  cd4Cd8RatioAtCmax: number | null;
  hematotoxScore: number | null;
  notComputable: Array<{ column: string; reason: string }>;
}

export interface CohortResult {
  patients: PatientRow[];
  summary: {
    patients: number;
    numeric: Array<{ column: string; n: number; missing: number; median: number | null; q1: number | null; q3: number | null; min: number | null; max: number | null }>;
    categories: Array<{ column: string; n: number; counts: Array<{ value: string; count: number; percent: number }> }>;
    rule: string;
  };
  rejected: Array<{ index: number; field: string; message: string }>;
}

// ---------------------------------------------------------------------------------------------
// Functions

/** One element of a batch result. */
export type BatchItem<T> = { ok: T } | { error: { field: string; message: string } };

export function gradeIcans(input: IcansInput): IcansResult;
export function gradeIcans(inputs: IcansInput[]): Array<BatchItem<IcansResult>>;
export function gradeCrs(input: CrsInput): CrsResult;
export function gradeCrs(inputs: CrsInput[]): Array<BatchItem<CrsResult>>;
export function kinetics(input: KineticsInput): KineticsResult;
export function kinetics(inputs: KineticsInput[]): Array<BatchItem<KineticsResult>>;
export function steroidDose(input: { medications: MedicationInput[] }): SteroidResult;
export function hematotox(input: HematotoxInput): HematotoxResult;
export function evaluateCase(input: CaseFile): CaseResult;
/** Accepts any values: cases that cannot be read are listed in `rejected`. */
export function evaluateCohort(cases: unknown[]): CohortResult;
export function version(): string;

/** Loads the wasm that sits beside icans-calc.js (or the one given). */
export default function initIcansCalc(options?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module }): Promise<unknown>;

/** The same API on the full page's window, once `icans-calc:ready` has fired. */
export interface IcansCalcGlobal {
  gradeIcans: typeof gradeIcans;
  gradeCrs: typeof gradeCrs;
  kinetics: typeof kinetics;
  steroidDose: typeof steroidDose;
  hematotox: typeof hematotox;
  evaluateCase: typeof evaluateCase;
  evaluateCohort: typeof evaluateCohort;
  readonly version: string;
}

declare global {
  interface Window {
    IcansCalc?: IcansCalcGlobal;
  }
  interface WindowEventMap {
    'icans-calc:ready': CustomEvent<{ version: string }>;
  }
}
