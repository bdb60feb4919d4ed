export const id = 10;
export const ids = [10];
export const modules = {

/***/ 10:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YP: () => (/* binding */ SKILL_PROJECT),
  PN: () => (/* binding */ buildPackage),
  ci: () => (/* binding */ packageFileName)
});

// UNUSED EXPORTS: artifactoryPath, skillProjectToml, tomlString, withSkillProject

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/package/errors.ts
var errors = __webpack_require__(905);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/core/package/hash.ts


/**
 * Files up to this size are read in one call instead of streamed: most skill files are a few KB,
 * and a read stream per file costs more (objects, events, syscalls) than the bytes themselves.
 */
const SMALL_FILE_BYTES = 1024 * 1024;
/** Larger files are hashed through one buffer of this size, reused from read to read. */
const HASH_CHUNK_BYTES = 64 * 1024;
/**
 * The whole file when it holds at most `listedSize` bytes (itself at most `SMALL_FILE_BYTES`), else
 * undefined: the file grew since it was listed, so the caller streams it. The buffer is sized from
 * the listing, never a fixed megabyte per file. One open, one or two reads, one close.
 */
async function readSmallFile(path, listedSize) {
    const limit = Math.min(listedSize, SMALL_FILE_BYTES);
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(limit + 1);
        let filled = 0;
        while (filled <= limit) {
            const { bytesRead } = await handle.read(buffer, filled, limit + 1 - filled, filled);
            if (bytesRead === 0)
                return buffer.subarray(0, filled);
            filled += bytesRead;
        }
        return undefined;
    }
    finally {
        await handle.close();
    }
}
function sha256Bytes(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}
/**
 * Lowercase hex SHA-256 of a file. A file listed as small (`listedSize`) is read in one call;
 * anything larger is read through one reused buffer, so hashing a large file holds 64 KB and
 * leaves no garbage behind (a read stream allocates a fresh chunk per read, and those chunks pile
 * up as external memory until V8 next collects: tens of MB for a large skill).
 */
