/**
 * « Suivre / Ne plus suivre » without reloading the page: posts the form as JSON, flips the
 * button's words and the next value, and announces the new state. Without JavaScript the form
 * posts and comes back; on any failure the form is posted the plain way.
 */
import { csrfOf, postJson } from './editor-api.ts';

function field(form: HTMLFormElement, name: string): HTMLInputElement | undefined {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el : undefined;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-follow]')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    const follow = field(form, 'follow');
    const status = form.querySelector<HTMLElement>('[data-follow-status]');
    if (!button || !follow) return form.submit();
    const wanted = follow.value === 'true';
    button.disabled = true;
    void postJson('/api/follows', { kind: field(form, 'kind')?.value, target: field(form, 'target')?.value ?? '', follow: wanted }, csrfOf(form)).then((answer) => {
      button.disabled = false;
      if (answer.status !== 200) return form.submit();
      follow.value = wanted ? 'false' : 'true';
      button.textContent = wanted ? 'Ne plus suivre' : 'Suivre';
      button.dataset['following'] = String(wanted);
      if (status) status.textContent = wanted ? 'Suivi : vous serez notifié·e de ses changements.' : 'Vous ne suivez plus ceci.';
    });
  });
}
