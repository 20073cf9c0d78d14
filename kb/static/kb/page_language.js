// The page editor types a page in the page's language: the server writes dir and lang on the
// title (kb.admin_forms.PageLanguageForm); this copies them onto the body's blocks, which the
// StreamField draws here, including blocks added later.
(function () {
  "use strict";
  const title = document.getElementById("id_title");
  const body = document.querySelector('[data-contentpath="body"]');
  if (!title || !body || !title.dir) {
    return;
  }
  const direction = title.dir;
  const language = title.lang;
  const writable = 'input[type="text"], textarea, [contenteditable="true"], .Draftail-Editor';

  function mark(root) {
    root.querySelectorAll(writable).forEach(function (field) {
      if (field.getAttribute("dir") !== direction) {
        field.setAttribute("dir", direction);
      }
      if (language && field.getAttribute("lang") !== language) {
        field.setAttribute("lang", language);
      }
    });
  }

  mark(body);
  new MutationObserver(function () {
    mark(body);
  }).observe(body, { childList: true, subtree: true });
})();
