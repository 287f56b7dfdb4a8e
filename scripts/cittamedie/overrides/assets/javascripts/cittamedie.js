/* Filters of generated lists (catalogue, cities): progressive enhancement.
   Without JavaScript every item is shown, grouped; with it, the selects narrow the list,
   the state lives in the URL (?tema=poverta) so a link can be shared, and the count is announced. */
(function () {
  "use strict";

  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-filter-for"));
    if (!list) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-param]"));
    var output = form.querySelector("output");
    var items = Array.prototype.slice.call(list.querySelectorAll(".cm-item"));
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-param"));
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
      select.addEventListener("change", function () { apply(true); });
    });

    function apply(updateUrl) {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) {
          var value = select.value;
          var have = (item.getAttribute("data-" + select.getAttribute("data-param")) || "").split(" ");
          return !value || have.indexOf(value) !== -1;
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      Array.prototype.forEach.call(list.querySelectorAll(".cm-group"), function (group) {
        group.hidden = !group.querySelector(".cm-item:not([hidden])");
      });
      if (output) {
        var template = output.getAttribute("data-template") || "{n} / {total}";
        output.textContent = template.replace("{n}", shown).replace("{total}", items.length);
      }
      if (updateUrl) {
        var url = new URL(window.location.href);
        selects.forEach(function (select) {
          var name = select.getAttribute("data-param");
          if (select.value) url.searchParams.set(name, select.value); else url.searchParams.delete(name);
        });
        window.history.replaceState(null, "", url);
      }
    }

    form.hidden = false;
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".cm-filter[data-filter-for]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
