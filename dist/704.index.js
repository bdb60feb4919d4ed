export const id = 704;
export const ids = [704];
export const modules = {

/***/ 6704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createPackager: () => (/* binding */ createPackager)
/* harmony export */ });
/* unused harmony export SKILLS_PER_THREAD */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4968);
// Packaging across the machine's cores. Building a package is CPU work (deflate, hashing) for the
// main thread's only core, while validation and uploads want that core too: with many skills to
// package, the jobs go to a few worker threads, each running the same `buildPackage`
// (worker.ts). Same inputs, same bytes, whichever thread builds them.
//
// The threads run the bundled dist/package-worker.js beside the bundle's code. Where there is no
// such file (the TypeScript sources under test) or too few skills to repay starting a thread,
// packages are built in the calling thread, which gives the same results.




const WORKER_FILE = 'package-worker.js';
/**
 * A thread is worth starting for about this many skills: starting one (loading the worker bundle,
 * warming its code) costs about what packaging 50 to 100 typical skills in place does, so 100
 * skills were as fast in one thread as in two (see the README's benchmark).
 */
const SKILLS_PER_THREAD = 100;
/** A packager for `skills` packages: threads when that helps and the worker file is there. */
function createPackager(skills, workerFile = bundledWorker()) {
    const threads = Math.min((0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)(), Math.floor(skills / SKILLS_PER_THREAD));
    // In this thread, builds overlap their file reads with each other's deflating.
    if (threads < 2 || !workerFile)
        return { build: _build_js__WEBPACK_IMPORTED_MODULE_3__/* .buildPackage */ .PN, capacity: Math.max(2, (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)()), close: async () => undefined };
    return new ThreadPackager(workerFile, threads);
}
function bundledWorker() {
    const file = siblingOfThisModule(WORKER_FILE);
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file) ? file : undefined;
}
// A function, not `new URL('./x', import.meta.url)` inline: the bundler would treat that
// literal form as an asset to copy, and the worker is a bundle of its own.
function siblingOfThisModule(name) {
    return new URL(name, import.meta.url);
}
/**
 * Jobs a thread holds at once: the one it builds and the next, so that it starts the next as soon
 * as it answers, without waiting for the main thread to wake up and send one (on a 2-core runner,
 * with both cores building, that wait was about a third of a millisecond a skill).
 */
const JOBS_PER_THREAD = 2;
class ThreadPackager {
    workerFile;
    threads;
    /** Each thread's jobs sent and not yet answered, by job id. */
    workers = new Map();
    queue = [];
    nextId = 0;
    capacity;
    constructor(workerFile, threads) {
        this.workerFile = workerFile;
        this.threads = threads;
        this.capacity = threads * JOBS_PER_THREAD;
        // Started now, so that they load while the caller gets its first jobs ready.
        for (let i = 0; i < threads; i++)
            this.startWorker();
    }
    build(skill, options) {
        return new Promise((resolve, reject) => {
            this.queue.push({ job: { id: this.nextId++, skill, options }, resolve, reject });
            this.dispatch();
        });
    }
    async close() {
        const workers = [...this.workers.keys()];
        this.workers.clear();
        await Promise.all(workers.map((worker) => worker.terminate()));
    }
    dispatch() {
        // A thread that died is replaced once there is work for it: each one started takes jobs, so
        // a thread that cannot even start fails the jobs it was given instead of restarting forever.
        while (this.queue.length > 0 && this.workers.size < this.threads)
            this.startWorker();
        for (let depth = 1; depth <= JOBS_PER_THREAD; depth++) {
            // Round by round, so that every thread has one job before any has two.
            for (const [worker, jobs] of this.workers) {
                const pending = this.queue.length > 0 && jobs.size < depth ? this.queue.shift() : undefined;
                if (!pending)
                    continue;
                jobs.set(pending.job.id, pending);
                worker.postMessage(pending.job);
            }
        }
    }
    startWorker() {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_2__.Worker(this.workerFile);
        worker.unref(); // never what keeps the process alive
        const jobs = new Map();
        this.workers.set(worker, jobs);
        worker.on('message', (answer) => {
            const pending = jobs.get(answer.id);
            jobs.delete(answer.id);
            if (pending) {
                if ('pkg' in answer)
                    pending.resolve(answer.pkg);
                else
                    pending.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
            }
            this.dispatch();
        });
        // A thread that dies takes only its own jobs with it; the next jobs get a new thread.
        let failure;
        worker.once('error', (error) => (failure = error));
        worker.once('exit', (code) => this.forget(worker, failure ?? new Error(`it exited with code ${code}`)));
    }
    forget(worker, cause) {
        const jobs = this.workers.get(worker);
        if (!jobs)
            return; // closed
        this.workers.delete(worker);
        const failure = `The packaging thread stopped: ${cause.message}. The skill was not packaged; run again, and report it if it keeps happening.`;
        for (const pending of jobs.values())
            pending.reject(new Error(failure));
        this.dispatch();
    }
}


/***/ })

};
