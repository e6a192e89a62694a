/**
 * Building DOM without HTML strings. Every text (domain and run names, log messages, config
 * values) goes through textContent, so nothing from an event or a config can become markup.
 */
type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  title?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function button(label: string, onClick: (event: MouseEvent) => void, options: ElementOptions = {}): HTMLButtonElement {
  const node = element('button', { ...options, text: label, attributes: { type: 'button', ...options.attributes } });
  node.addEventListener('click', onClick);
  return node;
}

export function select<T extends string>(options: readonly { value: T; label: string }[], selected: T, onChange: (value: T) => void, title: string): HTMLSelectElement {
  const node = element('select', { title, attributes: { 'aria-label': title } });
  for (const option of options) node.append(new Option(option.label, option.value, false, option.value === selected));
  node.addEventListener('change', () => onChange(node.value as T));
  return node;
}
