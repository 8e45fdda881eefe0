// A <select data-auto-submit> sends its form as soon as the shopper picks (the sort order above a
// product list); the form's button stays for browsers without JavaScript. A file rather than an
// onchange attribute, which the Content-Security-Policy refuses.
(function () {
  'use strict';
  document.querySelectorAll('select[data-auto-submit]').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
})();
