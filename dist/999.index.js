export const id = 999;
export const ids = [999];
export const modules = {

/***/ 5999:
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
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7380);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(195);
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
class TransportError extends _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g {
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
            const shown = this.text.trim() ? `"${this.scrub((0,_messages_js__WEBPACK_IMPORTED_MODULE_4__/* .excerpt */ .Kb)(this.text))}"` : 'an empty body';
            throw new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${this.what}: ${this.method} ${displayUrl(this.url)} answered ${this.status} with ${shown}, which is not JSON. ` +
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
        this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
        const derived = options.authorization ? [options.authorization, options.authorization.replace(/^\w+\s+/, '')] : [];
        this.secrets = [...(options.secrets ?? []), ...derived].filter(secret => secret.length >= 4);
    }
    /** Remove every known secret from a text meant for a person. */
    scrub = (text) => (0,_messages_js__WEBPACK_IMPORTED_MODULE_4__/* .scrubSecrets */ .Zg)(text, this.secrets);
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
            const ambiguous = outcome instanceof TransportError ? outcome.mayHaveLanded : RETRYABLE_STATUSES.has(outcome.status) && !NOT_PROCESSED_STATUSES.has(outcome.status);
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
                response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(url, { method, headers, body: request.body, signal, dispatcher: this.dispatcher });
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
                if (error instanceof _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g)
                    throw error;
                return this.transportError(error, method, url, request.what, timeoutMs, signal.aborted);
            }
            return new HttpResponse(method, url, response.statusCode, answerHeaders, text, request.what, this.now, this.scrub);
        }
    }
    redirectTarget(method, from, status, location, hop, what) {
        const next = new URL(location, from);
        if (hop >= this.settings.maxRedirects) {
            throw new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: more than ${this.settings.maxRedirects} redirects starting at ${displayUrl(from)}; set the target to the final URL.`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${displayUrl(from)} redirected to a ${next.protocol} URL, which skillpub does not follow.`);
        }
        // 301/302/303 would turn an upload into a GET without its body (the fetch rules): refuse
        // rather than "succeed" with nothing sent. 307/308 keep the method and the body.
        if (status !== 307 && status !== 308 && method !== 'GET' && method !== 'HEAD') {
            throw new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${method} ${displayUrl(from)} answered ${status}, a redirect that would drop the request body; ` +
                `set the target to the URL it points at (${displayUrl(next)}).`, { status });
        }
        this.options.logger.debug(`${what}: ${displayUrl(from)} redirected (${status}) to ${displayUrl(next)}`);
        return next;
    }
    /** A token sent over plain http can be read by anyone on the path; loopback never leaves the machine. */
    assertSafeForToken(url, what) {
        if (url.protocol === 'https:' || isLoopbackHost(url.hostname))
            return;
        throw new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: refusing to send the registry token over plain http to ${url.host} (${displayUrl(url)}): ` +
            'anyone on the network path could read it. Use an https:// URL (plain http is allowed only for 127.0.0.1, ::1 and localhost).');
    }
    tooLarge(method, url, what) {
        return new _registry_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .g(`${what}: ${method} ${displayUrl(url)} answered with more than ${Math.round(this.settings.maxResponseBytes / 1024)} KiB; ` +
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

/***/ 195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   Zg: () => (/* binding */ scrubSecrets),
/* harmony export */   by: () => (/* binding */ classifyClawHubError),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   sb: () => (/* binding */ clause),
/* harmony export */   tG: () => (/* binding */ httpFailure)
/* harmony export */ });
/* unused harmony export stripWrappers */
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7380);
// Turning what registries answer into sentences a person can act on: strip transport noise,
// classify by text (ClawHub answers every failure as a plain-text 400), never show a secret.

/** One line, at most `max` characters: enough to recognise a proxy page or a stack trace. */
function excerpt(text, max = 200) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/** Without a final full stop, to be followed by our own sentence. */
function clause(text) {
    return text.replace(/[.\s]+$/, '');
}
function scrubSecrets(text, secrets) {
    let out = text;
    for (const secret of secrets)
        if (secret)
            out = out.split(secret).join('***');
    return out;
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
        return { kind: 'auth', detail, advice: 'check the ClawHub token (input token or CLAWHUB_TOKEN): it may be missing, mistyped, revoked or for another account.' };
    }
    if (status === 429 || /rate limit/.test(text)) {
        return { kind: 'rate-limited', detail, advice: 'ClawHub is rate-limiting this token; run again later or publish fewer skills per run.' };
    }
    if (/version .*already exists|already exists/.test(text)) {
        return { kind: 'version-exists', detail, advice: `version ${version} of ${slug} is already published with other content; bump the version.` };
    }
    if (/slug .*(taken|in use|reserved)|existing skill:/.test(text)) {
        return { kind: 'slug-taken', detail, advice: `the slug ${slug} belongs to another owner (or is reserved); rename the skill, or set owner-handle if you publish for an organisation that owns it.` };
    }
    if (/semver/.test(text)) {
        return { kind: 'invalid-semver', detail, advice: `"${version}" is not a valid semantic version (like 1.2.3); fix the version.` };
    }
    if (/exceeds .*limit|too large|payload too large/.test(text) || status === 413) {
        return { kind: 'too-large', detail, advice: 'ClawHub takes at most 10 MB a file and 50 MB a skill; remove large files or add them to .clawhubignore.' };
    }
    if (/license/.test(text)) {
        return { kind: 'license', detail, advice: 'ClawHub publishes skills under MIT-0 and needs the license terms accepted; check that the registry is a ClawHub-compatible server.' };
    }
    return { kind: 'other', detail, advice: status >= 500 ? 'ClawHub had an internal error; run again later.' : 'fix what the registry names and run again.' };
}
/** A generic failure: what was done, where, what came back, and a hint by status. */
function httpFailure(response, scrub, hint) {
    const said = errorText(response.text);
    const answer = said ? `: ${clause(excerpt(said, 300))}` : ' with an empty body';
    const advice = hint ?? statusHint(response.status, response.retryAfterMs);
    const where = `${response.url.origin}${response.url.pathname}`;
    return new _registry_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .g(scrub(`${response.what} failed: ${response.method} ${where} answered ${response.status}${answer}. ${advice}`), {
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


/***/ }),

/***/ 7380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ RegistryError)
/* harmony export */ });
/** A failure a person can act on; `retryable` failures are transient (network, 5xx, 429). */
class RegistryError extends Error {
    options;
    constructor(message, options = {}) {
        super(message, { cause: options.cause });
        this.options = options;
        this.name = 'RegistryError';
    }
}


/***/ })

};
