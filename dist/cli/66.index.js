export const id = 66;
export const ids = [66];
export const modules = {

/***/ 2066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createRegistry: () => (/* binding */ createRegistry)
});

// UNUSED EXPORTS: secretsToMask

// EXTERNAL MODULE: ./src/registries/http.ts
var registries_http = __webpack_require__(5999);
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

// EXTERNAL MODULE: ./src/registries/messages.ts
var messages = __webpack_require__(195);
// EXTERNAL MODULE: ./src/registries/registry.ts
var registries_registry = __webpack_require__(7380);
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
        const form = new registries_http.FormData();
        form.append('file', await (0,registries_http.fileBlob)(pkg.zipPath, 'application/zip'), pkg.fileName);
        // No idempotency key and no lookup: after an ambiguous failure we send again. The worst case
        // is a second job rejected as a duplicate, never a second publication; status() says so.
        const outcome = await this.options.http.upload({ method: 'POST', url: this.publishUrl, body: form, what }, async () => false);
        if (outcome.landed)
            throw new registries_registry/* RegistryError */.g(`${what}: unexpected upload outcome`);
        const response = outcome.response;
        if (!response.ok)
            throw this.failure(response, pkg.name);
        const job = this.jobOf(response);
        if (!job.jobId) {
            throw new registries_registry/* RegistryError */.g(this.options.http.scrub(`${what}: the registry accepted the upload but answered without a job id ("${(0,messages/* excerpt */.Kb)(response.text)}"); check that the target is a FastSkill registry.`));
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
            throw new registries_registry/* RegistryError */.g(`checking ${this.skillId(publication.name)} ${publication.version} on FastSkill: the publication has no job id; publish it again.`);
        }
        const what = `checking the validation job ${publication.jobId} of ${this.skillId(publication.name)} ${publication.version}`;
        const response = await this.options.http.request({ url: this.statusUrl(publication.jobId), what });
        if (response.status === 404) {
            throw new registries_registry/* RegistryError */.g(`${what}: the registry does not know this job (404). It may have been cleaned up or the registry restarted; check ${this.skillId(publication.name)} on the registry, or publish again.`, { status: 404 });
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
        throw new registries_registry/* RegistryError */.g(`removing ${this.skillId(ref.name)} ${ref.version}: the FastSkill API has no way to delete a version; remove it on the registry server by hand.`);
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
            throw new registries_registry/* RegistryError */.g(this.options.http.scrub(`${response.what} failed: the registry answered ${response.status} but reported failure: ${(0,messages/* clause */.sb)((0,messages/* excerpt */.Kb)(said))}.`));
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
                const errors = (job.validationErrors ?? []).map(error => this.explainValidationError(error, skill, resent));
                return { verdict: 'rejected', messages: errors.length ? errors : message.length ? message : ['the registry rejected the package without saying why'] };
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
            return (0,messages/* httpFailure */.tG)(response, scrub, this.unauthorizedHint());
        if (response.status === 403) {
            const said = (0,messages/* errorText */.kc)(response.text);
            const hint = /permission|role/i.test(said) || !said
                ? `Publishing needs a token with the manager (or admin) role; ask the registry admin for one${this.claims?.role ? ` (this token's role: ${String(this.claims.role)})` : ''}.`
                : `Check that the token may publish to the scope ${this.scope ?? '(unknown)'} for ${this.skillId(name)}.`;
            return (0,messages/* httpFailure */.tG)(response, scrub, hint);
        }
        return (0,messages/* httpFailure */.tG)(response, scrub);
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
            return { name: pkg.name, version: pkg.version, url: page, state: { verdict: 'pending', messages: ['the upload landed although its answer was lost'] } };
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
        throw new registries_registry/* RegistryError */.g(`removing ${ref.name} ${ref.version} from ClawHub: ClawHub can only delete a whole skill, not one version; ` +
            'skillpub will not do that for you. Hide or delete the version on clawhub.ai by hand.');
    }
    /** Visibility first (a hidden version has no public scan), then the scan verdict. Undefined: unknown version. */
    async stateOf(ref) {
        const what = `checking ${ref.name} ${ref.version} on ClawHub`;
        const url = this.pageUrl(ref.name);
        const version = await this.get(this.versionPath(ref.name, ref.version), what);
        const said = (0,messages/* errorText */.kc)(version.text);
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
                throw (0,messages/* httpFailure */.tG)(version, this.options.http.scrub);
        }
        const scan = await this.get(`skills/${encodeURIComponent(ref.name)}/scan`, what, { version: ref.version });
        if (scan.status === 404)
            return { verdict: 'published', messages: ['this ClawHub server reports no scan for the version'], url };
        if (scan.status === 429)
            return { verdict: 'pending', messages: [], url, retryAfterMs: scan.retryAfterMs };
        if (!scan.ok)
            throw (0,messages/* httpFailure */.tG)(scan, this.options.http.scrub);
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
                    ? { verdict: 'approved', scan: status, messages: [`warning: ClawHub's scan flagged the skill as suspicious (allowed by allow-suspicious)`, ...reasons] }
                    : {
                        verdict: 'blocked',
                        scan: status,
                        messages: [`ClawHub's scan flagged the skill as suspicious; review the findings, or set allow-suspicious to accept them`, ...reasons]
                    };
            case 'error':
                // A failed scan is ClawHub's problem, not a verdict on the skill, and ClawHub re-runs
                // scans: keep waiting, and let the pipeline's deadline and on-scan-timeout decide.
                return { verdict: 'pending', scan: status, messages: [`ClawHub's scan of this version failed on ClawHub's side; waiting in case it is re-run`, ...reasons] };
            case 'pending':
            case undefined:
                return { verdict: 'pending', scan: status, messages: reasons };
            default:
                return { verdict: 'pending', scan: status, messages: [`ClawHub reports an unknown scan status "${status}"; still waiting`, ...reasons] };
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
        const form = new registries_http.FormData();
        form.append('payload', JSON.stringify(payload));
        for (const file of pkg.files) {
            if (file.path.toLowerCase() === 'skill-card.md')
                continue;
            form.append('files', await (0,registries_http.fileBlob)(file.absolutePath, contentType(file.path)), file.path);
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
                if (error instanceof registries_registry/* RegistryError */.g && !error.options.retryable)
                    throw error;
                this.options.logger.debug(`ClawHub discovery at ${site.href}${path} failed: ${error.message}`);
                continue;
            }
            if (!response.ok)
                continue;
            const document = response.jsonOrUndefined();
            const base = typeof document?.apiBase === 'string' ? document.apiBase : typeof document?.registry === 'string' ? document.registry : undefined;
            if (!base) {
                this.options.logger.debug(`ClawHub discovery document at ${site.href}${path} names no API base: ${(0,messages/* excerpt */.Kb)(response.text, 120)}`);
                continue;
            }
            const resolved = new URL(base, site);
            this.options.logger.debug(`ClawHub API base: ${resolved.href}`);
            return resolved;
        }
        return site;
    }
    failure(response, pkg) {
        const classified = (0,messages/* classifyClawHubError */.by)(response.status, response.text, { slug: pkg.name, version: pkg.version });
        if (classified.kind === 'other' && response.status !== 400)
            return (0,messages/* httpFailure */.tG)(response, this.options.http.scrub);
        const wait = classified.kind === 'rate-limited' && response.retryAfterMs !== undefined ? ` (ClawHub asked to wait ${Math.ceil(response.retryAfterMs / 1000)} s)` : '';
        return new registries_registry/* RegistryError */.g(this.options.http.scrub(`${response.what} failed (${classified.kind}): ${(0,messages/* clause */.sb)((0,messages/* excerpt */.Kb)(classified.detail, 300)) || `HTTP ${response.status}`}${wait}. To fix: ${classified.advice}`), { status: response.status, retryable: classified.kind === 'rate-limited' });
    }
}
/** `pdf-tools` -> `Pdf Tools`, as the official client titles a folder name. */
function displayName(slug) {
    return slug
        .split('-')
        .filter(Boolean)
        .map(word => word[0].toUpperCase() + word.slice(1))
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
                body: await (0,registries_http.fileBlob)(pkg.zipPath, 'application/zip'),
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
                    messages: ['Xray found the skill malicious or against policy (BLOCKED); it stays in the repository for an administrator to review'],
                    url
                };
            case 'SCAN_IN_PROGRESS':
                return { verdict: 'pending', scan, messages: [], url };
            default:
                return { verdict: 'pending', scan, messages: [`Artifactory reports an unknown scan status "${String(status)}"; still waiting`], url };
        }
    }
    async storedVersion(ref, what) {
        const url = `${this.skillsApi}/api/v1/skills/${encodeURIComponent(ref.name)}/versions`;
        const response = await this.options.http.request({ url, what });
        // 404 means "no such skill", unless it is the repository that is missing: a setup error,
        // which must not read as "not published yet" (the merge gate would wave it through).
        if (response.status === 404 && !/repositor/i.test((0,messages/* errorText */.kc)(response.text)))
            return undefined;
        if (!response.ok)
            throw this.failure(response, ref.name);
        return response.json().versions?.find(entry => entry.version === ref.version);
    }
    async form(pkg) {
        const payload = {
            slug: pkg.name,
            version: pkg.version,
            ...(this.options.changelog ? { changelog: this.options.changelog } : {}),
            ...(this.options.tags?.length ? { tags: this.options.tags } : {})
        };
        const form = new registries_http.FormData();
        form.append('payload', JSON.stringify(payload));
        for (const file of pkg.files)
            form.append('files[]', await (0,registries_http.fileBlob)(file.absolutePath), file.path);
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
        return (0,messages/* httpFailure */.tG)(response, this.options.http.scrub, hints[response.status]);
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
// EXTERNAL MODULE: ./src/core/package/build.ts + 5 modules
var build = __webpack_require__(4968);
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
                    throw new registries_registry/* RegistryError */.g(`${pkg.name}@${pkg.version} is already in ${this.target} (${stored}) with other content: ` +
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
        throw new registries_registry/* RegistryError */.g(`${publication.name}@${publication.version} is no longer in ${this.target}: it was removed after publishing.`);
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
            const kept = index.packages.filter(entry => !(entry.name === ref.name && entry.version === ref.version));
            if (kept.length !== index.packages.length)
                await this.writeIndex({ version: 1, packages: kept });
        });
    }
    /** The stored zip's path relative to the folder: the index's word first, then the layout's. */
    async storedFile(ref) {
        const entry = (await this.readIndex()).packages.find(e => e.name === ref.name && e.version === ref.version);
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
            throw new registries_registry/* RegistryError */.g(`The local registry target ${this.target} is a file, not a folder. Point the target at a folder (it is created when missing).`);
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
            return new registries_registry/* RegistryError */.g(`The local registry target ${this.target} cannot be a folder: part of its path is a file.`, { cause: error });
        }
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
            return new registries_registry/* RegistryError */.g(`The local registry target ${this.target} is not writable (${code}). Choose a folder this run may write to.`, { cause: error });
        }
        return new registries_registry/* RegistryError */.g(`Cannot use ${this.target} as a local registry: ${error.message}`, { cause: error });
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
                    throw new registries_registry/* RegistryError */.g(`${pkg.zipPath} changed after it was built (sha256:${copied}, expected sha256:${pkg.sha256}); package it again.`);
                }
                await (0,promises_.rename)(temporary, destination);
            }
            catch (error) {
                await (0,promises_.unlink)(temporary).catch(() => undefined);
                throw error;
            }
        }
        catch (error) {
            throw error instanceof registries_registry/* RegistryError */.g ? error : this.folderError(error);
        }
    }
    async record(pkg, stored, unchanged) {
        const index = await this.readIndex();
        const previous = index.packages.find(e => e.name === pkg.name && e.version === pkg.version);
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
        const packages = [...index.packages.filter(e => e !== previous), entry].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
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
            const outside = parsed.packages.find(entry => typeof entry?.file !== 'string' || (0,rules/* unsafeEntryReason */.Xj)(entry.file) !== undefined);
            if (outside)
                throw new Error(`entry ${JSON.stringify(outside)} names a file outside the folder`);
            return { version: 1, packages: parsed.packages };
        }
        catch (error) {
            throw new registries_registry/* RegistryError */.g(`${path} is not a skillpub index (${error.message}). Fix it, or move it away to start a new one.`, { cause: error });
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
    // eslint-disable-next-line no-control-regex
    if (value === '' || value === '.' || value === '..' || /[/\\:\u0000-\u001f\u007f]/.test(value)) {
        throw new registries_registry/* RegistryError */.g(`Cannot store ${JSON.stringify(value)} as a ${what} in a local registry: it must be a plain file-name part.`);
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
            throw new registries_registry/* RegistryError */.g('the local registry needs a folder: set the target to a path.');
        return new LocalRegistry({ target: config.target, layout: config.layout, force: options.force });
    }
    const credentials = resolveCredentials(config);
    const http = new registries_http.HttpClient({
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
        throw new registries_registry/* RegistryError */.g('the Artifactory URL is missing: set the target to https://<host>/artifactory.');
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
        throw new registries_registry/* RegistryError */.g(`the Artifactory repository key is missing: set the repository input to your Skills repository (for example skills-local).`);
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
    throw new registries_registry/* RegistryError */.g(`the ${registry} target "${target.replace(/\/\/[^@/]*@/, '//***@')}" is not an http(s) URL; set it to the registry's URL.`);
}
function stripUserInfo(url) {
    const clean = new URL(url.href);
    clean.username = '';
    clean.password = '';
    return clean.href.replace(/\/+$/, '');
}


/***/ })

};
