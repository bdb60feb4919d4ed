export const id = 239;
export const ids = [239,329];
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

/***/ 3329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FormData: () => (/* reexport safe */ undici__WEBPACK_IMPORTED_MODULE_0__.FormData),
/* harmony export */   HttpClient: () => (/* binding */ HttpClient),
/* harmony export */   HttpResponse: () => (/* binding */ HttpResponse),
/* harmony export */   TransportError: () => (/* binding */ TransportError),
/* harmony export */   displayUrl: () => (/* binding */ displayUrl),
/* harmony export */   fileBlob: () => (/* binding */ fileBlob),
/* harmony export */   isLoopbackHost: () => (/* binding */ isLoopbackHost),
/* harmony export */   parseRetryAfter: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4371);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4054);
/* harmony import */ var _scrub_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7967);
// The one HTTP client every registry uses: proxies from the environment, a timeout on every
// request, retries with backoff and jitter, manual redirects that never carry a token to another
// origin, size-capped answers, and errors that name the URL but never a secret.





// Re-exported so registry clients build multipart bodies with undici's FormData: undici
// does not recognise Node's global FormData (a different copy of undici) and would send "[object FormData]".

const DEFAULTS = {
    timeoutMs: 15_000,
    uploadTimeoutMs: 120_000,
    retries: 2,
    retryBaseMs: 300,
    retryMaxMs: 5_000,
    maxRetryAfterMs: 60_000,
    maxResponseBytes: 8 * 1024 * 1024,
    maxRedirects: 5
};
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Answers that prove the request was not acted on. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 503]);
/** Network failures that happen before a byte of the request reaches the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** `origin + path`: no user info, no query (which may carry secrets or hashes). */
function displayUrl(url) {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
}
function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIP)(host) === 4)
        return host.startsWith('127.');
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIP)(host) === 6)
        return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
    return false;
}
/** Parse Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
function parseRetryAfter(value, now) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.max(0, Math.round(Number(trimmed) * 1000));
    const date = Date.parse(trimmed);
    return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
/** A file on disk as a Blob that is read while sending, never held whole in memory. */
function fileBlob(path, type = 'application/octet-stream') {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openAsBlob)(path, { type });
}
/** A network failure or timeout: no HTTP answer arrived. */
class TransportError extends _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g {
    mayHaveLanded;
    constructor(message, 
    /** The request may have reached the server and been acted on (reset after sending, timeout). */
    mayHaveLanded, cause) {
        super(message, { retryable: true, cause });
        this.mayHaveLanded = mayHaveLanded;
        this.name = 'TransportError';
    }
}
class HttpResponse {
    method;
    url;
    status;
    headers;
    text;
    what;
    now;
    scrub;
    constructor(method, 
    /** The URL that answered (after redirects). */
    url, status, headers, text, what, now, scrub) {
        this.method = method;
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.text = text;
        this.what = what;
        this.now = now;
        this.scrub = scrub;
    }
    get ok() {
        return this.status >= 200 && this.status < 300;
    }
    /** The wait the server asked for (Retry-After, else an X-RateLimit-Reset in epoch seconds). */
    get retryAfterMs() {
        const retryAfter = parseRetryAfter(this.headers.get('retry-after'), this.now());
        if (retryAfter !== undefined)
            return retryAfter;
        const reset = Number(this.headers.get('x-ratelimit-reset') ?? NaN);
        if (this.status === 429 && Number.isFinite(reset) && reset > 1e9)
            return Math.max(0, reset * 1000 - this.now());
        return undefined;
    }
    /** The body as JSON; a clear error naming the URL and showing the start of the body otherwise. */
    json() {
        try {
            return JSON.parse(this.text);
        }
        catch (cause) {
            const shown = this.text.trim() ? `"${this.scrub((0,_scrub_js__WEBPACK_IMPORTED_MODULE_4__/* .excerpt */ .K)(this.text))}"` : 'an empty body';
            throw new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${this.what}: ${this.method} ${displayUrl(this.url)} answered ${this.status} with ${shown}, which is not JSON. ` +
                'Check that the target URL points at the registry API (not a web page or a proxy error page).', { status: this.status, cause });
        }
    }
    /** The body as a JSON object when it is one, else undefined (error bodies may be text or empty). */
    jsonOrUndefined() {
        try {
            const value = JSON.parse(this.text);
            return value !== null && typeof value === 'object' ? value : undefined;
        }
        catch {
            return undefined;
        }
    }
}
class HttpClient {
    options;
    settings;
    dispatcher;
    sleep;
    random;
    now;
    secrets;
    constructor(options) {
        this.options = options;
        const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
        this.settings = { ...DEFAULTS, ...given };
        this.dispatcher = options.dispatcher ?? new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2();
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
        const derived = options.authorization ? [options.authorization, options.authorization.replace(/^\w+\s+/, '')] : [];
        this.secrets = [...(options.secrets ?? []), ...derived].filter((secret) => secret.length >= 4);
    }
    /** Remove every known secret from a text meant for a person. */
    scrub = (text) => (0,_scrub_js__WEBPACK_IMPORTED_MODULE_4__/* .scrubSecrets */ .Z)(text, this.secrets);
    /**
     * Send a request, retrying transient failures as its policy allows. Any HTTP status is
     * returned (the caller knows what a 404 means); a network failure after the last attempt throws
     * a `TransportError`.
     */
    async request(request) {
        const method = request.method ?? 'GET';
        const policy = request.retry ?? (method === 'POST' || method === 'PUT' ? 'not-processed' : 'idempotent');
        for (let attempt = 0;; attempt++) {
            const outcome = await this.attempt(request);
            const waitMs = this.retryWait(outcome, policy, attempt);
            if (waitMs === undefined) {
                if (outcome instanceof TransportError)
                    throw outcome;
                return outcome;
            }
            this.logRetry(request, outcome, waitMs, attempt);
            await this.sleep(waitMs);
        }
    }
    /**
     * Uploads are not idempotent: after a reset, a timeout or a 500 we cannot know whether the
     * registry stored the bytes. Before sending again we ask it (`landed`): when it holds our
     * content, the first attempt worked. Registries without a way to ask pass `() => false` and
     * must report a resulting duplicate as such (`resentAfterAmbiguousFailure`).
     */
    async upload(request, landed) {
        let resent = false;
        for (let attempt = 0;; attempt++) {
            let outcome;
            try {
                outcome = await this.request({ ...request, upload: true, retry: request.retry ?? 'not-processed' });
            }
            catch (error) {
                if (!(error instanceof TransportError))
                    throw error;
                outcome = error;
            }
            const ambiguous = outcome instanceof TransportError
                ? outcome.mayHaveLanded
                : RETRYABLE_STATUSES.has(outcome.status) && !NOT_PROCESSED_STATUSES.has(outcome.status);
            if (!ambiguous || attempt >= this.settings.retries) {
                if (outcome instanceof TransportError)
                    throw outcome;
                return { landed: false, response: outcome, resentAfterAmbiguousFailure: resent };
            }
            const reason = outcome instanceof TransportError ? outcome.message : `answered ${outcome.status}`;
            this.options.logger.info(`${request.what}: the upload may or may not have been stored (${reason}); checking before sending it again`);
            if (await landed()) {
                this.options.logger.info(`${request.what}: the registry already holds this content; not sending it again`);
                return { landed: true };
            }
            const waitMs = this.backoff(attempt);
            this.options.logger.info(`${request.what}: not stored; sending again in ${seconds(waitMs)}`);
            await this.sleep(waitMs);
            resent = true;
        }
    }
    /** How long to wait before the next attempt, or undefined to stop. */
    retryWait(outcome, policy, attempt) {
        if (policy === 'never' || attempt >= this.settings.retries)
            return undefined;
        if (outcome instanceof TransportError) {
            return policy === 'idempotent' || !outcome.mayHaveLanded ? this.backoff(attempt) : undefined;
        }
        const statuses = policy === 'idempotent' ? RETRYABLE_STATUSES : NOT_PROCESSED_STATUSES;
        if (!statuses.has(outcome.status))
            return undefined;
        const asked = outcome.retryAfterMs;
        if (asked === undefined)
            return this.backoff(attempt);
        // A server asking for more than we are willing to wait gets its answer passed on instead.
        return asked <= this.settings.maxRetryAfterMs ? asked : undefined;
    }
    backoff(attempt) {
        const ceiling = Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** attempt);
        return Math.round(this.random() * ceiling);
    }
    logRetry(request, outcome, waitMs, attempt) {
        const method = request.method ?? 'GET';
        const why = outcome instanceof TransportError ? outcome.message : `${method} ${displayUrl(outcome.url)} answered ${outcome.status}`;
        const asked = outcome instanceof HttpResponse && outcome.retryAfterMs !== undefined ? ' as the server asked' : '';
        this.options.logger.info(`${outcome instanceof TransportError ? why : `${request.what}: ${why}`}; retrying in ${seconds(waitMs)}${asked} (attempt ${attempt + 2} of ${this.settings.retries + 1})`);
    }
    /** One attempt, following redirects. Returns the answer or a TransportError; throws other RegistryErrors. */
    async attempt(request) {
        const method = request.method ?? 'GET';
        const startOrigin = new URL(request.url).origin;
        let url = new URL(request.url);
        for (let hop = 0;; hop++) {
            // The token belongs to the origin the request was addressed to, never to a redirect's target.
            const authorization = !request.anonymous && url.origin === startOrigin ? this.options.authorization : undefined;
            if (authorization)
                this.assertSafeForToken(url, request.what);
            const headers = {
                accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
                'user-agent': this.options.userAgent ?? 'skillpub',
                ...request.headers
            };
            if (authorization)
                headers.authorization = authorization;
            const timeoutMs = request.upload ? Math.max(this.settings.uploadTimeoutMs, this.settings.timeoutMs) : this.settings.timeoutMs;
            const signal = AbortSignal.timeout(timeoutMs);
            let response;
            let answerHeaders;
            let text;
            try {
                // undici's request(), not fetch(): the same connection pool and proxy agent without the
                // WHATWG stream layers, which cost about 1.4 ms of CPU a request (measured on the
                // loopback registry), the main thread's time that concurrent uploads share. It follows
                // no redirects: redirectTarget decides.
                response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(url, {
                    method,
                    headers,
                    body: request.body,
                    signal,
                    dispatcher: this.dispatcher
                });
                answerHeaders = toHeaders(response.headers);
                const location = answerHeaders.get('location');
                if (REDIRECT_STATUSES.has(response.statusCode) && location) {
                    await response.body.dump().catch(() => undefined);
                    url = this.redirectTarget(method, url, response.statusCode, location, hop, request.what);
                    continue;
                }
                text = await readCapped(response.body, answerHeaders, this.settings.maxResponseBytes, () => this.tooLarge(method, url, request.what));
            }
            catch (error) {
                if (error instanceof _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g)
                    throw error;
                return this.transportError(error, method, url, request.what, timeoutMs, signal.aborted);
            }
            return new HttpResponse(method, url, response.statusCode, answerHeaders, text, request.what, this.now, this.scrub);
        }
    }
    redirectTarget(method, from, status, location, hop, what) {
        const next = new URL(location, from);
        if (hop >= this.settings.maxRedirects) {
            throw new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: more than ${this.settings.maxRedirects} redirects starting at ${displayUrl(from)}; set the target to the final URL.`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${displayUrl(from)} redirected to a ${next.protocol} URL, which skillpub does not follow.`);
        }
        // 301/302/303 would turn an upload into a GET without its body (the fetch rules): refuse
        // rather than "succeed" with nothing sent. 307/308 keep the method and the body.
        if (status !== 307 && status !== 308 && method !== 'GET' && method !== 'HEAD') {
            throw new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${method} ${displayUrl(from)} answered ${status}, a redirect that would drop the request body; ` +
                `set the target to the URL it points at (${displayUrl(next)}).`, { status });
        }
        this.options.logger.debug(`${what}: ${displayUrl(from)} redirected (${status}) to ${displayUrl(next)}`);
        return next;
    }
    /** A token sent over plain http can be read by anyone on the path; loopback never leaves the machine. */
    assertSafeForToken(url, what) {
        if (url.protocol === 'https:' || isLoopbackHost(url.hostname))
            return;
        throw new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: refusing to send the registry token over plain http to ${url.host} (${displayUrl(url)}): ` +
            'anyone on the network path could read it. Use an https:// URL (plain http is allowed only for 127.0.0.1, ::1 and localhost).');
    }
    tooLarge(method, url, what) {
        return new _error_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${method} ${displayUrl(url)} answered with more than ${Math.round(this.settings.maxResponseBytes / 1024)} KiB; ` +
            'that is not a registry API answer. Check the target URL.');
    }
    transportError(error, method, url, what, timeoutMs, timedOut) {
        const code = errorCode(error);
        const reason = timedOut ? `no answer within ${seconds(timeoutMs)} (timed out)` : describeNetworkCode(code, error);
        const notSent = code !== undefined && NOT_SENT_CODES.has(code);
        const message = this.scrub(`${what}: ${method} ${displayUrl(url)} failed: ${reason}. ` +
            'Check the URL, that the registry is up, and the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).');
        return new TransportError(message, !notSent, error);
    }
}
async function readCapped(body, headers, maxBytes, tooLarge) {
    const declared = Number(headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
        discard(body);
        throw tooLarge();
    }
    const chunks = [];
    let total = 0;
    for await (const chunk of body) {
        total += chunk.byteLength;
        if (total > maxBytes) {
            discard(body);
            throw tooLarge();
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** Stops reading an answer; the abort this raises on the stream is ours, not news. */
function discard(body) {
    body.on('error', () => undefined);
    body.destroy();
}
/** The answer's headers as a `Headers`, read with `get()` here and by the registry clients. */
function toHeaders(raw) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(raw)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
            headers.append(name, one);
    }
    return headers;
}
/** The system error code of a network failure (on it, its cause, or an AggregateError's errors). */
function errorCode(error, depth = 0) {
    if (!error || typeof error !== 'object' || depth > 4)
        return undefined;
    const { code, cause, errors } = error;
    if (typeof code === 'string')
        return code;
    if (Array.isArray(errors)) {
        for (const inner of errors) {
            const found = errorCode(inner, depth + 1);
            if (found)
                return found;
        }
    }
    return errorCode(cause, depth + 1);
}
function describeNetworkCode(code, error) {
    switch (code) {
        case 'ECONNREFUSED':
            return 'connection refused (nothing listens there)';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `the host name could not be resolved (${code})`;
        case 'ECONNRESET':
        case 'UND_ERR_SOCKET':
        case 'EPIPE':
            return 'the connection was closed before an answer arrived (reset)';
        case 'UND_ERR_CONNECT_TIMEOUT':
            return 'could not connect in time';
        case undefined: {
            const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
            return `network error (${message})`;
        }
        default:
            return `network error (${code})`;
    }
}
function seconds(ms) {
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}


/***/ }),

