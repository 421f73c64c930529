// Result tables and graphs as every page shows them (the query page, a named query's page):
// labels where the graph has them (the IRI on hover, linked to its page), prefixed names
// otherwise, a row count; CONSTRUCT/DESCRIBE as prefixed Turtle.  Plain JS, no dependencies;
// the page carries the prefixes in <script type="application/json" id="prefix-map">.
"use strict";

window.KGResults = (function () {
  const prefixMap = JSON.parse(document.getElementById("prefix-map").textContent);
  const MAX_LABELS = 500;
  // Longest namespace first, so skos: is not taken for a longer, more specific one.
  const namespaces = Object.entries(prefixMap).sort(function (a, b) { return b[1].length - a[1].length; });
  const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

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

  // A SPARQL JSON result (SELECT or ASK) as {table, count}: the <table> and "N rows" / "answer: true".
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
    return { table: table, count: count };
  }

  // Labels (and local pages) for the IRIs of a table: one POST to labelsUrl (/labels); the IRI
  // stays on hover, the prefixed name under the label.  The table gets data-labelled when done.
  async function addLabels(table, labelsUrl) {
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

  return { renderTable: renderTable, addLabels: addLabels, prefixTurtle: prefixTurtle };
})();
