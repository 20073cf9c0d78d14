/*
 * Counting clicks on search results without a redirect: each result links to the page itself
 * and carries a signed token (data-click); when the visitor follows it, the browser posts the
 * token to the list's data-click-url in the background with navigator.sendBeacon, which is
 * delivered even as the page unloads. Without the script or sendBeacon, nothing is counted and
 * the link works the same.
 */
(function () {
  "use strict";

  var list = document.querySelector("[data-click-url]");
  if (!list || !navigator.sendBeacon) {
    return;
  }
  var url = list.getAttribute("data-click-url");

  function count(event) {
    if (event.type === "auxclick" && event.button !== 1) {
      return; // only the middle button opens a link
    }
    var link = event.target.closest ? event.target.closest("a[data-click]") : null;
    if (!link || !list.contains(link)) {
      return;
    }
    navigator.sendBeacon(url, new URLSearchParams({ token: link.getAttribute("data-click") }));
  }

  list.addEventListener("click", count);
  list.addEventListener("auxclick", count);
})();
