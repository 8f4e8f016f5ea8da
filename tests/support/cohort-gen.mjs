// Deterministic generator of CAR-T cohorts for tests and benchmarks: the same (n, seed) always
// gives the same case files. Each patient has 12 blood counts (total, CD4+, CD8+), 6 ICANS
// assessments with ICE and level of consciousness, a dexamethasone dose and, for some, an
// intrathecal treatment during ICANS.

/** Park-Miller minimal standard generator: small, portable, reproducible. */
function random(seed) {
  let state = (seed % 2147483647 + 2147483647) % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const DAYS = [0, 1, 3, 7, 10, 14, 17, 21, 28, 60, 90, 180];
const LEVELS = ['alert', 'awakensSpontaneously', 'awakensToVoice', 'awakensToTactile', 'unarousable'];

/** One patient's case file. */
export function generatedCase(i, rnd) {
  const peakDay = DAYS[4 + Math.floor(rnd() * 4)];
  const peak = Math.round((10 + rnd() * 400) * 10) / 10;
  const halfLife = 5 + rnd() * 30;
  const total = DAYS.map((d) => {
    const v = d <= peakDay ? peak * (d / peakDay) ** 2 : peak * 0.5 ** ((d - peakDay) / halfLife);
    return [d, Math.round(v * 100) / 100];
  });
  const cd4Share = 0.3 + rnd() * 0.6;
  const cd4 = total.map(([d, v]) => [d, Math.round(v * cd4Share * 100) / 100]);
  const cd8 = total.map(([d, v]) => [d, Math.round(v * (1 - cd4Share) * 100) / 100]);
  const onset = 3 + Math.floor(rnd() * 6);
  const worst = Math.floor(rnd() * 5);
  const grades = [0, worst, Math.max(worst - 1, 0), Math.max(worst - 2, 0), Math.max(worst - 3, 0), 0];
  const assessments = grades.map((g, k) => ({
    day: onset - 1 + k * 1.5,
    icans: {
      ice: g >= 3 ? { orientation: 1, naming: 1, commands: 0, writing: 0, attention: 0 }
        : { orientation: 4, naming: 3, commands: 1, writing: 1, attention: 1 },
      consciousness: LEVELS[g],
    },
  }));
  const medications = [{ day: onset, drug: 'dexamethasone', mg: 10 * (1 + Math.floor(rnd() * 4)), route: 'iv' }];
  // Intrathecal therapy 6 h after the worst assessment (active ICANS), for half the grade 3-4 patients.
  if (worst >= 3 && rnd() < 0.5) medications.push({ day: onset + 0.75, drug: 'methotrexate', mg: 15, route: 'it' });
  return {
    schema: 'icans-calc/case@1',
    patient: { label: `GEN-${String(i + 1).padStart(5, '0')}`, ageYears: 30 + Math.floor(rnd() * 50) },
    assessments,
    medications,
    cells: { blood: { total, cd4, cd8 } },
  };
}

/** `n` case files from `seed`. */
export function generateCohort(n, seed = 20261201) {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => generatedCase(i, rnd));
}
