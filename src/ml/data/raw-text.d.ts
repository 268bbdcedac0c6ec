/**
 * Text files imported with Vite's `?raw` suffix (the shipped sentence files): their content as a
 * string. Declared here so the toolkit type-checks without Vite's client types, as it does in the
 * DOM-free check.
 */
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
