export const id = 48;
export const ids = [48];
export const modules = {

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

// EXTERNAL MODULE: ./src/core/package/build.ts + 5 modules
var build = __webpack_require__(4968);
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
