// Haven renders Markdown on the server with an allow-list sanitizer. The page checks again before
// inserting it: only these elements and http(s)/mailto links survive; anything else becomes its text.

const ALLOWED = new Set(['P', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'EM', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'A']);

export function safeFragment(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html || ''}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  parsed.body.childNodes.forEach((node) => out.append(copy(node)));
  return out;
}

function copy(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    return document.createTextNode(node.textContent);
  }
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return document.createTextNode('');
  }
  if (!ALLOWED.has(node.tagName)) {
    return document.createTextNode(node.textContent);
  }
  const element = document.createElement(node.tagName.toLowerCase());
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') || '';
    try {
      const url = new URL(href, location.href);
      if (['http:', 'https:', 'mailto:'].includes(url.protocol)) {
        element.href = url.href;
        element.rel = 'noopener noreferrer nofollow';
        element.target = '_blank';
      }
    } catch {
      // Not a URL: the text stays, the link goes.
    }
  }
  node.childNodes.forEach((child) => element.append(copy(child)));
  return element;
}
