/* abegraph network maps: the page side of abegraph.visualize (needs vis-network, inlined before).
 *
 * Every text that comes from the data (labels, ids, findings) reaches the page through
 * textContent or the canvas, never as HTML, so a label that looks like an HTML tag shows
 * as text. Positions come from Python; vis-network's physics is off, so the map is settled on
 * its first frame. Above a size the page starts with one node per group and expands a group
 * when it is clicked.
 */
(function () {
  'use strict';

  var UI = {
    th: {
      search: 'ค้นหาชื่อ (ไทย/อังกฤษ) หรือรหัส', found: 'พบ', none: 'ไม่พบ',
      allDims: 'ทุกมิติ', allIssues: 'ทุกประเด็น', allDistricts: 'ทุกอำเภอ', allAgencies: 'ทุกหน่วยงาน',
      dimension: 'มิติ', issue: 'ประเด็น', district: 'อำเภอ', agency: 'หน่วยงาน',
      reset: 'ล้างตัวกรอง', png: 'บันทึกภาพ PNG', panel: 'คำอธิบาย/ผลวิเคราะห์', collapse: 'ยุบกลุ่ม',
      legend: 'คำอธิบายสัญลักษณ์', kinds: 'ประเภท', dims: 'มิติของทรัพยากร', findings: 'ผลการวิเคราะห์',
      size: 'ขนาดโหนด', width: 'ความหนาของเส้น = จำนวนทรัพยากรที่ใช้ร่วมกัน', arrows: 'ลูกศร: สาเหตุ → ผล',
      showing: 'แสดง', of: 'จาก', nodes: 'โหนด', links: 'เส้นเชื่อม', groups: 'กลุ่ม',
      clickGroup: 'คลิกเพื่อขยายกลุ่ม', members: 'สมาชิก', heldBy: 'หน่วยงานเจ้าของ', usedBy: 'ใช้ร่วมโดย',
      holds: 'เป็นเจ้าของ', uses: 'ใช้ร่วม', assets: 'ทรัพยากร/ชุดข้อมูล', areas: 'พื้นที่', source: 'ที่มา',
      id: 'รหัส', more: 'และอีก', groupedBy: 'จัดกลุ่มตาม', hint: 'คลิกโหนดเพื่อดูหน่วยงานหรือประเด็นที่เชื่อมโยง คลิกพื้นที่ว่างเพื่อยกเลิก',
      by: {district: 'อำเภอ', coalition: 'กลุ่มความร่วมมือ', agency: 'หน่วยงาน', auto: 'อัตโนมัติ'},
      mixed: 'หลายความสัมพันธ์', linksN: 'เส้นเชื่อม', linkKinds: 'เส้นเชื่อม',
      negative: 'เส้นประ (−): สาเหตุเพิ่มขึ้น ผลลดลง', loops: 'อยู่ในวงจร',
      loopType: {reinforcing: 'เสริมแรง', balancing: 'สมดุล'}, polarity: 'ผลของสาเหตุ',
      negLink: 'ลด (−): สาเหตุเพิ่มขึ้น ผลลดลง', posLink: 'เพิ่ม (+): สาเหตุเพิ่มขึ้น ผลเพิ่มขึ้น'
    },
    en: {
      search: 'Search names (Thai/English) or ids', found: 'found', none: 'nothing found',
      allDims: 'All dimensions', allIssues: 'All issues', allDistricts: 'All districts', allAgencies: 'All agencies',
      dimension: 'Dimension', issue: 'Issue', district: 'District', agency: 'Agency',
      reset: 'Clear filters', png: 'Save PNG', panel: 'Legend & findings', collapse: 'Collapse groups',
      legend: 'Legend', kinds: 'Kinds', dims: 'Dimensions of resources', findings: 'Findings',
      size: 'Node size', width: 'Line width = number of shared assets', arrows: 'Arrows: cause → effect',
      showing: 'Showing', of: 'of', nodes: 'nodes', links: 'links', groups: 'groups',
      clickGroup: 'Click to expand the group', members: 'members', heldBy: 'Held by', usedBy: 'Also used by',
      holds: 'holds', uses: 'uses', assets: 'assets', areas: 'Areas', source: 'Source',
      id: 'Id', more: 'and', groupedBy: 'Grouped by', hint: 'Click a node to focus it and its neighbours; click the background to clear.',
      by: {district: 'district', coalition: 'coalition', agency: 'agency', auto: 'auto'},
      mixed: 'several relations', linksN: 'links', linkKinds: 'Links',
      negative: 'Dashed (−): more of the cause, less of the effect', loops: 'In loops',
      loopType: {reinforcing: 'reinforcing', balancing: 'balancing'}, polarity: 'Effect',
      negLink: 'reduces (−): more of the cause, less of the effect',
      posLink: 'increases (+): more of the cause, more of the effect'
    }
  };
  var FADED = {background: '#edf2f7', border: '#e2e8f0', highlight: {background: '#edf2f7', border: '#a0aec0'},
               hover: {background: '#edf2f7', border: '#a0aec0'}};
  var FONT_FACE = 'Sarabun, "Noto Sans Thai", "Noto Sans Thai UI", "Leelawadee UI", Leelawadee, Tahoma, Thonburi, Loma, Garuda, Waree, Umpush, sans-serif';
  var LABEL_MAX = 32;

  function h(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function norm(s) { return String(s).normalize('NFC').replace(/[\u200b-\u200d\ufeff]/g, '').toLowerCase(); }
  // labels are cut by user-perceived characters, so that a Thai vowel or tone mark stays on its
  // letter, in the middle (the end of a name is what tells offices apart) and between words
  // where the browser can tell Thai words apart: "สำนักงานเขตพื้นที่การศึกษา…นครราชสีมา เขต 3"
  var SEGMENTER = (typeof Intl !== 'undefined' && Intl.Segmenter) ? new Intl.Segmenter('th', {granularity: 'grapheme'}) : null;
  var WORDS = SEGMENTER ? new Intl.Segmenter('th', {granularity: 'word'}) : null;
  function graphemes(s) {
    if (!SEGMENTER) { return s.split(''); }
    var out = [], it = SEGMENTER.segment(s)[Symbol.iterator](), step;
    while (!(step = it.next()).done) { out.push(step.value.segment); }
    return out;
  }
  function short(s) {
    s = String(s);
    if (s.length <= LABEL_MAX) { return s; }
    var parts = [], starts = [0];  // graphemes, and the grapheme index where each word starts
    if (WORDS) {
      var it = WORDS.segment(s)[Symbol.iterator](), step;
      while (!(step = it.next()).done) { parts = parts.concat(graphemes(step.value.segment)); starts.push(parts.length); }
    } else { parts = graphemes(s); }
    var count = parts.length;
    if (count <= LABEL_MAX) { return s; }
    // about 45% of the room for the end, which may take a few letters more to keep its first
    // word whole; the beginning gets the rest; each ends at a word boundary unless that would
    // waste more than a third of its room
    var room = LABEL_MAX - 1, tail = Math.floor(room * 0.45);
    var tailAt = Math.min.apply(null, starts.filter(function (k) { return k >= count - tail - 4; }).concat([count]));
    if (count - tailAt < tail * 2 / 3) { tailAt = count - tail; }
    var head = room - (count - tailAt);
    var headAt = Math.max.apply(null, starts.filter(function (k) { return k <= head; }));
    if (headAt < head * 2 / 3) { headAt = head; }
    return parts.slice(0, headAt).join('').replace(/\s+$/, '') + '\u2026' + parts.slice(tailAt).join('').replace(/^\s+/, '');
  }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) * 0.7, g = ((n >> 8) & 255) * 0.7, b = (n & 255) * 0.7;
    return 'rgb(' + Math.round(r) + ',' + Math.round(g) + ',' + Math.round(b) + ')';
  }
  function includes(list, x) { for (var i = 0; i < list.length; i++) { if (list[i] === x) { return true; } } return false; }
  function shapeIcon(shape, color) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'), el;
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '0 0 16 16');
    var pts = {diamond: '8,1 15,8 8,15 1,8', triangle: '8,1 15,15 1,15', hexagon: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8',
               star: '8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6'};
    if (shape === 'square') { el = document.createElementNS(ns, 'rect'); el.setAttribute('x', '2'); el.setAttribute('y', '2');
      el.setAttribute('width', '12'); el.setAttribute('height', '12'); }
    else if (pts[shape]) { el = document.createElementNS(ns, 'polygon'); el.setAttribute('points', pts[shape]); }
    else { el = document.createElementNS(ns, 'circle'); el.setAttribute('cx', '8'); el.setAttribute('cy', '8'); el.setAttribute('r', '6.5'); }
    el.setAttribute('fill', color); el.setAttribute('stroke', darker(color));
    svg.appendChild(el);
    return svg;
  }

  // no dashed lines: a dash pattern at a national zoom-out costs seconds of rasterising per frame
  var EDGE_COLORS = {causes: '#c53030', shares: '#4a5568', shared_with: '#90cdf4', addresses: '#f6ad55', link_key: '#d69e2e'};
  function edgeColor(rel) { return EDGE_COLORS[rel] || '#a0aec0'; }
  function lineIcon(rel, dashed) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'), line = document.createElementNS(ns, 'line');
    if (dashed) { line.setAttribute('stroke-dasharray', '3 2'); }
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '0 0 16 16');
    line.setAttribute('x1', '1'); line.setAttribute('y1', '8'); line.setAttribute('x2', rel === 'causes' ? '11' : '15'); line.setAttribute('y2', '8');
    line.setAttribute('stroke', edgeColor(rel)); line.setAttribute('stroke-width', rel === 'shares' ? '3' : '2');
    svg.appendChild(line);
    if (rel === 'causes') {
      var head = document.createElementNS(ns, 'polygon');
      head.setAttribute('points', '10,4 15,8 10,12'); head.setAttribute('fill', edgeColor(rel));
      svg.appendChild(head);
    }
    return svg;
  }

  function AbeMap(root, P, options) {
    if (!(this instanceof AbeMap)) { return new AbeMap(root, P, options); }
    options = options || {};
    var self = this;
    var N = P.nodes, E = P.edges, A = P.assets, G = P.groups;
    var n = N.id.length, m = E.a.length, na = A.d.length, ng = G ? G.key.length : 0;
    var lang = P.meta.lang === 'en' ? 'en' : 'th';
    var kindInfo = {};
    P.kinds.forEach(function (k) { kindInfo[k.key] = k; });
    var relations = P.relations;
    var filters = {dimension: -1, issue: -1, district: -1, agency: -1};
    var anyFilter = false;
    var assetOk = new Uint8Array(na).fill(1);
    var nodeOk = new Uint8Array(n).fill(1);
    var expanded = new Uint8Array(ng);
    var focus = null;               // Set of vis ids kept bright, or null
    var nodeSig = new Map(), edgeSig = new Map();
    var nodes = new vis.DataSet(), edges = new vis.DataSet();
    var members = [];
    for (var k = 0; k < ng; k++) { members.push([]); }
    var i;
    if (G) { for (i = 0; i < n; i++) { members[N.g[i]].push(i); } }
    var NONE = [];
    var edgeScope = E.sc || null;
    var twoWay = {};
    (E.two || []).forEach(function (e) { twoWay[e] = true; });
    var negative = {}, negBack = {};
    (E.neg || []).forEach(function (e) { negative[e] = true; });
    (E.negb || []).forEach(function (e) { negBack[e] = true; });
    // a two-way causal link whose two directions differ in polarity is drawn as two curved arrows
    function split(e) { return !!twoWay[e] && !!negative[e] !== !!negBack[e]; }
    // reinforcing (R) and balancing (B) loops: which ones each node and causal link is on
    var loops = P.loops || [], nodeLoops = {}, edgeLoops = {}, backLoops = {};
    loops.forEach(function (loop, k) {
      loop.nodes.forEach(function (i) { (nodeLoops[i] = nodeLoops[i] || []).push(k); });
      loop.edges.forEach(function (e) { (edgeLoops[e] = edgeLoops[e] || []).push(k); });
      (loop.back || []).forEach(function (e) { (backLoops[e] = backLoops[e] || []).push(k); });
    });
    // filter choices drawn as nodes: choice -> node, node -> [type, choice]
    var optionNode = {issue: {}, district: {}, agency: {}}, nodeOption = {};
    ['issue', 'district', 'agency'].forEach(function (type) {
      P.options[type].forEach(function (o, oi) {
        if (o[3] >= 0) { optionNode[type][oi] = o[3]; nodeOption[o[3]] = [type, oi]; }
      });
    });
    function optionName(type, oi) {
      var o = P.options[type][oi];
      if (!o) { return ''; }
      return o[3] >= 0 ? (lang === 'th' ? N.t[o[3]] : N.e[o[3]]) : (lang === 'th' ? o[1] : o[2]);
    }
    // the assets each drawn node stands for (its scope): derived for agencies, issues and
    // districts from the asset table, given for the others
    var byChoice = {issue: [], district: [], agency: []};
    P.options.issue.forEach(function () { byChoice.issue.push([]); });
    P.options.district.forEach(function () { byChoice.district.push([]); });
    P.options.agency.forEach(function () { byChoice.agency.push([]); });
    for (var a0 = 0; a0 < na; a0++) {
      A.i[a0].forEach(function (x) { byChoice.issue[x].push(a0); });
      A.r[a0].forEach(function (x) { byChoice.district[x].push(a0); });
      A.h[a0].forEach(function (x) { byChoice.agency[x].push(a0); });
      A.u[a0].forEach(function (x) { byChoice.agency[x].push(a0); });
    }
    var scope = new Array(n);
    var mark = new Uint8Array(na);
    for (i = 0; i < n; i++) {
      var opt = nodeOption[i];
      if (N.a[i] >= 0 || !opt) { scope[i] = NONE; continue; }
      if (opt[0] !== 'issue') { scope[i] = byChoice[opt[0]][opt[1]]; continue; }
      var list0 = [];
      P.up[opt[1]].forEach(function (u) {
        byChoice.issue[u].forEach(function (x) { if (!mark[x]) { mark[x] = 1; list0.push(x); } });
      });
      list0.forEach(function (x) { mark[x] = 0; });
      scope[i] = list0;
    }
    P.scopes.forEach(function (pair) { scope[pair[0]] = pair[1]; });
    var issueMark = new Uint8Array(P.options.issue.length);

    function t(key) { return UI[lang][key]; }
    function label(i) { return lang === 'th' ? N.t[i] : N.e[i]; }
    function other(i) { return lang === 'th' ? N.e[i] : N.t[i]; }
    function kindKey(i) { return P.kindKeys[N.k[i]]; }
    function kindLabel(key) { var info = kindInfo[key]; return info ? info[lang] : key; }
    function groupLabel(g) { return lang === 'th' ? G.t[g] : G.e[g]; }
    function visId(i) { return (G && !expanded[N.g[i]]) ? 'g' + N.g[i] : i; }
    function colorOf(i) {
      var key = kindKey(i), d = N.d[i];
      if ((key === 'resource' || key === 'dataset') && d >= 0) { return P.dims[d].color; }
      return kindInfo[key] ? kindInfo[key].color : '#718096';
    }

    // ---- the page skeleton -------------------------------------------------------------
    clear(root);
    root.classList.add('abm');
    var bar = h('div', 'abm-bar'), title = h('h1', 'abm-title'), subtitle = h('span', 'abm-subtitle');
    var searchBox = h('div', 'abm-search'), search = h('input'), results = h('ul', 'abm-results');
    search.type = 'search'; search.setAttribute('autocomplete', 'off'); results.hidden = true;
    searchBox.appendChild(search); searchBox.appendChild(results);
    var selects = {dimension: h('select'), issue: h('select'), district: h('select'), agency: h('select')};
    var resetButton = h('button'), pngButton = h('button'), panelButton = h('button'), collapseButton = h('button');
    [resetButton, pngButton, panelButton, collapseButton].forEach(function (b) { b.type = 'button'; });
    var langBox = h('div', 'abm-lang'), thButton = h('button', null, 'ไทย'), enButton = h('button', null, 'English');
    thButton.type = enButton.type = 'button';
    langBox.appendChild(thButton); langBox.appendChild(enButton);
    bar.appendChild(title); bar.appendChild(searchBox);
    Object.keys(selects).forEach(function (type) {
      selects[type].setAttribute('data-filter', type);
      if (type === 'dimension' || P.options[type].length) { bar.appendChild(selects[type]); }
    });
    bar.appendChild(resetButton);
    if (G) { bar.appendChild(collapseButton); }
    if (!options.hideLang) { bar.appendChild(langBox); }
    bar.appendChild(pngButton); bar.appendChild(panelButton);
    // vis-network fills the canvas box's host, which is taken out of the flow (absolute): the box's
    // size comes from the page layout alone, never from the canvas drawn inside it, so the two
    // cannot feed each other (a box sized by its content grew without end under autoResize)
    var main = h('div', 'abm-main'), canvasBox = h('div', 'abm-canvas'), side = h('aside', 'abm-side');
    var host = h('div', 'abm-net');
    canvasBox.appendChild(host);
    var legendBox = h('section', 'abm-legendbox'), findingsBox = h('section', 'abm-findings');
    side.appendChild(legendBox); side.appendChild(findingsBox);
    main.appendChild(canvasBox); main.appendChild(side);
    var status = h('div', 'abm-status'), tip = h('div', 'abm-tip');
    tip.hidden = true;
    root.appendChild(bar); root.appendChild(main); root.appendChild(status); root.appendChild(tip);
    search.className = 'abm-search-input';
    resetButton.className = 'abm-reset'; pngButton.className = 'abm-png'; panelButton.className = 'abm-panel';
    collapseButton.className = 'abm-collapse';

    // ---- visibility under the filters ----------------------------------------------------
    function assetPasses(a) {
      if (filters.dimension >= 0 && A.d[a] !== filters.dimension) { return false; }
      if (filters.issue >= 0) {
        var hit = false, addressed = A.i[a];
        for (var x = 0; x < addressed.length; x++) { if (issueMark[addressed[x]]) { hit = true; break; } }
        if (!hit) { return false; }
      }
      if (filters.district >= 0 && !includes(A.r[a], filters.district)) { return false; }
      if (filters.agency >= 0 && !includes(A.h[a], filters.agency) && !includes(A.u[a], filters.agency)) { return false; }
      return true;
    }
    function computeVisibility() {
      anyFilter = filters.dimension >= 0 || filters.issue >= 0 || filters.district >= 0 || filters.agency >= 0;
      issueMark.fill(0);
      if (filters.issue >= 0) { P.up[filters.issue].forEach(function (u) { issueMark[u] = 1; }); }
      for (var a = 0; a < na; a++) { assetOk[a] = anyFilter ? (assetPasses(a) ? 1 : 0) : 1; }
      var anchors = {};
      ['issue', 'district', 'agency'].forEach(function (type) {
        var j = optionNode[type][filters[type]];
        if (filters[type] >= 0 && j !== undefined) { anchors[j] = true; }
      });
      for (var i = 0; i < n; i++) {
        if (!anyFilter || anchors[i]) { nodeOk[i] = 1; continue; }
        if (N.a[i] >= 0) { nodeOk[i] = assetOk[N.a[i]]; continue; }
        var sc = scope[i], ok = 0;
        for (var s = 0; s < sc.length; s++) { if (assetOk[sc[s]]) { ok = 1; break; } }
        nodeOk[i] = ok;
      }
    }
    function edgeWeight(e) {
      var sc = edgeScope ? edgeScope[e] : NONE;
      if (!anyFilter || !sc.length) { return E.w[e]; }
      var w = 0;
      for (var s = 0; s < sc.length; s++) { if (assetOk[sc[s]]) { w++; } }
      return w;
    }

    // ---- what vis-network draws ------------------------------------------------------------
    function nodeSpec(id) {
      var bright = !focus || focus.has(id), spec;
      if (typeof id === 'string') {
        var g = +id.slice(1), count = 0, list = members[g];
        for (var j = 0; j < list.length; j++) { if (nodeOk[list[j]]) { count++; } }
        // a collapsed group is drawn about as large as the disc its members fill when expanded
        spec = {id: id, x: G.x[g], y: G.y[g], shape: 'dot', size: Math.max(14 + 5 * Math.sqrt(count), 0.6 * G.r[g]),
                label: short(groupLabel(g)) + ' (' + count.toLocaleString() + ')',
                color: bright ? {background: '#cbd5e0', border: '#4a5568', highlight: {background: '#bee3f8', border: '#2c5282'},
                                 hover: {background: '#bee3f8', border: '#2c5282'}} : FADED,
                borderWidth: 2, font: {size: Math.max(18, Math.round(0.2 * G.r[g])), color: bright ? '#1a202c' : '#cbd5e0', face: FONT_FACE, strokeWidth: 3, strokeColor: '#fff'}};
      } else {
        var c = colorOf(id), shape = kindInfo[kindKey(id)] ? kindInfo[kindKey(id)].shape : 'dot';
        var size = N.s[id] * boost;
        // no label here: the label layer (drawLabels) writes the labels that have room
        spec = {id: id, x: N.x[id], y: N.y[id], shape: shape, size: shape === 'dot' ? size : size * 0.8,
                color: bright ? {background: c, border: darker(c), highlight: {background: c, border: '#1a202c'},
                                 hover: {background: c, border: '#1a202c'}} : FADED,
                borderWidth: 1};
      }
      return spec;
    }
    function desiredNodes() {
      var want = [];
      if (!G) {
        for (var i = 0; i < n; i++) { if (nodeOk[i]) { want.push(i); } }
        return want;
      }
      for (var g = 0; g < ng; g++) {
        var list = members[g], any = false;
        for (var j = 0; j < list.length; j++) {
          if (nodeOk[list[j]]) { if (expanded[g]) { want.push(list[j]); } else { any = true; } }
        }
        if (any) { want.push('g' + g); }
      }
      return want;
    }
    function desiredEdges() {
      var want = new Map();
      for (var e = 0; e < m; e++) {
        var a = E.a[e], b = E.b[e];
        if (!nodeOk[a] || !nodeOk[b]) { continue; }
        var w = edgeWeight(e);
        if (w <= 0) { continue; }
        var va = visId(a), vb = visId(b);
        if (va === vb) { continue; }
        var id = G ? (String(va) < String(vb) ? va + '|' + vb : vb + '|' + va) : e;
        var have = want.get(id);
        if (have) { have.w += w; have.count++; if (have.r !== E.r[e]) { have.r = -1; } have.e = -1; }
        else if (!G && split(e)) {
          want.set(id, {id: id, from: va, to: vb, w: w, r: E.r[e], count: 1, e: e, way: 1});
          want.set(id + '~', {id: id + '~', from: vb, to: va, w: w, r: E.r[e], count: 1, e: e, way: -1});
        }
        else { want.set(id, {id: id, from: va, to: vb, w: w, r: E.r[e], count: 1, e: e}); }
      }
      return want;
    }
    function edgeSpec(d) {
      var rel = d.r >= 0 ? relations[d.r].key : '';
      var bright = !focus || (focus.has(d.from) && focus.has(d.to));
      var color = edgeColor(rel);
      var many = d.count > 1;  // links between groups, added up: thinner and lighter
      var causal = rel === 'causes' && !many, neg = causal && (d.way === -1 ? !!negBack[d.e] : !!negative[d.e]);
      return {id: d.id, from: d.from, to: d.to,
              smooth: d.way ? {enabled: true, type: 'curvedCW', roundness: 0.25} : false,
              width: many ? Math.min(6, 1 + 1.2 * Math.log2(d.w)) : Math.min(12, 1 + 2.2 * Math.log2(Math.max(1, d.w))),
              arrows: causal ?
                {to: {enabled: true, scaleFactor: 0.6}, from: {enabled: !!twoWay[d.e] && !d.way, scaleFactor: 0.6}} :
                {to: {enabled: false}, from: {enabled: false}},
              dashes: neg,
              color: {color: bright ? color : '#edf2f7', highlight: '#1a202c', hover: '#1a202c', opacity: bright ? (many ? 0.35 : 0.75) : 0.5}};
    }
    function refresh() {
      var wantNodes = desiredNodes(), keep = new Set(), add = [], update = [], remove = [];
      wantNodes.forEach(function (id) {
        var spec = nodeSpec(id), sig = JSON.stringify([spec.label, spec.color === FADED, spec.size]);
        keep.add(id);
        if (!nodeSig.has(id)) { add.push(spec); } else if (nodeSig.get(id) !== sig) { update.push(spec); }
        nodeSig.set(id, sig);
      });
      nodeSig.forEach(function (_, id) { if (!keep.has(id)) { remove.push(id); } });
      remove.forEach(function (id) { nodeSig.delete(id); });
      var wantEdges = desiredEdges(), eAdd = [], eUpdate = [], eRemove = [];
      wantEdges.forEach(function (d, id) {
        var spec = edgeSpec(d), sig = JSON.stringify([spec.width, spec.color.color, spec.from, spec.to]);
        if (!edgeSig.has(id)) { eAdd.push(spec); } else if (edgeSig.get(id) !== sig) { eUpdate.push(spec); }
        edgeSig.set(id, sig);
      });
      edgeSig.forEach(function (_, id) { if (!wantEdges.has(id)) { eRemove.push(id); } });
      signed = [];
      wantEdges.forEach(function (d, id) {
        if (d.count === 1 && d.r >= 0 && relations[d.r].key === 'causes' && (d.way === -1 ? negBack[d.e] : negative[d.e])) {
          signed.push(id);
        }
      });
      eRemove.forEach(function (id) { edgeSig.delete(id); });
      edgeData = wantEdges;
      if (eRemove.length) { edges.remove(eRemove); }
      if (remove.length) { nodes.remove(remove); }
      if (add.length) { nodes.add(add); }
      if (update.length) { nodes.update(update); }
      if (eAdd.length) { edges.add(eAdd); }
      if (eUpdate.length) { edges.update(eUpdate); }
      renderStatus();
    }
    var edgeData = new Map(), signed = [];
    // node sizes are multiplied so that the smallest node is a few pixels wide on the first view
    // of a map whose layout is wider than its box (capped: zoomed in, nodes would crowd)
    var boost = 1;

    // ---- the network ---------------------------------------------------------------------
    computeVisibility();
    var big = n > 1500;
    refresh();
    var network = new vis.Network(host, {nodes: nodes, edges: edges}, {
      autoResize: true, physics: {enabled: false}, layout: {improvedLayout: false, randomSeed: 0},
      interaction: {hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 3600000,
                    multiselect: false, selectConnectedEdges: true},
      nodes: {borderWidth: 1, font: {face: FONT_FACE}, scaling: {label: {drawThreshold: 5}}},
      edges: {smooth: false, selectionWidth: 1.5, hoverWidth: 0.5}
    });
    self.network = network;
    self.ready = false;
    // ---- the label layer ---------------------------------------------------------------------
    // Labels are drawn over the map at a constant size on screen (12-15 px, larger for larger
    // nodes), and only for the largest nodes: at the first view the "large" ones (size in the
    // top LARGE share of the map's range of sizes; at least the LABELS_MIN largest), and as
    // the reader zooms in, the next largest as the zoom makes room (that many x zoom^2); a
    // small node's label never takes the place of a larger one's, and there are at most about
    // one per LABEL_AREA square pixels. Each label goes below its node, else above, right or
    // left, wherever it overlaps no label already drawn; a large node in a pile of large nodes
    // gets its label a few lines further up or down, tied to it by a thin line. A label with
    // no room waits for a zoom; every name is in the tooltip. Nodes linked to nothing get
    // theirs only once zoomed in, so they do not fill the map with a grid of names.
    var degree = new Uint32Array(n);
    for (var e0 = 0; e0 < m; e0++) { degree[E.a[e0]]++; degree[E.b[e0]]++; }
    var labelOrder = [];
    for (i = 0; i < n; i++) { labelOrder.push(i); }
    labelOrder.sort(function (a, b) {
      return ((degree[a] ? 0 : 1) - (degree[b] ? 0 : 1)) || (N.s[b] - N.s[a]) || (degree[b] - degree[a]) || (a - b);
    });
    var widths = {th: new Float32Array(n).fill(-1), en: new Float32Array(n).fill(-1)};
    var measure = document.createElement('canvas').getContext('2d');
    var placed = [], fitScale = 1, LABEL_CELL = 96, LABELS_MAX = 300, LABEL_AREA = 30000, LABEL_GAP = 3;
    var LABELS_MIN = 6, LABEL_LINES = 8, LARGE = 0.25;
    var sMin = Infinity, sMax = -Infinity, largeCut, largeCount = 0;
    for (i = 0; i < n; i++) { if (degree[i]) { sMin = Math.min(sMin, N.s[i]); sMax = Math.max(sMax, N.s[i]); } }
    largeCut = sMin + LARGE * (sMax - sMin);
    for (i = 0; i < n; i++) { if (degree[i] && N.s[i] >= largeCut && sMax > sMin) { largeCount++; } }
    function labelText(i) { return short(label(i)); }
    function labelWidth(i) {  // width of the label at a 1 px font
      var cache = widths[lang];
      if (cache[i] < 0) { measure.font = '100px ' + FONT_FACE; cache[i] = measure.measureText(labelText(i)).width / 100; }
      return cache[i];
    }
    function labelPx(i) { return 12 + Math.round(3 * Math.max(0, Math.min(1, (N.s[i] - 10) / 26))); }
    function placeLabels() {
      var scale = network.getScale(), center = network.getViewPosition();
      var W = host.clientWidth, H = host.clientHeight, grid = new Map(), found = [];
      var zoom = Math.max(1, scale / fitScale), zoomedIn = zoom >= 1.8;
      var budget = focus ? LABELS_MAX : Math.max(LABELS_MIN, Math.min(LABELS_MAX, Math.round(W * H / LABEL_AREA)));
      // how far down the order of size labels go (nodes off screen or filtered out do not count)
      var reach = focus ? n : Math.round(Math.max(LABELS_MIN, largeCount) * zoom * zoom), tried = 0;
      function cells(b, add) {
        var x0 = Math.floor(b[0] / LABEL_CELL), x1 = Math.floor(b[2] / LABEL_CELL);
        var y0 = Math.floor(b[1] / LABEL_CELL), y1 = Math.floor(b[3] / LABEL_CELL);
        for (var cx = x0; cx <= x1; cx++) {
          for (var cy = y0; cy <= y1; cy++) {
            var key = cx + ',' + cy, list = grid.get(key);
            if (add) { if (!list) { grid.set(key, list = []); } list.push(b); continue; }
            if (!list) { continue; }
            for (var q = 0; q < list.length; q++) {
              var o = list[q];
              if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return true; }
            }
          }
        }
        return false;
      }
      function page(sx, sy) { return [center.x + (sx - W / 2) / scale, center.y + (sy - H / 2) / scale]; }
      function consider(i) {
        if (found.length >= budget || !nodeSig.has(i)) { return; }
        if (focus ? !focus.has(i) : (!degree[i] && !zoomedIn)) { return; }
        var sx = (N.x[i] - center.x) * scale + W / 2, sy = (N.y[i] - center.y) * scale + H / 2;
        if (sx < 0 || sx > W || sy < 0 || sy > H) { return; }
        tried++;
        var r = N.s[i] * boost * scale * (kindInfo[kindKey(i)] && kindInfo[kindKey(i)].shape !== 'dot' ? 0.8 : 1);
        var px = labelPx(i) + (focus ? 1 : 0), w = labelWidth(i) * px, h = px * 1.25, line = h + 2 * LABEL_GAP + 2;
        // where the text's top centre may go: below the node, above, right, left; then, for a
        // large node, further down and up, line by line
        var spots = [[sx, sy + r + 2], [sx, sy - r - 2 - h], [sx + r + 4 + w / 2, sy - h / 2], [sx - r - 4 - w / 2, sy - h / 2]];
        if (!focus && N.s[i] >= largeCut && degree[i]) {
          for (var d = 1; d <= LABEL_LINES; d++) { spots.push([sx, sy + r + 2 + d * line], [sx, sy - r - 2 - h - d * line]); }
        }
        for (var k = 0; k < spots.length; k++) {
          var cx = spots[k][0], top = spots[k][1];
          var box = [cx - w / 2 - LABEL_GAP, top - 1 - LABEL_GAP, cx + w / 2 + LABEL_GAP, top + 1 + h + LABEL_GAP];
          // a label below or above at the edge moves inwards while it stays by its node
          var shift = (k === 2 || k === 3) ? 0 : (box[0] < 0 ? -box[0] : (box[2] > W ? W - box[2] : 0));
          if (Math.abs(shift) > w / 2) { continue; }
          box[0] += shift; box[2] += shift;
          if (box[0] < 0 || box[2] > W || box[1] < 0 || box[3] > H || cells(box, false)) { continue; }
          cells(box, true);
          var at = page(cx + shift, top), spot = {i: i, px: px, box: box, x: at[0], y: at[1], lead: null};
          if (k >= 4) {  // a line from the node's edge to the label's nearer side
            var below = top > sy, end = page(cx + shift, below ? top - 1 : top + h + 1);
            spot.lead = [N.x[i], N.y[i] + (below ? 1 : -1) * r / scale, end[0], end[1]];
          }
          found.push(spot);
          return;
        }
      }
      if (focus) { focus.forEach(function (id) { if (typeof id === 'number') { consider(id); } }); }
      else {
        for (var k = 0; k < labelOrder.length && found.length < budget && tried < reach; k++) { consider(labelOrder[k]); }
      }
      return found;
    }
    // a "−" at the middle of each negative causal link, at a constant size on screen
    function drawSigns(ctx) {
      if (!signed.length) { return; }
      var scale = network.getScale(), body = network.body.edges;
      ctx.save();
      ctx.font = 'bold ' + (16 / scale) + 'px ' + FONT_FACE;
      ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      signed.forEach(function (id) {
        var edge = body[id];
        if (!edge || !edge.edgeType || !edge.from || !edge.to) { return; }
        var p = edge.edgeType.getPoint(0.5);
        ctx.beginPath(); ctx.arc(p.x, p.y, 8 / scale, 0, 2 * Math.PI);
        ctx.fillStyle = '#fff'; ctx.fill(); ctx.lineWidth = 1.5 / scale; ctx.strokeStyle = EDGE_COLORS.causes; ctx.stroke();
        ctx.fillStyle = EDGE_COLORS.causes; ctx.fillText('\u2212', p.x, p.y + 1 / scale);
      });
      ctx.restore();
    }
    function drawLabels(ctx) {
      drawSigns(ctx);
      placed = (G && !expanded.some(function (x) { return x; })) ? [] : placeLabels();
      if (!placed.length) { return; }
      var scale = network.getScale();
      ctx.save();
      ctx.textAlign = 'center'; ctx.textBaseline = 'top'; ctx.lineJoin = 'round';
      ctx.strokeStyle = '#fff'; ctx.fillStyle = '#1a202c'; ctx.lineWidth = 3 / scale;
      ctx.save();  // the lines from a node to a label set apart from it: dark, on a white halo
      [['#fff', 3], ['#2d3748', 1.2]].forEach(function (pen) {
        ctx.strokeStyle = pen[0]; ctx.lineWidth = pen[1] / scale;
        placed.forEach(function (p) {
          if (!p.lead) { return; }
          ctx.beginPath(); ctx.moveTo(p.lead[0], p.lead[1]); ctx.lineTo(p.lead[2], p.lead[3]); ctx.stroke();
        });
      });
      ctx.restore();
      placed.forEach(function (p) {
        var text = labelText(p.i);
        ctx.font = (p.px / scale) + 'px ' + FONT_FACE;
        ctx.strokeText(text, p.x, p.y);
        ctx.fillText(text, p.x, p.y);
      });
      ctx.restore();
    }
    network.on('afterDrawing', drawLabels);
    network.once('afterDrawing', function () {
      self.ready = true;
      self.readyAt = (window.performance && performance.now) ? performance.now() : 0;
      root.setAttribute('data-ready', '1');
      if (options.onReady) { options.onReady(self); }
    });
    function fitAll() { network.fit({animation: false}); fitScale = network.getScale(); }
    fitAll();
    if (n && fitScale < 0.4) {
      boost = Math.min(4, 0.4 / fitScale);
      refresh();
      fitAll();
    }

    // ---- paper: draw again at the size of the printed box, then go back to the screen's view
    var screenView = null;
    function toPaper() {  // twice when printing (before the print and when its layout applies)
      if (!screenView) { screenView = {position: network.getViewPosition(), scale: network.getScale()}; }
      network.setSize('100%', '100%');
      fitAll();
      network.redraw();
    }
    function toScreen() {
      if (!screenView) { return; }
      var view = screenView;
      screenView = null;
      network.setSize('100%', '100%');
      network.moveTo({position: view.position, scale: view.scale, animation: false});
      network.redraw();
    }

    // ---- focus, groups ---------------------------------------------------------------------
    function setFocus(ids) {
      focus = ids && ids.length ? new Set(ids) : null;
      refresh();
    }
    function focusNode(id) {
      var ids = [id].concat(network.getConnectedNodes(id));
      setFocus(ids);
    }
    function expandGroup(g, fit) {
      if (!G || expanded[g]) { return; }
      expanded[g] = 1;
      focus = null;
      refresh();
      if (fit) {
        var shown = members[g].filter(function (i) { return nodeOk[i]; });
        if (shown.length) { network.fit({nodes: shown, animation: false}); }
      }
    }
    function collapseAll() {
      if (!G) { return; }
      expanded.fill(0); focus = null; refresh(); fitAll();
    }
    function reveal(list, zoom) {
      var hidden = list.some(function (i) { return !nodeOk[i]; });
      if (hidden) { resetFilters(false); }
      if (G) { list.forEach(function (i) { if (!expanded[N.g[i]]) { expanded[N.g[i]] = 1; } }); }
      setFocus(list.slice());
      if (zoom && list.length === 1) { network.focus(list[0], {scale: Math.max(network.getScale(), 1.0), animation: false}); }
      else if (zoom) { network.fit({nodes: list, animation: false}); }
    }
    network.on('click', function (params) {
      hideTip();
      results.hidden = true;
      if (params.nodes.length) {
        var id = params.nodes[0];
        if (typeof id === 'string' && id.charAt(0) === 'g') { expandGroup(+id.slice(1), true); }
        else { focusNode(id); }
      } else if (!params.edges.length) { setFocus(null); }
    });
    network.on('doubleClick', function (params) {
      if (G && params.nodes.length && typeof params.nodes[0] === 'number') {
        expanded[N.g[params.nodes[0]]] = 0; focus = null; refresh();
      }
    });

    // ---- tooltips (built as text) -----------------------------------------------------------
    function row(parent, key, value) {
      var r = h('div', 'abm-row');
      r.appendChild(h('span', 'abm-key', key + ': '));
      r.appendChild(document.createTextNode(value));
      parent.appendChild(r);
    }
    function agencyName(oi) { return optionName('agency', oi); }
    function assetName(a) {
      var j = A.n[a];
      return j >= 0 ? label(j) : (lang === 'th' ? A.t[a] : A.e[a]) || A.id[a];
    }
    function listText(names, max) {
      max = max || 8;
      var text = names.slice(0, max).join(', ');
      if (names.length > max) { text += ' ' + t('more') + ' ' + (names.length - max); }
      return text;
    }
    function loopText(list) {
      return list.map(function (k) { return loops[k].id + ' (' + t('loopType')[loops[k].type] + ')'; }).join(', ');
    }
    function loopRows(list) {
      list.forEach(function (k) { row(tip, loops[k].id + ' \u00b7 ' + t('loopType')[loops[k].type], loops[k][lang]); });
    }
    function fillTip(id) {
      clear(tip);
      if (typeof id === 'string') {
        var g = +id.slice(1);
        tip.appendChild(h('b', null, groupLabel(g)));
        row(tip, t('members'), members[g].filter(function (i) { return nodeOk[i]; }).length.toLocaleString());
        tip.appendChild(h('div', 'abm-other', t('clickGroup')));
        return;
      }
      var i = id, key = kindKey(i);
      tip.appendChild(h('b', null, label(i)));
      if (other(i) && other(i) !== label(i)) { tip.appendChild(h('div', 'abm-other', other(i))); }
      var kindLine = kindLabel(key);
      if (N.d[i] >= 0) { kindLine += ' \u00b7 ' + P.dims[N.d[i]][lang]; }
      row(tip, t('id'), N.id[i] + ' \u00b7 ' + kindLine);
      if (N.a[i] >= 0) {
        var a = N.a[i];
        if (A.h[a].length) { row(tip, t('heldBy'), listText(A.h[a].map(agencyName))); }
        if (A.u[a].length) { row(tip, t('usedBy'), listText(A.u[a].map(agencyName))); }
      } else if (key === 'agency') {
        var oi = nodeOption[i] ? nodeOption[i][1] : -1, held = 0, used = 0;
        scope[i].forEach(function (s) { if (includes(A.h[s], oi)) { held++; } else { used++; } });
        row(tip, t('assets'), t('holds') + ' ' + held + ' \u00b7 ' + t('uses') + ' ' + used);
      } else if (scope[i].length) {
        row(tip, t('assets'), String(scope[i].length));
      }
      if (N.ar[i].length) {
        row(tip, t('areas'), listText(N.ar[i].map(function (c) {
          var names = P.areas[c]; return names ? (lang === 'th' ? names[0] : names[1]) + ' (' + c + ')' : c;
        }), 6));
      }
      if (P.meta.sizeBy !== 'none') { row(tip, P.meta.sizeName ? P.meta.sizeName[lang] : P.meta.sizeBy, String(N.c[i])); }
      if (nodeLoops[i]) { row(tip, t('loops'), loopText(nodeLoops[i])); loopRows(nodeLoops[i]); }
      (N.pv ? N.pv[i] : NONE).forEach(function (p) { row(tip, t('source'), P.prov[p]); });
    }
    function fillEdgeTip(id) {
      var d = edgeData.get(id);
      if (!d) { return false; }
      clear(tip);
      var rel = d.r >= 0 ? relations[d.r][lang] : t('mixed');
      if (d.count > 1) {
        tip.appendChild(h('b', null, rel));
        row(tip, t('linksN'), String(d.count));
        return true;
      }
      var e = d.e, a = E.a[e], b = E.b[e];
      if (relations[E.r[e]].key !== 'causes') {
        tip.appendChild(h('b', null, label(a) + ' \u2014 ' + label(b)));
        tip.appendChild(h('div', 'abm-other', rel));
      } else {  // each direction the link runs: cause -> effect, its polarity and its loops
        var ways = d.way ? [d.way] : (twoWay[e] ? [1, -1] : [1]);
        ways.forEach(function (way, k) {
          var from = way === 1 ? a : b, to = way === 1 ? b : a, neg = way === 1 ? negative[e] : negBack[e];
          var on = (way === 1 ? edgeLoops[e] : backLoops[e]) || [];
          var head = h('b', null, label(from) + ' \u2192 ' + label(to));
          if (k) { head.className = 'abm-next'; }
          tip.appendChild(head);
          if (!k) { tip.appendChild(h('div', 'abm-other', rel)); }
          row(tip, t('polarity'), neg ? t('negLink') : t('posLink'));
          if (on.length) { row(tip, t('loops'), loopText(on)); loopRows(on); }
        });
      }
      var sc = edgeScope ? edgeScope[e] : NONE;
      if (sc.length) {
        var shown = sc.filter(function (s) { return assetOk[s]; });
        row(tip, t('assets') + ' (' + shown.length + ')', listText(shown.map(assetName), 12));
      }
      return true;
    }
    function placeTip(pointer) {
      var box = root.getBoundingClientRect(), cbox = canvasBox.getBoundingClientRect();
      var x = pointer.x + (cbox.left - box.left) + 14, y = pointer.y + (cbox.top - box.top) + 14;
      tip.hidden = false;
      var w = tip.offsetWidth, hgt = tip.offsetHeight;
      if (x + w > box.width) { x = Math.max(4, x - w - 28); }
      if (y + hgt > box.height) { y = Math.max(4, y - hgt - 28); }
      tip.style.left = x + 'px'; tip.style.top = y + 'px';
    }
    function hideTip() { tip.hidden = true; }
    network.on('hoverNode', function (params) { fillTip(params.node); placeTip(params.pointer.DOM); });
    network.on('blurNode', hideTip);
    network.on('hoverEdge', function (params) { if (fillEdgeTip(params.edge)) { placeTip(params.pointer.DOM); } });
    network.on('blurEdge', hideTip);
    network.on('dragStart', hideTip);
    network.on('zoom', hideTip);

    // ---- search ------------------------------------------------------------------------------
    var searchKeys = null;
    function buildSearchKeys() {
      searchKeys = [];
      for (var i = 0; i < n; i++) { searchKeys.push(norm(N.t[i] + '\u0001' + N.e[i] + '\u0001' + N.id[i])); }
    }
    function runSearch(text) {
      var q = norm(text).trim();
      clear(results);
      if (!q) { results.hidden = true; setFocus(null); return []; }
      if (!searchKeys) { buildSearchKeys(); }
      var hits = [];
      for (var i = 0; i < n; i++) { if (searchKeys[i].indexOf(q) >= 0) { hits.push(i); } }
      hits.sort(function (a, b) {
        var sa = norm(label(a)).indexOf(q) === 0 ? 0 : 1, sb = norm(label(b)).indexOf(q) === 0 ? 0 : 1;
        return sa - sb || label(a).localeCompare(label(b), lang);
      });
      var head = h('li', 'abm-inert', hits.length ? t('found') + ' ' + hits.length.toLocaleString() : t('none'));
      head.setAttribute('data-count', String(hits.length));
      results.setAttribute('data-query', text);
      results.appendChild(head);
      hits.slice(0, 50).forEach(function (i) {
        var li = h('li', 'abm-hit', label(i));
        li.tabIndex = 0;
        li.setAttribute('data-node', String(i));
        li.appendChild(h('span', 'abm-kind', kindLabel(kindKey(i)) + ' \u00b7 ' + N.id[i]));
        li.addEventListener('click', function () { results.hidden = true; reveal([i], true); });
        li.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { results.hidden = true; reveal([i], true); } });
        results.appendChild(li);
      });
      results.hidden = false;
      var ids = [], seen = new Set();
      hits.forEach(function (i) { if (nodeOk[i]) { var v = visId(i); if (!seen.has(v)) { seen.add(v); ids.push(v); } } });
      setFocus(ids.length ? ids : null);
      return hits;
    }
    var searchTimer = null;
    search.addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { runSearch(search.value); }, n > 5000 ? 200 : 60);
    });
    search.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        clearTimeout(searchTimer);
        var hits = runSearch(search.value);
        if (hits.length) { results.hidden = true; reveal([hits[0]], true); }
      } else if (ev.key === 'Escape') { search.value = ''; runSearch(''); }
    });

    // ---- filters -------------------------------------------------------------------------------
    function fillSelect(type) {
      var sel = selects[type], value = filters[type];
      clear(sel);
      var first = h('option', null, t({dimension: 'allDims', issue: 'allIssues', district: 'allDistricts', agency: 'allAgencies'}[type]));
      first.value = '-1';
      sel.appendChild(first);
      var list;
      if (type === 'dimension') { list = P.dims.map(function (d, j) { return [j, d[lang], d.key]; }); }
      else {
        list = P.options[type].map(function (o, j) { return [j, optionName(type, j), o[0]]; });
        if (type === 'agency') { list.sort(function (a, b) { return a[1].localeCompare(b[1], lang); }); }
      }
      list.forEach(function (o) {
        var text = type === 'dimension' ? o[1] : (type === 'issue' ? o[2] + ' ' + o[1] : o[1] + ' (' + o[2] + ')');
        var opt = h('option', null, text);
        opt.value = String(o[0]);
        sel.appendChild(opt);
      });
      sel.value = String(value);
      sel.title = t(type);
      sel.setAttribute('aria-label', t(type));
    }
    function setFilter(type, value) {
      filters[type] = +value;
      selects[type].value = String(filters[type]);
      focus = null;
      computeVisibility();
      refresh();
    }
    function resetFilters(doRefresh) {
      Object.keys(filters).forEach(function (type) { filters[type] = -1; selects[type].value = '-1'; });
      computeVisibility();
      if (doRefresh !== false) { focus = null; refresh(); }
    }
    Object.keys(selects).forEach(function (type) {
      selects[type].addEventListener('change', function () { setFilter(type, selects[type].value); });
    });
    resetButton.addEventListener('click', function () { search.value = ''; results.hidden = true; resetFilters(); fitAll(); });
    collapseButton.addEventListener('click', collapseAll);
    panelButton.addEventListener('click', function () {
      side.hidden = !side.hidden; panelButton.setAttribute('aria-pressed', side.hidden ? 'false' : 'true');
    });
    panelButton.setAttribute('aria-pressed', 'true');

    // ---- legend and findings --------------------------------------------------------------------
    function renderLegend() {
      clear(legendBox);
      legendBox.appendChild(h('h2', null, t('legend')));
      legendBox.appendChild(h('h3', null, t('kinds')));
      var ul = h('ul', 'abm-legend');
      P.kinds.forEach(function (k) {
        var li = h('li'); li.appendChild(shapeIcon(k.shape, k.color)); li.appendChild(h('span', null, k[lang])); ul.appendChild(li);
      });
      legendBox.appendChild(ul);
      var hasAssets = false;
      for (var i = 0; i < n; i++) { if (N.d[i] >= 0) { hasAssets = true; break; } }
      if (hasAssets) {
        legendBox.appendChild(h('h3', null, t('dims')));
        ul = h('ul', 'abm-legend');
        P.dims.forEach(function (d) {
          var li = h('li'); li.appendChild(shapeIcon('square', d.color)); li.appendChild(h('span', null, d[lang])); ul.appendChild(li);
        });
        legendBox.appendChild(ul);
      }
      var present = {};
      for (var e = 0; e < m; e++) { present[E.r[e]] = true; }
      var rels = Object.keys(present).map(Number).sort(function (a, b) { return a - b; });
      if (rels.length) {
        legendBox.appendChild(h('h3', null, t('linkKinds')));
        ul = h('ul', 'abm-legend');
        rels.forEach(function (r) {
          var li = h('li'); li.appendChild(lineIcon(relations[r].key)); li.appendChild(h('span', null, relations[r][lang])); ul.appendChild(li);
        });
        if ((E.neg || []).length) {
          var neg = h('li', 'abm-negative'); neg.appendChild(lineIcon('causes', true)); neg.appendChild(h('span', null, t('negative')));
          ul.appendChild(neg);
        }
        legendBox.appendChild(ul);
      }
      if (P.meta.sizeBy !== 'none') { legendBox.appendChild(h('p', 'abm-note', t('size') + ': ' + (P.meta.sizeNote ? P.meta.sizeNote[lang] : P.meta.sizeMethod))); }
      if (P.meta.view === 'agencies') { legendBox.appendChild(h('p', 'abm-note', t('width'))); }
      if (P.meta.view === 'issues' || P.meta.view === 'everything') { legendBox.appendChild(h('p', 'abm-note', t('arrows'))); }
      if (G) { legendBox.appendChild(h('p', 'abm-note', t('groupedBy') + ': ' + (UI[lang].by[G.by] || G.by) + ' \u00b7 ' + t('clickGroup'))); }
      legendBox.appendChild(h('p', 'abm-note abm-hint', t('hint')));
    }
    function renderFindings() {
      clear(findingsBox);
      if (!P.findings.length) { return; }
      findingsBox.appendChild(h('h2', null, t('findings')));
      P.findings.forEach(function (section) {
        findingsBox.appendChild(h('h3', null, section[lang]));
        var ol = h('ol');
        section.items.forEach(function (item) {
          var li = h('li', item.n.length ? 'abm-finding' : 'abm-finding abm-inert', item[lang]);
          if (item.n.length) { li.addEventListener('click', function () { reveal(item.n, true); }); }
          ol.appendChild(li);
        });
        if (section.more) { ol.appendChild(h('li', 'abm-inert abm-note', t('more') + ' ' + section.more)); }
        findingsBox.appendChild(ol);
      });
    }
    function renderStatus() {
      var shownNodes = 0, shownGroups = 0;
      nodeSig.forEach(function (_, id) { if (typeof id === 'string') { shownGroups++; } else { shownNodes++; } });
      var total = 0;
      for (var i = 0; i < n; i++) { total += nodeOk[i]; }
      var text = t('showing') + ' ' + total.toLocaleString() + ' ' + t('of') + ' ' + n.toLocaleString() + ' ' + t('nodes') +
        ' \u00b7 ' + edgeData.size.toLocaleString() + ' ' + t('links');
      if (G) { text += ' \u00b7 ' + shownGroups.toLocaleString() + ' ' + t('groups'); }
      status.textContent = text;
      status.setAttribute('data-visible', String(total));
    }
    function renderTexts() {
      title.textContent = P.meta.title[lang];
      if (P.meta.subtitle) { subtitle.textContent = P.meta.subtitle[lang]; title.appendChild(subtitle); }
      search.placeholder = t('search');
      search.setAttribute('aria-label', t('search'));
      resetButton.textContent = t('reset'); pngButton.textContent = t('png'); panelButton.textContent = t('panel');
      collapseButton.textContent = t('collapse');
      thButton.setAttribute('aria-pressed', lang === 'th' ? 'true' : 'false');
      enButton.setAttribute('aria-pressed', lang === 'en' ? 'true' : 'false');
      Object.keys(selects).forEach(fillSelect);
      renderLegend(); renderFindings(); renderStatus();
      root.setAttribute('lang', lang);
    }
    function setLang(l) {
      lang = l === 'en' ? 'en' : 'th';
      renderTexts();
      refresh();
      if (search.value) { runSearch(search.value); }
    }
    thButton.addEventListener('click', function () { setLang('th'); if (options.onLang) { options.onLang('th'); } });
    enButton.addEventListener('click', function () { setLang('en'); if (options.onLang) { options.onLang('en'); } });

    // ---- PNG ---------------------------------------------------------------------------------------
    function savePNG() {
      var src = canvasBox.querySelector('canvas');
      var out = document.createElement('canvas'), ratio = src.width / Math.max(1, src.clientWidth);
      var pad = 34 * ratio;
      out.width = src.width; out.height = src.height + pad;
      var ctx = out.getContext('2d');
      ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, pad);
      ctx.fillStyle = '#1a202c';
      ctx.font = (15 * ratio) + 'px ' + FONT_FACE;
      ctx.fillText(P.meta.title[lang], 10 * ratio, 22 * ratio);
      var x = 10 * ratio, y = out.height - 10 * ratio;
      ctx.font = (12 * ratio) + 'px ' + FONT_FACE;
      var keys = P.kinds.map(function (k) { return [k.color, k[lang]]; });
      P.dims.forEach(function (d) { keys.push([d.color, d[lang]]); });
      keys.forEach(function (kv) {
        ctx.fillStyle = kv[0]; ctx.fillRect(x, y - 10 * ratio, 10 * ratio, 10 * ratio);
        ctx.fillStyle = '#1a202c'; ctx.fillText(kv[1], x + 14 * ratio, y);
        x += ctx.measureText(kv[1]).width + 30 * ratio;
      });
      var a = document.createElement('a');
      a.download = 'abegraph-' + P.meta.view + '.png';
      a.href = out.toDataURL('image/png');
      document.body.appendChild(a); a.click(); a.remove();
      return a.href.length;
    }
    pngButton.addEventListener('click', savePNG);

    renderTexts();

    // ---- what tests and the atlas use -----------------------------------------------------------------
    self.root = root;
    self.payload = P;
    self.setLang = setLang;
    self.setFilter = setFilter;
    self.resetFilters = resetFilters;
    self.search = function (text) { search.value = text; return runSearch(text); };
    self.focusNode = focusNode;
    self.expandGroup = function (g) { expandGroup(g, true); };
    self.collapseAll = collapseAll;
    self.savePNG = savePNG;
    self.showTip = function (id) { fillTip(id); tip.hidden = false; return tip.textContent; };
    self.showEdgeTip = function (id) { if (!fillEdgeTip(id)) { return null; } tip.hidden = false; return tip.textContent; };
    self.visibleIds = function () { return nodes.getIds(); };
    self.focusedIds = function () { return focus ? Array.from(focus) : null; };
    self.label = function (id) {
      if (typeof id === 'number') { return labelText(id); }
      var item = nodes.get(id); return item ? item.label : null;
    };
    // the labels drawn on the last frame: [{id, text, px, box: [left, top, right, bottom]}] (canvas pixels)
    self.drawnLabels = function () {
      return placed.map(function (p) { return {id: p.i, text: labelText(p.i), px: p.px, box: p.box, lead: !!p.lead}; });
    };
    self.degree = function (id) { return degree[id]; };
    // the edges marked "−" on the last frame, and where they are on the page (as domPosition)
    self.drawnSigns = function () {
      var box = canvasBox.getBoundingClientRect();
      return signed.map(function (id) {
        var d = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
        return {id: id, x: d.x + box.left, y: d.y + box.top};
      });
    };
    self.sizeBoost = function () { return boost; };
    self.visibleCount = function () { var c = 0; for (var i = 0; i < n; i++) { c += nodeOk[i]; } return c; };
    self.domPosition = function (id) {
      var p = network.getPositions([id])[id], d = network.canvasToDOM(p), box = canvasBox.getBoundingClientRect();
      return {x: d.x + box.left, y: d.y + box.top};
    };
    self.nodeIndex = function (ident) { return N.id.indexOf(ident); };
    self.toPaper = toPaper;
    self.toScreen = toScreen;
  }

  AbeMap.instances = [];
  AbeMap.boot = function () {
    var found = document.querySelectorAll('[data-abegraph-map]');
    Array.prototype.forEach.call(found, function (root) {
      var source = document.getElementById(root.getAttribute('data-abegraph-map'));
      var P = JSON.parse(source.textContent);
      var hideLang = root.hasAttribute('data-abegraph-hide-lang');
      AbeMap.instances.push(new AbeMap(root, P, {hideLang: hideLang}));
    });
    return AbeMap.instances;
  };
  AbeMap.setLangAll = function (l) { AbeMap.instances.forEach(function (map) { map.setLang(l); }); };
  // printing (the browser's menu, window.print() or a PDF export) lays the page out again at
  // the paper's size: every map redraws for it before the page is printed, and after it
  function each(method) { return function () { AbeMap.instances.forEach(function (map) { map[method](); }); }; }
  window.addEventListener('beforeprint', each('toPaper'));
  window.addEventListener('afterprint', each('toScreen'));
  if (window.matchMedia) {
    var printing = window.matchMedia('print');
    var onPrint = function (event) { (event.matches ? each('toPaper') : each('toScreen'))(); };
    if (printing.addEventListener) { printing.addEventListener('change', onPrint); } else { printing.addListener(onPrint); }
  }
  window.AbeMap = AbeMap;
})();
