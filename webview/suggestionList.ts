// The list of suggestions under the "Enforced In" field: opened while typing or by Ctrl+Space,
// driven by the form's keyboard handler, and committing the picked value like typing would.
import type { ValueControl } from './toolkit';

/** Suggestions for "Enforced In" (the playbook's: a DB constraint, or app logic). */
const ENFORCEMENT_SUGGESTIONS = ['DB partial unique', 'DB unique', 'app'] as const;

/** A control the form commits on demand (see MappingForm.wireText). */
type CommittingControl = ValueControl & { commit?: () => void };

export class SuggestionList {
  readonly element: HTMLUListElement = document.createElement('ul');
  private target: { control: ValueControl; items: string[]; active: number } | undefined;

  constructor() {
    this.element.className = 'suggestions';
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', 'Suggestions for Enforced In');
    this.element.hidden = true;
  }

  /** Whether the list is showing. */
  get isOpen(): boolean {
    return this.target !== undefined && !this.element.hidden;
  }

  /** Shows the suggestions that match what the control holds (all of them with `all`) under it. */
  open(control: ValueControl, all: boolean): void {
    const typed = control.value.trim().toLowerCase();
    const items = ENFORCEMENT_SUGGESTIONS.filter((s) => all || (typed !== '' && s.toLowerCase().includes(typed) && s.toLowerCase() !== typed));
    if (items.length === 0) {
      this.close();
      return;
    }
    this.target = { control, items: [...items], active: 0 };
    this.element.replaceChildren(
      ...items.map((item, k) => {
        const li = document.createElement('li');
        if (k === 0) li.className = 'active';
        li.textContent = item;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(k === 0));
        li.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.pick(k);
        });
        return li;
      }),
    );
    const box = control.getBoundingClientRect();
    this.element.style.left = `${box.left + window.scrollX}px`;
    this.element.style.top = `${box.bottom + window.scrollY + 2}px`;
    this.element.style.minWidth = `${box.width}px`;
    this.element.hidden = false;
  }

  /** A key pressed while the list may be open: arrows move, Enter picks, Escape closes, Tab leaves it. True when the key was used. */
  handleKey(key: string): boolean {
    if (!this.isOpen) return false;
    if (key === 'ArrowDown' || key === 'ArrowUp') this.move(key === 'ArrowDown' ? 1 : -1);
    else if (key === 'Enter') this.pick();
    else if (key === 'Escape') this.close();
    else {
      if (key === 'Tab') this.close();
      return false;
    }
    return true;
  }

  /** Moves the highlight up or down, wrapping around. */
  move(delta: number): void {
    const target = this.target;
    if (!target) return;
    target.active = (target.active + delta + target.items.length) % target.items.length;
    [...this.element.children].forEach((li, k) => {
      li.classList.toggle('active', k === target.active);
      li.setAttribute('aria-selected', String(k === target.active));
    });
  }

  /** Puts the highlighted suggestion (or the one at `index`) into the control and commits it. */
  pick(index: number | undefined = this.target?.active): void {
    const target = this.target;
    if (!target || index === undefined) return;
    target.control.value = target.items[index] ?? target.control.value;
    this.close();
    (target.control as CommittingControl).commit?.();
    target.control.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.target = undefined;
  }
}
