// claimgraph web app: draws the claim map's timeline (Observable Plot) and provenance graph
// (cytoscape) from the JSON the server puts in a data attribute. Labels go in as text only (no innerHTML).
(function () {
  "use strict";
  var SIDES = ["supports", "refutes", "neutral"];
  var SYMBOLS = { supports: "circle", refutes: "square", neutral: "diamond" };

  function xScale(points) {
    var times = points.map(function (p) { return p.day.getTime(); });
    var days = (Math.max.apply(null, times) - Math.min.apply(null, times)) / 864e5;
    var scale = { type: "utc", label: null, grid: true, inset: 24 };
    if (days <= 10) {
      scale.ticks = "day";
      scale.tickFormat = "%d %b %Y";
    } else {
      scale.ticks = 6;
      scale.tickFormat = days > 120 ? "%b %Y" : "%d %b %Y";
    }
    return scale;
  }

  function drawTimeline(el, data) {
    el.replaceChildren();
    var points = data.points.map(function (p) {
      return Object.assign({}, p, { day: new Date(p.date + "T00:00:00Z"), lane: data.labels[p.side] });
    });
    if (!points.length) {
      var empty = document.createElement("p");
      empty.className = "muted";
      empty.textContent = "No dated statements.";
      el.appendChild(empty);
      el.dataset.rendered = "0";
      return;
    }
    var lanes = SIDES.map(function (s) { return data.labels[s]; });
    // one row per side; statements of the same day are dodged apart instead of hidden
    var chart = Plot.plot({
      width: Math.max(560, el.clientWidth || 880),
      height: 80 * SIDES.length + 40,
      marginLeft: 140,
      marginRight: 24,
      style: { fontSize: "12px", background: "#fff" },
      x: xScale(points),
      fy: { domain: lanes, label: null, axis: "left", padding: 0.08 },
      color: { domain: SIDES, range: SIDES.map(function (s) { return data.colours[s]; }) },
      symbol: { domain: SIDES, range: SIDES.map(function (s) { return SYMBOLS[s]; }) },
      marks: [
        Plot.frame({ stroke: "#e3e3e8", anchor: "bottom" }),
        Plot.dot(points, Plot.dodgeY("middle", {
          x: "day", fy: "lane", symbol: "side", r: 6, strokeWidth: 1.8, padding: 3,
          stroke: function (d) { return data.colours[d.side]; },
          fill: function (d) { return d.inferred ? "#fff" : data.colours[d.side]; },
          title: function (d) { return d.label + " — " + d.date + (d.inferred ? " (publication date)" : "") + (d.hedged ? " — hedged" : ""); },
          href: function (d) { return "#" + d.id; }
        }))
      ]
    });
    chart.classList.add("plot-timeline");
    el.appendChild(chart);
    el.dataset.rendered = String(points.length);
  }

  function drawGraph(el, data) {
    el.replaceChildren();
    var elements = [];
    var bottom = 0;
    data.nodes.forEach(function (n) {
      bottom = Math.max(bottom, n.y);
      elements.push({
        group: "nodes",
        data: { id: n.id, label: n.label + " (" + n.weight + ")", kind: n.kind,
                colour: n.kind === "actor" && data.colours[n.side] ? data.colours[n.side] : "#3b3b40" },
        // positions are laid out by the server (the report's column layout)
        position: { x: n.x, y: n.y }
      });
    });
    data.edges.forEach(function (e, i) {
      elements.push({
        group: "edges",
        data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                colour: data.colours[e.side] || "#8a8a90", line: e.original ? "solid" : "dashed" }
      });
    });
    el.style.height = Math.max(220, bottom + 90) + "px";
    var cy = cytoscape({
      container: el,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 24 },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      style: [
        { selector: "node", style: {
          shape: "round-rectangle", width: 210, height: 30, "background-color": "#fff",
          "border-width": 2, "border-color": "data(colour)", label: "data(label)",
          "text-valign": "center", "text-halign": "center", "font-size": 12, color: "#1d1d1f",
          "text-max-width": 196, "text-wrap": "ellipsis", "font-family": "Helvetica, Arial, sans-serif" } },
        { selector: "node[kind = 'outlet']", style: { "background-color": "#f3f3f5", "border-width": 1 } },
        { selector: "edge", style: {
          width: "mapData(weight, 1, 6, 1.5, 6)", "line-color": "data(colour)", "line-style": "data(line)",
          "curve-style": "bezier", "source-endpoint": "50% 0%", "target-endpoint": "-50% 0%",
          "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)",
          opacity: 0.75 } }
      ]
    });
    el.dataset.rendered = String(cy.nodes().length);
    el.dataset.edges = String(cy.edges().length);
    window.claimgraphCy = cy;
  }

  function render(root) {
    var block = root.querySelector(".viz-data");
    if (!block) { return; }
    var data = JSON.parse(block.dataset.json);
    root.querySelectorAll("[data-viz]").forEach(function (el) {
      try {
        if (el.dataset.viz === "timeline") { drawTimeline(el, data); }
        if (el.dataset.viz === "graph") { drawGraph(el, data); }
      } catch (err) {
        el.dataset.error = String(err);
        var msg = document.createElement("p");
        msg.className = "muted";
        msg.textContent = "Could not draw this chart: " + err;
        el.appendChild(msg);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (event) { render(event.target); });
})();