async function sha256File(path, listedSize) {
    if (listedSize !== undefined && listedSize <= SMALL_FILE_BYTES) {
        const bytes = await readSmallFile(path, listedSize);
        if (bytes)
            return { sha256: sha256Bytes(bytes), size: bytes.length };
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
        let size = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
            if (bytesRead === 0)
                return { sha256: hash.digest('hex'), size };
            hash.update(buffer.subarray(0, bytesRead));
            size += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
}
function sha256Text(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** The first `length` bytes of a file (fewer when it is shorter). */
async function readHead(path, length) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
}

// EXTERNAL MODULE: ./src/core/package/rules.ts
var package_rules = __webpack_require__(5891);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/core/package/walk.ts
// Walks one skill folder and decides, entry by entry, what may be packaged. Nothing is read here
// except ignore files and `.npmrc`: sizes come from lstat/stat, so an oversized file is refused
// before a single byte of it is read.





/** Reads `.gitignore`, `.clawhubignore` (and its legacy name) and `.skillignore` at the skill root. */
async function loadIgnoreRules(root) {
    const rules = ignore_default()();
    for (const name of package_rules/* IGNORE_FILES */.hJ) {
        try {
            rules.add((await (0,promises_.readFile)((0,external_node_path_.join)(root, name), 'utf8')).split(/\r?\n/));
        }
        catch (error) {
            if (!isMissing(error))
                throw error;
        }
    }
    return (path, isDir) => {
        try {
            return rules.ignores(isDir ? `${path}/` : path);
        }
        catch {
            // `ignore` throws on paths it considers invalid; such names are refused later anyway.
            return false;
        }
    };
}
/** The executable bit is the only permission that survives packaging; everything else is fixed. */
function archiveMode(stats) {
    return stats.mode & 0o100 ? 0o755 : 0o644;
}
// Large enough for any real `.npmrc`, small enough that a mislabelled file is never read whole.
const NPMRC_READ_LIMIT = 64 * 1024;
async function walkSkill(root, options) {
    const ignored = await loadIgnoreRules(root);
    const candidates = [];
    const problems = [];
    /** Is a path inside the skill one that would never be packaged? (Used for symlink targets.) */
    const isExcludedPath = (path) => {
        const segments = path.split('/');
        return segments.some((segment, i) => {
            const prefix = segments.slice(0, i + 1).join('/');
            return (0,package_rules/* isDotName */.LE)(segment) || (0,package_rules/* isAlwaysExcluded */.UI)(segment) || ignored(prefix, i < segments.length - 1);
        });
    };
    const addFile = (path, absolutePath, stats) => {
        if (stats.size > options.maxFileBytes) {
            problems.push({ kind: 'too-large', path, detail: `${stats.size} bytes, limit ${options.maxFileBytes}` });
            return;
        }
        candidates.push({ path, absolutePath, size: stats.size, mode: archiveMode(stats) });
        if (candidates.length > options.maxFiles) {
            throw new errors/* PackageError */.J(`Cannot package the skill in ${root}: it holds more than ${options.maxFiles} files. ` +
                'List generated or vendored folders in .skillignore, or raise the file-count limit.', root);
        }
    };
    const visitDotFile = async (entry, path, absolutePath) => {
        // Dot-files are never packaged, but a secret-looking one that no ignore file covers is most
        // likely committed to git (in CI the folder is a checkout): tell the person rather than stay quiet.
        if (!entry.isFile() || ignored(path, false) || options.secretAllowed(path))
            return;
        if ((0,package_rules/* looksLikeSecret */.WW)(entry.name)) {
            problems.push({ kind: 'secret', path, detail: 'never packaged as a dot-file, but it should not be in the skill folder' });
        }
        else if (entry.name === '.npmrc' && (await npmrcHasToken(absolutePath))) {
            problems.push({ kind: 'secret', path, detail: 'holds an _authToken' });
        }
    };
    const visitSymlink = async (path, absolutePath) => {
        let target;
        try {
            target = await (0,promises_.realpath)(absolutePath);
        }
        catch (error) {
            problems.push({ kind: 'symlink-broken', path, detail: `${await (0,promises_.readlink)(absolutePath).catch(() => '?')}: ${errorCode(error)}` });
            return;
        }
        const targetPath = insidePath(root, target);
        if (targetPath === undefined) {
            problems.push({ kind: 'symlink-escape', path, detail: `points to ${await (0,promises_.readlink)(absolutePath)}` });
            return;
        }
        const stats = await (0,promises_.stat)(target);
        if (stats.isDirectory()) {
            problems.push({ kind: 'symlink-folder', path, detail: `points to ${targetPath || '.'}` });
            return;
        }
        if (!stats.isFile()) {
            options.onSkipped?.(path, 'a link to something that is not a regular file');
            return;
        }
        // Storing the target's bytes must not smuggle in what the rules keep out (`notes.txt -> .env`).
        if (isExcludedPath(targetPath) || (0,package_rules/* looksLikeSecret */.WW)(baseName(targetPath))) {
            problems.push({ kind: 'symlink-escape', path, detail: `points to ${targetPath}, which is never packaged` });
            return;
        }
        addFile(path, target, stats);
    };
    const visitDir = async (dir, prefix) => {
        const entries = (await (0,promises_.readdir)(dir, { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name));
        for (const entry of entries) {
            const path = prefix ? `${prefix}/${entry.name}` : entry.name;
            const absolutePath = (0,external_node_path_.join)(dir, entry.name);
            if ((0,package_rules/* isDotName */.LE)(entry.name)) {
                await visitDotFile(entry, path, absolutePath);
                continue;
            }
            if ((0,package_rules/* isAlwaysExcluded */.UI)(entry.name))
                continue;
            if (entry.isDirectory() && options.excludedDirs.has(absolutePath))
                continue;
            if (ignored(path, entry.isDirectory()))
                continue;
            const unsafe = (0,package_rules/* unsafeEntryReason */.Xj)(path);
            if (unsafe) {
                problems.push({ kind: 'unsafe-name', path: JSON.stringify(path), detail: unsafe });
                continue;
            }
            if ((0,package_rules/* looksLikeSecret */.WW)(entry.name) && !options.secretAllowed(path)) {
                problems.push({ kind: 'secret', path });
                continue;
            }
            if (entry.isSymbolicLink()) {
                await visitSymlink(path, absolutePath);
            }
            else if (entry.isDirectory()) {
                await visitDir(absolutePath, path);
            }
            else if (entry.isFile()) {
                addFile(path, absolutePath, await (0,promises_.lstat)(absolutePath));
            }
            else {
                options.onSkipped?.(path, 'not a regular file (device, socket or pipe)');
            }
        }
    };
    await visitDir(root, '');
    return { candidates, problems };
}
async function npmrcHasToken(path) {
    const stats = await (0,promises_.lstat)(path);
    if (stats.size > NPMRC_READ_LIMIT)
        return true; // too big to be a plain .npmrc: be safe
    return (0,package_rules/* npmrcHoldsToken */.yj)(await (0,promises_.readFile)(path, 'utf8'));
}
/** `target`'s path relative to `root` with `/`, or undefined when it is outside. */
function insidePath(root, target) {
    const rel = (0,external_node_path_.relative)(root, target);
    if (rel === '')
        return '';
    if (rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_.sep).join('/');
}
/** Plain UTF-16 code-unit order, the same on every machine and locale (unlike localeCompare). */
function compareCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function baseName(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
function isMissing(error) {
    const code = errorCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR';
}
function errorCode(error) {
    return error?.code;
}

;// CONCATENATED MODULE: ./src/core/package/files.ts
// What goes into a skill's package, checked in full before anything is written: SKILL.md present,
// no secrets, no unsafe names, no links out of the skill, sizes and counts within the limits.
//
// Decisions (tested in __tests__/package/files.test.ts):
// - Dot-files and dot-folders, `node_modules`, `__pycache__`, `*.pyc`, `.DS_Store`, patterns from
//   `.gitignore`, `.clawhubignore` (and legacy `.clawdhubignore`) and `.skillignore` at the skill
//   root, and the `exclude` folders are left out, in every flavour.
// - Symlinks: a link to a regular file inside the skill stores the target's bytes under the link's
//   name (what a reader of the skill sees when it opens the link). A link that
//   leaves the skill, dangles, loops, or points at a file the rules keep out is refused, naming
//   it. Links to folders are refused too: following them buys nothing (the target is inside the
//   skill, so already packaged) and costs loops; refusing makes loops impossible by construction.
// - Secrets (`.env*`, `*.pem`, `*.key`, `id_rsa*`, `*.p12`, `*.pfx`, `.npmrc` with `_authToken`)
//   are refused, naming them, unless an `allowSecrets` pattern allows them. A secret-looking
//   dot-file would never be packaged, yet it is refused too unless an ignore file covers it: in
//   CI the folder is a git checkout, so its presence means it is committed, and a person would
//   rather be told. Templates (`.env.example`, `.sample`, `.template`, `.dist`) are not secrets.
// - The clawhub flavour is the list the official client uploads: no `skill-card.md`, and only
//   text files (the server accepts nothing else); other files are reported through `onSkipped`.






/** The files of one skill, hashed and sorted by path (code-unit order). Throws `PackageError`. */
async function listPackageFiles(skillDir, options) {
    const root = await resolveSkillRoot(skillDir);
    const { candidates, problems } = await walkSkill(root, {
        maxFileBytes: options.limits.maxFileBytes,
        maxFiles: options.limits.maxFiles,
        excludedDirs: await realFolders(options.exclude ?? []),
        secretAllowed: (0,package_rules/* secretAllowance */.Hp)(options.allowSecrets),
        onSkipped: options.onSkipped
    });
    if (!candidates.some(file => file.path === 'SKILL.md')) {
        throw new errors/* PackageError */.J(`Cannot package the skill in ${root}: there is no SKILL.md at its root (or an ignore file ` +
            'or a rule above leaves it out). A skill folder must hold SKILL.md.', root, ['SKILL.md']);
    }
    if (problems.length > 0)
        throw (0,errors/* problemsError */.$)(root, problems);
    checkSkillSize(root, candidates, options.limits.maxSkillBytes);
    const selected = options.flavour === 'clawhub' ? await clawhubSelection(candidates, options.onSkipped) : candidates;
    const files = await hashAll(root, selected, options.limits.maxFileBytes);
    return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}
async function resolveSkillRoot(skillDir) {
    try {
        const root = await (0,promises_.realpath)((0,external_node_path_.resolve)(skillDir));
        if ((await (0,promises_.stat)(root)).isDirectory())
            return root;
    }
    catch (error) {
        if (!isMissing(error))
            throw error;
    }
    throw new errors/* PackageError */.J(`Cannot package the skill in ${skillDir}: it is not a folder.`, skillDir);
}
async function realFolders(folders) {
    const real = await Promise.all(folders.map(folder => (0,promises_.realpath)((0,external_node_path_.resolve)(folder)).catch(() => (0,external_node_path_.resolve)(folder))));
    return new Set(real);
}
function checkSkillSize(root, candidates, maxSkillBytes) {
    const total = candidates.reduce((sum, file) => sum + file.size, 0);
    if (total <= maxSkillBytes)
        return;
    const largest = [...candidates].sort((a, b) => b.size - a.size).slice(0, 5);
    throw new errors/* PackageError */.J(`Cannot package the skill in ${root}: its files add up to ${total} bytes, over the limit of ` +
        `${maxSkillBytes}. The largest: ${largest.map(f => `${f.path} (${f.size} bytes)`).join(', ')}. ` +
        'List what the skill does not need in .skillignore, or raise the limit.', root, largest.map(f => f.path));
}
async function clawhubSelection(candidates, onSkipped) {
    const selected = [];
    for (const file of candidates) {
        if ((0,package_rules/* isSkillCard */.IV)(file.path))
            continue;
        const verdict = (0,package_rules/* clawhubTextVerdict */.PG)(file.path);
        // An unreadable file stays in, so that hashing reports it with the others.
        const text = verdict === 'text' || (verdict === 'sniff' && (await sniffText(file.absolutePath)));
        if (text)
            selected.push(file);
        else
            onSkipped?.(file.path, 'not a text file: ClawHub accepts text files only');
    }
    return selected;
}
async function sniffText(path) {
    try {
        return (0,package_rules/* looksLikeText */.nw)(await readHead(path, package_rules/* TEXT_SNIFF_BYTES */.B));
    }
    catch {
        return true;
    }
}
async function hashAll(root, candidates, maxFileBytes) {
    const files = [];
    const problems = [];
    // One file at a time: bounded memory and file handles, and a skill is small next to the upload.
    for (const file of candidates) {
        try {
            const { sha256, size } = await sha256File(file.absolutePath, file.size);
            // A file that grew since lstat is judged by what was actually read.
            if (size > maxFileBytes)
                problems.push({ kind: 'too-large', path: file.path, detail: `${size} bytes, limit ${maxFileBytes}` });
            else
                files.push({ path: file.path, absolutePath: file.absolutePath, size, mode: file.mode, sha256 });
        }
        catch (error) {
            problems.push({ kind: 'unreadable', path: file.path, detail: errorCode(error) ?? String(error) });
        }
    }
    if (problems.length > 0)
        throw (0,errors/* problemsError */.$)(root, problems);
    return files;
}

;// CONCATENATED MODULE: ./src/core/package/fingerprint.ts


/**
 * The ClawHub bundle fingerprint (REGISTRIES.md §2), byte-for-byte what the official client and
 * server compute: `skill-card.md` left out, files sorted with `localeCompare` (NOT the code-unit
 * order of our zip entries: the two orders differ for `B.md` / `a.md` / `_x.md` / `ä.md`), then
 * SHA-256 of the `path:sha256` lines joined by "\n".
 */
function computeFingerprint(files) {
    const payload = files
        .filter(file => !(0,package_rules/* isSkillCard */.IV)(file.path))
        .map(file => ({ path: file.path, sha256: file.sha256 }))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map(file => `${file.path}:${file.sha256}`)
        .join('\n');
    return (0,external_node_crypto_.createHash)('sha256').update(payload, 'utf8').digest('hex');
}

// EXTERNAL MODULE: ./node_modules/archiver/index.js + 32 modules
var archiver = __webpack_require__(79);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/core/package/zip.ts
// A deterministic zip: the same files give the same bytes on any machine, checkout, umask and run.
//
// - Entries in UTF-16 code-unit order of their paths (JavaScript's default string order, locale-free;
//   it equals byte order for every character below U+E000), files only, no folder entries.
// - One timestamp for every entry, 1980-01-01T00:00:00 (the DOS epoch, zip's earliest time).
//   zip-stream converts dates in UTC unless `forceLocalTime`, so the time zone cannot leak in.
// - Modes 0644, or 0755 when the owner-execute bit was set; "made by" Unix so unzip applies them.
// - No extra fields: zip-stream (compress-commons 7) writes none except ZIP64 records, which only
//   appear past 4 GiB, far over any skill limit. No comments.
// - Deflate at a fixed level (9), streamed with data descriptors. The deflate bytes come from the
//   zlib built into Node; a Node release with a different zlib may compress differently, which is
//   why registries compare the ClawHub fingerprint (over file contents) rather than zip checksums.
//
// Files go in one at a time (never the whole skill in memory; files over 1 MB are streamed) and
// are hashed on the way: a file that changed since it was listed fails the build instead of shipping bytes nobody hashed.










const ZIP_TIMESTAMP = new Date('1980-01-01T00:00:00Z');
const DEFLATE_LEVEL = 9;
/** Thrown when the inputs of a zip are wrong (unsafe or duplicate names, files changed while zipping). */
class ZipInputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ZipInputError';
    }
}
/** Hashes (and counts) whatever flows through. */
class DigestStream extends external_node_stream_.Transform {
    sha256 = (0,external_node_crypto_.createHash)('sha256');
    sha1 = (0,external_node_crypto_.createHash)('sha1');
    size = 0;
    _transform(chunk, _encoding, callback) {
        this.sha256.update(chunk);
        this.sha1.update(chunk);
        this.size += chunk.length;
        callback(null, chunk);
    }
    /** Call once the stream has ended. */
    digest() {
        return { size: this.size, sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex') };
    }
}
/**
 * Writes `files` as a deterministic zip at `destination`, atomically: a temporary file in the same
 * folder, renamed into place once complete, so a reader never sees half a zip.
 */
async function writeDeterministicZip(files, destination) {
    const entries = checkedEntries(files);
    const temporary = (0,external_node_path_.join)((0,external_node_path_.dirname)(destination), `.${(0,external_node_path_.basename)(destination)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    const archive = new archiver/* ZipArchive */.SJ({ zlib: { level: DEFLATE_LEVEL } });
    const zipDigest = new DigestStream();
    const written = (0,external_node_stream_promises_.pipeline)(archive, zipDigest, (0,external_node_fs_.createWriteStream)(temporary, { flags: 'wx', mode: 0o644 }));
    // Observed below; until then a failure must not surface as an unhandled rejection.
    written.catch(() => undefined);
    try {
        for (const file of entries) {
            // Small files go in as one Buffer (no read stream per file); the bytes are identical, as
            // deflate output does not depend on how its input was cut. Empty files keep the stream
            // path: zip-stream would store an empty Buffer instead of deflating it, changing the bytes.
            const small = file.content === undefined && file.size > 0 && file.size <= SMALL_FILE_BYTES ? await readSmallFile(file.absolutePath, file.size) : undefined;
            if (small && small.length > 0) {
                const sha256 = sha256Bytes(small);
                if (sha256 !== file.sha256) {
                    throw new ZipInputError(`${file.path} changed while it was being packaged (sha256 ${file.sha256} listed, ${sha256} read); run again`);
                }
                await appendEntry(archive, small, file);
                continue;
            }
            const contentDigest = new DigestStream();
            const source = file.content !== undefined ? external_node_stream_.Readable.from([Buffer.from(file.content, 'utf8')]) : (0,external_node_fs_.createReadStream)(file.absolutePath);
            // pipe() does not forward a read error, and archiver would wait for the entry forever:
            // race the read error against the entry instead.
            const readFailed = new Promise((_resolve, reject) => source.once('error', reject));
            readFailed.catch(() => undefined);
            await Promise.race([appendEntry(archive, source.pipe(contentDigest), file), readFailed]);
            const { sha256 } = contentDigest.digest();
            if (sha256 !== file.sha256) {
                throw new ZipInputError(`${file.path} changed while it was being packaged (sha256 ${file.sha256} listed, ${sha256} read); run again`);
            }
        }
        await archive.finalize();
        await written;
        await (0,promises_.rename)(temporary, destination);
        return zipDigest.digest();
    }
    catch (error) {
        // abort() alone leaves the pipeline pending; destroying it settles it. Late errors from
        // archiver's queue must not surface as uncaught once the pipeline has let go.
        archive.on('error', () => undefined);
        archive.destroy(error);
        await written.catch(() => undefined);
        await (0,promises_.unlink)(temporary).catch(() => undefined);
        throw error;
    }
}
function checkedEntries(files) {
    const entries = [...files].sort((a, b) => compareCodeUnits(a.path, b.path));
    entries.forEach((file, i) => {
        const unsafe = (0,package_rules/* unsafeEntryReason */.Xj)(file.path);
        if (unsafe)
            throw new ZipInputError(`Refusing zip entry ${JSON.stringify(file.path)}: ${unsafe}`);
        if (i > 0 && entries[i - 1].path === file.path)
            throw new ZipInputError(`Duplicate zip entry ${JSON.stringify(file.path)}`);
    });
    return entries;
}
/** Appends one entry and waits until archiver has consumed it, so only one file is open at a time. */
function appendEntry(archive, source, file) {
    return new Promise((resolve, reject) => {
        const onEntry = () => {
            archive.off('error', onError);
            resolve();
        };
        const onError = (error) => {
            archive.off('entry', onEntry);
            reject(error);
        };
        archive.once('entry', onEntry);
        archive.once('error', onError);
        archive.append(source, { name: file.path, date: ZIP_TIMESTAMP, mode: file.mode === 0o755 ? 0o755 : 0o644 });
    });
}

;// CONCATENATED MODULE: ./src/core/package/build.ts
// One skill, one flavour, one zip: list the files, add what the flavour needs, write the zip,
// and return every digest a registry or a report asks for.
//
// Flavours (REGISTRIES.md):
// - fastskill: the skill's files at the zip root, plus a generated `skill-project.toml` when the
//   skill has none (the server needs `[metadata] id` and `version`).
// - artifactory: the layout `jf skills publish` deploys: files relative to the skill root, same
//   deterministic zip. Stored in the repository at `artifactoryPath(slug, version)`.
// - clawhub: the file list the official client uploads (text files, no skill-card.md); the zip
//   holds the same files, for the artifact output and the digests.
// Every flavour's zip is named `{name}-{version}.zip` (the slug is the skill name).









const SKILL_PROJECT = 'skill-project.toml';
function packageFileName(name, version) {
    return `${name}-${version}.zip`;
}
/** Where `jf skills publish` puts a version inside an Artifactory skills repository. */
function artifactoryPath(slug, version) {
    return `${slug}/${version}/${packageFileName(slug, version)}`;
}
async function buildPackage(skill, options) {
    checkFileNamePart(skill, 'name', skill.name);
    checkFileNamePart(skill, 'version', skill.version);
    const outDir = (0,external_node_path_.resolve)(options.outDir);
    await (0,promises_.mkdir)(outDir, { recursive: true });
    const listed = await listPackageFiles(skill.dir, {
        flavour: options.flavour,
        limits: options.limits,
        allowSecrets: options.allowSecrets,
        exclude: [...(options.exclude ?? []), outDir],
        onSkipped: options.onSkipped
    });
    const files = options.flavour === 'fastskill' ? withSkillProject(listed, skill) : listed;
    const fileName = packageFileName(skill.name, skill.version);
    const zipPath = (0,external_node_path_.join)(outDir, fileName);
    const zip = await writeDeterministicZip(files, zipPath);
    return {
        name: skill.name,
        version: skill.version,
        flavour: options.flavour,
        skillPath: skill.path,
        skillDir: (0,external_node_path_.resolve)(skill.dir),
        fileName,
        zipPath,
        size: zip.size,
        sha256: zip.sha256,
        sha1: zip.sha1,
        fingerprint: computeFingerprint(files),
        files
    };
}
/** FastSkill's server reads id and version from `skill-project.toml`; a skill's own file wins. */
function withSkillProject(files, skill) {
    if (files.some(file => file.path === SKILL_PROJECT))
        return files;
    const content = skillProjectToml(skill.name, skill.version);
    const generated = {
        path: SKILL_PROJECT,
        absolutePath: (0,external_node_path_.join)((0,external_node_path_.resolve)(skill.dir), SKILL_PROJECT),
        size: Buffer.byteLength(content, 'utf8'),
        mode: 0o644,
        sha256: sha256Text(content),
        content
    };
    return [...files, generated].sort((a, b) => compareCodeUnits(a.path, b.path));
}
function skillProjectToml(name, version) {
    return `[metadata]\nid = ${tomlString(name)}\nversion = ${tomlString(version)}\n`;
}
/** A TOML basic string: quotes, backslashes and control characters escaped. */
function tomlString(value) {
    const named = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    // eslint-disable-next-line no-control-regex
    const escaped = value.replace(/["\\\u0000-\u001f\u007f]/g, ch => named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `"${escaped}"`;
}
function checkFileNamePart(skill, what, value) {
    const unsafe = (0,package_rules/* unsafeEntryReason */.Xj)(value) ?? (value.includes('/') ? 'slash in name' : undefined);
    if (unsafe) {
        throw new errors/* PackageError */.J(`Cannot package the skill in ${skill.dir}: its ${what} ${JSON.stringify(value)} cannot be part of a file name (${unsafe}).`, skill.dir);
    }
}


/***/ }),

/***/ 905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ problemsError),
/* harmony export */   J: () => (/* binding */ PackageError)
/* harmony export */ });
/**
 * A skill folder that cannot be packaged as it is. The message names the skill folder, every
 * offending file and what to do, so one run shows every problem instead of one per attempt.
 */
class PackageError extends Error {
    skillDir;
    files;
    constructor(message, skillDir, 
    /** Paths (relative to the skill folder) the message is about. */
    files = []) {
        super(message);
        this.skillDir = skillDir;
        this.files = files;
        this.name = 'PackageError';
    }
}
const ADVICE = {
    secret: {
        title: 'files that look like secrets',
        fix: 'delete them, list them in .skillignore (or .gitignore), or allow them with allow-secrets patterns'
    },
    'unsafe-name': {
        title: 'file names that are unsafe in an archive',
        fix: 'rename them (no "..", "\\", ":" or control characters) or list them in .skillignore'
    },
    'symlink-escape': {
        title: 'symbolic links pointing outside the skill folder, or at files that are never packaged',
        fix: 'copy the target into the skill folder or list the link in .skillignore; links are never followed out of a skill'
    },
    'symlink-folder': {
        title: 'symbolic links to folders',
        fix: 'replace the link with the folder itself or list it in .skillignore; folder links are not followed (loops, duplicates)'
    },
    'symlink-broken': {
        title: 'broken symbolic links',
        fix: 'fix or delete them, or list them in .skillignore'
    },
    'too-large': {
        title: 'files over the size limit',
        fix: 'shrink them, list them in .skillignore, or raise the limit'
    },
    unreadable: {
        title: 'files that cannot be read',
        fix: 'fix their permissions or list them in .skillignore'
    }
};
/** Builds the one error for every problem found in a skill, grouped by kind. */
function problemsError(skillDir, problems) {
    const kinds = [...new Set(problems.map(p => p.kind))];
    const sections = kinds.map(kind => {
        const { title, fix } = ADVICE[kind];
        const lines = problems
            .filter(p => p.kind === kind)
            .map(p => `  - ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
        return `${title}:\n${lines.join('\n')}\n  what to do: ${fix}`;
    });
    return new PackageError(`Cannot package the skill in ${skillDir}:\n${sections.join('\n')}`, skillDir, problems.map(p => p.path));
}


/***/ }),

