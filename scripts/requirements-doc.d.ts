export declare const REQUIREMENTS_DOC: string;
/** The whole document. */
export declare function renderRequirementsDoc(): string;
