// A static host for a registry folder, as GitHub Pages serves a site: the folder's files under a
// path prefix (`/<repo>/` on Pages), files only, no listings, 404 for anything else. Dot-files
// are not served (Pages leaves them out of the artifact).
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { startServer, type TestServer } from './harness.js'

export async function startStaticFolder(root: string, prefix = '/'): Promise<TestServer> {
  return startServer(async (req, res) => {
    if (req.method !== 'GET' || !req.path.startsWith(prefix)) return res.send(404, 'Not Found')
    const parts = req.path.slice(prefix.length).split('/').map(decodeURIComponent)
    if (parts.some((part) => part === '' || part === '..' || part.startsWith('.') || part.includes('\\'))) return res.send(404, 'Not Found')
    const file = path.join(root, ...parts)
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) return res.send(404, 'Not Found')
    res.send(200, await readFile(file), { 'content-type': file.endsWith('.zip') ? 'application/zip' : 'application/octet-stream' })
  })
}
