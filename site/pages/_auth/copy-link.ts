/**
 * « Copier »: buttons `data-copy="<input id>"` copy that input's value and say so in the element
 * `data-status` names. `data-thing` names what is copied (`lien` by default, `jeton`…) and
 * `data-copied` the message once copied. Without JavaScript the buttons stay hidden and the text
 * can be selected by hand.
 */

function announce(button: HTMLButtonElement, message: string): void {
  const status = document.getElementById(button.dataset['status'] ?? '');
  if (status) status.textContent = message;
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const input = document.getElementById(button.dataset['copy'] ?? '');
  if (!(input instanceof HTMLInputElement)) continue;
  const thing = button.dataset['thing'] ?? 'lien';
  const Thing = thing.charAt(0).toUpperCase() + thing.slice(1);
  const copied = button.dataset['copied'] ?? 'Lien copié : collez-le dans votre message.';
  button.hidden = false;
  button.addEventListener('click', () => {
    input.select();
    // The Clipboard API needs a secure context (HTTPS or localhost); elsewhere the selected text is copied by hand.
    if (!navigator.clipboard) return announce(button, `${Thing} sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).`);
    navigator.clipboard.writeText(input.value).then(
      () => announce(button, copied),
      () => announce(button, `Copie impossible : le ${thing} est sélectionné, copiez-le avec Ctrl+C (ou Cmd+C).`),
    );
  });
}
