// Sends "was this helpful?" without leaving the page; without this script the forms post normally.
// A "No" without a reason is stopped here with the server's own sentence beside the choices, and
// after a vote the box says which answer was given and marks that button.
(function () {
  "use strict";
  document.querySelectorAll("[data-kb-feedback]").forEach(function (section) {
    var status = section.querySelector("[data-kb-feedback-status]");
    var yes = section.querySelector("[data-kb-feedback-choice=yes]");
    var no = section.querySelector("[data-kb-feedback-choice=no]");

    function showGiven(helpful, thanks) {
      status.textContent = thanks + " " + status.dataset[helpful ? "saidYes" : "saidNo"];
      status.classList.remove("visually-hidden");
      yes.setAttribute("aria-pressed", helpful ? "true" : "false");
      if (helpful) { no.removeAttribute("aria-current"); } else { no.setAttribute("aria-current", "true"); }
    }

    section.querySelectorAll("[data-kb-feedback-form]").forEach(function (form) {
      var error = form.querySelector("[data-kb-feedback-error]");
      function showError(message) {
        if (!error) {
          status.textContent = message;
          status.classList.remove("visually-hidden");
          return;
        }
        error.textContent = message;
        error.hidden = false;
        var first = form.querySelector("input[name=reason]");
        if (first) { first.focus(); }
      }
      form.addEventListener("change", function () { if (error) { error.hidden = true; } });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.dataset.reasonRequired && !form.querySelector("input[name=reason]:checked")) {
          showError(form.dataset.reasonRequired);
          return;
        }
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.json().then(function (data) {
              if (!response.ok) { showError(data.message); return; }
              if (error) { error.hidden = true; }
              showGiven(data.helpful, data.message);
              var details = section.querySelector("details");
              if (details) { details.open = false; }
            });
          })
          .catch(function () { form.submit(); });
      });
    });
  });
})();
