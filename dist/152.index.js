export const id = 152;
export const ids = [152];
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

/***/ 1152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gateSkill: () => (/* binding */ gateSkill)
/* harmony export */ });
/* harmony import */ var _core_wait_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3210);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8667);


/** `mode: status`, the merge gate: the registry's verdict on the version SKILL.md names, nothing published. */
async function gateSkill(skill, registry, config, logger) {
    const base = { ...skill.result, registry: registry.kind };
    if (!skill.valid)
        return base;
    const ref = { name: skill.name, version: skill.version.value };
    try {
        const state = await registry.lookup(ref);
        if (!state) {
            return {
                ...base,
                status: 'failed',
                error: `${ref.name} ${ref.version} is not in ${registry.target}. Publish it first (mode: publish), or check the version and the registry.`
            };
        }
        logger.info(`${ref.name} ${ref.version}: ${state.scan ?? state.verdict}`);
        if (!config.publish.wait && state.verdict === 'pending') {
            // A gate passes on a final verdict only; without waiting, "still scanning" is not a pass.
            return {
                ...base,
                status: 'timed-out',
                scan: state.scan,
                error: `${ref.name} ${ref.version} has no final verdict yet (${state.scan ?? 'pending'}) and wait is false; the gate passes only on a final verdict.`
            };
        }
        const outcome = await (0,_core_wait_js__WEBPACK_IMPORTED_MODULE_1__/* .waitForVerdict */ .m)(state, () => registry.lookup(ref).then((next) => next ?? state), config.publish);
        return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .settle */ .G)(base, outcome, true, config);
    }
    catch (error) {
        return (0,_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .failure */ .V)(base, error);
    }
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


/***/ })

};
