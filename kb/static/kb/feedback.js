// Sends "was this helpful?" without leaving the page; without this script the forms post normally.
(function () {
  "use strict";
  document.querySelectorAll("[data-kb-feedback]").forEach(function (section) {
    var status = section.querySelector("[data-kb-feedback-status]");
    section.querySelectorAll("[data-kb-feedback-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (response) {
            return response.json().then(function (data) {
              status.textContent = data.message;
              status.classList.remove("visually-hidden");
              status.setAttribute("role", response.ok ? "status" : "alert");
              if (response.ok) {
                var details = section.querySelector("details");
                if (details) { details.open = false; }
              }
            });
          })
          .catch(function () { form.submit(); });
      });
    });
  });
})();
