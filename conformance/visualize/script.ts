/**
 * The page's only script, inlined: it shows an operation's details, in the panel beside the
 * verdict, when the reader hovers over its bar; keeps them when the bar is clicked (or chosen with
 * the keyboard); lights up that operation's instants; finds an operation by id or by a line of the
 * trace file and scrolls to it (a long trace is far wider than a screen); and brings the failing
 * operation of an illegal verdict into view. It reads the details from the JSON embedded in the
 * page and writes them as text, never as markup.
 *
 * @module
 */

/** The JavaScript of the page. */
export const pageScript = `
(() => {
  'use strict';
  const details = new Map(JSON.parse(document.getElementById('event-value-details').textContent));
  const panel = document.querySelector('[data-role="details"]');
  const placeholder = panel.firstElementChild;
  const history = document.querySelector('svg.history');
  const bars = new Map();
  for (const bar of history.querySelectorAll('[data-bar]')) bars.set(bar.getAttribute('data-op'), bar);
  const pointsOf = new Map();
  for (const point of history.querySelectorAll('[data-point]')) {
    const id = point.getAttribute('data-op');
    if (!pointsOf.has(id)) pointsOf.set(id, []);
    pointsOf.get(id).push(point);
  }
  let selected;
  let shown;

  function show(id) {
    if (shown !== undefined) for (const point of pointsOf.get(shown) ?? []) point.classList.remove('lit');
    shown = id;
    if (id === undefined) {
      panel.replaceChildren(placeholder);
      panel.removeAttribute('data-op');
      return;
    }
    for (const point of pointsOf.get(id) ?? []) point.classList.add('lit');
    const title = document.createElement('h2');
    title.textContent = selected === id ? 'Operation (selected; click it again to release)' : 'Operation';
    const list = document.createElement('dl');
    for (const [term, text] of details.get(id) ?? []) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = text;
      dd.setAttribute('data-term', term);
      list.append(dt, dd);
    }
    panel.replaceChildren(title, list);
    panel.setAttribute('data-op', id);
  }

  function select(id) {
    if (selected !== undefined) bars.get(selected)?.classList.remove('selected');
    selected = id;
    if (id !== undefined) bars.get(id)?.classList.add('selected');
    show(id);
  }

  const barOf = (target) => (target instanceof Element ? target.closest('[data-bar]') : null);
  history.addEventListener('mouseover', (event) => {
    const bar = barOf(event.target);
    if (bar !== null) show(bar.getAttribute('data-op'));
  });
  history.addEventListener('mouseout', (event) => {
    if (barOf(event.target) !== null && barOf(event.relatedTarget) === null) show(selected);
  });
  history.addEventListener('click', (event) => {
    const bar = barOf(event.target);
    const id = bar === null ? undefined : bar.getAttribute('data-op');
    select(id === selected ? undefined : id);
  });
  history.addEventListener('keydown', (event) => {
    const bar = barOf(event.target);
    if (bar === null || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    const id = bar.getAttribute('data-op');
    select(id === selected ? undefined : id);
  });

  // Find an operation by its id, or by a line of the trace file: the operation called last at or
  // before that line. Then select it and scroll it into view.
  const find = document.querySelector('[data-role="find"]');
  const result = find.querySelector('[data-role="find-result"]');
  find.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = find.elements.operation.value.trim();
    let bar = bars.get(wanted);
    if (bar === undefined && /^[0-9]+$/.test(wanted)) {
      const line = Number(wanted);
      let best = -1;
      for (const candidate of bars.values()) {
        const called = Number(candidate.getAttribute('data-line'));
        if (called <= line && called > best) {
          best = called;
          bar = candidate;
        }
      }
    }
    if (bar === undefined) {
      result.textContent = 'no such operation';
      return;
    }
    result.textContent = '';
    select(bar.getAttribute('data-op'));
    bar.scrollIntoView({ block: 'center', inline: 'center' });
  });

  const failed = history.querySelector('[data-bar][data-failed="true"]');
  function reveal() {
    if (failed === null) return;
    select(failed.getAttribute('data-op'));
    failed.scrollIntoView({ block: 'center', inline: 'center' });
  }
  for (const button of document.querySelectorAll('[data-role="jump"]')) button.addEventListener('click', reveal);
  reveal();
})();
`;