/***/ 4054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ RegistryError)
/* harmony export */ });
// The error every remote call throws: the HTTP client, the registry clients and the GitHub API
// fallback share it, so the pipeline reports any of them the same way.
/** A failure a person can act on; `retryable` failures are transient (network, 5xx, 429). */
class RegistryError extends Error {
    options;
    constructor(message, options = {}) {
        super(message, { cause: options.cause });
        this.options = options;
        this.name = 'RegistryError';
    }
}


/***/ }),

/***/ 7967:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ excerpt),
/* harmony export */   Z: () => (/* binding */ scrubSecrets)
/* harmony export */ });
// Text from a server shown to a person: one short line, never a secret.
/** One line, at most `max` characters: enough to recognise a proxy page or a stack trace. */
function excerpt(text, max = 200) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
function scrubSecrets(text, secrets) {
    let out = text;
    for (const secret of secrets)
        if (secret)
            out = out.split(secret).join('***');
    return out;
}


/***/ }),

/***/ 3239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createRegistry: () => (/* binding */ createRegistry),
  secretsToMask: () => (/* binding */ secretsToMask)
});

// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(3329);
;// CONCATENATED MODULE: ./src/registries/jwt.ts
// Reading (never verifying) a JWT's claims: FastSkill takes the publishing scope from `sub`,
// and showing it before the upload tells a person where the skill will land.
/** The payload of a JWT, or undefined when the token is not one (opaque tokens are fine). */
function decodeJwt(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts[1])
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? claims : undefined;
    }
    catch {
        return undefined;
    }
}
/** `acme/alice` -> `acme`; `company/dev-team/bob` -> `company`; `personal` -> `personal`. */
function scopeOf(subject) {
    const first = subject?.split('/')[0]?.trim();
    return first ? first : undefined;
}
/** When the token has expired by `now`, the expiry time; else undefined. */
function expiredAt(claims, now) {
    if (typeof claims?.exp !== 'number')
        return undefined;
    return claims.exp * 1000 <= now ? new Date(claims.exp * 1000) : undefined;
}

