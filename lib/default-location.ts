/** The article's region. Imports no framework: the configuration's stack targets read it in the tools too. */
export const DEFAULT_LOCATION = 'japaneast';
