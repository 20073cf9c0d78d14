// Runs website/static/website/js/similar.js against a tiny fake DOM (no browser needed):
// typing is debounced, at most five results are listed, and text never becomes markup.
"use strict";
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");

class Element {
  constructor(tag) {
    this.tagName = tag;
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.hidden = false;
    this._text = "";
  }
  set innerHTML(_value) { throw new Error("innerHTML must never be used"); }
  set textContent(value) { this._text = String(value); this.children = []; }
  get textContent() { return this._text + this.children.map((c) => (typeof c === "string" ? c : c.textContent)).join(""); }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren() { this.children = []; this._text = ""; }
  addEventListener(type, fn) { this.listeners[type] = fn; }
  find(tag) { return this.children.filter((c) => c.tagName === tag).concat(...this.children.filter((c) => c.children).map((c) => c.find(tag))); }
}

const input = new Element("input");
input.setAttribute("data-similar-url", "/en/search/similar/");
input.setAttribute("data-similar-target", "similar");
input.value = "";
const target = new Element("div");
target.setAttribute("data-similar-heading", "Similar questions");

const timers = [];
const fetched = [];
const hostile = "<img src=x onerror=alert(1)>";
const results = Array.from({ length: 7 }, (_, i) => ({
  title: i === 0 ? hostile : "Result " + i, url: "/en/threads/" + i + "/", kind: "thread", kind_label: "Question",
}));
const sandbox = {
  window: {
    location: { href: "http://testserver/en/questions/ask/" },
    setTimeout: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimeout: (id) => { if (timers[id - 1]) timers[id - 1].fn = null; },
  },
  document: {
    querySelectorAll: () => [input],
    getElementById: (id) => (id === "similar" ? target : null),
    createElement: (tag) => new Element(tag),
  },
  URL, AbortController,
  fetch: (url) => { fetched.push(String(url)); return Promise.resolve({ ok: true, json: () => Promise.resolve({ results }) }); },
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);

function type(text) { input.value = text; input.listeners.input(); }
function runTimers() { timers.splice(0).forEach((t) => { assert.strictEqual(t.ms, 300); if (t.fn) t.fn(); }); }

type("sm"); type("sms"); type("sms late");
runTimers();
assert.deepStrictEqual(fetched, ["http://testserver/en/search/similar/?q=sms+late"]);

setImmediate(() => {
  const links = target.find("a");
  assert.strictEqual(links.length, 5);
  assert.strictEqual(links[0].textContent, hostile);
  assert.strictEqual(links[0].href, "/en/threads/0/");
  assert.strictEqual(target.hidden, false);
  assert.strictEqual(target.getAttribute("aria-live"), "polite");
  type("ab");
  runTimers();
  assert.strictEqual(fetched.length, 1);
  assert.strictEqual(target.hidden, true);
  console.log("similar.js: ok");
});
