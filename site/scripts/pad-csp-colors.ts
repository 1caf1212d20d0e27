/**
 * y-codemirror.next colours remote cursors and selections through `style="…"` attributes, which
 * our Content-Security-Policy (style-src 'self', no 'unsafe-inline') refuses to apply. Copying
 * the declarations through the CSSOM is allowed, so each such element gets its colours back.
 */
const colouredClasses = ['cm-ySelectionCaret', 'cm-ySelection', 'cm-yLineSelection'];
const selector = colouredClasses.map((c) => `.${c}`).join(',');
const declaration = /(background-color|border-color)\s*:\s*([^;]+)/g;

function applyColours(element: HTMLElement): void {
  const attribute = element.getAttribute('style') ?? '';
  for (const [, property, value] of attribute.matchAll(declaration)) {
    if (!property || !value) continue;
    // Comparing first keeps the observer from looping on our own attribute rewrites.
    if (element.style.getPropertyValue(property) !== value.trim()) element.style.setProperty(property, value.trim());
  }
}

function scan(node: Node): void {
  if (!(node instanceof HTMLElement)) return;
  if (node.matches(selector)) applyColours(node);
  for (const element of node.querySelectorAll<HTMLElement>(selector)) applyColours(element);
}

/** Keeps remote cursor colours visible under the strict CSP; returns a function that stops it. */
export function keepCursorColours(root: HTMLElement): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') scan(record.target);
      for (const node of record.addedNodes) scan(node);
    }
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  scan(root);
  return () => observer.disconnect();
}
