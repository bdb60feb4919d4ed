export const id = 839;
export const ids = [839];
export const modules = {

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


/***/ })

};
