import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Write a report file where the user asked, creating the folders on the way (`out/skills.sarif`). */
export async function writeFileCreatingFolders(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, content)
}
