// Runs before anything else: records what went wrong, so a headless browser (or a curious reader,
// in the element #selfcheck) can tell whether the page really worked.
window.fanoutSelfcheck = (function () {
  'use strict';
  var state = {errors: [], violations: [], charts: [], done: false, pageHeight: 0};
  function publish() {
    var el = document.getElementById('selfcheck');
    if (el) {
      el.textContent = JSON.stringify(state);
    }
  }
  // Capture phase, so failed loads of elements (which do not bubble) are seen too.
  window.addEventListener('error', function (e) {
    var what = e.message ? e.message + ' at ' + e.filename + ':' + e.lineno
        : 'failed to load ' + (e.target && (e.target.src || e.target.href) || 'a resource');
    state.errors.push(what);
    publish();
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    state.errors.push('unhandled rejection: ' + e.reason);
    publish();
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    state.violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
    publish();
  });
  return {state: state, publish: publish};
})();
