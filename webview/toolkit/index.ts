// The ONLY place that knows the component library (@vscode/webview-ui-toolkit 1.4.0, archived
// upstream). The form builds every control through these functions and listens only to standard
// DOM events (`input`, `change`, `click`, `keydown`); every control carries one of our classes
// (CONTROL_CLASS), which media/ CSS and the UI tests select (with ARIA roles) instead of the
// library's tag names. So moving to @vscode-elements is a change of this folder alone (README:
// "The webview's component library").
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeProgressRing, vsCodeTextField } from '@vscode/webview-ui-toolkit';

/** Our classes on each kind of control, whatever element the library makes for it. */
const CONTROL_CLASS = {
  /** Every text field and dropdown. */
  control: 'control',
  textField: 'text-field',
  dropdown: 'dropdown',
  button: 'button',
  badge: 'badge',
  progress: 'progress-ring',
} as const;

/** A control that holds a text value (text field or dropdown). */
export interface ValueControl extends HTMLElement {
  value: string;
}

/** Registers the components once, before any control is created; the page's element registry says whether they are. */
export function registerToolkit(): void {
  if (customElements.get('vscode-button')) return;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeDropdown(), vsCodeOption());
}

/** Registers the badge and the progress ring too (the dashboard's), before any is created; the form does without. */
export function registerStatusComponents(): void {
  registerToolkit();
  if (customElements.get('vscode-badge')) return;
  provideVSCodeDesignSystem().register(vsCodeBadge(), vsCodeProgressRing());
}

export interface TextFieldOptions {
  value: string;
  ariaLabel: string;
  placeholder?: string;
  maxLength?: number;
  readOnly?: boolean;
  /** Visible label text (rendered by the component above the field). */
  label?: string;
}

/** A one-line text field; emits `input` while typing and `change` on commit (Enter or blur). */
export function createTextField(options: TextFieldOptions): ValueControl {
  const field = document.createElement('vscode-text-field') as ValueControl;
  field.classList.add(CONTROL_CLASS.control, CONTROL_CLASS.textField);
  // The library's own minimum (100px) would overflow the form's narrow cells.
  field.style.setProperty('--input-min-width', '40px');
  field.setAttribute('aria-label', options.ariaLabel);
  if (options.placeholder) field.setAttribute('placeholder', options.placeholder);
  if (options.maxLength) field.setAttribute('maxlength', String(options.maxLength));
  if (options.readOnly) field.setAttribute('readonly', '');
  if (options.label) field.textContent = options.label;
  field.value = options.value;
  return field;
}

export interface DropdownChoice {
  value: string;
  label: string;
}

/** A dropdown of fixed choices; emits `change` when the user picks one. */
export function createDropdown(choices: readonly DropdownChoice[], selected: string, ariaLabel: string): ValueControl {
  const dropdown = document.createElement('vscode-dropdown') as ValueControl;
  dropdown.classList.add(CONTROL_CLASS.control, CONTROL_CLASS.dropdown);
  dropdown.style.setProperty('--input-min-width', '40px');
  dropdown.setAttribute('aria-label', ariaLabel);
  dropdown.append(...optionElements(choices, selected));
  return dropdown;
}

/** A dropdown's options, the selected one marked. */
function optionElements(choices: readonly DropdownChoice[], selected: string): HTMLElement[] {
  return choices.map((choice) => {
    const option = document.createElement('vscode-option');
    option.setAttribute('value', choice.value);
    option.textContent = choice.label;
    if (choice.value === selected) option.setAttribute('selected', '');
    return option;
  });
}

export interface ButtonOptions {
  /** Text of the button, or the glyph of an icon button. */
  text: string;
  /** Accessible name and tooltip. */
  title: string;
  appearance?: 'primary' | 'secondary' | 'icon';
}

/** A button; emits `click`. */
export function createButton(options: ButtonOptions): HTMLElement {
  const button = document.createElement('vscode-button');
  button.classList.add(CONTROL_CLASS.button);
  button.setAttribute('appearance', options.appearance ?? 'secondary');
  button.setAttribute('title', options.title);
  button.setAttribute('aria-label', options.title);
  button.textContent = options.text;
  return button;
}

/** Enables or disables a control or button. */
export function setDisabled(control: HTMLElement, disabled: boolean): void {
  if (disabled) control.setAttribute('disabled', '');
  else control.removeAttribute('disabled');
}

/** The caret of a text field (for moving between cells at its ends); undefined for other controls. */
export function caretOf(control: HTMLElement): { start: number; end: number; length: number } | undefined {
  const input = (control as HTMLElement & { control?: unknown }).control;
  if (!(input instanceof HTMLInputElement) || input.selectionStart === null || input.selectionEnd === null) return undefined;
  return { start: input.selectionStart, end: input.selectionEnd, length: input.value.length };
}

/** Whether an element is one of the text fields this folder creates. */
export function isTextField(element: Element): boolean {
  return element.localName === 'vscode-text-field';
}

/** Whether an element is one of the dropdowns this folder creates. */
export function isDropdown(element: Element): boolean {
  return element.localName === 'vscode-dropdown';
}

/** Whether a dropdown's list is open (its arrow keys then belong to it). */
export function isDropdownOpen(element: Element): boolean {
  return isDropdown(element) && (element as HTMLElement & { open?: boolean }).open === true;
}

/** A count shown as a badge (the dashboard's number of plans); its text is the accessible name. */
export function createBadge(text: string, title: string): HTMLElement {
  const badge = document.createElement('vscode-badge');
  badge.classList.add(CONTROL_CLASS.badge);
  badge.setAttribute('title', title);
  badge.textContent = text;
  return badge;
}

/** An indeterminate progress ring, for work of unknown length (reading the plans). */
export function createProgressRing(ariaLabel: string): HTMLElement {
  const ring = document.createElement('vscode-progress-ring');
  ring.classList.add(CONTROL_CLASS.progress);
  ring.setAttribute('aria-label', ariaLabel);
  return ring;
}

/** Replaces a dropdown's choices and its selection, for choices that follow the data (the statuses present). */
export function setDropdownChoices(dropdown: ValueControl, choices: readonly DropdownChoice[], selected: string): void {
  dropdown.replaceChildren(...optionElements(choices, selected));
  dropdown.value = selected;
}
