// "Print" buttons ([data-print]) open the browser's print dialog. A static script rather than an
// inline onclick, so the pages need no inline JavaScript at all.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
