export const id = 48;
export const ids = [48];
export const modules = {

/***/ 7718:
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
// EXTERNAL MODULE: ./src/core/package/files.ts
var package_files = __webpack_require__(8739);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/package/rules.ts
var rules = __webpack_require__(5891);
;// CONCATENATED MODULE: ./src/core/package/fingerprint.ts


/**
 * The ClawHub bundle fingerprint (REGISTRIES.md §2), byte-for-byte what the official client and
 * server compute: `skill-card.md` left out, files sorted with `localeCompare` (NOT the code-unit
 * order of our zip entries: the two orders differ for `B.md` / `a.md` / `_x.md` / `ä.md`), then
 * SHA-256 of the `path:sha256` lines joined by "\n".
 */
function computeFingerprint(files) {
    const payload = files
        .filter((file) => !(0,rules/* isSkillCard */.IV)(file.path))
        .map((file) => ({ path: file.path, sha256: file.sha256 }))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((file) => `${file.path}:${file.sha256}`)
        .join('\n');
    return (0,external_node_crypto_.createHash)('sha256').update(payload, 'utf8').digest('hex');
}

// EXTERNAL MODULE: ./src/core/package/walk.ts
var walk = __webpack_require__(6023);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/core/package/read.ts
var package_read = __webpack_require__(4446);
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
const PIECE_BYTES = package_read/* SMALL_FILE_BYTES */.X;
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
    const entries = [...files].sort((a, b) => (0,walk/* compareCodeUnits */.UF)(a.path, b.path));
    entries.forEach((file, i) => {
        const unsafe = (0,rules/* unsafeEntryReason */.Xj)(file.path);
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
        const read = readListed(file, () => (0,package_read/* readHead */.z)(file.absolutePath, file.size + 1));
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
    const listed = await (0,package_files.listPackageFiles)(skill.dir, {
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
    return [...files, generated].sort((a, b) => (0,walk/* compareCodeUnits */.UF)(a.path, b.path));
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
    const unsafe = (0,rules/* unsafeEntryReason */.Xj)(value) ?? (value.includes('/') ? 'slash in name' : undefined);
    if (unsafe) {
        throw new errors/* PackageError */.J(`Cannot package the skill in ${skill.dir}: its ${what} ${JSON.stringify(value)} cannot be part of a file name (${unsafe}).`, skill.dir);
    }
}


/***/ }),

/***/ 6048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  unpackPrebuilt: () => (/* binding */ unpackPrebuilt)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
// EXTERNAL MODULE: ./src/core/package/errors.ts
var errors = __webpack_require__(905);
// EXTERNAL MODULE: ./src/core/package/rules.ts
var rules = __webpack_require__(5891);
;// CONCATENATED MODULE: ./src/core/package/unzip.ts
// Reading a zip someone else made (a package built by an earlier job): every entry checked
// before a byte is written, since the archive is input we do not trust.







const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/**
 * Extract `zipPath` into the empty folder `destination`: regular files only (a symlink entry is
 * refused, it could point anywhere), names free of zip-slip, sizes within `limits` as the
 * central directory declares them and as yauzl verifies them while inflating.
 */
async function extractZip(zipPath, destination, limits) {
    const zip = await openZip(zipPath);
    const refuse = (why) => new errors/* PackageError */.J(`${zipPath} is not a package skillpub can publish: ${why}.`, zipPath);
    const extracted = [];
    let total = 0;
    try {
        for await (const entry of entries(zip)) {
            const name = entry.fileName;
            const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
            if (name.endsWith('/') || type === S_IFDIR)
                continue;
            const unsafe = (0,rules/* unsafeEntryReason */.Xj)(name);
            if (unsafe)
                throw refuse(`entry ${JSON.stringify(name)} has an unsafe name (${unsafe})`);
            if (type !== 0 && type !== S_IFREG)
                throw refuse(`entry ${JSON.stringify(name)} is not a regular file (symbolic links are never extracted)`);
            if (entry.uncompressedSize > limits.maxFileBytes)
                throw refuse(`entry ${JSON.stringify(name)} is ${entry.uncompressedSize} bytes, over the ${limits.maxFileBytes}-byte limit per file`);
            total += entry.uncompressedSize;
            if (total > limits.maxSkillBytes)
                throw refuse(`its files add up to more than the ${limits.maxSkillBytes}-byte limit per skill`);
            if (extracted.length >= limits.maxFiles)
                throw refuse(`it holds more than ${limits.maxFiles} files`);
            const target = (0,external_node_path_.join)(destination, ...name.split('/'));
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            const executable = ((entry.externalFileAttributes >>> 16) & 0o100) !== 0;
            await (0,external_node_stream_promises_.pipeline)(await readStream(zip, entry), (0,external_node_fs_.createWriteStream)(target, { flags: 'wx', mode: executable ? 0o755 : 0o644 }));
            extracted.push(name);
        }
    }
    catch (error) {
        if (error instanceof errors/* PackageError */.J)
            throw error;
        throw refuse(`it could not be read (${error.message})`);
    }
    finally {
        zip.close();
    }
    return extracted;
}
function openZip(zipPath) {
    return new Promise((resolve, reject) => {
        yauzl.open(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
            if (error || !zip)
                reject(new errors/* PackageError */.J(`${zipPath} is not a zip archive skillpub can read (${error?.message ?? 'unknown error'}).`, zipPath));
            else
                resolve(zip);
        });
    });
}
/** yauzl's entries, one at a time, as an async iterator. */
async function* entries(zip) {
    while (true) {
        const entry = await new Promise((resolve, reject) => {
            const cleanup = () => zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
            zip.once('entry', (found) => (cleanup(), resolve(found)));
            zip.once('end', () => (cleanup(), resolve(undefined)));
            zip.once('error', (error) => (cleanup(), reject(error)));
            zip.readEntry();
        });
        if (!entry)
            return;
        yield entry;
    }
}
function readStream(zip, entry) {
    return new Promise((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream)));
    });
}

