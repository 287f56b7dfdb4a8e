// Lighthouse (npm, pinned in package.json: 12.x runs on Node 20) on a list of pages, one
// Chromium for all of them; prints one JSON array on stdout. Used by tests/browser/test_lighthouse.py
// (accessibility, best practices, SEO) and by scripts/bench.py --lighthouse (performance).
//
//   node scripts/lighthouse.mjs '{"chrome": "/usr/bin/chromium", "flags": ["--headless=new"],
//     "categories": ["accessibility"], "repeat": false, "options": {}}' http://127.0.0.1:8000/ ...
// ("options": more Lighthouse flags, e.g. {"throttlingMethod": "provided"})
//
// For each page: the category scores, the audits that cost points (id, score, title, the first
// elements found), CLS, and the bytes transferred: first visit, and with "repeat" a second load of
// the same page in the same browser with its cache kept (a repeat visit).
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [settingsJson, ...urls] = process.argv.slice(2);
const settings = JSON.parse(settingsJson);
const chrome = await chromeLauncher.launch({ chromePath: settings.chrome, chromeFlags: settings.flags });

function transferred(lhr) {
  const items = lhr.audits["network-requests"]?.details?.items ?? [];
  return items.reduce((sum, item) => sum + (item.transferSize || 0), 0);
}

function failing(lhr) {
  const found = [];
  for (const category of Object.values(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const nodes = (audit.details?.items ?? []).slice(0, 3).map((item) => item.node?.snippet ?? item.url ?? "");
        found.push({ id: ref.id, score: audit.score, title: audit.title, nodes });
      }
    }
  }
  return found;
}

const results = [];
try {
  for (const url of urls) {
    const options = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: settings.categories,
                      ...(settings.options ?? {}) };
    const first = (await lighthouse(url, options)).lhr;
    const result = {
      url,
      scores: Object.fromEntries(Object.entries(first.categories).map(([id, c]) => [id, c.score])),
      failing: failing(first),
      cls: first.audits["cumulative-layout-shift"]?.numericValue ?? null,
      firstVisitBytes: transferred(first),
      requests: (first.audits["network-requests"]?.details?.items ?? []).map((i) => [i.url, i.transferSize]),
    };
    if (settings.repeat) {
      const again = (await lighthouse(url, { ...options, disableStorageReset: true })).lhr;
      result.repeatVisitBytes = transferred(again);
      result.repeatRequests = (again.audits["network-requests"]?.details?.items ?? [])
        .filter((i) => i.transferSize > 0).map((i) => [i.url, i.transferSize]);
    }
    results.push(result);
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
