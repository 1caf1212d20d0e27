/**
 * The « nouvelle page » form with JavaScript: tag chips, the template and visibility following the
 * chosen type (until the person picks them), then creation with fetch and straight into the editor.
 */
import { csrfOf, errorMessage, postJson } from './editor-api.ts';
import { proposalPage } from './editor-save.ts';
import { enhanceTags, splitTags } from './editor-tags.ts';

/** Keeps a select or radio group in step with the type until the person changes it. */
function follow(form: HTMLFormElement, typeSelect: HTMLSelectElement): void {
  const template = form.querySelector<HTMLSelectElement>('[data-template-select]');
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="visibility"]')];
  let templateTouched = false;
  let visibilityTouched = false;
  template?.addEventListener('change', () => (templateTouched = true));
  for (const r of radios) r.addEventListener('change', () => (visibilityTouched = true));
  typeSelect.addEventListener('change', () => {
    const type = typeSelect.value;
    if (template && !templateTouched) {
      const match = [...template.options].find((o) => o.value === type) ?? [...template.options].find((o) => o.dataset['type'] === type);
      template.value = match?.value ?? '';
    }
    const wanted = typeSelect.selectedOptions[0]?.dataset['defaultVisibility'];
    if (!visibilityTouched && wanted) for (const r of radios) r.checked = r.value === wanted;
  });
}

function setup(form: HTMLFormElement): void {
  const statusEl = form.querySelector<HTMLElement>('[data-new-page-status]');
  const status = (text: string, tone?: 'error'): void => {
    if (!statusEl) return;
    statusEl.textContent = text;
    if (tone) statusEl.dataset['tone'] = tone;
    else delete statusEl.dataset['tone'];
  };
  const tagRoot = form.querySelector<HTMLElement>('[data-tag-editor]');
  const tags = tagRoot ? enhanceTags(tagRoot, () => undefined) : undefined;
  const typeSelect = form.querySelector<HTMLSelectElement>('[data-type-select]');
  if (typeSelect) follow(form, typeSelect);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    tags?.flush();
    const data = new FormData(form);
    const text = (k: string): string => {
      const value = data.get(k);
      return typeof value === 'string' ? value : '';
    };
    const title = text('title').trim();
    if (!title) return status('Donnez un titre à la page.', 'error');
    const template = text('template');
    const payload = {
      title,
      type: text('type'),
      tags: splitTags(text('tags')),
      ...(text('visibility') ? { visibility: text('visibility') } : {}),
      // No template means an empty page, not the type's default template.
      ...(template ? { template } : { body: '' }),
    };
    status('Création…');
    void postJson('/api/pages/create', payload, csrfOf(form)).then((answer) => {
      const result = answer.data as { url?: string; proposal?: { url?: string }; message?: string } | undefined;
      const proposal = proposalPage(answer.status, result);
      if (proposal) {
        status(result?.message ?? 'Votre proposition attend la relecture de l’équipe.');
        window.location.assign(proposal);
        return;
      }
      if (answer.status === 200 && typeof result?.url === 'string') {
        status('Page créée : ouverture de l’éditeur…');
        window.location.assign(`/modifier${result.url.slice('/wiki'.length)}`);
        return;
      }
      status(`Page non créée. ${errorMessage(answer)}`, 'error');
    });
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-new-page]');
if (form) setup(form);
