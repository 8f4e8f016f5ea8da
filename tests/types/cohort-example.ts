// An intranet page in TypeScript that evaluates a cohort through the ES module: what
// tests/types/tsconfig.json checks against www/icans-calc.d.ts.
import init, { evaluateCohort, gradeIcans, kinetics, type CaseFile } from '../../www/icans-calc.js';

await init();

const cases: CaseFile[] = [
  {
    schema: 'icans-calc/case@1',
    patient: { label: 'UPN 17', ageYears: 39 },
    assessments: [
      { day: 14, icans: { ice: { orientation: 1, naming: 1, commands: 0, writing: 0, attention: 0 }, consciousness: 'alert' } },
      { day: 15.5, icans: { ice: { orientation: 4, naming: 3, commands: 1, writing: 1, attention: 1 }, consciousness: 'alert' } },
    ],
    medications: [{ day: 14, drug: 'dexamethasone', mg: 20, route: 'iv' }],
    cells: { blood: { total: [[14, 77.7], [28, 27.9], [90, 2.5]] } },
  },
];

const cohort = evaluateCohort(cases);
for (const row of cohort.patients) {
  const auc28 = row.auc.find((a) => a.toDay === 28)?.value ?? null;
  const reasons = row.notComputable.map((n) => `${n.column}: ${n.reason}`).join('; ');
  console.log(row.label, row.icansPeakGrade, row.icansDaysToGrade0, auc28, reasons);
}
const median = cohort.summary.numeric.find((c) => c.column === 'systemicDexEqMg')?.median;
console.log(median?.toFixed(1), cohort.rejected.map((r) => `${r.index} ${r.field}: ${r.message}`));

// Batch forms: each element is { ok } or { error }.
for (const item of gradeIcans([{ ice: 'unarousable' }, { ageYears: 8, capd: 'unarousable' }])) {
  if ('ok' in item) console.log(item.ok.grade, item.ok.drivers.join(','));
  else console.log(item.error.field, item.error.message);
}
const k = kinetics({ series: { total: [[14, 77.7], [28, 27.9]] }, horizonsDays: [28] });
console.log(k.series.total?.cmax, k.ratioCd4Cd8.length);