/***/ 5891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ TEXT_SNIFF_BYTES),
/* harmony export */   Hp: () => (/* binding */ secretAllowance),
/* harmony export */   IV: () => (/* binding */ isSkillCard),
/* harmony export */   LE: () => (/* binding */ isDotName),
/* harmony export */   PG: () => (/* binding */ clawhubTextVerdict),
/* harmony export */   UI: () => (/* binding */ isAlwaysExcluded),
/* harmony export */   WW: () => (/* binding */ looksLikeSecret),
/* harmony export */   Xj: () => (/* binding */ unsafeEntryReason),
/* harmony export */   hJ: () => (/* binding */ IGNORE_FILES),
/* harmony export */   nw: () => (/* binding */ looksLikeText),
/* harmony export */   yj: () => (/* binding */ npmrcHoldsToken)
/* harmony export */ });
/* unused harmony export fileExtension */
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_0__);
// What may go into a package, as pure functions of names, so the walk stays readable and the
// rules are tested without a file system.

/**
 * Never packaged, in any flavour: build and tool clutter. It is the union of what the official
 * ClawHub client skips (`node_modules`) and what `jf skills publish` skips (`.git`, `.jfrog`,
 * `__pycache__`, `node_modules`, `.DS_Store`, `*.pyc`); dot-names are skipped separately.
 */
