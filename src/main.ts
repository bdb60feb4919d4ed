// The action's run(), where actions/typescript-action keeps it: src/index.ts (the bundle's entry)
// calls it, and @github/local-action imports it with the toolkit stubbed. The face itself lives in
// src/action/.
export { run } from './action/main.js'