// EXTERNAL MODULE: ./src/core/package/build.ts + 2 modules
var build = __webpack_require__(7718);
// EXTERNAL MODULE: ./src/core/skillmd.ts
var skillmd = __webpack_require__(6103);
;// CONCATENATED MODULE: ./src/stages/prebuilt.ts
// Pre-built packages (`artifacts` input, `publish --artifacts`): zips made earlier, for instance by
// `mode: package` in another job. Each is unpacked into a temp folder and from there goes through
// the same checks and the same packaging as a skill folder, so a registry gets exactly its own
// layout (a zip skillpub built for that registry comes out byte for byte the same).







async function unpackPrebuilt(source, config) {
    const zips = await findZips(source);
    const workDir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'skillpub-prebuilt-'));
    const skills = [];
    const packagedVersions = new Map();
    const failures = [];
    for (const [index, zip] of zips.entries()) {
        const displayPath = external_node_path_default().relative(config.root, zip).split((external_node_path_default()).sep).join('/');
        try {
            const dir = await unpack(zip, external_node_path_default().join(workDir, String(index)), config);
            skills.push({ dir, path: displayPath });
            const version = await packagedVersion(dir);
            if (version)
                packagedVersions.set(displayPath, version);
        }
        catch (error) {
            failures.push({
                name: external_node_path_default().basename(zip),
                path: displayPath,
                status: 'failed',
                diagnostics: [],
                messages: [],
                error: error.message
            });
        }
    }
    const changes = {
        all: true,
        changed: skills.map((skill) => skill.path),
        removed: [],
        reason: `Publishing ${zips.length} pre-built package${zips.length === 1 ? '' : 's'} from ${external_node_path_default().relative(config.root, source) || '.'}.`,
        notes: []
    };
    return { skills, changes, packagedVersions, failures, cleanup: () => (0,promises_.rm)(workDir, { recursive: true, force: true }) };
}
async function findZips(source) {
    const info = await (0,promises_.stat)(source).catch(() => undefined);
    if (!info)
        throw new Error(`The artifacts input names ${source}, which does not exist. Give a .zip file or a folder of them.`);
    if (info.isFile())
        return [source];
    const entries = await (0,promises_.readdir)(source, { recursive: true, withFileTypes: true });
    const zips = entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('.zip'))
        .map((entry) => external_node_path_default().join(entry.parentPath ?? entry.path, entry.name));
    if (zips.length === 0)
        throw new Error(`The artifacts folder ${source} holds no .zip files. Build them with mode: package (or skillpub package) first.`);
    return zips.sort();
}
/**
 * Unpack one zip and return its skill folder: SKILL.md at the root, or in the one folder at the
 * root (both layouts FastSkill accepts). A root-level skill is moved into a folder named after
 * the skill, so that the name-equals-folder rule judges the skill, not our temp folder.
 */
async function unpack(zip, into, config) {
    const unpacked = external_node_path_default().join(into, 'package');
    const files = await extractZip(zip, unpacked, config.limits);
    if (files.includes('SKILL.md')) {
        const name = (0,skillmd/* manifestName */.vS)((0,skillmd/* parseSkillMarkdown */.S2)(await (0,promises_.readFile)(external_node_path_default().join(unpacked, 'SKILL.md')), 'SKILL.md'));
        if (!name || (0,rules/* unsafeEntryReason */.Xj)(name) || name.includes('/'))
            return unpacked;
        const named = external_node_path_default().join(into, name);
        await (0,promises_.rename)(unpacked, named);
        return named;
    }
    const nested = [...new Set(files.filter((file) => /^[^/]+\/SKILL\.md$/.test(file)).map((file) => file.split('/')[0]))];
    if (nested.length === 1)
        return external_node_path_default().join(unpacked, nested[0]);
    throw new Error(`${zip} is not a skill package: it has no SKILL.md at its root or in a single top folder.`);
}
/** `[metadata] version = "..."` of a skill-project.toml, the version a FastSkill package was built as. */
async function packagedVersion(dir) {
    const toml = await (0,promises_.readFile)(external_node_path_default().join(dir, build/* SKILL_PROJECT */.YP), 'utf8').catch(() => undefined);
    if (!toml)
        return undefined;
    const metadata = /^\s*\[metadata\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
    return /^\s*version\s*=\s*"([^"\\]*)"\s*$/m.exec(metadata)?.[1];
}


/***/ })

};