function isAlwaysExcluded(name) {
    return name === 'node_modules' || name === '__pycache__' || name === '.DS_Store' || name.endsWith('.pyc');
}
/** Dot-files and dot-folders are never packaged (the official ClawHub client skips them too). */
function isDotName(name) {
    return name.startsWith('.');
}
/** Ignore files read at the skill root, with gitignore semantics. */
const IGNORE_FILES = ['.gitignore', '.clawhubignore', '.clawdhubignore', '.skillignore'];
/**
 * The ClawHub client never uploads a generated skill card (`skill-card.md` at the root, compared
 * as it does: trimmed, any case), so it is outside the file list and the bundle fingerprint.
 */
function isSkillCard(path) {
    return path.trim().toLowerCase() === 'skill-card.md';
}
// `.env.example` and friends are templates meant to be committed; refusing them would only teach
// people to reach for allow-secrets.
const ENV_TEMPLATE = /^\.env\.(example|sample|template|dist)$/i;
const SECRET_NAME = picomatch__WEBPACK_IMPORTED_MODULE_0___default()(['.env*', '*.pem', '*.key', 'id_rsa*', '*.p12', '*.pfx'], { dot: true, nocase: true });
/**
 * A name that looks like it holds a credential. `.npmrc` only counts when it holds a token, which
 * needs its content: see `npmrcHoldsToken`.
 */
