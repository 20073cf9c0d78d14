// The review queue's "select all" box: ticks or clears every row's box on this page, and shows
// "some" (indeterminate) when only part of them are ticked. Without JavaScript the box stays
// hidden and each row's box still works.
(() => {
  const all = document.querySelector("[data-select-all]");
  if (!all) return;
  const boxes = () =>
    Array.from(document.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`));
  const sync = () => {
    const ticked = boxes().filter((box) => box.checked).length;
    all.checked = ticked > 0 && ticked === boxes().length;
    all.indeterminate = ticked > 0 && ticked < boxes().length;
  };
  all.hidden = false;
  all.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = all.checked;
    });
    sync();
  });
  boxes().forEach((box) => box.addEventListener("change", sync));
  sync();
})();
