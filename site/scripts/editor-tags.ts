/**
 * Tag chips over the comma-separated tags field: the field stays the one that is submitted, the
 * chips and the « ajouter » input only edit it. Existing tags are suggested by the datalist; its
 * options with `data-canonical` are old names, which snap to the tag they were renamed to.
 */
import { tagKey } from '../../server/wiki/paths.ts';

/** The enhanced tag field. */
export interface TagEditor {
  /** Replaces every tag. */
  set(tags: readonly string[]): void;
  /** Adds what is typed in the « ajouter » field but not added yet (before saving). */
  flush(): void;
}

/** Splits the comma-separated field. */
export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/**
 * The existing tag `typed` is a spelling of (case, accents, apostrophes, punctuation aside), else
 * `typed`; an old name in `aliases` (old name → current name) snaps to the current tag.
 */
export function snapTag(typed: string, existing: readonly string[], aliases: readonly AliasOption[] = []): string {
  const key = tagKey(typed);
  const renamed = aliases.find((a) => tagKey(a.from) === key)?.to;
  const wanted = renamed === undefined ? key : tagKey(renamed);
  return existing.find((o) => tagKey(o) === wanted) ?? renamed ?? typed;
}

/** An old tag name offered by the datalist, with the tag it now leads to. */
export interface AliasOption {
  /** The old name. */
  from: string;
  /** The current tag's name. */
  to: string;
}

/** Turns one `[data-tag-editor]` block into chips; `onChange` runs after each edit. */
export function enhanceTags(root: HTMLElement, onChange: () => void): TagEditor | undefined {
  const source = root.querySelector<HTMLInputElement>('[data-tag-source]');
  const enhanced = root.querySelector<HTMLElement>('[data-tag-enhanced]');
  const chips = root.querySelector<HTMLUListElement>('[data-tag-chips]');
  const input = root.querySelector<HTMLInputElement>('[data-tag-input]');
  const add = root.querySelector<HTMLButtonElement>('[data-tag-add]');
  const label = root.querySelector<HTMLLabelElement>('[data-tag-label]');
  if (!source || !enhanced || !chips || !input || !add) return undefined;
  const offered = [...root.querySelectorAll<HTMLOptionElement>('datalist option')];
  const options = offered.filter((o) => o.dataset['canonical'] === undefined).map((o) => o.value);
  const aliases = offered.flatMap((o) => (o.dataset['canonical'] === undefined ? [] : [{ from: o.value, to: o.dataset['canonical'] }]));

  const read = (): string[] => splitTags(source.value);
  const write = (tags: readonly string[]): void => {
    source.value = tags.join(', ');
    draw();
    onChange();
  };

  const list = chips;
  function draw(): void {
    list.replaceChildren(
      ...read().map((tag, i) => {
        const li = document.createElement('li');
        const text = document.createElement('span');
        text.textContent = tag;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '×';
        remove.setAttribute('aria-label', `Retirer l’étiquette « ${tag} »`);
        remove.addEventListener('click', () => {
          const tags = read();
          tags.splice(i, 1);
          write(tags);
          input?.focus();
        });
        li.append(text, remove);
        return li;
      }),
    );
  }

  function addTyped(): void {
    const typed = input?.value.trim() ?? '';
    if (!typed || !input) return;
    const tags = read();
    for (const part of splitTags(typed)) {
      // Snap to the existing spelling (« pole-emploi », « réunion d’équipe » → « Pôle Emploi »,
      // « réunion d'équipe »), and an old name to the current one (« Pôle Emploi » → « France
      // Travail »): one tag, one name in every list, instead of a near-twin.
      const existing = snapTag(part, options, aliases);
      if (!tags.some((t) => tagKey(t) === tagKey(existing))) tags.push(existing);
    }
    input.value = '';
    write(tags);
  }

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      addTyped();
    } else if (event.key === 'Backspace' && input.value === '') {
      const tags = read();
      if (tags.length > 0) write(tags.slice(0, -1));
    }
  });
  add.addEventListener('click', addTyped);

  source.hidden = true;
  source.type = 'hidden';
  enhanced.hidden = false;
  if (label) label.htmlFor = input.id;
  root.querySelector<HTMLElement>('[data-tag-hint]')?.setAttribute('hidden', '');
  draw();
  return { set: (tags) => write(tags), flush: addTyped };
}
