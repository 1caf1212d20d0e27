/**
 * The passages of a conflict, one by one: the merged file cut at its markers into common text and
 * the places both people changed, each shown side by side with a « texte retenu » to pick or
 * combine. The file put back in the editor never holds a marker: a passage not chosen yet keeps
 * both versions, so nothing typed by either person is dropped.
 */

/** A piece of the merged file: text both agree on, or a passage changed on both sides. */
export type MergedPart = { common: string } | { mine: string; theirs: string };

/**
 * Cuts a merged file at the markers `mergeText` writes (server/git/merge-text.ts); undefined when
 * they do not nest as it writes them, or the count differs from the server's.
 */
export function splitMerged(merged: string, expected?: number): MergedPart[] | undefined {
  const parts: MergedPart[] = [];
  let common: string[] = [];
  let side: 'mine' | 'theirs' | undefined;
  let mine: string[] = [];
  let theirs: string[] = [];
  for (const line of merged.split('\n')) {
    if (side === undefined && /^<{7}( |$)/.test(line)) {
      if (common.length > 0) parts.push({ common: common.join('\n') });
      common = [];
      side = 'mine';
    } else if (side === 'mine' && line === '=======') {
      side = 'theirs';
    } else if (side === 'theirs' && /^>{7}( |$)/.test(line)) {
      parts.push({ mine: mine.join('\n'), theirs: theirs.join('\n') });
      mine = [];
      theirs = [];
      side = undefined;
    } else if (side === 'mine') mine.push(line);
    else if (side === 'theirs') theirs.push(line);
    else common.push(line);
  }
  if (side !== undefined) return undefined;
  if (common.length > 0) parts.push({ common: common.join('\n') });
  const passages = parts.filter((p) => !('common' in p)).length;
  if (passages === 0 || (expected !== undefined && passages !== expected)) return undefined;
  return parts;
}

/** Joins the parts back into a file, each passage replaced by the text chosen for it. */
export function joinParts(parts: MergedPart[], chosen: string[]): string {
  let i = 0;
  const lines: string[] = [];
  for (const part of parts) {
    if ('common' in part) lines.push(part.common);
    else {
      const text = chosen[i++] ?? '';
      // A passage emptied on purpose leaves no blank line behind.
      if (text !== '') lines.push(text);
    }
  }
  return lines.join('\n');
}

/** Both versions of a passage, mine first: the choice made until the person picks one. */
export const bothSides = (part: { mine: string; theirs: string }): string => [part.mine, part.theirs].filter((t) => t !== '').join('\n');

/** The choice of each passage before the person picks: both versions. */
export function initialChoices(parts: MergedPart[]): string[] {
  return parts.flatMap((p) => ('common' in p ? [] : [bothSides(p)]));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Renders the passages into `list`; `onChange(chosen)` runs whenever a choice or an edit changes. */
export function renderPassages(list: HTMLElement, parts: MergedPart[], onChange: (chosen: string[]) => void): string[] {
  const passages = parts.filter((p): p is { mine: string; theirs: string } => !('common' in p));
  const chosen = initialChoices(parts);
  list.replaceChildren(
    ...passages.map((part, i) => {
      const n = i + 1;
      const item = element('li', 'conflict-passage');
      item.setAttribute('aria-label', `Passage ${n} sur ${passages.length}`);
      item.append(element('h3', '', `Passage ${n} sur ${passages.length}`));
      const columns = element('div', 'conflict-columns');
      for (const [title, text] of [['Votre version', part.mine], ['Version enregistrée entre-temps', part.theirs]] as const) {
        const column = element('section', 'conflict-side');
        column.append(element('h4', '', title), element('pre', 'conflict-text', text === '' ? '(passage supprimé)' : text));
        columns.append(column);
      }
      const label = element('label', 'conflict-choice-label', `Texte retenu pour le passage ${n} (modifiable, pour combiner les deux)`);
      const area = element('textarea', 'conflict-choice');
      area.id = `conflit-passage-${n}`;
      label.htmlFor = area.id;
      area.rows = Math.min(12, Math.max(3, chosen[i]!.split('\n').length + 1));
      area.value = chosen[i]!;
      const update = (text: string): void => {
        chosen[i] = text;
        onChange([...chosen]);
      };
      area.addEventListener('input', () => update(area.value));
      const actions = element('p', 'conflict-actions');
      for (const [name, text] of [['Garder ma version', part.mine], ['Garder la version enregistrée', part.theirs], ['Garder les deux', bothSides(part)]] as const) {
        const button = element('button', 'button button-secondary', name);
        button.type = 'button';
        button.setAttribute('aria-controls', area.id);
        button.addEventListener('click', () => {
          area.value = text;
          update(text);
        });
        actions.append(button);
      }
      item.append(columns, actions, label, area);
      return item;
    }),
  );
  return chosen;
}
