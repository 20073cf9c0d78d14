/*
 * Drafts kept in the browser: a <form data-draft-key="..."> saves what is typed in its visible
 * fields to localStorage, and the next time the empty form is shown it is filled in again, with
 * a note and a "Discard draft" button. Without JavaScript (or storage) the form works as before.
 *
 * A posted question must not come back as a draft, and a form the server shows again (errors,
 * "Preview") must keep what was typed. Sending the form marks the draft with the form's
 * submission token. The server shows a form again with the same token; a fresh form after a
 * successful post has a new one. So on load: same token, the draft stays (the fields already
 * hold its text); another token, the question was posted and the draft is dropped.
 *
 * The signed "form shown at" stamp is kept with the draft and put back with it, so a restored
 * question does not look typed in a second to moderation's speed check.
 */
(function () {
  "use strict";

  var TEXT_FIELDS = "input[type=text], input:not([type]), textarea";
  var KEPT_FIELDS = TEXT_FIELDS + ", select";

  function storage() {
    try {
      var store = window.localStorage;
      store.getItem("dalil:draft:probe");
      return store;
    } catch (error) {
      return null;
    }
  }

  function read(store, key) {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(store, key, draft) {
    try {
      store.setItem(key, JSON.stringify(draft));
    } catch (error) {
      /* storage full or refused: the form still works, without a draft */
    }
  }

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.matches(KEPT_FIELDS);
    });
  }

  function hidden(form, name) {
    var field = form.elements.namedItem(name);
    return field && field.type === "hidden" ? field : null;
  }

  function isEmpty(form) {
    return keptFields(form).every(function (field) {
      return !field.matches(TEXT_FIELDS) || field.value.trim() === "";
    });
  }

  function snapshot(form) {
    var values = {};
    keptFields(form).forEach(function (field) { values[field.name] = field.value; });
    var stamp = hidden(form, "rendered_at");
    return { values: values, renderedAt: stamp ? stamp.value : "" };
  }

  function fill(form, values) {
    keptFields(form).forEach(function (field) {
      if (typeof values[field.name] !== "string") {
        return;
      }
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (option) {
          return option.value === values[field.name];
        });
        if (!known) {
          return;
        }
      }
      field.value = values[field.name];
    });
  }

  function showNote(form, onDiscard) {
    var note = document.createElement("div");
    note.className = "notice draft-note";
    note.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = form.getAttribute("data-draft-restored") || "";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button button--secondary";
    discard.textContent = form.getAttribute("data-draft-discard") || "";
    discard.addEventListener("click", function () {
      onDiscard();
      note.remove();
    });
    note.append(text, discard);
    form.before(note);
  }

  function setUp(form) {
    var store = storage();
    var key = form.getAttribute("data-draft-key");
    if (!store || !key) {
      return;
    }
    var tokenField = hidden(form, "submission_token");
    var token = tokenField ? tokenField.value : "";
    var draft = read(store, key);

    if (draft && typeof draft.sentWith === "string") {
      if (draft.sentWith !== token) {
        store.removeItem(key); // posted: this is a fresh form
        draft = null;
      } else {
        delete draft.sentWith; // shown again by the server, with what was typed
        write(store, key, draft);
      }
    } else if (draft && draft.values && isEmpty(form)) {
      var original = snapshot(form);
      fill(form, draft.values);
      var stamp = hidden(form, "rendered_at");
      if (stamp && draft.renderedAt) {
        stamp.value = draft.renderedAt;
      }
      showNote(form, function () {
        store.removeItem(key);
        fill(form, original.values);
        if (stamp) {
          stamp.value = original.renderedAt;
        }
        var first = form.querySelector(TEXT_FIELDS);
        if (first) {
          first.focus();
        }
      });
    }

    function save() {
      var current = snapshot(form);
      if (isEmpty(form)) {
        store.removeItem(key);
      } else {
        write(store, key, current);
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () {
      if (isEmpty(form)) {
        return;
      }
      var sent = snapshot(form);
      sent.sentWith = token;
      write(store, key, sent);
    });
  }

  document.querySelectorAll("form[data-draft-key]").forEach(setUp);
})();
