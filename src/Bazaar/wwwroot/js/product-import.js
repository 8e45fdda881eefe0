// The back office's import page: asks for the import's status every second and moves the progress
// bar and the counts; once the import has finished, reloads the page so the server shows the report
// with every rejected row. A file rather than an inline script, so a Content-Security-Policy of
// script-src 'self' keeps working. The state's name comes from the page (#import-texts), in the
// operator's language.
(function () {
  'use strict';
  var panel = document.getElementById('import-progress');
  if (!panel || panel.dataset.state === 'done' || panel.dataset.state === 'failed') {
    return;
  }
  var bar = panel.querySelector('progress');
  var words = document.getElementById('import-texts');
  var states = words ? JSON.parse(words.textContent) : {};
  var url = '/api/v1/admin/products/imports/' + encodeURIComponent(panel.dataset.import);

  function show(status) {
    bar.value = status.percent;
    bar.textContent = status.percent + ' %';
    panel.querySelectorAll('[data-field]').forEach(function (el) {
      var value = status[el.dataset.field];
      if (value === undefined || value === null) {
        return;
      }
      if (el.dataset.field === 'state') {
        el.dataset.state = value;
        el.textContent = states[value] || value;
      } else {
        el.textContent = typeof value === 'number' ? value.toLocaleString() : value;
      }
    });
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (response.status === 404) {
          location.reload(); // the shop restarted and forgot the import: the page says so
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (status) {
        if (status && (status.state === 'done' || status.state === 'failed')) {
          location.reload();
          return;
        }
        if (status) {
          show(status);
        }
        setTimeout(poll, 1000);
      })
      .catch(function () {
        setTimeout(poll, 1000); // a dropped poll (the network, a restart) is tried again
      });
  }

  setTimeout(poll, 1000);
})();
