// Loads the wasm module without inline script (strict CSP: script-src 'self'), then publishes
// the JS API on window.IcansCalc and announces it with the `icans-calc:ready` event.
(function () {
  'use strict';
  var script = document.currentScript;
  var root = document.documentElement;

  function publish(api) {
    var exported = {
      gradeIcans: api.gradeIcans,
      gradeCrs: api.gradeCrs,
      kinetics: api.kinetics,
      version: api.version()
    };
    window.IcansCalc = Object.freeze(exported);
    root.setAttribute('data-wasm-ready', '1');
    var v = document.getElementById('app-version');
    if (v) v.textContent = 'icans-calc ' + exported.version;
    window.dispatchEvent(new CustomEvent('icans-calc:ready', { detail: { version: exported.version } }));
  }

  function fail(err) {
    root.setAttribute('data-wasm-ready', 'failed');
    var crash = document.getElementById('crash');
    if (crash) {
      crash.hidden = false;
      crash.textContent = 'The calculator could not start in this browser (' + (err && err.message ? err.message : err) +
        '). No result can be shown. Try reloading the page.';
    }
    console.error('icans-calc: wasm init failed', err);
  }

  import(script.dataset.js)
    .then(function (m) { return m.default({ module_or_path: script.dataset.wasm }).then(function () { return m; }); })
    .then(publish)
    .catch(fail);
})();
