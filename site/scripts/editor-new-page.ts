/**
 * The « nouvelle page » form with JavaScript: tag chips, and the template and visibility following
 * the chosen type (until the person picks them). The form itself stays a plain GET to the editor
 * step: nothing is written before the person saves their text there.
 */
import { enhanceTags } from './editor-tags.ts';

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
  const tagRoot = form.querySelector<HTMLElement>('[data-tag-editor]');
  const tags = tagRoot ? enhanceTags(tagRoot, () => undefined) : undefined;
  const typeSelect = form.querySelector<HTMLSelectElement>('[data-type-select]');
  if (typeSelect) follow(form, typeSelect);
  // The chips write the hidden tags field only on flush: do it before the browser reads the form.
  form.addEventListener('submit', () => tags?.flush());
}

const form = document.querySelector<HTMLFormElement>('form[data-new-page]');
if (form) setup(form);