function looksLikeSecret(name) {
    return SECRET_NAME(name) && !ENV_TEMPLATE.test(name);
}
function npmrcHoldsToken(content) {
    return /_authToken\s*=/.test(content);
}
/** `allow-secrets` patterns: a pattern without `/` matches the file name at any depth (like gitignore). */
function secretAllowance(patterns) {
    // Split by hand: picomatch's own `basename` option stops matching `a/**/b` patterns.
    const byName = patterns.filter(p => !p.includes('/'));
    const byPath = patterns.filter(p => p.includes('/'));
    const nameMatches = byName.length > 0 ? picomatch__WEBPACK_IMPORTED_MODULE_0___default()(byName, { dot: true }) : () => false;
    const pathMatches = byPath.length > 0 ? picomatch__WEBPACK_IMPORTED_MODULE_0___default()(byPath, { dot: true }) : () => false;
    return path => nameMatches(path.slice(path.lastIndexOf('/') + 1)) || pathMatches(path);
}
/**
 * Why a relative path cannot be an archive entry, or undefined when it can. Besides zip-slip
 * (`..`, absolute paths, backslashes read as separators by Windows tools), control characters and
 * `:` are refused: zip-stream strips a leading `word:` as a drive letter, so `c:notes.md` would be
 * stored under another name than the one we hashed.
 */
