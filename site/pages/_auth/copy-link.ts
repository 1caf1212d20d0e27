/** « Copier le lien »: buttons `data-copy="<input id>"` copy that input's value. Without JavaScript the buttons stay hidden and the link can be selected by hand. */

function announce(button: HTMLButtonElement, message: string): void {
  const status = document.getElementById(button.dataset['status'] ?? '');
  if (status) status.textContent = message;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const input = document.getElementById(button.dataset['copy'] ?? '');
  if (!(input instanceof HTMLInputElement)) continue;
  button.hidden = false;
  button.addEventListener('click', () => {
    input.select();
    // The Clipboard API needs a secure context (HTTPS or localhost); elsewhere the selected text is copied by hand.
    if (!navigator.clipboard) return announce(button, 'Lien sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).');
    navigator.clipboard.writeText(input.value).then(
      () => announce(button, 'Lien copié : collez-le dans votre message.'),
      () => announce(button, 'Copie impossible : le lien est sélectionné, copiez-le avec Ctrl+C (ou Cmd+C).'),
    );
  });
}
