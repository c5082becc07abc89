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
  // the clause itself. A match outside any clause links to the edition.
  const hits = [];
  for (const page of pages) {
    // The clauses with the most matched words first.
    const weight = (s) => (s.weighted_locations || []).reduce((sum, w) => sum + w.weight, 0);
    const subs = (page.sub_results || [])
      .filter((s) => s.url.includes("#"))
      .sort((a, b) => weight(b) - weight(a));
    if (!subs.length) hits.push({ url: page.url, title: page.meta.title, excerpt: page.excerpt });
    for (const sub of subs.slice(0, 3)) {
      hits.push({ url: sub.url, title: page.meta.title + " — " + sub.title, excerpt: sub.excerpt });
    }
  }
  count.textContent = hits.length ? me.dataset.count.replace("{n}", String(hits.length)) : me.dataset.none;
  for (const hit of hits) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = base + hit.url.replace(/^\//, "");
    link.textContent = hit.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = hit.excerpt; // Pagefind escapes the text and marks the hits
    item.append(link, excerpt);
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
