/** Keyboard and layout behaviours of the editor page: the toolbar's arrow keys, and write/preview tabs on narrow screens. */

/** ARIA toolbar: one tab stop, arrows, Home and End move between buttons. */
export function rovingToolbar(toolbar: HTMLElement): void {
  const buttons = (): HTMLButtonElement[] => [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  toolbar.addEventListener('keydown', (event) => {
    const list = buttons();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight' ? (at + 1) % list.length
      : event.key === 'ArrowLeft' ? (at - 1 + list.length) % list.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? list.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    for (const [i, b] of list.entries()) b.tabIndex = i === next ? 0 : -1;
    list[next]?.focus();
  });
  toolbar.addEventListener('focusin', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement)) return;
    for (const b of buttons()) b.tabIndex = b === target ? 0 : -1;
  });
}

/** Options of `splitOrTabs`. */
export interface SplitOrTabsOptions {
  /** The area holding both panes (gets `data-layout`). */
  area: HTMLElement;
  /** The tab list (shown on narrow screens). */
  tabs: HTMLElement;
  /** The writing pane. */
  write: HTMLElement;
  /** The preview pane. */
  preview: HTMLElement;
  /** Called when the preview becomes visible. */
  onShowPreview: () => void;
}

/** Side by side on wide screens; « Écrire » / « Aperçu » tabs otherwise. */
export function splitOrTabs({ area, tabs, write, preview, onShowPreview }: SplitOrTabsOptions): void {
  const wide = window.matchMedia('(min-width: 64rem)');
  const tabButtons = [...tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  let current: 'ecrire' | 'apercu' = 'ecrire';

  function select(name: 'ecrire' | 'apercu', focus = false): void {
    current = name;
    for (const b of tabButtons) {
      const on = b.dataset['tab'] === name;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    write.hidden = name !== 'ecrire';
    preview.hidden = name !== 'apercu';
    if (name === 'apercu') onShowPreview();
  }

  function apply(): void {
    if (wide.matches) {
      area.dataset['layout'] = 'split';
      tabs.hidden = true;
      write.hidden = false;
      preview.hidden = false;
      write.removeAttribute('role');
      preview.removeAttribute('role');
      onShowPreview();
    } else {
      area.dataset['layout'] = 'tabs';
      tabs.hidden = false;
      write.setAttribute('role', 'tabpanel');
      write.setAttribute('aria-labelledby', 'onglet-ecrire');
      preview.setAttribute('role', 'tabpanel');
      select(current);
    }
  }

  for (const b of tabButtons) {
    b.addEventListener('click', () => select(b.dataset['tab'] === 'apercu' ? 'apercu' : 'ecrire'));
    b.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      event.preventDefault();
      select(current === 'ecrire' ? 'apercu' : 'ecrire', true);
    });
  }
  wide.addEventListener('change', apply);
  apply();
}
