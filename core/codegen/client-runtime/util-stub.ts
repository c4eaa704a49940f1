// Stands in for Node's `util` in the bundled client runtime: arcsecond asks it for TextEncoder and
// TextDecoder only where the platform lacks them, and every platform the client runs on has them.
export const TextEncoder = globalThis.TextEncoder
export const TextDecoder = globalThis.TextDecoder
