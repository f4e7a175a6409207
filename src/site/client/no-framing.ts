/**
 * Pages where a person types about themself (the letter) must not run inside
 * another site's frame, where an invisible overlay could make them click or
 * type without knowing. A static host such as GitHub Pages cannot send the
 * `Content-Security-Policy: frame-ancestors 'none'` header that really
 * forbids framing (browsers ignore `frame-ancestors` and `X-Frame-Options` in
 * a `<meta>`), so this script does what a page can do itself: when framed, it
 * replaces its content with a link that opens it in the whole window. A frame
 * sandboxed without scripts defeats it; only the header protects fully (see
 * DEVELOPERS.md).
 */
if (window.top !== window.self) {
  const notice = document.createElement('main');
  notice.setAttribute('data-framed-notice', '');
  const text = document.createElement('p');
  text.textContent = 'Cette page ne s’affiche pas à l’intérieur d’un autre site, pour protéger ce que vous y tapez. ';
  const link = document.createElement('a');
  link.href = window.location.href;
  link.target = '_top';
  link.rel = 'noopener';
  link.textContent = 'Ouvrir la page du courrier dans la fenêtre entière';
  text.append(link);
  notice.append(text);
  document.body.replaceChildren(notice);
}
