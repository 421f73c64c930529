// The query page: run the editor's query with POST /sparql, or a named query with its parameters
// with GET /queries/NAME.json?PARAMS, and show the results (results.js draws them).  The address
// bar then holds /?query=TEXT or /?named=NAME&PARAM=VALUE: a link that reproduces the result.
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
  const paramsBox = document.getElementById("params");
  const paramsFields = document.getElementById("param-fields");
  const paramsTitle = document.getElementById("params-title");
  const endpoint = form.getAttribute("action");
  const named = JSON.parse(document.getElementById("named-queries").textContent);
  const opened = JSON.parse(document.getElementById("opened").textContent);
  const labelsUrl = form.dataset.labels;
  const shareLink = document.getElementById("share");
  const RESULTS_JSON = "application/sparql-results+json";
  const ACCEPT = RESULTS_JSON + ", text/turtle;q=0.9";
  const EXTENSIONS = { "application/sparql-results+json": "json", "text/csv": "csv",
                       "text/tab-separated-values": "tsv", "text/turtle": "ttl", "application/n-triples": "nt" };

  let current = null;  // the named query in the editor (its text unedited), else null
  let lastRun = null;  // what the downloads fetch: {query} or {named, values}

  function post(query, accept) {
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: query }),
    });
  }

  // A named query's result in the format of `accept`, its parameters bound by the server.
  function getNamed(q, values, accept) {
    const url = q.downloads[EXTENSIONS[accept] || (q.form === "SELECT" || q.form === "ASK" ? "json" : "ttl")];
    const search = new URLSearchParams(values).toString();
    return fetch(url + (search ? "?" + search : ""), { headers: { "Accept": accept } });
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

  // The parameter form of a named query (none for the editor's own text).
  function showParams(q, values) {
    paramsFields.replaceChildren();
    paramsBox.hidden = !q || !q.params.length;
    if (!q) return;
    paramsTitle.textContent = "Parameters of “" + q.title + "”";
    for (const p of q.params) {
      const field = document.createElement("div");
      field.className = "param";
      const label = document.createElement("label");
      label.htmlFor = "param-" + p.name;
      label.textContent = p.name + " ";
      label.appendChild(document.createElement("small")).textContent = "(" + p.type + ")";
      const input = document.createElement("input");
      input.id = "param-" + p.name;
      input.name = p.name;
      input.value = p.name in values ? values[p.name] : (p.default || "");
      if (p.type === "date") input.placeholder = "YYYY-MM-DD";
      if (p.type === "integer") input.inputMode = "numeric";
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); run(); }
      });
      field.append(label, input);
      if (p.help) {
        const help = field.appendChild(document.createElement("span"));
        help.className = "hint";
        help.textContent = p.help;
      }
      paramsFields.appendChild(field);
    }
  }

  function paramValues() {
    const values = {};
    for (const input of paramsFields.querySelectorAll("input")) {
      if (input.value !== "") values[input.name] = input.value;  // empty: the query's default
    }
    return values;
  }

  function openNamed(q, values) {
    current = q;
    editor.value = q.text;
    showParams(q, values);
  }

  function share(run) {
    const url = new URL(window.location.href);
    const search = run.named ? new URLSearchParams(Object.assign({ named: run.named.name }, run.values))
                             : new URLSearchParams({ query: run.query });
    url.search = "?" + search.toString();
    url.hash = "";
    history.replaceState(null, "", url.toString());
    shareLink.href = url.toString();
    shareLink.hidden = false;
  }

  async function run() {
    const thisRun = current ? { named: current, values: paramValues() } : { query: editor.value };
    clear();
    runButton.disabled = true;
    statusLine.textContent = "Running…";
    const started = performance.now();
    try {
      const response = thisRun.named ? await getNamed(thisRun.named, thisRun.values, ACCEPT)
                                     : await post(thisRun.query, ACCEPT);
      if (!response.ok) {
        statusLine.textContent = "";
        showError(await errorMessage(response));
        return;
      }
      const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      let summary;
      if (type === RESULTS_JSON) {
        const drawn = KGResults.renderTable(await response.json());
        results.replaceChildren(drawn.table);
        KGResults.addLabels(drawn.table, labelsUrl);
        summary = drawn.count;
        downloads.dataset.kind = "results";
      } else {
        graph.textContent = KGResults.prefixTurtle(await response.text());
        graph.hidden = false;
        summary = "graph";
        downloads.dataset.kind = "graph";
      }
      if (response.headers.get("X-KG-Truncated") === "true") {
        summary += " (truncated at " + response.headers.get("X-KG-Max-Rows") + " rows: setting max_rows)";
      }
      lastRun = thisRun;
      share(thisRun);
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
    if (lastRun === null) return;
    const accept = button.dataset.accept;
    const response = lastRun.named ? await getNamed(lastRun.named, lastRun.values, accept)
                                   : await post(lastRun.query, accept);
    if (!response.ok) {
      showError(await errorMessage(response));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = (lastRun.named ? lastRun.named.name : "results") + "." + button.dataset.ext;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function addPrefix(prefix, iri) {
    const line = "PREFIX " + prefix + ": <" + iri + ">";
    const declared = new RegExp("^\\s*PREFIX\\s+" + prefix + ":", "im");
    if (!declared.test(editor.value)) editor.value = line + "\n" + editor.value;
    editor.dispatchEvent(new Event("input"));
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
  editor.addEventListener("input", function () {
    if (current && editor.value !== current.text) {  // edited: the editor's own query from now on
      current = null;
      showParams(null, {});
      statusLine.textContent = "Edited: runs as your own query (parameters unbound)";
    }
  });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", function () {
      const q = named.find(function (item) { return item.name === button.dataset.name; });
      if (!q) return;
      clear();
      openNamed(q, {});
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
  if (opened.named) {  // /?named=NAME&PARAMS (runs) or /?name=NAME (opens)
    const q = named.find(function (item) { return item.name === opened.named; });
    if (q) openNamed(q, opened.values);
  }
  if (opened.autorun) run();  // a shared link: show its result
})();
