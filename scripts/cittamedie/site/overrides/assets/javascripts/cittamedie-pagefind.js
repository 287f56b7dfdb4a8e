/* The served site's search (partials/pagefind.html). A page view costs this file only: Pagefind's
   runtime (pagefind/pagefind.js and its WebAssembly, written by the build, search.py) and the
   dialog's stylesheet load when the reader opens the dialog, and each query fetches only the index
   chunks and excerpts it needs. Pagefind picks the index of <html lang>: results are in the page's
   language.
   Keys / and s open the dialog from anywhere but a form field, as in Material; Escape or the close
   button closes it and focus goes back where it was. */
(function () {
  "use strict";
  var button = document.querySelector(".cm-search-open");
  var dialog = document.querySelector("dialog.cm-search");
  if (!button || !dialog || typeof dialog.showModal !== "function") return;
  var input = dialog.querySelector(".cm-search__query");
  var status = dialog.querySelector(".cm-search__status");
  var list = dialog.querySelector(".cm-search__results");
  var more = dialog.querySelector(".cm-search__more");
  var selects = Array.prototype.slice.call(dialog.querySelectorAll("select[data-filter]"));
  var text = dialog.dataset;
  var PAGE = 5;  // results whose excerpts are fetched at a time (one small file each)
  var pagefind = null, styled = null, opener = null, timer = 0, asked = 0, found = [], shown = 0;

  button.hidden = false;
  button.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if ((event.key === "/" || event.key === "s") && !isField(event.target)) {
      event.preventDefault();
      open();
    }
  });
  dialog.addEventListener("close", function () {
    if (opener && typeof opener.focus === "function") opener.focus();
  });
  dialog.addEventListener("click", function (event) {  // on the backdrop, outside the box
    var box = dialog.getBoundingClientRect();
    if (event.target === dialog && (event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom)) dialog.close();
  });
  dialog.querySelector(".cm-search__close").addEventListener("click", function () { dialog.close(); });
  input.addEventListener("input", schedule);
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
    if (event.key === "Enter" && first) { event.preventDefault(); first.click(); }
  });
  selects.forEach(function (select) { select.addEventListener("change", schedule); });
  more.addEventListener("click", function () {
    var ask = asked;
    list.setAttribute("aria-busy", "true");
    showMore(ask).catch(failed).then(function () { if (ask === asked) list.removeAttribute("aria-busy"); });
  });

  function isField(element) {
    return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function open() {
    opener = document.activeElement;
    load();
    stylesheet().then(function () {
      if (dialog.open) return;
      dialog.showModal();
      input.focus();
    });
  }

  function stylesheet() {  // ours, for the dialog: fetched with Pagefind, not with every page
    if (!styled) styled = new Promise(function (resolve) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = text.stylesheet;
      link.onload = link.onerror = resolve;
      document.head.appendChild(link);
      setTimeout(resolve, 1500);
    });
    return styled;
  }

  function load() {
    if (!pagefind) {
      status.textContent = text.loading;
      dialog.setAttribute("aria-busy", "true");
      var bundle = new URL(text.bundle, document.baseURI).href;
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        // search.py OPTIONS: no Worker, the excerpts' length, the ranking the judged queries measure
        return module.options(JSON.parse(text.options))
          .then(function () { return module.init(); })
          .then(function () { return module.filters(); })
          .then(function (filters) {
            fillFilters(filters || {});
            if (status.textContent === text.loading) status.textContent = "";
            dialog.removeAttribute("aria-busy");
            return module;
          });
      });
      pagefind.catch(failed);
    }
    return pagefind;
  }

  function fillFilters(filters) {
    selects.forEach(function (select) {
      Object.keys(filters[select.getAttribute("data-filter")] || {}).sort(function (a, b) {
        return a.localeCompare(b, document.documentElement.lang);
      }).forEach(function (value) {
        var option = document.createElement("option");
        option.value = option.textContent = value;
        select.appendChild(option);
      });
    });
  }

  function schedule() {
    clearTimeout(timer);
    list.setAttribute("aria-busy", "true");  // until the results of what is typed now are shown
    timer = setTimeout(run, 150);
  }

  function run() {
    var term = input.value.trim();
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    var ask = ++asked;
    if (!term && !Object.keys(filters).length) {
      found = [];
      list.textContent = status.textContent = "";
      more.hidden = true;
      list.removeAttribute("aria-busy");
      return;
    }
    load().then(function (module) {
      return module.search(term || null, { filters: filters });
    }).then(function (search) {
      if (ask !== asked || !search) return;
      found = search.results;
      shown = 0;
      list.textContent = "";
      var n = found.length;
      status.textContent = n === 0 ? text.none : n === 1 ? text.one : text.many.replace("{n}", n);
      return showMore(ask);
    }).catch(failed).then(function () {
      if (ask === asked) list.removeAttribute("aria-busy");
    });
  }

  function showMore(ask) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (ask !== asked) return;
      pages.forEach(function (page) { list.appendChild(item(page)); });
      more.hidden = shown >= found.length;
    });
  }

  function item(page) {
    var li = document.createElement("li");
    var title = document.createElement("h3");
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = plain(page.meta.title || page.url);
    title.appendChild(link);
    li.appendChild(title);
    if (page.meta.section) {
      var section = document.createElement("p");
      section.className = "cm-search__section";
      section.textContent = plain(page.meta.section);
      li.appendChild(section);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "cm-search__excerpt";
    marked(excerpt, page.excerpt || "");
    li.appendChild(excerpt);
    return li;
  }

  // Pagefind's texts are HTML (entities, and <mark> around the matched words in excerpts): read
  // them with an inert parser and keep text and <mark> only.
  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html").body;
  }

  function plain(html) {
    return parse(html).textContent;
  }

  function marked(target, html) {
    parse(html).childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function failed(error) {
    status.textContent = text.error;
    dialog.removeAttribute("aria-busy");
    if (window.console) console.warn("search:", error);
  }
})();
