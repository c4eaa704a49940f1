// The REPL's public entry: `runRepl` drives a session over input/output streams (a terminal, a
// pipe, or streams in a test). The CLI's `baml repl` wires it to the process.
export { runRepl, type ReplOptions } from './repl.ts'
export { Session, type ProjectSource, type SessionOptions, type LoadOutcome } from './session.ts'
export { parseCommand, COMMANDS, InputError, type Command } from './commands.ts'
export { evaluate, type EvalContext, type Output, type LiveArea } from './evaluate.ts'
export { complete } from './complete.ts'
