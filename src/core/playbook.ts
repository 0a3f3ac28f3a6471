import playbookText from '../../templates/connector-playbook.md';

/** The playbook shipped with the extension and the CLI. */
export const PLAYBOOK_TEXT: string = playbookText;
