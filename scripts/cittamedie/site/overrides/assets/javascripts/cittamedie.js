/* Filters of generated lists (catalogue, cities): progressive enhancement.
   Without JavaScript every item is shown, grouped; with it, the selects narrow the list,
   the state lives in the URL (?tema=poverta) so a link can be shared, and the count is announced.
   A case stands in the group of each of its themes (site/parts/catalogue.html): the count names
   each case once (its card's link), and a group's heading counts the cards it shows. */
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

    function key(item, index) {
      var link = item.querySelector("a[href]");
      return link ? link.getAttribute("href") : "#" + index;
    }

    function apply(updateUrl) {
      var shown = {}, all = {};
      items.forEach(function (item, index) {
        var visible = selects.every(function (select) {
          var value = select.value;
          var have = (item.getAttribute("data-" + select.getAttribute("data-param")) || "").split(" ");
          return !value || have.indexOf(value) !== -1;
        });
        item.hidden = !visible;
        all[key(item, index)] = true;
        if (visible) shown[key(item, index)] = true;
      });
      Array.prototype.forEach.call(list.querySelectorAll(".cm-group"), function (group) {
        var cards = group.querySelectorAll(".cm-item:not([hidden])").length;
        group.hidden = cards === 0;
        var count = group.querySelector(".cm-group-count");
        if (count) count.textContent = cards;
      });
      if (output) {
        var template = output.getAttribute("data-template") || "{n} / {total}";
        output.textContent = template.replace("{n}", Object.keys(shown).length)
          .replace("{total}", Object.keys(all).length);
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

/* Dates a static page checks again in the reader's browser, so that it changes with the calendar
   without a rebuild (as GOV.UK's tech docs expire their pages): the build writes what is true on
   its own day, with each date in a <time datetime="YYYY-MM-DD">; this shows what is true today.
   - a document's consultation (site/parts/dates.py): not yet open / open until … / closed on …,
     and the links that comment on its paragraphs, shown only while it is open;
   - a page past its review date (site/parts/page_end.py): the notice at the end of the page;
   - the home page's events (site/parts/home.py): an event over since the build moves to the recent ones.
   ISO dates are compared as text with the browser's local date. Calendar days in Europe/Rome would
   be over-engineering: a reader a few time zones away sees the change a few hours early or late. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  function dateOf(root, selector) {
    var node = root.querySelector(selector);
    return node ? node.getAttribute("datetime") : null;
  }

  function consultations(day) {
    each(document, ".cm-consultation", function (box) {
      var opens = dateOf(box, "time.cm-opens"), closes = dateOf(box, "time.cm-closes");
      if (!opens || !closes) return;
      var state = day < opens ? "before" : (day <= closes ? "open" : "closed");
      each(box, ".cm-consultation-before, .cm-consultation-open, .cm-consultation-closed", function (node) {
        node.hidden = !node.classList.contains("cm-consultation-" + state);
      });
      // a chapter's comment links (site/parts/paragraphs.py): only while the consultation is open
      each(document, ".cm-comment", function (node) { node.hidden = state !== "open"; });
    });
  }

  function reviews(day) {
    each(document, ".cm-review", function (notice) {
      var due = dateOf(notice, "time");
      if (due) notice.hidden = !(due < day);
    });
  }

  function events(day) {
    var upcoming = document.querySelector(".cm-events-upcoming");
    var past = document.querySelector(".cm-events-past");
    if (!upcoming || !past) return;
    each(upcoming, ".cm-event", function (item) {  // soonest first: each one over goes on top
      var end = dateOf(item, "time.cm-event-end");
      if (end && end < day) past.insertBefore(item, past.firstChild);
    });
    var left = upcoming.querySelector(".cm-event") !== null;
    var none = document.querySelector(".cm-no-events");
    if (none) none.hidden = left;
    upcoming.hidden = !left;
    var shown = parseInt(past.getAttribute("data-past-events"), 10) || 0;  // site/parts/home.py
    each(past, ".cm-event", function (item, index) { item.hidden = index >= shown; });
    var held = past.querySelector(".cm-event") !== null;
    past.hidden = !held;
    each(document, ".cm-events-past-title", function (title) { title.hidden = !held; });
  }

  function init() {
    var day = today();
    consultations(day);
    reviews(day);
    events(day);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The sizes of the PDFs on the downloads page: the PDF export writes them to pdf/sizes.json, in
   every language, after the pages are built (exports/pdf.py); without JavaScript, or before the
   export, a cell says "—". The offline copy has them in its HTML (file:// cannot fetch). */
(function () {
  "use strict";

  function init() {
    var cells = document.querySelectorAll("td[data-pdf-size]");
    var config = document.getElementById("__config");
    if (!cells.length || !config || window.location.protocol === "file:") return;
    var base = (JSON.parse(config.textContent).base || ".").replace(/\/?$/, "/");
    var lang = document.documentElement.lang;
    fetch(new URL(base + "pdf/sizes.json", window.location.href).href)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (sizes) {
        Array.prototype.forEach.call(cells, function (cell) {
          var size = sizes[cell.getAttribute("data-pdf-size")];
          if (size && size[lang]) cell.textContent = size[lang];
        });
      })
      .catch(function () { /* the cells keep their dash */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The language switch keeps the section the reader is on: a page and its translation have the same
   section ids (the validator's anchors rule: every heading of a page has an explicit id, the same
   set in both languages), so the other language's link gets the address's #section, or else that
   of the last heading scrolled past the top of the window; and the filters' ?tema=… (their values
   are ids, the same in both languages). Set at the moment of the click. */
(function () {
  "use strict";

  function section() {
    if (window.location.hash.length > 1) return window.location.hash;
    var found = "";
    var top = (document.querySelector(".md-header") || {offsetHeight: 0}).offsetHeight + 8;
    Array.prototype.forEach.call(document.querySelectorAll("article h2[id], article h3[id]"), function (heading) {
      // a hidden heading (a group the filters hide) has no box: its top reads 0
      if (heading.getClientRects().length && heading.getBoundingClientRect().top <= top) found = "#" + heading.id;
    });
    return found;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.md-select__link[hreflang]") : null;
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    url.search = window.location.search;
    url.hash = section();
    link.href = url.href;
  }, true);
})();
