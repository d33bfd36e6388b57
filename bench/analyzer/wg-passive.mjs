// Runs write-good's passive check alone over one file, the way a person
// would run the tool: the whole process is what bench/analyzer/run.sh
// times against `retake analyze` on the same text.
//
// usage: node wg-passive.mjs FILE
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

const require = createRequire(new URL('../passive-peers/', import.meta.url))
const writeGood = require('write-good')
const passiveOnly = {
  weasel: false, illusion: false, so: false, thereIs: false, adverb: false,
  tooWordy: false, cliches: false, eprime: false, passive: true
}
const hits = writeGood(readFileSync(process.argv[2], 'utf8'), passiveOnly)
console.log(hits.length)
