// The query page: run the editor's query with POST /sparql and show the results.
// Plain JS, no dependencies; every request goes to this server.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const runButton = document.getElementById("run");
  const statusLine = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const results = document.getElementById("results");
  const graph = document.getElementById("graph");
  const downloads = document.getElementById("downloads");
  const endpoint = form.getAttribute("action");
  const named = JSON.parse(document.getElementById("named-queries").textContent);
  const prefixMap = JSON.parse(document.getElementById("prefix-map").textContent);
  const labelsUrl = form.dataset.labels;
  const shareLink = document.getElementById("share");
  const MAX_LABELS = 500;
  // Longest namespace first, so skos: is not taken for a longer, more specific one.
  const namespaces = Object.entries(prefixMap).sort(function (a, b) { return b[1].length - a[1].length; });
  const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
  const RESULTS_JSON = "application/sparql-results+json";
  const ACCEPT = RESULTS_JSON + ", text/turtle;q=0.9";

  let lastQuery = null;

  function post(query, accept) {
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: query }),
    });
  }

  async function errorMessage(response) {
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    if (type.startsWith("application/json")) {
      try {
        const body = JSON.parse(text);
        return (body.error ? body.error + ": " : "") + (body.message || text);
      } catch (e) { /* fall through: show the text */ }
    }
    return text.trim() || response.status + " " + response.statusText;
  }

  function clear() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    results.replaceChildren();
    graph.hidden = true;
    graph.textContent = "";
    downloads.hidden = true;
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  // Links made from data: http(s) only, never javascript: or data: (kg/web/security.py, web_href).
  function webHref(value) {
    return /^https?:\/\//i.test(value) ? value : null;
  }

  // skg:Summit for a namespace the page knows, else null.
  function prefixed(iri) {
    for (const [prefix, ns] of namespaces) {
      if (iri.startsWith(ns) && iri.length > ns.length && LOCAL_NAME.test(iri.slice(ns.length))) {
        return prefix + ":" + iri.slice(ns.length);
      }
    }
    return null;
  }

  function termCell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = webHref(term.value);
      const a = document.createElement(href ? "a" : "span");
      if (href) a.href = href;
      const short = prefixed(term.value);
      a.className = short ? "term" : "term iri";
      a.textContent = short || term.value;
      a.title = term.value;
      a.dataset.iri = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
      td.className = "bnode";
    } else if (term.type === "triple") {
      td.textContent = "<< " + JSON.stringify(term.value) + " >>";
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) {
        const lang = document.createElement("span");
        lang.className = "lang";
        lang.textContent = "@" + term["xml:lang"];
        td.appendChild(lang);
      } else if (term.datatype) {
        td.title = prefixed(term.datatype) || term.datatype;  // on hover: the value's type
      }
    }
    return td;
  }

  function renderTable(doc) {
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    const body = table.createTBody();
    let count;
    if ("boolean" in doc) {
      head.appendChild(document.createElement("th")).textContent = "ASK";
      body.insertRow().appendChild(document.createElement("td")).textContent = String(doc.boolean);
      count = "answer: " + doc.boolean;
    } else {
      const vars = doc.head.vars;
      for (const v of vars) head.appendChild(document.createElement("th")).textContent = v;
      for (const binding of doc.results.bindings) {
        const row = body.insertRow();
        for (const v of vars) row.appendChild(termCell(binding[v]));
      }
      const n = doc.results.bindings.length;
      count = n + (n === 1 ? " row" : " rows");
    }
    results.replaceChildren(table);
    addLabels(table);
    return count;
  }

  // Labels (and local pages) for the IRIs of a result: one POST to /labels; the IRI stays
  // on hover, the prefixed name under the label.
  async function addLabels(table) {
    const cells = Array.from(table.querySelectorAll("[data-iri]"));
    const iris = Array.from(new Set(cells.map(function (c) { return c.dataset.iri; }))).slice(0, MAX_LABELS);
    if (!iris.length || !labelsUrl) return;
    let found;
    try {
      const response = await fetch(labelsUrl, {
        method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ iris: iris }),
      });
      if (!response.ok) return;  // the table keeps its prefixed names
      found = await response.json();
    } catch (e) { return; }
    for (const cell of cells) {
      const iri = cell.dataset.iri;
      const local = found.links && found.links[iri];
      if (local && cell.tagName === "A" && local.startsWith("/")) cell.href = local;
      const label = found.labels && found.labels[iri];
      if (!label) continue;
      const short = prefixed(iri);
      cell.textContent = label;
      cell.classList.remove("iri");
      cell.classList.add("labelled");
      if (short) {  // the prefixed name under the label; a long IRI only on hover
        const name = document.createElement("span");
        name.className = "pname";
        name.textContent = short;
        cell.after(name);
      }
    }
    table.dataset.labelled = "true";
  }

  // CONSTRUCT/DESCRIBE as Turtle: IRIs of known namespaces written as prefixed names.
  function prefixTurtle(text) {
    if (/^\s*(@prefix|PREFIX)\b/im.test(text)) return text;
    const used = new Set();
    const body = text.replace(/<([^<>"{}|^`\\\s]*)>/g, function (whole, iri) {
      const short = prefixed(iri);
      if (!short) return whole;
      used.add(short.split(":")[0]);
      return short;
    });
    const head = Array.from(used).sort().map(function (p) { return "@prefix " + p + ": <" + prefixMap[p] + "> ."; });
    return head.length ? head.join("\n") + "\n\n" + body : body;
  }

  function share(query) {
    const url = new URL(window.location.href);
    url.search = "?query=" + encodeURIComponent(query);
    url.hash = "";
    history.replaceState(null, "", url.toString());
    shareLink.href = url.toString();
    shareLink.hidden = false;
  }

  async function run() {
    const query = editor.value;
    clear();
    runButton.disabled = true;
    statusLine.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await post(query, ACCEPT);
      if (!response.ok) {
        statusLine.textContent = "";
        showError(await errorMessage(response));
        return;
      }
      const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      let summary;
      if (type === RESULTS_JSON) {
        summary = renderTable(await response.json());
        downloads.dataset.kind = "results";
      } else {
        graph.textContent = prefixTurtle(await response.text());
        graph.hidden = false;
        summary = "graph";
        downloads.dataset.kind = "graph";
      }
      if (response.headers.get("X-KG-Truncated") === "true") {
        summary += " (truncated at " + response.headers.get("X-KG-Max-Rows") + " rows: setting max_rows)";
      }
      lastQuery = query;
      share(query);
      for (const b of downloads.querySelectorAll("button")) b.hidden = b.dataset.for !== downloads.dataset.kind;
      downloads.hidden = false;
      statusLine.textContent = summary + " in " + Math.round(performance.now() - started) + " ms";
    } catch (e) {
      statusLine.textContent = "";
      showError("The request failed: " + e.message);
    } finally {
      runButton.disabled = false;
    }
  }

  async function download(button) {
    if (lastQuery === null) return;
    const response = await post(lastQuery, button.dataset.accept);
    if (!response.ok) {
      showError(await errorMessage(response));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = "results." + button.dataset.ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function addPrefix(prefix, iri) {
    const line = "PREFIX " + prefix + ": <" + iri + ">";
    const declared = new RegExp("^\\s*PREFIX\\s+" + prefix + ":", "im");
    if (!declared.test(editor.value)) editor.value = line + "\n" + editor.value;
    editor.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", function () {
      const q = named.find(function (item) { return item.name === button.dataset.name; });
      if (!q) return;
      editor.value = q.text;
      clear();
      statusLine.textContent = "Loaded “" + q.title + "”";
      editor.focus();
      editor.setSelectionRange(0, 0);
      editor.scrollTop = 0;
    });
  }
  for (const button of document.querySelectorAll("button.prefix")) {
    button.addEventListener("click", function () { addPrefix(button.dataset.prefix, button.dataset.iri); });
  }
  for (const button of downloads.querySelectorAll("button")) {
    button.addEventListener("click", function () { download(button); });
  }
  if (form.dataset.autorun === "true") run();  // a shared link: show its result
})();
