// A named query's page: its result, which the server put in the page, drawn by results.js as the
// query page draws it (labels, prefixed names, the IRI on hover); a graph as prefixed Turtle.
"use strict";

(function () {
  const box = document.getElementById("results");
  const doc = document.getElementById("result-doc");
  if (box && doc) {
    const drawn = KGResults.renderTable(JSON.parse(doc.textContent));
    box.replaceChildren(drawn.table);
    KGResults.addLabels(drawn.table, box.dataset.labels);
  }
  const graph = document.getElementById("graph");
  if (graph) graph.textContent = KGResults.prefixTurtle(graph.textContent);
})();
