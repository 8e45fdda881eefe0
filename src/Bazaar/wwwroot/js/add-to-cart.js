// The product page comes from the shared page cache, so its add-to-cart form carries no
// anti-forgery token and would, as written, only GET the confirmation page (/cart/add), which is
// also what a shopper without JavaScript gets. With JavaScript the click goes straight to the cart:
// fetch this shopper's own token, then post the form as the cart expects. If the token cannot be
// fetched, the form falls back to the confirmation page.
(function () {
  'use strict';
  document.querySelectorAll('form[data-add-to-cart]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      var submitter = e.submitter;
      // "Buy now" has its own formaction (the checkout): leave it alone.
      if (submitter && submitter.hasAttribute('formaction')) return;
      if (form.dataset.posting === 'yes') return;
      e.preventDefault();
      fetch('/form-token', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (t) {
          var input = document.createElement('input');
          input.type = 'hidden';
          input.name = t.field;
          input.value = t.token;
          form.appendChild(input);
          form.method = 'post';
          form.action = form.dataset.addToCart;
          form.dataset.posting = 'yes';
          form.submit();
        })
        .catch(function () {
          form.dataset.posting = 'yes';
          form.submit();
        });
    });
  });
})();
