// Spring Security's CSRF token for a script's own requests: the layout puts the header's name and the
// token in <meta> tags, since the CSP allows no inline script to hand them over.

/** The header that carries the token, as fetch headers; none on a page without the tags. */
export function csrfHeaders() {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return header && token ? { [header.content]: token.content } : {};
}
