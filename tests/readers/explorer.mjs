// Uses the explorer page of a running `newsgraph serve` in Debian's Chromium as a person would.
//
//   node tests/readers/explorer.mjs URL SCREENSHOT.png
//
// Searches "Hyundai", picks it from the suggestions, sees its neighbours, clicks the edge to
// the plant near Nakhodka and reads its evidence sentence, clicks the plant to expand it,
// moves the year slider over South Korea's network, runs a
// README question in the SPARQL editor, reloads the shared link, and saves a screenshot
// checked not to be blank. Any console error or page error fails. Prints `ok …` per step
// and exits 1 after a `FAIL …` line.
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';

const [url, screenshot] = process.argv.slice(2);
const errors = [];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
let failed = false;
const ok = (what) => console.log(`ok ${what}`);
const fail = (what) => { console.log(`FAIL ${what}`); failed = true; };
const expect = (cond, what, detail = '') => (cond ? ok(what) : fail(`${what}: ${detail}`));

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.setDefaultTimeout(20000);
  await page.goto(url);
  await page.waitForFunction(() => window.explorer && document.querySelector('#examples option[value="3"]'));

  // Search with suggestions.
  await page.locator('#search').pressSequentially('Hyund', { delay: 30 });
  const suggestion = page.locator('#suggestions li[data-iri]', { hasText: /^CompanyHyundai$/ });
  await suggestion.first().waitFor();
  const offered = await page.locator('#suggestions li[data-iri]').allInnerTexts();
  expect(offered.some((t) => t.includes('Hyundai')), `suggestions for "Hyund": ${offered.join(' | ')}`);
  await suggestion.first().click();
  await page.waitForFunction(() => window.explorer.cy.nodes(':visible').length >= 3);
  const neighbours = await page.evaluate(() => window.explorer.cy.nodes(':visible').map((n) => n.data('label')));
  expect(neighbours.includes('Hyundai') && neighbours.some((l) => /Nakhodka/.test(l)), `Hyundai's neighbours drawn: ${neighbours.join(', ')}`);

  // Click the edge to the plant near Nakhodka, at its midpoint on the canvas.
  const target = await page.evaluate(() => {
    const edge = window.explorer.cy.edges(':visible').filter((e) => e.source().data('label') === 'Hyundai' && e.target().data('label') === 'plant near Nakhodka')[0];
    if (!edge) return null;
    const p = edge.renderedMidpoint();
    const box = document.getElementById('cy').getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, id: edge.id() };
  });
  expect(target !== null, 'an edge from Hyundai to the plant near Nakhodka');
  await page.mouse.click(target.x, target.y);
  const evidence = page.locator('#details .statement blockquote.evidence').first();
  await evidence.waitFor();
  const details = await page.locator('#details').innerText();
  const marks = await page.locator('#details mark').allInnerTexts();
  expect(/Hyundai also planned to build by 2022 a plant near Nakhodka/.test(details), 'the evidence sentence is shown', details);
  expect(/builds/.test(details) && /2022/.test(details) && /confidence/.test(details) && /document/.test(details), 'with predicate, year, confidence and document', details);
  expect(marks.includes('Hyundai') && marks.some((m) => /Nakhodka/.test(m)), `the two names are marked: ${marks.join(', ')}`);

  // Click a node to expand it: the plant near Nakhodka brings in Nakhodka.
  const plant = await page.evaluate(() => {
    const node = window.explorer.cy.nodes(':visible').filter((n) => n.data('label') === 'plant near Nakhodka')[0];
    const p = node.renderedPosition();
    const box = document.getElementById('cy').getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  await page.mouse.click(plant.x, plant.y);
  // The entity joins `expanded` before its statements arrive: wait for what they draw.
  await page.waitForFunction(() => window.explorer.state.expanded.length === 2);
  await page.waitForFunction(() => window.explorer.cy.nodes(':visible').some((n) => n.data('label') === 'Nakhodka'), null, { timeout: 10000 }).catch(() => {});
  const expanded = await page.evaluate(() => window.explorer.cy.nodes(':visible').map((n) => n.data('label')));
  expect(expanded.includes('Nakhodka') && expanded.length > neighbours.length, `clicking the plant expands it: ${expanded.join(', ')}`);

  // The year slider, on South Korea's network (dated in several years): its earliest year
  // shows fewer edges than every year.
  await page.locator('#search').fill('');
  await page.locator('#search').pressSequentially('South Kor', { delay: 30 });
  await page.locator('#suggestions li[data-iri]', { hasText: /^CountrySouth Korea$/ }).first().click();
  await page.waitForFunction(() => window.explorer.state.expanded.length === 1 && window.explorer.cy.nodes(':visible').length > 10);
  const all = await page.evaluate(() => window.explorer.cy.edges(':visible').length);
  const years = await page.evaluate(() => window.explorer.state.years);
  const slider = page.locator('#year');
  await slider.focus();
  await page.keyboard.press('Home');
  const first = await page.evaluate(() => window.explorer.cy.edges(':visible').length);
  const shownYear = await page.locator('#year-value').textContent();
  expect(years.length > 1 && shownYear === String(years[0]) && first < all, `year slider at ${shownYear}: ${first} of ${all} edges (years ${years.join(', ')})`);
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => window.explorer.cy.edges(':visible').length);
  expect((await page.locator('#year-value').textContent()) === String(years[1]) && second >= first, `one step on, ${years[1]}: ${second} edges`);
  await page.keyboard.press('End');
  const last = [await page.locator('#year-value').textContent(), await page.evaluate(() => window.explorer.cy.edges(':visible').length)];
  expect(last[0] === 'all' && last[1] === all, 'back to every year', `${last} vs ${all}`);
  const shown = await page.evaluate(() => window.explorer.cy.nodes(':visible').length);

  // A README question in the SPARQL editor.
  await page.selectOption('#examples', '3');
  await page.click('#run');
  await page.locator('#results table').waitFor();
  const table = await page.locator('#results').innerText();
  expect(/Hyundai also planned to build/.test(table) && /builds/.test(table), 'the README question about Nakhodka answers in the editor', table.slice(0, 300));

  // The shared link restores the view.
  const link = page.url();
  const again = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  again.on('console', (m) => { if (m.type() === 'error') errors.push(`console (link): ${m.text()}`); });
  again.on('pageerror', (e) => errors.push(`page (link): ${e.message}`));
  await again.goto(link);
  await again.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
  const restored = await again.evaluate(() => window.explorer.cy.nodes(':visible').map((n) => n.data('label')));
  const query = await again.locator('#query').inputValue();
  expect(link.includes('entities=') && restored.includes('South Korea') && /Nakhodka/.test(query), `the link ${link.slice(0, 80)}… restores the graph and the query`);
  await again.close();

  // Downloads of the view.
  const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#download-graphml')]);
  const graphmlText = readFileSync(await graphml.path(), 'utf8');
  expect(/<graphml/.test(graphmlText) && /South Korea/.test(graphmlText) && (graphmlText.match(/<edge /g) || []).length === all, 'GraphML download of the view');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#download-svg')]);
  const svgText = readFileSync(await svg.path(), 'utf8');
  expect(/^<svg/.test(svgText) && /South Korea/.test(svgText) && (svgText.match(/<circle /g) || []).length === shown, 'SVG download of the view');

  // A screenshot, not blank.
  await page.locator('#search').blur();
  await page.screenshot({ path: screenshot });
  const png = PNG.sync.read(readFileSync(screenshot));
  const colours = new Set();
  let drawn = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (r + g + b < 720) drawn += 1;
    colours.add((r << 16) | (g << 8) | b);
  }
  const share = drawn / (png.width * png.height);
  expect(share > 0.02 && colours.size >= 8, `screenshot ${screenshot}: ${Math.round(share * 100)}% drawn, ${colours.size} colours`);
} catch (e) {
  fail(`the explorer: ${e.message}`);
} finally {
  await browser.close();
}
expect(errors.length === 0, 'no console errors', errors.join('\n'));
process.exit(failed ? 1 : 0);
