// The time to each flash sale's start, counted down in the page ([data-countdown] holds the start in
// epoch milliseconds); at zero the page is loaded again and shows its Buy button. A file rather than an
// inline script, which the Content-Security-Policy refuses.
(function () {
  'use strict';
  for (const el of document.querySelectorAll('[data-countdown]')) {
    const starts = Number(el.dataset.countdown);
    const tick = () => {
      const left = Math.max(0, Math.floor((starts - Date.now()) / 1000));
      const p = n => String(n).padStart(2, '0');
      el.textContent = Math.floor(left / 86400) + '.' + p(Math.floor(left / 3600) % 24) + ':' + p(Math.floor(left / 60) % 60) + ':' + p(left % 60);
      if (left === 0) { clearInterval(timer); setTimeout(() => location.reload(), 1000); }
    };
    const timer = setInterval(tick, 1000);
    tick();
  }
})();
