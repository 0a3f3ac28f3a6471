// The one DOM helper the webviews share (outside the toolkit, which builds its own elements).

/** A new element, with a class and text if given (text through textContent, never as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
