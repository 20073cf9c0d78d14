// Live preview for markdown fields: posts the text to the server, which renders it with the
// same sanitiser as published posts. Without JavaScript the "Preview" button does the same; the
// edit pages, which have no such button, keep their preview hidden until this script runs.
(function () {
  "use strict";
  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  document.querySelectorAll("textarea[data-preview]").forEach(function (textarea) {
    var target = document.getElementById(textarea.getAttribute("data-preview"));
    if (!target) { return; }
    var section = target.closest(".forum-preview");
    if (section) { section.hidden = false; }
    var placeholder = target.querySelector("p[data-as-you-type]");
    if (placeholder) { placeholder.textContent = placeholder.getAttribute("data-as-you-type"); }
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
          // A refusal (too many previews, a suspension) comes back as a short notice to show.
          return response.ok || response.status === 429 || response.status === 403
            ? response.text() : null;
        }).then(function (html) {
          if (html !== null) { target.innerHTML = html; }
        }).catch(function () {});
      }, 400);
    });
  });
})();

// Votes without a page reload: the same forms post with fetch and the score updates in place.
// Without JavaScript the forms post normally and the page reloads.
(function () {
  "use strict";
  document.querySelectorAll(".vote").forEach(function (box) {
    var forms = box.querySelectorAll("form");
    var score = box.querySelector(".vote__score");
    var status = box.querySelector("[data-vote-status]");
    forms.forEach(function (form, index) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button");
        button.disabled = true;
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
        }).then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        }).then(function (result) {
          button.disabled = false;
          if (!result.ok) {
            if (status) { status.textContent = result.data.error || result.data.message || ""; }
            return;
          }
          score.textContent = result.data.score;
          var up = result.data.vote === 1;
          var down = result.data.vote === -1;
          forms.forEach(function (other, otherIndex) {
            var on = otherIndex === 0 ? up : down;
            var otherButton = other.querySelector("button");
            otherButton.setAttribute("aria-pressed", on ? "true" : "false");
            otherButton.classList.toggle("vote__button--on", on);
            other.querySelector("input[name=value]").value = on ? "0" : (otherIndex === 0 ? "1" : "-1");
          });
          if (status) { status.textContent = ""; }
        }).catch(function () {
          button.disabled = false;
          form.submit();
        });
      });
    });
  });
})();
