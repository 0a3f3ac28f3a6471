// What the store needs to read plans, loaded once activation is over (planStore.ts `ready`): the
// parser, the rules and the configuration's schema are most of the extension's code.
export { declaresPlanKind, parsePlanVersion } from '../core/parser';
export { getDefaultTemplate } from '../core/template';
export { defaultFolderSettings, loadFolderSettings, ruleSettings } from './folderSettings';
export { PlanVersion } from './planVersion';