// EXTERNAL MODULE: ./src/http/scrub.ts
var http_scrub = __webpack_require__(7967);
// EXTERNAL MODULE: ./src/http/error.ts
var http_error = __webpack_require__(4054);
;// CONCATENATED MODULE: ./src/registries/registry.ts


;// CONCATENATED MODULE: ./src/registries/messages.ts
// Turning what registries answer into sentences a person can act on: strip transport noise,
// classify by text (ClawHub answers every failure as a plain-text 400), never show a secret.


/** Without a final full stop, to be followed by our own sentence. */
function clause(text) {
    return text.replace(/[.\s]+$/, '');
}
/**
 * ClawHub (a Convex backend) wraps its messages in transport noise:
 * `[CONVEX M(skills:publish)] [Request ID: 7f..] Server Error Uncaught ConvexError: Version ...`.
 */
function stripWrappers(text) {
    let cleaned = text
        .replace(/\[CONVEX[^\]]*\]\s*/gi, '')
        .replace(/\[Request ID:[^\]]*\]\s*/gi, '')
        .trim();
    for (let i = 0; i < 4; i++) {
        const next = cleaned
            .replace(/^Server Error(?:\s+Called by client)?\s*/i, '')
            .replace(/^(?:Uncaught\s+)?(?:Convex)?Error:\s*/i, '')
            .replace(/^\s*at\s.*$/gm, '')
            .trim();
        if (next === cleaned)
            break;
        cleaned = next;
    }
    return cleaned;
}
/** The message inside the JSON error shapes registries use, else the stripped text itself. */
function errorText(body) {
    try {
        const parsed = JSON.parse(body);
        const found = findMessage(parsed);
        if (found)
            return stripWrappers(found);
    }
    catch {
        // A text body: shown as it is, without wrappers.
    }
    return stripWrappers(body);
}
function findMessage(value) {
    if (typeof value === 'string')
        return value;
    if (!value || typeof value !== 'object')
        return undefined;
    const record = value;
    // FastSkill: {error: {code, message}}; Artifactory: {errors: [{status, message}]}; others: {message} / {error: "..."}.
    if (Array.isArray(record.errors)) {
        const messages = record.errors.map(findMessage).filter((m) => Boolean(m));
        if (messages.length)
            return messages.join('; ');
    }
    for (const key of ['error', 'message', 'detail']) {
        const found = record[key] === null ? undefined : findMessage(record[key]);
        if (found)
            return found;
    }
    return undefined;
}
/** Classify a ClawHub failure by status and text (the API gives no error codes). */
function classifyClawHubError(status, body, skill) {
    const detail = errorText(body);
    const text = detail.toLowerCase();
    const { slug, version } = skill;
    if (status === 401 || (status === 403 && /token|unauthori[sz]ed|revoked/.test(text))) {
        return {
            kind: 'auth',
            detail,
            advice: 'check the ClawHub token (input token or CLAWHUB_TOKEN): it may be missing, mistyped, revoked or for another account.'
        };
    }
    if (status === 429 || /rate limit/.test(text)) {
        return { kind: 'rate-limited', detail, advice: 'ClawHub is rate-limiting this token; run again later or publish fewer skills per run.' };
    }
    if (/version .*already exists|already exists/.test(text)) {
        return {
            kind: 'version-exists',
            detail,
            advice: `version ${version} of ${slug} is already published with other content; bump the version.`
        };
    }
    if (/slug .*(taken|in use|reserved)|existing skill:/.test(text)) {
        return {
            kind: 'slug-taken',
            detail,
            advice: `the slug ${slug} belongs to another owner (or is reserved); rename the skill, or set owner-handle if you publish for an organisation that owns it.`
        };
    }
    if (/semver/.test(text)) {
        return { kind: 'invalid-semver', detail, advice: `"${version}" is not a valid semantic version (like 1.2.3); fix the version.` };
    }
    if (/exceeds .*limit|too large|payload too large/.test(text) || status === 413) {
        return {
            kind: 'too-large',
            detail,
            advice: 'ClawHub takes at most 10 MB a file and 50 MB a skill; remove large files or add them to .clawhubignore.'
        };
    }
    if (/license/.test(text)) {
        return {
            kind: 'license',
            detail,
            advice: 'ClawHub publishes skills under MIT-0 and needs the license terms accepted; check that the registry is a ClawHub-compatible server.'
        };
    }
    return {
        kind: 'other',
        detail,
        advice: status >= 500 ? 'ClawHub had an internal error; run again later.' : 'fix what the registry names and run again.'
    };
}
/** A generic failure: what was done, where, what came back, and a hint by status. */
function httpFailure(response, scrub, hint) {
    const said = errorText(response.text);
    const answer = said ? `: ${clause((0,http_scrub/* excerpt */.K)(said, 300))}` : ' with an empty body';
    const advice = hint ?? statusHint(response.status, response.retryAfterMs);
    const where = `${response.url.origin}${response.url.pathname}`;
    return new http_error/* RegistryError */.g(scrub(`${response.what} failed: ${response.method} ${where} answered ${response.status}${answer}. ${advice}`), {
        status: response.status,
        retryable: response.status === 408 || response.status === 429 || response.status >= 500
    });
}
function statusHint(status, retryAfterMs) {
    if (status === 401)
        return 'Check the token: is it set, mistyped, expired or for another server?';
    if (status === 403)
        return 'The token is valid but lacks the permission for this; check its role or the repository permissions.';
    if (status === 404)
        return 'Check the target URL (and the repository key).';
    if (status === 429) {
        const wait = retryAfterMs !== undefined ? ` (it asked to wait ${Math.ceil(retryAfterMs / 1000)} s)` : '';
        return `The registry is rate-limiting${wait}; run again later.`;
    }
    if (status >= 500)
        return 'The registry had a server error; run again later.';
    return 'Fix what the registry names and run again.';
}

;// CONCATENATED MODULE: ./src/registries/fastskill.ts





