/* The served site's search (partials/pagefind.html). A page view costs this file only: Pagefind's
   runtime (pagefind/pagefind.js and its WebAssembly, written by the build, search.py) and the
   dialog's stylesheet load when the reader opens the dialog, and each query fetches only the index
   chunks and excerpts it needs. Pagefind picks the index of <html lang>: results are in the page's
   language.
   Keys / and s open the dialog from anywhere but a form field, as in Material; Escape or the close
   button closes it and focus goes back where it was.
   Pagefind finds the pages that have all the words; when none has them all, the dialog shows the
   pages that have any of them, and says so (find, below: the judged query set runs the same). Each
   result is one page, with the heading of the part of it that matched best. */
(function () {
  "use strict";
  window.cittamedieSearch = { find: find };  // tests/search_judged.py measures what the dialog shows
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
      return find(module, term, filters);
    }).then(function (search) {
      if (ask !== asked || !search) return;
      found = search.results;
      shown = 0;
      list.textContent = "";
      var n = found.length;
      var count = n === 0 ? text.none : n === 1 ? text.one : text.many.replace("{n}", n);
      status.textContent = search.anyWord ? text.anyWord + " " + count : count;
      return showMore(ask);
    }).catch(failed).then(function () {
      if (ask === asked) list.removeAttribute("aria-busy");
    });
  }

  // The pages with all the words, in Pagefind's order. If there are none and more than one word was
  // typed: the pages with any of them (words of three letters or more, when there are such: "di",
  // "of" would find every page), each page once, its scores for each word added up, and anyWord set.
  function find(module, term, filters) {
    var options = { filters: filters || {} };
    return module.search(term || null, options).then(function (search) {
      var words = (term || "").split(/\s+/).filter(Boolean);
      var long = words.filter(function (word) { return word.length > 2; });
      if (!search || search.results.length || words.length < 2) {
        return search && { results: search.results, anyWord: false };
      }
      return Promise.all((long.length ? long : words).map(function (word) {
        return module.search(word, options);
      })).then(function (searches) {
        var pages = {}, order = [];
        searches.forEach(function (each) {
          (each ? each.results : []).forEach(function (result) {
            if (!pages[result.id]) {
              pages[result.id] = { result: result, score: 0 };
              order.push(result.id);
            }
            pages[result.id].score += result.score;
          });
        });
        order.sort(function (a, b) { return pages[b].score - pages[a].score; });
        return {
          results: order.map(function (id) { return pages[id].result; }),
          anyWord: order.length > 0
        };
      });
    });
  }

  function showMore(ask) {
    var next = found.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (ask !== asked) return;
      pages.forEach(function (page) {
        if (list.querySelector('h3 a[href="' + CSS.escape(page.url) + '"]')) return;  // a page once
        list.appendChild(item(page));
      });
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
    var part = bestPart(page);
    if (part) {
      var where = document.createElement("p");
      where.className = "cm-search__where";
      where.appendChild(document.createTextNode(text.foundIn + " "));
      var anchor = document.createElement("a");
      anchor.href = part.url;
      anchor.textContent = plain(part.title);
      where.appendChild(anchor);
      li.appendChild(where);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "cm-search__excerpt";
    marked(excerpt, (part && part.excerpt) || page.excerpt || "");
    li.appendChild(excerpt);
    return li;
  }

  // The part of the page (Pagefind's sub-results: from a heading with an id to the next one) where
  // the words weigh most, by Pagefind's own weights (headings count more); none when the page's
  // start, its title and what comes before its first such heading, weighs more than any part.
  function bestPart(page) {
    var best = null, most = 0;
    (page.sub_results || []).forEach(function (part) {
      var weight = (part.weighted_locations || []).reduce(function (sum, at) {
        return sum + (at.balanced_score || 0);
      }, 0);
      if (weight > most) { best = part; most = weight; }
    });
    return best && best.url.indexOf("#") > 0 && best.title ? best : null;
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
