// Timing and memory of whole processes, and the statistics the report prints.
// Wall time: hrtime around spawn..exit. Peak memory: the child's max RSS from GNU time
// (`/usr/bin/time -f %M`, kilobytes), which counts the process itself, not the benchmark. CPU
// time: its user + system seconds from the same GNU time, which a busy machine moves far less
// than wall time.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const GNU_TIME = '/usr/bin/time'
export const HAVE_GNU_TIME = existsSync(GNU_TIME)

/**
 * Run a command to completion. Returns { ms, maxRssKb, cpuMs, code, stdout, stderr }.
 * `check` (default true) throws when the exit code is not `okCodes`.
 */
export async function run(command, args, { cwd, env, input, okCodes = [0], check = true } = {}) {
  const rssFile = path.join(os.tmpdir(), `skillpub-bench-rss-${process.pid}-${Math.random().toString(16).slice(2)}`)
  const [file, argv] = HAVE_GNU_TIME ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args]
  const started = process.hrtime.bigint()
  const result = await new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd, env: env ?? process.env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    const out = []
    const err = []
    child.stdout.on('data', (chunk) => out.push(chunk))
    child.stderr.on('data', (chunk) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ ms, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
    })
    if (input !== undefined) child.stdin.end(input)
  })
  let maxRssKb
  let cpuMs
  if (HAVE_GNU_TIME && existsSync(rssFile)) {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n')
    const [rss, user, sys] = lines[lines.length - 1].split(' ').map(Number)
    maxRssKb = rss
    cpuMs = (user + sys) * 1000
    rmSync(rssFile, { force: true })
  }
  if (check && !okCodes.includes(result.code)) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stderr.slice(-2000)}\n${result.stdout.slice(-1000)}`)
  }
  return { ...result, maxRssKb, cpuMs }
}

/** A shell pipeline or loop, timed as one process tree (max RSS is that of the largest process). */
export function sh(script, options = {}) {
  return run('/bin/sh', ['-c', script], options)
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function stats(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length, values }
}

/**
 * Run every variant once per round, rounds times, alternating (A B C A B C ...), with the order
 * rotated each round so no variant always runs first (warm caches) or last. `variants` maps a
 * name to an async function returning { ms, maxRssKb, ... }; `before`/`after` (optional, per
 * variant) run outside the timing. Returns per variant the list of samples, and the ratios
 * `ratio(a, b)` are computed per round, so each ratio compares runs taken side by side.
 */
export async function alternate(variants, rounds, { warmup = 1, onSample } = {}) {
  const names = Object.keys(variants)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = -warmup; round < rounds; round++) {
    const order = names.map((_, k) => names[(k + Math.max(round, 0)) % names.length])
    for (const name of order) {
      const variant = variants[name]
      const measured = await (typeof variant === 'function' ? variant() : variant.run())
      if (round >= 0) {
        samples[name].push(measured)
        onSample?.(name, measured)
      }
    }
  }
  return samples
}

/** Per-round ratios numerator/denominator of the `ms` field (same round = same conditions). */
export function ratios(samples, numerator, denominator, field = 'ms') {
  return samples[numerator].map((sample, k) => sample[field] / samples[denominator][k][field])
}

export function summarize(samples, field = 'ms') {
  return stats(samples.map((sample) => sample[field]))
}

export function fmtMs(ms) {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`
  return `${Math.round(ms)} ms`
}

/** "1.23 s (1.20-1.31)" */
export function fmtStat(stat, unit = fmtMs) {
  return `${unit(stat.median)} (${unit(stat.min)}-${unit(stat.max)})`
}

export function fmtRatio(stat) {
  const digits = stat.median >= 10 ? 1 : 2
  return `${stat.median.toFixed(digits)}x (${stat.min.toFixed(digits)}-${stat.max.toFixed(digits)})`
}

export function fmtMb(kb) {
  return `${(kb / 1024).toFixed(0)} MB`
}
