// Reads newsgraph's exports in a folder with the JavaScript readers people use and
// checks them against the folder's expected.json (see README.md in this folder).
//
//     node tests/readers/check.mjs DIR
//
// graphology's GraphML and GEXF parsers (what Gephi Lite is built on: they throw on
// duplicate and dangling edges), Cytoscape.js headless, mermaid's own parser (in a jsdom
// window), and headless Chromium (Debian's, driven by playwright-core) rendering every
// SVG diagram to PNG. Prints a line per file; exits 1 naming the file and the problem.

import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import graphology from 'graphology';
import graphml from 'graphology-graphml';
import gexf from 'graphology-gexf';
import cytoscape from 'cytoscape';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const { Graph, MultiGraph } = graphology;
const dir = process.argv[2];
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const nodes = new Map(expected.nodes.map((n) => [n.id, n]));

// What an XML format can carry: the label without XML-illegal characters.
const clean = (s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
// What a Mermaid label carries: its words, control characters dropped (Rust's whitespace).
const oneLine = (s) =>
  s
    .split(/[\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/u)
    .map((w) => w.replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, ''))
    .filter((w) => w)
    .join(' ');

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

function checkNodeLabels(graph, file) {
  expect(graph.order === nodes.size, `${file}: ${graph.order} nodes, expected ${nodes.size}`);
  graph.forEachNode((id, attrs) => {
    const want = nodes.get(id);
    expect(want, `${file}: unexpected node ${id}`);
    expect(attrs.label === clean(want.label), `${file}: node ${id} label ${JSON.stringify(attrs.label)}, expected ${JSON.stringify(clean(want.label))}`);
    expect(attrs.type === want.type, `${file}: node ${id} type ${attrs.type}`);
  });
}

function checkGraphml() {
  const g = graphml.parse(Graph, fs.readFileSync(path.join(dir, 'graph.graphml'), 'utf8'));
  checkNodeLabels(g, 'graph.graphml');
  expect(g.size === expected.edges.length, `graph.graphml: ${g.size} edges, expected ${expected.edges.length}`);
  for (const e of expected.edges) {
    const key = g.edge(e.source, e.target);
    expect(key !== undefined, `graph.graphml: edge ${e.source} -> ${e.target} missing`);
    const attrs = g.getEdgeAttributes(key);
    expect(attrs.label === e.label && attrs.weight === e.weight, `graph.graphml: edge ${e.source} -> ${e.target}: ${JSON.stringify(attrs)}`);
  }
}

function checkGexf() {
  const g = gexf.parse(MultiGraph, fs.readFileSync(path.join(dir, 'graph.gexf'), 'utf8'));
  checkNodeLabels(g, 'graph.gexf');
  expect(g.size === expected.relations.length, `graph.gexf: ${g.size} edges, expected ${expected.relations.length}`);
  const found = new Set();
  g.forEachEdge((key, attrs, source, target) => found.add(`${source}\u0000${target}\u0000${attrs.kind}`));
  for (const r of expected.relations) {
    expect(found.has(`${r.source}\u0000${r.target}\u0000${r.predicate}`), `graph.gexf: relation ${JSON.stringify(r)} missing`);
  }
}

function checkCytoscape() {
  const warnings = [];
  const [warn, error] = [console.warn, console.error];
  console.warn = console.error = (...args) => warnings.push(args.join(' '));
  let cy;
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'graph.cyjs'), 'utf8'));
    cy = cytoscape({ headless: true, elements: json.elements });
  } finally {
    [console.warn, console.error] = [warn, error];
  }
  expect(warnings.length === 0, `graph.cyjs: cytoscape warned: ${warnings.slice(0, 3).join('; ')}`);
  expect(cy.nodes().length === nodes.size, `graph.cyjs: ${cy.nodes().length} nodes, expected ${nodes.size}`);
  expect(cy.edges().length === expected.relations.length, `graph.cyjs: ${cy.edges().length} edges, expected ${expected.relations.length}`);
  cy.nodes().forEach((n) => expect(n.data('label') === nodes.get(n.id())?.label, `graph.cyjs: node ${n.id()} label ${JSON.stringify(n.data('label'))}`));
  cy.edges().forEach((e) => expect(nodes.has(e.data('source')) && nodes.has(e.data('target')), `graph.cyjs: dangling edge ${e.id()}`));
}

async function checkMermaid() {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, maxEdges: 1000000, maxTextSize: 100000000 });
  const text = fs.readFileSync(path.join(dir, 'graph.mmd'), 'utf8');
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const vertices = [...diagram.db.getVertices().values()];
  const edges = diagram.db.getEdges();
  expect(vertices.length === nodes.size, `graph.mmd: ${vertices.length} nodes, expected ${nodes.size}`);
  expect(edges.length === expected.edges.length, `graph.mmd: ${edges.length} edges, expected ${expected.edges.length}`);
  // Mermaid keeps entity codes (#34;) in the text, as ﬂ°°34¶ß, and decodes them when it draws.
  const decode = (s) => s.replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)));
  const labels = new Map();
  for (const v of vertices) labels.set(decode(v.text), (labels.get(decode(v.text)) ?? 0) + 1);
  for (const n of nodes.values()) {
    const want = oneLine(n.label);
    expect(labels.get(want) > 0, `graph.mmd: no node labelled ${JSON.stringify(want)}`);
    labels.set(want, labels.get(want) - 1);
  }
}

// A screenshot of the page; Chromium under load now and then answers "Unable to capture
// screenshot" (a protocol error, not a drawing): one more try, said in the output.
async function screenshot(page, file) {
  try {
    return await page.screenshot({ type: 'png' });
  } catch (e) {
    console.log(`retry ${file}: ${String(e.message).split('\n')[0]}`);
    await page.waitForTimeout(1000);
    return await page.screenshot({ type: 'png' });
  }
}

// Every SVG (graph.svg, diagrams/*.svg) rendered by Chromium to PNG: not blank.
async function checkSvgs() {
  const files = ['graph.svg', ...listSvgs(path.join(dir, 'diagrams')).map((f) => path.join('diagrams', f))];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    for (const file of files) {
      const full = path.resolve(dir, file);
      expect(fs.existsSync(full), `${file}: missing`);
      await page.goto('file://' + full);
      const png = PNG.sync.read(await screenshot(page, file));
      const pixels = png.width * png.height;
      const colours = new Map();
      for (let i = 0; i < png.data.length; i += 4) {
        const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
      const background = Math.max(...colours.values());
      const drawn = pixels - background;
      expect(drawn >= pixels / 100 && colours.size >= 3, `${file}: rendered blank (${drawn} of ${pixels} pixels drawn, ${colours.size} colours)`);
      console.log(`ok ${file} (chromium: ${Math.round((100 * drawn) / pixels)}% of the page drawn, ${colours.size} colours)`);
    }
  } finally {
    await browser.close();
  }
}

function listSvgs(folder) {
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.svg')).sort() : [];
}

const checks = [
  ['graph.graphml', checkGraphml, 'graphology-graphml'],
  ['graph.gexf', checkGexf, 'graphology-gexf'],
  ['graph.cyjs', checkCytoscape, 'cytoscape headless'],
  ['graph.mmd', checkMermaid, 'mermaid.parse'],
  ['SVG diagrams', checkSvgs, 'chromium'],
];
let failures = 0;
for (const [file, check, reader] of checks) {
  try {
    await check();
    console.log(`ok ${file} (${reader})`);
  } catch (e) {
    failures += 1;
    console.error(`FAIL ${path.join(dir, file)}: ${e.message ?? e}`);
  }
}
process.exit(failures ? 1 : 0);
