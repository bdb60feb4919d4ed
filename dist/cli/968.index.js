export const id = 968;
export const ids = [968];
export const modules = {

/***/ 4968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YP: () => (/* binding */ SKILL_PROJECT),
  PN: () => (/* binding */ buildPackage),
  ci: () => (/* binding */ packageFileName)
});

// UNUSED EXPORTS: artifactoryPath, skillProjectToml, tomlString, withSkillProject

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/package/errors.ts
var errors = __webpack_require__(905);
;// CONCATENATED MODULE: ./src/core/package/read.ts
// Reading the files of a skill.
//
// Small files are read with synchronous calls. A skill is mostly files of a few KB, fresh in the
// page cache of a CI checkout, and for those one synchronous open/read/close costs about a fifth
// of the promise-based equivalent (7,000 files: 0.1 s against 0.5 s on a 2-core runner; see the
// README's benchmark), while the wait it imposes on the event loop is microseconds. Larger files
// are read asynchronously, a piece at a time (zip.ts), so a big skill never blocks the loop for long.

/** Files up to this size are read in one synchronous call instead of piece by piece. */
const SMALL_FILE_BYTES = 1024 * 1024;
/**
 * Up to `length` bytes from the start of a file (fewer when it is shorter), in one buffer of
 * exactly that many bytes: sized from the caller's listing, never a fixed megabyte per file.
 */
function readHead(path, length) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(length);
        let filled = 0;
        while (filled < length) {
            const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, filled, length - filled, filled);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
        }
        return buffer.subarray(0, filled);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
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
// before a single byte of it is read. The walk is synchronous: a skill is a few folders and
// files, and synchronous metadata calls cost a fraction of promise-based ones (see read.ts).





/**
 * Reads `.gitignore`, `.clawhubignore` (and its legacy name) and `.skillignore` at the skill root,
 * those of them among `rootEntries` (so that absent ones cost nothing).
 */
