// Runs the peer passive-voice detectors (write-good and retext-passive)
// on Retake's labeled sentence set, then prints them side by side with
// Retake's own figures, read from the JSON file given as --ours.
//
// usage: node peers.mjs --corpus sentences.tsv --answer answer350.txt --ours ours.json [--bench analyze.txt]

import {readFileSync} from 'node:fs'
import {performance} from 'node:perf_hooks'
import {createRequire} from 'node:module'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import retextPassive from 'retext-passive'
import retextStringify from 'retext-stringify'

const require = createRequire(import.meta.url)
const writeGood = require('write-good')

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name)
  return i >= 0 ? process.argv[i + 1] : fallback
}

function readCorpus(path) {
  const rows = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const cols = line.split('\t')
    if (cols.length < 2 || (cols[0] !== '0' && cols[0] !== '1')) {
      throw new Error(`${path}: bad line ${JSON.stringify(line)}`)
    }
    rows.push({passive: cols[0] === '1', text: cols[1]})
  }
  return rows
}

// Only the passive check of write-good: every other check switched off.
const writeGoodPassiveOnly = {
  weasel: false, illusion: false, so: false, thereIs: false, adverb: false,
  tooWordy: false, cliches: false, eprime: false, passive: true
}

const retext = unified().use(retextEnglish).use(retextPassive).use(retextStringify)

const peers = [
  {name: 'write-good 1.0.8 (passive only)', flags: (t) => writeGood(t, writeGoodPassiveOnly).length > 0},
  {name: 'retext-passive 5.0.0', flags: (t) => retext.processSync(t).messages.length > 0}
]

function score(peer, rows, rounds) {
  const r = {name: peer.name, sentences: rows.length, tp: 0, fp: 0, fn: 0, tn: 0}
  for (const row of rows) {
    const got = peer.flags(row.text)
    if (got && row.passive) r.tp++
    else if (got) r.fp++
    else if (row.passive) r.fn++
    else r.tn++
  }
  const start = performance.now()
  for (let i = 0; i < rounds; i++) for (const row of rows) peer.flags(row.text)
  const ms = (performance.now() - start) / rounds
  r.total_ms = ms
  r.per_sentence_us = (ms * 1000) / rows.length
  return r
}

// perCallUs runs f for about half a second after a warm-up call.
function perCallUs(f) {
  f()
  let n = 0
  const start = performance.now()
  while (performance.now() - start < 500) {
    f()
    n++
  }
  return ((performance.now() - start) * 1000) / n
}

function metrics(r) {
  const p = r.tp + r.fp ? r.tp / (r.tp + r.fp) : 0
  const rec = r.tp + r.fn ? r.tp / (r.tp + r.fn) : 0
  const f1 = 2 * r.tp + r.fp + r.fn ? (2 * r.tp) / (2 * r.tp + r.fp + r.fn) : 0
  return {p, rec, f1}
}

const rows = readCorpus(arg('corpus', '../../scoring/passive/testdata/sentences.tsv'))
const answer = readFileSync(arg('answer', '../../scoring/passive/testdata/answer350.txt'), 'utf8')
const rounds = Number(arg('rounds', '20'))
const results = peers.map((p) => score(p, rows, rounds))
const oursPath = arg('ours', '')
if (oursPath) results.push(JSON.parse(readFileSync(oursPath, 'utf8')))

const pad = (s, n) => String(s).padEnd(n)
const num = (x, d) => x.toFixed(d).padStart(9)
console.log(`Passive voice on ${rows.length} labeled sentences (${rows.filter((r) => r.passive).length} passive)\n`)
console.log(pad('detector', 34) + '  precision   recall       F1   tp   fp   fn  total ms  us/sentence')
for (const r of results) {
  const m = metrics(r)
  console.log(
    pad(r.name, 34) + num(m.p, 3) + '  ' + num(m.rec, 3) + num(m.f1, 3) +
    String(r.tp).padStart(5) + String(r.fp).padStart(5) + String(r.fn).padStart(5) +
    num(r.total_ms, 2) + '  ' + num(r.per_sentence_us, 2)
  )
}

const words = answer.split(/\s+/).filter(Boolean).length
const wgUs = perCallUs(() => writeGood(answer, writeGoodPassiveOnly))
console.log(`\nOne ${words}-word answer (${arg('answer', 'answer350.txt')}):`)
console.log(pad("write-good's passive check alone", 46) + num(wgUs, 1) + ' us')
const rtUs = perCallUs(() => retext.processSync(answer))
console.log(pad('retext-passive (parse + check)', 46) + num(rtUs, 1) + ' us')
const ours = results.find((r) => r.answer_check_us !== undefined)
if (ours) {
  console.log(pad("retake's passive.Find alone", 46) + num(ours.answer_check_us, 1) + ' us')
  console.log(pad("retake's full scoring.Analyze", 46) + num(ours.answer_analyze_us, 1) + ' us')
}
