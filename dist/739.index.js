export const id = 739;
export const ids = [739];
export const modules = {

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

/***/ 8739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listPackageFiles: () => (/* binding */ listPackageFiles)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(905);
/* harmony import */ var _read_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4446);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5891);
/* harmony import */ var _walk_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6023);
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
    const { candidates, problems } = (0,_walk_js__WEBPACK_IMPORTED_MODULE_5__/* .walkSkill */ .jD)(root, {
        maxFileBytes: options.limits.maxFileBytes,
        maxFiles: options.limits.maxFiles,
        excludedDirs: realFolders(options.exclude ?? []),
        secretAllowed: (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .secretAllowance */ .Hp)(options.allowSecrets),
        onSkipped: options.onSkipped
    });
    if (!candidates.some((file) => file.path === 'SKILL.md')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .J(`Cannot package the skill in ${root}: there is no SKILL.md at its root (or an ignore file ` +
            'or a rule above leaves it out). A skill folder must hold SKILL.md.', root, ['SKILL.md']);
    }
    if (problems.length > 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problemsError */ .$)(root, problems);
    checkSkillSize(root, candidates, options.limits.maxSkillBytes);
    const selected = options.flavour === 'clawhub' ? clawhubSelection(candidates, options.onSkipped) : candidates;
    // Refused here, all at once, rather than one by one half-way through the zip.
    const unreadable = selected.flatMap((file) => readProblem(file));
    if (unreadable.length > 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problemsError */ .$)(root, unreadable);
    return selected
        .map(({ path, absolutePath, size, mode }) => ({ path, absolutePath, size, mode }))
        .sort((a, b) => (0,_walk_js__WEBPACK_IMPORTED_MODULE_5__/* .compareCodeUnits */ .UF)(a.path, b.path));
}
function resolveSkillRoot(skillDir) {
    try {
        const root = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(skillDir));
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(root).isDirectory())
            return root;
    }
    catch (error) {
        if (!(0,_walk_js__WEBPACK_IMPORTED_MODULE_5__/* .isMissing */ .b2)(error))
            throw error;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .J(`Cannot package the skill in ${skillDir}: it is not a folder.`, skillDir);
}
function realFolders(folders) {
    return new Set(folders.map((folder) => realFolder((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(folder))));
}
function realFolder(folder) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(folder);
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .J(`Cannot package the skill in ${root}: its files add up to ${total} bytes, over the limit of ` +
        `${maxSkillBytes}. The largest: ${largest.map((f) => `${f.path} (${f.size} bytes)`).join(', ')}. ` +
        'List what the skill does not need in .skillignore, or raise the limit.', root, largest.map((f) => f.path));
}
function clawhubSelection(candidates, onSkipped) {
    const selected = [];
    for (const file of candidates) {
        if ((0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .isSkillCard */ .IV)(file.path))
            continue;
        const verdict = (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .clawhubTextVerdict */ .PG)(file.path);
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
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(file.absolutePath, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK);
        return [];
    }
    catch (error) {
        return [{ kind: 'unreadable', path: file.path, detail: (0,_walk_js__WEBPACK_IMPORTED_MODULE_5__/* .errorCode */ .CA)(error) ?? String(error) }];
    }
}
function sniffText(path) {
    try {
        return (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .looksLikeText */ .nw)((0,_read_js__WEBPACK_IMPORTED_MODULE_3__/* .readHead */ .z)(path, _rules_js__WEBPACK_IMPORTED_MODULE_4__/* .TEXT_SNIFF_BYTES */ .B));
    }
    catch {
        return true;
    }
}


/***/ }),

/***/ 4446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ SMALL_FILE_BYTES),
/* harmony export */   z: () => (/* binding */ readHead)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
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
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(length);
        let filled = 0;
        while (filled < length) {
            const bytesRead = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, buffer, filled, length - filled, filled);
            if (bytesRead === 0)
                break;
            filled += bytesRead;
        }
        return buffer.subarray(0, filled);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
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


/***/ }),

/***/ 6023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   UF: () => (/* binding */ compareCodeUnits),
/* harmony export */   b2: () => (/* binding */ isMissing),
/* harmony export */   jD: () => (/* binding */ walkSkill)
/* harmony export */ });
/* unused harmony exports archiveMode, insidePath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var ignore__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(298);
/* harmony import */ var ignore__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(ignore__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(905);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5891);
// Walks one skill folder and decides, entry by entry, what may be packaged. Nothing is read here
// except ignore files and `.npmrc`: sizes come from lstat/stat, so an oversized file is refused
// before a single byte of it is read. The walk is synchronous: a skill is a few folders and
// files, and synchronous metadata calls cost a fraction of promise-based ones (see read.ts).





/**
 * Reads `.gitignore`, `.clawhubignore` (and its legacy name) and `.skillignore` at the skill root,
 * those of them among `rootEntries` (so that absent ones cost nothing).
 */
