/* Search worker with stemming of what the reader types.
   Material turns every query word into a prefix query ("innovazioni*"), and lunr skips the
   stemmer for wildcard terms, so a plural never finds its singular. This wrapper loads
   Material's own worker (its file name arrives as ?worker=…) and stems the word before the
   wildcard, with the Italian stemmer when the Italian index is loaded, the English one otherwise. */
(function () {
  "use strict";
  // In a real worker the name arrives in our own URL; under the file:// shim (iframe-worker),
  // in the URL of the <script> that loaded us, and there importScripts is asynchronous.
  var script = typeof document !== "undefined" && document.currentScript ? document.currentScript.src
    : self.location.href;
  var here = new URL(script);
  var worker = (here.searchParams.get("worker") || "").split("?")[0];
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) throw new Error("unexpected search worker name");
  Promise.resolve(importScripts(new URL(worker, here).href)).then(stemQueries);

  function stemQueries() {
    // Every parsed word passes through nextClause() before it joins the query.
    var nextClause = lunr.QueryParser.prototype.nextClause;
    lunr.QueryParser.prototype.nextClause = function () {
      var clause = this.currentClause;
      var prefix = /^([^*]+)\*$/.exec((clause && clause.term) || "");
      if (prefix) {
        var stemmer = (lunr.it && lunr.it.stemmer) || lunr.stemmer;
        clause.term = stemmer(new lunr.Token(prefix[1], {})).toString() + "*";
      }
      return nextClause.call(this);
    };
  }
})();