function unsafeEntryReason(path) {
    if (path.length === 0)
        return 'empty name';
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
        return 'absolute path';
    if (path.includes('\\'))
        return 'backslash in name';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f]/.test(path))
        return 'control character in name';
    if (path.includes(':'))
        return 'colon in name';
    const segments = path.split('/');
    if (segments.some(s => s === '..'))
        return '".." in path';
    if (segments.some(s => s === '' || s === '.'))
        return 'empty or "." path segment';
    return undefined;
}
// The ClawHub client uploads only text files: these extensions, or extension-less files whose
// first 4 KiB are NUL-free UTF-8 (clawhub/dist/schema/textFiles.js and skills.js, v0.20.0). The
// server refuses anything else, so the clawhub flavour leaves such files out the same way.
const CLAWHUB_TEXT_EXTENSIONS = new Set(('md mdx txt json json5 yaml yml toml js cjs mjs ts tsx jsx py sh ps1 psm1 psd1 r rb go rs swift kt ' +
    'java cs cpp c h hpp sql csv tsv ini cfg conf env properties dat xml html css scss sass svg').split(' '));
/** `md` for `a/b.MD`, '' for `Makefile` or `.profile` (a leading dot is not an extension). */
function fileExtension(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
/** ClawHub's rule by name; `sniff` means the first bytes decide (see `looksLikeText`). */
function clawhubTextVerdict(path) {
    const ext = fileExtension(path);
    if (ext === '')
        return 'sniff';
    return CLAWHUB_TEXT_EXTENSIONS.has(ext) ? 'text' : 'binary';
}
const TEXT_SNIFF_BYTES = 4096;
/** Same test as the ClawHub client, including its quirk that a character cut at 4 KiB fails. */
function looksLikeText(sample) {
    if (sample.includes(0))
        return false;
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(sample);
        return true;
    }
    catch {
        return false;
    }
}


/***/ })

};
