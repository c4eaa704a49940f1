// The names of the template engine's built-in global functions. The checker needs only the names;
// it imports them from here rather than from runtime.ts, which would bring the filters and their
// regex engine into every project load (`baml check` never renders).
export const BUILTIN_GLOBAL_NAMES = ['range', 'dict', 'namespace', 'debug'] as const

export type BuiltinGlobalName = (typeof BUILTIN_GLOBAL_NAMES)[number]
