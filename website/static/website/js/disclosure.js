/*
 * Filters that are open on wide screens and behind their "Filters" toggle on narrow ones:
 * every <details data-open-when="(media query)"> is opened when the query matches, on load and
 * when the window grows to match. Without the script the toggle simply starts closed.
 */
(function () {
  "use strict";

  document.querySelectorAll("details[data-open-when]").forEach(function (details) {
    var wide = window.matchMedia(details.getAttribute("data-open-when"));
    function follow() {
      if (wide.matches) {
        details.open = true;
      }
    }
    follow();
    wide.addEventListener("change", follow);
  });
})();
