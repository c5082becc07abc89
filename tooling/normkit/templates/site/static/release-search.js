/* Search of the public site with Pagefind's index (pagefind/ at the site's root).
 * Every word comes from the page (data- attributes of this script's tag). Pagefind loads
 * its index with fetch(), which browsers refuse for file:// pages: there the page says
 * that search needs the site served over HTTP. */
const me = document.currentScript || document.querySelector("script[data-base]");
const base = me.dataset.base;
const form = document.getElementById("nk-search-form");
const input = document.getElementById("q");
const count = document.getElementById("nk-search-count");
const list = document.getElementById("nk-search-results");

// Pagefind's excerpt of a clause starts inside its heading, which the result already
// shows ("… .1 宏基站 站址. 宏基站…" under "5.2.1 宏基站站址"): the excerpt starts after
// it. Pagefind also joins the words it segmented Chinese into with spaces: none is kept
// between two Chinese characters (or the marks around them).
const CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef";
const CJK_SPACE = new RegExp(`([${CJK}](?:</?mark>)*)\\s+(?=(?:</?mark>)*[${CJK}])`, "g");

function tidyExcerpt(excerpt, heading) {
  // Pagefind ends the heading with ". " (the stop inside the mark of a matched word).
  const end = /\.(?:<\/mark>)?\s+/.exec(excerpt);
  if (heading && end && end.index > 0) {
    const before = excerpt.slice(0, end.index).replace(/<[^>]*>/g, "").replace(/\s+/g, "");
    if (heading.replace(/\s+/g, "").endsWith(before)) {
      excerpt = excerpt.slice(end.index + end[0].length);
    }
  }
  return excerpt.replace(CJK_SPACE, "$1");
}

async function run(query) {
  list.replaceChildren();
  count.textContent = "";
  if (!query) return;
  let found;
  try {
    const pagefind = await import(base + "pagefind/pagefind.js");
    found = await pagefind.search(query);
  } catch (error) {
    found = { results: [] }; // no index: nothing is released yet
  }
  const pages = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  // A result is an edition; its clauses that match are the sub-results, each linking to
  // the clause itself. A match outside any clause, or on the cover, links to the edition.
  // Every hit names its standard (number and title) and its edition (version, language).
  const hits = [];
  for (const page of pages) {
    // The clauses with the most matched words first.
    const weight = (s) => (s.weighted_locations || []).reduce((sum, w) => sum + w.weight, 0);
    const subs = (page.sub_results || [])
      .filter((s) => s.url.includes("#") && !s.url.endsWith("#cover"))
      .sort((a, b) => weight(b) - weight(a));
    const source = { standard: page.meta.title, edition: page.meta.edition || "" };
    if (!subs.length) hits.push({ ...source, url: page.url, clause: "", excerpt: page.excerpt });
    for (const sub of subs.slice(0, 3)) {
      hits.push({ ...source, url: sub.url, clause: sub.title, excerpt: sub.excerpt });
    }
  }
  count.textContent = hits.length ? me.dataset.count.replace("{n}", String(hits.length)) : me.dataset.none;
  for (const hit of hits) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = base + hit.url.replace(/^\//, "");
    const standard = document.createElement("span");
    standard.className = "nk-search-standard";
    standard.textContent = hit.standard;
    link.append(standard);
    if (hit.clause) {
      const clause = document.createElement("span");
      clause.className = "nk-search-clause";
      clause.textContent = hit.clause;
      link.append(" ", clause);
    }
    const edition = document.createElement("span");
    edition.className = "nk-search-edition";
    edition.textContent = hit.edition;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = tidyExcerpt(hit.excerpt, hit.clause); // Pagefind escapes the text and marks the hits
    item.append(link, edition, excerpt);
    list.append(item);
  }
}

if (location.protocol === "file:") {
  document.getElementById("nk-search-file").hidden = false;
} else {
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  run(query);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
}
