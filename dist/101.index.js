export const id = 101;
export const ids = [101,839];
export const modules = {

/***/ 3210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ waitForVerdict)
/* harmony export */ });
const sleepFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Look at a publication until its verdict is final or the deadline passes. The registry's own
 * Retry-After beats our interval; we never sleep past the deadline, and we look once more at it
 * so that a verdict that lands during the last sleep is not reported as a timeout.
 */
async function waitForVerdict(first, look, options) {
    const sleep = options.sleep ?? sleepFor;
    const now = options.now ?? Date.now;
    const backoff = options.backoff ?? 1.5;
    const maxInterval = options.maxIntervalMs ?? 30_000;
    const deadline = now() + options.maxWaitMs;
    let state = first;
    let interval = options.pollIntervalMs;
    let polls = 0;
    while (state.verdict === 'pending') {
        const remaining = deadline - now();
        if (remaining <= 0)
            return { state, timedOut: true, polls };
        await sleep(Math.min(Math.max(state.retryAfterMs ?? 0, interval), remaining));
        state = await look();
        polls++;
        interval = Math.min(interval * backoff, maxInterval);
    }
    return { state, timedOut: false, polls };
}


/***/ }),

/***/ 8667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ settle),
/* harmony export */   V: () => (/* binding */ failure)
/* harmony export */ });
/** A skill that failed with an exception: the message is what a person reads, so it must say what to do. */
function failure(result, error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...result, status: 'failed', error: message };
}
/** Registries whose verdict is a security scan (on-scan-timeout applies to them). */
const SCANNING_REGISTRIES = new Set(['clawhub', 'artifactory']);
/** Turn the last state seen (and whether the deadline passed) into the skill's final status. */
function settle(result, outcome, waited, config) {
    const { state } = outcome;
    const settled = {
        ...result,
        url: state.url ?? result.url,
        scan: state.scan ?? result.scan,
        messages: [...result.messages, ...state.messages]
    };
    if (state.verdict !== 'pending')
        return finalVerdict(settled, { ...state, verdict: state.verdict });
    if (!waited)
        return { ...settled, status: 'published', messages: [...settled.messages, 'Not waiting for the verdict (wait is false).'] };
    const seconds = Math.round(config.publish.maxWaitMs / 1000);
    if (result.registry && SCANNING_REGISTRIES.has(result.registry) && config.publish.onScanTimeout === 'pass') {
        return {
            ...settled,
            status: 'published',
            messages: [...settled.messages, `No scan verdict after ${seconds} s; passed because on-scan-timeout is pass.`]
        };
    }
    return {
        ...settled,
        status: 'timed-out',
        error: `No verdict after ${seconds} s (last state: ${state.scan ?? state.verdict}). Raise max-wait, or check the registry for a stuck job.`
    };
}
function finalVerdict(result, state) {
    switch (state.verdict) {
        case 'rejected':
            return { ...result, status: 'rejected', error: reason('The registry rejected', result, state) };
        case 'blocked':
            return { ...result, status: 'blocked', error: reason('The security scan blocked', result, state) };
        default:
            return { ...result, status: state.verdict };
    }
}
function reason(what, result, state) {
    const because = state.messages.length ? `: ${state.messages.join('; ')}` : '.';
    return `${what} ${result.name} ${result.version ?? ''}`.trimEnd() + because;
}


/***/ }),

/***/ 7839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ buildSkillPackage),
/* harmony export */   b: () => (/* binding */ withPackage),
/* harmony export */   packageSkill: () => (/* binding */ packageSkill)
/* harmony export */ });
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8667);

/** Build a skill's archive in the given layout; the skill must be valid and versioned. */
function buildSkillPackage(skill, flavour, config, packager) {
    return packager.build({ dir: skill.location.dir, path: skill.location.path, name: skill.name, version: skill.version.value }, { flavour, outDir: config.artifactsDir, limits: config.limits, allowSecrets: config.allowSecrets });
}
/** The result fields every face shows for a built package. */
function withPackage(result, pkg) {
    return {
        ...result,
        sha256: pkg.sha256,
        fingerprint: pkg.fingerprint,
        artifact: {
            path: pkg.zipPath,
            size: pkg.size,
            files: pkg.files.length,
            sha256: pkg.sha256,
            sha1: pkg.sha1,
            fingerprint: pkg.fingerprint
        }
    };
}
/** `mode: package`: write each valid skill's zip to the artifacts folder. */
async function packageSkill(skill, config, packager, logger) {
    if (!skill.valid)
        return skill.result;
    try {
        const pkg = await buildSkillPackage(skill, config.flavour, config, packager);
        logger.info(`${skill.name} ${pkg.version}: ${pkg.zipPath} (${pkg.files.length} files, ${pkg.size} bytes, sha256 ${pkg.sha256})`);
        return { ...withPackage(skill.result, pkg), status: 'packaged' };
    }
    catch (error) {
        return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .failure */ .V)(skill.result, error);
    }
}


