// The newsgraph explorer: a SPARQL client of this server's /sparql, drawing with cytoscape.js.
// State (focus, expanded entities, filters, year, query) lives in the URL's hash.
'use strict';

const $ = (id) => document.getElementById(id);

const state = {
  // explorer.json: classes, predicates, examples, and the IRI prefixes of entities and
  // of the ontology's terms (the server's, so no IRI is written here).
  meta: { classes: [], predicates: [], examples: [], prefixes: { entity: '', ng: '' } },
  expanded: [],          // entity IRIs whose ego networks are drawn, the first is the focus
  hiddenClasses: new Set(),
  hiddenPredicates: new Set(),
  confidence: 0,
  year: null,            // null: every year
  years: [],
  statements: new Map(), // edge id → statements
};

let cy;

// ---------- SPARQL ----------

async function sparql(query) {
  const response = await fetch('sparql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${text}`);
  return JSON.parse(text);
}

const literal = (text) => JSON.stringify(String(text));
const iri = (value) => `<${value}>`;
const value = (binding, name) => (binding[name] ? binding[name].value : undefined);
const local = (value) => (value || '').replace(state.meta.prefixes.ng, '');
const short = (value) => (value || '').replace(state.meta.prefixes.entity, '');

// ---------- search with suggestions ----------

let searchTimer;
let searchToken = 0;

async function suggest(text) {
  const token = ++searchToken;
  const list = $('suggestions');
  const needle = text.trim().toLowerCase();
  if (needle.length < 2) { list.hidden = true; return; }
  const data = await sparql(`SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?class) (SAMPLE(?hit) AS ?matched) WHERE {
    ?e rdfs:label ?l ; a ?c .
    { ?e rdfs:label ?hit } UNION { ?e skos:altLabel ?hit }
    FILTER(STRSTARTS(STR(?e), "${state.meta.prefixes.entity}") && STRSTARTS(STR(?c), STR(ng:)))
    FILTER(CONTAINS(LCASE(?hit), ${literal(needle)}))
  } GROUP BY ?e ORDER BY STRLEN(SAMPLE(?l)) ?label LIMIT 15`);
  if (token !== searchToken) return;
  list.innerHTML = '';
  for (const b of data.results.bindings) {
    const li = document.createElement('li');
    li.setAttribute('role', 'option');
    li.dataset.iri = value(b, 'e');
    const cls = local(value(b, 'class'));
    li.innerHTML = `<span class="class" style="background:${colour(cls)}">${escapeHtml(cls)}</span><span class="name"></span>`;
    li.querySelector('.name').textContent = value(b, 'label');
    const matched = value(b, 'matched');
    if (matched && matched !== value(b, 'label')) {
      const alias = document.createElement('span');
      alias.className = 'alias';
      alias.textContent = `(${matched})`;
      li.appendChild(alias);
    }
    li.addEventListener('mousedown', (event) => { event.preventDefault(); choose(li.dataset.iri); });
    list.appendChild(li);
  }
  if (!list.children.length) list.innerHTML = '<li class="hint">no entity of that name</li>';
  list.hidden = false;
}

function choose(entity) {
  $('suggestions').hidden = true;
  $('search').value = '';
  focusOn(entity).catch(report);
}

// ---------- the graph ----------

function colour(cls) {
  const found = state.meta.classes.find((c) => c.name === cls);
  return found ? found.colour : '#646464';
}

/// Every statement about `entity`, as subject or object, with its two ends' labels and classes.
async function egoStatements(entity) {
  const data = await sparql(`SELECT ?a ?s ?p ?o ?sl ?ol ?sc ?oc ?ev ?year ?amount ?status ?conf ?doc WHERE {
    { ?a rdf:subject ${iri(entity)} } UNION { ?a rdf:object ${iri(entity)} }
    ?a a ng:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:evidence ?ev ;
       ng:confidence ?conf ; ng:negated false ; prov:wasDerivedFrom ?d .
    ?d ng:sourceFile ?doc .
    OPTIONAL { ?a ng:year ?year } OPTIONAL { ?a ng:amount ?amount } OPTIONAL { ?a ng:status ?status }
    OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol }
    OPTIONAL { ?s a ?sc FILTER(STRSTARTS(STR(?sc), STR(ng:))) } OPTIONAL { ?o a ?oc FILTER(STRSTARTS(STR(?oc), STR(ng:))) }
  }`);
  const seen = new Map();
  for (const b of data.results.bindings) {
    const a = value(b, 'a');
    if (seen.has(a)) continue;
    seen.set(a, {
      id: a, subject: value(b, 's'), predicate: local(value(b, 'p')), object: value(b, 'o'),
      subjectLabel: value(b, 'sl') || short(value(b, 's')), objectLabel: value(b, 'ol') || short(value(b, 'o')),
      subjectClass: local(value(b, 'sc')), objectClass: local(value(b, 'oc')),
      evidence: value(b, 'ev'), year: b.year ? Number(value(b, 'year')) : null, amount: value(b, 'amount') || null,
      status: value(b, 'status') || null, confidence: Number(value(b, 'conf')), document: value(b, 'doc'),
    });
  }
  return [...seen.values()];
}

async function focusOn(entity) {
  state.expanded = [];
  state.statements.clear();
  cy.elements().remove();
  await expand(entity);
  cy.$id(entity).select();
  showNode(entity);
}

async function expand(entity) {
  if (state.expanded.includes(entity)) return;
  state.expanded.push(entity);
  const statements = await egoStatements(entity);
  const nodes = [];
  const addNode = (id, label, cls) => {
    if (!cy.$id(id).length && !nodes.some((n) => n.data.id === id)) nodes.push({ group: 'nodes', data: { id, label, cls, colour: colour(cls) } });
  };
  if (!statements.length) {
    const data = await sparql(`SELECT ?l ?c WHERE { ${iri(entity)} rdfs:label ?l ; a ?c FILTER(STRSTARTS(STR(?c), STR(ng:))) } LIMIT 1`);
    const b = data.results.bindings[0] || {};
    addNode(entity, value(b, 'l') || short(entity), local(value(b, 'c')));
  }
  const edges = [];
  for (const st of statements) {
    addNode(st.subject, st.subjectLabel, st.subjectClass);
    addNode(st.object, st.objectLabel, st.objectClass);
    const id = `${st.subject}|${st.predicate}|${st.object}`;
    if (!state.statements.has(id)) {
      state.statements.set(id, []);
      edges.push({ group: 'edges', data: { id, source: st.subject, target: st.object, predicate: st.predicate, label: st.predicate, weight: 1, status: '' } });
    }
    const list = state.statements.get(id);
    if (!list.some((s) => s.id === st.id)) list.push(st);
  }
  cy.add(nodes.concat(edges));
  cy.$id(entity).addClass('expanded');
  updateYears();
  applyFilters();
  layout();
  writeHash();
}

function layout() {
  const focus = cy.$id(state.expanded[0]);
  const visible = cy.elements(':visible');
  visible.layout({ name: 'concentric', animate: false, minNodeSpacing: 28,
    concentric: (n) => (n.same(focus) ? 3 : n.hasClass('expanded') ? 2 : 1), levelWidth: () => 1 }).run();
  cy.fit(visible, 30);
}

function updateYears() {
  const years = new Set();
  for (const list of state.statements.values()) for (const s of list) if (s.year) years.add(s.year);
  state.years = [...years].sort((a, b) => a - b);
  const slider = $('year');
  slider.min = 0;
  slider.max = state.years.length; // the last step is "every year"
  slider.value = state.year === null ? state.years.length : Math.max(0, state.years.indexOf(state.year));
  $('year-value').textContent = state.year === null ? 'all' : String(state.year);
}

/// The statements of an edge that pass the filters, and the edge's status at the year.
function kept(edgeId) {
  return (state.statements.get(edgeId) || []).filter((s) =>
    s.confidence >= state.confidence && (state.year === null || s.year === null || s.year <= state.year));
}

function applyFilters() {
  cy.batch(() => {
    cy.edges().forEach((edge) => {
      const statements = kept(edge.id());
      const classes = [edge.source().data('cls'), edge.target().data('cls')];
      const show = statements.length > 0 && !state.hiddenPredicates.has(edge.data('predicate')) && !classes.some((c) => state.hiddenClasses.has(c));
      edge.style('display', show ? 'element' : 'none');
      const dated = statements.filter((s) => s.year !== null).sort((a, b) => a.year - b.year);
      const latest = dated.length ? dated[dated.length - 1].status : (statements.find((s) => s.status) || {}).status;
      edge.data('status', latest || '');
      edge.data('weight', statements.length);
      const years = [...new Set(dated.map((s) => s.year))];
      edge.data('label', edge.data('predicate') + (years.length ? ` (${years.join(', ')})` : ''));
    });
    cy.nodes().forEach((node) => {
      const show = state.expanded.includes(node.id()) || (!state.hiddenClasses.has(node.data('cls')) && node.connectedEdges().some((e) => e.style('display') === 'element'));
      node.style('display', show ? 'element' : 'none');
    });
  });
  const shown = cy.edges(':visible').length;
  $('status').textContent = state.expanded.length
    ? `${cy.nodes(':visible').length} entities, ${shown} edges shown${state.year === null ? '' : ` up to ${state.year}`}. Click a node to expand it, an edge to read its statements.`
    : $('status').textContent;
}

// ---------- details ----------

function showNode(entity) {
  const node = cy.$id(entity);
  const panel = $('details');
  panel.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = node.data('label');
  panel.appendChild(h);
  panel.insertAdjacentHTML('beforeend', `<p><span class="class-tag" style="background:${colour(node.data('cls'))}">${escapeHtml(node.data('cls'))}</span> <code>${escapeHtml(short(entity))}</code></p>
    <p class="hint">${node.connectedEdges(':visible').length} edges shown. ${state.expanded.includes(entity) ? 'Expanded: its relations are drawn.' : ''}</p>`);
}

async function names(entity) {
  const data = await sparql(`SELECT DISTINCT ?n WHERE { { ${iri(entity)} rdfs:label ?n } UNION { ${iri(entity)} skos:altLabel ?n } }`);
  return data.results.bindings.map((b) => value(b, 'n')).filter(Boolean);
}

/// The evidence sentence as HTML with the names of the two ends marked.
function marked(sentence, subjectNames, objectNames) {
  const spans = [];
  const find = (list, cls) => {
    for (const name of [...list].sort((a, b) => b.length - a.length)) {
      const lower = sentence.toLowerCase();
      let at = lower.indexOf(name.toLowerCase());
      while (name && at >= 0) {
        const end = at + name.length;
        if (!spans.some(([s, e]) => at < e && end > s)) spans.push([at, end, cls]);
        at = lower.indexOf(name.toLowerCase(), end);
      }
    }
  };
  find(subjectNames, 'subject');
  find(objectNames, 'object');
  spans.sort((a, b) => a[0] - b[0]);
  let html = '';
  let at = 0;
  for (const [s, e, cls] of spans) {
    html += escapeHtml(sentence.slice(at, s)) + `<mark class="${cls}">${escapeHtml(sentence.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(sentence.slice(at));
}

async function showEdge(edge) {
  const panel = $('details');
  const [subjectNames, objectNames] = await Promise.all([names(edge.data('source')), names(edge.data('target'))]);
  const statements = kept(edge.id()).sort((a, b) => (a.year || 0) - (b.year || 0) || a.document.localeCompare(b.document));
  panel.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = `${edge.source().data('label')} → ${edge.data('predicate')} → ${edge.target().data('label')}`;
  panel.appendChild(h);
  for (const s of statements) {
    const div = document.createElement('div');
    div.className = 'statement';
    const facts = [`predicate <b>${escapeHtml(s.predicate)}</b>`, `year ${s.year ?? '—'}`, `amount ${escapeHtml(s.amount ?? '—')}`,
      `status ${escapeHtml(s.status ?? '—')}`, `confidence ${s.confidence.toFixed(2)}`, `document ${escapeHtml(s.document)}`];
    div.innerHTML = `<div class="meta">${facts.join(' · ')}</div><blockquote class="evidence">${marked(s.evidence, subjectNames, objectNames)}</blockquote>`;
    panel.appendChild(div);
  }
  if (!statements.length) panel.insertAdjacentHTML('beforeend', '<p class="hint">No statement passes the filters.</p>');
}

// ---------- filters ----------

function buildFilters() {
  const box = (container, items, hidden, label) => {
    for (const item of items) {
      const el = document.createElement('label');
      el.className = 'check';
      el.innerHTML = `<input type="checkbox" ${hidden.has(item.name) ? '' : 'checked'}> ${label(item)}`;
      el.querySelector('input').addEventListener('change', (event) => {
        if (event.target.checked) hidden.delete(item.name); else hidden.add(item.name);
        applyFilters();
        writeHash();
      });
      container.appendChild(el);
    }
  };
  box($('classes'), state.meta.classes, state.hiddenClasses, (c) => `<span class="swatch" style="background:${c.colour}"></span>${escapeHtml(c.name)}`);
  box($('predicates'), state.meta.predicates.map((name) => ({ name })), state.hiddenPredicates, (p) => escapeHtml(p.name));
  $('confidence').value = state.confidence;
  $('confidence-value').textContent = Number(state.confidence).toFixed(2);
  $('confidence').addEventListener('input', (event) => {
    state.confidence = Number(event.target.value);
    $('confidence-value').textContent = state.confidence.toFixed(2);
    applyFilters();
    writeHash();
  });
  $('year').addEventListener('input', (event) => setYearStep(Number(event.target.value)));
  $('play').addEventListener('click', replay);
}

function setYearStep(step) {
  state.year = step >= state.years.length ? null : state.years[step];
  $('year').value = step;
  $('year-value').textContent = state.year === null ? 'all' : String(state.year);
  applyFilters();
  writeHash();
}

let playing;
function replay() {
  if (playing) { clearInterval(playing); playing = null; $('play').textContent = '▶ replay'; return; }
  let step = 0;
  $('play').textContent = '■ stop';
  setYearStep(step);
  playing = setInterval(() => {
    step += 1;
    setYearStep(step);
    if (step >= state.years.length) replay();
  }, 900);
}

// ---------- the URL ----------

function writeHash() {
  const p = new URLSearchParams();
  if (state.expanded.length) p.set('entities', state.expanded.map(short).join(','));
  if (state.hiddenClasses.size) p.set('hideClasses', [...state.hiddenClasses].join(','));
  if (state.hiddenPredicates.size) p.set('hidePredicates', [...state.hiddenPredicates].join(','));
  if (state.confidence > 0) p.set('confidence', String(state.confidence));
  if (state.year !== null) p.set('year', String(state.year));
  const query = $('query').value;
  if (query.trim()) p.set('query', query);
  history.replaceState(null, '', `#${p.toString()}`);
}

async function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const list = (key) => (p.get(key) ? p.get(key).split(',').filter(Boolean) : []);
  list('hideClasses').forEach((c) => state.hiddenClasses.add(c));
  list('hidePredicates').forEach((c) => state.hiddenPredicates.add(c));
  state.confidence = Number(p.get('confidence') || 0);
  if (p.get('query')) $('query').value = p.get('query');
  const year = p.get('year') ? Number(p.get('year')) : null;
  const entities = list('entities').map((e) => state.meta.prefixes.entity + e);
  return { entities, year };
}

// ---------- downloads ----------

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const xml = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const escapeHtml = xml;

function graphml() {
  const keys = [['label', 'node', 'string'], ['type', 'node', 'string'], ['label', 'edge', 'string'], ['weight', 'edge', 'int'], ['status', 'edge', 'string']];
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n';
  keys.forEach(([name, on, type]) => { out += `  <key id="${on}_${name}" for="${on}" attr.name="${name}" attr.type="${type}"/>\n`; });
  out += '  <graph id="newsgraph" edgedefault="directed">\n';
  cy.nodes(':visible').forEach((n) => { out += `    <node id="${xml(short(n.id()))}"><data key="node_label">${xml(n.data('label'))}</data><data key="node_type">${xml(n.data('cls'))}</data></node>\n`; });
  cy.edges(':visible').forEach((e, i) => {
    out += `    <edge id="e${i}" source="${xml(short(e.data('source')))}" target="${xml(short(e.data('target')))}"><data key="edge_label">${xml(e.data('predicate'))}</data><data key="edge_weight">${e.data('weight')}</data><data key="edge_status">${xml(e.data('status'))}</data></edge>\n`;
  });
  return out + '  </graph>\n</graphml>\n';
}

function svg() {
  const nodes = cy.nodes(':visible');
  const box = nodes.boundingBox();
  const pad = 60;
  const [x0, y0, w, h] = [box.x1 - pad, box.y1 - pad, box.w + 2 * pad, box.h + 2 * pad];
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="sans-serif">\n`;
  out += '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#999"/></marker></defs>\n';
  out += `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#fff"/>\n`;
  cy.edges(':visible').forEach((e) => {
    const [s, t] = [e.source().position(), e.target().position()];
    const dx = t.x - s.x, dy = t.y - s.y, len = Math.hypot(dx, dy) || 1;
    const r = e.target().width() / 2;
    const dash = /suspended|cancelled/.test(e.data('status')) ? ' stroke-dasharray="6 4"' : e.data('status') === 'planned' ? ' stroke-dasharray="2 3"' : '';
    out += `<line x1="${s.x}" y1="${s.y}" x2="${t.x - (dx / len) * r}" y2="${t.y - (dy / len) * r}" stroke="#999" stroke-width="${1 + Math.min(4, e.data('weight') - 1)}"${dash} marker-end="url(#arrow)"><title>${xml(e.data('label'))}</title></line>\n`;
    out += `<text x="${(s.x + t.x) / 2}" y="${(s.y + t.y) / 2}" font-size="8" fill="#555" text-anchor="middle">${xml(e.data('label'))}</text>\n`;
  });
  nodes.forEach((n) => {
    const p = n.position();
    out += `<circle cx="${p.x}" cy="${p.y}" r="${n.width() / 2}" fill="${n.data('colour')}" stroke="#333"/><text x="${p.x}" y="${p.y + n.height() / 2 + 11}" font-size="11" text-anchor="middle">${xml(n.data('label'))}</text>\n`;
  });
  return out + '</svg>\n';
}

// ---------- the SPARQL editor ----------

async function runQuery() {
  const results = $('results');
  results.innerHTML = '<p class="hint">running…</p>';
  writeHash();
  try {
    const data = await sparql($('query').value);
    if ('boolean' in data) { results.innerHTML = `<p>${data.boolean}</p>`; return; }
    const vars = data.head.vars;
    const rows = data.results.bindings;
    let html = `<p class="hint">${rows.length} rows</p><table><thead><tr>${vars.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr></thead><tbody>`;
    for (const b of rows) {
      html += '<tr>' + vars.map((v) => {
        const cell = b[v];
        if (!cell) return '<td></td>';
        if (cell.type === 'uri' && cell.value.startsWith(state.meta.prefixes.entity)) return `<td><a data-entity="${escapeHtml(cell.value)}" title="Draw its network">${escapeHtml(short(cell.value))}</a></td>`;
        return `<td>${escapeHtml(cell.value)}</td>`;
      }).join('') + '</tr>';
    }
    results.innerHTML = html + '</tbody></table>';
    results.querySelectorAll('a[data-entity]').forEach((a) => a.addEventListener('click', () => focusOn(a.dataset.entity).catch(report)));
  } catch (error) {
    results.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = error.message;
    results.appendChild(p);
  }
}

function report(error) {
  $('status').textContent = `error: ${error.message}`;
}

// ---------- start ----------

async function start() {
  state.meta = await (await fetch('explorer.json')).json();
  const { entities, year } = await readHash();
  buildFilters();
  $('legend').innerHTML = '<h3>Status</h3><p class="hint">— current · - - suspended or cancelled · ··· planned</p>';
  for (const [i, ex] of state.meta.examples.entries()) {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = ex.title;
    $('examples').appendChild(option);
  }
  $('examples').addEventListener('change', (event) => {
    const ex = state.meta.examples[Number(event.target.value)];
    if (ex) { $('query').value = ex.query; writeHash(); }
  });
  $('run').addEventListener('click', runQuery);
  $('query').addEventListener('keydown', (event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) runQuery(); });
  $('search').addEventListener('input', (event) => { clearTimeout(searchTimer); searchTimer = setTimeout(() => suggest(event.target.value).catch(report), 150); });
  $('search').addEventListener('keydown', (event) => {
    const first = $('suggestions').querySelector('li[data-iri]');
    if (event.key === 'Enter' && first) choose(first.dataset.iri);
  });
  $('search').addEventListener('blur', () => setTimeout(() => { $('suggestions').hidden = true; }, 150));
  $('download-graphml').addEventListener('click', () => download('newsgraph-view.graphml', 'application/graphml+xml', graphml()));
  $('download-svg').addEventListener('click', () => download('newsgraph-view.svg', 'image/svg+xml', svg()));
  $('share').addEventListener('click', () => { writeHash(); navigator.clipboard?.writeText(location.href).catch(() => {}); $('status').textContent = `link: ${location.href}`; });

  cy = cytoscape({
    container: $('cy'),
    maxZoom: 2,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'border-width': 1, 'border-color': '#333' } },
      { selector: 'node.expanded', style: { width: 26, height: 26, 'border-width': 2 } },
      { selector: 'node:selected', style: { 'border-color': '#1a5fb4', 'border-width': 3 } },
      { selector: 'edge', style: { width: 'mapData(weight, 1, 6, 1.5, 6)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#aaa', 'target-arrow-color': '#aaa', label: 'data(label)', 'font-size': 8, color: '#555', 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.7 } },
      { selector: 'edge[status = "suspended"], edge[status = "cancelled"]', style: { 'line-style': 'dashed', 'line-color': '#d33', 'target-arrow-color': '#d33' } },
      { selector: 'edge[status = "planned"]', style: { 'line-style': 'dotted' } },
      { selector: 'edge:selected', style: { 'line-color': '#1a5fb4', 'target-arrow-color': '#1a5fb4', width: 4 } },
    ],
  });
  cy.on('tap', 'node', (event) => {
    const id = event.target.id();
    expand(id).then(() => showNode(id)).catch(report);
  });
  cy.on('tap', 'edge', (event) => showEdge(event.target).catch(report));
  window.explorer = { cy, state };

  for (const entity of entities) await expand(entity);
  if (year !== null && state.years.includes(year)) setYearStep(state.years.indexOf(year));
  document.body.dataset.ready = 'true';
}

start().catch(report);