function loadIgnoreRules(root, rootEntries) {
    const rules = ignore__WEBPACK_IMPORTED_MODULE_2___default()();
    const present = new Set(rootEntries.map((entry) => entry.name));
    for (const name of _rules_js__WEBPACK_IMPORTED_MODULE_4__/* .IGNORE_FILES */ .hJ) {
        if (!present.has(name))
            continue;
        try {
            rules.add((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, name), 'utf8').split(/\r?\n/));
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
    const rootEntries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(root, { withFileTypes: true });
    const ignored = loadIgnoreRules(root, rootEntries);
    const candidates = [];
    const problems = [];
    /** Is a path inside the skill one that would never be packaged? (Used for symlink targets.) */
    const isExcludedPath = (path) => {
        const segments = path.split('/');
        return segments.some((segment, i) => {
            const prefix = segments.slice(0, i + 1).join('/');
            return (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .isDotName */ .LE)(segment) || (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .isAlwaysExcluded */ .UI)(segment) || ignored(prefix, i < segments.length - 1);
        });
    };
    const addFile = (path, absolutePath, stats) => {
        if (stats.size > options.maxFileBytes) {
            problems.push({ kind: 'too-large', path, detail: `${stats.size} bytes, limit ${options.maxFileBytes}` });
            return;
        }
        candidates.push({ path, absolutePath, size: stats.size, mode: archiveMode(stats) });
        if (candidates.length > options.maxFiles) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PackageError */ .J(`Cannot package the skill in ${root}: it holds more than ${options.maxFiles} files. ` +
                'List generated or vendored folders in .skillignore, or raise the file-count limit.', root);
        }
    };
    const visitDotFile = (entry, path, absolutePath) => {
        // Dot-files are never packaged, but a secret-looking one that no ignore file covers is most
        // likely committed to git (in CI the folder is a checkout): tell the person rather than stay quiet.
        if (!entry.isFile() || ignored(path, false) || options.secretAllowed(path))
            return;
        if ((0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .looksLikeSecret */ .WW)(entry.name)) {
            problems.push({ kind: 'secret', path, detail: 'never packaged as a dot-file, but it should not be in the skill folder' });
        }
        else if (entry.name === '.npmrc' && npmrcHasToken(absolutePath)) {
            problems.push({ kind: 'secret', path, detail: 'holds an _authToken' });
        }
    };
    const visitSymlink = (path, absolutePath) => {
        let target;
        try {
            target = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(absolutePath);
        }
        catch (error) {
            problems.push({ kind: 'symlink-broken', path, detail: `${readLinkOrQuestionMark(absolutePath)}: ${errorCode(error)}` });
            return;
        }
        const targetPath = insidePath(root, target);
        if (targetPath === undefined) {
            problems.push({ kind: 'symlink-escape', path, detail: `points to ${(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(absolutePath)}` });
            return;
        }
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target);
        if (stats.isDirectory()) {
            problems.push({ kind: 'symlink-folder', path, detail: `points to ${targetPath || '.'}` });
            return;
        }
        if (!stats.isFile()) {
            options.onSkipped?.(path, 'a link to something that is not a regular file');
            return;
        }
        // Storing the target's bytes must not smuggle in what the rules keep out (`notes.txt -> .env`).
        if (isExcludedPath(targetPath) || (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .looksLikeSecret */ .WW)(baseName(targetPath))) {
            problems.push({ kind: 'symlink-escape', path, detail: `points to ${targetPath}, which is never packaged` });
            return;
        }
        addFile(path, target, stats);
    };
    const visitDir = (dir, prefix, entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true })) => {
        entries.sort((a, b) => compareCodeUnits(a.name, b.name));
        for (const entry of entries) {
            const path = prefix ? `${prefix}/${entry.name}` : entry.name;
            const absolutePath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, entry.name);
            if ((0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .isDotName */ .LE)(entry.name)) {
                visitDotFile(entry, path, absolutePath);
                continue;
            }
            if ((0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .isAlwaysExcluded */ .UI)(entry.name))
                continue;
            if (entry.isDirectory() && options.excludedDirs.has(absolutePath))
                continue;
            if (ignored(path, entry.isDirectory()))
                continue;
            const unsafe = (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .unsafeEntryReason */ .Xj)(path);
            if (unsafe) {
                problems.push({ kind: 'unsafe-name', path: JSON.stringify(path), detail: unsafe });
                continue;
            }
            if ((0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .looksLikeSecret */ .WW)(entry.name) && !options.secretAllowed(path)) {
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
                addFile(path, absolutePath, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(absolutePath));
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
    const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path);
    if (stats.size > NPMRC_READ_LIMIT)
        return true; // too big to be a plain .npmrc: be safe
    return (0,_rules_js__WEBPACK_IMPORTED_MODULE_4__/* .npmrcHoldsToken */ .yj)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
}
function readLinkOrQuestionMark(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(path);
    }
    catch {
        return '?';
    }
}
/** `target`'s path relative to `root` with `/`, or undefined when it is outside. */
function insidePath(root, target) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, target);
    if (rel === '')
        return '';
    if (rel === '..' || rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel))
        return undefined;
    return rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
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


/***/ })

};
