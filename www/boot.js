// Loads the wasm module without inline script (the page's CSP is script-src 'self'). The module's
// start function binds the page, publishes window.IcansCalc and dispatches `icans-calc:ready`.
// This file also registers the service worker and offers (never forces) an update.
(function () {
  'use strict';
  var script = document.currentScript;
  var root = document.documentElement;

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
    .then(function (m) { return m.default({ module_or_path: script.dataset.wasm }); })
    .catch(fail);

  // Offline use: a service worker precaches this version's files (http(s) only, not file://).
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  function offerUpdate(worker) {
    var banner = document.getElementById('update-banner');
    if (!banner || !worker) return;
    banner.hidden = false;
    var button = document.getElementById('update-reload');
    button.onclick = function () {
      // Entries are saved on every change; the reload happens only when the user asks for it.
      window.dispatchEvent(new Event('icans-calc:before-update'));
      navigator.serviceWorker.addEventListener('controllerchange', function () { location.reload(); });
      worker.postMessage({ type: 'skip-waiting' });
    };
  }
  navigator.serviceWorker.register('./sw.js').then(function (reg) {
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var incoming = reg.installing;
      if (!incoming) return;
      incoming.addEventListener('statechange', function () {
        if (incoming.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(incoming);
      });
    });
  }).catch(function (e) { console.warn('icans-calc: offline support unavailable', e); });
})();
