// The full page's global, as an embedder on the same origin would use it.
window.addEventListener('icans-calc:ready', (event) => {
  const api = window.IcansCalc;
  if (!api) return;
  const r = api.gradeCrs({ fever: 'present', oxygen: 'nasalCannula', oxygenLitersPerMin: 6 });
  console.log(event.detail.version, api.version, r.grade, r.drivers);
});
