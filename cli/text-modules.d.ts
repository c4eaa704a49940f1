// Files imported as text (Bun inlines them when it bundles the CLI): the client runtime's bundle.
declare module '*.txt' {
  const text: string
  export default text
}