/***/ }),

/***/ 7482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deliverShipment: () => (/* binding */ deliverShipment),
/* harmony export */   discardShipment: () => (/* binding */ discardShipment),
/* harmony export */   prepareShipment: () => (/* binding */ prepareShipment)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_wait_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3210);
/* harmony import */ var _package_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7839);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8667);





/**
 * `mode: publish`, first stage: build the skill's package (CPU and disk, no network). The
 * pipeline runs it a few skills ahead of `deliverShipment`, so packaging overlaps the uploads.
 */
async function prepareShipment(skill, registry, config, packager) {
    const base = { ...skill.result, registry: registry.kind };
    if (!skill.valid)
        return { result: base };
    try {
        return { base, pkg: await (0,_package_js__WEBPACK_IMPORTED_MODULE_2__/* .buildSkillPackage */ .U)(skill, registry.flavour, config, packager) };
    }
    catch (error) {
        return { result: (0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .failure */ .V)(base, error) };
    }
}
/** `mode: publish`, second stage: skip what is already there, upload, wait, clean up. */
async function deliverShipment(shipment, registry, config, logger) {
    if ('result' in shipment)
        return shipment.result;
    const { base, pkg } = shipment;
    try {
        const packaged = (0,_package_js__WEBPACK_IMPORTED_MODULE_2__/* .withPackage */ .b)(base, pkg);
        const existing = await registry.find(pkg);
        if (existing?.sameContent) {
            logger.info(`${pkg.name} ${pkg.version} is already in ${registry.target} with the same content: nothing to upload.`);
            return { ...packaged, status: 'unchanged', url: existing.url, messages: ['Already published with the same content.'] };
        }
        if (existing && !config.publish.force)
            return { ...packaged, status: 'failed', error: contentConflict(pkg, registry, existing.remoteDigest) };
        if (config.publish.dryRun) {
            return { ...packaged, status: 'skipped', messages: [`Dry run: would publish ${pkg.fileName} to ${registry.target}.`] };
        }
        logger.info(`Publishing ${pkg.name} ${pkg.version} to ${registry.target} (${pkg.size} bytes, sha256 ${pkg.sha256})`);
        const publication = await registry.publish(pkg);
        const outcome = config.publish.wait
            ? await (0,_core_wait_js__WEBPACK_IMPORTED_MODULE_4__/* .waitForVerdict */ .m)(publication.state, () => registry.status(publication), config.publish)
            : { state: publication.state, timedOut: false, polls: 0 };
        const result = (0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .settle */ .G)({ ...packaged, jobId: publication.jobId, url: publication.url }, outcome, config.publish.wait, config);
        return await cleanUp(result, publication, registry, config, logger);
    }
    catch (error) {
        return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .failure */ .V)(base, error);
    }
}
/** A package built ahead but never sent (fail-fast stopped the run): its zip does not stay behind unreported. */
async function discardShipment(shipment) {
    if ('pkg' in shipment)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(shipment.pkg.zipPath, { force: true });
}
function contentConflict(pkg, registry, remoteDigest) {
    const theirs = remoteDigest ? ` (registry: ${remoteDigest}; ours: sha256 ${pkg.sha256})` : '';
    return `${pkg.name} ${pkg.version} is already in ${registry.target} with different content${theirs}. Versions are immutable: bump the version in SKILL.md (metadata.version), or push a new tag.`;
}
/** Remove what should not stay: a blocked version (delete-on-blocked), a pre-release once judged (cleanup: delete). */
async function cleanUp(result, publication, registry, config, logger) {
    const judged = result.status !== 'timed-out' && result.status !== 'failed';
    const blocked = result.status === 'blocked' && config.publish.deleteOnBlocked;
    const prerelease = config.publish.cleanup === 'delete' && judged && semver__WEBPACK_IMPORTED_MODULE_1___default().prerelease(publication.version) !== null;
    if (!blocked && !prerelease)
        return result;
    try {
        await registry.remove({ name: publication.name, version: publication.version });
        logger.info(`Removed ${publication.name} ${publication.version} from ${registry.target}.`);
        return { ...result, messages: [...result.messages, `Removed ${publication.version} after the verdict.`] };
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.warning(`Could not remove ${publication.name} ${publication.version}: ${reason}`);
        return { ...result, messages: [...result.messages, `Could not remove ${publication.version}: ${reason}`] };
    }
}


/***/ })

};
