/**
 * `@` completion among the people who may read the page or pad being written about
 * (GET /api/mentions). Two doors:
 * - every `<textarea data-mentions="page:<path>|pad:<name>">` (comments, replies…) gets an
 *   accessible list after `@`: the ARIA 1.2 combobox pattern on a multi-line textbox (the textarea
 *   keeps its role; `aria-autocomplete="list"`, `aria-controls` and `aria-activedescendant` point
 *   at a `listbox` of `option`s; a polite status says how many people are proposed). Arrow keys
 *   move, Enter or Tab insert, Escape closes; a click inserts too.
 * - the page editor (CodeMirror) adds `mentionCompletion(cible)` to its completion sources.
 * The inserted form is the one that names the person alone (`@Camille`, or `@Camille.Dupont`
 * when several Camille have an account). Textareas are found on focus, so forms added later work.
 */
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';

/** A person the completion proposes. */
export interface MentionChoice {
  /** Display name. */
  name: string;
  /** What goes after `@`. */
  handle: string;
}

// What was typed after `@`, at the caret: not after a letter (an e-mail address) or a dot.
const trigger = /(?:^|[^\p{L}\p{N}_.@/\\-])@([\p{L}\p{N}_.-]{0,40})$/u;

/** People who may read `cible` and whose name starts like `q` (at most 10); [] on any failure. */
export async function fetchMentionChoices(cible: string, q: string, signal?: AbortSignal): Promise<MentionChoice[]> {
  try {
    const res = await fetch(`/api/mentions?${new URLSearchParams({ cible, q })}`, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...(signal ? { signal } : {}) });
    if (!res.ok) return [];
    const data = (await res.json()) as { people?: MentionChoice[] };
    return Array.isArray(data.people) ? data.people : [];
  } catch {
    return [];
  }
}

/** Completion source of the page editor: `@Cam` → the people who may read the page. */
export function mentionCompletion(cible: string): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const m = trigger.exec(line.text.slice(0, context.pos - line.from));
    if (!m) return null;
    const typed = m[1] ?? '';
    if (typed === '' && !context.explicit && context.state.sliceDoc(context.pos - 1, context.pos) !== '@') return null;
    const people = await fetchMentionChoices(cible, typed);
    if (context.aborted || people.length === 0) return null;
    return { from: context.pos - typed.length, options: people.map((p) => ({ label: p.handle, detail: p.name, type: 'text', apply: `${p.handle} ` })), filter: false };
  };
}

let counter = 0;

/** Attaches the completion list to one textarea. */
export function attachMentions(area: HTMLTextAreaElement): void {
  const cible = area.dataset['mentions'];
  if (!cible || area.dataset['mentionsReady']) return;
  area.dataset['mentionsReady'] = 'true';
  const id = `mentions-${++counter}`;
  const list = document.createElement('ul');
  list.id = id;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Personnes à mentionner');
  list.className = 'mention-list';
  list.hidden = true;
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  area.after(list, status);
  area.setAttribute('aria-autocomplete', 'list');
  area.setAttribute('aria-controls', id);

  let people: MentionChoice[] = [];
  let active = -1;
  let from = -1;
  let pending: AbortController | undefined;

  const close = () => {
    list.hidden = true;
    people = [];
    active = -1;
    area.removeAttribute('aria-activedescendant');
  };
  const show = () => {
    list.replaceChildren(
      ...people.map((p, i) => {
        const li = document.createElement('li');
        li.id = `${id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.textContent = `${p.name} (@${p.handle})`;
        li.addEventListener('mousedown', (e) => {
          e.preventDefault(); // Keeps the focus (and the caret) in the textarea.
          insert(i);
        });
        return li;
      }),
    );
    list.hidden = people.length === 0;
    if (active >= 0) area.setAttribute('aria-activedescendant', `${id}-${active}`);
    else area.removeAttribute('aria-activedescendant');
  };
  const insert = (i: number) => {
    const person = people[i];
    if (!person || from < 0) return close();
    const end = area.selectionStart;
    area.setRangeText(`@${person.handle} `, from, end, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
    status.textContent = `${person.name} mentionné·e.`;
    close();
  };
  const update = async () => {
    const caret = area.selectionStart;
    const m = area.selectionEnd === caret ? trigger.exec(area.value.slice(Math.max(0, caret - 60), caret)) : null;
    if (!m) return close();
    from = caret - (m[1] ?? '').length - 1;
    pending?.abort();
    pending = new AbortController();
    const found = await fetchMentionChoices(cible, m[1] ?? '', pending.signal);
    if (pending.signal.aborted) return;
    people = found;
    active = people.length > 0 ? 0 : -1;
    show();
    status.textContent = people.length === 0 ? 'Personne à proposer.' : `${people.length} personne${people.length > 1 ? 's' : ''} proposée${people.length > 1 ? 's' : ''} : flèches pour choisir, Entrée pour insérer.`;
  };

  area.addEventListener('input', (e) => {
    // Our own insertion dispatches a plain Event: only typing (an InputEvent) asks again.
    if (e instanceof InputEvent) void update();
  });
  area.addEventListener('keydown', (e) => {
    if (list.hidden || people.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length;
      show();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(active < 0 ? 0 : active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  area.addEventListener('blur', close);
}

// Found on focus: textareas of forms shown later (a reply) work as well.
document.addEventListener('focusin', (e) => {
  if (e.target instanceof HTMLTextAreaElement && e.target.dataset['mentions']) attachMentions(e.target);
});
