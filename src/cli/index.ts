#!/usr/bin/env node
import { main } from './main.js'

void main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY)
}).then((code) => {
  process.exitCode = code
})
