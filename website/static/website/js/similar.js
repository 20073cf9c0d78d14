/*
 * Similar questions while typing: any <input data-similar-url="..." data-similar-target="id">
 * asks the search endpoint (debounced, 300 ms) for up to five similar threads and articles and
 * lists them in the target element. Text is set with textContent only, never innerHTML.
 */
(function () {
  "use strict";

  var DELAY = 300;
  var MIN_LENGTH = 3;

  function render(target, payload) {
    target.replaceChildren();
    var results = (payload && payload.results) || [];
    if (!results.length) {
      target.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = target.getAttribute("data-similar-heading") || "";
    var list = document.createElement("ul");
    results.slice(0, 5).forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      var label = document.createElement("span");
      label.className = "badge badge--" + String(result.kind).replace(/[^a-z]/g, "");
      label.textContent = result.kind_label;
      item.append(label, " ", link);
      list.append(item);
    });
    if (heading.textContent) {
      target.append(heading);
    }
    target.append(list);
    target.hidden = false;
  }

  function watch(input) {
    var target = document.getElementById(input.getAttribute("data-similar-target"));
    if (!target) {
      return;
    }
    target.setAttribute("aria-live", "polite");
    var timer = null;
    var controller = null;
    var lastQuery = "";

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim();
        if (query === lastQuery) {
          return;
        }
        lastQuery = query;
        if (query.length < MIN_LENGTH) {
          render(target, null);
          return;
        }
        if (controller) {
          controller.abort();
        }
        controller = new AbortController();
        var url = new URL(input.getAttribute("data-similar-url"), window.location.href);
        url.searchParams.set("q", query.slice(0, 200));
        fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (payload) { render(target, payload); })
          .catch(function () { /* a failed lookup only means no suggestions */ });
      }, DELAY);
    });
  }

  document.querySelectorAll("input[data-similar-url], textarea[data-similar-url]").forEach(watch);
})();
