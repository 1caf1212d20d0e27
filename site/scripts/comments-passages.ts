/**
 * The passages of « Discussion »: commented passages highlighted in the page body (`<mark>`,
 * linked to their thread and back), « Commenter ce passage » after a text selection (mouse, or
 * keyboard: select with caret browsing, then Tab to the button placed right after the text), and
 * « commenter » next to headings. Everything only fills the plain form, which posts as without
 * JavaScript.
 */
import { CONTEXT_CHARS, compact } from '../../server/comments/anchoring.ts';
import { highlight, mapText } from './comments-marks.ts';

function setup(section: HTMLElement, body: Element): void {
  const form = section.querySelector<HTMLFormElement>('form[data-new-thread]');
  const toolbar = section.querySelector<HTMLElement>('[data-passage-toolbar]');
  const field = (name: string) => form?.querySelector<HTMLInputElement>(`[data-anchor-field="${name}"]`);
  const summary = form?.querySelector<HTMLElement>('[data-anchor-summary]');
  const textarea = form?.querySelector<HTMLTextAreaElement>('textarea');

  function anchorTo(values: Record<string, string>, said: string | undefined): void {
    for (const name of ['anchor', 'heading', 'quote', 'prefix', 'suffix']) {
      const input = field(name);
      if (input) input.value = values[name] ?? (name === 'anchor' ? 'page' : '');
    }
    if (summary) {
      summary.hidden = said === undefined;
      const text = summary.querySelector('[data-anchor-text]');
      if (text) text.textContent = said ?? '';
    }
    if (said !== undefined) {
      form?.scrollIntoView({ block: 'center' });
      textarea?.focus();
    }
  }
  form?.querySelector('[data-anchor-reset]')?.addEventListener('click', () => anchorTo({}, undefined));

  // The selection is read when it changes: clicking the button may already have cleared it.
  let pending: { quote: string; prefix: string; suffix: string } | undefined;
  let place: (() => void) | undefined;
  function onSelection(): void {
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    const quote = selection?.toString().replace(/\s+/gu, ' ').trim() ?? '';
    if (!range || range.collapsed || !quote || !body.contains(range.commonAncestorContainer) || quote.length > 1000) {
      if (toolbar && !toolbar.contains(document.activeElement)) toolbar.hidden = true;
      return;
    }
    const map = mapText(body);
    const first = map.at.findIndex((p) => range.comparePoint(p.node, p.offset) >= 0);
    const start = first < 0 ? 0 : first;
    const end = start + compact(quote).length;
    pending = { quote, prefix: map.text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: map.text.slice(end, end + CONTEXT_CHARS) };
    if (!toolbar) return;
    // Right after the text in the document, so Tab from the selection reaches it.
    if (toolbar.previousElementSibling !== body) body.after(toolbar);
    place = () => {
      const box = range.getBoundingClientRect();
      toolbar.style.top = `${Math.min(window.innerHeight - 48, Math.max(0, box.bottom + 6))}px`;
      toolbar.style.left = `${Math.min(window.innerWidth - 220, Math.max(8, box.left))}px`;
    };
    place();
    toolbar.hidden = false;
  }
  // A selection dragged with the mouse changes many times a second: look once it rests.
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener('selectionchange', () => {
    clearTimeout(timer);
    timer = setTimeout(onSelection, 120);
  });
  window.addEventListener('scroll', () => place?.(), { passive: true });
  toolbar?.querySelector('[data-comment-passage]')?.addEventListener('click', () => {
    if (!pending) return;
    toolbar.hidden = true;
    anchorTo({ anchor: 'passage', ...pending }, `Sur le passage : « ${pending.quote} »`);
  });

  function decorate(): void {
    highlight(body, section);
    if (!form) return;
    for (const heading of body.querySelectorAll<HTMLElement>('h2[id], h3[id], h4[id]')) {
      if (heading.querySelector('.comment-heading-link')) continue;
      const label = (heading.textContent ?? '').replace(/#\s*Lien vers la section.*$/su, '').trim();
      const link = document.createElement('a');
      link.href = '#nouveau-commentaire';
      link.className = 'comment-heading-link';
      link.dataset['commentUi'] = '';
      link.innerHTML = 'commenter<span class="visually-hidden"> la section</span>';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        anchorTo({ anchor: 'heading', heading: heading.id }, `Sur la section : « ${label} »`);
      });
      heading.append(link);
    }
  }
  decorate();
  // A pad's preview is redrawn as people type: decorate the new text again.
  new MutationObserver(() => {
    if (!body.querySelector('.comment-passage, .comment-heading-link')) decorate();
  }).observe(body, { childList: true });

  for (const del of section.querySelectorAll<HTMLFormElement>('form[data-comment-delete]')) {
    del.addEventListener('submit', (event) => {
      if (!window.confirm('Supprimer ce commentaire ? Son texte sera effacé.')) event.preventDefault();
    });
  }
}

for (const section of document.querySelectorAll<HTMLElement>('[data-comments]')) {
  const body = document.querySelector(section.dataset['commentBody'] ?? 'article.prose');
  if (body) setup(section, body);
}
