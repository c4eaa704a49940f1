// Recordings on disk: `DIR/<Function>/<Test>.json`, pretty-printed so that they diff well.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { asRecording, type Recording, type RecordingStore } from '../../core/index.ts'

/** A name made safe as a file name (BAML names already are; anything else is percent-encoded). */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).replace(/^\./, '%2e')
}

export function recordingPath(dir: string, fn: string, test: string): string {
  return join(dir, safe(fn), `${safe(test)}.json`)
}

export function fileRecordingStore(dir: string): RecordingStore {
  return {
    async read(fn, test) {
      const path = recordingPath(dir, fn, test)
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') return undefined
        throw e
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (e) {
        throw new Error(`${path} is not valid JSON: ${(e as Error).message}`)
      }
      const rec = asRecording(parsed)
      if (!rec) throw new Error(`${path} is not a baml test recording`)
      return rec
    },
    async write(rec: Recording) {
      const path = recordingPath(dir, rec.function, rec.test)
      await mkdir(join(dir, safe(rec.function)), { recursive: true })
      // write then rename: a reader never sees half a file
      const tmp = `${path}.${process.pid}.tmp`
      await writeFile(tmp, JSON.stringify(rec, null, 2) + '\n')
      await rename(tmp, path)
    },
  }
}
