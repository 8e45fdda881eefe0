// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME on the page (the
// back office's product list: tick all, then put them on sale at once). A file rather than an inline
// script, so a Content-Security-Policy of script-src 'self' keeps working.
(function () {
  'use strict';
  document.querySelectorAll('input[type=checkbox][data-select-all]').forEach(function (all) {
    var name = all.dataset.selectAll;
    function boxes() {
      return Array.prototype.slice.call(document.querySelectorAll('input[type=checkbox][name="' + name + '"]'));
    }
    all.addEventListener('change', function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
    // Ticking rows one by one shows on the "all" box too: ticked, cleared, or in between.
    document.addEventListener('change', function (e) {
      if (e.target === all || e.target.name !== name) return;
      var ticked = boxes().filter(function (box) { return box.checked; }).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    });
  });
})();
