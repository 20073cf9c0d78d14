// Live preview for markdown fields: posts the text to the server, which renders it with the
// same sanitiser as published posts. Without JavaScript the "Preview" button does the same.
(function () {
  "use strict";
  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  document.querySelectorAll("textarea[data-preview]").forEach(function (textarea) {
    var target = document.getElementById(textarea.getAttribute("data-preview"));
    if (!target) { return; }
    var timer = null;
    var url = target.getAttribute("data-preview-url");
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var body = new FormData();
        body.append("body", textarea.value);
        fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(textarea.form) }
        }).then(function (response) {
          return response.ok ? response.text() : null;
        }).then(function (html) {
          if (html !== null) { target.innerHTML = html; }
        }).catch(function () {});
      }, 400);
    });
  });
})();
