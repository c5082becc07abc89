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
  const pagefind = await import(base + "pagefind/pagefind.js");
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
  count.textContent = results.length
    ? me.dataset.count.replace("{n}", String(found.results.length))
    : me.dataset.none;
  for (const data of results) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = base + data.url.replace(/^\//, "");
    link.textContent = data.meta.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and marks the hits
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