const DUPLICATE = /already exists/i;
class FastSkillRegistry {
    options;
    kind = 'fastskill';
    flavour = 'fastskill';
    target;
    claims;
    scope;
    now;
    /** Jobs from an upload sent again after a failure that may have stored the first copy. */
    resentJobs = new Set();
    /** Where the publish API answered (an unversioned path may redirect to /api/v1/...). */
    publishUrl;
    constructor(options) {
        this.options = options;
        this.target = options.baseUrl.replace(/\/+$/, '');
        this.claims = options.token ? decodeJwt(options.token) : undefined;
        this.scope = scopeOf(this.claims?.sub);
        this.now = options.now ?? Date.now;
        this.publishUrl = new URL('api/registry/publish', `${this.target}/`);
    }
    /** FastSkill has no lookup by name and version: a duplicate surfaces as a rejected job. */
    async find(_pkg) {
        return undefined;
    }
    async publish(pkg) {
        const id = this.skillId(pkg.name);
        const what = `publishing ${id} ${pkg.version} to FastSkill (${this.target})`;
        this.options.logger.info(`Publishing: ${pkg.fileName} as ${id} v${pkg.version}${this.scope ? ` (scope ${this.scope} from the token)` : ''}`);
        const form = new client.FormData();
        form.append('file', await (0,client.fileBlob)(pkg.zipPath, 'application/zip'), pkg.fileName);
        // No idempotency key and no lookup: after an ambiguous failure we send again. The worst case
        // is a second job rejected as a duplicate, never a second publication; status() says so.
        const outcome = await this.options.http.upload({ method: 'POST', url: this.publishUrl, body: form, what }, async () => false);
        if (outcome.landed)
            throw new http_error/* RegistryError */.g(`${what}: unexpected upload outcome`);
        const response = outcome.response;
        if (!response.ok)
            throw this.failure(response, pkg.name);
        const job = this.jobOf(response);
        if (!job.jobId) {
            throw new http_error/* RegistryError */.g(this.options.http.scrub(`${what}: the registry accepted the upload but answered without a job id ("${(0,http_scrub/* excerpt */.K)(response.text)}"); check that the target is a FastSkill registry.`));
        }
        this.publishUrl = response.url;
        if (outcome.resentAfterAmbiguousFailure)
            this.resentJobs.add(job.jobId);
        const statusUrl = this.statusUrl(job.jobId);
        this.options.logger.info(`Package queued: ${pkg.name} v${pkg.version} (job: ${job.jobId})`);
        this.options.logger.info(`Check status with: GET ${statusUrl.href}`);
        return {
            name: pkg.name,
            version: pkg.version,
            jobId: job.jobId,
            url: statusUrl.href,
            state: this.stateOf(job, { name: pkg.name, version: pkg.version })
        };
    }
    async status(publication) {
        if (!publication.jobId) {
            throw new http_error/* RegistryError */.g(`checking ${this.skillId(publication.name)} ${publication.version} on FastSkill: the publication has no job id; publish it again.`);
        }
        const what = `checking the validation job ${publication.jobId} of ${this.skillId(publication.name)} ${publication.version}`;
        const response = await this.options.http.request({ url: this.statusUrl(publication.jobId), what });
        if (response.status === 404) {
            throw new http_error/* RegistryError */.g(`${what}: the registry does not know this job (404). It may have been cleaned up or the registry restarted; check ${this.skillId(publication.name)} on the registry, or publish again.`, { status: 404 });
        }
        if (response.status === 429 || response.status === 503) {
            return { verdict: 'pending', messages: [], retryAfterMs: response.retryAfterMs };
        }
        if (!response.ok)
            throw this.failure(response, publication.name);
        return this.stateOf(this.jobOf(response), publication, publication.jobId);
    }
    /** FastSkill cannot be asked about a version without the job id. */
    async lookup(_ref) {
        return undefined;
    }
    async remove(ref) {
        throw new http_error/* RegistryError */.g(`removing ${this.skillId(ref.name)} ${ref.version}: the FastSkill API has no way to delete a version; remove it on the registry server by hand.`);
    }
    /** The id the server will give the skill: `{scope}/{name}` with the scope from the token. */
    skillId(name) {
        return this.scope ? `${this.scope}/${name}` : name;
    }
    statusUrl(jobId) {
        return new URL(`${this.publishUrl.pathname.replace(/\/+$/, '')}/status/${encodeURIComponent(jobId)}`, this.publishUrl);
    }
    jobOf(response) {
        const envelope = response.json();
        if (envelope?.success === false || !envelope?.data) {
            const said = envelope?.error?.message ?? 'no data';
            throw new http_error/* RegistryError */.g(this.options.http.scrub(`${response.what} failed: the registry answered ${response.status} but reported failure: ${clause((0,http_scrub/* excerpt */.K)(said))}.`));
        }
        return envelope.data;
    }
    stateOf(job, skill, jobId) {
        const message = job.message ? [job.message] : [];
        const url = job.blobStorageUrl ?? undefined;
        switch (job.status) {
            case 'pending':
            case 'validating':
                return { verdict: 'pending', messages: message };
            case 'accepted':
                return { verdict: 'accepted', messages: message, url };
            case 'rejected': {
                const resent = jobId !== undefined && this.resentJobs.has(jobId);
                const errors = (job.validationErrors ?? []).map((error) => this.explainValidationError(error, skill, resent));
                return {
                    verdict: 'rejected',
                    messages: errors.length ? errors : message.length ? message : ['the registry rejected the package without saying why']
                };
            }
            default:
                return { verdict: 'pending', messages: [`the job reports an unknown status "${job.status}"; still waiting`] };
        }
    }
    explainValidationError(error, skill, resent) {
        if (!DUPLICATE.test(error))
            return error;
        const id = this.skillId(skill.name);
        if (resent) {
            return (`version ${skill.version} of ${id} already exists. The first upload of this run lost its connection and was sent again, ` +
                `so the existing version is probably this run's own upload; check ${id} ${skill.version} on the registry before bumping the version. (${error})`);
        }
        return `version ${skill.version} of ${id} is already published; bump the version. (${error})`;
    }
    failure(response, name) {
        const scrub = this.options.http.scrub;
        if (response.status === 401)
            return httpFailure(response, scrub, this.unauthorizedHint());
        if (response.status === 403) {
            const said = errorText(response.text);
            const hint = /permission|role/i.test(said) || !said
                ? `Publishing needs a token with the manager (or admin) role; ask the registry admin for one${this.claims?.role ? ` (this token's role: ${String(this.claims.role)})` : ''}.`
                : `Check that the token may publish to the scope ${this.scope ?? '(unknown)'} for ${this.skillId(name)}.`;
            return httpFailure(response, scrub, hint);
        }
        return httpFailure(response, scrub);
    }
    unauthorizedHint() {
        if (!this.options.token) {
            return 'No token was sent: set the token input or FASTSKILL_API_TOKEN (a dev server issues one at POST /auth/token).';
        }
        const expired = expiredAt(this.claims, this.now());
        if (expired)
            return `The token expired at ${expired.toISOString()}; get a new one (token input or FASTSKILL_API_TOKEN).`;
        return (`Check the token (token input or FASTSKILL_API_TOKEN): is it complete, not expired, and issued by this server (${this.target})? ` +
            'A token from another registry is refused the same way.');
    }
}

;// CONCATENATED MODULE: ./src/registries/clawhub.ts




const DISCOVERY_PATHS = ['.well-known/clawhub.json', '.well-known/clawdhub.json'];
class ClawHubRegistry {
    options;
    kind = 'clawhub';
    flavour = 'clawhub';
    target;
    apiBase;
    constructor(options) {
        this.options = options;
        this.target = options.siteUrl.replace(/\/+$/, '');
    }
    async find(pkg) {
        const slug = pkg.name;
        const query = { slug, hash: pkg.fingerprint };
        if (this.options.ownerHandle)
            query.ownerHandle = this.options.ownerHandle;
        const response = await this.get(`resolve`, `looking up ${slug} ${pkg.version} on ClawHub`, query);
        if (response.status === 404)
            return undefined;
        if (!response.ok)
            throw this.failure(response, pkg);
        const answer = response.json();
        const page = this.pageUrl(slug);
        if (answer.match) {
            if (answer.match.version && answer.match.version !== pkg.version) {
                this.options.logger.info(`${slug}: this exact content is already published on ClawHub as version ${answer.match.version}`);
            }
            return { sameContent: true, remoteDigest: pkg.fingerprint, url: page };
        }
        if (answer.latestVersion?.version === pkg.version)
            return { sameContent: false, url: page };
        if (!answer.latestVersion)
            return undefined;
        // An older version than the latest can still be ours: ask for it directly.
        const version = await this.get(this.versionPath(slug, pkg.version), `looking up ${slug} ${pkg.version} on ClawHub`);
        return version.status === 200 || version.status === 423 ? { sameContent: false, url: page } : undefined;
    }
    async publish(pkg) {
        const what = `publishing ${pkg.name} ${pkg.version} to ClawHub (${this.target})`;
        const form = await this.form(pkg);
        const url = await this.api('skills');
        // Sent again after an ambiguous failure only when resolve shows the first copy did not land.
        const outcome = await this.options.http.upload({ method: 'POST', url, body: form, what }, async () => (await this.find(pkg))?.sameContent === true);
        const page = this.pageUrl(pkg.name);
        if (outcome.landed) {
            return {
                name: pkg.name,
                version: pkg.version,
                url: page,
                state: { verdict: 'pending', messages: ['the upload landed although its answer was lost'] }
            };
        }
        const response = outcome.response;
        if (!response.ok)
            throw this.failure(response, pkg);
        const answer = response.json();
        const status = answer.publicationStatus ?? answer.status;
        this.options.logger.info(`Published ${pkg.name}@${pkg.version} to ClawHub${answer.versionId ? ` (${answer.versionId})` : ''}${status ? `: ${status}` : ''}`);
        const messages = status === 'pending' ? ['ClawHub holds the version back until its scan finishes'] : [];
        return { name: pkg.name, version: pkg.version, jobId: answer.versionId, url: page, state: { verdict: 'pending', messages } };
    }
    async status(publication) {
        const state = await this.stateOf(publication);
        return state ?? { verdict: 'pending', messages: ['the version is not visible yet'] };
    }
    async lookup(ref) {
        return this.stateOf(ref);
    }
    /** ClawHub deletes whole skills, never one version: refusing is safer than deleting them all. */
    async remove(ref) {
        throw new http_error/* RegistryError */.g(`removing ${ref.name} ${ref.version} from ClawHub: ClawHub can only delete a whole skill, not one version; ` +
            'skillpub will not do that for you. Hide or delete the version on clawhub.ai by hand.');
    }
    /** Visibility first (a hidden version has no public scan), then the scan verdict. Undefined: unknown version. */
    async stateOf(ref) {
        const what = `checking ${ref.name} ${ref.version} on ClawHub`;
        const url = this.pageUrl(ref.name);
        const version = await this.get(this.versionPath(ref.name, ref.version), what);
        const said = errorText(version.text);
        switch (version.status) {
            case 200:
                break;
            case 404:
                return undefined;
            case 423:
                return { verdict: 'pending', messages: ['the version is held back while its scan runs'], url };
            case 403:
                return { verdict: 'blocked', scan: 'hidden', messages: [`ClawHub moderation hid this version${said ? `: ${said}` : ''}`], url };
            case 410:
                return { verdict: 'rejected', messages: [`ClawHub removed this version${said ? `: ${said}` : ''}`], url };
            case 429:
                return { verdict: 'pending', messages: [], url, retryAfterMs: version.retryAfterMs };
            default:
                throw httpFailure(version, this.options.http.scrub);
        }
        const scan = await this.get(`skills/${encodeURIComponent(ref.name)}/scan`, what, { version: ref.version });
        if (scan.status === 404)
            return { verdict: 'published', messages: ['this ClawHub server reports no scan for the version'], url };
        if (scan.status === 429)
            return { verdict: 'pending', messages: [], url, retryAfterMs: scan.retryAfterMs };
        if (!scan.ok)
            throw httpFailure(scan, this.options.http.scrub);
        return { ...this.scanVerdict(scan.json()), url };
    }
    scanVerdict(answer) {
        const status = answer.security?.status;
        const reasons = [answer.security?.summary, ...(answer.security?.reasons ?? []), answer.moderation?.summary].filter((reason) => typeof reason === 'string' && reason.length > 0);
        switch (status) {
            case 'clean':
                return { verdict: 'approved', scan: status, messages: reasons };
            case 'malicious':
                return { verdict: 'blocked', scan: status, messages: [`ClawHub's scan found the skill malicious`, ...reasons] };
            case 'suspicious':
                return this.options.allowSuspicious
                    ? {
                        verdict: 'approved',
                        scan: status,
                        messages: [`warning: ClawHub's scan flagged the skill as suspicious (allowed by allow-suspicious)`, ...reasons]
                    }
                    : {
                        verdict: 'blocked',
                        scan: status,
                        messages: [
                            `ClawHub's scan flagged the skill as suspicious; review the findings, or set allow-suspicious to accept them`,
                            ...reasons
                        ]
                    };
            case 'error':
                // A failed scan is ClawHub's problem, not a verdict on the skill, and ClawHub re-runs
                // scans: keep waiting, and let the pipeline's deadline and on-scan-timeout decide.
                return {
                    verdict: 'pending',
                    scan: status,
                    messages: [`ClawHub's scan of this version failed on ClawHub's side; waiting in case it is re-run`, ...reasons]
                };
            case 'pending':
            case undefined:
                return { verdict: 'pending', scan: status, messages: reasons };
            default:
                return {
                    verdict: 'pending',
                    scan: status,
                    messages: [`ClawHub reports an unknown scan status "${status}"; still waiting`, ...reasons]
                };
        }
    }
    async form(pkg) {
        const payload = {
            slug: pkg.name,
            displayName: displayName(pkg.name),
            version: pkg.version,
            changelog: this.options.changelog ?? '',
            acceptLicenseTerms: true,
            ...(this.options.tags?.length ? { tags: this.options.tags } : {}),
            ...(this.options.ownerHandle ? { ownerHandle: this.options.ownerHandle.replace(/^@+/, '') } : {}),
            ...(this.options.source ? { source: provenance(this.options.source, pkg) } : {})
        };
        const form = new client.FormData();
        form.append('payload', JSON.stringify(payload));
        for (const file of pkg.files) {
            if (file.path.toLowerCase() === 'skill-card.md')
                continue;
            form.append('files', await (0,client.fileBlob)(file.absolutePath, contentType(file.path)), file.path);
        }
        return form;
    }
    versionPath(slug, version) {
        return `skills/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}`;
    }
    async get(path, what, query = {}) {
        const url = await this.api(path);
        for (const [name, value] of Object.entries(query))
            url.searchParams.set(name, value);
        return this.options.http.request({ url, what });
    }
    async api(path) {
        this.apiBase ??= this.discover();
        const base = await this.apiBase;
        return new URL(`api/v1/${path}`, `${base.href.replace(/\/+$/, '')}/`);
    }
    pageUrl(slug) {
        return `${this.target}/skills/${encodeURIComponent(slug)}`;
    }
    /** The well-known document names the API base (maybe relative); without one the site is the API. */
    async discover() {
        const site = new URL(`${this.target}/`);
        for (const path of DISCOVERY_PATHS) {
            let response;
            try {
                response = await this.options.http.request({ url: new URL(path, site), what: 'discovering the ClawHub API', anonymous: true });
            }
            catch (error) {
                if (error instanceof http_error/* RegistryError */.g && !error.options.retryable)
                    throw error;
                this.options.logger.debug(`ClawHub discovery at ${site.href}${path} failed: ${error.message}`);
                continue;
            }
            if (!response.ok)
                continue;
            const document = response.jsonOrUndefined();
            const base = typeof document?.apiBase === 'string' ? document.apiBase : typeof document?.registry === 'string' ? document.registry : undefined;
            if (!base) {
                this.options.logger.debug(`ClawHub discovery document at ${site.href}${path} names no API base: ${(0,http_scrub/* excerpt */.K)(response.text, 120)}`);
                continue;
            }
            const resolved = new URL(base, site);
            this.options.logger.debug(`ClawHub API base: ${resolved.href}`);
            return resolved;
        }
        return site;
    }
    failure(response, pkg) {
        const classified = classifyClawHubError(response.status, response.text, { slug: pkg.name, version: pkg.version });
        if (classified.kind === 'other' && response.status !== 400)
            return httpFailure(response, this.options.http.scrub);
        const wait = classified.kind === 'rate-limited' && response.retryAfterMs !== undefined
            ? ` (ClawHub asked to wait ${Math.ceil(response.retryAfterMs / 1000)} s)`
            : '';
        return new http_error/* RegistryError */.g(this.options.http.scrub(`${response.what} failed (${classified.kind}): ${clause((0,http_scrub/* excerpt */.K)(classified.detail, 300)) || `HTTP ${response.status}`}${wait}. To fix: ${classified.advice}`), { status: response.status, retryable: classified.kind === 'rate-limited' });
    }
}
/** `pdf-tools` -> `Pdf Tools`, as the official client titles a folder name. */
function displayName(slug) {
    return slug
        .split('-')
        .filter(Boolean)
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(' ');
}
function contentType(path) {
    if (/\.md$/i.test(path))
        return 'text/markdown';
    if (/\.json$/i.test(path))
        return 'application/json';
    if (/\.(txt|ya?ml|toml|py|js|ts|sh)$/i.test(path))
        return 'text/plain';
    return 'application/octet-stream';
}
/** ClawHub links a version to the commit and folder it was built from. */
function provenance(source, pkg) {
    return { kind: 'github', url: source.url, repo: source.repository, ref: source.ref, commit: source.commit, path: pkg.skillPath };
}

;// CONCATENATED MODULE: ./src/registries/artifactory.ts


/** Xray gate answers that mean "no scan will run": the version passes as published. */
const NO_SCAN = {
    NOT_IN_ENTITLEMENT: 'no scan ran: this Artifactory is not entitled to Xray scanning of skills',
    XRAY_DISABLED_FOR_REPO: 'no scan ran: Xray scanning is disabled for this repository'
};
class ArtifactoryRegistry {
    options;
    kind = 'artifactory';
    flavour = 'artifactory';
    target;
    base;
    skillsApi;
    constructor(options) {
        this.options = options;
        this.base = options.baseUrl.replace(/\/+$/, '');
        this.target = `${this.base}/${options.repository}`;
        this.skillsApi = `${this.base}/api/skills/${encodeURIComponent(options.repository)}`;
    }
    async find(pkg) {
        const stored = await this.storedVersion(pkg, `looking up ${pkg.name} ${pkg.version} in ${this.target}`);
        if (!stored)
            return undefined;
        const remote = stored.fingerprint?.toLowerCase();
        const sameContent = remote !== undefined && (remote === pkg.sha256.toLowerCase() || remote === pkg.fingerprint.toLowerCase());
        return { sameContent, remoteDigest: stored.fingerprint ?? undefined, url: this.artifactUrl(pkg) };
    }
    async publish(pkg) {
        const what = `publishing ${pkg.name} ${pkg.version} to ${this.target}`;
        const request = this.options.uploadMethod === 'rest'
            ? { method: 'POST', url: `${this.skillsApi}/api/v1/skills`, body: await this.form(pkg), what }
            : {
                method: 'PUT',
                url: this.artifactUrl(pkg),
                body: await (0,client.fileBlob)(pkg.zipPath, 'application/zip'),
                headers: { 'content-type': 'application/zip', 'x-checksum-sha256': pkg.sha256, 'x-checksum-sha1': pkg.sha1 },
                what
            };
        // Sent again after an ambiguous failure only when the versions API shows our content is not there.
        const outcome = await this.options.http.upload(request, async () => (await this.find(pkg))?.sameContent === true);
        if (!outcome.landed && !outcome.response.ok)
            throw this.failure(outcome.response, pkg.name);
        this.options.logger.info(`Deployed ${pkg.name} ${pkg.version} to ${this.target}`);
        return { name: pkg.name, version: pkg.version, url: this.artifactUrl(pkg), state: { verdict: 'pending', messages: [] } };
    }
    async status(publication) {
        return this.scanGate(publication);
    }
    async lookup(ref) {
        const stored = await this.storedVersion(ref, `checking ${ref.name} ${ref.version} in ${this.target}`);
        return stored ? this.scanGate(ref) : undefined;
    }
    async remove(ref) {
        const what = `removing ${ref.name} ${ref.version} from ${this.target}`;
        const url = `${this.target}/${encodeURIComponent(ref.name)}/${encodeURIComponent(ref.version)}/`;
        const response = await this.options.http.request({ method: 'DELETE', url, what });
        // Already gone is what we wanted.
        if (!response.ok && response.status !== 404)
            throw this.failure(response, ref.name);
        this.options.logger.info(`Removed ${ref.name} ${ref.version} from ${this.target}`);
    }
    /** The Xray gate. Unknown answers stay pending: the pipeline's deadline and on-scan-timeout decide. */
    async scanGate(ref) {
        const what = `checking the Xray scan of ${ref.name} ${ref.version} in ${this.target}`;
        const path = encodeURIComponent(this.artifactPath(ref));
        const response = await this.options.http.request({ url: `${this.skillsApi}/xrayStatus?path=${path}`, what });
        const url = this.artifactUrl(ref);
        if (response.status === 429)
            return { verdict: 'pending', messages: [], url, retryAfterMs: response.retryAfterMs };
        if (!response.ok)
            throw this.failure(response, ref.name);
        const status = response.json().status;
        const scan = typeof status === 'string' ? status : undefined;
        if (scan && NO_SCAN[scan])
            return { verdict: 'published', scan, messages: [NO_SCAN[scan]], url };
        switch (scan) {
            case 'APPROVED':
                return { verdict: 'approved', scan, messages: [], url };
            case 'BLOCKED':
                return {
                    verdict: 'blocked',
                    scan,
                    messages: [
                        'Xray found the skill malicious or against policy (BLOCKED); it stays in the repository for an administrator to review'
                    ],
                    url
                };
            case 'SCAN_IN_PROGRESS':
                return { verdict: 'pending', scan, messages: [], url };
            default:
                return {
                    verdict: 'pending',
                    scan,
                    messages: [`Artifactory reports an unknown scan status "${String(status)}"; still waiting`],
                    url
                };
        }
    }
    async storedVersion(ref, what) {
        const url = `${this.skillsApi}/api/v1/skills/${encodeURIComponent(ref.name)}/versions`;
        const response = await this.options.http.request({ url, what });
        // 404 means "no such skill", unless it is the repository that is missing: a setup error,
        // which must not read as "not published yet" (the merge gate would wave it through).
        if (response.status === 404 && !/repositor/i.test(errorText(response.text)))
            return undefined;
        if (!response.ok)
            throw this.failure(response, ref.name);
        return response.json().versions?.find((entry) => entry.version === ref.version);
    }
    async form(pkg) {
        const payload = {
            slug: pkg.name,
            version: pkg.version,
            ...(this.options.changelog ? { changelog: this.options.changelog } : {}),
            ...(this.options.tags?.length ? { tags: this.options.tags } : {})
        };
        const form = new client.FormData();
        form.append('payload', JSON.stringify(payload));
        for (const file of pkg.files)
            form.append('files[]', await (0,client.fileBlob)(file.absolutePath), file.path);
        return form;
    }
    /** `{slug}/{version}/{slug}-{version}.zip`, the layout Artifactory reads identity from. */
    artifactPath(ref) {
        return `${ref.name}/${ref.version}/${ref.name}-${ref.version}.zip`;
    }
    artifactUrl(ref) {
        return `${this.target}/${this.artifactPath(ref).split('/').map(encodeURIComponent).join('/')}`;
    }
    failure(response, name) {
        const hints = {
            401: 'Check the credentials: the token (Bearer), or username plus token (Basic); are they set, mistyped or expired?',
            403: `The credentials lack permission on the repository ${this.options.repository} for ${name} (deploy, or delete/overwrite for an existing version); ask an Artifactory admin.`,
            404: `Check the Artifactory URL (it ends in /artifactory) and that the repository ${this.options.repository} exists and is a Skills repository.`
        };
        return httpFailure(response, this.options.http.scrub, hints[response.status]);
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/core/package/build.ts + 2 modules
var build = __webpack_require__(7718);
// EXTERNAL MODULE: ./src/core/package/rules.ts
var rules = __webpack_require__(5891);
;// CONCATENATED MODULE: ./src/registries/local.ts
// A registry that is a folder: packages copied in (flat, or `{name}/{version}/`), with an
// `index.json` listing what the folder holds. Useful for CI artifacts, mirrors and tests.
//
// - Every write is atomic (a temporary file in the same folder, then rename), so a reader sees the
//   old state or the new one, never half a zip or half an index.
// - The zip on disk is the truth: `find` hashes it rather than trusting the index, which is a
//   catalogue (repaired when it misses a package that is there).
// - Writes to one folder are serialised within the process, so concurrent publishes cannot lose
//   index entries. Separate processes writing one folder at once are not coordinated.








const INDEX_FILE = 'index.json';
// One queue per folder for the whole process: two LocalRegistry objects on one folder share it.
const queues = new Map();
class LocalRegistry {
    kind = 'local';
    flavour = 'fastskill';
    target;
    layout;
    force;
    now;
    constructor(options) {
        this.target = (0,external_node_path_.resolve)(options.target);
        this.layout = options.layout;
        this.force = options.force;
        this.now = options.now ?? (() => new Date());
    }
    async find(pkg) {
        const stored = await this.storedFile(pkg);
        const digest = await sha256OfFile((0,external_node_path_.join)(this.target, stored));
        if (digest === undefined)
            return undefined;
        return { sameContent: digest === pkg.sha256, remoteDigest: `sha256:${digest}`, url: this.urlOf(stored) };
    }
    async publish(pkg) {
        checkPathPart('name', pkg.name);
        checkPathPart('version', pkg.version);
        return this.serialised(async () => {
            await this.ensureFolder();
            const stored = await this.storedFile(pkg);
            const existing = await this.find(pkg);
            const messages = [];
            if (existing?.sameContent) {
                messages.push(`${pkg.name}@${pkg.version} is already in ${this.target} with the same content (sha256:${pkg.sha256}).`);
            }
            else {
                if (existing && !this.force) {
                    throw new http_error/* RegistryError */.g(`${pkg.name}@${pkg.version} is already in ${this.target} (${stored}) with other content: ` +
                        `stored ${existing.remoteDigest}, new sha256:${pkg.sha256}. Publish a new version, or use force to replace it.`);
                }
                await this.copyIn(pkg, stored);
                if (existing)
                    messages.push(`Replaced ${stored} (was ${existing.remoteDigest}).`);
            }
            await this.record(pkg, stored, existing?.sameContent === true);
            const url = this.urlOf(stored);
            return { name: pkg.name, version: pkg.version, url, state: { verdict: 'published', messages, url } };
        });
    }
    async status(publication) {
        const state = await this.lookup(publication);
        if (state)
            return state;
        throw new http_error/* RegistryError */.g(`${publication.name}@${publication.version} is no longer in ${this.target}: it was removed after publishing.`);
    }
    async lookup(ref) {
        checkPathPart('name', ref.name);
        checkPathPart('version', ref.version);
        const stored = await this.storedFile(ref);
        if (!(await isFile((0,external_node_path_.join)(this.target, stored))))
            return undefined;
        const url = this.urlOf(stored);
        return { verdict: 'published', messages: [], url };
    }
    async remove(ref) {
        checkPathPart('name', ref.name);
        checkPathPart('version', ref.version);
        await this.serialised(async () => {
            const stored = await this.storedFile(ref);
            await (0,promises_.unlink)((0,external_node_path_.join)(this.target, stored)).catch(ignoreMissing);
            if (this.layout === 'nested' || stored.includes('/'))
                await removeEmptyParents(this.target, stored);
            const index = await this.readIndex();
            const kept = index.packages.filter((entry) => !(entry.name === ref.name && entry.version === ref.version));
            if (kept.length !== index.packages.length)
                await this.writeIndex({ version: 1, packages: kept });
        });
    }
    /** The stored zip's path relative to the folder: the index's word first, then the layout's. */
    async storedFile(ref) {
        const entry = (await this.readIndex()).packages.find((e) => e.name === ref.name && e.version === ref.version);
        if (entry)
            return entry.file;
        const fileName = (0,build/* packageFileName */.ci)(ref.name, ref.version);
        return this.layout === 'nested' ? `${ref.name}/${ref.version}/${fileName}` : fileName;
    }
    urlOf(stored) {
        return (0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(this.target, stored)).href;
    }
    serialised(work) {
        const previous = queues.get(this.target) ?? Promise.resolve();
        const next = previous.catch(() => undefined).then(work);
        queues.set(this.target, next);
        return next;
    }
    async ensureFolder() {
        const existing = await (0,promises_.stat)(this.target).catch(() => undefined);
        if (existing && !existing.isDirectory()) {
            throw new http_error/* RegistryError */.g(`The local registry target ${this.target} is a file, not a folder. Point the target at a folder (it is created when missing).`);
        }
        try {
            await (0,promises_.mkdir)(this.target, { recursive: true });
            await (0,promises_.access)(this.target, promises_.constants.W_OK);
        }
        catch (error) {
            throw this.folderError(error);
        }
    }
    folderError(error) {
        const code = error.code;
        if (code === 'ENOTDIR' || code === 'EEXIST') {
            return new http_error/* RegistryError */.g(`The local registry target ${this.target} cannot be a folder: part of its path is a file.`, { cause: error });
        }
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
            return new http_error/* RegistryError */.g(`The local registry target ${this.target} is not writable (${code}). Choose a folder this run may write to.`, { cause: error });
        }
        return new http_error/* RegistryError */.g(`Cannot use ${this.target} as a local registry: ${error.message}`, { cause: error });
    }
    async copyIn(pkg, stored) {
        const destination = (0,external_node_path_.join)(this.target, stored);
        try {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(destination), { recursive: true });
            const temporary = temporaryName(destination);
            try {
                await (0,promises_.copyFile)(pkg.zipPath, temporary);
                const copied = await sha256OfFile(temporary);
                if (copied !== pkg.sha256) {
                    throw new http_error/* RegistryError */.g(`${pkg.zipPath} changed after it was built (sha256:${copied}, expected sha256:${pkg.sha256}); package it again.`);
                }
                await (0,promises_.rename)(temporary, destination);
            }
            catch (error) {
                await (0,promises_.unlink)(temporary).catch(() => undefined);
                throw error;
            }
        }
        catch (error) {
            throw error instanceof http_error/* RegistryError */.g ? error : this.folderError(error);
        }
    }
    async record(pkg, stored, unchanged) {
        const index = await this.readIndex();
        const previous = index.packages.find((e) => e.name === pkg.name && e.version === pkg.version);
        if (unchanged && previous && previous.sha256 === pkg.sha256)
            return;
        const entry = {
            name: pkg.name,
            version: pkg.version,
            file: stored,
            sha256: pkg.sha256,
            fingerprint: pkg.fingerprint,
            size: pkg.size,
            publishedAt: unchanged && previous ? previous.publishedAt : this.now().toISOString()
        };
        const packages = [...index.packages.filter((e) => e !== previous), entry].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
        await this.writeIndex({ version: 1, packages });
    }
    async readIndex() {
        const path = (0,external_node_path_.join)(this.target, INDEX_FILE);
        let text;
        try {
            text = await (0,promises_.readFile)(path, 'utf8');
        }
        catch (error) {
            if (isMissing(error))
                return { version: 1, packages: [] };
            throw this.folderError(error);
        }
        try {
            const parsed = JSON.parse(text);
            if (!Array.isArray(parsed.packages))
                throw new Error('no "packages" list');
            // The index names files to hash and overwrite: it must not point outside the folder.
            const outside = parsed.packages.find((entry) => typeof entry?.file !== 'string' || (0,rules/* unsafeEntryReason */.Xj)(entry.file) !== undefined);
            if (outside)
                throw new Error(`entry ${JSON.stringify(outside)} names a file outside the folder`);
            return { version: 1, packages: parsed.packages };
        }
        catch (error) {
            throw new http_error/* RegistryError */.g(`${path} is not a skillpub index (${error.message}). Fix it, or move it away to start a new one.`, { cause: error });
        }
    }
    async writeIndex(index) {
        const path = (0,external_node_path_.join)(this.target, INDEX_FILE);
        const temporary = temporaryName(path);
        try {
            await (0,promises_.writeFile)(temporary, `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' });
            await (0,promises_.rename)(temporary, path);
        }
        catch (error) {
            await (0,promises_.unlink)(temporary).catch(() => undefined);
            throw this.folderError(error);
        }
    }
}
/** Names and versions become path segments: nothing that could climb out or split. */
function checkPathPart(what, value) {
    if (value === '' || value === '.' || value === '..' || /[/\\:\u0000-\u001f\u007f]/.test(value)) {
        throw new http_error/* RegistryError */.g(`Cannot store ${JSON.stringify(value)} as a ${what} in a local registry: it must be a plain file-name part.`);
    }
}
function temporaryName(path) {
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${path.slice((0,external_node_path_.dirname)(path).length + 1)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
}
async function sha256OfFile(path) {
    if (!(await isFile(path)))
        return undefined;
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
async function isFile(path) {
    return (await (0,promises_.stat)(path).catch(() => undefined))?.isFile() === true;
}
async function removeEmptyParents(root, stored) {
    const parts = stored.split('/').slice(0, -1);
    for (let depth = parts.length; depth > 0; depth--) {
        try {
            await (0,promises_.rmdir)((0,external_node_path_.join)(root, ...parts.slice(0, depth)));
        }
        catch {
            return; // not empty (other versions) or already gone
        }
    }
}
function isMissing(error) {
    const code = error.code;
    return code === 'ENOENT' || code === 'ENOTDIR';
}
function ignoreMissing(error) {
    if (!isMissing(error))
        throw error;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/registries/create.ts






function createRegistry(config, options) {
    if (config.kind === 'local') {
        if (!config.target)
            throw new http_error/* RegistryError */.g('the local registry needs a folder: set the target to a path.');
        return new LocalRegistry({ target: config.target, layout: config.layout, force: options.force });
    }
    const credentials = resolveCredentials(config);
    const http = new client.HttpClient({
        timeoutMs: config.requestTimeoutMs,
        retries: config.retries,
        ...options.http,
        logger: options.logger,
        authorization: credentials.authorization,
        secrets: credentials.secrets
    });
    switch (config.kind) {
        case 'fastskill':
            return new FastSkillRegistry({ baseUrl: credentials.target, token: credentials.token, http, logger: options.logger });
        case 'clawhub':
            return new ClawHubRegistry({
                siteUrl: credentials.target,
                http,
                logger: options.logger,
                ownerHandle: config.ownerHandle,
                changelog: config.changelog,
                tags: config.tags,
                allowSuspicious: options.allowSuspicious,
                source: config.source
            });
        case 'artifactory':
            return new ArtifactoryRegistry({
                baseUrl: credentials.target,
                repository: credentials.repository,
                uploadMethod: config.uploadMethod,
                http,
                logger: options.logger,
                changelog: config.changelog,
                tags: config.tags
            });
    }
}
/** Every secret string a run may carry for this registry, derived forms included (for core.setSecret). */
function secretsToMask(config) {
    if (config.kind === 'local')
        return [];
    return resolveCredentials(config).secrets;
}
function resolveCredentials(config) {
    switch (config.kind) {
        case 'fastskill':
            return bearer(parseUrl(config.target, 'FastSkill'), config.token);
        case 'clawhub':
            return bearer(parseUrl(config.target, 'ClawHub'), config.token);
        case 'artifactory':
            return artifactoryCredentials(config);
        case 'local':
            return { target: config.target, secrets: [] };
    }
}
function bearer(url, token) {
    const target = stripUserInfo(url);
    return token ? { target, token, authorization: `Bearer ${token}`, secrets: [token] } : { target, secrets: [] };
}
/**
 * Artifactory takes a Bearer token, or Basic `username:token`. Its own documents put the
 * credentials in the URL (`https://user:token@host/...`) and name the skills API URL as the
 * registry: accept both, and take them out of the URL so they never reach a log.
 */
function artifactoryCredentials(config) {
    if (!config.target)
        throw new http_error/* RegistryError */.g('the Artifactory URL is missing: set the target to https://<host>/artifactory.');
    const url = parseUrl(config.target, 'Artifactory');
    const username = config.username || decodeURIComponent(url.username) || undefined;
    const token = config.token || decodeURIComponent(url.password) || undefined;
    let target = stripUserInfo(url);
    let repository = config.repository;
    const skillsApi = /^(.*)\/api\/skills\/([^/]+)\/?$/.exec(target);
    if (skillsApi) {
        target = skillsApi[1];
        repository ||= decodeURIComponent(skillsApi[2]);
    }
    if (!repository) {
        throw new http_error/* RegistryError */.g(`the Artifactory repository key is missing: set the repository input to your Skills repository (for example skills-local).`);
    }
    if (!token)
        return { target, repository, secrets: [] };
    if (!username)
        return { target, repository, token, authorization: `Bearer ${token}`, secrets: [token] };
    const basic = Buffer.from(`${username}:${token}`).toString('base64');
    return { target, repository, token, authorization: `Basic ${basic}`, secrets: [token, `${username}:${token}`, basic] };
}
function parseUrl(target, registry) {
    try {
        const url = new URL(target.trim());
        if (url.protocol === 'http:' || url.protocol === 'https:')
            return url;
    }
    catch {
        // Reported below.
    }
    throw new http_error/* RegistryError */.g(`the ${registry} target "${target.replace(/\/\/[^@/]*@/, '//***@')}" is not an http(s) URL; set it to the registry's URL.`);
}
function stripUserInfo(url) {
    const clean = new URL(url.href);
    clean.username = '';
    clean.password = '';
    return clean.href.replace(/\/+$/, '');
}


/***/ })

};
