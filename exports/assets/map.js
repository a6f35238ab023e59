/* remit map: search, neighbour highlight, side panel, filters and legend over vis-network.
 * Document text reaches the page only through textContent and createTextNode; never innerHTML. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function option(value, text) {
    var o = el("option", null, text);
    o.value = value;
    return o;
  }

  function checkbox(label, checked) {
    var wrap = el("label", "rm-check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    wrap.appendChild(box);
    wrap.appendChild(document.createTextNode(" " + label));
    return { wrap: wrap, box: box };
  }

  function fmt(v) {
    if (v === null || v === undefined || v === "") { return "–"; }
    return String(v);
  }

  // Milestones (ms since navigation start) for benchmarks: parsed, tooltips, datasets, network, ready.
  function mark(name) {
    window.__remitTimings = window.__remitTimings || {};
    window.__remitTimings[name] = Math.round(performance.now());
  }

  function remitMap(root, data) {
    var s = data.strings;
    var units = new Map();
    data.units.forEach(function (u) { units.set(u.id, u); });
    var info = new Map();
    data.edgeInfo.forEach(function (e) { info.set(e.id, e); });
    var tasksById = new Map();
    data.tasks.forEach(function (t, i) { tasksById.set("task:" + t.id, i); });

    root.classList.add("rm-root");
    var bar = el("div", "rm-bar");
    var searchWrap = el("div", "rm-search-wrap");
    var search = el("input", "rm-search");
    search.type = "search";
    search.placeholder = s.search;
    search.setAttribute("aria-label", s.search);
    var results = el("div", "rm-results");
    searchWrap.appendChild(search);
    searchWrap.appendChild(results);
    bar.appendChild(searchWrap);

    var domainLabel = el("label", "rm-filter");
    domainLabel.appendChild(document.createTextNode(s.domain_filter + " "));
    var domainSel = el("select", "rm-domain");
    domainSel.appendChild(option("", s.all_domains));
    data.domains.forEach(function (d, i) { domainSel.appendChild(option(String(i), d)); });
    domainLabel.appendChild(domainSel);
    bar.appendChild(domainLabel);

    var roleBox = el("span", "rm-filter rm-roles");
    roleBox.appendChild(document.createTextNode(s.role_filter + ": "));
    var roleKeys = data.mode === "tasks" ? ["lead", "support"] : ["lead_support", "co_lead", "co_support"];
    var roleChecks = {};
    roleKeys.forEach(function (k) {
      var c = checkbox(s[k], true);
      c.box.dataset.role = k;
      roleChecks[k] = c.box;
      roleBox.appendChild(c.wrap);
    });
    bar.appendChild(roleBox);
    var status = el("span", "rm-status", s.loading);
    bar.appendChild(status);
    root.appendChild(bar);

    var main = el("div", "rm-main");
    var canvas = el("div", "rm-canvas");
    var panel = el("aside", "rm-panel");
    panel.hidden = true;
    main.appendChild(canvas);
    main.appendChild(panel);
    root.appendChild(main);
    root.appendChild(buildLegend());

    // Tooltips are DOM elements filled with textContent, so vis-network never parses them as HTML.
    data.nodes.forEach(function (n) {
      var u = units.get(n.id);
      var tip = el("div", "rm-tip");
      if (u) {
        tip.appendChild(el("strong", null, u.name));
        if (u.aliases.length) { tip.appendChild(el("div", null, s.aliases + ": " + u.aliases.join("、"))); }
        var led = 0, sup = 0;
        u.tasks.forEach(function (t) { if (t[1] === "lead") { led++; } else { sup++; } });
        tip.appendChild(el("div", null, s.lead + " " + led + " · " + s.support + " " + sup));
      } else {
        var ti = tasksById.get(n.id);
        if (ti !== undefined) {
          var t = data.tasks[ti];
          tip.appendChild(el("strong", null, "#" + t.n));
          tip.appendChild(el("div", null, t.title));
          tip.appendChild(el("div", null, s.deadline + ": " + fmt(t.deadline)));
        }
      }
      n.title = tip;
    });
    if (!data.precomputed) {
      data.edges.forEach(function (e) {
        var i = info.get(e.id);
        var tip = el("div", "rm-tip");
        if (i && data.mode === "units") {
          tip.appendChild(el("strong", null, i.a + " — " + i.b));
          tip.appendChild(el("div", null, s.shared_tasks + ": " + i.w));
          tip.appendChild(el("div", null, s.lead_support + " " + i.ls + " · " + s.co_lead + " " + i.cl +
                                          " · " + s.co_support + " " + i.cs));
        } else if (i) {
          tip.appendChild(el("div", null, i.a + " · " + s[i.role]));
        }
        e.title = tip;
      });
    }

    mark("tooltips");
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var original = new Map();
    data.nodes.forEach(function (n) { original.set(n.id, n.color); });
    mark("datasets");
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
    mark("network");
    var dimmed = false;

    // Labels: a label that would overlap a bigger node's label is left off (the bigger node keeps its
    // own). Font sizes are in canvas units, so overlaps do not depend on the zoom: one pass after the
    // layout settles (and after a drag) is enough. The selected node always shows its name.
    // Above this many nodes labels are left as they are: their text is too small to read zoomed out.
    var DECLUTTER_MAX = 5000;
    var names = new Map();
    data.nodes.forEach(function (n) { names.set(n.id, n.label || ""); });
    var forced = null;
    var measure = document.createElement("canvas").getContext("2d");
    var fontSize = (data.options.nodes && data.options.nodes.font && data.options.nodes.font.size) || 14;
    var fontFace = (data.options.nodes && data.options.nodes.font && data.options.nodes.font.face) || "sans-serif";
    measure.font = fontSize + "px " + fontFace;
    function declutter() {
      if (data.nodes.length > DECLUTTER_MAX || root.dataset.ready !== "1") { return; }
      var pos = network.getPositions();
      var order = data.nodes.filter(function (n) { return names.get(n.id) && pos[n.id] && !nodes.get(n.id).hidden; });
      order.sort(function (a, b) {
        return (b.id === forced) - (a.id === forced) || (b.size || 0) - (a.size || 0) || (a.id < b.id ? -1 : 1);
      });
      var cell = 4 * fontSize, grid = new Map(), keep = new Set();
      function cellsOf(box, add) {
        var hit = false;
        for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
          for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
            var k = gx + "," + gy, list = grid.get(k);
            if (add) { if (!list) { list = []; grid.set(k, list); } list.push(box); continue; }
            if (list) {
              for (var i = 0; i < list.length && !hit; i++) {
                var o = list[i];
                hit = box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3];
              }
            }
          }
        }
        return hit;
      }
      order.forEach(function (n) {
        var p = pos[n.id], w = measure.measureText(names.get(n.id)).width, r = n.size || 0;
        // vis-network draws a dot's label below the dot; the box is padded by a few canvas pixels.
        var box = [p.x - w / 2 - 2, p.y + r + 10, p.x + w / 2 + 2, p.y + r + 12 + fontSize];
        if (!cellsOf(box, false)) { cellsOf(box, true); keep.add(n.id); }
      });
      var upd = [];
      data.nodes.forEach(function (n) {
        var want = keep.has(n.id) ? names.get(n.id) : "";
        if (nodes.get(n.id).label !== want) { upd.push({ id: n.id, label: want }); }
      });
      if (upd.length) { nodes.update(upd); }
      root.dataset.labels = String(keep.size);
    }
    network.on("dragEnd", function (p) { if (p.nodes.length) { declutter(); } });

    function ready() {
      if (root.dataset.ready === "1") { return; }
      root.dataset.ready = "1";
      declutter();
      var shown = data.edges.length === data.edgesTotal ? String(data.edges.length) :
        data.edges.length + " / " + data.edgesTotal;
      status.textContent = data.units.length + " " + s.units_shown + " · " + shown + " " + s.edges_shown +
        (data.strongest ? " " + s.strongest_note.replace("{k}", String(data.strongest)) : "");
      mark("ready");
      window.__remitMapReady = true;
      window.__remitMapReadyAt = performance.now();
    }
    if (data.nodes.length === 0) {
      ready();
    } else if (data.precomputed) {
      network.once("afterDrawing", ready);
    } else {
      // Stabilise once, then stop the simulation so the map stays still and cheap.
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        ready();
      });
    }

    function restore() {
      if (!dimmed) { return; }
      var upd = [];
      original.forEach(function (c, id) { upd.push({ id: id, color: c, font: { color: "#343434" } }); });
      nodes.update(upd);
      dimmed = false;
    }

    function highlight(id) {
      restore();
      var keep = new Set(network.getConnectedNodes(id));
      keep.add(id);
      var upd = [];
      original.forEach(function (c, nid) {
        if (!keep.has(nid)) { upd.push({ id: nid, color: "rgba(200,200,200,0.35)", font: { color: "#c8c8c8" } }); }
      });
      nodes.update(upd);
      dimmed = true;
    }

    function row(cells, tag) {
      var tr = el("tr");
      cells.forEach(function (c) { tr.appendChild(el(tag || "td", null, fmt(c))); });
      return tr;
    }

    function openUnit(u) {
      panel.replaceChildren();
      var close = el("button", "rm-close", "×");
      close.type = "button";
      close.title = s.close;
      close.addEventListener("click", clear);
      panel.appendChild(close);
      panel.appendChild(el("h2", "rm-name", u.name));
      if (u.aliases.length) { panel.appendChild(el("p", "rm-aliases", s.aliases + ": " + u.aliases.join("、"))); }
      if (u.former && u.former.length) { panel.appendChild(el("p", "rm-former", s.former_names + ": " + u.former.join("、"))); }
      panel.appendChild(el("p", "rm-kind", s.kind + ": " + (s[u.kind] || u.kind) + " · " + data.groups[u.group].name));
      panel.appendChild(el("h3", null, s.metrics));
      var mt = el("table", "rm-metrics");
      var partners = u.metrics.filter(function (m) { return m[0] === s.partners; })[0];
      u.metrics.forEach(function (m) {
        // 度 (degree) is the number of partners in the drawn graph: say it once when they agree.
        if (m[0] === s.degree && partners && partners[1] === m[1]) { return; }
        mt.appendChild(row(m));
      });
      panel.appendChild(mt);
      var list = u.tasks.slice().sort(function (a, b) {
        if (a[1] !== b[1]) { return a[1] === "lead" ? -1 : 1; }
        return a[0] - b[0];
      });
      panel.appendChild(el("h3", null, s.tasks + " (" + list.length + ")"));
      var tt = el("table", "rm-tasks");
      var head = el("thead");
      head.appendChild(row([s.number, s.title, s.role, s.deadline], "th"));
      tt.appendChild(head);
      var body = el("tbody");
      list.forEach(function (pair) {
        var t = data.tasks[pair[0]];
        var tr = row([t.n, t.title, s[pair[1]], t.deadline]);
        tr.dataset.role = pair[1];
        tr.dataset.task = t.id;
        body.appendChild(tr);
      });
      tt.appendChild(body);
      panel.appendChild(tt);
      panel.hidden = false;
      root.dataset.selected = u.name;
    }

    function openTask(ti) {
      var t = data.tasks[ti];
      panel.replaceChildren();
      var close = el("button", "rm-close", "×");
      close.type = "button";
      close.addEventListener("click", clear);
      panel.appendChild(close);
      panel.appendChild(el("h2", "rm-name", s.task_node + " #" + t.n));
      panel.appendChild(el("p", null, t.title));
      panel.appendChild(el("p", null, s.deadline + ": " + fmt(t.deadline)));
      if (t.d !== null) { panel.appendChild(el("p", null, s.domain + ": " + data.domains[t.d])); }
      panel.hidden = false;
      root.dataset.selected = "#" + t.n;
    }

    function select(id) {
      if (!nodes.get(id)) { return false; }
      if (forced !== id) { forced = id; declutter(); }
      network.selectNodes([id]);
      highlight(id);
      var u = units.get(id);
      if (u) { openUnit(u); } else if (tasksById.has(id)) { openTask(tasksById.get(id)); }
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 250 } });
      return true;
    }

    function clear() {
      network.unselectAll();
      if (forced !== null) { forced = null; declutter(); }
      restore();
      panel.hidden = true;
      panel.replaceChildren();
      delete root.dataset.selected;
    }

    network.on("click", function (p) {
      if (p.nodes.length) { select(p.nodes[0]); } else { clear(); }
    });

    function matches(q) {
      q = q.trim().toLowerCase();
      if (!q) { return []; }
      var found = [];
      data.units.forEach(function (u) {
        var name = u.name.toLowerCase();
        var score = name === q ? 0 : name.indexOf(q) >= 0 ? 1 :
          u.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; }) ? 2 : -1;
        if (score >= 0) { found.push([score, u.name.length, u]); }
      });
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2].name < b[2].name ? -1 : 1); });
      return found.map(function (f) { return f[2]; });
    }

    var timer = null;
    function runSearch(pick) {
      var found = matches(search.value);
      results.replaceChildren();
      if (search.value.trim() && !found.length) { results.appendChild(el("div", "rm-none", s.no_match)); }
      found.slice(0, 12).forEach(function (u) {
        var b = el("button", "rm-hit", u.name);
        b.type = "button";
        b.dataset.unit = u.name;
        b.addEventListener("click", function () { select(u.id); results.replaceChildren(); });
        results.appendChild(b);
      });
      if (pick && found.length) { select(found[0].id); }
    }
    search.addEventListener("input", function () {
      clearTimeout(timer);
      var auto = search.value.trim().length >= 2;
      timer = setTimeout(function () { runSearch(auto); }, 150);
    });
    search.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { clearTimeout(timer); runSearch(true); results.replaceChildren(); }
      if (ev.key === "Escape") { clearTimeout(timer); results.replaceChildren(); }
    });

    function applyFilters() {
      var d = domainSel.value === "" ? null : Number(domainSel.value);
      var nodeUpd = [];
      data.nodes.forEach(function (n) {
        var hide = false;
        if (d !== null) {
          var u = units.get(n.id);
          if (u) { hide = u.domains.indexOf(d) < 0; } else {
            var ti = tasksById.get(n.id);
            hide = ti !== undefined && data.tasks[ti].d !== d;
          }
        }
        nodeUpd.push({ id: n.id, hidden: hide });
      });
      var edgeUpd = [];
      data.edgeInfo.forEach(function (i) {
        var show = d === null || i.d.indexOf(d) >= 0;
        if (data.mode === "tasks") {
          show = show && roleChecks[i.role].checked;
        } else {
          show = show && ((roleChecks.lead_support.checked && i.ls > 0) || (roleChecks.co_lead.checked && i.cl > 0) ||
                          (roleChecks.co_support.checked && i.cs > 0));
        }
        edgeUpd.push({ id: i.id, hidden: !show });
      });
      nodes.update(nodeUpd);
      edges.update(edgeUpd);
      declutter();  // hidden units free the space their labels took
    }
    domainSel.addEventListener("change", applyFilters);
    Object.keys(roleChecks).forEach(function (k) { roleChecks[k].addEventListener("change", applyFilters); });

    function buildLegend() {
      var lg = el("div", "rm-legend");
      lg.appendChild(el("div", "rm-legend-title", s.legend));
      data.groups.forEach(function (g) {
        var item = el("div", "rm-legend-item");
        var sw = el("span", "rm-swatch");
        sw.style.background = g.color;
        item.appendChild(sw);
        item.appendChild(document.createTextNode(g.name + (g.main ? " · " + s.mainly + " " + g.main : "") +
                                                 " (" + g.size + ")"));
        lg.appendChild(item);
      });
      var solid = el("div", "rm-legend-item");
      solid.appendChild(el("span", "rm-line rm-solid"));
      solid.appendChild(document.createTextNode(data.mode === "tasks" ? s.edge_task_lead : s.edge_solid));
      lg.appendChild(solid);
      var dashed = el("div", "rm-legend-item");
      dashed.appendChild(el("span", "rm-line rm-dashed"));
      dashed.appendChild(document.createTextNode(data.mode === "tasks" ? s.edge_task_support : s.edge_dashed));
      lg.appendChild(dashed);
      lg.appendChild(el("div", "rm-legend-item", s.size_note));
      return lg;
    }

    var api = { network: network, nodes: nodes, edges: edges, select: select, clear: clear, data: data };
    root.remit = api;
    window.remitMaps = window.remitMaps || [];
    window.remitMaps.push(api);
    return api;
  }

  function boot() {
    var roots = document.querySelectorAll("[data-remit-map]");
    Array.prototype.forEach.call(roots, function (root) {
      var src = root.querySelector("script.remit-map-data");
      if (!src || root.remit) { return; }
      mark("boot");
      var data = JSON.parse(src.textContent);
      mark("parsed");
      remitMap(root, data);
    });
  }
  window.remitMap = remitMap;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
}());
