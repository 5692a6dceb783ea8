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
    const url = safeUrl(node.getAttribute('href'));
    if (!url) {
      // Not a link Haven shows: the words stay, the link goes.
      return document.createTextNode(node.textContent);
    }
    element.href = url;
    element.rel = 'noopener noreferrer nofollow';
    element.target = '_blank';
  }
  node.childNodes.forEach((child) => element.append(copy(child)));
  return element;
}

function safeUrl(href) {
  if (!href || !/^(https?:|mailto:)/i.test(href.trim())) {
    return null;
  }
  try {
    const url = new URL(href.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