function loadIgnoreRules(root, rootEntries) {
    const rules = ignore_default()();
    const present = new Set(rootEntries.map((entry) => entry.name));
    for (const name of package_rules/* IGNORE_FILES */.hJ) {
        if (!present.has(name))
            continue;
        try {
            rules.add((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(root, name), 'utf8').split(/\r?\n/));
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
function walkSkill(root, options) {
    const rootEntries = (0,external_node_fs_.readdirSync)(root, { withFileTypes: true });
    const ignored = loadIgnoreRules(root, rootEntries);
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
    const visitDotFile = (entry, path, absolutePath) => {
        // Dot-files are never packaged, but a secret-looking one that no ignore file covers is most
        // likely committed to git (in CI the folder is a checkout): tell the person rather than stay quiet.
        if (!entry.isFile() || ignored(path, false) || options.secretAllowed(path))
            return;
        if ((0,package_rules/* looksLikeSecret */.WW)(entry.name)) {
            problems.push({ kind: 'secret', path, detail: 'never packaged as a dot-file, but it should not be in the skill folder' });
        }
        else if (entry.name === '.npmrc' && npmrcHasToken(absolutePath)) {
            problems.push({ kind: 'secret', path, detail: 'holds an _authToken' });
        }
    };
    const visitSymlink = (path, absolutePath) => {
        let target;
        try {
            target = (0,external_node_fs_.realpathSync)(absolutePath);
        }
        catch (error) {
            problems.push({ kind: 'symlink-broken', path, detail: `${readLinkOrQuestionMark(absolutePath)}: ${errorCode(error)}` });
            return;
        }
        const targetPath = insidePath(root, target);
        if (targetPath === undefined) {
            problems.push({ kind: 'symlink-escape', path, detail: `points to ${(0,external_node_fs_.readlinkSync)(absolutePath)}` });
            return;
        }
        const stats = (0,external_node_fs_.statSync)(target);
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
    const visitDir = (dir, prefix, entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true })) => {
        entries.sort((a, b) => compareCodeUnits(a.name, b.name));
        for (const entry of entries) {
            const path = prefix ? `${prefix}/${entry.name}` : entry.name;
            const absolutePath = (0,external_node_path_.join)(dir, entry.name);
            if ((0,package_rules/* isDotName */.LE)(entry.name)) {
                visitDotFile(entry, path, absolutePath);
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
                visitSymlink(path, absolutePath);
            }
            else if (entry.isDirectory()) {
                visitDir(absolutePath, path);
            }
            else if (entry.isFile()) {
                addFile(path, absolutePath, (0,external_node_fs_.lstatSync)(absolutePath));
            }
            else {
                options.onSkipped?.(path, 'not a regular file (device, socket or pipe)');
            }
        }
    };
    visitDir(root, '', rootEntries);
    return { candidates, problems };
}
function npmrcHasToken(path) {
    const stats = (0,external_node_fs_.lstatSync)(path);
    if (stats.size > NPMRC_READ_LIMIT)
        return true; // too big to be a plain .npmrc: be safe
    return (0,package_rules/* npmrcHoldsToken */.yj)((0,external_node_fs_.readFileSync)(path, 'utf8'));
}
function readLinkOrQuestionMark(path) {
    try {
        return (0,external_node_fs_.readlinkSync)(path);
    }
    catch {
        return '?';
    }
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






/**
 * The files of one skill, sorted by path (code-unit order), with sizes from lstat: nothing is
 * read here but ignore files and the heads of files the clawhub flavour must sniff. The zip
 * writer reads each file once, hashing what it zips. Throws `PackageError`.
 */
async function listPackageFiles(skillDir, options) {
    const root = resolveSkillRoot(skillDir);
    const { candidates, problems } = walkSkill(root, {
        maxFileBytes: options.limits.maxFileBytes,
        maxFiles: options.limits.maxFiles,
        excludedDirs: realFolders(options.exclude ?? []),
        secretAllowed: (0,package_rules/* secretAllowance */.Hp)(options.allowSecrets),
        onSkipped: options.onSkipped
    });
    if (!candidates.some((file) => file.path === 'SKILL.md')) {
        throw new errors/* PackageError */.J(`Cannot package the skill in ${root}: there is no SKILL.md at its root (or an ignore file ` +
            'or a rule above leaves it out). A skill folder must hold SKILL.md.', root, ['SKILL.md']);
    }
    if (problems.length > 0)
        throw (0,errors/* problemsError */.$)(root, problems);
    checkSkillSize(root, candidates, options.limits.maxSkillBytes);
    const selected = options.flavour === 'clawhub' ? clawhubSelection(candidates, options.onSkipped) : candidates;
    // Refused here, all at once, rather than one by one half-way through the zip.
    const unreadable = selected.flatMap((file) => readProblem(file));
    if (unreadable.length > 0)
        throw (0,errors/* problemsError */.$)(root, unreadable);
    return selected
        .map(({ path, absolutePath, size, mode }) => ({ path, absolutePath, size, mode }))
        .sort((a, b) => compareCodeUnits(a.path, b.path));
}
function resolveSkillRoot(skillDir) {
    try {
        const root = (0,external_node_fs_.realpathSync)((0,external_node_path_.resolve)(skillDir));
        if ((0,external_node_fs_.statSync)(root).isDirectory())
            return root;
    }
    catch (error) {
        if (!isMissing(error))
            throw error;
    }
    throw new errors/* PackageError */.J(`Cannot package the skill in ${skillDir}: it is not a folder.`, skillDir);
}
function realFolders(folders) {
    return new Set(folders.map((folder) => realFolder((0,external_node_path_.resolve)(folder))));
}
function realFolder(folder) {
    try {
        return (0,external_node_fs_.realpathSync)(folder);
    }
    catch {
        return folder;
    }
}
function checkSkillSize(root, candidates, maxSkillBytes) {
    const total = candidates.reduce((sum, file) => sum + file.size, 0);
    if (total <= maxSkillBytes)
        return;
    const largest = [...candidates].sort((a, b) => b.size - a.size).slice(0, 5);
    throw new errors/* PackageError */.J(`Cannot package the skill in ${root}: its files add up to ${total} bytes, over the limit of ` +
        `${maxSkillBytes}. The largest: ${largest.map((f) => `${f.path} (${f.size} bytes)`).join(', ')}. ` +
        'List what the skill does not need in .skillignore, or raise the limit.', root, largest.map((f) => f.path));
}
function clawhubSelection(candidates, onSkipped) {
    const selected = [];
    for (const file of candidates) {
        if ((0,package_rules/* isSkillCard */.IV)(file.path))
            continue;
        const verdict = (0,package_rules/* clawhubTextVerdict */.PG)(file.path);
        // An unreadable file stays in, so that the readability check reports it with the others.
        const text = verdict === 'text' || (verdict === 'sniff' && sniffText(file.absolutePath));
        if (text)
            selected.push(file);
        else
            onSkipped?.(file.path, 'not a text file: ClawHub accepts text files only');
    }
    return selected;
}
function readProblem(file) {
    try {
        (0,external_node_fs_.accessSync)(file.absolutePath, external_node_fs_.constants.R_OK);
        return [];
    }
    catch (error) {
        return [{ kind: 'unreadable', path: file.path, detail: errorCode(error) ?? String(error) }];
    }
}
function sniffText(path) {
    try {
        return (0,package_rules/* looksLikeText */.nw)(readHead(path, package_rules/* TEXT_SNIFF_BYTES */.B));
    }
    catch {
        return true;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/core/package/fingerprint.ts


/**
 * The ClawHub bundle fingerprint (REGISTRIES.md §2), byte-for-byte what the official client and
 * server compute: `skill-card.md` left out, files sorted with `localeCompare` (NOT the code-unit
 * order of our zip entries: the two orders differ for `B.md` / `a.md` / `_x.md` / `ä.md`), then
 * SHA-256 of the `path:sha256` lines joined by "\n".
 */
function computeFingerprint(files) {
    const payload = files
        .filter((file) => !(0,package_rules/* isSkillCard */.IV)(file.path))
        .map((file) => ({ path: file.path, sha256: file.sha256 }))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((file) => `${file.path}:${file.sha256}`)
        .join('\n');
    return (0,external_node_crypto_.createHash)('sha256').update(payload, 'utf8').digest('hex');
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/core/package/zip.ts
// A deterministic zip: the same files give the same bytes on any machine, checkout, umask and run.
//
// - Entries in UTF-16 code-unit order of their paths (JavaScript's default string order, locale-free;
//   it equals byte order for every character below U+E000), files only, no folder entries.
// - One timestamp for every entry, 1980-01-01 00:00:00 (the DOS epoch, zip's earliest time),
//   written as fixed DOS fields, so no time zone can leak in.
// - Modes 0644, or 0755 when the owner-execute bit was set; "made by" Unix so unzip applies them.
// - No extra fields, no comments, no ZIP64 (a zip past 4 GiB is refused; skills are far smaller).
// - Deflate at level 6 (zip's and gzip's default), with each entry's CRC and sizes in a data
//   descriptor after its data, so an entry is written as it is read.
//
// Why our own writer and not archiver: packaging 1,000 skills spent most of its time in archiver's
// per-entry stream machinery (a zlib stream, a CRC stream and queue hops for every file), several
// times the deflate work itself (see the README's benchmark). Here a file is read in pieces of
// 1 MB (small files in one read); a small piece is deflated in place and a large one on libuv's
// thread pool, and the output goes out in writes of about 1 MB, so a small skill's zip is one
// open, one write and one rename. Never more than a few pieces of a skill are in memory, whatever
// its size.
//
// A file of several pieces is deflated piece by piece: every piece but the last ends with a sync
// flush instead of a final block, and the pieces join into one valid deflate stream (what pigz
// does). Piece boundaries are fixed offsets, so the bytes stay deterministic. The deflate bytes
// come from the zlib built into Node; a Node release with a different zlib may compress
// differently, which is why registries compare the ClawHub fingerprint (over file contents)
// rather than zip checksums.
//
// Each file is read once, and hashed on the way: the SHA-256 a package reports for a file (and so
// its fingerprint) is that of the bytes in its zip. A file whose size changed since it was listed
// fails the build instead of shipping bytes of a half-written file.









const DEFLATE_LEVEL = 6;
/** Files are read, hashed and deflated in pieces of this size; a small file is one piece. */
const PIECE_BYTES = SMALL_FILE_BYTES;
/** Output is gathered up to about this size before it is written. */
const WRITE_BYTES = 1024 * 1024;
/** Past this, offsets and sizes need ZIP64, which this writer does not write. */
const ZIP32_LIMIT = 0xffffffff;
const ZIP32_ENTRIES = 0xffff;
/**
 * Pieces up to this size are deflated in place, in the thread that packages: for a file of a few
 * KB, a trip to libuv's thread pool (a zlib stream, a thread hop, a wake-up) costs several times
 * the deflate itself (7,000 skill files: 0.9 s of CPU in place against 2.6 s through the pool).
 * Larger pieces go to the pool, so a big file never holds its event loop for long.
 */
const DEFLATE_IN_PLACE_BYTES = 128 * 1024;
const deflateOnPool = (0,external_node_util_.promisify)(external_node_zlib_.deflateRaw);
const MIDDLE_PIECE = { level: DEFLATE_LEVEL, finishFlush: external_node_zlib_.constants.Z_SYNC_FLUSH };
const LAST_PIECE = { level: DEFLATE_LEVEL };
const VERSION_NEEDED = 20; // 2.0: deflate
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED; // Unix, so unzip applies the modes
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const ZIP_TIMESTAMP = new Date('1980-01-01T00:00:00Z');
/**
 * Temporary zips are named by process, by a random tag drawn once per thread (each packaging
 * thread loads this module anew) and by a counter, so that no two writers share a name, without
 * asking the system for random bytes per zip.
 */
const TEMPORARY_TAG = `${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
let temporaries = 0;
/** Thrown when the inputs of a zip are wrong (unsafe or duplicate names, files changed while zipping). */
class ZipInputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ZipInputError';
    }
}
/**
 * Writes `files` as a deterministic zip at `destination`, atomically: a temporary file in the same
 * folder, renamed into place once complete, so a reader never sees half a zip.
 */
async function writeDeterministicZip(files, destination) {
    const entries = checkedEntries(files);
    const temporary = (0,external_node_path_.join)((0,external_node_path_.dirname)(destination), `.${(0,external_node_path_.basename)(destination)}.${TEMPORARY_TAG}.${++temporaries}.tmp`);
    const fd = (0,external_node_fs_.openSync)(temporary, 'wx', 0o644);
    const out = new ZipOutput(fd);
    try {
        const written = [];
        for (const file of entries)
            written.push(await writeEntry(out, file));
        writeCentralDirectory(out, written);
        const digest = out.finish();
        (0,external_node_fs_.closeSync)(fd);
        (0,external_node_fs_.renameSync)(temporary, destination);
        return { ...digest, files: entries.map((file, i) => ({ ...file, sha256: written[i].sha256 })) };
    }
    catch (error) {
        ignoreError(() => (0,external_node_fs_.closeSync)(fd));
        ignoreError(() => (0,external_node_fs_.unlinkSync)(temporary));
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
    if (entries.length > ZIP32_ENTRIES)
        throw new ZipInputError(`Too many files for one zip: ${entries.length} (at most ${ZIP32_ENTRIES})`);
    return entries;
}
/** Local header, deflated pieces, data descriptor. */
async function writeEntry(out, file) {
    const name = Buffer.from(file.path, 'utf8');
    const flags = FLAG_DATA_DESCRIPTOR | (name.length === file.path.length ? 0 : FLAG_UTF8);
    const offset = out.size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION_NEEDED, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    // CRC and sizes (14-25) stay zero: they follow the data, in the descriptor.
    header.writeUInt16LE(name.length, 26);
    out.push(header, name);
    const sha256 = (0,external_node_crypto_.createHash)('sha256');
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    for await (const { piece, last } of entryPieces(file)) {
        sha256.update(piece);
        crc = (0,external_node_zlib_.crc32)(piece, crc);
        size += piece.length;
        const options = last ? LAST_PIECE : MIDDLE_PIECE;
        const deflated = piece.length <= DEFLATE_IN_PLACE_BYTES ? (0,external_node_zlib_.deflateRawSync)(piece, options) : await deflateOnPool(piece, options);
        compressedSize += deflated.length;
        out.push(deflated);
        out.drain();
    }
    if (compressedSize > ZIP32_LIMIT || size > ZIP32_LIMIT)
        throw new ZipInputError(`${file.path} is too large for a zip without ZIP64`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    out.push(descriptor);
    return { name, flags, crc, compressedSize, size, offset, mode: file.mode === 0o755 ? 0o755 : 0o644, sha256: sha256.digest('hex') };
}
/**
 * The listed bytes of a file, in pieces of `PIECE_BYTES` (the last one shorter). Exactly the
 * listed size is read: a file that shrank fails, and so does a small one that grew (a large one
 * is zipped as far as it was listed, and hashed as zipped). A piece is only valid until the next
 * is asked for (one buffer is reused).
 */
async function* entryPieces(file) {
    if (file.content !== undefined) {
        yield { piece: Buffer.from(file.content, 'utf8'), last: true };
        return;
    }
    if (file.size <= PIECE_BYTES) {
        // One byte more than listed, to notice a file that grew.
        const read = readListed(file, () => readHead(file.absolutePath, file.size + 1));
        if (read.length !== file.size)
            throw changedSize(file, read.length);
        yield { piece: read, last: true };
        return;
    }
    const handle = await readListed(file, () => (0,promises_.open)(file.absolutePath, 'r'));
    try {
        const buffer = Buffer.allocUnsafe(PIECE_BYTES);
        for (let position = 0; position < file.size;) {
            const length = Math.min(PIECE_BYTES, file.size - position);
            await readFully(handle, buffer, length, position, file);
            position += length;
            yield { piece: buffer.subarray(0, length), last: position === file.size };
        }
    }
    finally {
        await handle.close();
    }
}
async function readFully(handle, buffer, length, position, file) {
    for (let filled = 0; filled < length;) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
        if (bytesRead === 0)
            throw changedSize(file, position + filled);
        filled += bytesRead;
    }
}
/** Opening or reading a listed file, with a failure that names it and says what to check. */
function readListed(file, read) {
    try {
        return read();
    }
    catch (error) {
        const code = error.code ?? String(error);
        throw new ZipInputError(`${file.path} cannot be read (${code}): check that it still exists and is readable, then run again`);
    }
}
function changedSize(file, read) {
    return new ZipInputError(`${file.path} changed while it was being packaged (${file.size} bytes listed, ${read === file.size + 1 ? 'more' : read} read); run again`);
}
function writeCentralDirectory(out, entries) {
    const start = out.size;
    for (const entry of entries) {
        const record = Buffer.alloc(46);
        record.writeUInt32LE(0x02014b50, 0);
        record.writeUInt16LE(VERSION_MADE_BY, 4);
        record.writeUInt16LE(VERSION_NEEDED, 6);
        record.writeUInt16LE(entry.flags, 8);
        record.writeUInt16LE(METHOD_DEFLATE, 10);
        record.writeUInt16LE(DOS_TIME, 12);
        record.writeUInt16LE(DOS_DATE, 14);
        record.writeUInt32LE(entry.crc, 16);
        record.writeUInt32LE(entry.compressedSize, 20);
        record.writeUInt32LE(entry.size, 24);
        record.writeUInt16LE(entry.name.length, 28);
        // Extra field and comment lengths, disk number and internal attributes (30-37) stay zero.
        record.writeUInt32LE(((0o100000 | entry.mode) << 16) >>> 0, 38); // regular file, mode
        record.writeUInt32LE(entry.offset, 42);
        out.push(record, entry.name);
    }
    const directorySize = out.size - start;
    if (out.size > ZIP32_LIMIT)
        throw new ZipInputError('The zip would be over 4 GiB, which needs ZIP64');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(start, 16);
    out.push(end);
}
/**
 * The zip's bytes on their way to the file: counted, hashed, and written about a megabyte at a
 * time, so a small skill's zip is one write. Writes are synchronous: a thread-pool trip per write
 * costs more than the write into the page cache, and on a 2-core runner the wake-ups of the pool's
 * threads take turns with the main thread.
 */
class ZipOutput {
    fd;
    sha256 = (0,external_node_crypto_.createHash)('sha256');
    sha1 = (0,external_node_crypto_.createHash)('sha1');
    pending = [];
    pendingBytes = 0;
    size = 0;
    constructor(fd) {
        this.fd = fd;
    }
    push(...chunks) {
        for (const chunk of chunks) {
            this.sha256.update(chunk);
            this.sha1.update(chunk);
            this.pending.push(chunk);
            this.pendingBytes += chunk.length;
            this.size += chunk.length;
        }
    }
    /** Writes what is gathered once it is worth a write. */
    drain() {
        if (this.pendingBytes >= WRITE_BYTES)
            this.flush();
    }
    finish() {
        this.flush();
        return { size: this.size, sha256: this.sha256.digest('hex'), sha1: this.sha1.digest('hex') };
    }
    flush() {
        let chunks = this.pending;
        this.pending = [];
        this.pendingBytes = 0;
        while (chunks.length > 0) {
            const bytesWritten = (0,external_node_fs_.writevSync)(this.fd, chunks);
            // A short write (rare for files) leaves the rest for another round.
            let left = bytesWritten;
            let first = 0;
            while (first < chunks.length && left >= chunks[first].length)
                left -= chunks[first++].length;
            chunks = chunks.slice(first);
            if (left > 0)
                chunks[0] = chunks[0].subarray(left);
        }
    }
}
function ignoreError(action) {
    try {
        action();
    }
    catch {
        // Cleaning up after an earlier error, which is the one to report.
    }
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
    (0,external_node_fs_.mkdirSync)(outDir, { recursive: true });
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
        fingerprint: computeFingerprint(zip.files),
        files: zip.files
    };
}
/** FastSkill's server reads id and version from `skill-project.toml`; a skill's own file wins. */
function withSkillProject(files, skill) {
    if (files.some((file) => file.path === SKILL_PROJECT))
        return files;
    const content = skillProjectToml(skill.name, skill.version);
    const generated = {
        path: SKILL_PROJECT,
        absolutePath: (0,external_node_path_.join)((0,external_node_path_.resolve)(skill.dir), SKILL_PROJECT),
        size: Buffer.byteLength(content, 'utf8'),
        mode: 0o644,
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
    const escaped = value.replace(/["\\\u0000-\u001f\u007f]/g, (ch) => named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
    const kinds = [...new Set(problems.map((p) => p.kind))];
    const sections = kinds.map((kind) => {
        const { title, fix } = ADVICE[kind];
        const lines = problems.filter((p) => p.kind === kind).map((p) => `  - ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
        return `${title}:\n${lines.join('\n')}\n  what to do: ${fix}`;
    });
    return new PackageError(`Cannot package the skill in ${skillDir}:\n${sections.join('\n')}`, skillDir, problems.map((p) => p.path));
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
    const byName = patterns.filter((p) => !p.includes('/'));
    const byPath = patterns.filter((p) => p.includes('/'));
    const nameMatches = byName.length > 0 ? picomatch__WEBPACK_IMPORTED_MODULE_0___default()(byName, { dot: true }) : () => false;
    const pathMatches = byPath.length > 0 ? picomatch__WEBPACK_IMPORTED_MODULE_0___default()(byPath, { dot: true }) : () => false;
    return (path) => nameMatches(path.slice(path.lastIndexOf('/') + 1)) || pathMatches(path);
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
    if (/[\u0000-\u001f\u007f-\u009f]/.test(path))
        return 'control character in name';
    if (path.includes(':'))
        return 'colon in name';
    const segments = path.split('/');
    if (segments.some((s) => s === '..'))
        return '".." in path';
    if (segments.some((s) => s === '' || s === '.'))
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
